"""采购: a tender, its award and its contract; what each stage must name.

A village's purchases are 采购, not 政府采购 (政府采购法 covers state bodies), so the type
is called 采购; a government body's catalogue still files them under its 政府采购 column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..money import check_amount
from .base import Columns, CsvLines, Reference, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

STAGES = ("tender", "award", "contract")
_NEEDS = {"award": ("supplier", "amount"), "contract": ("supplier", "amount")}


@dataclass(frozen=True)
class ProcurementView:
    stages: tuple[str, ...]
    current: int  # index of this record's stage in ``stages``
    tender: Record | None
    award: Record | None
    goods: list[dict[str, Any]]


class Procurement(RecordType):
    code = "procurement"
    label = "采购"
    index_code = "CG"
    columns = Columns(village="财务", government="政府采购")
    references = {"tender": Reference("procurement", stage="tender"), "award": Reference("procurement", stage="award")}
    csv = CsvLines(("items",), rows="每一个采购品目一行")
    values = {"stage": {"tender": "采购公告", "award": "中标（成交）结果", "contract": "合同"}}
    aliases = {"stage": {"招标": "tender", "招标公告": "tender", "中标": "award", "成交": "award", "中标结果": "award",
                         "成交结果": "award", "中标(成交)结果": "award", "采购合同": "contract"}}

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        stage = data["stage"]
        if stage == "tender" and "items" not in data and "value" not in data:
            checker.error(("stage",), "采购公告要写「采购内容」（items）或「预算金额」（value）")
        for key in _NEEDS.get(stage, ()):
            if key not in data:
                checker.error(("stage",), f"{self.value_label('stage', stage)}要写{checker.label((key,))}（{key}）")
        for key in ("value", "amount"):
            if key in data:
                check_amount(checker, (key,), data[key])
        for i, item in enumerate(data.get("items", ())):
            if "budget" in item:
                check_amount(checker, ("items", i, "budget"), item["budget"])

    def view(self, record: Record) -> ProcurementView:
        return ProcurementView(STAGES, STAGES.index(record.data["stage"]), record.refs.get("tender"),
                               record.refs.get("award"), record.data.get("items", []))
