"""A minimal Word (.docx, WordprocessingML) writer: centred titles, paragraphs and bordered
two-column tables on A4, which is all a printable form needs.

Written by hand rather than with python-docx: that library stamps every zip entry with the
time of writing, and a build must give the same bytes for the same input. Here every entry
has the same fixed time and the parts are always written in the same order.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1134  # A4 and 2 cm, in twentieths of a point
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
ROW, TALL_ROW = 425, 1701  # 0.75 cm and 3 cm of room to write in: the form fits one A4 page

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
</Types>"""
RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="word/document.xml"/></Relationships>"""


def run(text: str, size: int = 24, bold: bool = False) -> str:
    """Text in one style; ``size`` in half-points (24 = 小四, 12 pt)."""
    style = f'<w:rFonts w:eastAsia="宋体"/>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f'<w:r><w:rPr>{style}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(text: str, size: int = 24, bold: bool = False, centred: bool = False) -> str:
    alignment = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centred else ""
    return f"<w:p>{alignment}{run(text, size, bold)}</w:p>"


def title(text: str) -> str:
    return paragraph(text, size=36, bold=True, centred=True)


def _cell(text: str, width: int, span: int = 1, bold: bool = False) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>{paragraph(text, size=21, bold=bold)}</w:tc>'


def _row(cells: str, height: int) -> str:
    return f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>{cells}</w:tr>'


def table(rows: list[tuple[str, str, bool] | str], label_width: int = 2835) -> str:  # labels 5 cm wide
    """A bordered table the width of the page: a (label, text, tall) row has a label cell and a
    cell to write in; a plain string is a heading row across both."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    value_width = TEXT_WIDTH - label_width
    body = []
    for row in rows:
        if isinstance(row, str):
            body.append(_row(_cell(row, TEXT_WIDTH, span=2, bold=True), ROW))
        else:
            label, text, tall = row
            body.append(_row(_cell(label, label_width) + _cell(text, value_width), TALL_ROW if tall else ROW))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{label_width}"/><w:gridCol w:w="{value_width}"/>'
            f'</w:tblGrid>{"".join(body)}</w:tbl>')


def document(blocks: list[str]) -> bytes:
    """The .docx file of ``blocks`` (from title, paragraph, table) on A4 pages, byte for byte reproducible."""
    section = (f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" '
               f'w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
    main = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
            f'{"".join(blocks)}{section}</w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELATIONSHIPS), ("word/document.xml", main)):
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
