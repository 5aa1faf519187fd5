"""A record type's form, generated from its JSON Schema (the single source of a record's shape).

``Builder(schema document, context).top(data)`` turns the merged schema of a type and a
record's data into a tree of ``Field``s: each a plain HTML control labelled with the schema's Chinese ``title``,
holding the value exactly as our reader read it. Lists of objects become tables of rows;
fixed-length count lists (the annual report's rows) a grid; a decision's stages one box per
stage in the fixed order. Templates only lay the tree out; ``formdata`` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import Phone
from ..problems import Problem
from ..types import ALL_TYPES, RecordType
from ..types.decision import STAGES
from ..types.report import APPLICANTS, REVIEW
from .values import Rows, shown

# Common keys first where a clerk expects them, the type's own keys in the middle, the rare ones last.
FIRST = ("title", "date")
LAST = ("category", "summary", "body", "attachments", "tags", "updated", "index_no")
NEVER = ("type", "org")  # fixed by the type and the folder
ONLY_WHEN_PRESENT = ("index_no",)  # generated; shown only when the clerk wrote one
COMMON = FIRST + LAST + NEVER
LONG_TEXT = (("summary",), ("body",), ("description",))  # a record's own texts (a stage's body is a name)
GRID_COLUMNS = {"row7": APPLICANTS, "row5": REVIEW}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Field:
    name: str  # the form's name for it: income.3.amount
    path: tuple  # where in the record: ("income", 3, "amount")
    label: str  # the schema's Chinese title
    kind: str  # text, textarea, date, money, integer, number, select, ref, lines, group, table, grid, gridrow, stages
    required: bool = False
    help: str = ""
    value: str = ""  # as shown
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, Chinese text)
    children: list["Field"] = field(default_factory=list)  # group: its fields; grid: its rows
    columns: list["Field"] = field(default_factory=list)  # table: a blank row's cells (for headers and adding)
    rows: list["Row"] = field(default_factory=list)  # table, stages
    problems: list[Problem] = field(default_factory=list)
    sum: str = ""  # the running total this input counts towards (editor.js and the server's totals)
    headings: tuple[str, ...] = ()  # gridrow: what each of its numbers counts (自然人 … 总计)
    uploads: bool = False  # table of attachments: each row can upload its file
    labelled: bool = False  # lines of phones: a line may be 名称：号码 ({label, number} in the file)

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()
        for row in self.rows:
            for cell in row.cells:
                yield from cell.walk()


@dataclass
class Row:
    key: str  # position of the row in the form's names (stable while the form is open)
    origin: int | None  # which item of the file it was; None for a row added in the form
    cells: list[Field]
    label: str = ""  # stages: the stage's name
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Context:
    """What a form needs beyond the schema: choices for references, the record's type."""

    record_type: str
    references: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key → (value, text), newest first
    columns: tuple[str, ...] = ()  # the org's catalogue columns: what 公开栏目 offers
    markdown: bool = False  # a .md record: its body is the text after the front matter, not a ``body`` key


class Schema:
    """Walks a merged record schema, following ``$ref``s and remembering their names."""

    def __init__(self, document: dict):
        self.document = document

    def resolve(self, node: dict) -> tuple[dict, str]:
        name = ""
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[1]
            extra = {k: v for k, v in node.items() if k != "$ref"}
            node = {**self.document["definitions"][name], **extra}
        return node, name


def enum_options(record_type: RecordType, key: str, values: list, current) -> list[tuple[str, str]]:
    """A select's (value, Chinese text), one per meaning: the Chinese word is what a new choice
    writes; the value already in the file keeps its own spelling (a code, a word, another word
    for it) until the clerk picks another."""
    words = record_type.values.get(key)
    if not words:  # the values are the words already (a decision's stages)
        return [(str(v), str(v)) for v in values] + ([(str(current), str(current))] if current not in (None, *values) else [])
    current_code = record_type.accepted(key).get(current) if isinstance(current, str) else None
    options = [(current if code == current_code else word, word) for code, word in words.items()]
    if current is not None and current_code is None:
        options.insert(0, (str(current), f"{current}（现在写的，不是可选的值）"))  # shown as written; the check says why
    return options


