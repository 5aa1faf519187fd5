"""Spreadsheet import: the journals, recipient lists and budgets clerks keep → record files.

``import_workbooks(paths, org, content_dir, …) -> ImportResult`` is the one entry point
(``publish.py import`` and the browser editor call it). Inside, in the order a workbook
goes through them:

  workbook.py      a file → sheets, whatever it really is (formats.py sniffs the bytes;
                   excel.py: xlsx/xls/xlsb/ods via calamine; delimited.py: CSV in any
                   Chinese encoding; htmltable.py, spreadsheetml.py: web platforms' "xls")
  table.py         a sheet's cells and their addresses (F6); cells.py reads one cell as
                   money, a count, a date or text, reporting problems at that cell
  header.py        the title rows and the (two-row, merged) header; sheets.py says which
                   type a sheet is by its header
  journal.py       cash / bank journal → finance records, one per month or quarter
  recipients.py    subsidy and 低保 lists → subsidy records (IDs masked or dropped)
  budget.py        budget and final-account sheets → budget records
  yamlout.py       a draft → YAML the way the publish.py new templates read
  reimport.py      fingerprints: a record edited by hand since its import is kept
  verify.py        the build's own checks on a staging copy before anything is written
  importer.py      all of the above, all or nothing
  blank.py         publish.py new <type> --xlsx: a blank workbook in the layout read best
"""

from .importer import ImportResult, import_workbooks

__all__ = ["ImportResult", "import_workbooks"]
