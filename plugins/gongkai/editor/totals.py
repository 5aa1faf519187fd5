"""Running totals a form shows as the clerk types (editor.js redoes them in the browser).

Computed here too, from the form's data, so the page shows them without the script and
after every round trip. They only help: what decides is the record's own check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..types import RECORD_TYPES


@dataclass
class Total:
    id: str  # the <output>'s id: editor.js fills the same element
    label: str
    value: Decimal | None  # None: some amount is not a number yet


def _sum(items, key: str, where=lambda item: True) -> Decimal | None:
    total = Decimal("0.00")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not where(item) or item.get(key) in (None, ""):
            continue
        try:
            total += Decimal(item[key])
        except (InvalidOperation, TypeError, ValueError):
            return None
    return total


def _money(value) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def totals(record_type: str, data: dict) -> list[Total]:
    if record_type == "finance":
        income, expense = _sum(data.get("income"), "amount"), _sum(data.get("expense"), "amount")
        opening = _money(data.get("opening_balance"))
        closing = None if None in (income, expense, opening) else opening + income - expense
        return [Total("total-income", "收入合计", income), Total("total-expense", "支出合计", expense),
                Total("expected-closing", "期初余额 + 收入合计 − 支出合计（期末余额应为）", closing)]
    if record_type == "subsidy":
        return [Total("total-recipients", "发放金额合计", _sum(data.get("recipients"), "amount"))]
    if record_type == "budget":
        lines, direction = data.get("lines"), RECORD_TYPES["budget"].accepted("direction")  # 收入 / income → income
        return [Total(f"total-{side}-{column}", f"{word}{what}合计",
                      _sum(lines, column, lambda item, side=side: direction.get(item.get("direction")) == side))
                for side, word in (("income", "收入"), ("expense", "支出"))
                for column, what in (("planned", "预算数"), ("actual", "执行数"))]
    return []
