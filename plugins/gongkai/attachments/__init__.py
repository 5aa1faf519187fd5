"""Files records attach (PDF, OFD, DOCX, XLSX, JPG, PNG): what they are, what they say, what they carry.

* ``kinds``: the file's kind by its content, not its name (no HTML, SVG or macros on the site);
* ``text``: the text of a document, with its place (sheet!cell, page, paragraph);
* ``images``: photos published without their metadata, or refused with a GPS position;
* ``checks``: all of that for one attachment, as problem lines.
"""
