"""Warnings about what is allowed but most likely a slip: the clerk checks, the build goes on.

* Two orgs with one ``code``: the code starts every 索引号 of the org, and a copied
  org.yaml keeps the code of the village it was copied from.
* A record dated more than a year after every other record (2062 among 2026s): a typo,
  and the newest date is what the freshness page measures every org against.
"""

from __future__ import annotations

from datetime import date


def warn_shared_codes(orgs: dict, checker_for) -> None:
    first = {}
    for org in sorted(orgs.values(), key=lambda o: o.slug):
        if "code" not in org.data:  # the default code is the folder's name: unique
            continue
        other = first.setdefault(org.code, org)
        if other is not org:
            checker_for(org).warning(("code",), f"「机构代码」{org.code} 与{other.name}（{other.source_path}）的相同："
                                     "每个机构的代码各不相同（它是索引号的开头），请核对")


def warn_far_future(records: list, checker_for) -> None:
    if len(records) < 2:
        return
    newest, runner_up = sorted(records, key=lambda r: r.date)[-1:-3:-1]
    years = _whole_years(runner_up.date, newest.date)
    if years >= 1:
        checker_for(newest).warning(("date",), f"「生成日期」{newest.date} 比其他记录中最新的（{runner_up.date}，{runner_up.source_path}）"
                                    f"晚了 {years} 年多：是不是年份写错了？（最新的日期是计算各机构是否逾期未公开的基准）")


def _whole_years(start: date, end: date) -> int:
    years = end.year - start.year
    return years - 1 if (end.month, end.day) <= (start.month, start.day) else years
