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
from . import syntax, typed_values, yamltext

RECORD_SUFFIXES = (".yaml", ".yml", ".md")  # in any case: Windows shows 2026-11.YAML as a YAML file

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


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
    problem = syntax.layout_problem(text)
    if problem is None:
        try:
            data = yamltext.load(text)
        except yamltext.DuplicateKey as duplicate:
            problem = syntax.duplicate_key_problem(duplicate, text)
        except yaml.YAMLError as error:
            problem = syntax.syntax_problem(error, text)
        except RecursionError:  # a few hundred levels: within MAX_NESTING, beyond Python's stack
            problem = syntax.nesting_line(text, 50) or 1, syntax.TOO_DEEP
    if problem is not None:
        problems.error(path, problem[0] + offset, problem[1])
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
