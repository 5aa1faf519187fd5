"""Every field of a record as labelled rows, for the plain record page.

Labels come from the record type's schema (its ``title``s), so a field added to a schema
shows on every page without a template change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

ENUM_LABELS = {
    "village": "村", "township": "乡镇", "department": "部门", "county": "县",
    "budget": "预算", "final": "决算", "income": "收入", "expense": "支出",
    "in_force": "有效", "amended": "已修改", "repealed": "已废止",
    "tender": "采购公告", "award": "中标（成交）结果", "contract": "合同",
    "original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件",
}
COMMON_SHOWN_ELSEWHERE = {"type", "title", "body", "attachments", "forms", "index_no", "org"}


@dataclass
class Row:
    label: str
    value: object = None  # text, or None when ``table``/``rows`` hold the value
    table: "Table | None" = None
    rows: "list[Row] | None" = None


@dataclass
class Table:
    columns: list[str]
    keys: list[str]
    cells: list[list[str]]


def text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, list):
        return "、".join(text(v) for v in value)
    return ENUM_LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def rows(schema, data: dict, path=()) -> list[Row]:
    out = []
    for key, value in data.items():
        if not path and key in COMMON_SHOWN_ELSEWHERE:
            continue
        field_path = path + (key,)
        label = schema.label(field_path).split("的")[-1].strip("「」")
        if isinstance(value, dict):
            out.append(Row(label, rows=rows(schema, value, field_path)))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.append(Row(label, table=table(schema, value, field_path)))
        else:
            out.append(Row(label, text(value)))
    return out


def table(schema, items: list[dict], path) -> Table:
    keys = list(dict.fromkeys(k for item in items for k in item))
    columns = [schema.label(path + (0, k)).split("的")[-1].strip("「」") for k in keys]
    return Table(columns, keys, [[text(item.get(k, "")) for k in keys] for item in items])


def field_label(schema, path) -> str:
    """The field's own Chinese name (the last part of the schema's label): 「予以公开」 → 予以公开."""
    return schema.label(path).split("的")[-1].strip("「」")


def anchor(text: str) -> str:
    """A stable HTML id for any text (topics, departments): same text, same id, on every build."""
    return "t-" + hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:10]
