"""Spec §2: personal numbers are refused as a reader would get them, wherever they are published.

One county (the mini county plus one file per case) is checked once; each case names the
exact line a clerk sees, or that a file a clerk may write gets no line at all (false alarms).
"""

from __future__ import annotations

import pytest

from conftest import publish
from gongkai.privacy import personal_numbers
from test_checks import MINI, check, county_with

V = "orgs/xiaohe-village"
ID = "11010519491231002X"
ID_SHOWN = "110105********002X"
MOBILE_FIX = "只保留前 3 位和后 4 位，例如 138****1234；机构的公开电话请写进 org.yaml 的 phones"
ID_FIX = "只保留前 6 位和后 4 位，例如 110105********1234"
CARD_FIX = "银行卡号和账号一律不公开，请删除"
JOINED = "（几组数字之间只隔一个空格、横线或点，读者会连起来读；如果它们本是不同的数，例如几笔金额，请用“、”或文字隔开）"
FULL_WIDTH_ID = "".join(chr(0xFF10 + int(c)) if c.isdigit() else "Ｘ" for c in ID)


def notice(body: str, **fields) -> str:
    head = {"type": "notice", "title": "通知", "date": "2026-04-01", "category": "村务", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in head.items()) + "---\n" + body


def mobile_line(path: str, line: int, where: str = "「正文」", joined: bool = False) -> str:
    return (f"{path}:{line}: 错误: {where}里有未脱敏的手机号（138****5678）：{MOBILE_FIX}。"
            f"可运行 publish.py mask {path} 自动处理" + (JOINED if joined else ""))


def n(name: str) -> str:
    return f"{V}/notice/{name}.md"


# (case, file, its text, the lines expected for it: [] means no problem at all)
DISGUISES = [
    ("dots", "dots", notice("第一段\n\n联系 138.1234.5678\n"), [mobile_line(n("dots"), 9)]),
    ("line breaks", "breaks", notice("联系\n138\n1234\n5678 即可\n"), [mobile_line(n("breaks"), 8)]),
    ("zero-width spaces", "zw", notice("联系 138\u200b1234\u200c5678\n"), [mobile_line(n("zw"), 7)]),
    ("emphasis", "emphasis", notice("联系 1**38**12345678\n"), [mobile_line(n("emphasis"), 7)]),
    ("an HTML comment", "comment", notice("联系 138<!-- 不公开 -->12345678\n"), [mobile_line(n("comment"), 7)]),
    ("inline tags", "tags", notice("联系 <b>138</b><i>1234</i>5678\n"), [mobile_line(n("tags"), 7)]),
    ("entities", "entities", notice("联系 &#49;&#x33;&#56;12345678\n"), [mobile_line(n("entities"), 7)]),
    ("full-width digits", "fullwidth", notice(f"申请人 {FULL_WIDTH_ID}\n"),
     [f"{n('fullwidth')}:7: 错误: 「正文」里有未脱敏的身份证号（{ID_SHOWN}）：{ID_FIX}。可运行 publish.py mask {n('fullwidth')} 自动处理"]),
    ("a link's title attribute", "title", notice('见[通知](https://example.cn/a "联系 138 1234 5678")\n'), [mobile_line(n("title"), 7)]),
    ("a percent-encoded tel: link", "tel", notice("[拨打电话](tel:%31%33%38%31%32%33%34%35%36%37%38)\n"), [mobile_line(n("tel"), 7)]),
    ("an ID split by spaces", "id-split", notice("第一段\n\n第二段\n\n身份证 110105 19491231 002X\n"),
     [f"{n('id-split')}:11: 错误: 「正文」里有未脱敏的身份证号（{ID_SHOWN}）：{ID_FIX}。可运行 publish.py mask {n('id-split')} 自动处理"]),
    ("a 15-digit ID with a real birth date", "id15", notice("旧身份证 110105491231002\n"),
     [f"{n('id15')}:7: 错误: 「正文」里有未脱敏的身份证号（110105*****1002）：{ID_FIX}。可运行 publish.py mask {n('id15')} 自动处理"]),
    ("a card split by dots", "card", notice("打入 6222.0212.3456.7890.128\n"),
     [f"{n('card')}:7: 错误: 「正文」里有银行卡号或账号（****0128）：{CARD_FIX}。可运行 publish.py mask {n('card')} 自动处理"]),
    # item 7: false alarms, without opening a hole
    ("a date after 账户 is no account", "account-date", notice("本村集体账户 2026-03-05 转入补助资金。\n"), []),
    ("an amount after 账户 is no account", "account-amount", notice("银行存款账户余额 12345678.90 元。\n"), []),
    ("an account after 账号 and a date is one", "account-after-date", notice("账号 2026-03-05 开户 6222 0212 3456 78\n"),
     []),  # "开户" stands between the word and the number: the Luhn test decides, and this one fails it
    ("+86 before a mobile is a mobile", "plus86", notice("联系 +86 138 1234 5678\n"), [mobile_line(n("plus86"), 7)]),
    ("the org's own phone after +86", "plus86-own", notice("村委会电话 +86 139 0000 1111\n"), []),
    # never across table cells, list items or blocks
    ("a ledger row's cells are not joined", "ledger", notice("| 日期 | 收入 | 支出 |\n|---|---|---|\n| 2026-03-13 | 49490.87 | 63135.90 |\n"), []),
    ("list items are not joined", "list", notice("第一段\n\n- 138\n- 1234 5678\n"), []),
    ("a 15-digit number without a birth date", "no-id15", notice("编号 110105491331002\n"), []),
]
# item 4: a summary, a file name, a site page and org.yaml's phones are published too
PLACES = [
    ("a summary taken from the body", f"{V}/notice/summary.md", notice("联系 138\n- 1234 5678\n"),
     [mobile_line(f"{V}/notice/summary.md", 7, "「内容概述」（取自正文第一段）")]),
    ("a record's file name", f"{V}/notice/宋芳-138-1234-5678.md", notice("正文\n"),
     [f"{V}/notice/宋芳-138-1234-5678.md:1: 错误: 文件名里有未脱敏的手机号（138****5678）：{MOBILE_FIX}。请给文件改名，文件名会公开在网站上"]),
    ("a site page", "pages/about.md", "Title: 关于本站\n\n办公室 **138** 1234 5678\n",
     [mobile_line("pages/about.md", 3)]),
    ("a site page's metadata", "pages/contact.md", "Title: 联系\nSummary: 负责人 138-1234-5678\n\n正文\n",
     [mobile_line("pages/contact.md", 2, "页面信息")]),
    ("org.yaml's phones: a mobile is public, an ID or a card is not", "orgs/shiqiao-town/org.yaml", None,
     ["orgs/shiqiao-town/org.yaml:8: 错误: 「公开电话」第 3 项里有未脱敏的身份证号（510802********0028）：只保留前 6 位和后 4 位，例如 110105********1234。"
      "可运行 publish.py mask orgs/shiqiao-town/org.yaml 自动处理",
      "orgs/shiqiao-town/org.yaml:8: 错误: 「公开电话」第 4 项里有银行卡号或账号（****0128）：银行卡号和账号一律不公开，请删除。"
      "可运行 publish.py mask orgs/shiqiao-town/org.yaml 自动处理"]),
]


