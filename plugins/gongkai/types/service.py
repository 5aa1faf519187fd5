"""办事指南 by the eight public standards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import Columns, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Attachment, Record


@dataclass(frozen=True)
class ServiceView:
    forms: list[Attachment]  # the model application forms (表格下载)
    others: list[Attachment]  # any other attachment


class Service(RecordType):
    code = "service"
    label = "办事指南"
    index_code = "BS"
    columns = Columns(village="村务", government="行政许可")
    values = {"form": {"original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件"}}
    aliases = {"form": {"原件及复印件": "original_and_copy", "原件、复印件": "original_and_copy", "复印件和原件": "original_and_copy"}}

    def check(self, record: Record, checker: Checker) -> None:
        data = record.data
        limit = data["time_limit"]
        if limit["promised_days"] > limit["legal_days"]:
            checker.error(("time_limit", "promised_days"),
                          f"「承诺时限」{limit['promised_days']} 个工作日超过了「法定时限」{limit['legal_days']} 个工作日：承诺时限不能长于法定时限")
        fee = data["fee"]
        if not fee["free"]:
            for key in ("standard", "basis"):
                if not fee.get(key):
                    checker.error(("fee",), f"收费事项要写明{checker.label(('fee', key))}（{key}）")

    def view(self, record: Record) -> ServiceView:
        form_files = {f["file"] for f in record.data.get("forms", ())}
        forms = [a for a in record.attachments if a.file in form_files]
        return ServiceView(forms, [a for a in record.attachments if a not in forms])
