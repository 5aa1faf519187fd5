"""Workbooks in the layouts clerks keep, written with openpyxl, for the import tests.

The layouts follow real village books (domain.md, "Village books as clerks keep them"), not
the parser: a title row above the table; 年 over 月 | 日 and 凭证 over 字 | 号 in a merged
two-row header; 上年结转 / 上月结转, 本月合计, 本年累计, 承前页 / 过次页 rows; 收入 / 支出
instead of 借方 / 贷方 in a single-sheet journal with one 日期 column; recipient lists with
full ID numbers, bank and phone columns and a 合计 row; a budget in 收入 and 支出 parts.

The amounts are chosen to follow on from the mini county (tests/fixtures/mini-county):
小河村's hand-written March record opens at 1,000.00 and closes at 1,200.10, so January and
February end at 1,000.00 and April opens at 1,200.10.
tests/fixtures/import/make_fixtures.py saves .xls, .ods and recalculated copies of these.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

# (month, day, 字, 号, 摘要, 对方科目, 借方, 贷方) — 0.1 + 0.2 is 0.30000000000000004 in the file
JANUARY = [
    (1, 5, "记", 1, "收到村级组织运转经费", "补助收入", 500.00, None),
    (1, 12, "记", 2, "购买办公用品", "管理费用", None, 120.50),
    (1, 20, "记", 3, "保洁员劳务费（1月）", "公益支出", None, 300.00),
]
FEBRUARY = [
    (2, 3, "记", 4, "银行存款利息", "其他收入", 0.1 + 0.2, None),
    (2, 10, "记", 5, "打印机维修", "管理费用", None, 79.80),
    (2, 25, "记", 6, "收到春节慰问金", "补助收入", 200.00, None),
]
OPENING_2026 = 800.00


def _journal_header(sheet, title: str) -> None:
    """Title row, then the two-row merged header of a printed 现金日记账."""
    sheet.append([title])
    sheet.merge_cells("A1:J1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["2026年", None, "凭证", None, "摘要", "对方科目", "借方", "贷方", "借或贷", "余额"])
    sheet.append(["月", "日", "字", "号"])
    for cells in ("A2:B2", "C2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:J3"):
        sheet.merge_cells(cells)


def _journal_rows(sheet, opening_word: str, opening: float, entries, year_before: tuple[float, float]):
    balance = opening
    sheet.append([None, None, None, None, opening_word, None, None, None, "借", opening])
    month = entries[0][0]
    debit = credit = 0.0
    for m, d, kind, number, summary, subject, money_in, money_out in entries:
        balance = balance + (money_in or 0) - (money_out or 0)
        debit += money_in or 0
        credit += money_out or 0
        sheet.append([m, d, kind, number, summary, subject, money_in, money_out, "借", round(balance, 2)])
    sheet.append([month, 28, None, None, "本月合计", None, round(debit, 2), round(credit, 2), "借", round(balance, 2)])
    sheet.append([month, 28, None, None, "本年累计", None, round(year_before[0] + debit, 2),
                  round(year_before[1] + credit, 2), "借", round(balance, 2)])
    return round(balance, 2), (year_before[0] + debit, year_before[1] + credit)


def monthly_journal() -> openpyxl.Workbook:
    """现金日记账, one sheet per month (2026年1月, 2026年2月)."""
    book = openpyxl.Workbook()
    january = book.active
    january.title = "2026年1月"
    _journal_header(january, "小河村现金日记账")
    balance, year = _journal_rows(january, "上年结转", OPENING_2026, JANUARY, (0.0, 0.0))
    february = book.create_sheet("2026年2月")
    _journal_header(february, "小河村现金日记账")
    _journal_rows(february, "上月结转", balance, FEBRUARY, year)
    return book


# (date, 凭证号, 摘要, 科目, 收入, 支出) across three months, one sheet, with page breaks
SPRING = [
    ("2026-04-02", "记-01", "收到村级组织运转经费（二季度）", "补助收入", 6000.00, None),
    ("2026-04-15", "记-02", "支付村道维修材料款", "公益支出", None, 2350.00),
    ("2026-05-06", "记-03", "收取鱼塘承包费", "发包及上交收入", 1800.00, None),
    ("2026-05-20", "记-04", "支付办公电费", "管理费用", None, 186.45),
    ("2026-06-08", "记-05", "支付防汛物资款", "公益支出", None, 1200.00),
    ("2026-06-26", "记-06", "收到上级奖补资金", "补助收入", 3000.00, None),
]
APRIL_OPENING = 1200.10


def spanning_journal() -> openpyxl.Workbook:
    """One sheet for April to June: 日期 column, 收入/支出, 承前页/过次页 at a page break."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "现金日记账"
    sheet.append(["小河村2026年现金日记账"])
    sheet.append(["单位：元"])
    sheet.append(["日期", "凭证号", "摘要", "科目", "收入", "支出", "余额"])
    sheet.append([None, None, "上月结转", None, None, None, APRIL_OPENING])
    balance = APRIL_OPENING
    month_in = month_out = 0.0
    month = 4
    for i, (day, voucher, summary, subject, money_in, money_out) in enumerate(SPRING):
        if int(day[5:7]) != month:
            sheet.append([None, None, "本月合计", None, round(month_in, 2), round(month_out, 2), round(balance, 2)])
            month, month_in, month_out = int(day[5:7]), 0.0, 0.0
        balance += (money_in or 0) - (money_out or 0)
        month_in += money_in or 0
        month_out += money_out or 0
        sheet.append([day, voucher, summary, subject, money_in, money_out, round(balance, 2)])
        if i == 3:  # the printed page ends in May: carried to the next page, month to date
            sheet.append([None, None, "过次页", None, round(month_in, 2), round(month_out, 2), round(balance, 2)])
            sheet.append([None, None, "承前页", None, round(month_in, 2), round(month_out, 2), round(balance, 2)])
    sheet.append([None, None, "本月合计", None, round(month_in, 2), round(month_out, 2), round(balance, 2)])
    return book


