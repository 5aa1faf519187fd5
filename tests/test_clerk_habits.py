"""Habits of clerks' editors and fingers that used to go wrong (issue 9, items 10–16).

Each case is a file as a clerk's tool saves it, checked with ``publish.py check`` against
a copy of the mini county; the exact ``path:line: 错误/警告: …`` lines are asserted.
"""

from __future__ import annotations

import pytest

from conftest import publish
from test_checks import MINI, V, check, county_with

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


# -- 11. every file is read or named -----------------------------------------------------

LEDGER_MAY = (MINI / f"{V}/finance/2026-03.yaml").read_text("utf-8").replace("2026-04", "2026-06").replace("2026-03", "2026-05")


def test_a_suffix_in_capitals_is_still_a_record(tmp_path):
    content = county_with(tmp_path, {f"{V}/finance/2026-05.YAML": LEDGER_MAY,
                                     f"{V}/notice/n.MD": NOTICE_MD.replace("date: 2026-04-01", "date: 2026-02-30")})
    code, lines = check(content)
    assert lines == [f"{V}/notice/n.MD:4: 错误: 「生成日期」“2026-02-30”这一天不存在：请核对年、月、日"]
    assert code == 1
    (content / V / "notice/n.MD").unlink()
    result = publish("check", "--content", content)
    assert result.returncode == 0 and "检查通过：10 条记录" in result.stderr  # the mini county has 9


def test_every_file_that_is_not_read_is_named(tmp_path):
    files = {f"{V}/finance/2026-11.yaml.txt": LEDGER_MAY,
             f"{V}/finance/scan.pdf": b"%PDF-1.4\n",
             f"{V}/notice/files/notice.pdf": b"%PDF-1.4\n",
             f"{V}/notice/with-attachment.yaml": "type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n"
                                                 "attachments:\n  - {file: files/notice.pdf, title: 通知原件}\n",
             "orgs/readme.txt": "说明\n",
             "2026-11.yaml": LEDGER_MAY,
             "xiaohe-village/finance/2026-12.yaml": LEDGER_MAY}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [
        "2026-11.yaml:1: 警告: 这个文件不在 orgs/ 或 pages/ 里，不会发布：记录请放到 orgs/<机构文件夹>/ 下，网站页面放到 pages/ 下",
        "orgs/readme.txt:1: 警告: 这个文件直接放在 orgs/ 下，不会发布：记录和附件都要放进机构自己的文件夹（orgs/<机构文件夹>/…）",
        f"{V}/finance/2026-11.yaml.txt:1: 警告: 文件名末尾多了“.txt”（记事本保存时加上的），这条记录没有读入：请把文件改名为“2026-11.yaml”"
        "（在文件夹的“查看”里勾选“文件扩展名”就能看到完整的文件名）",
        f"{V}/finance/scan.pdf:1: 警告: 没有哪条记录把这个文件列为附件，它不会发布：是附件就写进相关记录的 attachments"
        "（file: 与记录同一文件夹起算的路径），用不着就移出 content 文件夹",
        "xiaohe-village/finance/2026-12.yaml:1: 警告: 这个文件不在 orgs/ 或 pages/ 里，不会发布：记录请放到 orgs/<机构文件夹>/ 下，网站页面放到 pages/ 下",
    ]
    assert code == 0


def test_an_attachment_of_a_record_with_errors_is_not_called_unused(tmp_path):
    files = {f"{V}/notice/files/notice.pdf": b"%PDF-1.4\n",
             f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-02-30\ncategory: 村务\n"
                                   "attachments:\n  - {file: files/notice.pdf}\n"}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [f"{V}/notice/n.yaml:3: 错误: 「生成日期」“2026-02-30”这一天不存在：请核对年、月、日"]
    assert code == 1
