"""publish.py new <type> --org <slug>: a commented Chinese template for a clerk to fill in."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from ..project import PROJECT_DIR, from_args
from . import UsageError
from ..types import ALL_TYPES, ORG_FILE

HELP = "按模板新建一条记录（带中文注释）"
REPOSITORY_SCHEMAS = PROJECT_DIR / "schemas"  # kept current by tests/test_schema_files.py


def add_arguments(parser) -> None:
    parser.add_argument("type", choices=list(ALL_TYPES), help="记录类型")
    parser.add_argument("--org", required=True, help="机构文件夹名，例如 xiaohe-village")
    parser.add_argument("--name", help="新文件名（不含扩展名）；默认按日期和类型命名")
    parser.add_argument("--xlsx", action="store_true",
                        help="改为在当前文件夹写一个空白 Excel 表格（finance、subsidy、budget），填好后用 publish.py import 导入")


def schema_url(project, target: Path, record_type: str) -> str:
    """Where the clerk's editor finds the schema: the published site's /schemas/, else the
    repository's schemas/ folder (there on a fresh clone, without a build), from the new file."""
    site_url = project.settings.site_url
    if site_url:
        return f"{site_url}/schemas/{record_type}.json"
    return Path(os.path.relpath(REPOSITORY_SCHEMAS / f"{record_type}.json", target.parent)).as_posix()


def template_text(record_type: str, schema_address: str) -> str:
    """The commented template of a type, with the line that points editors at its schema."""
    template = ALL_TYPES[record_type].new_template.read_text("utf-8")
    if not schema_address:
        return template
    line = f"# yaml-language-server: $schema={schema_address}\n"
    if template.startswith("---\n"):
        return "---\n" + line + template[4:]
    return line + template


def target_path(org_dir: Path, record_type: str, name: str | None) -> Path:
    if record_type == "org":
        return org_dir / ORG_FILE
    stem = name or f"{date.today().isoformat()}-{record_type}"
    return org_dir / record_type / f"{stem}{ALL_TYPES[record_type].new_template.suffix}"


def run(args) -> int:
    project = from_args(args)
    if args.xlsx:
        return _blank_workbook(args, project)
    org_dir = project.content / "orgs" / args.org
    if args.type != "org" and not (org_dir / ORG_FILE).is_file():
        raise UsageError(f"机构 {args.org} 不存在（没有 {org_dir / ORG_FILE}）：请先运行 publish.py new org --org {args.org}")
    target = target_path(org_dir, args.type, args.name)
    if target.exists():
        raise UsageError(f"{target} 已经存在：请用 --name 换一个文件名")
    text = template_text(args.type, schema_url(project, target, args.type))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已新建 {target}：请按注释修改后运行 publish.py check", file=sys.stderr)
    print(target)
    return 0


BLANK_NAMES = {"finance": "现金日记账", "subsidy": "发放名单", "budget": "预算表"}


def _blank_workbook(args, project) -> int:
    """A workbook to fill in and import, written outside the content folder: it will hold
    full ID numbers, which must never be committed with the content."""
    from ..importing.blank import write_blank
    from ..importing.importer import read_org

    if args.type not in BLANK_NAMES:
        raise UsageError(f"--xlsx 只能用于 finance、subsidy、budget（{args.type} 请用 YAML 模板：去掉 --xlsx）")
    org = read_org(project.content, args.org)
    target = Path(f"{args.name or BLANK_NAMES[args.type] + '-' + args.org}.xlsx")
    if target.exists():
        raise UsageError(f"{target} 已经存在：请用 --name 换一个文件名")
    write_blank(args.type, org, date.today().year, target)
    print(f"已新建 {target}：填好后运行 publish.py import {target} --org {args.org}", file=sys.stderr)
    print(target)
    return 0
