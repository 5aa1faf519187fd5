"""补贴名单: recipients that add up, quantities × rate, masked ids, lean 低保 lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ..money import CENT, check_amount, money, yuan
from .base import Columns, CsvLines, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dXx]$")
# Addresses stop at the township (a list names the 村民小组, never a house): a number of a house,
# building, unit or room. Health is sensitive personal information (个人信息保护法第二十八条).
HOUSE_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百零〇两]+\s*(?:号|栋|幢|单元|室|弄)|门牌")
ILLNESS = re.compile(r"患[^，,、；;）)\s]{1,6}|尿毒症|白血病|精神病|精神障碍|智力障碍|智障|肿瘤|癌症?|偏?瘫痪?|残疾|痴呆|透析|化疗"
                     r"|艾滋病?|肝炎|结核病?|失明|聋哑|[重大慢]?病|[^，,、；;（(\s]{1,3}症")
RECIPIENT_TEXT = ("name", "group")
# The optional columns of the recipient table: the numbers an amount follows from stand just
# before it (quantity × rate, so a reader checks it on a phone without scrolling), details after.
COUNT_COLUMNS = ("household_size", "quantity")
DETAIL_COLUMNS = ("group", "id")


@dataclass(frozen=True)
class SubsidyFacts:
    recipients_total: Decimal
    recipient_count: int


@dataclass(frozen=True)
class SubsidyView:
    recipients: list[dict[str, Any]]
    counts: list[str]  # the COUNT_COLUMNS some recipient fills
    details: list[str]  # the DETAIL_COLUMNS some recipient fills
    total: Decimal
    count: int
    unit: str
    rate: Decimal | None


def is_minimal_living(program: str) -> bool:
    """A 低保 list, which publishes only name, household size and amount."""
    return "低保" in program or "最低生活保障" in program


class Subsidy(RecordType):
    code = "subsidy"
    label = "补贴名单"
    index_code = "BT"
    columns = Columns(village="村务", government="民生政策")
    csv = CsvLines(("recipients",), rows="每一位发放对象一行")

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        rate = check_amount(checker, ("rate",), data["rate"]) if "rate" in data else None
        total = Decimal(0)
        for i, person in enumerate(data["recipients"]):
            amount = check_amount(checker, ("recipients", i, "amount"), person["amount"])
            total += amount
            if rate is not None and "quantity" in person:
                self._check_rate(checker, i, person, amount, rate)
            for key in RECIPIENT_TEXT:
                self._check_recipient_text(checker, ("recipients", i, key), person.get(key))
            if "id" in person:
                self._check_id(checker, i, person["id"], is_minimal_living(data["program"]))
        declared = check_amount(checker, ("total",), data["total"])
        if declared != total:
            checker.error(("total",), f"「合计金额」{yuan(declared)} 与名单金额相加的 {yuan(total)} 不符：请核对")
        record.facts = SubsidyFacts(total, len(data["recipients"]))

    @staticmethod
    def _check_rate(checker: Checker, i: int, person: dict[str, Any], amount: Decimal, rate: Decimal) -> None:
        # 四舍五入, as the clerk's spreadsheet ROUND does; Decimal's default is half-even
        expected = (Decimal(person["quantity"]) * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        if expected != amount:
            checker.error(("recipients", i, "amount"), f"{checker.label(('recipients', i, 'amount'))}{yuan(amount)} 不等于数量 "
                          f"{person['quantity']} × 标准 {yuan(rate)} = {yuan(expected)}：请核对")

    @staticmethod
    def _check_id(checker: Checker, i: int, number: str, minimal_living: bool) -> None:
        if minimal_living:
            checker.error(("recipients", i, "id"), "低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）：请删除身份证号")
        elif not MASKED_ID.match(number):
            checker.error(("recipients", i, "id"), "身份证号要按全站统一方式脱敏：保留前 6 位和后 4 位，中间写 8 个 *，例如 110105********1234")

    @staticmethod
    def _check_recipient_text(checker: Checker, path: tuple, value: Any) -> None:
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

    def view(self, record: Record) -> SubsidyView:
        data, facts = record.data, record.facts
        assert isinstance(facts, SubsidyFacts)
        recipients = data["recipients"]
        filled = [key for key in COUNT_COLUMNS + DETAIL_COLUMNS if any(key in r for r in recipients)]
        return SubsidyView(recipients, [k for k in filled if k in COUNT_COLUMNS], [k for k in filled if k in DETAIL_COLUMNS],
                           money(data["total"]), facts.recipient_count, data.get("unit", ""), data.get("rate"))
