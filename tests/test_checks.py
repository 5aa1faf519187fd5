"""Every check of spec §1–§3: a fixture that fails it, and the exact line a clerk sees.

Each case writes one bad file into a copy of the mini county (tests/fixtures/mini-county,
which passes) and checks it in this process, exactly as ``publish.py check`` does (the
same function and the same lines; the command itself is tested in test_commands.py).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, check_lines, publish

MINI = FIXTURES / "mini-county"
V = "orgs/xiaohe-village"
C = "orgs/county-gov"


def county_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return content


def check(content: Path) -> tuple[int, list[str]]:
    return check_lines(content)


LEDGER = """
    type: finance
    title: 2026年4月财务收支公开
    date: 2026-05-05
    period: 2026-04
    opening_balance: 1200.10
    income:
      - {date: 2026-04-02, subject: 上级补助收入, summary: 运转经费, amount: 500.00, voucher: 记-11}
    expense:
      - {date: 2026-04-05, subject: 管理费用, summary: 办公用品, amount: 100.00, voucher: 记-12}
    closing_balance: 1600.10
"""


# (case, files to write, exit status, exact lines expected in the output)
CASES = [
    ("balance off by a cent",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("1600.10", "1600.11")}, 1,
     [f"{V}/finance/2026-04.yaml:10: 错误: 「期末余额」1,600.11 与计算结果不符：期初余额 1,200.10 + 收入合计 500.00 − 支出合计 100.00 = 1,600.10，请核对各笔金额或期末余额"]),
    ("three decimals",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("amount: 100.00", "amount: 100.005").replace("1600.10", "1600.095")}, 1,
     [f"{V}/finance/2026-04.yaml:9: 错误: 「支出明细」第 1 项的「金额」100.005 超过两位小数：金额精确到分，例如 1234.50",
      f"{V}/finance/2026-04.yaml:10: 错误: 「期末余额」1600.095 超过两位小数：金额精确到分，例如 1234.50"]),
    ("negative amount",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("amount: 100.00", "amount: -100.00").replace("1600.10", "1800.10")}, 1,
     [f"{V}/finance/2026-04.yaml:9: 错误: 「支出明细」第 1 项的「金额」必须大于 0（现在是 -100.00）：退款等请记在另一方向"]),
    ("entry outside its period",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("date: 2026-04-05", "date: 2026-05-05")}, 1,
     [f"{V}/finance/2026-04.yaml:9: 错误: 「支出明细」第 1 项的「日期」2026-05-05 不在所属期间 2026-04（2026-04-01 至 2026-04-30）内：请改正日期，或记到对应期间的公开表里"]),
    ("voucher used twice",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("记-12", "记-11")}, 1,
     [f"{V}/finance/2026-04.yaml:9: 错误: 凭证号 记-11 与「收入明细」第 1 项的「凭证号」重复：一张凭证只能记一次"]),
    ("two ledgers for one period",
     {f"{V}/finance/march-again.yaml": LEDGER.replace("period: 2026-04", "period: 2026-03")
      .replace("2026-04-02", "2026-03-02").replace("2026-04-05", "2026-03-05")}, 1,
     [f"{V}/finance/march-again.yaml:4: 错误: 小河村 2026-03 的财务公开已经有一条（{V}/finance/2026-03.yaml）：同一期间只能有一条，请合并两条记录或改正期间"]),
    ("a date that does not exist",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("date: 2026-05-05", "date: 2026-02-30")}, 1,
     [f"{V}/finance/2026-04.yaml:3: 错误: 「生成日期」“2026-02-30”这一天不存在：请核对年、月、日"]),
    ("an updated time that does not exist",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-04-01\nupdated: 2026-04-01 25:30\ncategory: 村务\n"}, 1,
     [f"{V}/notice/n.yaml:4: 错误: 「更新日期」“2026-04-01 25:30”不是有效的日期或时间：请写成 2026-03-01 或 2026-03-01 09:30"]),
    ("unknown type",
     {f"{V}/misc/x.yaml": "type: finanse\ntitle: 三月\ndate: 2026-04-01\n"}, 1,
     [f"{V}/misc/x.yaml:1: 错误: 不认识的记录类型“finanse”：可用的类型：finance、budget、policy、notice、service、subsidy、decision、procurement、report"]),
    ("unknown key, close to a real one",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("closing_balance", "closing_balanse")}, 1,
     [f"{V}/finance/2026-04.yaml:1: 错误: 缺少「期末余额」（closing_balance）：请补上这一项",
      f"{V}/finance/2026-04.yaml:10: 错误: 不认识的键“closing_balanse”：是不是想写 closing_balance？"]),
    ("an amount beyond any budget",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("amount: 500.00", "amount: 5.0e+40")}, 1,
     [f"{V}/finance/2026-04.yaml:7: 错误: 「收入明细」第 1 项的「金额」不能大于 999999999999.99（现在是 5.0E+40）"]),
    ("a list that may not be empty",
     {f"{C}/budget/b.yaml": "type: budget\ntitle: 预算\ndate: 2026-02-01\nyear: 2026\nphase: budget\nlines: []\n"}, 1,
     [f"{C}/budget/b.yaml:6: 错误: 「预算科目」至少要有 1 项"]),
    ("words where money goes",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("amount: 500.00", "amount: 五百元")}, 1,
     [f"{V}/finance/2026-04.yaml:7: 错误: 「收入明细」第 1 项的「金额」应当是数字（例如 1234.50，不加引号和单位），现在写的是“五百元”"]),
    ("missing title",
     {f"{V}/notice/n.md": "---\ntype: notice\ndate: 2026-04-01\ncategory: 村务\n---\n正文\n"}, 1,
     [f"{V}/notice/n.md:2: 错误: 缺少「标题」（title）：请补上这一项"]),
    ("column not in the catalogue",
     {f"{V}/notice/n.md": "---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 法规文件\n---\n正文\n"}, 1,
     [f"{V}/notice/n.md:5: 错误: 「公开栏目」“法规文件”不在小河村的公开目录里：可用的栏目：党务、村务、财务、重大事项"]),
    ("broken reference",
     {f"{C}/policy/old.md": "---\ntype: policy\ntitle: 旧办法\ndate: 2024-01-01\ndoc_number: 清政发〔2024〕1号\n"
                            "issuer: 清水县人民政府\nissued: 2024-01-01\nstatus: repealed\nrepealed_on: 2026-01-01\n"
                            "replaced_by: county-gov/policy/nothing.md\n---\n正文\n"}, 1,
     [f"{C}/policy/old.md:10: 错误: 「替代文件」“county-gov/policy/nothing.md”找不到：请写那条记录的索引号，或它的文件路径（例如 county-gov/policy/old.md）"]),
    ("repealed without a date",
     {f"{C}/policy/old.md": "---\ntype: policy\ntitle: 旧办法\ndate: 2024-01-01\ndoc_number: 清政发〔2024〕1号\n"
                            "issuer: 清水县人民政府\nissued: 2024-01-01\nstatus: repealed\nreplaced_by: county-gov/policy/example.md\n---\n正文\n"}, 1,
     [f"{C}/policy/old.md:8: 错误: 已废止（repealed）的文件必须写「废止日期」（repealed_on）"]),
    ("missing attachment",
     {f"{V}/notice/n.md": "---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\nattachments:\n"
                          "  - {file: files/公示.pdf, title: 公示}\n---\n正文\n"}, 1,
     [f"{V}/notice/n.md:7: 错误: 附件文件“files/公示.pdf”不存在：请把文件放到 {V}/notice/ 下的这个位置，或改正文件名"]),
    ("record claiming another org",
     {f"{V}/notice/n.md": "---\ntype: notice\norg: civil-affairs\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n---\n正文\n"}, 1,
     [f"{V}/notice/n.md:3: 错误: 记录写的机构“civil-affairs”与它所在的文件夹“xiaohe-village”不符：记录只能属于它所在的机构，请把文件移到 orgs/civil-affairs/ 下，或删去 org 这一行"]),
    ("YAML syntax error",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知: 开会: 明天\ndate: 2026-04-01\ncategory: 村务\n"}, 1,
     [f"{V}/notice/n.yaml:2: 错误: 冒号用法不对：每行写成“键: 值”，冒号后留一个空格；值里有冒号时请给整个值加引号"]),
    ("tab indentation",
     {f"{V}/finance/2026-04.yaml": LEDGER.replace("  - {date: 2026-04-02", "\t- {date: 2026-04-02")}, 1,
     [f"{V}/finance/2026-04.yaml:7: 错误: 这一行用 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格"]),
    ("empty file",
     {f"{V}/notice/empty.yaml": ""}, 1,
     [f"{V}/notice/empty.yaml:1: 错误: 文件是空的：请按模板填写记录（publish.py new <类型> 可生成模板），或删除这个文件"]),
    ("not text at all",
     {f"{V}/notice/binary.yaml": b"\x81\xff\xfe\x00\x80\x80"}, 1,
     [f"{V}/notice/binary.yaml:1: 错误: 文件不是 UTF-8 编码的文字，无法读取：请用记事本或 WPS 打开后“另存为”，编码选 UTF-8"]),
    ("key written twice",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ntitle: 又一个\ndate: 2026-04-01\ncategory: 村务\n"}, 1,
     [f"{V}/notice/n.yaml:3: 错误: 键“title”写了两次：请删掉多余的一个"]),
    ("YAML anchors and aliases (a billion laughs)",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n"
                            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"}, 1,
     [f"{V}/notice/n.yaml:5: 错误: 值以“&”开头会被当作 YAML 锚点（记录里不能用锚点和“*”引用）：请给整个值加上引号，或把内容直接写出来"]),
    ("markdown without front matter",
     {f"{V}/notice/n.md": "# 通知\n\n明天开会\n"}, 1,
     [f"{V}/notice/n.md:1: 错误: Markdown 记录必须以一行“---”开头，接着写记录的键（type、title、date 等），再用一行“---”结束"]),
    ("unmasked ID number",
     {f"{V}/notice/n.md": "---\ntype: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\n---\n第一段\n\n"
                          "申请人身份证 11010519491231002X。\n"}, 1,
     [f"{V}/notice/n.md:9: 错误: 「正文」里有未脱敏的身份证号（110105********002X）：只保留前 6 位和后 4 位，例如 110105********1234。"
      f"可运行 publish.py mask {V}/notice/n.md 自动处理"]),
    ("bank card number",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\nsummary: 补助打入卡号 6222 0212 3456 7890 128\n"}, 1,
     [f"{V}/notice/n.yaml:5: 错误: 「内容概述」里有银行卡号或账号（****0128）：银行卡号和账号一律不公开，请删除。"
      f"可运行 publish.py mask {V}/notice/n.yaml 自动处理"]),
    ("a stranger's mobile number",
     {f"{V}/notice/n.yaml": "type: notice\ntitle: 通知\ndate: 2026-04-01\ncategory: 村务\nsummary: 联系人 13812345678，村委会 13900001111\n"}, 1,
     [f"{V}/notice/n.yaml:5: 错误: 「内容概述」里有未脱敏的手机号（138****5678）：只保留前 3 位和后 4 位，例如 138****1234；机构的公开电话请写进 org.yaml 的 phones。"
      f"可运行 publish.py mask {V}/notice/n.yaml 自动处理"]),
    ("budget totals that do not add up",
     {f"{C}/budget/b.yaml": "type: budget\ntitle: 预算\ndate: 2026-02-01\nyear: 2026\nphase: final\nlines:\n"
                            "  - {name: 拨款, direction: income, planned: 100.00, actual: 90.00}\n"
                            "  - {name: 支出, direction: expense, planned: 100.00}\nincome_total: 100.01\n"}, 1,
     [f"{C}/budget/b.yaml:8: 错误: 决算的「预算科目」第 2 项缺少「执行数」（actual）：决算每一项都要写执行数",
      f"{C}/budget/b.yaml:9: 错误: 「收入预算合计」100.01 与各科目相加的 100.00 不符：请核对"]),
    ("subsidy list that does not add up",
     {f"{V}/subsidy/s.yaml": "type: subsidy\ntitle: 补贴\ndate: 2026-05-01\nprogram: 耕地地力保护补贴\nyear: 2026\nrate: 100.00\n"
                             "recipients:\n  - {name: 宋芳, quantity: 2, amount: 210.00}\n"
                             "  - {name: 王五, amount: 50.00, id: 110105**********21}\ntotal: 250.00\n"}, 1,
     [f"{V}/subsidy/s.yaml:8: 错误: 「发放对象」第 1 项的「金额」210.00 不等于数量 2 × 标准 100.00 = 200.00：请核对",
      f"{V}/subsidy/s.yaml:9: 错误: 身份证号要按全站统一方式脱敏：保留前 6 位和后 4 位，中间写 8 个 *，例如 110105********1234",
      f"{V}/subsidy/s.yaml:10: 错误: 「合计金额」250.00 与名单金额相加的 260.00 不符：请核对"]),
    ("低保 list with ids",
     {f"{V}/subsidy/s.yaml": "type: subsidy\ntitle: 低保\ndate: 2026-05-01\nprogram: 农村低保\nyear: 2026\n"
                             "recipients:\n  - {name: 宋芳, household_size: 3, amount: 900.00, id: 110105********1234}\ntotal: 900.00\n"}, 1,
     [f"{V}/subsidy/s.yaml:7: 错误: 低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）：请删除身份证号"]),
    ("impossible meeting numbers",
     {f"{V}/decision/d.yaml": "type: decision\ntitle: 议事\ndate: 2026-03-01\nsubject: 修路\nstages:\n"
                              "  - {stage: 提议, date: 2026-03-01, expected: 5, present: 6}\n"
                              "  - {stage: 商议, date: 2026-02-01, expected: 9, present: 9, for: 8, against: 2}\n"}, 1,
     [f"{V}/decision/d.yaml:6: 错误: 「提议」实到 6 人，多于应到 5 人：请核对人数",
      f"{V}/decision/d.yaml:7: 错误: 「商议」的日期 2026-02-01 早于上一环节：日期不能倒退",
      f"{V}/decision/d.yaml:7: 错误: 「商议」赞成、反对、弃权共 10 票，多于实到 9 人：请核对票数"]),
    ("stages out of order",
     {f"{V}/decision/d.yaml": "type: decision\ntitle: 议事\ndate: 2026-03-01\nsubject: 修路\nstages:\n"
                              "  - {stage: 商议, date: 2026-03-01, expected: 5, present: 5}\n"}, 1,
     [f"{V}/decision/d.yaml:5: 错误: 「议事过程」的环节要按 提议 → 商议 → 审议 → 决议 → 决议公开 → 实施结果公开 的顺序，一个不缺、不重复；现在是 商议"]),
    ("promise longer than the law allows",
     {"orgs/civil-affairs/service/s.yaml": (MINI / "orgs/civil-affairs/service/example.yaml").read_text("utf-8")
      .replace("promised_days: 15", "promised_days: 25")}, 1,
     ["orgs/civil-affairs/service/s.yaml:14: 错误: 「承诺时限」25 个工作日超过了「法定时限」20 个工作日：承诺时限不能长于法定时限"]),
    ("award pointing at an award",
     {f"{C}/procurement/a.yaml": "type: procurement\ntitle: 中标\ndate: 2026-04-20\nstage: award\nbuyer: 县政府\n"
                                 "supplier: 某公司\namount: 100.00\ntender: county-gov/procurement/b.yaml\n",
      f"{C}/procurement/b.yaml": "type: procurement\ntitle: 中标\ndate: 2026-04-20\nstage: award\nbuyer: 县政府\n"}, 1,
     [f"{C}/procurement/a.yaml:8: 错误: 「对应采购公告」“county-gov/procurement/b.yaml”不是采购公告（它的阶段是 award）",
      f"{C}/procurement/b.yaml:4: 错误: 中标（成交）结果要写「供应商」（supplier）",
      f"{C}/procurement/b.yaml:4: 错误: 中标（成交）结果要写「成交金额」（amount）"]),
    ("report arithmetic",
     {f"{C}/report/example.yaml": (MINI / f"{C}/report/example.yaml").read_text("utf-8")
      .replace("granted:        [2, 1, 0, 0, 0, 0, 3]", "granted:        [2, 1, 0, 0, 0, 0, 4]")}, 1,
     [f"{C}/report/example.yaml:12: 错误: 「收到和处理政府信息公开申请情况」的「予以公开」：各类申请人 2+1+0+0+0+0 = 3，与“总计”4 不符",
      f"{C}/report/example.yaml:15: 错误: “总计”一列：各项办理结果相加为 5，与「办理结果总计」4 不符"]),
    ("parent that does not exist",
     {"orgs/xiaohe-village/org.yaml": (MINI / "orgs/xiaohe-village/org.yaml").read_text("utf-8").replace("parent: shiqiao-town", "parent: shiqiao")}, 1,
     ["orgs/xiaohe-village/org.yaml:4: 错误: 「上级机构」“shiqiao”不存在：请写上级机构的文件夹名（civil-affairs、county-gov、shiqiao-town、xiaohe-village）"]),
    ("two tops",
     {"orgs/other-county/org.yaml": (MINI / "orgs/county-gov/org.yaml").read_text("utf-8")}, 1,
     ["orgs/other-county/org.yaml:1: 错误: 全站只能有一个最上级机构（不写 parent 的，通常是县）：现在是 county-gov、other-county；其余机构请写上级机构 parent",
      "orgs/other-county/org.yaml:4: 警告: 「机构代码」510999 与清水县人民政府（orgs/county-gov/org.yaml）的相同："
      "每个机构的代码各不相同（它是索引号的开头），请核对"]),  # a copied org.yaml keeps the code
    ("parents in a circle",
     {"orgs/shiqiao-town/org.yaml": (MINI / "orgs/shiqiao-town/org.yaml").read_text("utf-8").replace("parent: county-gov", "parent: xiaohe-village")}, 1,
     ["orgs/shiqiao-town/org.yaml:4: 错误: 「上级机构」形成了循环（shiqiao-town → … → shiqiao-town）：请改正上级机构"]),
    ("copied index number",
     {f"{V}/notice/a.md": "---\ntype: notice\ntitle: 甲\ndate: 2026-04-01\ncategory: 村务\nindex_no: 510999-GK-0001\n---\n甲\n",
      f"{V}/notice/b.md": "---\ntype: notice\ntitle: 乙\ndate: 2026-04-02\ncategory: 村务\nindex_no: 510999-GK-0001\n---\n乙\n"}, 1,
     [f"{V}/notice/b.md:6: 错误: 索引号 510999-GK-0001 与 {V}/notice/a.md 重复：复制来的文件请删去 index_no 这一行，系统会生成新的索引号"]),
    ("org folder with a Chinese name",
     {"orgs/小河村/org.yaml": "type: org\n"}, 1,
     ["orgs/小河村:1: 错误: 机构文件夹名“小河村”只能用小写英文字母、数字和“-”（它会成为网址），例如 xiaohe-village"]),
]


@pytest.mark.parametrize("files,status,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_reports_the_exact_line(tmp_path, files, status, expected):
    code, lines = check(county_with(tmp_path, files))
    assert sorted(lines) == sorted(expected)
    assert code == status


def test_mini_county_passes(tmp_path):
    assert check(county_with(tmp_path, {})) == (0, [])


def test_money_is_exact_decimal(tmp_path):
    """0.10 + 0.20 is 0.30 to a clerk; in binary floating point it is not."""
    assert 0.10 + 0.20 != 0.30
    # in the town's books, which have no March ledger for this one to continue
    files = {"orgs/shiqiao-town/finance/2026-04.yaml": LEDGER.replace("opening_balance: 1200.10", "opening_balance: 0.10")
             .replace("amount: 500.00", "amount: 0.20").replace("amount: 100.00", "amount: 0.30")
             .replace("closing_balance: 1600.10", "closing_balance: 0.00")}
    assert check(county_with(tmp_path, files)) == (0, [])


def test_exact_issue_example(tmp_path):
    """1200.10 = 1000.00 + 500.10 − 200.05 − 99.95 is the mini county's March ledger."""
    text = (MINI / f"{V}/finance/2026-03.yaml").read_text("utf-8")
    assert "opening_balance: 1000.00" in text and "closing_balance: 1200.10" in text
    code, _ = check(county_with(tmp_path, {}))
    assert code == 0


