"""What a file really is, from its first bytes, whatever its name says.

Web platforms export "xls" files that are HTML tables or SpreadsheetML (Excel 2003 XML);
a password turns an .xlsx into an OLE container; a clerk may pick a Word file by mistake.
Each gets recognised here, so the reader that fits is used or the clerk is told exactly
what the file is.
"""

from __future__ import annotations

import io
import zipfile

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"


class Unreadable(Exception):
    """The file cannot be imported; the message tells the clerk why and what to do."""


CORRUPT = "文件已损坏，无法读取：请在 Excel 或 WPS 里打开它，能打开就“另存为”一份新的 .xlsx 再导入"


def _zip_kind(raw: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError):
        raise Unreadable(CORRUPT) from None
    if b"opendocument.spreadsheet" in mimetype:
        return "encrypted" if b"encryption-data" in manifest else "ods"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "excel"
    if "word/document.xml" in names:
        raise Unreadable("这是 Word 文档（.docx），不是表格：请导入 Excel 或 WPS 表格文件")
    if mimetype:
        raise Unreadable("这是 OpenDocument 文字或演示文档，不是表格：请导入 .ods 或 .xlsx 表格")
    raise Unreadable("这是一个压缩包，不是表格文件：请解压后导入里面的 .xlsx、.xls 或 .csv 表格")


def _ole_kind(raw: bytes) -> str:
    if "EncryptionInfo".encode("utf-16-le") in raw:
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in raw:
        raise Unreadable("这是 Word 文档（.doc），不是表格：请导入 Excel 或 WPS 表格文件")
    return "excel"


def _text_head(raw: bytes) -> str | None:
    """The first characters, lower-cased; None for bytes that are no text at all."""
    head = raw[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").lstrip("\ufeff").lstrip().lower()
    if b"\x00" in head:
        return None
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1").lstrip().lower()


def sniff(raw: bytes) -> str:
    """excel (xlsx, xlsm, xlsb, xls), ods, encrypted, html, spreadsheetml or text (CSV and the like)."""
    if not raw.strip():
        raise Unreadable("文件是空的（0 字节或只有空白）：请确认选对了文件，或在 Excel 里重新保存一次")
    if raw.startswith(ZIP):
        return _zip_kind(raw)
    if raw.startswith(OLE):
        return _ole_kind(raw)
    if raw.startswith(b"%PDF"):
        raise Unreadable("这是 PDF 文件，不是表格：请导入原来的 Excel 或 WPS 表格（.xlsx、.xls），PDF 可作为附件上传")
    head = _text_head(raw)
    if head is None:
        raise Unreadable("无法识别的文件格式（既不是 Excel、WPS 表格，也不是 CSV 文字）：请在 Excel 或 WPS 里“另存为”.xlsx 再导入")
    if head.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "spreadsheetml"
    if head.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")) or (
            head.startswith("<") and "<table" in head):
        return "html"
    return "text"


def decode_text(raw: bytes) -> str:
    """Text as a Chinese Windows machine writes it: UTF-8 with or without BOM, UTF-16 (Excel's
    "Unicode text"), else GBK / GB18030 (its superset)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise Unreadable("文件里的文字既不是 UTF-8 也不是 GBK 编码，无法读取：请在 Excel 或 WPS 里打开后“另存为”.xlsx 再导入") from None