class Builder:
    def __init__(self, schema_document: dict, context: Context):
        self.schema = Schema(schema_document)
        self.context = context
        self.record_type = ALL_TYPES[context.record_type]

    def top(self, data: dict) -> list[Field]:
        document = self.schema.document
        properties = document["properties"]
        if self.context.record_type == "org":  # a profile: none of the common record keys
            order = [k for k in properties if k in document["required"] or k not in COMMON]
        else:
            own = [k for k in properties if k not in FIRST + LAST + NEVER]
            order = list(FIRST) + own + list(LAST)
        only_when_present = ONLY_WHEN_PRESENT + (("body",) if self.context.markdown else ())
        order = [k for k in order if k in properties and k not in NEVER and (k not in only_when_present or k in data)]
        required = set(document.get("required", ()))
        return [self.field(key, (key,), properties[key], data.get(key), key in required) for key in order]

    def field(self, name: str, path: tuple, node: dict, value, required: bool) -> Field:
        node, ref = self.schema.resolve(node)
        key = next((step for step in reversed(path) if isinstance(step, str)), "")
        made = Field(name, path, node.get("title") or key, self._kind(node, ref, path), required,
                     node.get("description", ""), shown(value))
        if made.kind == "date" and made.value and not _is_date(made.value):
            made.kind = "text"  # a date input would show nothing for 2026-02-30: show what is written
        if path == ("category",) and self.context.columns:
            made.kind = "select"
            made.options = [(c, c) for c in self.context.columns]
            if made.value and made.value not in self.context.columns:
                made.options.insert(0, (made.value, made.value))  # shown as written; the check says why not
        elif "enum" in node:
            made.options = enum_options(self.record_type, key, node["enum"], value)
        elif made.kind == "select":
            made.options = [("true", "是"), ("false", "否")]
        elif made.kind == "ref":
            made.options = self._reference_options(key, value)
        elif made.kind == "lines":
            made.labelled = path == ("phones",)
            made.value = lines_shown(value, made.labelled)
        elif made.kind == "gridrow":
            made.headings = GRID_COLUMNS[ref]
            cells = value if isinstance(value, list) else []
            made.children = [Field(f"{name}.{i}", path + (i,), heading, "integer", True, "",
                                   shown(cells[i]) if i < len(cells) else "")
                             for i, heading in enumerate(made.headings)]
        elif made.kind == "group":
            made.children = self._group(name, path, node, value if isinstance(value, dict) else {})
            if made.children and all(child.kind == "gridrow" for child in made.children):
                made.kind = "grid"
                made.headings = made.children[0].headings
        elif made.kind == "table":
            self._table(made, node, value if isinstance(value, list) else [])
        return made

    def _kind(self, node: dict, ref: str, path: tuple) -> str:
        if ref in ("money", "date", "ref"):
            return ref
        if ref in GRID_COLUMNS:
            return "gridrow"
        if ref == "count" or node.get("type") == "integer":
            return "integer"
        if "enum" in node or node.get("type") == "boolean":
            return "select"
        if node.get("type") == "number":
            return "number"
        if node.get("type") == "array":
            items, _ = self.schema.resolve(node.get("items", {}))
            return "table" if items.get("type") == "object" else "lines"
        if node.get("type") == "object":
            return "group"
        return "textarea" if path in LONG_TEXT else "text"

    def _group(self, name: str, path: tuple, node: dict, value: dict) -> list[Field]:
        required = set(node.get("required", ()))
        return [self.field(f"{name}.{key}", path + (key,), child, value.get(key), key in required)
                for key, child in node.get("properties", {}).items()]

    def _table(self, made: Field, node: dict, items: list) -> None:
        item_node, ref = self.schema.resolve(node.get("items", {}))
        made.uploads = ref == "attachment"
        origins = items.origins if isinstance(items, Rows) else list(range(len(items)))
        made.columns = self._cells(f"{made.name}.new", made.path + (len(items),), item_node, {})
        if made.path == ("stages",) and self.context.record_type == "decision" and _in_stage_order(items):
            made.kind = "stages"  # one box per stage, in the fixed order; the ones not yet held stay blank
            for n, stage in enumerate(STAGES):  # the file's stages are the first ones, in order
                held = n < len(items)
                made.rows.append(self._row(made, item_node, str(n), n if held else len(items) + n,
                                           origins[n] if held else None, items[n] if held else {"stage": stage}, stage))
            return
        for i, item in enumerate(items):
            made.rows.append(self._row(made, item_node, str(i), i, origins[i], item if isinstance(item, dict) else {}))
        if not items:  # a row to type into straight away (left empty, it is not saved)
            made.rows.append(self._row(made, item_node, "0", 0, None, {}))

    def _row(self, table: Field, item_node: dict, key: str, position: int, origin: int | None, item: dict,
             label: str = "") -> Row:
        return Row(key, origin, self._cells(f"{table.name}.{key}", table.path + (position,), item_node, item), label)

    def _cells(self, name: str, path: tuple, item_node: dict, item: dict) -> list[Field]:
        cells = self._group(name, path, item_node, item)
        for cell in cells:
            cell.sum = _sum_of(self.context.record_type, path[0], cell.path[-1])
        return cells

    def _reference_options(self, key: str, value) -> list[tuple[str, str]]:
        options = list(self.context.references.get(key, []))
        if value not in (None, "") and str(value) not in [v for v, _ in options]:
            options.insert(0, (str(value), f"现在写的：{value}"))
        return options


def lines_shown(value, labelled: bool) -> str:
    """A list of texts, one a line; labelled phones as 名称：号码."""
    if not isinstance(value, list):
        return shown(value)
    return "\n".join(Phone.of(item).as_line() if labelled else shown(item) for item in value)


def _is_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _in_stage_order(items: list) -> bool:
    """The fixed six-box layout only when the file's stages already follow it (else the plain
    table shows them as written, so nothing is hidden or reordered)."""
    names = [item.get("stage") for item in items if isinstance(item, dict)]
    return len(names) == len(items) and names == list(STAGES[: len(names)])


# Which running total a column counts towards: editor.js adds them up as the clerk types.
_SUMS = {("finance", "income", "amount"): "income", ("finance", "expense", "amount"): "expense",
         ("subsidy", "recipients", "amount"): "recipients",
         ("budget", "lines", "planned"): "planned", ("budget", "lines", "actual"): "actual"}


def _sum_of(record_type: str, table: str, column) -> str:
    return _SUMS.get((record_type, table, column), "")


