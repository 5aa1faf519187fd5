"""Every field of a record as labelled rows, for the plain record page.

Labels come from the record type's schema (its ``title``s), so a field added to a schema
shows on every page without a template change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .problems import FieldPath
from .types import RecordType

if TYPE_CHECKING:
    from .schema import RecordSchema

COMMON_SHOWN_ELSEWHERE = {"type", "title", "body", "attachments", "forms", "index_no", "org"}


@dataclass
class Row:
    label: str
    value: object = None  # text, or None when ``table``/``rows`` hold the value
    table: Table | None = None
    rows: list[Row] | None = None


@dataclass
class Table:
    columns: list[str]
    keys: list[str]
    cells: list[list[str]]


def text(value: object, record_type: RecordType, key: str = "") -> str:
    """A value as people read it: 是/否, money as written with separators, enum codes in Chinese."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, list):
        return "、".join(text(v, record_type, key) for v in value)
    return record_type.value_label(key, value) if isinstance(value, str) else str(value)


def rows(record_type: RecordType, schema: RecordSchema, data: Mapping[str, Any], path: FieldPath = ()) -> list[Row]:
    out: list[Row] = []
    for key, value in data.items():
        if not path and key in COMMON_SHOWN_ELSEWHERE:
            continue
        field_path = path + (key,)
        label = field_label(schema, field_path)
        if isinstance(value, dict):
            out.append(Row(label, rows=rows(record_type, schema, value, field_path)))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.append(Row(label, table=table(record_type, schema, value, field_path)))
        else:
            out.append(Row(label, text(value, record_type, key)))
    return out


def table(record_type: RecordType, schema: RecordSchema, items: Sequence[Mapping[str, Any]], path: FieldPath) -> Table:
    keys = list(dict.fromkeys(k for item in items for k in item))
    columns = [field_label(schema, path + (0, k)) for k in keys]
    return Table(columns, keys, [[text(item.get(k, ""), record_type, k) for k in keys] for item in items])


def field_label(schema: RecordSchema, path: FieldPath) -> str:
    """The field's own Chinese name (the last part of the schema's label): 「予以公开」 → 予以公开."""
    return schema.label(path).split("的")[-1].strip("「」")


def anchor(text: str) -> str:
    """A stable HTML id for any text (topics, departments): same text, same id, on every build."""
    return "t-" + hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:10]
