"""Only the lines that change go through ruamel.yaml: a record split at its keys and list items.

ruamel.yaml's round trip is pure Python: a 300-line ledger (1,500 lines of YAML) takes seconds
to load and dump. So the whole file never goes through it. libyaml (C, the reader the build
uses) says where each top-level key and each item of a top-level list starts and ends; a key
or item whose value changed is rewritten on its own (``rewrite_block``: ruamel + merge), one
removed is cut out, one added is written by ruamel alone, and every other line is copied.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from ..reading import yamltext
from .values import Rows, same


@dataclass
class Edit:
    start: int  # first line replaced (0-based)
    end: int  # the line after the last one replaced
    lines: list[str]


def last_line(node: Node) -> int:
    """The last line holding the node's own text (comments after it are not its)."""
    while isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def dash_line(lines: list[str], column: int, line: int) -> int:
    """The line of the ``-`` that starts the list item whose content starts at ``line``."""
    while line > 0 and not lines[line][column:column + 1] == "-":
        line -= 1
    return line


def indent(lines: list[str], column: int) -> list[str]:
    return [" " * column + line if line.strip() else line for line in lines]


def dedent(lines: list[str], column: int) -> list[str]:
    return [line[min(column, len(line) - len(line.lstrip(" "))):] for line in lines]


class Planner:
    """The edits that turn the file's YAML ``text`` (read as ``old``) into ``new``.

    ``rewrite_block(text, old, new)`` rewrites one small YAML document (a ``key: value`` or a
    one-item list) keeping its lines; ``render(value)`` writes a new one."""

    def __init__(self, text: str, rewrite_block, render):
        self.lines = text.splitlines(keepends=True)
        self.root = yaml.compose(text, Loader=yamltext.RecordLoader)
        self.rewrite_block = rewrite_block
        self.render = render

    def _block(self, start: int, end: int, column: int, old, new) -> list[str]:
        text = "".join(dedent(self.lines[start:end], column))
        return indent(self.rewrite_block(text, old, new).splitlines(keepends=True), column)

    def edits(self, old: dict, new: dict) -> list[Edit]:
        if not isinstance(self.root, MappingNode):
            raise ValueError("not a mapping")
        edits, previous_end = [], None
        pairs = {str(k.value): (k, v) for k, v in self.root.value}
        inserts: dict[int, list[str]] = {}
        for name, value in new.items():
            if name not in pairs:
                at = previous_end if previous_end is not None else (self.root.value[0][0].start_mark.line if pairs else 0)
                inserts.setdefault(at, []).extend(indent(self.render({name: value}).splitlines(keepends=True),
                                                         self.root.start_mark.column))
                continue
            key, node = pairs[name]
            previous_end = last_line(node) + 1
        for name, (key, node) in pairs.items():
            start, end = key.start_mark.line, last_line(node) + 1
            if name not in new:
                edits.append(Edit(start, end, []))
            elif name in old and same(old[name], new[name]):
                continue
            elif _rows(node, old.get(name), new[name]):
                edits.append(self._sequence(node, old[name], new[name]))
            else:
                edits.append(Edit(start, end, self._block(start, end, key.start_mark.column,
                                                          {name: old.get(name)} if name in old else {}, {name: new[name]})))
        edits += [Edit(at, at, lines) for at, lines in inserts.items()]
        return sorted(edits, key=lambda e: (e.start, e.end))

    def _sequence(self, node: SequenceNode, old: list, new: list) -> Edit:
        """A list of items (ledger lines): each item kept, rewritten, dropped or added on its own."""
        column = node.start_mark.column
        starts = [dash_line(self.lines, column, item.start_mark.line) for item in node.value]
        ends = starts[1:] + [last_line(node) + 1]  # an item keeps the comment lines after it
        origins = new.origins if isinstance(new, Rows) else list(range(len(new)))
        lines: list[str] = []
        for value, origin in zip(new, origins):
            if origin is None or origin >= len(node.value):
                lines += indent(self.render([value]).splitlines(keepends=True), column)
            elif same(old[origin], value):
                lines += self.lines[starts[origin]:ends[origin]]
            else:
                lines += self._block(starts[origin], ends[origin], column, [old[origin]], Rows([value], [0]))
        return Edit(starts[0], ends[-1], lines)


def _rows(node: Node, old, new) -> bool:
    """A block list in the file and a list in the form: worth editing item by item."""
    return (isinstance(node, SequenceNode) and not node.flow_style and bool(node.value)
            and isinstance(old, list) and isinstance(new, list) and len(old) == len(node.value))


def apply(text: str, edits: list[Edit]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        lines[edit.start:edit.end] = edit.lines
    return "".join(lines)