def test_gbk_file_is_read_with_a_warning(tmp_path):
    text = "type: notice\ntitle: 关于春耕的通知\ndate: 2026-04-01\ncategory: 村务\n"
    content = county_with(tmp_path, {f"{V}/notice/gbk.yaml": text.encode("gbk")})
    code, lines = check(content)
    assert lines == [f"{V}/notice/gbk.yaml:1: 警告: 文件是 GBK 编码（Windows 记事本的旧默认），已按 GBK 读取：请“另存为”UTF-8 编码，以免乱码"]
    assert code == 0


def test_short_attendance_is_a_warning_not_an_error(tmp_path):
    files = {f"{V}/decision/d.yaml": "type: decision\ntitle: 议事\ndate: 2026-03-01\nsubject: 修路\nstages:\n"
                                     "  - {stage: 提议, date: 2026-03-01, expected: 9, present: 5, for: 5}\n"}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [f"{V}/decision/d.yaml:6: 警告: 「提议」应到 9 人，实到 5 人，不足三分之二：会议人数不够，决定的效力存疑"]
    assert code == 0


def test_every_problem_of_every_file_in_one_run(tmp_path):
    files = {f"{V}/finance/2026-04.yaml": LEDGER.replace("1600.10", "1600.11"),
             f"{V}/notice/empty.yaml": "",
             f"{C}/budget/b.yaml": "type: budget\ntitle: 预算\ndate: 2026-02-30\nyear: 2026\nphase: budget\nlines: []\n"}
    code, lines = check(county_with(tmp_path, files))
    assert code == 1
    assert [line.split(":")[0] for line in lines] == [f"{C}/budget/b.yaml"] * 2 + [f"{V}/finance/2026-04.yaml", f"{V}/notice/empty.yaml"]


