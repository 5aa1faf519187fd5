"""Writing a record back into the clerk's file: only what was edited changes.

ruamel.yaml edits the file's YAML in round-trip mode (comments, key order, quoting and
flow lists kept); ``merge`` then keeps every line ruamel merely re-spaced exactly as the
clerk wrote it. ruamel only *writes*: what a value *is* is decided by our own reader
(``reading/yamltext.py``), and the written text is read back with it and compared with
what the form meant before anything is saved. Only the keys and list items that changed go
through ruamel (``regions.py``): its round trip is pure Python, too slow for a whole ledger. A text that a plain YAML scalar would turn
into something else (``0107``, ``yes``, ``2026-03-01`` where text is meant) is quoted.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from ..problems import Problems
from ..reading import yamltext
from ..reading.source import _FRONT_MATTER_END, parse_text
from .merge import merge
from .regions import Planner, apply
from .values import Rows, same


class WriteError(Exception):
    """The edit cannot be written so that it reads back as meant (a bug of ours, never the clerk's)."""


class Plain(str):
    """A scalar written exactly as this text, unquoted (numbers, and text that reads back as itself)."""


def _represent_plain(representer, value: Plain):
    tag = representer.dumper.resolver.resolve(ScalarNode, str(value), (True, False))
    return representer.represent_scalar(tag, str(value))


_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def _reads_back(text: str) -> bool:
    try:
        return yamltext.load(f"v: {text}\n") == {"v": text}
    except Exception:  # any parse failure: not safe unquoted
        return False


def plain_ok(text: str) -> bool:
    """Can ``text`` be written unquoted and read back (by our reader) as this very text?"""
    return (bool(text) and text == text.strip() and text.isprintable() and not text.startswith(_INDICATORS)
            and ": " not in text and " #" not in text and not text.endswith(":") and _reads_back(text))


def node(value):
    """A new value as ruamel should write it."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = node(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(node(item) for item in value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Plain(str(value))
    if isinstance(value, Decimal):
        return Plain(format(value, "f"))
    text = str(value)
    if "\n" in text:
        return LiteralScalarString(text)
    if plain_ok(text):
        return Plain(text)
    return SingleQuotedScalarString(text) if text.isprintable() else DoubleQuotedScalarString(text)


def _apply_map(tree: CommentedMap, old: dict, new: dict) -> None:
    keys = {str(key): key for key in tree}
    for name, key in keys.items():
        if name not in new:
            del tree[key]
    previous = None
    for name, value in new.items():
        key = keys.get(name)
        if key is None:
            at = list(tree).index(keys[previous]) + 1 if previous in keys else len(tree)
            tree.insert(at, name, node(value))
            keys[name] = name
        elif name not in old or not same(old[name], value):
            tree[key] = _changed(tree[key], old.get(name), value)
        previous = name


def _apply_seq(seq: CommentedSeq, old: list, new: list) -> None:
    origins = new.origins if isinstance(new, Rows) else list(range(len(new)))
    items, comments = [], {}
    for i, (value, origin) in enumerate(zip(new, origins)):
        if origin is None or origin >= min(len(seq), len(old)):
            items.append(node(value))
            continue
        items.append(seq[origin] if same(old[origin], value) else _changed(seq[origin], old[origin], value))
        if origin in seq.ca.items:
            comments[i] = seq.ca.items[origin]
    if len(items) == len(seq) and all(a is b for a, b in zip(items, seq)):
        return
    del seq[:]
    seq.extend(items)
    seq.ca.items.clear()
    seq.ca.items.update(comments)


def _changed(current, old, new):
    """The ruamel value for ``new`` where the file had ``current`` (read by us as ``old``)."""
    if isinstance(new, dict) and isinstance(current, CommentedMap) and isinstance(old, dict):
        _apply_map(current, old, new)
        return current
    if isinstance(new, list) and isinstance(current, CommentedSeq) and isinstance(old, list):
        _apply_seq(current, old, new)
        return current
    return node(new)


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:(?:\s+#.*)?\s*$")
_ITEM_LINE = re.compile(r"^( *)- ")
_INDENTED = re.compile(r"^( +)\S")


def indentation(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) the file uses, so added lines look like their neighbours;
    the templates' (2, 2) when the file does not show it."""
    mapping = offset = None
    parent = None
    for line in text.splitlines():
        key, item, indented = _KEY_LINE.match(line), _ITEM_LINE.match(line), _INDENTED.match(line)
        if parent is not None and item and offset is None:
            offset = len(item.group(1)) - parent
        elif parent is not None and indented and not item and mapping is None:
            mapping = len(indented.group(1)) - parent
        parent = len(key.group(1)) if key else None
    return (mapping if mapping and mapping > 0 else 2), (offset if offset is not None and offset >= 0 else 2)


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a clerk's long line
    mapping, offset = indentation(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.representer.add_representer(Plain, _represent_plain)
    return yaml


def _dump(yaml: YAML, tree) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _load(yaml: YAML, text: str):
    try:
        tree = yaml.load(text)
    except YAMLError as error:
        raise WriteError(f"ruamel.yaml 读不了这段：{error}") from error
    return tree


def rewrite_block(yaml: YAML, text: str, old, new) -> str:
    """One YAML document with ``old`` changed into ``new``: ruamel edits it, merge keeps the clerk's lines."""
    tree = _load(yaml, text)
    baseline = _dump(yaml, tree)
    if isinstance(tree, CommentedMap) and isinstance(old, dict):
        _apply_map(tree, old, new)
    elif isinstance(tree, CommentedSeq) and isinstance(old, list):
        _apply_seq(tree, old, new)
    else:
        raise WriteError("文件的结构与记录不符")
    return merge(text, baseline, _dump(yaml, tree))


def _rewrite_yaml(text: str, old: dict, new: dict):
    """Candidate texts for the edited YAML, best first: only the changed keys and list items
    through ruamel (fast, every other line as it was); then the whole file through it."""
    yaml = _yaml(text)
    planner = Planner(text, lambda block, a, b: rewrite_block(yaml, block, a, b), lambda value: _dump(yaml, node(value)))
    yield apply(text, planner.edits(old, new))
    yield rewrite_block(yaml, text, old, new)


def split_markdown(text: str) -> tuple[str, str, str]:
    """A Markdown record as (front matter YAML, closing ``---`` line with the blank lines after it, body)."""
    end = _FRONT_MATTER_END.search(text, 4)
    if not text.startswith("---") or end is None:
        raise WriteError("Markdown 记录缺少开头或结尾的“---”")
    rest = text[end.end():]
    body = rest.lstrip("\n")
    return text[3:end.start()], text[end.start():end.end() + len(rest) - len(body)], body


def rewrite(text: str, path: str, old: dict, new: dict, body: str | None = None) -> str:
    """The file's text with the record's data ``old`` changed into ``new`` (and, for a
    Markdown record, its body), read back by our reader to be exactly ``new``."""
    return rewritten(text, path, old, new, body)[0]


def rewritten(text: str, path: str, old: dict, new: dict, body: str | None = None) -> tuple[str, tuple]:
    """``rewrite``, with what our reader read of the written text (its check need not read it again)."""
    markdown = path.endswith(".md")
    head, closing, old_body = split_markdown(text) if markdown else (text, "", "")
    if markdown:
        if body is None or body.rstrip("\n") == old_body.rstrip("\n"):
            body = old_body
        else:  # a new body starts after a blank line, as the templates write it
            body = body.rstrip("\n") + "\n" if body.strip() else ""
            closing = closing.rstrip("\n") + ("\n\n" if body else "\n")
    for candidate in _rewrite_yaml(head, old, new):
        written = f"---{candidate}{closing}{body}" if markdown else candidate
        parsed = parse_text(written, path, Problems())
        if parsed is not None and same(dict(parsed[0]), dict(new)) and (not markdown or parsed[1] == body):
            return written, parsed
    raise WriteError("写出的文件读回来与表单不一致，没有保存")
