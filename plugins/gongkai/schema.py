"""The JSON Schema of each record type: the one source of a record's shape.

The same schema validates records in the build, is published under ``/schemas/`` for
clerks' editors (templates point at it with ``# yaml-language-server: $schema=``), and
gives every field its Chinese label (``title``) for error messages.

Valid records are the common case, so they go through a compiled validator
(fastjsonschema, generated Python code); only an invalid record is validated again
with ``jsonschema`` to list *all* its problems with their paths. The generated code is
compiled to bytecode and kept in the user's cache folder, keyed by the schema's digest, so a command does not
compile the schemas again (each process loads them once: ``Schemas.shared()``).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from fastjsonschema.ref_resolver import RefResolver

from .problems import FieldPath
from .reading import syntax, written_dates
from .types import ALL_TYPES, TYPES_DIR, RecordType

_TYPE_NAMES = {
    "number": "数字（例如 1234.50，不加引号和单位）",
    "integer": "整数",
    "string": "文字",
    "array": "列表（每一项以“- ”开头）",
    "object": "一组“键: 值”",
    "boolean": "true（是）或 false（否）",
}


def _merged(record_type: str) -> dict[str, Any]:
    common = json.loads((TYPES_DIR / "_common.schema.json").read_text("utf-8"))
    own = json.loads(ALL_TYPES[record_type].schema_file.read_text("utf-8"))
    _accept_words(own, ALL_TYPES[record_type])
    properties = dict(common["properties"])
    properties.update(own.get("properties", {}))
    properties["type"] = {"const": record_type, "title": "记录类型"}
    required = own["required"] if record_type == "org" else common["required"] + own["required"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{record_type}.json",
        "title": own["title"],
        "description": own.get("description", own["title"]),
        "type": "object",
        "additionalProperties": False,
        "required": list(dict.fromkeys(required)),
        "properties": properties,
        "definitions": {**common["definitions"], **own.get("definitions", {})},
    }


def _accept_words(node: Any, record_type: RecordType) -> None:
    """Every enumerated field takes its codes and the Chinese words for them (the type declares both)."""
    if isinstance(node, dict):
        for key, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and "enum" in prop and key in record_type.values:
                prop["enum"] = list(record_type.accepted(key))
        for value in node.values():
            _accept_words(value, record_type)
    elif isinstance(node, list):
        for value in node:
            _accept_words(value, record_type)


@dataclass
class Finding:
    """A schema problem: where in the record (keys and indexes) and what to tell the clerk."""

    path: FieldPath
    message: str


class RecordSchema:
    """One record type's schema, compiled both ways."""

    def __init__(self, record_type: str):
        self.type = record_type
        self.document = _merged(record_type)
        self._fast = compiled(self.document)

    @cached_property
    def _full(self) -> jsonschema.Draft7Validator:
        checker = jsonschema.FormatChecker(formats=())
        checker.checks("date")(_is_date)
        return jsonschema.Draft7Validator(self.document, format_checker=checker)

    def findings(self, data: Mapping[str, Any]) -> list[Finding]:
        """Every schema problem of a record; [] when it is valid."""
        try:
            self._fast(data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass
        found: list[Finding] = []
        for error in sorted(self._full.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            found.extend(self._explain(error))
        return found

    # -- labels ------------------------------------------------------------------

    def _resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in schema:
            schema = self.document["definitions"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def label(self, path: Sequence[str | int]) -> str:
        """The Chinese name of the field at ``path``: 「收入明细」第 3 项的「金额」."""
        parts: list[str] = []
        schema: Mapping[str, Any] = self.document
        for step in path:
            schema = self._resolve(schema)
            if isinstance(step, int):
                parts.append(f"第 {step + 1} 项")
                schema = schema.get("items", {})
            else:
                prop = schema.get("properties", {}).get(step, {})
                parts.append(f"「{prop.get('title') or self._resolve(prop).get('title') or step}」")
                schema = prop
        return "的".join(parts).replace("的第", "第") or "记录"

    def _property(self, path: Sequence[str | int]) -> Mapping[str, Any]:
        schema: Mapping[str, Any] = self.document
        for step in path:
            schema = self._resolve(schema)
            schema = schema.get("items", {}) if isinstance(step, int) else schema.get("properties", {}).get(step, {})
        return schema

    def _explain(self, error: jsonschema.ValidationError) -> list[Finding]:
        path: FieldPath = tuple(error.absolute_path)
        label = self.label(path)
        # iter_errors sets all three (jsonschema's stubs also allow them unset)
        kind = str(error.validator)
        value: Any = error.instance  # what the record has there
        wanted: Any = error.validator_value  # the keyword's value: the keys required, the words allowed, the bound
        if kind == "required":
            run_in = {(_run_in(k, wanted) or ("",))[0] for k in value}  # reported as that key
            missing = [k for k in wanted if k not in value and k not in run_in]
            return [Finding(path, f"缺少{self.label(path + (k,)) if path else self.label((k,))}（{k}）：请补上这一项")
                    for k in missing]
        if kind == "additionalProperties":
            where: Any = error.schema  # the (sub)schema of the mapping with the unknown keys
            allowed = list(self._resolve(where).get("properties", {}))
            findings = []
            for key in sorted(set(value) - set(allowed)):
                findings.append(Finding(path + (key,), _unknown_key(key, allowed, self.label(path) if path else "")))
            return findings
        if value is None and kind in ("type", "enum", "const"):  # the clerk left it empty
            return [Finding(path, f"{label}是空的：请在冒号后面填写{self._what_to_write(path, kind, wanted)}")]
        if kind == "const":
            return [Finding(path, f"{label}应当是 {wanted}")]
        if kind == "type":
            named = _type_name(wanted)
            return [Finding(path, f"{label}应当是{_TYPE_NAMES.get(named, named)}，现在写的是“{_show(value)}”")]
        if kind == "enum":
            return [Finding(path, f"{label}只能是以下之一：{self._options(path, wanted)}；现在写的是“{_show(value)}”")]
        field = self._resolve(self._property(path))
        if kind == "format":
            if not re.search(field.get("pattern", ""), value):
                return []  # not even written as a date: the pattern's message says how to write one
            return [Finding(path, f"{label}“{value}”这一天不存在：请核对年、月、日")]
        if kind in ("oneOf", "anyOf"):  # one of several shapes (a phone: a number, or {label, number})
            how = self._resolve(self._property(path[:-1] if path and isinstance(path[-1], int) else path)).get("description", "")
            return [Finding(path, f"{label}的写法不对（“{_show(value)}”）：{how or '请对照模板修改'}")]
        if kind == "pattern":
            meant = written_dates.advice(value) if field.get("format") == "date" else None
            if meant:
                return [Finding(path, label + meant)]
            how = field.get("description") or self._property(path).get("description") or ""
            return [Finding(path, f"{label}的写法不对（“{_show(value)}”）：{how or '请对照模板修改'}")]
        if kind in _LIMITS:
            return [Finding(path, label + _LIMITS[kind].format(limit=wanted, value=_show(value)))]
        return [Finding(path, f"{label}不符合要求：{error.message}")]

    def _options(self, path: FieldPath, allowed: Sequence[object]) -> str:
        words = ALL_TYPES[self.type].values.get(str(path[-1]) if path else "", {})
        return "、".join(f"{word}（{code}）" for code, word in words.items()) or "、".join(map(str, allowed))

    def _what_to_write(self, path: FieldPath, kind: str, wanted: Any) -> str:
        """What to write in an empty field, by the keyword it broke (``kind``) and that keyword's value."""
        if kind == "enum":
            return "以下之一：" + self._options(path, wanted)
        if kind == "const":
            return str(wanted)
        named = _type_name(wanted)
        field = self._resolve(self._property(path))
        return field.get("description") or _TYPE_NAMES.get(named, named)


_COLON_FIXES = ((":", "冒号后面缺少空格：" + syntax.COLON_NEEDS_SPACE), ("：", "用了中文冒号“：”：" + syntax.USE_ASCII_COLON))


def _run_in(key: str, allowed: Sequence[str]) -> tuple[str, str] | None:
    """(the key meant, the fix) for a known key with its value run in after the colon, which
    YAML reads as one key inside “{ }”: ``subject:管理费用`` or ``subject：管理费用``."""
    for colon, fix in _COLON_FIXES:
        meant = key.partition(colon)[0].strip()
        if colon in key and meant in allowed:
            return meant, fix
    return None


def _unknown_key(key: str, allowed: list[str], where: str) -> str:
    """A key the type does not have: a known one with its value run in, or a typo of one."""
    run_in = _run_in(key, allowed)
    if run_in:
        return f"{where + '的' if where else ''}“{key}”{run_in[1]}"
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"是不是想写 {close[0]}？" if close else f"可用的键：{'、'.join(allowed)}"
    return f"不认识的键“{key}”：{hint}"


# Bounds a value can break: what to tell the clerk, after the field's label.
_LIMITS = {
    "minLength": "不能为空：请填写内容",
    "minItems": "至少要有 {limit} 项",
    "maxItems": "最多只能有 {limit} 项",
    "minimum": "不能小于 {limit}（现在是 {value}）",
    "maximum": "不能大于 {limit}（现在是 {value}）",
    "exclusiveMinimum": "必须大于 {limit}（现在是 {value}）",
}


def _type_name(wanted: str | list[str]) -> str:
    """The JSON type a ``type`` keyword wants (the first, when it allows several)."""
    return wanted if isinstance(wanted, str) else wanted[0]


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _is_date(value: object) -> bool:
    from datetime import date

    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongkai" / "schemas"


def compiled(document: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's validator of ``document``; its bytecode comes from the cache when it was made before."""
    formats = {"date": _is_date}
    key_text = json.dumps([fastjsonschema.VERSION, sys.implementation.cache_tag, document], sort_keys=True)
    cached = cache_dir() / f"{hashlib.sha256(key_text.encode()).hexdigest()[:32]}.marshal"
    entry = RefResolver.from_schema(copy.deepcopy(document)).get_scope_name()  # (it rewrites the $refs it walks)
    try:
        validate = _run(marshal.loads(cached.read_bytes()), entry)
    except Exception:  # not cached yet, or a damaged file: generate and compile it again
        code = compile(fastjsonschema.compile_to_code(copy.deepcopy(document), formats=formats), str(cached), "exec")
        _store(cached, marshal.dumps(code))
        validate = _run(code, entry)
    return lambda data: validate(data, custom_formats=formats)


def _run(code: Any, entry: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 - bytecode compiled from our own schema
    return namespace[entry]


def _store(path: Path, data: bytes) -> None:
    """Write the cache file whole or not at all (a rename); a read-only home just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass


class Schemas:
    """All record schemas, compiled once per process (``shared``) or per call."""

    def __init__(self) -> None:
        self.by_type = {code: RecordSchema(code) for code in ALL_TYPES}

    @staticmethod
    @lru_cache(maxsize=1)
    def shared() -> Schemas:
        """The schemas every load in this process uses: compiled (or read from the cache) once."""
        return Schemas()

    def __getitem__(self, record_type: str) -> RecordSchema:
        return self.by_type[record_type]

    def published(self) -> dict[str, str]:
        """File name → JSON text of every schema, as published under /schemas/."""
        return {f"{t}.json": json.dumps(s.document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
                for t, s in self.by_type.items()}