def test_usage_errors_exit_2(tmp_path):
    result = publish("check", "--content", tmp_path / "missing")
    assert result.returncode == 2
    assert "内容文件夹" in result.stderr and "Traceback" not in result.stderr
    assert publish("frobnicate").returncode == 2


def test_subsidy_rounds_half_up_like_a_spreadsheet(tmp_path):
    """1.15 亩 × 106.30 = 122.245 → 122.25 (四舍五入), as Excel's ROUND gives the clerk."""
    files = {f"{V}/subsidy/s.yaml": "type: subsidy\ntitle: 补贴\ndate: 2026-05-01\nprogram: 耕地地力保护补贴\nyear: 2026\n"
                                    "rate: 106.30\nrecipients:\n  - {name: 宋芳, quantity: 1.15, amount: 122.25}\ntotal: 122.25\n"}
    assert check(county_with(tmp_path, files)) == (0, [])


def test_review_cannot_predate_the_ledger(tmp_path):
    files = {f"{V}/finance/2026-04.yaml": LEDGER + "    reviewed_by: {members: [王建国], date: 2026-04-03}\n"}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [f"{V}/finance/2026-04.yaml:11: 错误: 「审核日期」2026-04-03 早于最后一笔收支（2026-04-05）：监委会只能审核已发生的收支，请核对日期"]
    assert code == 1


def test_a_line_break_inside_a_key_stays_on_one_line(tmp_path):
    files = {f"{V}/notice/x.yaml": 'type: notice\ntitle: t\ndate: 2026-04-01\ncategory: 村务\n"a\\rb": 1\n'}
    code, lines = check(county_with(tmp_path, files))
    assert lines == [f"{V}/notice/x.yaml:5: 错误: 不认识的键“a\\rb”：可用的键：type、org、title、date、updated、category、summary、tags、attachments、index_no、body"]
    assert code == 1
