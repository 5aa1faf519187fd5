"""预算 / 决算: lines planned and (for a final account) actual, with declared totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..charts import PairChart, paired_bars
from ..money import check_amount, money, yuan
from .base import Columns, CsvLines, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

DIRECTIONS = ("income", "expense")
_DECLARED = (("income_total", "income", "planned"), ("expense_total", "expense", "planned"),
             ("income_actual_total", "income", "actual"), ("expense_actual_total", "expense", "actual"))


@dataclass(frozen=True)
class BudgetFacts:
    """The sums of the lines, by direction and by planned / actual."""

    sums: dict[tuple[str, str], Decimal]  # (income|expense, planned|actual) → Σ

    def total(self, direction: str, kind: str) -> Decimal:
        return self.sums[(direction, kind)]


@dataclass
class BudgetLine:
    name: str
    classification: str
    planned: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.planned


@dataclass(frozen=True)
class BudgetSide:
    lines: list[BudgetLine]
    planned: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.planned


@dataclass(frozen=True)
class BudgetView:
    sides: dict[str, BudgetSide]
    final: bool
    has_actual: bool
    charts: dict[str, PairChart]


class Budget(RecordType):
    code = "budget"
    label = "预算决算"
    index_code = "YS"
    columns = Columns(village="财务", government="财政预决算")
    csv = CsvLines(("lines",), rows="每一个预算科目一行")
    values = {"phase": {"budget": "预算", "final": "决算"}, "direction": {"income": "收入", "expense": "支出"}}

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        sums = {(d, k): Decimal(0) for d in DIRECTIONS for k in ("planned", "actual")}
        for i, line in enumerate(data["lines"]):
            sums[(line["direction"], "planned")] += check_amount(checker, ("lines", i, "planned"), line["planned"], positive=False)
            if "actual" in line:
                sums[(line["direction"], "actual")] += check_amount(checker, ("lines", i, "actual"), line["actual"], positive=False)
            elif data["phase"] == "final":
                checker.error(("lines", i), f"决算的{checker.label(('lines', i))}缺少「执行数」（actual）：决算每一项都要写执行数")
        for key, direction, kind in _DECLARED:
            if key in data:
                declared = check_amount(checker, (key,), data[key], positive=False)
                if declared != sums[(direction, kind)]:
                    checker.error((key,), f"{checker.label((key,))}{yuan(declared)} 与各科目相加的 {yuan(sums[(direction, kind)])} 不符：请核对")
        record.facts = BudgetFacts(sums)

    def view(self, record: Record) -> BudgetView:
        data, facts = record.data, record.facts
        assert isinstance(facts, BudgetFacts)
        final = data["phase"] == "final"
        sides = {direction: self._side(data, facts, direction, final) for direction in DIRECTIONS}
        has_actual = any(side.actual is not None for side in sides.values())
        charts = {}
        if has_actual:
            for direction, side in sides.items():
                pairs = [(line.name, line.planned, line.actual) for line in side.lines if line.actual is not None]
                if pairs:
                    charts[direction] = paired_bars(pairs)
        return BudgetView(sides, final, has_actual, charts)

    @staticmethod
    def _side(data: dict[str, Any], facts: BudgetFacts, direction: str, final: bool) -> BudgetSide:
        lines = [BudgetLine(line["name"], line.get("classification", ""), money(line["planned"]),
                            money(line["actual"]) if "actual" in line else None)
                 for line in data["lines"] if line["direction"] == direction]
        has_actual = final or any(line.actual is not None for line in lines)
        return BudgetSide(lines, money(facts.total(direction, "planned")),
                          money(facts.total(direction, "actual")) if has_actual else None)
