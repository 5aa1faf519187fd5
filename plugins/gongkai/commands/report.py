"""publish.py report: who is overdue — missing finance records, stale columns — and whom to call.

The site's freshness page measures against its newest record (a page must not depend on
the clock); the county office asks "as of today", so this command does, unless --as-of.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from ..project import from_args
from . import UsageError

HELP = "列出逾期未公开的机构（缺少的财务公开、过期的栏目）和它们的电话"


def add_arguments(parser) -> None:
    parser.add_argument("--as-of", help="按哪一天计算（YYYY-MM-DD，默认今天）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of 的日期“{text}”不对：请写成 YYYY-MM-DD，例如 2026-11-30") from None


def run(args) -> int:
    from .. import freshness
    from ..load import load_site

    reference = as_of(args.as_of)
    project = from_args(args)
    site, problems = load_site(project.content, project.settings)
    if problems.errors:
        print(f"内容有 {len(problems.errors)} 个错误，报告只计入没有错误的记录：请运行 publish.py check 查看", file=sys.stderr)
    _, found = freshness.findings(site, reference)
    by_org: dict = {}
    for finding in found:
        by_org.setdefault(finding.org.slug, []).append(finding)
    if args.json:
        print(json.dumps([{"org": slug, "name": items[0].org.name, "phones": [{"label": p.label, "number": p.number} for p in items[0].org.phones],
                           "problems": [f.describe() for f in items]} for slug, items in by_org.items()],
                         ensure_ascii=False, indent=2))
        return 0
    print(f"截至 {reference}：{len(by_org)} 个机构需要督促（共 {len(site.orgs)} 个）")
    for slug, items in by_org.items():
        org = items[0].org
        print(f"\n{org.name}（{slug}）  电话：{'、'.join(map(str, org.phones))}")
        for finding in items:
            print(f"  - {finding.describe()}")
    return 0
