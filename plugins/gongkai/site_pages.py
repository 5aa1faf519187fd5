"""Site-wide pages (``content/pages/``): checked before Pelican reads them.

Pelican publishes these itself, and skips a page it cannot use with an English log line
while the build succeeds one page short: a page without a title, one whose metadata it
cannot read, a file whose suffix it does not know (``about.MD``, ``about.md.txt``). Here
each becomes a Chinese line at the file, like a record's: an error for a page Pelican
would drop, a warning for a file that is no page at all. Pelican's own readers read the
pages, with its default settings, so the check and the build agree.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG

from .problems import Problems
from .unpublished import notepad_advice, visible_files

PAGES = "pages"
_TITLE_LINE = re.compile(r"^\s*title\s*:", re.IGNORECASE | re.MULTILINE)


def check_site_pages(content_dir: Path, problems: Problems) -> None:
    folder = content_dir / PAGES
    if not folder.is_dir():
        return
    readers = Readers(copy.deepcopy(DEFAULT_CONFIG)).readers
    for file in visible_files(folder):
        path = file.relative_to(content_dir).as_posix()
        suffix = file.suffix[1:]
        if suffix in readers and suffix != "static":
            _check_page(file, path, readers[suffix], problems)
        else:
            problems.warning(path, 1, _not_a_page(file, readers))


def _check_page(file: Path, path: str, reader, problems: Problems) -> None:
    try:
        _, metadata = reader.read(str(file))
    except UnicodeDecodeError:
        problems.error(path, 1, "网站页面不是 UTF-8 编码，Pelican 读不了，它不会发布：请用记事本或 WPS 打开后“另存为”，编码选 UTF-8")
        return
    except Exception as error:  # noqa: BLE001 - Pelican drops the page on any error reading it
        problems.error(path, 1, f"网站页面开头的设置读不出来（{error}），它不会发布：开头几行写成“Title: 页面标题”“Date: 2026-03-01”，"
                                "空一行后再写正文")
        return
    if "title" not in metadata:
        problems.error(path, 1, "网站页面缺少标题，它不会发布：请在第一行写“Title: 页面标题”，空一行后再写正文")
    elif not str(metadata["title"]).strip():
        text = file.read_text("utf-8-sig")
        title = _TITLE_LINE.search(text)
        line = text.count("\n", 0, title.start()) + 1 if title else 1
        problems.error(path, line, "网站页面的标题是空的：请在“Title:”后面写上页面标题")


def _not_a_page(file: Path, readers) -> str:
    lower = file.suffix[1:].lower()
    if lower in readers:
        return f"扩展名要小写，Pelican 才会读这个页面：请把文件改名为“{file.stem}.{lower}”"
    return notepad_advice(file, "这个页面") or ("这个文件不是网站页面（页面要写成 .md 文件），它不会发布："
                                            "图片和附件请放在机构文件夹里，由记录列为附件")
