"""``publish.py new <type> --xlsx``: a blank workbook in the layout ``publish.py import`` reads best.

A title row naming the org and year, one header row with the words import looks for, an
example row (its first words say 示例: import refuses it until it is replaced), and data
validation where a wrong value is easy to type: months and days, amounts, 借 / 贷 / 平,
收入 / 支出, the org's 村民小组, ID numbers kept as text (Excel would round them as numbers).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .drafts import EXAMPLE, OrgInfo
from .subjects import INCOME_AND_EXPENSE

DATA_ROWS = 500  # how far down the validation reaches
MONEY = "#,##0.00"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")


def _sheet(book: Workbook, name: str, title: str, header: list[str], widths: list[int]):
    sheet = book.active
    sheet.title = name
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(header)
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=2, column=col)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A3"
    return sheet


def _validate(sheet, column: str, message: str, **rule) -> None:
    check = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="填写有误", error=message,
                           showInputMessage=True, prompt=message, **rule)
    sheet.add_data_validation(check)
    check.add(f"{column}3:{column}{DATA_ROWS}")


def _money_columns(sheet, columns: str) -> None:
    for column in columns:
        _validate(sheet, column, "金额：只写数字，最多两位小数，例如 1200.50", type="decimal", operator="greaterThanOrEqual",
                  formula1="0")
        for row in range(3, DATA_ROWS + 1):
            sheet[f"{column}{row}"].number_format = MONEY


def _example(sheet, row: list) -> None:
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        cell.font = EXAMPLE_FONT


def finance(org: OrgInfo, year: int) -> Workbook:
    book = Workbook()
    sheet = _sheet(book, "现金日记账", f"{org.name}{year}年现金日记账",
                   ["月", "日", "凭证字", "凭证号", "摘要", "对方科目", "借方", "贷方", "借或贷", "余额"],
                   [6, 6, 8, 8, 36, 16, 14, 14, 8, 14])
    sheet.append([None, None, None, None, "上年结转", None, None, None, "借", 0])
    _example(sheet, [1, 5, "记", 1, f"{EXAMPLE}：收到村级组织运转经费（导入前请改成真实内容）", "补助收入", 5000, None, "借", 5000])
    _validate(sheet, "A", "月份：1 到 12", type="whole", operator="between", formula1="1", formula2="12")
    _validate(sheet, "B", "日：1 到 31", type="whole", operator="between", formula1="1", formula2="31")
    _validate(sheet, "I", "借或贷：写 借、贷 或 平", type="list", formula1='"借,贷,平"')
    subjects = DataValidation(type="list", formula1='"' + ",".join(sorted(INCOME_AND_EXPENSE)) + '"', allow_blank=True,
                              errorStyle="information", showErrorMessage=True, error="不在常用科目里：请确认科目名称")
    sheet.add_data_validation(subjects)
    subjects.add(f"F3:F{DATA_ROWS}")
    _money_columns(sheet, "GHJ")
    return book


def subsidy(org: OrgInfo, year: int) -> Workbook:
    book = Workbook()
    sheet = _sheet(book, "名单", f"{org.name}{year}年（请写项目名称）发放名单",
                   ["序号", "姓名", "村民小组", "身份证号", "数量（亩）", "标准（元/亩）", "金额（元）"],
                   [6, 12, 10, 22, 10, 12, 12])
    _example(sheet, [1, f"{EXAMPLE}张某某", org.groups[0] if org.groups else "一组", "11010519491231002X", 2, 105.5, 211])
    for row in range(3, DATA_ROWS + 1):
        sheet[f"D{row}"].number_format = "@"  # text: 18 digits as a number lose the last three
    _validate(sheet, "D", "身份证号：18 位（最后一位可以是 X），导入时会自动脱敏", type="textLength", operator="equal", formula1="18")
    if org.groups:
        _validate(sheet, "C", "村民小组：从列表里选", type="list", formula1='"' + ",".join(org.groups) + '"')
    _validate(sheet, "E", "数量：大于 0 的数字", type="decimal", operator="greaterThan", formula1="0")
    _money_columns(sheet, "FG")
    return book


def budget(org: OrgInfo, year: int) -> Workbook:
    book = Workbook()
    sheet = _sheet(book, "预算", f"{org.name}{year}年度预算", ["项目", "收支", "科目编码", "预算数", "执行数"],
                   [28, 8, 12, 16, 16])
    _example(sheet, [f"{EXAMPLE}：补助收入", "收入", None, 72000, None])
    _validate(sheet, "B", "收支：写 收入 或 支出", type="list", formula1='"收入,支出"')
    _money_columns(sheet, "DE")
    return book


BLANKS = {"finance": finance, "subsidy": subsidy, "budget": budget}


def write_blank(record_type: str, org: OrgInfo, year: int, target: Path) -> Path:
    book = BLANKS[record_type](org, year)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
