"""A draft → the YAML a clerk would have written: schema line, Chinese comments, template order.

The key order and the comment of each key come from the ``publish.py new`` template of the
type (its ``new_template``), so an imported record reads like one made from
the template. Ledger entries are written as blocks, recipients and budget lines one per
line as in the templates; money always with two decimals (``2200.00``). Text is written
plain where YAML reads it back as the same text, and double-quoted otherwise; every
written record is read back by the build's own loader and must give the same data.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
import yaml

from ..types import ALL_TYPES

COMMENT_COLUMN = 30
BLOCK_LISTS = {"income", "expense"}  # lists written item by item, key by key; others one item a line
_TEMPLATE_LINE = re.compile(r"^([a-z_]+):[^#]*?(?:#\s*(.*))?$")
# Plain (unquoted) text must not start with a YAML indicator, nor read as anything but text
# to any YAML 1.1 reader (a number, date, boolean, null: PyYAML's resolver says); ": " and
# " #" inside would end it early.
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=None)
def template_keys(record_type: str) -> tuple[tuple[str, str], ...]:
    """(key, comment) of each top-level key of the type's template, in order."""
    found = []
    for line in ALL_TYPES[record_type].new_template.read_text("utf-8").splitlines():
        match = _TEMPLATE_LINE.match(line)
        if match:
            found.append((match.group(1), (match.group(2) or "").strip()))
    return tuple(found)


def _reads_as_text(text: str) -> bool:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def text_scalar(text: str, flow: bool = False) -> str:
    if (_PLAIN_START.match(text) and text == text.strip() and ": " not in text and " #" not in text
            and not text.endswith(":") and text.isprintable() and _reads_as_text(text)
            and not (flow and re.search(r"[,\[\]{}]", text))):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def scalar(value, flow: bool = False) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if _is_iso_date(value):
        return value  # dates stay plain: the loader reads them as the text written
    return text_scalar(str(value), flow)


def _is_iso_date(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _with_comment(line: str, comment: str) -> str:
    if not comment:
        return line
    return f"{line}{' ' * max(1, COMMENT_COLUMN - _width(line))}# {comment}"


def _flow(item: dict) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value, flow=True)}" for key, value in item.items()) + "}"


def _block(item: dict) -> list[str]:
    lines = []
    for i, (key, value) in enumerate(item.items()):
        lines.append(f"{'  - ' if i == 0 else '    '}{key}: {scalar(value)}")
    return lines


def render_data(record_type: str, data: dict) -> list[str]:
    comments = dict(template_keys(record_type))
    order = [key for key, _ in template_keys(record_type)]
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    lines = []
    for key in keys:
        value = data[key]
        comment = comments.get(key, "")
        if isinstance(value, list):
            if not value:
                lines.append(_with_comment(f"{key}: []", comment))
                continue
            lines.append(_with_comment(f"{key}:", comment))
            for item in value:
                lines.extend(_block(item) if key in BLOCK_LISTS else [f"  - {_flow(item)}"])
        else:
            lines.append(_with_comment(f"{key}: {scalar(value)}", comment))
    return lines


def render(record_type: str, data: dict, header_lines: list[str]) -> str:
    """The whole file (importer.py checks that the build reads back exactly ``data``)."""
    return "\n".join([*header_lines, *render_data(record_type, data)]) + "\n"
