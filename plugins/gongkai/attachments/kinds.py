"""What an attachment is, by its content: only the document and image formats of spec §1.

An ``.html`` or ``.svg`` file copied into the site runs its scripts on the site's own
origin; a file renamed to ``.pdf`` is still what it was. So the suffix must be one of
PDF, OFD, DOCX, XLSX, JPG, PNG and the first bytes (for the zipped formats, the parts
inside) must say the same; a macro-enabled Office file is refused as well.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ALLOWED = "PDF、OFD、DOCX、XLSX、JPG、PNG"
KIND_OF_SUFFIX = {".pdf": "pdf", ".ofd": "ofd", ".docx": "docx", ".xlsx": "xlsx", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
NAMES = {"pdf": "PDF 文档", "ofd": "OFD 文档", "docx": "Word 文档（DOCX）", "xlsx": "Excel 表格（XLSX）",
         "jpeg": "JPG 图片", "png": "PNG 图片"}
IMAGES = frozenset({"jpeg", "png"})
_MAGIC = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}
_ZIP_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "OFD.xml": "ofd"}


class Refused(Exception):
    """The attachment may not be published; the message says why and what to do."""


def content_kind(file: Path) -> str | None:
    """The format the bytes of ``file`` are, among the allowed ones; None for any other."""
    with file.open("rb") as stream:
        head = stream.read(8)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    return next((kind for marker, kind in _ZIP_MARKERS.items() if marker in names), None)


def macros_inside(file: Path) -> bool:
    with zipfile.ZipFile(file) as archive:
        return any(name.lower().endswith("vbaproject.bin") for name in archive.namelist())


def check_kind(file: Path, written: str) -> str:
    """The attachment's kind; ``Refused`` with a clerk's message when it may not be published."""
    wanted = KIND_OF_SUFFIX.get(file.suffix.lower())
    if wanted is None:
        raise Refused(f"附件“{written}”不是可以发布的文件格式：网站只发布 {ALLOWED}（网页、SVG 等文件放到网站上会运行其中的脚本）："
                      "请另存为 PDF 后再附上")
    actual = content_kind(file)
    if actual != wanted:
        what = f"其实是{NAMES[actual]}" if actual else f"不是{NAMES[wanted]}，也不是其他可以发布的格式"
        raise Refused(f"附件“{written}”的后缀是 {file.suffix}，内容却{what}（可能是改了后缀名的文件）："
                      f"请用原来的程序另存为 {ALLOWED} 中的一种，并用对应的后缀名")
    if actual in ("docx", "xlsx") and macros_inside(file):
        raise Refused(f"附件“{written}”里带有宏（可以运行的代码）：请另存为不带宏的 .{actual} 文件后再附上")
    return actual
