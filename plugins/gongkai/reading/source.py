"""Turn one file of a clerk's into (data, body) or into problems they can fix.

Nothing here raises for bad content: every way a file can be wrong becomes a
``Problem`` at a line, in words a clerk understands.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..problems import Problems
from . import typed_values, yamltext

RECORD_SUFFIXES = (".yaml", ".yml", ".md")  # in any case: Windows shows 2026-11.YAML as a YAML file

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A YAML anchor (``&name`` where a value starts). Clerks never need anchors and aliases, and
# aliases of aliases let a few lines expand into billions of values (a "billion laughs").
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s]")


@dataclass
class SourceFile:
    """A record's file as read: its data, Markdown body and where it came from."""

    path: str  # relative to the content folder, with forward slashes: used in messages
    data: yamltext.LineDict
    body: str  # Markdown; "" for YAML records without one
    body_line: int  # line of the body's first line, for privacy findings inside it
    sha256: str  # of the file's bytes: printed on notices, checked by readers


def is_record_file(file: Path) -> bool:
    return file.suffix.lower() in RECORD_SUFFIXES


def decode(raw: bytes, path: str, problems: Problems) -> str | None:
    """UTF-8 text of a file; a GBK file from a Windows editor is read, with a warning."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        problems.error(path, 1, "文件不是 UTF-8 编码的文字，无法读取：请用记事本或 WPS 打开后“另存为”，编码选 UTF-8")
        return None
    problems.warning(path, 1, "文件是 GBK 编码（Windows 记事本的旧默认），已按 GBK 读取：请“另存为”UTF-8 编码，以免乱码")
    return text


def _tab_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number
    return None


def _yaml_problem(error: yaml.YAMLError, path: str, offset: int, problems: Problems) -> None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = (mark.line + 1 if mark else 1) + offset
    what = getattr(error, "problem", None) or ""
    if "found character '\\t'" in what:
        hint = "这一行有 Tab 字符：YAML 只能用空格缩进，请把 Tab 换成两个空格"
    elif "mapping values are not allowed" in what:
        hint = "冒号用法不对：每行写成“键: 值”，冒号后留一个空格；值里有冒号时请给整个值加引号"
    elif "could not find expected ':'" in what or "could not find expected" in what:
        hint = "这一行缺少冒号或缩进不齐：每行写成“键: 值”，同一层的键要左对齐"
    elif "found undefined alias" in what or "expected alias" in what:
        hint = "“*” 开头的值有特殊含义：请给这个值加上引号"
    elif "did not find expected key" in what or "expected <block end>" in what:
        hint = "缩进不齐：同一层的键要左对齐，列表项“- ”要对齐"
    elif "found unexpected end of stream" in what or "while scanning a quoted scalar" in str(error):
        hint = "引号没有配对：请检查这一行的引号是否成对"
    else:
        hint = "格式有误（YAML 语法错误）：请对照模板检查冒号、引号和缩进"
    problems.error(path, line, hint)


def parse_text(text: str, path: str, problems: Problems) -> tuple[yamltext.LineDict, str, int] | None:
    """Split front matter from a Markdown body (or take a whole YAML file) and parse it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows (and old Mac) line ends
    if not text.strip():
        problems.error(path, 1, "文件是空的：请按模板填写记录（publish.py new <类型> 可生成模板），或删除这个文件")
        return None
    offset, body, body_line = 0, "", 0  # offset: lines before the YAML starts
    if path.lower().endswith(".md"):
        if not text.startswith("---"):
            problems.error(path, 1, "Markdown 记录必须以一行“---”开头，接着写记录的键（type、title、date 等），再用一行“---”结束")
            return None
        end = _FRONT_MATTER_END.search(text, 4)
        if end is None:
            problems.error(path, 1, "开头的“---”没有配对：请在记录的键之后加一行“---”，再写正文")
            return None
        header = text[3:end.start()]  # keeps the opening line's newline: YAML lines = file lines
        rest = text[end.end():]
        body = rest.lstrip("\n")
        body_line = text.count("\n", 0, end.end() + len(rest) - len(body)) + 1
        text = header
    tab = _tab_line(text)
    if tab is not None:
        problems.error(path, tab + offset, "这一行用 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格")
        return None
    anchor = _ANCHOR.search(text)
    if anchor is not None:
        problems.error(path, text.count("\n", 0, anchor.end()) + 1 + offset,
                       "值以“&”开头会被当作 YAML 锚点（记录里不能用锚点和“*”引用）：请给整个值加上引号，或把内容直接写出来")
        return None
    try:
        data = yamltext.load(text)
    except yamltext.DuplicateKey as dup:
        problems.error(path, dup.line + offset, f"键“{dup.key}”写了两次：请删掉多余的一个")
        return None
    except yaml.YAMLError as error:
        _yaml_problem(error, path, offset, problems)
        return None
    if not isinstance(data, yamltext.LineDict):
        problems.error(path, 1, "记录应当是“键: 值”的列表（例如 title: 三月财务公开），这个文件不是")
        return None
    typed_values.apply(data)
    return data, body, body_line


def read_source(file: Path, content_dir: Path, problems: Problems) -> SourceFile | None:
    """Read and parse one record file; None when it cannot be (problems say why)."""
    path = file.relative_to(content_dir).as_posix()
    try:
        raw = file.read_bytes()
    except OSError as error:
        problems.error(path, 1, f"无法读取文件（{error.strerror}）：请检查文件权限")
        return None
    text = decode(raw, path, problems)
    if text is None:
        return None
    parsed = parse_text(text, path, problems)
    if parsed is None:
        return None
    data, body, body_line = parsed
    return SourceFile(path, data, body, body_line, hashlib.sha256(raw).hexdigest())
