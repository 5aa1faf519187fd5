"""财务收支概览 per org: income, expense and balance by period as an SVG chart and a table,
and each year's totals by subject. Built from the org's finance records only."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..charts import bars_and_line
from ..money import money, yuan
from ..theme_env import gettext_of


@dataclass
class Period:
    period: str
    record: object
    income: Decimal
    expense: Decimal
    closing: Decimal


@dataclass
class Year:
    year: str
    income: dict = field(default_factory=dict)  # subject → Decimal
    expense: dict = field(default_factory=dict)

    @property
    def income_total(self) -> Decimal:
        return sum(self.income.values(), Decimal("0.00"))

    @property
    def expense_total(self) -> Decimal:
        return sum(self.expense.values(), Decimal("0.00"))


def periods(records) -> list[Period]:
    rows = [Period(r.data["period"], r, r.facts.income_total, r.facts.expense_total, r.facts.closing) for r in records]
    return sorted(rows, key=lambda p: p.period)


def years(records) -> list[Year]:
    by_year: dict[str, Year] = {}
    for record in records:
        year = by_year.setdefault(record.data["period"][:4], Year(record.data["period"][:4]))
        for side in ("income", "expense"):
            sums = getattr(year, side)
            for entry in record.data[side]:
                sums[entry["subject"]] = sums.get(entry["subject"], Decimal("0.00")) + money(entry["amount"])
    for year in by_year.values():
        year.income = dict(sorted(year.income.items()))
        year.expense = dict(sorted(year.expense.items()))
    return [by_year[y] for y in sorted(by_year, reverse=True)]


def write(site, output) -> None:
    _ = gettext_of(output.env)
    for org in site.orgs.values():
        records = [r for r in org.records if r.type == "finance"]
        if not records:
            continue
        rows = periods(records)
        chart = bars_and_line([p.period for p in rows], [(_("收入"), [p.income for p in rows]), (_("支出"), [p.expense for p in rows])],
                              _("期末余额"), [p.closing for p in rows], yuan)
        # the chart reads left to right in time; the table starts with the latest period
        output.render("finance_overview.html", f"{org.slug}/finance.html", org=org, periods=rows[::-1], chart=chart,
                      years=years(records))
