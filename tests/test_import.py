"""publish.py import: the journals, recipient lists and budgets clerks keep, into records that check clean.

Workbooks are written in the layouts of real village books (tests/importbooks.py); .xls, .ods,
recalculated and password-protected copies were saved by LibreOffice and msoffcrypto-tool
(tests/fixtures/import/make_fixtures.py). Each test asserts the exact line a clerk sees or
the records written, and the written records pass the build's own checks.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import importbooks as books
from conftest import FIXTURES, publish
from gongkai.importing import import_workbooks
from gongkai.importing.cells import Cells
from gongkai.problems import Problem, Problems
from gongkai.reading import yamltext
from gongkai.settings import Settings
from gongkai.importing.table import Sheet

MINI = FIXTURES / "mini-county"
IMPORT_FIXTURES = FIXTURES / "import"
ORG = "xiaohe-village"
DAY = date(2026, 7, 1)


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def run(content: Path, *files, **options):
    options.setdefault("record_date", DAY)
    return import_workbooks([str(f) for f in files], ORG, content, **options)


def lines(result) -> list[str]:
    return [str(p) for p in result.problems.sorted()]


def record(content: Path, relative: str) -> dict:
    return yamltext.load((content / "orgs" / ORG / relative).read_text("utf-8"))


def written(content: Path) -> list[str]:
    return sorted(p.relative_to(content / "orgs" / ORG).as_posix() for p in (content / "orgs" / ORG).rglob("*.yaml"))


MINI_RECORDS = ["decision/example.yaml", "finance/2026-03.yaml", "org.yaml", "subsidy/example.yaml"]


def check_passes(content: Path) -> None:
    result = publish("check", "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr


# finance ----------------------------------------------------------------------------------

def test_monthly_journal_becomes_one_record_a_month_that_checks_and_shows_on_the_site(content, tmp_path):
    workbook = books.save(books.monthly_journal(), tmp_path / "现金日记账.xlsx")
    result = publish("import", workbook, "--org", ORG, "--content", content, "--date", "2026-07-01")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no problem at all
    assert "已写入 orgs/xiaohe-village/finance/2026-02.yaml：2026-02：收入 2 笔，支出 1 笔，期初余额 879.50，期末余额 1,000.00" in result.stderr
    january, february = record(content, "finance/2026-01.yaml"), record(content, "finance/2026-02.yaml")
    assert (january["opening_balance"], january["closing_balance"]) == (Decimal("800.00"), Decimal("879.50"))
    assert february["income"] == [
        {"date": "2026-02-03", "subject": "其他收入", "summary": "银行存款利息", "amount": Decimal("0.30"), "voucher": "记-4"},
        {"date": "2026-02-25", "subject": "补助收入", "summary": "收到春节慰问金", "amount": Decimal("200.00"), "voucher": "记-6"}]
    assert february["expense"] == [
        {"date": "2026-02-10", "subject": "管理费用", "summary": "打印机维修", "amount": Decimal("79.80"), "voucher": "记-5"}]
    text = (content / f"orgs/{ORG}/finance/2026-02.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# 由 publish.py import 从「现金日记账.xlsx」工作表「2026年2月」第 5–7 行导入\n" in text
    assert "opening_balance: 879.50       # 期初余额（元）\n" in text
    check_passes(content)
    output = tmp_path / "output"
    built = publish("build", "--content", content, "--output", output)
    assert built.returncode == 0, built.stdout + built.stderr
    page = next(p for p in (output / ORG / "finance").glob("*.html")
                if "小河村2026年2月财务收支公开" in p.read_text("utf-8")).read_text("utf-8")
    assert "879.50" in page and "1,000.00" in page and "银行存款利息" in page


def test_one_sheet_spanning_three_months_is_split_carrying_the_balance(content, tmp_path):
    result = run(content, books.save(books.spanning_journal(), tmp_path / "spring.xlsx"))
    assert lines(result) == []
    assert [f for f in written(content) if f.startswith("finance/")] == [
        "finance/2026-03.yaml", "finance/2026-04.yaml", "finance/2026-05.yaml", "finance/2026-06.yaml"]
    months = [record(content, f"finance/2026-0{m}.yaml") for m in (4, 5, 6)]
    assert [(m["opening_balance"], m["closing_balance"]) for m in months] == [
        (Decimal("1200.10"), Decimal("4850.10")), (Decimal("4850.10"), Decimal("6463.65")), (Decimal("6463.65"), Decimal("8263.65"))]
    assert months[0]["expense"][0]["voucher"] == "记-02"
    check_passes(content)


def test_a_sheet_naming_a_quarter_gives_a_quarterly_record_and_says_the_county_differs(content, tmp_path):
    book = books.spanning_journal()
    book.active.title = "2026年第二季度"
    workbook = books.save(book, tmp_path / "q2.xlsx")
    result = run(content, workbook)
    assert lines(result) == [f"{workbook}:2026年第二季度: 警告: 县里规定财务每月公开一次（finance_every: month），"
                             "这个工作簿是按季度分的账，已按季度生成记录；如要按月公开，请按月分工作表"]
    quarter = record(content, "finance/2026-Q2.yaml")
    assert quarter["title"] == "小河村2026年第二季度财务收支公开"
    assert (len(quarter["income"]), len(quarter["expense"]), quarter["closing_balance"]) == (3, 3, Decimal("8263.65"))
    quarterly = run(content, workbook, settings=Settings(finance_every="quarter"))
    assert lines(quarterly) == [] and quarterly.unchanged


def test_a_sheet_naming_no_period_follows_the_county_setting(content, tmp_path):
    """Quarterly counties get one record a quarter from a journal that spans the months."""
    workbook = books.save(books.spanning_journal(), tmp_path / "spring.xlsx")
    result = run(content, workbook, settings=Settings(finance_every="quarter"))
    assert lines(result) == []
    assert [d.relative for d in result.drafts] == ["finance/2026-Q2.yaml"]
    assert record(content, "finance/2026-Q2.yaml")["opening_balance"] == Decimal("1200.10")


def test_hidden_sheets_are_left_out_with_a_warning(content, tmp_path):
    book = books.monthly_journal()
    book["2026年2月"].sheet_state = "hidden"
    workbook = books.save(book, tmp_path / "journal.xlsx")
    result = run(content, workbook)
    assert lines(result) == [f"{workbook}:2026年2月: 警告: 这是隐藏的工作表，没有导入（要导入请先取消隐藏）"]
    assert [d.relative for d in result.drafts] == ["finance/2026-01.yaml"]


@pytest.mark.parametrize("copy", ["journal.xls", "journal.ods", "journal-formulas.xlsx"])
def test_xls_ods_and_recalculated_copies_give_the_same_records(content, tmp_path, copy):
    expected = run(content, books.save(books.monthly_journal(), tmp_path / "journal.xlsx"), dry_run=True)
    result = run(content, IMPORT_FIXTURES / copy, dry_run=True)
    assert lines(result) == []
    assert [d.data for d in result.drafts] == [d.data for d in expected.drafts]
    assert written(content) == MINI_RECORDS, "a dry run writes nothing"


def gbk_csv(path: Path, book) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    for row in book.active.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(text.getvalue().encode("gbk"))
    return path


def test_a_gbk_csv_gives_the_same_records(content, tmp_path):
    expected = run(content, books.save(books.spanning_journal(), tmp_path / "spring.xlsx"), dry_run=True)
    result = run(content, gbk_csv(tmp_path / "spring.csv", books.spanning_journal()), dry_run=True)
    assert lines(result) == []
    assert [d.data for d in result.drafts] == [d.data for d in expected.drafts]


WEB_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table border="1">
<tr><td colspan="10">小河村现金日记账</td></tr>
<tr><td colspan="2">2026年</td><td colspan="2">凭证</td><td rowspan="2">摘 要</td><td rowspan="2">对方科目</td>
    <td rowspan="2">借方</td><td rowspan="2">贷方</td><td rowspan="2">借或贷</td><td rowspan="2">余额</td></tr>
<tr><td>月</td><td>日</td><td>字</td><td>号</td></tr>
<tr><td></td><td></td><td></td><td></td><td>上年结转</td><td></td><td></td><td></td><td>借</td><td>800.00</td></tr>
<tr><td>1</td><td>5</td><td>记</td><td>1</td><td>收到村级组织运转经费</td><td>补助收入</td><td>500.00</td><td></td><td>借</td><td>1,300.00</td></tr>
<tr><td>1</td><td>12</td><td>记</td><td>2</td><td>购买办公用品</td><td>管理费用</td><td></td><td>120.50</td><td>借</td><td>1,179.50</td></tr>
</table></body></html>"""

