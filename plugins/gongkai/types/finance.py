"""财务收支: a month's or quarter's ledger that must balance to the cent."""

from __future__ import annotations

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..money import ZERO, check_amount, money, yuan
from . import ledgers
from .base import Columns, CsvLines, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

SIDES = ("income", "expense")


@dataclass(frozen=True)
class FinanceFacts:
    """What the checks worked out: the period's bounds and the ledger's totals."""

    period_start: date
    period_end: date
    opening: Decimal
    closing: Decimal
    income_total: Decimal
    expense_total: Decimal


@dataclass
class Subtotal:
    subject: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class FinanceView:
    income: list[dict[str, Any]]
    expense: list[dict[str, Any]]
    income_subtotals: list[Subtotal]
    expense_subtotals: list[Subtotal]
    income_total: Decimal
    expense_total: Decimal
    opening: Decimal
    closing: Decimal
    reviewed: dict[str, Any] | None


def period_bounds(period: str) -> tuple[date, date]:
    year_text, part = period.split("-")
    year = int(year_text)
    if part.startswith("Q"):
        first_month = (int(part[1]) - 1) * 3 + 1
        last_month = first_month + 2
    else:
        first_month = last_month = int(part)
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def subtotals(entries: list[dict[str, Any]]) -> list[Subtotal]:
    """Per-subject sums, in the order subjects first appear."""
    by_subject: dict[str, Subtotal] = {}
    for entry in entries:
        row = by_subject.setdefault(entry["subject"], Subtotal(entry["subject"], 0, ZERO))
        row.count += 1
        row.amount += money(entry["amount"])
    return list(by_subject.values())


class Finance(RecordType):
    code = "finance"
    label = "财务收支"
    index_code = "CW"
    columns = Columns(village="财务", government="财政预决算")
    csv = CsvLines(SIDES, rows="每一笔收支一行", key="entries", direction=True)
    values = {"direction": {"income": "收入", "expense": "支出"}}

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        start, end = period_bounds(data["period"])
        totals = {side: self._check_entries(checker, data, side, start, end) for side in SIDES}
        self._check_vouchers(checker, data)
        opening = check_amount(checker, ("opening_balance",), data["opening_balance"], positive=False)
        closing = check_amount(checker, ("closing_balance",), data["closing_balance"], positive=False)
        expected = opening + totals["income"] - totals["expense"]
        if expected != closing:
            checker.error(("closing_balance",),
                          f"「期末余额」{yuan(closing)} 与计算结果不符：期初余额 {yuan(opening)} + 收入合计 {yuan(totals['income'])} "
                          f"− 支出合计 {yuan(totals['expense'])} = {yuan(expected)}，请核对各笔金额或期末余额")
        self._check_review(checker, data, start)
        record.facts = FinanceFacts(start, end, opening, closing, totals["income"], totals["expense"])

    @staticmethod
    def _check_entries(checker: Checker, data: dict[str, Any], side: str, start: date, end: date) -> Decimal:
        total = Decimal(0)
        for i, entry in enumerate(data[side]):
            total += check_amount(checker, (side, i, "amount"), entry["amount"])
            if not start <= date.fromisoformat(entry["date"]) <= end:
                checker.error((side, i, "date"), f"{checker.label((side, i, 'date'))}{entry['date']} 不在所属期间 "
                              f"{data['period']}（{start} 至 {end}）内：请改正日期，或记到对应期间的公开表里")
        return total

    @staticmethod
    def _check_vouchers(checker: Checker, data: dict[str, Any]) -> None:
        first_use: dict[str, tuple[str, int, str]] = {}
        for side in SIDES:
            for i, entry in enumerate(data[side]):
                if entry.get("voucher") is None:
                    continue
                voucher = str(entry["voucher"])
                same = unicodedata.normalize("NFKC", voucher)  # 记-０１ is 记-01 written full-width
                if same in first_use:
                    checker.error((side, i, "voucher"), f"凭证号 {voucher} 与{checker.label(first_use[same])}重复：一张凭证只能记一次")
                else:
                    first_use[same] = (side, i, "voucher")

    @staticmethod
    def _check_review(checker: Checker, data: dict[str, Any], start: date) -> None:
        reviewed = data.get("reviewed_by")
        last_entry = max((date.fromisoformat(e["date"]) for side in SIDES for e in data[side]), default=start)
        if reviewed and date.fromisoformat(reviewed["date"]) < last_entry:
            checker.error(("reviewed_by", "date"), f"「审核日期」{reviewed['date']} 早于最后一笔收支（{last_entry}）：监委会只能审核已发生的收支，请核对日期")

    def check_across(self, records: list[Record], checker_for) -> None:
        seen: dict[tuple[str, str], Record] = {}
        for record in records:
            key = (record.org.slug, record.data["period"])
            if key in seen:
                checker_for(record).error(("period",), f"{record.org.name} {record.data['period']} 的财务公开已经有一条（{seen[key].source_path}）："
                                          "同一期间只能有一条，请合并两条记录或改正期间")
            else:
                seen[key] = record
        ledgers.warn_across(list(seen.values()), checker_for)

    def view(self, record: Record) -> FinanceView:
        data, facts = record.data, record.facts
        assert isinstance(facts, FinanceFacts)
        return FinanceView(
            income=data["income"], expense=data["expense"],
            income_subtotals=subtotals(data["income"]), expense_subtotals=subtotals(data["expense"]),
            income_total=facts.income_total, expense_total=facts.expense_total,
            opening=facts.opening, closing=facts.closing, reviewed=data.get("reviewed_by"))
