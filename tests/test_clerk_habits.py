"""Habits of clerks' editors and fingers that used to go wrong (issue 9, items 10–16).

Each case is a file as a clerk's tool saves it, checked with ``publish.py check`` against
a copy of the mini county; the exact ``path:line: 错误/警告: …`` lines are asserted.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import importbooks
import documents
from conftest import DEMO_CONTENT, PUBLISH, publish
from gongkai.importing import import_workbooks
from gongkai.problems import Problems
from gongkai.reading.source import parse_text
from test_checks import LEDGER, MINI, V, check, county_with
from test_fuzz import county as fuzz_county
from test_fuzz import run_check

LEDGER_TEXT = textwrap.dedent(LEDGER).lstrip("\n")

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
             f"{V}/notice/files/notice.pdf": documents.pdf("notice"),
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
    files = {f"{V}/notice/files/notice.pdf": documents.pdf("notice"),
             f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-02-30\ncategory: 村务\n"
                                   "attachments:\n  - {file: files/notice.pdf}\n"}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [f"{V}/notice/n.yaml:3: 错误: 「生成日期」“2026-02-30”这一天不存在：请核对年、月、日"]
    assert code == 1


def test_an_import_sees_a_record_saved_in_capitals(tmp_path):
    """The import's staging check reads the org's records as the build does: 2026-02.YAML too."""
    content = county_with(tmp_path, {f"{V}/finance/february-by-hand.YAML": LEDGER_MAY.replace("2026-05", "2026-02")
                                     .replace("2026-06", "2026-03")})
    workbook = importbooks.save(importbooks.monthly_journal(), tmp_path / "journal.xlsx")
    result = import_workbooks([str(workbook)], "xiaohe-village", content, record_date=date(2026, 7, 1))
    assert [str(p) for p in result.problems.sorted()] == [
        f"{workbook}:2026年2月: 错误: 导入会让 {V}/finance/february-by-hand.YAML 第 4 行通不过检查："
        f"小河村 2026-02 的财务公开已经有一条（{V}/finance/2026-02.yaml）：同一期间只能有一条，请合并两条记录或改正期间"]


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


# -- 14. the line to fix, and what is wrong there --------------------------------------------

# A 31-line ledger: line 15 is the first expense's amount, line 20 the third expense's date.
LONG_LEDGER = "\n".join([
    "type: finance", "title: 2026年4月财务收支公开", "date: 2026-05-05", "period: 2026-04", "opening_balance: 1200.10",
    "income:",
    "  - date: 2026-04-02", "    subject: 上级补助收入", "    summary: 运转经费", "    amount: 500.00",
    "expense:",
    *[line for day, what in (("05", "办公用品"), ("06", "水费"), ("07", "电费"), ("08", "电话费"))
      for line in (f"  - date: 2026-04-{day}", "    subject: 管理费用", f"    summary: {what}", "    amount: 10.00")],
    "closing_balance: 1660.10",
    "reviewed_by:", "  members: [王建国]", "  date: 2026-05-03",
]) + "\n"
assert LONG_LEDGER.count("\n") == 31 and LONG_LEDGER.split("\n")[19] == "  - date: 2026-04-07"


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


FULL_WIDTH_COLON = "这一行的冒号是中文冒号“：”：键后面要用英文冒号加一个空格，例如 title: 三月财务公开"
FULL_WIDTH_INDENT = "这一行用全角空格（中文输入法的空格）缩进：缩进只能用半角空格，请切换到英文输入法后重新输入行首的空格"
WRONG_LINES = [
    ("full-width colon after a key", replace_line(LONG_LEDGER, 15, "    amount：10.00"),
     "15: 错误: " + FULL_WIDTH_COLON),
    ("full-width colon on the last line", LONG_LEDGER.replace("  date: 2026-05-03", "  date：2026-05-03"),
     "31: 错误: " + FULL_WIDTH_COLON),
    ("no space after the colon", replace_line(LONG_LEDGER, 15, "    amount:10.00"),
     "15: 错误: 这一行的冒号后面缺少空格：键和值之间写成“键: 值”，英文冒号后加一个空格"),
    ("full-width space indenting a key", replace_line(LONG_LEDGER, 16, "  \u3000 subject: 管理费用"),
     "16: 错误: " + FULL_WIDTH_INDENT),
    ("full-width spaces only, where YAML sees a new key", replace_line(LONG_LEDGER, 16, "\u3000\u3000\u3000\u3000subject: 管理费用"),
     "16: 错误: " + FULL_WIDTH_INDENT),
    ("quote left open", replace_line(LONG_LEDGER, 20, '  - date: "2026-04-07'),
     "20: 错误: 这一行的引号“\"”没有配对：请在这个值的末尾补上“\"”，或去掉这个引号"),
    ("brace left open", LONG_LEDGER.replace("  - date: 2026-04-02\n", "  - {date: 2026-04-02, amount: 1\n"),
     "7: 错误: 这一行的“{”没有配对的“}”：请在这一项的末尾补上“}”"),
    ("text after a closing quote", replace_line(LONG_LEDGER, 22, '    summary: "电"费'),
     "22: 错误: 引号后面还有文字：要么整个值都放在引号里，要么不用引号"),
    ("a line that is not a key", replace_line(LONG_LEDGER, 22, "电费"),
     "22: 错误: 这一行缺少冒号：每行写成“键: 值”；如果这是上一行的值写不下换了行，请把它接回上一行"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in WRONG_LINES], ids=[c[0] for c in WRONG_LINES])
def test_yaml_mistakes_are_reported_at_the_line_to_fix(tmp_path, text, expected):
    assert check(county_with(tmp_path, {f"{V}/finance/2026-04.yaml": text})) == (1, [f"{V}/finance/2026-04.yaml:{expected}"])


def test_the_long_ledger_itself_passes(tmp_path):
    assert check(county_with(tmp_path, {f"{V}/finance/2026-04.yaml": LONG_LEDGER})) == (0, [])


def test_full_width_spaces_inside_a_text_block_are_text(tmp_path):
    text = "type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\nbody: |\n  \u3000\u3000经村民代表会议讨论，决定如下。\n"
    assert check(county_with(tmp_path, {f"{V}/notice/n.yaml": text})) == (0, [])


# -- 15. messages that say what is actually wrong --------------------------------------------

MESSAGES = [
    ("a date written with slashes", LEDGER.replace("date: 2026-05-05", "date: 2026/5/5"),
     ["3: 错误: 「生成日期」“2026/5/5”要写成 2026-05-05：日期的格式是 年-月-日，用“-”隔开，月和日都写两位"]),
    ("a date written the Chinese way", LEDGER.replace("date: 2026-05-05", "date: 2026年5月5日"),
     ["3: 错误: 「生成日期」“2026年5月5日”要写成 2026-05-05：日期的格式是 年-月-日，用“-”隔开，月和日都写两位"]),
    ("a date pasted from Excel as its day number", LEDGER.replace("{date: 2026-04-02", "{date: 46114"),
     ["7: 错误: 「收入明细」第 1 项的「日期」“46114”是 Excel 的日期序号，对应 2026-04-02：请写成 2026-04-02"
      "（从 Excel 复制日期前，先把那一列设为“文本”格式）"]),
    ("empty fields", LEDGER.replace("title: 2026年4月财务收支公开", "title:").replace("opening_balance: 1200.10", "opening_balance:"),
     ["2: 错误: 「标题」是空的：请在冒号后面填写文字",
      "5: 错误: 「期初余额」是空的：请在冒号后面填写金额（元），直接写数字，最多两位小数，例如 1234.50"]),
    ("a list item without its dash", LONG_LEDGER.replace("  - date: 2026-04-06", "    date: 2026-04-06"),
     ["16: 错误: 这一行像是新的一项，但前面少了“- ”（“date”在第 12 行已经有了，两项会被合成一项）："
      "列表的每一项都以“- ”开头，请在这一项的第一行加上“- ”，与上一项对齐"]),
    ("a key really written twice", LONG_LEDGER.replace("    subject: 管理费用\n    summary: 水费", "    subject: 管理费用\n    subject: 水费"),
     ["18: 错误: 键“subject”写了两次：请删掉多余的一个"]),
    ("no space after a colon inside braces", LEDGER.replace("subject: 管理费用", "subject:管理费用"),
     ["9: 错误: 「支出明细」第 1 项的“subject:管理费用”冒号后面缺少空格：键和值之间写成“键: 值”，英文冒号后加一个空格"]),
    ("an empty value without a space inside braces", LEDGER.replace("subject: 管理费用", "subject:"),
     ["9: 错误: 这一行的冒号后面缺少空格：键和值之间写成“键: 值”，英文冒号后加一个空格"]),
    ("a full-width colon inside braces", LEDGER.replace("subject: 管理费用", "subject：管理费用"),
     ["9: 错误: 「支出明细」第 1 项的“subject：管理费用”用了中文冒号“：”：键后面要用英文冒号加一个空格，例如 title: 三月财务公开"]),
    ("5,000 levels of brackets", LEDGER_TEXT + "extra: " + "[" * 5000 + "]" * 5000 + "\n",
     ["11: 错误: 括号或缩进套了太多层（记录最多只有几层）：请检查这一行附近是否多写了“[”“{”或多缩进了"]),
    ("300 levels of brackets", LEDGER_TEXT + "extra: " + "[" * 300 + "]" * 300 + "\n",
     ["11: 错误: 括号或缩进套了太多层（记录最多只有几层）：请检查这一行附近是否多写了“[”“{”或多缩进了"]),
    ("100,000 levels of list items", LEDGER_TEXT + "extra:\n" + "- " * 100_000 + "x\n",
     ["12: 错误: 括号或缩进套了太多层（记录最多只有几层）：请检查这一行附近是否多写了“[”“{”或多缩进了"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in MESSAGES], ids=[c[0] for c in MESSAGES])
def test_messages_say_what_is_wrong(tmp_path, text, expected):
    code, lines = check(county_with(tmp_path, {f"{V}/finance/2026-04.yaml": text}))
    assert lines == [f"{V}/finance/2026-04.yaml:{line}" for line in expected]
    assert code == 1


def forked_writer(pid: int) -> bool:
    """Whether the build ``pid`` has forked its writer (a child running publish.py, not git)."""
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        with contextlib.suppress(OSError):
            if "publish.py" in Path(f"/proc/{child}/cmdline").read_text():
                return True
    return False


@pytest.mark.parametrize("attempt", range(3))
def test_ctrl_c_during_a_build_says_interrupted(tmp_path, attempt):
    """Ctrl-C reaches the whole process group: the build and its forked writer."""
    build = subprocess.Popen([sys.executable, str(PUBLISH), "build", "--content", DEMO_CONTENT, "--output", tmp_path / "out"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while build.poll() is None and not forked_writer(build.pid):
            time.sleep(0.002)
        assert build.poll() is None, "the build ended before it forked"
        time.sleep(0.05 * attempt)
        os.killpg(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    assert err.strip().splitlines()[-1] == "publish.py: 已中断：网站没有更新，上一次生成的网站还在", err
    assert build.returncode == 2


@pytest.mark.parametrize("size", ["300k", "700k"])
def test_a_full_disk_is_named(tmp_path, size):
    """A real full disk: a small tmpfs, mounted in a private mount namespace (no root needed
    where user namespaces are allowed). Which of the build's processes meets it first
    depends on the size; both must say so."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = 'mount -t tmpfs -o size="$1" tmpfs "$2" && exec "$3" "$4" build --content "$5" --output "$2/out"'
    result = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh", size, disk,
                             sys.executable, PUBLISH, MINI], capture_output=True, text=True, timeout=300)
    if "unshare:" in result.stderr or "mount:" in result.stderr:
        pytest.skip(f"cannot mount a small disk here: {result.stderr.strip()}")
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("publish.py: 磁盘已满，没能写完") and last.endswith("：请腾出磁盘空间后重新运行"), result.stderr
    assert result.returncode == 2


