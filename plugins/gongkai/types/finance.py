"""财务收支: a month's or quarter's ledger that must balance to the cent."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date
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
    seen = {}
    for record in records:
        key = (record.org.slug, record.data["period"])
        if key in seen:
            checker_for(record).error(("period",), f"{record.org.name} {record.data['period']} 的财务公开已经有一条（{seen[key].source_path}）："
                                      "同一期间只能有一条，请合并两条记录或改正期间")
        else:
            seen[key] = record