@pytest.mark.parametrize("one_run", ["49490.87 63135.90", "138 1234 5678", "账户 2026030512"])
def test_the_no_alarm_cases_would_be_alarms_in_one_run(one_run):
    """The cells, list items and dates above are what keep those cases quiet, not blindness."""
    assert personal_numbers.scan(one_run)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    files = {(path if "/" in path else n(path)): text for _, path, text, _ in DISGUISES + PLACES if text is not None}
    files["orgs/shiqiao-town/org.yaml"] = (MINI / "orgs/shiqiao-town/org.yaml").read_text("utf-8").replace(
        'phones: ["0839-7300001"]', 'phones: ["0839-7300001", "13700001111", "510802198001010028", "6222021234567890128"]')
    return check(county_with(tmp_path_factory.mktemp("privacy"), files))


@pytest.mark.parametrize("path,expected", [((p if "/" in p else n(p)), e) for _, p, _, e in DISGUISES + PLACES],
                         ids=[c[0] for c in DISGUISES + PLACES])
def test_what_a_reader_gets_is_scanned(checked, path, expected):
    _, lines = checked
    mine = [line for line in lines if line.startswith(path + ":")]
    assert mine == expected, "\n".join(lines)


# item 5: mask gives the site-wide mask from any disguise it finds, and names what it cannot fix
def test_mask_undoes_disguises_and_check_then_passes(tmp_path):
    record = f"{V}/notice/n.md"
    content = county_with(tmp_path, {record: notice(
        "申请人 1101&#48;5 **1949**1231 002X，电话 ＋８６ １３８ １２３４ ５６７８，集体账户 2026-03-05 转入。\n",
        summary=f"申请人身份证 {FULL_WIDTH_ID}")})
    assert check(content)[0] == 1
    result = publish("mask", "--content", content, content / record)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (content / record).read_text("utf-8")
    assert text.count(ID_SHOWN) == 2, text
    assert "＋８６ 138****5678" in text and "集体账户 2026-03-05 转入" in text, text
    assert check(content) == (0, [])


def test_mask_names_what_it_cannot_fix(tmp_path):
    record = f"{V}/notice/宋芳13812345678.yaml"
    escaped = "".join(f"\\u{ord(c):04x}" for c in "13912345678")
    content = county_with(tmp_path, {record: f'type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\nsummary: "电话 {escaped}"\n'})
    result = publish("mask", "--content", content, content / record)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{content / record}:1: 错误: 文件名里的未脱敏的手机号（138****5678）无法自动处理：请给文件改名，文件名会公开在网站上",
        f"{content / record}:5: 错误: 「内容概述」里的未脱敏的手机号（139****5678）无法自动处理：{MOBILE_FIX}，请手工修改这一处"]


def dibao(*recipients: str) -> str:
    lines = "".join(f"  - {{{r}, household_size: 1, amount: 100.00}}\n" for r in recipients)
    return (f"type: subsidy\ntitle: 低保\ndate: 2026-05-01\nprogram: 农村低保\nyear: 2026\nrecipients:\n{lines}"
            f"total: {100 * len(recipients)}.00\n")


# item 6: a 低保 list publishes only name, household size and amount
def test_recipients_carry_no_house_number_and_no_illness(tmp_path):
    path = f"{V}/subsidy/dibao.yaml"
    code, lines = check(county_with(tmp_path, {path: dibao("name: 宋芳, group: 三组17号", "name: 王五（患尿毒症）",
                                                           "name: 李四, group: 二组", "name: 赵六, group: 重病户")}))
    assert lines == [
        f"{path}:7: 错误: 「发放对象」第 1 项的「村民小组」里有门牌号“17号”：名单上的地址只写到村民小组（例如 三组），请删除门牌号",
        f"{path}:8: 错误: 「发放对象」第 2 项的「姓名」里有病情“患尿毒症”：健康状况是敏感个人信息（个人信息保护法第二十八条），名单只公开姓名、家庭人口和金额，请删除",
        f"{path}:10: 错误: 「发放对象」第 4 项的「村民小组」里有病情“重病”：健康状况是敏感个人信息（个人信息保护法第二十八条），名单只公开姓名、家庭人口和金额，请删除"]
    assert code == 1