# -- 16. site pages Pelican would skip ---------------------------------------------------------

def test_site_pages_pelican_would_skip_are_errors(tmp_path):
    content = county_with(tmp_path, {
        "pages/about.md": "Title: 关于本站\n\n正文\n",
        "pages/guide.md": "公开指南\n\n正文没有标题行\n",
        "pages/empty-title.md": "Slug: empty\nTitle:\n\n正文\n",
        "pages/bad-date.md": "Title: 指南\nDate: 明天\n\n正文\n",
        "pages/gbk.md": "Title: 关于\n\n正文\n".encode("gbk"),
    })
    code, lines = check(content)
    assert lines == [
        "pages/bad-date.md:1: 错误: 网站页面开头的设置读不出来（'明天' is not a valid date），它不会发布："
        "开头几行写成“Title: 页面标题”“Date: 2026-03-01”，空一行后再写正文",
        "pages/empty-title.md:2: 错误: 网站页面的标题是空的：请在“Title:”后面写上页面标题",
        "pages/gbk.md:1: 错误: 网站页面不是 UTF-8 编码，Pelican 读不了，它不会发布：请用记事本或 WPS 打开后“另存为”，编码选 UTF-8",
        "pages/guide.md:1: 错误: 网站页面缺少标题，它不会发布：请在第一行写“Title: 页面标题”，空一行后再写正文",
    ]
    assert code == 1
    build = publish("build", "--content", content, "--output", tmp_path / "out")
    assert build.returncode == 1 and not (tmp_path / "out").exists()
    assert "Skipping" not in build.stderr + build.stdout


