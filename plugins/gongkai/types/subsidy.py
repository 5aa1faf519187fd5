"""补贴名单: recipients that add up, quantities × rate, masked ids, lean 低保 lists."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ._money import check_amount, yuan

MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dXx]$")


def check(record, checker) -> None:
    data = record.data
    rate = check_amount(checker, ("rate",), data["rate"]) if "rate" in data else None
    total = Decimal(0)
    minimal_living = "低保" in data["program"] or "最低生活保障" in data["program"]
    for i, person in enumerate(data["recipients"]):
        amount = check_amount(checker, ("recipients", i, "amount"), person["amount"])
        total += amount
        if rate is not None and "quantity" in person:
            # 四舍五入, as the clerk's spreadsheet ROUND does; Decimal's default is half-even
            expected = (Decimal(person["quantity"]) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if expected != amount:
                checker.error(("recipients", i, "amount"), f"{checker.label(('recipients', i, 'amount'))}{yuan(amount)} 不等于数量 "
                              f"{person['quantity']} × 标准 {yuan(rate)} = {yuan(expected)}：请核对")
        if "id" in person:
            if minimal_living:
                checker.error(("recipients", i, "id"), "低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）：请删除身份证号")
            elif not MASKED_ID.match(person["id"]):
                checker.error(("recipients", i, "id"), "身份证号要按全站统一方式脱敏：保留前 6 位和后 4 位，中间写 8 个 *，例如 110105********1234")
    declared = check_amount(checker, ("total",), data["total"])
    if declared != total:
        checker.error(("total",), f"「合计金额」{yuan(declared)} 与名单金额相加的 {yuan(total)} 不符：请核对")
    record.derived.update(recipients_total=total, recipient_count=len(data["recipients"]))
