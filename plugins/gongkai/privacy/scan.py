"""Everything a record publishes, read as its readers get it, scanned for personal numbers.

What is published: every text value (at its key's line), the Markdown body as rendered by
the site's own converter and sanitiser (at the nearest source line), the summary (the
body's first paragraph when none is written: it lands decoded in feeds, CSV, JSON and
search), the file's own name and the names of its attachments (``source`` in the record
JSON, attachment URLs), and site-wide pages. ``privacy`` decides what a number is;
``readable`` says what a reader gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..checking import Checker
from ..markup import Markup, first_paragraph, sanitise
from ..model import Phone
from ..problems import FieldPath, Problems
from ..reading import yamltext
from ..reading.source import SourceFile, read_source
from ..schema import Schemas
from ..types import ALL_TYPES
from . import personal_numbers, readable
from .personal_numbers import Finding


@dataclass(frozen=True)
class Leak:
    line: int
    where: str  # 「内容概述」, 「正文」, 文件名, 附件“名单.xlsx”（工作表“Sheet1”!C7）
    finding: Finding
    fix: str = "mask"  # "mask": publish.py mask can fix it; otherwise what the clerk should do
    field: FieldPath = ()  # the field it is in (keys and indexes), for the editor to show it there

    def message(self, path: str) -> str:
        how = f"可运行 publish.py mask {path} 自动处理" if self.fix == "mask" else self.fix
        apart = JOINED if self.finding.joined else ""
        return f"{self.where}里有{self.finding.what}（{self.finding.shown}）：{self.finding.fix}。{how}{apart}"


JOINED = "（几组数字之间只隔一个空格、横线或点，读者会连起来读；如果它们本是不同的数，例如几笔金额，请用“、”或文字隔开）"
RENAME = "请给文件改名，文件名会公开在网站上"


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per number (a value can hold it in several runs: as written, as HTML)."""
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.digits, finding)
    return list(seen.values())


def text_findings(value: str, own_phones: frozenset[str]) -> list[Finding]:
    if readable.digit_count(value) < personal_numbers.SHORTEST:
        return []
    return _unique(f for run in readable.text_runs(value) for f in personal_numbers.scan(run, own_phones))


def html_findings(fragment: str, own_phones: frozenset[str]) -> list[Finding]:
    if readable.digit_count(fragment) < personal_numbers.SHORTEST:
        return []
    # A run can show markup as text (a code span's "&nbsp;" or "<!-- -->"): read it as HTML too.
    runs = (text for run in readable.html_runs(fragment) for text in readable.text_runs(run))
    return _unique(f for run in runs for f in personal_numbers.scan(run, own_phones))