def test_files_in_pages_that_are_no_page_are_named(tmp_path):
    content = county_with(tmp_path, {"pages/ABOUT.MD": "Title: 关于\n\n正文\n", "pages/guide.md.txt": "Title: 指南\n\n正文\n",
                                     "pages/logo.png": b"\x89PNG\r\n", "pages/ok.md": "title: 小写也行\n\n正文\n"})
    code, lines = check(content)
    assert lines == [
        "pages/ABOUT.MD:1: 警告: 扩展名要小写，Pelican 才会读这个页面：请把文件改名为“ABOUT.md”",
        "pages/guide.md.txt:1: 警告: 文件名末尾多了“.txt”（记事本保存时加上的），这个页面没有读入：请把文件改名为“guide.md”"
        "（在文件夹的“查看”里勾选“文件扩展名”就能看到完整的文件名）",
        "pages/logo.png:1: 警告: 这个文件不是网站页面（页面要写成 .md 文件），它不会发布：图片和附件请放在机构文件夹里，由记录列为附件",
    ]
    assert code == 0


def test_what_check_accepts_pelican_publishes(tmp_path):
    """The page check agrees with Pelican: a page that passes is on the site."""
    content = county_with(tmp_path, {"pages/ok.md": "title: 小写也行\n\n正文\n",
                                     "pages/front.md": "---\nTitle: 前置\n---\n\n正文\n"})
    build = publish("build", "--content", content, "--output", tmp_path / "out")
    assert build.returncode == 0, build.stderr
    assert sorted(p.name for p in (tmp_path / "out/pages").iterdir()) == ["qian-zhi.html", "xiao-xie-ye-xing.html"]