def id_number(first17: str) -> str:
    """A full ID number with its check digit (GB 11643), as a clerk's list holds them."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


# (户主姓名, 村民小组, 身份证号, 面积, 金额, 一卡通, 电话, 备注)
FARMLAND = [
    ("张德明", "一组", id_number("51099919600312001"), 4.4, 469.92, "6230521234567890123", "13812345678", ""),
    ("李秀英", "一组", id_number("51099919650721002"), 2.8, 299.04, "6230521234567890456", "13912345678", "独居老人"),
    ("王建华", "二组", id_number("51099919700105003"), 5.2, 555.36, "6230521234567890789", "", ""),
]
FARMLAND_RATE = 106.80


def _list(sheet_name: str, title: str, header: list, rows: list, total: list) -> openpyxl.Workbook:
    """A recipient list: title row, header, one numbered row a person, the 合计 row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for i, row in enumerate(rows, start=1):
        sheet.append([i, *row])
    sheet.append(["合计", *total])
    return book


def subsidy_list() -> openpyxl.Workbook:
    rows = [(name, group, number, area, FARMLAND_RATE, amount, card, phone, remark)
            for name, group, number, area, amount, card, phone, remark in FARMLAND]
    return _list("发放名单", "小河村2026年耕地地力保护补贴发放名单",
                 ["序号", "户主姓名", "村民小组", "身份证号", "面积（亩）", "补贴标准（元/亩）", "补贴金额（元）",
                  "一卡通账号", "联系电话", "备注"],
                 rows, [None, None, None, round(sum(r[3] for r in FARMLAND), 2), None, round(sum(r[4] for r in FARMLAND), 2)])


# (户主姓名, 村民小组, 身份证号, 保障人数, 月保障金额, 备注)
MINIMAL_LIVING = [
    ("赵桂兰", "一组", id_number("51099919520811004"), 2, 640.00, "重度残疾"),
    ("孙永福", "二组", id_number("51099919580302005"), 1, 410.00, "慢性病"),
]


def minimal_living_list() -> openpyxl.Workbook:
    return _list("低保", "小河村2026年第四季度农村最低生活保障对象名单",
                 ["序号", "户主姓名", "村民小组", "身份证号", "保障人数", "月保障金额", "备注"],
                 MINIMAL_LIVING, [None, None, None, 3, 1050.00])


def budget_sheet() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026年预算"
    sheet.append(["小河村2026年度村级财务预算表"])
    sheet.append(["项目", "科目编码", "预算数"])
    sheet.append(["一、收入", None, None])
    sheet.append(["补助收入", None, 72000.00])
    sheet.append(["发包及上交收入", None, 8500.00])
    sheet.append(["收入合计", None, 80500.00])
    sheet.append(["二、支出", None, None])
    sheet.append(["管理费用", None, 46000.00])
    sheet.append(["公益支出", None, 34500.00])
    sheet.append(["支出合计", None, 80500.00])
    return book


def save(book: openpyxl.Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
