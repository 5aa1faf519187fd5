"""A posted form read back into a record's data, against the data the file held.

Every field the form showed is read by the same ``Field`` tree that drew it. A value the
clerk did not change (the text posted is the text shown) keeps the file's own value — same
spelling, same type — so saving never rewrites what nobody touched. Keys the form does not
show are kept as they are. An emptied optional field is removed; an emptied required one is
left out so the schema check names it. Table rows carry the index of the file's item they
were (``<table>.<row>._row``), so a row's comments stay with it when rows are added or removed.
"""

from __future__ import annotations

from . import values
from ..model import Phone
from .fields import Field, lines_shown
from .values import Rows

MISSING = object()  # the key is to be left out
BODY = "_body"  # the Markdown body of a .md record (not a key of its data)


class Form:
    """The posted names and values, in the order the browser sent them."""

    def __init__(self, items: list[tuple[str, str]]):
        self.items = [(name, value) for name, value in items if isinstance(value, str)]
        self.values: dict[str, str] = {}
        for name, value in self.items:
            self.values.setdefault(name, value)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def set(self, name: str, value: str) -> None:
        """Replace a posted value (an uploaded file's name, a button's meaning)."""
        self.items = [(n, v) for n, v in self.items if n != name] + [(name, value)]
        self.values[name] = value

    def without(self, prefix: str) -> "Form":
        """The form without the values whose names start with ``prefix`` (a removed row)."""
        return Form([(n, v) for n, v in self.items if not n.startswith(prefix)])

    def row_keys(self, table: str) -> list[str]:
        """Keys of the rows posted for ``table``, in page order (``income.3.amount`` → "3")."""
        prefix, keys = table + ".", {}
        for name, _ in self.items:
            if name.startswith(prefix):
                key = name[len(prefix):].split(".", 1)[0]
                keys.setdefault(key, None)
        return [k for k in keys if k != "new"]


def text_of(raw: str, multiline: bool) -> str:
    """Browsers post CRLF line ends; single-line inputs lose the spaces around what was typed."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").rstrip() if multiline else raw.strip()


def read(form: Form, fields: list[Field], original: dict) -> dict:
    data = dict(original)
    for field in fields:
        _put(data, field.path[-1], value_of(form, field, original.get(field.path[-1])))
    return data


def _put(data: dict, key, value) -> None:
    if value is MISSING:
        data.pop(key, None)
    else:
        data[key] = value


def value_of(form: Form, field: Field, old):
    if field.kind in ("group", "grid"):
        return _group(form, field, old)
    if field.kind == "gridrow":
        return _gridrow(form, field, old)
    if field.kind in ("table", "stages"):
        return _table(form, field, old)
    multiline = field.kind in ("textarea", "lines")
    raw = text_of(form.get(field.name), multiline)
    if old is not None and raw == text_of(_shown(field, old), multiline):
        return old
    if raw == "":
        return [] if field.kind == "lines" and field.required else MISSING
    if field.kind == "lines":
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        return [Phone.written(line) for line in lines] if field.labelled else lines
    if field.kind == "money":
        return values.money(raw)
    if field.kind == "integer":
        return values.integer(raw)
    if field.kind == "number":
        return values.number(raw)
    if field.kind == "select" and field.options == [("true", "是"), ("false", "否")]:
        return raw == "true"
    return raw


def _shown(field: Field, old) -> str:
    return lines_shown(old, field.labelled) if field.kind == "lines" else values.shown(old)


def _group(form: Form, field: Field, old):
    if not field.required and old is None and not _typed(form, field):
        return MISSING  # an optional group nobody filled in (监委会审核 of a ledger not yet reviewed)
    group = dict(old) if isinstance(old, dict) else {}
    for child in field.children:
        _put(group, child.path[-1], value_of(form, child, group.get(child.path[-1])))
    if not group and not field.required:
        return MISSING
    return old if isinstance(old, dict) and values.same(group, old) else group


def _typed(form: Form, field: Field) -> bool:
    """Did the clerk type anything into this field or any field inside it?"""
    return any(form.get(inner.name).strip() for inner in field.walk() if not inner.children and not inner.rows)


def _gridrow(form: Form, field: Field, old):
    """A row of the annual report's grid: a blank cell is a 0, as on the paper form."""
    raws = [form.get(cell.name).strip() for cell in field.children]
    if not any(raws) and not field.required:
        return MISSING
    row = [values.integer(raw) if raw else 0 for raw in raws]
    return old if isinstance(old, list) and values.same(row, old) else row


def _table(form: Form, field: Field, old):
    old_items = old if isinstance(old, list) else []
    items, origins = [], []
    for key in form.row_keys(field.name):
        origin = _origin(form.get(f"{field.name}.{key}._row"), len(old_items))
        before = old_items[origin] if origin is not None and isinstance(old_items[origin], dict) else {}
        item = dict(before)
        for column in field.columns:
            name = column.path[-1]
            cell = _cell(column, f"{field.name}.{key}.{name}")
            _put(item, name, value_of(form, cell, before.get(name)))
        if _blank(item, field):
            continue
        items.append(before if before and values.same(item, before) else item)
        origins.append(origin)
    if not items and not field.required:
        return MISSING
    return Rows(items, origins)


def _origin(raw: str, count: int) -> int | None:
    return int(raw) if raw.isdigit() and int(raw) < count else None


def _cell(column: Field, name: str) -> Field:
    """The blank row's field under this row's name (same kind, label and choices)."""
    cell = Field(name, column.path, column.label, column.kind, column.required, column.help, "", column.options)
    cell.children = [_cell(child, f"{name}.{child.path[-1]}") for child in column.children]
    cell.columns = column.columns
    return cell


def _blank(item: dict, field: Field) -> bool:
    """A row the clerk left empty (a decision's stage box has only its fixed stage name)."""
    return not item or (field.kind == "stages" and set(item) == {"stage"})
