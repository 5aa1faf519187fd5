"""Reading one cell as text, money, a count or a date, with problems reported at that cell.

Excel keeps numbers as binary floats (0.1 + 0.2 is 0.30000000000000004 inside the file).
Money is taken as Excel shows it, at most 15 significant digits, and must then be whole
cents: ``format(value, ".15g")`` gives exactly what a clerk sees in the cell, and a true
fraction of a cent (12.345) is refused rather than rounded away.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

from ..privacy import personal_numbers
from ..problems import Problems
from .table import Sheet, is_filled

CENT = Decimal("0.01")
_DASHES = {"-", "—", "－", "–", "——", "/"}  # how a ledger writes "nothing" in a money column
_MONEY = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Windows Excel (with its 1900 leap-year bug)


def shown(value: object) -> str:
    """A cell's value the way the spreadsheet shows it."""
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def plain_digits(text: str) -> str:
    """Full-width digits and punctuation as ASCII (１２００．５０ → 1200.50)."""
    return unicodedata.normalize("NFKC", text).strip()


def _money_text(text: str) -> str:
    text = plain_digits(text).replace(" ", "")
    for sign in ("¥", "￥", "元", "RMB"):
        text = text.replace(sign, "")
    if text.startswith("(") and text.endswith(")"):  # accountants' negative
        text = "-" + text[1:-1]
    return text


class Cells:
    """The cells of one sheet, read for one file: every bad value becomes one problem line."""

    def __init__(self, sheet: Sheet, path: str, problems: Problems):
        self.sheet = sheet
        self.path = path
        self.problems = problems
        self.bad_rows: set[int] = set()  # rows with a value that could not be read

    # where ------------------------------------------------------------------------------

    def error(self, row: int, col: int | None, message: str) -> None:
        self.problems.error_at(self.path, self.sheet.place(row, col), message, self.sheet.order(row, col or 0))
        self.bad_rows.add(row)

    def warning(self, row: int, col: int | None, message: str) -> None:
        self.problems.warning_at(self.path, self.sheet.place(row, col), message, self.sheet.order(row, col or 0))

    # what -------------------------------------------------------------------------------

    def raw(self, row: int, col: int | None) -> object:
        return None if col is None else self.sheet.value(row, col)

    def filled(self, row: int, col: int | None) -> bool:
        return is_filled(self.raw(row, col))

    def _blank(self, row: int, col: int | None, label: str) -> bool:
        """True for an empty cell; a formula without its saved result is reported, not taken as empty."""
        if self.filled(row, col):
            return False
        if col is not None and (row, col) in self.sheet.formula_gaps:
            self.error(row, col, f"「{label}」是公式，但文件里没有保存计算结果：请用 Excel 或 WPS 打开这个文件、保存一次后再导入")
        return True

    def text(self, row: int, col: int | None) -> str:
        value = self.raw(row, col)
        if not is_filled(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return " ".join(shown(value).split())

    def money(self, row: int, col: int | None, label: str) -> Decimal | None:
        """Whole cents, or None for an empty cell (or a dash); a bad value is reported."""
        if self._blank(row, col, label):
            return None
        value = self.raw(row, col)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.error(row, col, f"「{label}」“{shown(value)}”不是金额：这一格应当写数字，例如 1200.50")
            return None
        if isinstance(value, str):
            text = _money_text(value)
            if text in _DASHES:
                return None
            if not _MONEY.match(text):
                self.error(row, col, f"「{label}」“{value.strip()}”不是金额：请只写数字和小数点，例如 1200.50"
                           "（不要把 0 写成字母 O，不要加文字）")
                return None
            amount = Decimal(text.replace(",", ""))
        else:
            amount = Decimal(format(value, ".15g"))
        if amount != amount.quantize(CENT):
            self.error(row, col, f"「{label}」{shown(value)} 有不足一分的尾数：金额精确到分，"
                       "请在表格里改成两位小数（可用 ROUND 函数），再导入")
            return None
        return amount.quantize(CENT)

    def number(self, row: int, col: int | None, label: str) -> Decimal | None:
        """A quantity such as 4.4 亩, exactly as shown."""
        if self._blank(row, col, label):
            return None
        value = self.raw(row, col)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Decimal(format(value, ".15g"))
        text = plain_digits(str(value)).replace(",", "")
        if isinstance(value, str) and _NUMBER.match(text):
            return Decimal(text)
        self.error(row, col, f"「{label}」“{shown(value)}”不是数字：请只写数字，例如 2.5")
        return None

    def count(self, row: int, col: int | None, label: str) -> int | None:
        number = self.number(row, col, label)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            self.error(row, col, f"「{label}」{shown(self.raw(row, col))} 应当是不小于 0 的整数")
            return None
        return int(number)

    def date(self, row: int, col: int | None, label: str) -> date | None:
        """A full date: a date cell, an Excel day number, or text such as 2026-02-03 / 2026年2月3日."""
        if self._blank(row, col, label):
            return None
        value = self.raw(row, col)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        text = plain_digits(str(value))
        match = _DATE.match(text) or _COMPACT_DATE.match(text)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                pass
        self.error(row, col, f"「{label}」“{shown(value)}”不是有效的日期：请写成 2026-02-03 或 2026年2月3日")
        return None


    def public_text(self, row: int, col: int | None, label: str, own_phones: frozenset[str]) -> str:
        """Text that will be published: an ID, bank or phone number in it is refused here, at its cell."""
        text = self.text(row, col)
        for finding in personal_numbers.scan(text, own_phones):
            self.error(row, col, f"「{label}」里有{finding.what}（{finding.shown}）：{finding.fix}")
        return text
