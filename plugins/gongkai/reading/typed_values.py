"""Values read the way the record type's schema says they are meant (spec §1).

YAML guesses a value's kind from how it looks; the schema knows what the field is:

* a text field (voucher, code, phone, 文号, title …) keeps the characters the clerk typed:
  ``voucher: 0107`` is “0107”, never 107 (or YAML 1.1's octal 71), ``title: yes`` is “yes”;
* full-width characters in a field with a fixed format (a date, a period, a code, a
  phone) and in a number are read as their ASCII selves: ``period: ２０２６-10`` is
  2026-10 and ``amount: １２００.５０`` is 1200.50, so they are checked — and compared
  with other records — like the rest.

Every reader of records goes through ``source.parse_text``, which applies this: the build,
``check`` and the browser editor see the same values.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import NamedTuple

from ..schema import Schemas
from ..types import ALL_TYPES
from .yamltext import LineDict, LineList, number

TEXT = "text"
FORMATTED = "formatted text"  # a string with a pattern: digits and Latin letters only
NUMBER = "number"


class ListOf(NamedTuple):
    item: object


class Either(NamedTuple):
    """One of several shapes (a phone: its number as text, or {label, number})."""

    shapes: tuple

    def matching(self, value):
        """The shape this value was written in: a mapping's, a list's, else the first scalar one."""
        wanted = dict if isinstance(value, LineDict) else ListOf if isinstance(value, LineList) else str
        for shape in self.shapes:
            if isinstance(shape, wanted) if wanted is not str else isinstance(shape, str):
                return shape
        return None


def apply(data: LineDict) -> None:
    """Put every value of a record as its type's schema means it, in place."""
    record_type = data.get("type")
    if isinstance(record_type, str) and record_type in ALL_TYPES:
        _fix_container(data, shape_of(record_type))


@cache
def shape_of(record_type: str) -> dict:
    """What each field of the type is: TEXT, FORMATTED, NUMBER, a dict of fields or ListOf."""
    document = Schemas.shared()[record_type].document
    return _shape(document, document["definitions"])


def _shape(schema: dict, definitions: dict):
    while "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[1]]
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if alternatives:
        return Either(tuple(_shape(alternative, definitions) for alternative in alternatives))
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "string" in kinds:
        return FORMATTED if "pattern" in schema else TEXT
    if "number" in kinds or "integer" in kinds:
        return NUMBER
    if "object" in kinds:
        return {key: _shape(inner, definitions) for key, inner in schema.get("properties", {}).items()}
    if "array" in kinds:
        return ListOf(_shape(schema.get("items", {}), definitions))
    return None


def _fix_container(container, shape) -> None:
    if isinstance(shape, dict) and isinstance(container, LineDict):
        for key in container:
            if key in shape:
                _fix(container, key, shape[key])
    elif isinstance(shape, ListOf) and isinstance(container, LineList):
        for index in range(len(container)):
            _fix(container, index, shape.item)


def _fix(container, key, shape) -> None:
    """Fix ``container[key]``: the container knows the value's text as written."""
    value = container[key]
    if isinstance(shape, Either):
        shape = shape.matching(value)
    if shape in (TEXT, FORMATTED):
        if value is not None and value.__class__ is not str and key in container.written:
            value = container[key] = container.written[key]
        if shape == FORMATTED and value.__class__ is str and not value.isascii():
            container[key] = unicodedata.normalize("NFKC", value)
    elif shape == NUMBER:
        if value.__class__ is str and not value.isascii():
            read = number(unicodedata.normalize("NFKC", value).strip())
            if read is not None:
                container[key] = read
    else:
        _fix_container(value, shape)
