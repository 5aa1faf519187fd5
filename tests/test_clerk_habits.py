"""Habits of clerks' editors and fingers that used to go wrong (issue 9, items 10–16).

Each case is a file as a clerk's tool saves it, checked with ``publish.py check`` against
a copy of the mini county; the exact ``path:line: 错误/警告: …`` lines are asserted.
"""

from __future__ import annotations

import pytest

from test_checks import V, check, county_with

NOTICE_MD = "---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n---\n正文第一段。\n\n第二段。\n"


# -- 10. line endings ------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["windows-crlf", "old-mac-cr"])
def test_markdown_with_other_line_endings_is_read(tmp_path, newline):
    text = NOTICE_MD.replace("\n", newline).encode("utf-8")
    assert check(county_with(tmp_path, {f"{V}/notice/crlf.md": text})) == (0, [])


def test_crlf_problems_are_reported_at_their_line(tmp_path):
    text = NOTICE_MD.replace("title: 通知\n", "").replace("date: 2026-04-01", "date: 2026-02-30")
    code, lines = check(county_with(tmp_path, {f"{V}/notice/crlf.md": text.replace("\n", "\r\n").encode("utf-8")}))
    assert lines == [f"{V}/notice/crlf.md:2: 错误: 缺少「标题」（title）：请补上这一项",
                     f"{V}/notice/crlf.md:3: 错误: 「生成日期」“2026-02-30”这一天不存在：请核对年、月、日"]
    assert code == 1
