"""政策文件: status, and the references to its replacement and interpretation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .base import Columns, Reference, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record


@dataclass(frozen=True)
class PolicyView:
    status: str
    replaced_by: Record | None
    interpretation: Record | None


class Policy(RecordType):
    code = "policy"
    label = "政策文件"
    index_code = "ZC"
    columns = Columns(village="村务", government="法规文件")
    references = {"replaced_by": Reference("policy"), "interpretation": Reference(None)}
    values = {"status": {"in_force": "现行有效", "amended": "已修改", "repealed": "已废止"}}
    aliases = {"status": {"有效": "in_force", "修改": "amended", "废止": "repealed", "失效": "repealed"}}

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        if data["status"] == "repealed" and "repealed_on" not in data:
            checker.error(("status",), "已废止（repealed）的文件必须写「废止日期」（repealed_on）")
        if "repealed_on" in data and data["status"] != "repealed":
            checker.error(("repealed_on",), "写了「废止日期」，但「有效性」不是 repealed：请改为 repealed，或删去废止日期")
        if "effective" in data and date.fromisoformat(data["effective"]) < date.fromisoformat(data["issued"]):
            checker.warning(("effective",), "「施行日期」早于「成文日期」：请核对")
        if data["status"] in ("amended", "repealed") and "replaced_by" not in data:
            checker.warning(("status",), "已修改或废止的文件最好写上「替代文件」（replaced_by），方便群众找到现行文件")

    def view(self, record: Record) -> PolicyView:
        return PolicyView(record.data["status"], record.refs.get("replaced_by"), record.refs.get("interpretation"))
