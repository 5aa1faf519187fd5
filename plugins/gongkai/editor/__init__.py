"""The browser editor for clerks (``publish.py edit``): forms from the schemas, our checks at the field.

A Starlette app (``app.py``) over a ``Workspace`` that keeps the county loaded and re-checks one
record per save; forms come from the JSON Schemas (``fields.py``, ``formdata.py``), records are
written back keeping the clerk's file (``yamlwrite.py``, ``merge.py``) and committed (``commits.py``).
"""
