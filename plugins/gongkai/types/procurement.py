"""政府采购: what each stage must name; an award points at its tender."""

from __future__ import annotations

from ._money import check_amount

_NEEDS = {"award": ("supplier", "amount"), "contract": ("supplier", "amount")}


def check(record, checker) -> None:
    data = record.data
    stage = data["stage"]
    if stage == "tender" and "items" not in data and "value" not in data:
        checker.error(("stage",), "采购公告要写「采购内容」（items）或「预算金额」（value）")
    for key in _NEEDS.get(stage, ()):
        if key not in data:
            checker.error(("stage",), f"{ {'award': '中标结果', 'contract': '合同'}[stage]}要写{checker.label((key,))}（{key}）")
    for key in ("value", "amount"):
        if key in data:
            check_amount(checker, (key,), data[key])
    for i, item in enumerate(data.get("items", ())):
        if "budget" in item:
            check_amount(checker, ("items", i, "budget"), item["budget"])
