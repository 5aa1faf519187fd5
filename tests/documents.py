"""Small real attachments for tests: PDF, DOCX, XLSX, OFD, JPEG and PNG holding given text.

The PDF is written by hand (one uncompressed page, Helvetica: digits and Latin text), DOCX
and OFD are zipped XML as their standards lay out, XLSX comes from openpyxl and the
pictures from Pillow. Every file opens in the program it is made for.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def pdf(*lines: str, binary: bytes = b"") -> bytes:
    """A one-page PDF showing ``lines``; ``binary`` goes into an extra stream (any bytes at all)."""
    text = "".join(f"({line.replace('(', ' ').replace(')', ' ')}) Tj 0 -20 Td " for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text}ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    if binary:
        objects.append(b"<< /Length %d >>\nstream\n" % len(binary) + binary + b"\nendstream")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


BOLD = '<w:rPr><w:b/><w:sz w:val="24"/></w:rPr>'
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(*paragraphs: str, macros: bool = False) -> bytes:
    """Each paragraph's text; ``**x**`` marks a bold run, so one paragraph can hold several runs."""
    def runs(text: str) -> str:
        pieces = text.split("**")
        return "".join(f'<w:r>{BOLD if i % 2 else ""}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
                       for i, piece in enumerate(pieces) if piece)
    body = "".join(f"<w:p>{runs(p)}</w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
    }
    if macros:
        parts["word/vbaProject.bin"] = "macro"
    return _zip(parts)


def xlsx(rows: list[list], sheet: str = "名单") -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ofd(*lines: str) -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    texts = "".join(f'<ofd:TextObject ID="{i + 10}" Boundary="0 {i * 10} 100 10" Font="1" Size="5"><ofd:TextCode X="0" Y="5">'
                    f"{escape(line)}</ofd:TextCode></ofd:TextObject>" for i, line in enumerate(lines))
    return _zip({
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   "<ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>'
                              '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                              '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{texts}'
                                          "</ofd:Layer></ofd:Content></ofd:Page>",
    })


def photo(kind: str = "JPEG", gps: bool = False, device: str | None = None, orientation: int | None = None) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    if device:
        exif[0x010F] = device
        exif[0x013B] = "村文书"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (30.0, 40.0, 50.0), 3: "E", 4: (104.0, 3.0, 30.0)}
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (200, 30, 30)).save(out, kind, exif=exif)
    return out.getvalue()
