"""The text inside an attachment, run by run, with where in the file each run is.

Leaks cluster in attached spreadsheets, so an attachment's text gets the same privacy
scan as a page. XLSX is read with openpyxl (exact integers, cell coordinates), PDF with
pypdf, DOCX and OFD are zipped XML read with the standard library: a paragraph (``w:p``)
or a text object (``ofd:TextObject``) is one run, as a table cell on a page is.

``runs(file, kind)`` yields ``(where, text)``: ``工作表“名单”!C7``, ``第 2 页``, ``第 3 段``,
or the part of the file (document properties, headers, comments). ``Unreadable`` carries
a clerk's message for a file that cannot be read (damaged, or locked with a password).
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

# Zipped parts bigger than this are not read (a zip bomb), and the attachment is refused.
PART_LIMIT = 64 * 1024 * 1024
_PARAGRAPHS = frozenset({"p", "TextObject", "si"})  # DOCX and drawings, OFD, shared strings
_BREAKS = frozenset({"tab", "br", "cr"})
_OFD_PAGE = re.compile(r"Pages/Page_(\d+)/Content\.xml$")
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)  # its warnings about odd PDFs are not a clerk's concern


class Unreadable(Exception):
    """The attachment cannot be read, so it cannot be checked; the message says what to do."""


# (where in the file, the text there): 工作表“收支”!C7, 第 2 页, 第 5 段
Runs = Iterator[tuple[str, str]]


def runs(file: Path, kind: str) -> Runs:
    readers: dict[str, Callable[[Path], Runs]] = {"xlsx": _xlsx_runs, "pdf": _pdf_runs, "docx": _zipped_xml_runs,
                                                  "ofd": _zipped_xml_runs}
    reader = readers.get(kind)
    if reader is None:
        return
    try:
        yield from reader(file)
    except Unreadable:
        raise
    except Exception as error:  # a damaged file: every reader fails in its own way
        raise Unreadable("文件打不开（可能已损坏）：请用原来的程序重新另存后再附上") from error


def _xlsx_runs(file: Path) -> Runs:
    import openpyxl  # imported when a spreadsheet is attached: most builds have none

    _check_zip(file)
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield f"工作表“{sheet.title}”", sheet.title
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None and hasattr(cell, "coordinate"):
                        yield f"工作表“{sheet.title}”!{cell.coordinate}", _cell_text(cell.value)
    finally:
        workbook.close()
    yield from _zipped_xml_runs(file, parts=lambda name: not name.startswith(("xl/worksheets/", "xl/sharedStrings")))


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _pdf_runs(file: Path) -> Runs:
    import pypdf

    reader = pypdf.PdfReader(file)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("文件加了打开密码，读者打不开，也无法检查：请去掉密码后再附上")
    for value in (reader.metadata or {}).values():
        yield "文档属性", str(value)
    for number, page in enumerate(reader.pages, start=1):
        for line in page.extract_text().splitlines():
            yield f"第 {number} 页", line


def _check_zip(file: Path) -> None:
    with zipfile.ZipFile(file) as archive:
        if any(info.file_size > PART_LIMIT for info in archive.infolist()):
            raise Unreadable("文件里有一部分大得不正常（可能是恶意文件），无法检查：请用原来的程序重新另存后再附上")


def _zipped_xml_runs(file: Path, parts: Callable[[str], bool] = lambda name: True) -> Runs:
    _check_zip(file)
    paragraph = 0
    with zipfile.ZipFile(file) as archive:
        for name in sorted(archive.namelist()):
            if not (name.endswith((".xml", ".rels")) and parts(name)):
                continue
            root = ElementTree.fromstring(archive.read(name))
            page = _OFD_PAGE.search(name)
            for text in _element_runs(root):
                if name == "word/document.xml":
                    paragraph += 1
                    yield f"第 {paragraph} 段", text
                else:
                    yield (f"第 {int(page.group(1)) + 1} 页" if page else name), text


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _element_runs(element: ElementTree.Element) -> Iterator[str]:
    """A paragraph-like element as one run; elsewhere each piece of text, and link targets."""
    if _local(element.tag) in _PARAGRAPHS:
        yield "".join(_paragraph_text(element))
        return
    target = element.get("Target") if _local(element.tag) == "Relationship" else None
    if target:
        yield unquote(target)
    if element.text and element.text.strip():
        yield element.text
    for child in element:
        yield from _element_runs(child)
        if child.tail and child.tail.strip():
            yield child.tail


def _paragraph_text(element: ElementTree.Element) -> Iterator[str]:
    if _local(element.tag) in _BREAKS:
        yield " "
    if element.text:
        yield element.text
    for child in element:
        yield from _paragraph_text(child)
        if child.tail:
            yield child.tail
