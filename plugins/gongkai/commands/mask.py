"""publish.py mask FILE…: mask personal numbers in place, the site-wide way (spec §2).

The numbers are the ones ``check`` refuses (the same scan of what a reader gets, so a
full-width or split-up ID is found); ``masking`` overwrites every written form of each.
Whatever is still there afterwards is named, one line each, and the exit status is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..checking import Checker
from ..load import public_phones
from ..markup import Markup, first_paragraph
from ..masking import mask_numbers
from ..privacy_scan import Leak, page_leaks, source_leaks, text_findings
from ..problems import Problems
from ..project import UsageError, open_project
from ..reading import yamltext
from ..reading.source import read_source
from ..schema import RECORD_TYPES, Schemas

HELP = "把文件里的身份证号、手机号脱敏，删除银行账号（直接改写文件）"


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", help="要处理的记录文件")
    parser.add_argument("--content", help="内容文件夹（默认 content）")
    parser.add_argument("--config", help="配置文件（默认 pelicanconf.py）")


def own_phones(file: Path, content: Path) -> frozenset[str]:
    """The public phones of the org whose folder holds ``file``: those stay as they are."""
    try:
        slug = file.resolve().relative_to((content / "orgs").resolve()).parts[0]
        org = yamltext.load((content / "orgs" / slug / "org.yaml").read_text("utf-8"))
        return public_phones(p for p in org.get("phones", []) if isinstance(p, str))
    except Exception:  # no org, or one that does not read: no phone is public then
        return frozenset()


def leaks_in(file: Path, content: Path, schemas: Schemas, markup: Markup) -> list[Leak]:
    """What ``check`` would refuse in ``file``, plus any number on any line (a file whose YAML
    does not read yet is masked too)."""
    phones = own_phones(file, content)
    text = file.read_text("utf-8-sig")
    leaks = [Leak(number, "这一行", finding) for number, line in enumerate(text.split("\n"), start=1)
             for finding in text_findings(line, phones)]
    file, content = file.resolve(), content.resolve()
    if file.is_relative_to(content / "pages"):
        parsed = page_leaks(file, content, phones, markup)
    elif file.is_relative_to(content):
        parsed = _record_leaks(file, content, phones, schemas, markup)
    else:
        return leaks
    named = {leak.finding.digits for leak in parsed}
    return parsed + [leak for leak in leaks if leak.finding.digits not in named]


def _record_leaks(file: Path, content: Path, phones: frozenset[str], schemas: Schemas, markup: Markup) -> list[Leak]:
    source = read_source(file, content, Problems())
    if source is None or source.data.get("type") not in RECORD_TYPES:
        return []
    checker = Checker(Problems(), schemas[source.data["type"]], source.path, source.data)
    body = source.data.get("body") or source.body
    published = None if source.data["type"] == "org" else (markup.to_html(body), source.data.get("summary") or first_paragraph(body))
    return source_leaks(source, checker, phones, published, markup)


def run(args) -> int:
    project = open_project(content=args.content, config=args.config)
    schemas, markup = Schemas(), Markup()
    left_over = 0
    for name in args.files:
        file = Path(name)
        if not file.is_file():
            file = project.content / name
        if not file.is_file():
            raise UsageError(f"找不到文件 {name}")
        text = file.read_text("utf-8-sig")
        masked, count = mask_numbers(text, [leak.finding for leak in leaks_in(file, project.content, schemas, markup)])
        if count:
            file.write_text(masked, encoding="utf-8")
        print(f"{file}：处理了 {count} 处", file=sys.stderr)
        for leak in sorted(leaks_in(file, project.content, schemas, markup), key=lambda l: l.line):
            left_over += 1
            how = f"{leak.finding.fix}，请手工修改这一处" if leak.fix == "mask" else leak.fix
            print(f"{file}:{leak.line}: 错误: {leak.where}里的{leak.finding.what}（{leak.finding.shown}）无法自动处理：{how}")
    return 1 if left_over else 0
