"""publish.py mask FILE…: mask personal numbers in place, the site-wide way (spec §2)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..privacy import mask_text
from ..project import from_args
from . import UsageError
from ..reading import yamltext

HELP = "把文件里的身份证号、手机号脱敏，删除银行账号（直接改写文件）"


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", help="要处理的记录文件")


def own_phones(file: Path, content: Path) -> frozenset[str]:
    """The public phones of the org whose folder holds ``file``: those stay as they are."""
    try:
        slug = file.resolve().relative_to((content / "orgs").resolve()).parts[0]
        org = yamltext.load((content / "orgs" / slug / "org.yaml").read_text("utf-8"))
        return frozenset(re.sub(r"\D", "", p) for p in org.get("phones", []))
    except (ValueError, OSError, AttributeError, Exception):
        return frozenset()


def run(args) -> int:
    project = from_args(args)
    for name in args.files:
        file = Path(name)
        if not file.is_file():
            file = project.content / name
        if not file.is_file():
            raise UsageError(f"找不到文件 {name}")
        text = file.read_text("utf-8")
        masked, count = mask_text(text, own_phones(file, project.content))
        if count:
            file.write_text(masked, encoding="utf-8")
        print(f"{file}：处理了 {count} 处", file=sys.stderr)
    return 0
