"""CSV per record type, for the whole site and for each org: what opens in Excel.

One row per ledger line (finance), budget line, recipient (subsidy) and procurement
item; one row per record for the other types. The columns come from the type's schema,
so a new field in a schema is a new column without code here.

Excel-safe: UTF-8 with a BOM (Excel reads Chinese correctly only with it), CRLF line
ends, and a text cell that starts with = + - @ gets a leading ' so Excel shows it
instead of running it as a formula (CSV injection). Money is the exact text the clerk
wrote. Row 1 holds the Chinese names, row 2 the English keys (the same keys as the
record JSON; a line's keys are prefixed with its list, e.g. ``lines.planned``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from ..addresses import absolute
from ..datasets import csv_path, types_present
from ..types import RECORD_TYPES
SCALAR_REFS = {"#/definitions/money", "#/definitions/date", "#/definitions/datetime", "#/definitions/ref",
               "#/definitions/count", "#/definitions/text"}
COMMON = ("type", "org", "title", "date", "updated", "category", "summary", "tags", "attachments", "index_no", "body")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str  # English key (second header row)
    label: str  # Chinese name (first header row)


def _is_scalar(prop: dict) -> bool:
    return prop.get("type") in ("string", "number", "integer", "boolean") or "enum" in prop or prop.get("$ref") in SCALAR_REFS


def _label(prop: dict, key: str) -> str:
    return prop.get("title") or key


def _is_text_list(prop: dict) -> bool:
    return prop.get("type") == "array" and (prop.get("items") or {}).get("type") == "string"


def _record_columns(props: dict) -> list[Column]:
    """A record's own fields: scalars, lists of text (joined), and objects one level down (key.sub)."""
    cols = []
    for key, prop in props.items():
        if key in COMMON:
            continue
        if _is_scalar(prop) or _is_text_list(prop):
            cols.append(Column(key, _label(prop, key)))
        elif prop.get("type") == "object" and "properties" in prop:
            cols += [Column(f"{key}.{sub}", f"{_label(prop, key)}：{_label(inner, sub)}")
                     for sub, inner in prop["properties"].items() if _is_scalar(inner) or _is_text_list(inner)]
    return cols


def columns(schema_document: dict, record_type: str) -> list[Column]:
    props = schema_document["properties"]
    cols = [Column("index_no", "索引号"), Column("org", "机构代号"), Column("org_name", "机构名称"),
            Column("title", "标题"), Column("category", "公开栏目"), Column("date", "生成日期"),
            Column("updated", "更新时间")]
    cols += _record_columns(props)
    cols.append(Column("tags", "标签"))
    lines = RECORD_TYPES[record_type].csv
    if lines is None:
        cols.append(Column("summary", "内容概述"))
    else:
        if lines.direction:
            cols.append(Column(f"{lines.prefix}.direction", "收支"))
        items = _item_schema(schema_document, lines.lists[0])
        cols += [Column(f"{lines.prefix}.{k}", _label(p, k)) for k, p in items["properties"].items() if _is_scalar(p)]
    cols.append(Column("url", "网址"))
    return cols


def _item_schema(schema_document: dict, list_key: str) -> dict:
    items = schema_document["properties"][list_key]["items"]
    if "$ref" in items:  # finance: #/definitions/entry
        items = schema_document["definitions"][items["$ref"].rsplit("/", 1)[1]]
    return items


def cell(value, guard: bool = True) -> str:
    """One CSV cell: exact money text, and formula-looking text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, list):
        value = "、".join(map(str, value))
    text = str(value)
    return "'" + text if guard and text.startswith(FORMULA_START) else text


def rows(site, record_type: str, records) -> tuple[list[Column], list[list[str]]]:
    """The table of ``records`` (all of ``record_type``): its columns and its rows of cells."""
    times = site.times
    cols = columns(site.schemas[record_type].document, record_type)
    table = []
    for record in records:
        refs = record.refs
        base = {"index_no": record.index_no, "org": record.org.slug, "org_name": record.org.name,
                "title": record.title, "category": record.category, "date": record.date.isoformat(),
                "updated": times.updated(record).isoformat(), "summary": record.summary,
                "url": absolute(site.settings, record.url)}
        base["tags"] = record.tags
        for col in cols:
            if col.key in base or col.key.startswith(_line_prefix(record.type)):
                continue
            key, _, sub = col.key.partition(".")
            value = record.data.get(key)
            if sub:
                value = value.get(sub) if isinstance(value, dict) else None
            base[col.key] = refs[key].index_no if key in refs else value
        for line in _lines(record):
            values = {**base, **line}
            table.append([cell(values.get(c.key), guard=c.key not in ("date", "updated", "url")) for c in cols])
    return cols, table


def _line_prefix(record_type: str) -> str:
    lines = RECORD_TYPES[record_type].csv
    return lines.prefix + "." if lines else "\0"


def _lines(record):
    """Each line of a line-shaped record as {prefixed key: value}; a record without lines gives one empty line."""
    lines = record.record_type.csv
    if lines is None:
        yield {}
        return
    found = False
    for list_key in lines.lists:
        for item in record.data.get(list_key, ()):
            found = True
            line = {f"{lines.prefix}.{k}": v for k, v in item.items()}
            if lines.direction:
                line[f"{lines.prefix}.direction"] = list_key
            yield line
    if not found:
        yield {}


def encode(cols: list[Column], table: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.label for c in cols])
    writer.writerow([c.key for c in cols])
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def write(site, output) -> None:
    for record_type in types_present(site.records):
        output.write_bytes(csv_path(record_type), encode(*rows(site, record_type, [r for r in site.records if r.type == record_type])))
    for org in site.orgs.values():
        for record_type in types_present(org.records):
            output.write_bytes(csv_path(record_type, org), encode(*rows(site, record_type, [r for r in org.records if r.type == record_type])))
