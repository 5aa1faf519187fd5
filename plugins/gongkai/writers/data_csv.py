"""CSV per record type, for the whole site and for each org: what opens in Excel.

One row per ledger line (finance), budget line, recipient (subsidy), procurement item
and 四议两公开 stage (the type's ``csv`` says which list); one row per record for the other
types. The columns come from the type's schema, so a new field in a schema is a new
column without code here, and nothing a record holds is left out:

* a value, or a value inside an object (``reviewed_by.date``): its own column;
* a list of values (tags, 审核人): one cell, joined with 、;
* a fixed-length list (the annual report's rows of 7 counts): a column per place, named
  by the type's ``places`` (自然人 … 总计);
* any other list of objects (申请材料, 附件): one cell, an item per line, each value
  with its Chinese name (材料名称：身份证；材料形式：original；份数：1).

Row 1 holds the Chinese names (unique: a line's column that shares its name with a
record's column is qualified with the list's name, 采购内容：预算金额), row 2 the English
keys (the same keys as the record JSON; a line's keys are prefixed with its list, e.g.
``lines.planned``). Encoding and formula guarding: ``csv_text``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from ..addresses import absolute
from ..datasets import csv_path, types_present
from ..types import RECORD_TYPES
from . import csv_text

SCALAR_TYPES = frozenset({"string", "number", "integer", "boolean"})
# Keys every record has: written by the fixed columns below, not walked from the schema.
COMMON = ("type", "org", "title", "date", "updated", "category", "summary", "tags", "attachments", "index_no", "body")
VALUE, JOINED, ITEMS, JSON = "value", "joined", "items", "json"  # how a column's value becomes a cell


@dataclass(frozen=True)
class Column:
    key: str  # English key (second header row)
    label: str  # Chinese name (first header row)
    path: tuple = ()  # where the value is: keys and list places, in the record's data (or in its line)
    kind: str = VALUE
    in_line: bool = False  # the value is in a line (ledger entry, budget line, …), not the record
    item_labels: tuple = ()  # ITEMS: (key, Chinese name) of an item's fields, in schema order


# Reading the schema ----------------------------------------------------------------------

def _definition(prop: dict) -> str:
    return prop["$ref"].rsplit("/", 1)[1] if "$ref" in prop else ""


def _resolve(document: dict, prop: dict) -> dict:
    """A property with its $ref followed (the property's own title and description win)."""
    while "$ref" in prop:
        own = {k: v for k, v in prop.items() if k != "$ref"}
        prop = {**document["definitions"][_definition(prop)], **own}
    return prop


def _is_scalar(node: dict) -> bool:
    if "enum" in node or "const" in node:
        return True
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return None not in kinds and set(kinds) <= SCALAR_TYPES


def _label(prop: dict, node: dict, key: str) -> str:
    return prop.get("title") or node.get("title") or key


def field_columns(document: dict, properties: dict, places: dict | None = None, key: str = "", label: str = "", path: tuple = (),
          in_line: bool = False) -> list[Column]:
    """The columns of every field under ``properties``, in schema order."""
    places = places or {}
    cols = []
    for name, prop in properties.items():
        node = _resolve(document, prop)
        col_key, col_label, col_path = key + name, label + _label(prop, node, name), path + (name,)
        if _is_scalar(node):
            cols.append(Column(col_key, col_label, col_path, VALUE, in_line))
        elif node.get("type") == "object" and "properties" in node:
            cols += field_columns(document, node["properties"], places, col_key + ".", col_label + "：", col_path, in_line)
        elif node.get("type") == "array":
            cols += _list_columns(document, prop, node, places, col_key, col_label, col_path, in_line)
        else:
            cols.append(Column(col_key, col_label, col_path, JSON, in_line))
    return cols


def _list_columns(document, prop, node, places, key, label, path, in_line) -> list[Column]:
    items = _resolve(document, node.get("items") or {})
    size = node.get("maxItems") if node.get("minItems") == node.get("maxItems") else None
    if _is_scalar(items) and size:
        names = places.get(_definition(prop)) or places.get(path[-1]) or [f"第 {i + 1} 项" for i in range(size)]
        return [Column(f"{key}.{i + 1}", f"{label}：{place}", path + (i,), VALUE, in_line) for i, place in enumerate(names)]
    if _is_scalar(items):
        return [Column(key, label, path, JOINED, in_line)]
    if items.get("type") == "object" and "properties" in items:
        item_labels = tuple((k, _label(p, _resolve(document, p), k)) for k, p in items["properties"].items())
        return [Column(key, label, path, ITEMS, in_line, item_labels)]
    return [Column(key, label, path, JSON, in_line)]


def columns(schema_document: dict, record_type: str) -> list[Column]:
    """Every column of a type's CSV, from its schema."""
    kind = RECORD_TYPES[record_type]
    lines = kind.csv
    props = schema_document["properties"]
    line_lists = lines.lists if lines else ()
    cols = [Column("index_no", "索引号"), Column("org", "机构代号"), Column("org_name", "机构名称"),
            Column("title", "标题"), Column("category", "公开栏目"), Column("date", "生成日期"),
            Column("updated", "更新时间")]
    own = {k: p for k, p in props.items() if k not in COMMON and k not in line_lists}
    cols += field_columns(schema_document, own, kind.places)
    cols += [Column("tags", "标签", ("tags",), JOINED), Column("summary", "内容概述")]
    cols += field_columns(schema_document, {k: props[k] for k in ("attachments", "body")}, kind.places)
    if lines is not None:
        if lines.direction:
            cols.append(Column(f"{lines.prefix}.direction", "收支", in_line=True))
        list_prop = props[lines.lists[0]]
        items = _resolve(schema_document, _resolve(schema_document, list_prop)["items"])
        line_cols = field_columns(schema_document, items["properties"], kind.places, lines.prefix + ".", in_line=True)
        taken = {c.label for c in cols}
        list_label = _label(list_prop, items, lines.lists[0])
        cols += [Column(c.key, f"{list_label}：{c.label}" if c.label in taken else c.label, c.path, c.kind, True, c.item_labels)
                 for c in line_cols]
    cols.append(Column("url", "网址"))
    return cols


# Filling the rows ------------------------------------------------------------------------

def _at(data, path: tuple):
    for step in path:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and step < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def _text(value) -> str:
    return str(value) if isinstance(value, (str, int, Decimal)) else json.dumps(value, ensure_ascii=False, default=str)


def _items_text(items, item_labels: tuple) -> str:
    """A list of objects as lines: 材料名称：身份证；材料形式：original；份数：1."""
    return "\n".join("；".join(f"{name}：{_item_value(item[k])}" for k, name in item_labels if k in item) for item in items)


def _item_value(value) -> str:
    return _text(value) if isinstance(value, (dict, list)) else csv_text.cell(value)


def value(col: Column, source: dict, refs: dict):
    """The cell value of ``col`` in ``source`` (the record's data, or one of its lines)."""
    if not col.in_line and len(col.path) == 1 and col.path[0] in refs:
        return refs[col.path[0]].index_no  # a reference: the record it names, by its 索引号
    found = _at(source, col.path)
    if found is None:
        return None
    if col.kind == JOINED:
        return [_text(v) for v in found]
    if col.kind == ITEMS:
        return _items_text(found, col.item_labels)
    if col.kind == JSON:
        return _text(found)
    return found


def rows(site, record_type: str, records) -> tuple[list[Column], list[list[str]]]:
    """The table of ``records`` (all of ``record_type``): its columns and its rows of cells."""
    times = site.times
    cols = columns(site.schemas[record_type].document, record_type)
    own = [c for c in cols if c.path and not c.in_line]
    in_line = [c for c in cols if c.in_line and c.path]
    table = []
    for record in records:
        base = {"index_no": record.index_no, "org": record.org.slug, "org_name": record.org.name,
                "title": record.title, "category": record.category, "date": record.date.isoformat(),
                "updated": times.updated(record).isoformat(), "summary": record.summary, "body": record.body,
                "url": absolute(site.settings, record.url)}
        for col in own:
            if col.key != "body":
                base[col.key] = value(col, record.data, record.refs)
        for line_key, line in _lines(record):
            values = {**base, **{c.key: value(c, line, {}) for c in in_line}}
            if line_key:
                values[f"{record.record_type.csv.prefix}.direction"] = line_key
            table.append([csv_text.cell(values.get(c.key)) for c in cols])
    return cols, table


def _lines(record):
    """(list key, line) for each line of a line-shaped record; a record without lines gives one empty line."""
    lines = record.record_type.csv
    if lines is None:
        yield "", {}
        return
    found = False
    for list_key in lines.lists:
        for item in record.data.get(list_key, ()):
            found = True
            yield (list_key if lines.direction else ""), item
    if not found:
        yield "", {}


def encode(cols: list[Column], table: list[list[str]]) -> bytes:
    return csv_text.encode([[c.label for c in cols], [c.key for c in cols]], table)


def write(site, output) -> None:
    for record_type in types_present(site.records):
        output.write_bytes(csv_path(record_type), encode(*rows(site, record_type, [r for r in site.records if r.type == record_type])))
    for org in site.orgs.values():
        for record_type in types_present(org.records):
            output.write_bytes(csv_path(record_type, org), encode(*rows(site, record_type, [r for r in org.records if r.type == record_type])))
