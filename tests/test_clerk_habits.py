"""Habits of clerks' editors and fingers that used to go wrong (issue 9, items 10–16).

Each case is a file as a clerk's tool saves it, checked with ``publish.py check`` against
a copy of the mini county; the exact ``path:line: 错误/警告: …`` lines are asserted.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import publish
from gongkai.problems import Problems
from gongkai.reading.source import parse_text
from test_checks import LEDGER, MINI, V, check, county_with

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


# -- 12. text keeps the characters typed; 13. full-width digits are digits -------------------

def parsed(text: str, path: str = "x.yaml"):
    problems = Problems()
    result = parse_text(text, path, problems)
    assert not problems, [str(p) for p in problems.sorted()]
    return result[0]


def test_text_fields_keep_the_characters_typed():
    data = parsed("type: policy\ntitle: 2026\ndate: 2026-04-01\ndoc_number: 0107\nissuer: yes\nissued: 2026-04-01\n"
                  "status: in_force\ntopic: 1.50\ntags: [0101, off, 1e3, 0x1F]\n")
    assert (data["title"], data["doc_number"], data["issuer"], data["topic"]) == ("2026", "0107", "yes", "1.50")
    assert data["tags"] == ["0101", "off", "1e3", "0x1F"]
    org = parsed("type: org\nname: 小河村\nkind: village\ncode: 510999101201\naddress: x\nhours: 8:30-17:30\n"
                 "phones: [08397300201, 13900001111]\n")
    assert (org["code"], org["phones"]) == ("510999101201", ["08397300201", "13900001111"])


def test_numbers_and_empty_values_stay_what_they_are():
    data = parsed("type: subsidy\ntitle:\ndate: 2026-04-01\nprogram: ~\nyear: 2026\nrecipients:\n"
                  "  - {name: 宋芳, quantity: 0107, amount: 0100.50}\ntotal: 1_000\n")
    assert data["title"] is None and data["program"] is None  # empty, not the text "None"
    assert data["year"] == 2026 and data["total"] == 1000
    assert data["recipients"][0]["quantity"] == 107  # a leading zero is not octal
    assert data["recipients"][0]["amount"] == Decimal("100.50")


@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"\A(?:0[0-7]{1,6}|[1-9][0-9]{0,14}|0x[0-9A-F]{1,4}|[0-9]{1,5}\.[0-9]{1,3}|[0-9]+e[0-9]|"
                     r"yes|no|on|off|Yes|NO|true|False|[0-9]{1,3}_[0-9]{3})\Z"))
def test_any_plain_scalar_in_a_text_field_keeps_its_characters(typed):
    data = parsed(f"type: finance\ntitle: t\ndate: 2026-04-01\nperiod: 2026-04\nopening_balance: 0\nincome:\n"
                  f"  - {{date: 2026-04-02, subject: s, summary: {typed}, amount: 1, voucher: {typed}}}\n"
                  f"expense: []\nclosing_balance: 1\n")
    assert data["income"][0]["voucher"] == typed and data["income"][0]["summary"] == typed


def test_full_width_digits_are_read_as_digits():
    data = parsed("type: finance\ntitle: 十月\ndate: ２０２６-11-05\nperiod: ２０２６－10\nopening_balance: １２００.５０\n"
                  "income:\n  - {date: 2026-10-0２, subject: s, summary: s, amount: ５００, voucher: 记-０１}\n"
                  "expense: []\nclosing_balance: 1700.50\n")
    assert (data["date"], data["period"], data["opening_balance"]) == ("2026-11-05", "2026-10", Decimal("1200.50"))
    entry = data["income"][0]
    assert (entry["date"], entry["amount"], entry["voucher"]) == ("2026-10-02", 500, "记-０１")  # a voucher is text
    assert parsed("type: budget\ntitle: t\ndate: 2026-01-05\nyear: ２０２６\nphase: budget\nlines: []\n")["year"] == 2026


def test_vouchers_are_not_false_duplicates_and_full_width_ones_are_true_ones(tmp_path):
    ledger = LEDGER.replace("voucher: 记-11", "voucher: 0101").replace("voucher: 记-12", "voucher: 65")
    assert check(county_with(tmp_path / "a", {f"{V}/finance/2026-04.yaml": ledger})) == (0, [])
    ledger = LEDGER.replace("voucher: 记-12", "voucher: 记-１１")
    assert check(county_with(tmp_path / "b", {f"{V}/finance/2026-04.yaml": ledger})) == (
        1, [f"{V}/finance/2026-04.yaml:9: 错误: 凭证号 记-１１ 与「收入明细」第 1 项的「凭证号」重复：一张凭证只能记一次"])


def test_a_full_width_period_is_the_same_period(tmp_path):
    march = (MINI / f"{V}/finance/2026-03.yaml").read_text("utf-8").replace("period: 2026-03", "period: ２０２６-03")
    code, lines = check(county_with(tmp_path, {f"{V}/finance/march-again.yaml": march}))
    assert lines == [f"{V}/finance/march-again.yaml:4: 错误: 小河村 2026-03 的财务公开已经有一条（{V}/finance/2026-03.yaml）："
                     "同一期间只能有一条，请合并两条记录或改正期间"]
    assert code == 1
