"""Checks a village's books need (issue 9, item 17): warnings, exit 0, the exact lines.

The mini county's March ledger (tests/fixtures/mini-county) opens at 1,000.00 and closes
at 1,200.10; each case adds ledgers or orgs beside it and runs ``publish.py check``.
"""

from __future__ import annotations

import pytest

from test_checks import MINI, V, check, county_with

MARCH = (MINI / f"{V}/finance/2026-03.yaml").read_text("utf-8")


def ledger(period: str, opening: str, closing: str, date: str = "2026-05-05", entries: str = "") -> str:
    """A ledger with one income entry on the period's first day, balancing opening to closing."""
    first_day = (f"{period[:4]}-{(int(period[-1]) - 1) * 3 + 1:02d}-01" if "Q" in period else f"{period}-01")
    amount = f"{float(closing) - float(opening):.2f}"
    return (f"type: finance\ntitle: {period} 财务收支公开\ndate: {date}\nperiod: {period}\nopening_balance: {opening}\n"
            f"income:\n  - {{date: {first_day}, subject: 上级补助收入, summary: 运转经费, amount: {amount}}}\n"
            f"expense: []\nclosing_balance: {closing}\n")


CASES = [
    ("a ledger that does not open where the last one closed",
     {f"{V}/finance/2026-04.yaml": ledger("2026-04", "1000.00", "1500.00")},
     [f"{V}/finance/2026-04.yaml:5: 警告: 账目不连续：「期初余额」1,000.00 与上一期 2026-03（{V}/finance/2026-03.yaml）"
      "的「期末余额」1,200.10 不同：请核对这两期的余额"]),
    ("a quarter after a month, across the year",
     {f"{V}/finance/2025-12.yaml": ledger("2025-12", "800.00", "900.00", "2026-01-05"),
      f"{V}/finance/2026-q1.yaml": ledger("2026-Q1", "950.00", "1000.00")},
     [f"{V}/finance/2026-q1.yaml:4: 警告: 季度账 2026-Q1 与同一机构的月度账 2026-03（{V}/finance/2026-03.yaml）期间重叠："
      "同一笔收支会公开两次，请只保留季度账或只保留月度账",
      f"{V}/finance/2026-q1.yaml:5: 警告: 账目不连续：「期初余额」950.00 与上一期 2025-12（{V}/finance/2025-12.yaml）"
      "的「期末余额」900.00 不同：请核对这两期的余额"]),
    ("a quarter overlapping two months",
     {f"{V}/finance/2026-01.yaml": ledger("2026-01", "500.00", "600.00", "2026-02-05"),
      f"{V}/finance/2026-q1.yaml": ledger("2026-Q1", "500.00", "1200.10")},
     [f"{V}/finance/2026-q1.yaml:4: 警告: 季度账 2026-Q1 与同一机构的月度账 2026-01（{V}/finance/2026-01.yaml）、"
      f"2026-03（{V}/finance/2026-03.yaml）期间重叠：同一笔收支会公开两次，请只保留季度账或只保留月度账"]),
    ("a record dated decades after all others",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2062-04-01\ncategory: 村务\n"},
     [f"{V}/notice/n.yaml:3: 警告: 「生成日期」2062-04-01 比其他记录中最新的（2026-05-20，orgs/xiaohe-village/subsidy/example.yaml）"
      "晚了 35 年多：是不是年份写错了？（最新的日期是计算各机构是否逾期未公开的基准）"]),
    ("two orgs with one code",
     {"orgs/dahe-village/org.yaml": (MINI / f"{V}/org.yaml").read_text("utf-8").replace("name: 小河村", "name: 大河村")},
     [f"{V}/org.yaml:5: 警告: 「机构代码」510999101201 与大河村（orgs/dahe-village/org.yaml）的相同："
      "每个机构的代码各不相同（它是索引号的开头），请核对"]),
    ("a ledger copied from another village",
     {"orgs/dahe-village/org.yaml": (MINI / f"{V}/org.yaml").read_text("utf-8").replace("name: 小河村", "name: 大河村")
      .replace('code: "510999101201"', 'code: "510999101202"'),
      "orgs/dahe-village/finance/2026-03.yaml": MARCH.replace("title: 2026年3月", "title: 大河村2026年3月")},
     [f"{V}/finance/2026-03.yaml:1: 警告: 这份账与大河村的 orgs/dahe-village/finance/2026-03.yaml 一模一样"
      "（期间、余额和每一笔收支都相同）：是不是把别的机构的文件复制过来了？请核对"]),
]


@pytest.mark.parametrize("files,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_books_get_warnings(tmp_path, files, expected):
    assert check(county_with(tmp_path, files)) == (0, expected)


NO_WARNING = [
    ("books that continue, month to month and quarter to quarter",
     {f"{V}/finance/2026-04.yaml": ledger("2026-04", "1200.10", "1500.00"),
      f"{V}/finance/2026-05.yaml": ledger("2026-05", "1500.00", "1600.00", "2026-06-05"),
      "orgs/county-gov/finance/2025-q4.yaml": ledger("2025-Q4", "10.00", "20.00", "2026-01-05"),
      "orgs/county-gov/finance/2026-q1.yaml": ledger("2026-Q1", "20.00", "30.00", "2026-04-05")}),
    ("a gap between ledgers is freshness's business, not continuity's",
     {f"{V}/finance/2026-05.yaml": ledger("2026-05", "3.00", "4.00", "2026-06-05")}),
    ("a record a few months ahead of the others",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2027-01-10\ncategory: 村务\n"}),
    ("two quiet months alike in two villages",
     {f"{V}/finance/2026-04.yaml": "type: finance\ntitle: 四月\ndate: 2026-05-05\nperiod: 2026-04\nopening_balance: 1200.10\n"
                                   "income: []\nexpense: []\nclosing_balance: 1200.10\n",
      "orgs/dahe-village/org.yaml": (MINI / f"{V}/org.yaml").read_text("utf-8").replace("name: 小河村", "name: 大河村")
      .replace('code: "510999101201"', 'code: "510999101202"'),
      "orgs/dahe-village/finance/2026-04.yaml": "type: finance\ntitle: 四月\ndate: 2026-05-05\nperiod: 2026-04\n"
                                                "opening_balance: 1200.10\nincome: []\nexpense: []\nclosing_balance: 1200.10\n"}),
]


@pytest.mark.parametrize("files", [c[1] for c in NO_WARNING], ids=[c[0] for c in NO_WARNING])
def test_sound_books_get_no_warning(tmp_path, files):
    assert check(county_with(tmp_path, files)) == (0, [])