SPREADSHEET_ML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="2026年1月"><Table>
  <Row><Cell ss:MergeAcross="9"><Data ss:Type="String">小河村现金日记账</Data></Cell></Row>
  <Row><Cell ss:MergeAcross="1"><Data ss:Type="String">2026年</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">凭证</Data></Cell>
   <Cell ss:MergeDown="1"><Data ss:Type="String">摘要</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">对方科目</Data></Cell>
   <Cell ss:MergeDown="1"><Data ss:Type="String">借方</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">贷方</Data></Cell>
   <Cell ss:MergeDown="1"><Data ss:Type="String">借或贷</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">余额</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">月</Data></Cell><Cell><Data ss:Type="String">日</Data></Cell><Cell><Data ss:Type="String">字</Data></Cell><Cell><Data ss:Type="String">号</Data></Cell></Row>
  <Row><Cell ss:Index="5"><Data ss:Type="String">上年结转</Data></Cell><Cell ss:Index="9"><Data ss:Type="String">借</Data></Cell><Cell><Data ss:Type="Number">800</Data></Cell></Row>
  <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="Number">5</Data></Cell><Cell><Data ss:Type="String">记</Data></Cell><Cell><Data ss:Type="Number">1</Data></Cell>
   <Cell><Data ss:Type="String">收到村级组织运转经费</Data></Cell><Cell><Data ss:Type="String">补助收入</Data></Cell><Cell><Data ss:Type="Number">500</Data></Cell>
   <Cell ss:Index="9"><Data ss:Type="String">借</Data></Cell><Cell><Data ss:Type="Number">1300</Data></Cell></Row>
  <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="Number">12</Data></Cell><Cell><Data ss:Type="String">记</Data></Cell><Cell><Data ss:Type="Number">2</Data></Cell>
   <Cell><Data ss:Type="String">购买办公用品</Data></Cell><Cell><Data ss:Type="String">管理费用</Data></Cell><Cell ss:Index="8"><Data ss:Type="Number">120.5</Data></Cell>
   <Cell><Data ss:Type="String">借</Data></Cell><Cell><Data ss:Type="Number">1179.5</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>"""


@pytest.mark.parametrize("text, encoding", [(WEB_EXPORT, "utf-8"), (WEB_EXPORT.replace("utf-8", "gbk"), "gbk"),
                                            (SPREADSHEET_ML, "utf-8")])
def test_xls_files_that_are_web_pages_or_spreadsheetml_are_read(content, tmp_path, text, encoding):
    workbook = tmp_path / "导出.xls"
    workbook.write_bytes(text.encode(encoding))
    result = run(content, workbook)
    assert lines(result) == []
    january = record(content, "finance/2026-01.yaml")
    assert (january["opening_balance"], january["closing_balance"]) == (Decimal("800.00"), Decimal("1179.50"))
    assert [e["voucher"] for e in january["income"] + january["expense"]] == ["记-1", "记-2"]


def test_wrong_cells_are_named_by_sheet_and_cell_and_nothing_is_written(content, tmp_path):
    book = books.monthly_journal()
    book["2026年1月"]["H8"] = 420.51  # 本月合计 of 贷方 off by one cent
    february = book["2026年2月"]
    february["G5"] = "1,2OO.50"  # letter O for zero
    february["H6"] = 79.805  # a true fraction of a cent
    workbook = books.save(book, tmp_path / "journal.xlsx")
    result = publish("import", workbook, "--org", ORG, "--content", content)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{workbook}:2026年1月!H8: 错误: 「贷方」本月合计 420.51 与本月各笔相加的 420.50 不符：请核对本月合计或各笔金额",
        f"{workbook}:2026年2月!G5: 错误: 「借方」“1,2OO.50”不是金额：请只写数字和小数点，例如 1200.50（不要把 0 写成字母 O，不要加文字）",
        f"{workbook}:2026年2月!H6: 错误: 「贷方」79.805 有不足一分的尾数：金额精确到分，请在表格里改成两位小数（可用 ROUND 函数），再导入",
    ]
    assert "共 3 个错误、0 个警告：没有写入任何文件" in result.stderr and "Traceback" not in result.stderr
    assert written(content) == MINI_RECORDS


def test_balances_that_do_not_follow_from_the_entries_are_named(content, tmp_path):
    book = books.monthly_journal()
    book["2026年1月"]["J6"] = 1179.60  # 1,300.00 − 120.50 is 1,179.50
    book["2026年2月"]["J4"] = 879.00  # 上月结转 differs from January's closing
    workbook = books.save(book, tmp_path / "journal.xlsx")
    assert lines(run(content, workbook)) == [
        f"{workbook}:2026年1月!J6: 错误: 「余额」1,179.60 与结出的余额不符：上一行余额 1,300.00 + 借方 0.00 − 贷方 120.50 = 1,179.50，请核对",
        f"{workbook}:2026年2月!J4: 错误: 「余额」上月结转 879.00 与上期结出的余额 879.50 不符：请核对上期的账或这一行的余额",
    ]


def test_a_formula_without_a_saved_result_is_named(content, tmp_path):
    book = books.monthly_journal()
    book["2026年2月"]["J6"] = "=J5-H6"  # openpyxl, like a script or a web export, saves no result
    workbook = books.save(book, tmp_path / "journal.xlsx")
    assert lines(run(content, workbook)) == [
        f"{workbook}:2026年2月!J6: 错误: 「余额」是公式，但文件里没有保存计算结果：请用 Excel 或 WPS 打开这个文件、保存一次后再导入"]


def test_unreadable_workbooks_each_get_one_line_in_one_run(content, tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes((IMPORT_FIXTURES / "journal-formulas.xlsx").read_bytes()[:3000])
    empty = tmp_path / "empty.xls"
    empty.write_bytes(b"")
    blank = books.save(openpyxl.Workbook(), tmp_path / "blank.xlsx")
    cover = openpyxl.Workbook()
    cover.active.append(["村级财务资料"])
    cover.active.append(["2026年度"])
    cover = books.save(cover, tmp_path / "cover.xlsx")
    locked = IMPORT_FIXTURES / "journal-locked.xlsx"
    result = publish("import", locked, corrupt, empty, blank, cover, "--org", ORG, "--content", content)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert sorted(result.stdout.splitlines()) == sorted([
        f"{locked}: 错误: 文件设了打开密码，无法读取：请在 Excel 或 WPS 里打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后保存，再导入",
        f"{corrupt}: 错误: 文件已损坏，无法读取：请在 Excel 或 WPS 里打开它，能打开就“另存为”一份新的 .xlsx 再导入",
        f"{empty}: 错误: 文件是空的（0 字节或只有空白）：请确认选对了文件，或在 Excel 里重新保存一次",
        f"{blank}: 错误: 工作簿里没有任何内容（所有工作表都是空的）：请确认选对了文件",
        f"{cover}:Sheet: 错误: 这个工作表里找不到认得出的表头（现金日记账或银行存款日记账要有「摘要」「借方」「贷方」；"
        "补贴或低保名单要有「姓名」「金额」；预算或决算表要有「项目」「预算数」）：请检查表头，或把不需要导入的工作表删掉或隐藏",
    ])


def test_without_a_subject_the_import_names_the_column_to_add(content, tmp_path):
    book = books.monthly_journal()
    for sheet in book.worksheets:
        sheet.delete_cols(6)  # no 对方科目
    # January names its subjects in the summary's parentheses, but one row does not; February nowhere
    january = book["2026年1月"]
    for row, subject in ((5, "补助收入"), (6, "管理费用")):
        january[f"E{row}"] = f"{january[f'E{row}'].value}（{subject}）"
    workbook = books.save(book, tmp_path / "journal.xlsx")
    assert lines(run(content, workbook)) == [
        f"{workbook}:2026年1月!E7: 错误: 「摘要」“保洁员劳务费（1月）”里看不出科目：请加一列「对方科目」，或在摘要末尾用括号写明科目，例如（管理费用）",
        f"{workbook}:2026年2月!E2: 错误: 表格没有「对方科目」列，摘要里也没有写科目：请在「摘要」右边加一列「对方科目」，"
        "写明每笔收支的科目（例如 管理费用、补助收入），再导入",
    ]
    january["E7"] = "保洁员劳务费（1月）（公益支出）"
    del book["2026年2月"]
    assert lines(run(content, books.save(book, tmp_path / "january.xlsx"))) == []
    expense = record(content, "finance/2026-01.yaml")["expense"]
    assert [(e["subject"], e["summary"]) for e in expense] == [("管理费用", "购买办公用品（管理费用）"),
                                                              ("公益支出", "保洁员劳务费（1月）（公益支出）")]


def test_a_ledger_of_another_account_is_refused(content, tmp_path):
    book = books.monthly_journal()
    book["2026年1月"]["A1"] = "明细分类账  会计科目：应收款"
    workbook = books.save(book, tmp_path / "ledger.xlsx")
    assert lines(run(content, workbook))[0] == (
        f"{workbook}:2026年1月!A1: 错误: 这是「应收款」科目的账，不是现金或银行存款日记账：财务收支公开只能从现金日记账、"
        "银行存款日记账导入（借方记收入、贷方记支出），其他科目的明细账请不要导入")


def test_an_import_the_build_would_refuse_writes_nothing(content, tmp_path):
    """A hand-written record of February elsewhere: two records of one month fail the build."""
    duplicate = content / f"orgs/{ORG}/finance/february-by-hand.yaml"
    duplicate.write_text((content / f"orgs/{ORG}/finance/2026-03.yaml").read_text("utf-8")
                         .replace("2026-03", "2026-02").replace("3月", "2月"), "utf-8")
    workbook = books.save(books.monthly_journal(), tmp_path / "journal.xlsx")
    result = run(content, workbook)
    assert lines(result) == [
        f"{workbook}:2026年2月: 错误: 导入会让 orgs/xiaohe-village/finance/february-by-hand.yaml 第 4 行通不过检查："
        "小河村 2026-02 的财务公开已经有一条（orgs/xiaohe-village/finance/2026-02.yaml）：同一期间只能有一条，请合并两条记录或改正期间"]
    assert not (content / f"orgs/{ORG}/finance/2026-01.yaml").exists()


# re-import --------------------------------------------------------------------------------

def test_reimport_updates_the_same_file_and_keeps_a_hand_edit_unless_forced(content, tmp_path):
    workbook = books.save(books.monthly_journal(), tmp_path / "journal.xlsx")
    first = run(content, workbook)
    target = content / f"orgs/{ORG}/finance/2026-02.yaml"
    assert target in first.written
    again = run(content, workbook, record_date=None)
    assert again.written == [] and target in again.unchanged, "the same workbook changes nothing, not even the date"
    corrected = books.monthly_journal()
    corrected["2026年2月"]["E6"] = "打印机维修（更换硒鼓）"
    books.save(corrected, workbook)
    updated = run(content, workbook, record_date=None)
    assert updated.written == [target] and lines(updated) == []
    assert record(content, "finance/2026-02.yaml")["expense"][0]["summary"] == "打印机维修（更换硒鼓）"
    assert record(content, "finance/2026-02.yaml")["date"] == "2026-07-01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["2026-01.yaml", "2026-02.yaml", "2026-03.yaml"]
    # the 监委会 signs it off by hand; importing again keeps that, unless forced
    target.write_text(target.read_text("utf-8") + "reviewed_by: {members: [王建国], date: 2026-07-02}\n", "utf-8")
    kept = run(content, workbook)
    assert lines(kept) == ["orgs/xiaohe-village/finance/2026-02.yaml:1: 错误: 这条记录导入后被手工改过，没有覆盖："
                           "要用表格里的数据替换它（手工改动会丢失，例如监委会审核要重新填写），请加 --force 再导入"]
    assert "reviewed_by" in target.read_text("utf-8")
    forced = run(content, workbook, force=True)
    assert lines(forced) == [] and "reviewed_by" not in target.read_text("utf-8")
    check_passes(content)


def test_a_record_import_did_not_write_is_never_replaced(content, tmp_path):
    book = books.spanning_journal()
    sheet = book.active
    sheet.insert_rows(4)
    for col, value in enumerate([None, None, "上月结转", None, None, None, 1000.00], start=1):
        sheet.cell(row=4, column=col, value=value)
    sheet.insert_rows(5)
    for col, value in enumerate(["2026-03-10", "记-09", "收到补助", "补助收入", 200.10, None, 1200.10], start=1):
        sheet.cell(row=5, column=col, value=value)
    sheet.delete_rows(6)  # the April 上月结转 row: the balance runs on from March
    workbook = books.save(book, tmp_path / "spring.xlsx")
    result = run(content, workbook, force=True)
    assert lines(result)[0].startswith("orgs/xiaohe-village/finance/2026-03.yaml:1: 错误: 这个文件不是 publish.py import 生成的，导入不会替换它")
    assert "reviewed_by" in (content / f"orgs/{ORG}/finance/2026-03.yaml").read_text("utf-8")


# subsidy and 低保 lists ---------------------------------------------------------------------

def test_a_subsidy_list_masks_ids_and_drops_bank_and_phone_columns(content, tmp_path):
    workbook = books.save(books.subsidy_list(), tmp_path / "补贴.xlsx")
    result = run(content, workbook)
    assert lines(result) == [
        f"{workbook}:发放名单!D2: 警告: 已把 3 个身份证号按全站统一方式脱敏（保留前 6 位和后 4 位，例如 110105********1234）后导入",
        f"{workbook}:发放名单!H2: 警告: 「一卡通账号」这一列没有导入：银行卡号、账号一律不公开",
        f"{workbook}:发放名单!I2: 警告: 「联系电话」这一列没有导入：个人电话不公开",
        f"{workbook}:发放名单!J2: 警告: 「备注」这一列没有导入：备注里常有不宜公开的个人情况",
    ]
    subsidy = record(content, "subsidy/2026-耕地地力保护补贴.yaml")
    assert (subsidy["program"], subsidy["year"], subsidy["unit"], subsidy["rate"], subsidy["total"]) == (
        "耕地地力保护补贴", 2026, "亩", Decimal("106.80"), Decimal("1324.32"))
    assert subsidy["recipients"][0] == {"name": "张德明", "group": "一组", "id": "510999********0015",
                                        "quantity": Decimal("4.4"), "amount": Decimal("469.92")}
    text = (content / f"orgs/{ORG}/subsidy/2026-耕地地力保护补贴.yaml").read_text("utf-8")
    assert "196003" not in text and "6230521234567890123" not in text and "13812345678" not in text
    check_passes(content)


def test_a_minimal_living_list_keeps_only_name_household_size_and_amount(content, tmp_path):
    workbook = books.save(books.minimal_living_list(), tmp_path / "低保.xlsx")
    result = run(content, workbook)
    assert [line.split(": 警告: ")[1] for line in lines(result)] == [
        "「村民小组」这一列没有导入：低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）",
        "「身份证号」这一列没有导入：低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）",
        "「备注」这一列没有导入：备注里常有不宜公开的个人情况"]
    subsidy = record(content, "subsidy/2026-农村最低生活保障-Q4.yaml")
    assert subsidy["recipients"] == [{"name": "赵桂兰", "household_size": 2, "amount": Decimal("640.00")},
                                     {"name": "孙永福", "household_size": 1, "amount": Decimal("410.00")}]
    assert subsidy["program"] == "农村最低生活保障" and subsidy["total"] == Decimal("1050.00")
    check_passes(content)


def test_list_cells_a_clerk_must_fix_are_named(content, tmp_path):
    book = books.subsidy_list()
    sheet = book.active
    sheet["G3"] = 469.93  # 4.4 亩 × 106.80 is 469.92
    sheet["D4"] = 510999196507210020  # an ID typed as a number: Excel has already lost its last digits
    sheet["B5"] = "王建华 13812345678"  # a phone number where a name goes
    sheet["G6"] = 1324.34  # 合计 one cent more than the rows
    workbook = books.save(book, tmp_path / "补贴.xlsx")
    assert [line for line in lines(run(content, workbook)) if ": 错误: " in line] == [
        f"{workbook}:发放名单!G3: 错误: 「补贴金额（元）」469.93 不等于面积（亩） 4.4 × 补贴标准（元/亩） 106.80 = 469.92：请核对",
        f"{workbook}:发放名单!D4: 错误: 「身份证号」被 Excel 存成了数字，身份证号的后几位已经丢失："
        "请把这一列设成“文本”格式，重新输入身份证号后再导入",
        f"{workbook}:发放名单!B5: 错误: 「户主姓名」里有未脱敏的手机号（138****5678）：只保留前 3 位和后 4 位，"
        "例如 138****1234；机构的公开电话请写进 org.yaml 的 phones",
        f"{workbook}:发放名单!G6: 错误: 「补贴金额（元）」合计 1,324.34 与上面各行相加的 1,324.33 不符：请核对合计或各行",
    ]
    assert written(content) == MINI_RECORDS


# budgets ------------------------------------------------------------------------------------

def test_a_budget_in_income_and_expense_parts_with_checked_totals(content, tmp_path):
    workbook = books.save(books.budget_sheet(), tmp_path / "预算.xlsx")
    assert lines(run(content, workbook)) == []
    budget = record(content, "budget/2026-budget.yaml")
    assert [(line["name"], line["direction"], line["planned"]) for line in budget["lines"]] == [
        ("补助收入", "income", Decimal("72000.00")), ("发包及上交收入", "income", Decimal("8500.00")),
        ("管理费用", "expense", Decimal("46000.00")), ("公益支出", "expense", Decimal("34500.00"))]
    assert (budget["income_total"], budget["expense_total"], budget["phase"]) == (Decimal("80500.00"), Decimal("80500.00"), "budget")
    check_passes(content)
    book = books.budget_sheet()
    book.active["C10"] = 80500.01
    wrong = books.save(book, tmp_path / "wrong.xlsx")
    assert lines(run(content, wrong)) == [
        f"{wrong}:2026年预算!C10: 错误: 「预算数」支出合计 80,500.01 与上面各项相加的 80,500.00 不符：请核对支出合计或各项金额"]


# publish.py new --xlsx ------------------------------------------------------------------------

@pytest.mark.parametrize("record_type", ["finance", "subsidy", "budget"])
def test_new_xlsx_writes_a_blank_workbook_that_import_reads(content, tmp_path, record_type):
    result = publish("new", record_type, "--xlsx", "--org", ORG, "--content", content, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    workbook = tmp_path / result.stdout.strip()
    book = openpyxl.load_workbook(workbook)
    sheet = book.active
    assert sheet.data_validations.dataValidation, "data validation on the columns"
    refused = run(content, workbook, program="耕地地力保护补贴")
    assert any(line.endswith("错误: 这是模板里的示例行：请改成真实内容，或删掉这一行") for line in lines(refused))
    row, filled = {"finance": (4, [1, 6, "记", 1, "收到运转经费", "补助收入", 5000, None, "借", 5000]),
                   "subsidy": (3, [1, "张三", "一组", "11010519491231002X", 2, 105.5, 211]),
                   "budget": (3, ["补助收入", "收入", None, 72000, None])}[record_type]
    for col, value in enumerate(filled, start=1):
        sheet.cell(row=row, column=col, value=value)
    book.save(workbook)
    accepted = run(content, workbook, program="耕地地力保护补贴")
    assert accepted.ok, lines(accepted)
    check_passes(content)


# the location format --------------------------------------------------------------------------

def test_problems_in_spreadsheets_print_sheet_and_cell_and_lines_stay_as_they_were():
    problems = Problems()
    problems.error("orgs/x/finance/2026-02.yaml", 11, "「期末余额」不符")
    sheet = Sheet(name="2026年2月", rows=[["x"] * 8] * 8, index=1)
    Cells(sheet, "账/journal.xlsx", problems).error(5, 5, "「借方」不是金额")
    problems.error_at("账/journal.xlsx", "", "文件已损坏")
    assert [str(p) for p in problems.sorted()] == [
        "orgs/x/finance/2026-02.yaml:11: 错误: 「期末余额」不符",
        "账/journal.xlsx: 错误: 文件已损坏",
        "账/journal.xlsx:2026年2月!F6: 错误: 「借方」不是金额",
    ]
    assert str(Problem("a.yaml", 3, "警告", "m")) == "a.yaml:3: 警告: m"
