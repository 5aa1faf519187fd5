"""政策文件: status, and the references to its replacement and interpretation."""

from __future__ import annotations

from datetime import date


def check(record, checker) -> None:
    data = record.data
    if data["status"] == "repealed" and "repealed_on" not in data:
        checker.error(("status",), "已废止（repealed）的文件必须写「废止日期」（repealed_on）")
    if "repealed_on" in data and data["status"] != "repealed":
        checker.error(("repealed_on",), "写了「废止日期」，但「有效性」不是 repealed：请改为 repealed，或删去废止日期")
    if "effective" in data and date.fromisoformat(data["effective"]) < date.fromisoformat(data["issued"]):
        checker.warning(("effective",), "「施行日期」早于「成文日期」：请核对")
    if data["status"] in ("amended", "repealed") and "replaced_by" not in data:
        checker.warning(("status",), "已修改或废止的文件最好写上「替代文件」（replaced_by），方便群众找到现行文件")
