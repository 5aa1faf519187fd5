"""What a village's books need across ledgers (warnings: the clerk checks, the build goes on).

* 账目不连续: each ledger opens with what the ledger just before it closed with.
* A quarter's ledger beside monthly ones of the same months publishes their entries twice.
* A ledger identical to another org's, entry for entry, was most likely copied by mistake.

Each takes the valid ledgers (one per org and period) with their ``FinanceFacts``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..money import yuan

if TYPE_CHECKING:
    from ..model import Record
    from .base import CheckerFor


def warn_across(ledgers: list[Record], checker_for: CheckerFor) -> None:
    by_org: dict[str, list[Record]] = {}
    for ledger in ledgers:
        by_org.setdefault(ledger.org.slug, []).append(ledger)
    for own in by_org.values():
        own.sort(key=lambda r: (r.facts.period_start, r.facts.period_end))
        warn_overlaps(own, checker_for)
        warn_breaks(own, checker_for)
    warn_copies(ledgers, checker_for)


def warn_overlaps(ledgers: list[Record], checker_for: CheckerFor) -> None:
    """One org's ledgers, by period: a quarter that also has monthly ledgers."""
    for quarter in (r for r in ledgers if "Q" in r.data["period"]):
        months = [r for r in ledgers if "Q" not in r.data["period"]
                  and quarter.facts.period_start <= r.facts.period_start <= quarter.facts.period_end]
        if months:
            named = "、".join(f"{m.data['period']}（{m.source_path}）" for m in months)
            checker_for(quarter).warning(("period",), f"季度账 {quarter.data['period']} 与同一机构的月度账 {named}期间重叠："
                                         "同一笔收支会公开两次，请只保留季度账或只保留月度账")


def warn_breaks(ledgers: list[Record], checker_for: CheckerFor) -> None:
    """One org's ledgers, by period: the opening balance is the closing of the day before."""
    ending = {}
    for ledger in ledgers:  # by start: of two ledgers ending the same day, the shorter one wins
        ending[ledger.facts.period_end] = ledger
    for ledger in ledgers:
        previous = ending.get(ledger.facts.period_start - timedelta(days=1))
        if previous is not None and previous.facts.closing != ledger.facts.opening:
            checker_for(ledger).warning(("opening_balance",),
                                        f"账目不连续：「期初余额」{yuan(ledger.facts.opening)} 与上一期 {previous.data['period']}"
                                        f"（{previous.source_path}）的「期末余额」{yuan(previous.facts.closing)} 不同：请核对这两期的余额")


def warn_copies(ledgers: list[Record], checker_for: CheckerFor) -> None:
    first: dict[tuple, Record] = {}
    for ledger in sorted(ledgers, key=lambda r: r.source_path):
        content = _book_content(ledger)
        if not content[-1]:  # no entries: two quiet months may well look alike
            continue
        other = first.setdefault(content, ledger)
        if other is not ledger and other.org is not ledger.org:
            checker_for(ledger).warning((), f"这份账与{other.org.name}的 {other.source_path} 一模一样（期间、余额和每一笔收支都相同）："
                                        "是不是把别的机构的文件复制过来了？请核对")


def _book_content(ledger: Record) -> tuple:
    entries = tuple((side, e["date"], e["subject"], e["summary"], e["amount"], str(e.get("voucher")))
                    for side in ("income", "expense") for e in ledger.data[side])
    return ledger.data["period"], ledger.facts.opening, ledger.facts.closing, entries