def text_values(value: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value with its path; numbers too, since an ID typed bare is an int."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 10**7:
        yield path, str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_values(item, path + (i,))


def _names_a_file(path: FieldPath) -> bool:
    """An attachment's ``file``: its name is scanned as a name, with the attachment (renaming it
    is the fix, and ``mask`` must not change a reference to a file)."""
    return len(path) == 3 and path[0] in ("attachments", "forms") and path[2] == "file"


def field_leaks(data: object, checker: Checker, own_phones: frozenset[str]) -> list[Leak]:
    return [Leak(checker.line(path), checker.label(path), finding, field=path)
            for path, text in text_values(data) if not _names_a_file(path) for finding in text_findings(text, own_phones)]


def body_leaks(body: str, body_html: str, first_line: int, own_phones: frozenset[str],
               render: Callable[[str], str]) -> list[Leak]:
    """The numbers of a body as rendered (``render``: its source to the published HTML)."""
    return [Leak(first_line + _body_line(body, finding.digits, own_phones, render), "「正文」", finding, field=("body",))
            for finding in html_findings(body_html, own_phones)]


def _body_line(body: str, digits: str, own_phones: frozenset[str], render: Callable[[str], str]) -> int:
    """The body line (from 0) where ``digits`` start as rendered: the shortest prefix of lines
    that shows them, then the shortest tail of that prefix that still does."""
    lines = body.split("\n")

    def shows(first: int, last: int) -> bool:
        fragment = render("\n".join(lines[first:last]))
        return any(f.digits == digits for f in html_findings(fragment, own_phones))

    low, high = 1, len(lines)
    if not shows(0, high):
        return 0
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if shows(0, middle) else (middle + 1, high)
    end, low, high = high, 0, high - 1
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if shows(middle, end) else (low, middle - 1)
    return low


def summary_leaks(summary: str, reported: list[Leak], line: int, own_phones: frozenset[str]) -> list[Leak]:
    """A summary taken from the body: its numbers, unless the body's own scan named them."""
    named = {leak.finding.digits for leak in reported}
    return [Leak(line, "「内容概述」（取自正文第一段）", finding, field=("body",))
            for finding in text_findings(summary, own_phones) if finding.digits not in named]


def name_leaks(name: str, line: int, where: str, own_phones: frozenset[str]) -> list[Leak]:
    return [Leak(line, where, finding, RENAME) for finding in text_findings(name, own_phones)]


def source_leaks(source: SourceFile, checker: Checker, own_phones: frozenset[str], published: tuple[str, str] | None = None,
                 markup: Markup | None = None) -> list[Leak]:
    """The leaks of one record file (``published``: its body as HTML and its summary) or of an
    org.yaml (``published`` None): fields, file name, rendered body, a summary taken from the body."""
    leaks = field_leaks(source.data, checker, own_phones) + name_leaks(source.path, 1, "文件名", own_phones)
    if published is None:
        return leaks
    body_html, summary = published
    in_data = "body" in source.data
    first_line = checker.line(("body",)) if in_data else source.body_line
    named = {leak.finding.digits for leak in leaks} if in_data else set()  # the body field was read as text already
    body = source.data["body"] if in_data else source.body
    leaks += [leak for leak in body_leaks(body, body_html, first_line, own_phones, (markup or Markup()).to_html)
              if leak.finding.digits not in named]
    if not source.data.get("summary"):
        leaks += summary_leaks(summary, leaks, first_line, own_phones)
    return leaks


# Site-wide pages (content/pages/), read by Pelican: Markdown with "Key: value" lines on top,
# or HTML. Pelican's extensions aside, the site's converter renders what a reader gets.
MARKDOWN_PAGES = (".md", ".markdown", ".mkd", ".mdown")
HTML_PAGES = (".html", ".htm")
_PAGE_META = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:(.*)$")


def page_leaks(file: Path, content_dir: Path, own_phones: frozenset[str], markup: Markup) -> list[Leak]:
    """A site page's file name, metadata values and body as Pelican publishes them."""
    relative = file.relative_to(content_dir).as_posix()
    leaks = name_leaks(relative, 1, "文件名", own_phones)
    try:
        text = file.read_text("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return leaks  # Pelican reports a page it cannot read
    if file.suffix.lower() in HTML_PAGES:
        return leaks + body_leaks(text, sanitise(text), 1, own_phones, sanitise)
    lines = text.split("\n")
    body_start = 0
    for number, line in enumerate(lines):
        meta = _PAGE_META.match(line)
        if meta is None and not (body_start and line.startswith("    ") and line.strip()):
            break
        value = meta.group(1) if meta else line
        leaks += [Leak(number + 1, "页面信息", finding) for finding in text_findings(value, own_phones)]
        body_start = number + 1
    body = "\n".join(lines[body_start:])
    return leaks + body_leaks(body, markup.to_html(body), body_start + 1, own_phones, markup.to_html)


# One file, for publish.py mask ------------------------------------------------------------

def public_phones(phones: Iterable[str]) -> frozenset[str]:
    """Digits of an org's public phones, as a reader gets them: these may be published."""
    return frozenset(personal_numbers.digits_of(readable.normalise(p)) for p in phones)


def own_phones(file: Path, content: Path) -> frozenset[str]:
    """The public phones of the org whose folder holds ``file``: those stay as they are."""
    try:
        slug = file.resolve().relative_to((content / "orgs").resolve()).parts[0]
        org = yamltext.load((content / "orgs" / slug / "org.yaml").read_text("utf-8"))
        return public_phones(Phone.of(p).number for p in org.get("phones", []))
    except Exception:  # no org, or one that does not read: no phone is public then
        return frozenset()


def file_leaks(file: Path, content: Path, markup: Markup) -> list[Leak]:
    """What ``check`` would refuse in one file (for ``publish.py mask``), plus any number on any
    line (a file whose YAML does not read yet is masked too)."""
    phones = own_phones(file, content)
    text = file.read_text("utf-8-sig")
    leaks = [Leak(number, "这一行", finding) for number, line in enumerate(text.split("\n"), start=1)
             for finding in text_findings(line, phones)]
    file, content = file.resolve(), content.resolve()
    if file.is_relative_to(content / "pages"):
        parsed = page_leaks(file, content, phones, markup)
    elif file.is_relative_to(content):
        parsed = _record_leaks(file, content, phones, markup)
    else:
        return leaks
    named = {leak.finding.digits for leak in parsed}
    return parsed + [leak for leak in leaks if leak.finding.digits not in named]


def _record_leaks(file: Path, content: Path, phones: frozenset[str], markup: Markup) -> list[Leak]:
    source = read_source(file, content, Problems())
    if source is None or source.data.get("type") not in ALL_TYPES:
        return []
    checker = Checker(Problems(), Schemas.shared()[source.data["type"]], source.path, source.data)
    body = source.data.get("body") or source.body
    published = None if source.data["type"] == "org" else (markup.to_html(body), source.data.get("summary") or first_paragraph(body))
    return source_leaks(source, checker, phones, published, markup)
