"""What is wrong with a record's YAML text, at the line the clerk has to fix.

libyaml reports where it gave up, which is often not where the mistake is: a key written
with a full-width colon is only found wanting at the next line, a quote left open at the
end of the file, a list item without its ``- `` as a key written twice. These functions
read the clerk's own lines to name the line and the fix.
"""

from __future__ import annotations

import re

import yaml

# libyaml's C parser recurses once per level of nesting and overflows the stack in the
# tens of thousands (a crash, not an exception): refuse far sooner. Records need five.
MAX_NESTING = 1000
# A YAML anchor (``&name`` where a value starts). Clerks never need anchors and aliases, and
# aliases of aliases let a few lines expand into billions of values (a "billion laughs").
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s]")
_TAB_INDENT = re.compile(r"^[ \t]*\t", re.MULTILINE)
# Indentation with a full-width space (the Chinese input method's space bar) before a key
# or list item. YAML sees no indentation there, but a key starting with "\u3000".
_FULL_WIDTH_INDENT = re.compile(r"^[ \u3000]*\u3000[ \u3000]*(?:-[ \u3000]|[A-Za-z_][\w-]*[ \u3000]*[:：])", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
_FULL_WIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:：]+\s*：")
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)?[^\s:]+:[^\s:/]")
_TEXT_AFTER_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s:]+:\s+(["']).*?\1\s*[^\s#]""")
_LIST_ITEM_START = re.compile(r"^\s*-\s+$")
COLON_NEEDS_SPACE = "键和值之间写成“键: 值”，英文冒号后加一个空格"
NO_SPACE_AFTER_COLON = "这一行的冒号后面缺少空格：" + COLON_NEEDS_SPACE
USE_ASCII_COLON = "键后面要用英文冒号加一个空格，例如 title: 三月财务公开"
TOO_DEEP = "括号或缩进套了太多层（记录最多只有几层）：请检查这一行附近是否多写了“[”“{”或多缩进了"


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def layout_problem(text: str) -> tuple[int, str] | None:
    """A problem found before parsing: Tab or full-width indentation, anchors, deep nesting."""
    tab = _TAB_INDENT.search(text)
    if tab:
        return line_at(text, tab.start()), "这一行用 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格"
    full_width = _FULL_WIDTH_INDENT.search(text)
    if full_width:
        return (line_at(text, full_width.start()),
                "这一行用全角空格（中文输入法的空格）缩进：缩进只能用半角空格，请切换到英文输入法后重新输入行首的空格")
    anchor = _ANCHOR.search(text)
    if anchor:
        return (line_at(text, anchor.end()),
                "值以“&”开头会被当作 YAML 锚点（记录里不能用锚点和“*”引用）：请给整个值加上引号，或把内容直接写出来")
    deep = nesting_line(text, MAX_NESTING)
    if deep is not None:
        return deep, TOO_DEEP
    return None


def nesting_line(text: str, limit: int) -> int | None:
    """The first line where brackets or indentation nest deeper than ``limit``, if any."""
    block = re.search(r"^(?:[ ]|[-?][ ]){%d}" % (limit + 1), text, re.MULTILINE)
    if block:
        return line_at(text, block.start())
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for bracket in _BRACKET.finditer(text):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return line_at(text, bracket.start())
    return None


def syntax_problem(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The line to fix and the fix, for a YAML syntax error libyaml raised on ``text``."""
    lines = text.split("\n")
    context = getattr(error, "context", None) or ""
    what = getattr(error, "problem", None) or ""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    last_line = text.rstrip("\n").count("\n") + 1  # libyaml may point past the end of the file
    line = min(mark.line + 1, last_line) if mark else 1
    if "while scanning a simple key" in context and context_mark:
        line = context_mark.line + 1
        return line, _not_a_key(lines[line - 1])
    if "while scanning a quoted scalar" in context and context_mark:
        quote = lines[context_mark.line][context_mark.column:context_mark.column + 1]
        return context_mark.line + 1, f"这一行的引号“{quote}”没有配对：请在这个值的末尾补上“{quote}”，或去掉这个引号"
    if "while parsing a flow" in context and context_mark:
        opening = lines[context_mark.line][context_mark.column:context_mark.column + 1]
        closing = {"{": "}", "[": "]"}.get(opening, "")
        if problem_mark and problem_mark.line != context_mark.line:
            return context_mark.line + 1, f"这一行的“{opening}”没有配对的“{closing}”：请在这一项的末尾补上“{closing}”"
        return context_mark.line + 1, f"“{opening} {closing}”里的各项要用英文逗号“,”隔开，每项写成“键: 值”"
    if _TEXT_AFTER_QUOTE.match(lines[line - 1]):
        return line, "引号后面还有文字：要么整个值都放在引号里，要么不用引号"
    if _FULL_WIDTH_COLON_KEY.match(lines[line - 1]) or _KEY_WITHOUT_SPACE.match(lines[line - 1]):
        return line, _not_a_key(lines[line - 1])
    return line, _hint(what)


def _not_a_key(line: str) -> str:
    if _FULL_WIDTH_COLON_KEY.match(line):
        return "这一行的冒号是中文冒号“：”：" + USE_ASCII_COLON
    if _KEY_WITHOUT_SPACE.match(line):
        return NO_SPACE_AFTER_COLON
    return "这一行缺少冒号：每行写成“键: 值”；如果这是上一行的值写不下换了行，请把它接回上一行"


def _hint(what: str) -> str:
    if "found unexpected ':'" in what:
        return NO_SPACE_AFTER_COLON
    if "found character '\\t'" in what:
        return "这一行有 Tab 字符：YAML 只能用空格缩进，请把 Tab 换成两个空格"
    if "mapping values are not allowed" in what:
        return "冒号用法不对：每行写成“键: 值”，冒号后留一个空格；值里有冒号时请给整个值加引号"
    if "could not find expected" in what:
        return "这一行缺少冒号或缩进不齐：每行写成“键: 值”，同一层的键要左对齐"
    if "found undefined alias" in what or "expected alias" in what:
        return "“*” 开头的值有特殊含义：请给这个值加上引号"
    if "did not find expected key" in what or "expected <block end>" in what or "expected '-' indicator" in what:
        return "缩进不齐：同一层的键要左对齐，列表项“- ”要对齐"
    return "格式有误（YAML 语法错误）：请对照模板检查冒号、引号和缩进"


def duplicate_key_problem(duplicate, text: str) -> tuple[int, str]:
    """A key written twice, or — when it lines up with the first key of a list item — the
    start of the next item written without its ``- `` (which would merge two ledger lines)."""
    item_start = text.split("\n")[duplicate.mapping_line - 1][:duplicate.mapping_column]
    if (_LIST_ITEM_START.match(item_start) and duplicate.column == duplicate.mapping_column
            and duplicate.first_line == duplicate.mapping_line):  # the item's first key comes again
        return duplicate.line, (f"这一行像是新的一项，但前面少了“- ”（“{duplicate.key}”在第 {duplicate.first_line} 行已经有了，"
                                "两项会被合成一项）：列表的每一项都以“- ”开头，请在这一项的第一行加上“- ”，与上一项对齐")
    return duplicate.line, f"键“{duplicate.key}”写了两次：请删掉多余的一个"
