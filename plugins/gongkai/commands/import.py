"""publish.py import FILE… --org SLUG: journals, recipient lists and budgets → records (spec §5)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from . import UsageError

HELP = "把 Excel / WPS / CSV 表格（现金日记账、补贴名单、预算表）导入为记录"


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", help="表格文件：.xlsx .xls .ods .csv（可以一次导入多个）")
    parser.add_argument("--org", required=True, help="机构文件夹名，例如 xiaohe-village")
    parser.add_argument("--type", choices=("finance", "subsidy", "budget"),
                        help="表格类型：finance 日记账、subsidy 名单、budget 预算（默认按表头识别）")
    parser.add_argument("--dry-run", action="store_true", help="只检查、列出将写入的文件，不写入")
    parser.add_argument("--force", action="store_true", help="覆盖导入后被手工改过的记录")
    parser.add_argument("--program", help="名单的项目名称（表格标题里没有写时）")
    parser.add_argument("--year", type=int, help="年度（表格标题、表头里没有写时）")
    parser.add_argument("--date", help="记录的生成日期 YYYY-MM-DD（默认：再次导入时保留原来的，新记录用今天）")


def _record_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date 的日期“{text}”不对：请写成 2026-03-05") from None


def run(args) -> int:
    from ..importing import import_workbooks
    from ..project import from_args
    from .check import print_problems

    project = from_args(args)
    missing = [name for name in args.files if not Path(name).is_file()]
    if missing:
        raise UsageError(f"找不到文件 {'、'.join(missing)}：请检查文件名和所在的文件夹")
    result = import_workbooks(args.files, args.org, project.content, args.type, args.dry_run, args.force,
                              settings=project.settings, output_dir=project.output, program=args.program,
                              year=args.year, record_date=_record_date(args.date))
    print_problems(result.problems)
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if errors:
        print(f"共 {errors} 个错误、{warnings} 个警告：没有写入任何文件。请按上面每一行的提示改正表格后再导入", file=sys.stderr)
        return 1
    summaries = {draft.relative: draft.summary for draft in result.drafts}
    org_dir = project.content / "orgs" / args.org
    for verb, targets in (("将写入" if args.dry_run else "已写入", result.written), ("未变（与表格相同）", result.unchanged)):
        for target in targets:
            relative = target.relative_to(org_dir).as_posix()
            print(f"{verb} {target.relative_to(project.content).as_posix()}：{summaries[relative]}", file=sys.stderr)
    done = "检查通过，没有写入（--dry-run）" if args.dry_run else "导入完成"
    print(f"{done}：{len(result.written)} 条记录{'将' if args.dry_run else ''}写入，{len(result.unchanged)} 条未变，"
          f"{warnings} 个警告；请运行 publish.py check 或 build", file=sys.stderr)
    return 0
