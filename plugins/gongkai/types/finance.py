"""财务收支: a month's or quarter's ledger that must balance to the cent."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from ._money import check_amount, yuan


def period_bounds(period: str) -> tuple[date, date]:
    year, part = period.split("-")
    year = int(year)
    if part.startswith("Q"):
        first_month = (int(part[1]) - 1) * 3 + 1
        last_month = first_month + 2
    else:
        first_month = last_month = int(part)
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def check(record, checker) -> None:
    data = record.data
    start, end = period_bounds(data["period"])
    vouchers: dict[str, tuple] = {}
    totals = {}
    for side in ("income", "expense"):
        total = Decimal(0)
        for i, entry in enumerate(data[side]):
            total += check_amount(checker, (side, i, "amount"), entry["amount"])
            day = date.fromisoformat(entry["date"])
            if not start <= day <= end:
                checker.error((side, i, "date"), f"{checker.label((side, i, 'date'))}{entry['date']} 不在所属期间 "
                              f"{data['period']}（{start} 至 {end}）内：请改正日期，或记到对应期间的公开表里")
            voucher = entry.get("voucher")
            if voucher is not None:
                same = unicodedata.normalize("NFKC", str(voucher))  # 记-０１ is 记-01 written full-width
                if same in vouchers:
                    checker.error((side, i, "voucher"), f"凭证号 {voucher} 与{checker.label(vouchers[same])}重复：一张凭证只能记一次")
                else:
                    vouchers[same] = (side, i, "voucher")
        totals[side] = total
    opening = check_amount(checker, ("opening_balance",), data["opening_balance"], positive=False)
    closing = check_amount(checker, ("closing_balance",), data["closing_balance"], positive=False)
    expected = opening + totals["income"] - totals["expense"]
    if expected != closing:
        checker.error(("closing_balance",),
                      f"「期末余额」{yuan(closing)} 与计算结果不符：期初余额 {yuan(opening)} + 收入合计 {yuan(totals['income'])} "
                      f"− 支出合计 {yuan(totals['expense'])} = {yuan(expected)}，请核对各笔金额或期末余额")
    reviewed = data.get("reviewed_by")
    last_entry = max((date.fromisoformat(e["date"]) for side in ("income", "expense") for e in data[side]), default=start)
    if reviewed and date.fromisoformat(reviewed["date"]) < last_entry:
        checker.error(("reviewed_by", "date"), f"「审核日期」{reviewed['date']} 早于最后一笔收支（{last_entry}）：监委会只能审核已发生的收支，请核对日期")
    record.derived.update(period_start=start, period_end=end, opening=opening, closing=closing,
                          income_total=totals["income"], expense_total=totals["expense"])


def check_across(records, checker_for) -> None:
    one_per_period = {}
    for record in records:
        key = (record.org.slug, record.data["period"])
        if key in one_per_period:
            checker_for(record).error(("period",), f"{record.org.name} {record.data['period']} 的财务公开已经有一条（{one_per_period[key].source_path}）："
                                      "同一期间只能有一条，请合并两条记录或改正期间")
        else:
            one_per_period[key] = record
    by_org: dict[str, list] = {}
    for record in one_per_period.values():
        by_org.setdefault(record.org.slug, []).append(record)
    for ledgers in by_org.values():
        ledgers.sort(key=lambda r: (r.derived["period_start"], r.derived["period_end"]))
        warn_overlaps(ledgers, checker_for)
        warn_breaks(ledgers, checker_for)
    warn_copies(one_per_period.values(), checker_for)


def warn_overlaps(ledgers, checker_for) -> None:
    """A quarter's ledger beside monthly ones of the same months counts their entries twice."""
    for quarter in (r for r in ledgers if "Q" in r.data["period"]):
        months = [r for r in ledgers if "Q" not in r.data["period"]
                  and quarter.derived["period_start"] <= r.derived["period_start"] <= quarter.derived["period_end"]]
        if months:
            named = "、".join(f"{m.data['period']}（{m.source_path}）" for m in months)
            checker_for(quarter).warning(("period",), f"季度账 {quarter.data['period']} 与同一机构的月度账 {named}期间重叠："
                                         "同一笔收支会公开两次，请只保留季度账或只保留月度账")


def warn_breaks(ledgers, checker_for) -> None:
    """账目不连续: each ledger opens with what the ledger just before it closed with."""
    ending = {}
    for ledger in ledgers:  # by start: of two ledgers ending the same day, the shorter one wins
        ending[ledger.derived["period_end"]] = ledger
    for ledger in ledgers:
        previous = ending.get(ledger.derived["period_start"] - timedelta(days=1))
        if previous is not None and previous.derived["closing"] != ledger.derived["opening"]:
            checker_for(ledger).warning(("opening_balance",),
                                        f"账目不连续：「期初余额」{yuan(ledger.derived['opening'])} 与上一期 {previous.data['period']}"
                                        f"（{previous.source_path}）的「期末余额」{yuan(previous.derived['closing'])} 不同：请核对这两期的余额")


def warn_copies(ledgers, checker_for) -> None:
    """A ledger identical to another org's, entry for entry, was most likely copied by mistake."""
    first: dict[tuple, object] = {}
    for ledger in sorted(ledgers, key=lambda r: r.source_path):
        content = _book_content(ledger)
        if not content[-1]:  # no entries: two quiet months may well look alike
            continue
        other = first.setdefault(content, ledger)
        if other is not ledger and other.org is not ledger.org:
            checker_for(ledger).warning((), f"这份账与{other.org.name}的 {other.source_path} 一模一样（期间、余额和每一笔收支都相同）："
                                        "是不是把别的机构的文件复制过来了？请核对")


def _book_content(ledger) -> tuple:
    entries = tuple((side, e["date"], e["subject"], e["summary"], e["amount"], str(e.get("voucher")))
                    for side in ("income", "expense") for e in ledger.data[side])
    return ledger.data["period"], ledger.derived["opening"], ledger.derived["closing"], entries
