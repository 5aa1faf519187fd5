"""YAML as clerks write it, read the way a disclosure needs it.

* Through libyaml's C parser (``CSafeLoader``): parsing is the hot path of a build.
* Every mapping and list remembers the line of each key and item, so a problem
  deep inside a record can be reported at the clerk's line.
* Numbers with a fraction become ``Decimal`` straight from the YAML text: money is
  never binary floating point (``1200.10`` stays ``1200.10``).
* Dates stay the text the clerk wrote (``2026-02-30`` too); the model parses them and
  says which ones do not exist, instead of the parser failing on the whole file.
* YAML 1.1's sexagesimal numbers are switched off: office hours ``8:30`` stay text.
* A leading zero is not octal (YAML 1.2): ``0107`` is 107 where a number is wanted, and
  every mapping and list keeps the text of each value YAML read as something other than
  text (``written``), so a field that is text keeps ``0107`` (``typed_values.py``).
* A key written twice is an error, not a silent overwrite.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import yaml
from yaml.nodes import ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is a declared requirement
    from yaml import SafeLoader as _BaseLoader


class LineDict(dict):
    """A mapping that knows the line of itself and of each of its keys, and the text as
    written of each value that YAML read as a number, true/false or null."""

    __slots__ = ("line", "key_lines", "written")


class LineList(list):
    """A list that knows the line of itself and of each of its items, and (by index) the
    text as written of each item that YAML read as a number, true/false or null."""

    __slots__ = ("line", "item_lines", "written")


class DuplicateKey(Exception):
    """A key written twice in one mapping; where both are and where the mapping starts."""

    def __init__(self, key, line, column, first_line, mapping_line, mapping_column):
        super().__init__(key)
        self.key = key
        self.line = line
        self.column = column
        self.first_line = first_line
        self.mapping_line = mapping_line
        self.mapping_column = mapping_column


_INT = re.compile(r"^[-+]?(?:[0-9][0-9_]*|0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class RecordLoader(_BaseLoader):
    """CSafeLoader with line-aware containers, Decimal numbers and text dates."""

    # libyaml parses in C but calls these three back for every node: they are the hot path
    # of a build. PyYAML's versions also serve path resolvers, which we never register.
    def descend_resolver(self, current_node, current_index):
        return None

    def ascend_resolver(self):
        return None

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _IMPLICIT_ANY):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


# Resolvers are class-level state: give RecordLoader its own copy, then replace the
# int, float and timestamp rules with the ones described in the module docstring.
RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                           "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
RecordLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
RecordLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
# The implicit resolvers by first character, each list followed by the ones for any
# character, in PyYAML's order (what ``Resolver.resolve`` builds anew for every scalar).
_IMPLICIT_ANY = tuple(RecordLoader.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {first: tuple(resolvers) + _IMPLICIT_ANY
             for first, resolvers in RecordLoader.yaml_implicit_resolvers.items() if first is not None}


def _int(text: str) -> int:
    text = text.replace("_", "")
    return int(text, 16 if text.lstrip("+-").startswith("0x") else 10)


def _decimal(text: str):
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # .inf / .nan: keep the text so the schema calls it not a number
        return text


def _construct_int(loader, node):
    return _int(node.value)


def _construct_decimal(loader, node):
    return _decimal(node.value)


def number(text: str):
    """``text`` as the number YAML reads it (int or Decimal), or None when it is not one."""
    if _INT.match(text):
        return _int(text)
    if _FLOAT.match(text):
        return _decimal(text)
    return None


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.written = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, str):
            key = str(key)
        if key in mapping:
            raise DuplicateKey(key, key_node.start_mark.line + 1, key_node.start_mark.column, mapping.key_lines[key],
                               mapping.line, node.start_mark.column)
        value = mapping[key] = _construct(loader, value_node)
        mapping.key_lines[key] = key_node.start_mark.line + 1
        if value.__class__ is not str and value_node.__class__ is ScalarNode:
            mapping.written[key] = value_node.value
    return mapping


def _construct_sequence(loader, node):
    items = LineList(_construct(loader, child) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    items.written = {i: child.value for i, (child, item) in enumerate(zip(node.value, items))
                     if item.__class__ is not str and child.__class__ is ScalarNode}
    return items


RecordLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
RecordLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
RecordLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
RecordLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

# Plain scalars (most nodes of a record) are built directly: PyYAML's construct_object
# bookkeeping (anchors, recursion, generators) only matters for containers and odd tags.
_STR = "tag:yaml.org,2002:str"
_SCALARS = {tag: RecordLoader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")}


def _construct(loader, node):
    if node.__class__ is ScalarNode:
        if node.tag == _STR:  # most of them: what SafeConstructor.construct_yaml_str returns
            return node.value
        build = _SCALARS.get(node.tag)
        if build is not None:
            return build(loader, node)
    return loader.construct_object(node, deep=True)


def load(text: str):
    """Parse one YAML document. Raises yaml.YAMLError or DuplicateKey."""
    return yaml.load(text, Loader=RecordLoader)


def line_of(data, path, default: int) -> int:
    """The line of the value at ``path`` (keys and indexes), or of its nearest parent."""
    line = getattr(data, "line", default)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
        else:
            break
        node = node[step]
    return line
