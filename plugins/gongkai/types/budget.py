"""预算 / 决算: lines planned and (for a final account) actual, with declared totals."""

from __future__ import annotations

from decimal import Decimal

from ._money import check_amount, yuan

_DECLARED = (("income_total", "income", "planned"), ("expense_total", "expense", "planned"),
             ("income_actual_total", "income", "actual"), ("expense_actual_total", "expense", "actual"))


def check(record, checker) -> None:
    data = record.data
    sums = {(d, k): Decimal(0) for d in ("income", "expense") for k in ("planned", "actual")}
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
    record.derived.update({f"{d}_{k}": v for (d, k), v in sums.items()})