SAMPLES = sorted(p for p in MINI.rglob("*") if p.suffix in (".yaml", ".md"))
BLOCK_KEY = re.compile(r"^( *(?:- )?)([a-z_]+): (\S.*)$")


@st.composite
def one_line_mangled(draw):
    """A mini-county file with one ``key: value`` line broken the way a clerk breaks it."""
    sample = draw(st.sampled_from(SAMPLES))
    lines = sample.read_text("utf-8").split("\n")
    keyed = [i for i, line in enumerate(lines) if BLOCK_KEY.match(line) and not line.startswith("type:")]
    index = draw(st.sampled_from(keyed))
    indent, key, value = BLOCK_KEY.match(lines[index]).groups()
    how = draw(st.sampled_from(["full-width colon", "no space", "full-width indent"]))
    lines[index] = {"full-width colon": f"{indent}{key}：{value}", "no space": f"{indent}{key}:{value}",
                    "full-width indent": f"\u3000{indent}{key}: {value}"}[how]
    return sample, "\n".join(lines), index + 1, how


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_line_mangled())
def test_a_broken_key_line_is_reported_at_that_line(case):
    """Whatever line of whichever record: the one error is at that line and names the mistake."""
    sample, text, line, how = case
    with fuzz_county() as content:
        (content / sample.relative_to(MINI)).write_text(text, encoding="utf-8")
        code, out, _ = run_check(content)
    path = sample.relative_to(MINI).as_posix()
    own = [problem for problem in out.splitlines() if problem.startswith(f"{path}:")]  # (a broken org.yaml breaks others)
    assert code == 1 and len(own) == 1 and own[0].startswith(f"{path}:{line}: 错误: "), (how, line, out)
    assert {"full-width colon": "中文冒号", "no space": "缺少空格", "full-width indent": "全角空格"}[how] in own[0]
