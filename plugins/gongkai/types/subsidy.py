"""补贴名单: recipients that add up, quantities × rate, masked ids, lean 低保 lists."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ._money import check_amount, yuan

MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dXx]$")
# Addresses stop at the township (a list names the 村民小组, never a house): a number of a house,
# building, unit or room. Health is sensitive personal information (个人信息保护法第二十八条).
HOUSE_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百零〇两]+\s*(?:号|栋|幢|单元|室|弄)|门牌")
ILLNESS = re.compile(r"患[^，,、；;）)\s]{1,6}|尿毒症|白血病|精神病|精神障碍|智力障碍|智障|肿瘤|癌症?|偏?瘫痪?|残疾|痴呆|透析|化疗"
                     r"|艾滋病?|肝炎|结核病?|失明|聋哑|[重大慢]?病|[^，,、；;（(\s]{1,3}症")
RECIPIENT_TEXT = ("name", "group")


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
        for key in RECIPIENT_TEXT:
            check_recipient_text(checker, ("recipients", i, key), person.get(key))
        if "id" in person:
            if minimal_living:
                checker.error(("recipients", i, "id"), "低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）：请删除身份证号")
            elif not MASKED_ID.match(person["id"]):
                checker.error(("recipients", i, "id"), "身份证号要按全站统一方式脱敏：保留前 6 位和后 4 位，中间写 8 个 *，例如 110105********1234")
    declared = check_amount(checker, ("total",), data["total"])
    if declared != total:
        checker.error(("total",), f"「合计金额」{yuan(declared)} 与名单金额相加的 {yuan(total)} 不符：请核对")
    record.derived.update(recipients_total=total, recipient_count=len(data["recipients"]))


def check_recipient_text(checker, path, value) -> None:
    """A recipient's name and group are a name and a 村民小组: no house number, no illness."""
    if not isinstance(value, str):
        return
    label = checker.label(path)
    house = HOUSE_NUMBER.search(value)
    if house:
        checker.error(path, f"{label}里有门牌号“{house.group()}”：名单上的地址只写到村民小组（例如 三组），请删除门牌号")
    illness = ILLNESS.search(value)
    if illness:
        checker.error(path, f"{label}里有病情“{illness.group()}”：健康状况是敏感个人信息（个人信息保护法第二十八条），"
                            "名单只公开姓名、家庭人口和金额，请删除")
