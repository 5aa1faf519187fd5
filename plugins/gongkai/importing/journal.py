"""A cash or bank journal (现金日记账, 银行存款日记账, 三栏式明细账) → one finance record per period.

借方 is money in (income), 贷方 money out (expense). The journal is walked row by row,
sheet after sheet, carrying the balance: 上年结转 / 上月结转 / 期初余额 rows give the opening
balance; 本日合计, 本月合计, 本季合计, 本年累计, 承前页 and 过次页 rows are checked against the
entries (sums and balances to the cent) and never imported; every 余额 written beside an
entry is checked too. Entries are grouped by month, or by quarter where the sheet or title
names one (or the county publishes quarterly and the workbook does not say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..money import yuan
from .cells import Cells
from .drafts import EXAMPLE, EXAMPLE_LEFT, Context, Draft, Source
from .header import Header
from .periods import QUARTER_WORDS, month_in, month_key, quarter_in, quarter_key, quarter_of, year_in
from .subjects import CASH_OR_BANK, KNOWN, subject_in_summary
from .table import Sheet

VOCABULARY = {
    **dict.fromkeys(("日期", "记账日期", "业务日期", "凭证日期"), "date"),
    **dict.fromkeys(("月", "月份"), "month"),
    **dict.fromkeys(("日",), "day"),
    **dict.fromkeys(("字", "凭证字", "凭证种类", "凭证类别", "种类"), "voucher_kind"),
    **dict.fromkeys(("号", "号数", "凭证号"), "voucher_no"),
    **dict.fromkeys(("凭证", "凭证号数", "凭证编号", "凭证字号"), "voucher"),
    **dict.fromkeys(("摘要", "业务摘要", "摘要说明"), "summary"),
    **dict.fromkeys(("对方科目", "科目", "会计科目", "科目名称", "对应科目"), "subject"),
    **dict.fromkeys(("借方", "借方金额", "借方发生额", "收入", "收入金额", "借方(收入)", "收入(借方)"), "debit"),
    **dict.fromkeys(("贷方", "贷方金额", "贷方发生额", "支出", "支出金额", "贷方(支出)", "支出(贷方)"), "credit"),
    **dict.fromkeys(("借或贷", "借/贷", "借贷方向", "方向"), "direction"),
    **dict.fromkeys(("余额", "结余", "余额金额", "结存", "结存金额"), "balance"),
}
REQUIRED = ("summary", "debit", "credit")

# Rows that are not entries, by the words a clerk writes in 摘要
OPENING = ("上年结转", "上月结转", "期初余额", "年初余额", "承上月", "上期结转", "期初结存", "上年结余", "上月结余", "年初结存")
NEW_YEAR = ("上年结转", "年初余额", "上年结余", "年初结存")
TOTALS = {
    "day": ("本日合计", "本日小计", "日计"),
    "month": ("本月合计", "本月发生额", "本月小计", "本月累计", "月计"),
    "quarter": ("本季合计", "本季度合计", "季计"),
    "year": ("本年累计", "本年合计", "年计"),
    "page": ("承前页", "承上页", "过次页", "转次页", "转下页", "过下页"),
}
TOTAL_WORDS = {"day": "本日合计", "month": "本月合计", "quarter": "本季合计", "year": "本年累计", "page": "承前页/过次页"}
_SAME_AS_ABOVE = {"同上", "〃", '"', "”", "''"}
_ACCOUNT = re.compile(r"(?:会计科目|总账科目|一级科目|科目名称|科目)\s*[：:]\s*([^\s,，;；]+)")
_BOOK = re.compile(r"([\u4e00-\u9fff（）()]*?)(?:日记账|明细分类账|明细账|分类账)")


def _words(text: str) -> str:
    return "".join(text.split())


def row_kind(text: str) -> str | None:
    """opening, day, month, quarter, year or page for a totals row's 摘要; None for an entry."""
    text = _words(text)
    if text.startswith(OPENING):
        return "opening"
    for kind, words in TOTALS.items():
        if text.startswith(words):
            return kind
    return None


@dataclass
class Period:
    key: str  # 2026-02 or 2026-Q1
    opening: Decimal
    income: list[dict] = field(default_factory=list)
    expense: list[dict] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # 1-based rows of the entries
    place: str = ""
    order: int = 0
    vouchers: dict[str, str] = field(default_factory=dict)  # voucher → cell where first seen

    @property
    def closing(self) -> Decimal:
        return self.opening + sum((e["amount"] for e in self.income), Decimal(0)) - sum(
            (e["amount"] for e in self.expense), Decimal(0))


@dataclass
class _Sums:
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)

    def add(self, debit: Decimal, credit: Decimal) -> None:
        self.debit += debit
        self.credit += credit


class Journal:
    """The running state through one workbook's journal sheets, in order."""

    def __init__(self, path: str, problems, context: Context):
        self.path = path
        self.problems = problems
        self.context = context
        self.balance: Decimal | None = None  # as the entries make it: what the records say
        self.offset = Decimal(0)  # how far the clerk's own balances are off since a reported difference
        self.periods: dict[str, Period] = {}
        self.current: Period | None = None
        self.last_month: tuple[int, int] | None = None
        self.last_day: date | None = None
        self.sums: dict[tuple, _Sums] = {}  # ("day", date) / ("month", y, m) / ("quarter", y, q) → sums
        self.year_sums: _Sums | None = None  # None until known: from January, 上年结转 or a 本年累计 row
        self.unsure: set[tuple] = set()  # sums a row that could not be read would have changed
        self.modes_named: set[str] = set()

    # sheets -------------------------------------------------------------------------------

    def read_sheet(self, sheet: Sheet, header: Header) -> None:
        cells = Cells(sheet, self.path, self.problems)
        if not self._is_cash_or_bank(cells, header):
            return
        title = header.title_text
        named_quarter = quarter_in(sheet.name) or (None if month_in(sheet.name) else quarter_in(title))
        named_month = None if named_quarter else (month_in(sheet.name) or month_in(title))
        year = header.year() or year_in(sheet.name) or year_in(title) or self.context.hints.year
        if named_month and named_month[0]:
            year = named_month[0]
        mode = "quarter" if named_quarter else "month" if named_month else self.context.settings.finance_every
        if named_quarter or named_month:
            self.modes_named.add(mode)
        reader = _SheetReader(self, cells, header, year, mode,
                              (year, named_month[1]) if named_month and year else None,
                              (year, named_quarter) if named_quarter and year else None)
        reader.read()

    def _is_cash_or_bank(self, cells: Cells, header: Header) -> bool:
        """Only cash and bank journals are income and expense; another account's ledger is refused."""
        for row, col, text in header.title:
            account = _ACCOUNT.search(text)
            book = _BOOK.search(text)
            if account:
                name = account.group(1)
            elif book and "日记账" in book.group(0):
                return True
            elif book:
                name = re.sub(r"^.*?年度?|三栏式|多栏式|数量金额式|总账|\d+", "", book.group(1)).strip("（）()")
                if not name:
                    cells.error(row, col, f"标题“{text}”没有写明是哪个科目的明细账：只有库存现金、银行存款的账能导入为财务收支公开，"
                                "请在标题里写明（例如“库存现金明细账”或“科目：银行存款”）")
                    return False
            else:
                continue
            if any(word in name for word in CASH_OR_BANK):
                return True
            what = f"「{name}」科目" if name in KNOWN else f"“{name}”"
            cells.error(row, col, f"这是{what}的账，不是现金或银行存款日记账：财务收支公开只能从现金日记账、"
                        "银行存款日记账导入（借方记收入、贷方记支出），其他科目的明细账请不要导入")
            return False
        return True

    # results ------------------------------------------------------------------------------

    def period_for(self, day: date, mode: str, cells: Cells, row: int, col: int | None) -> Period | None:
        key = quarter_key(day.year, quarter_of(day.month)) if mode == "quarter" else month_key(day.year, day.month)
        if self.current is not None and self.current.key == key:
            return self.current
        if key in self.periods:
            cells.error(row, col, f"这一笔记到了 {key}，但 {key} 的账在前面已经结束：日记账要按日期顺序记，请核对日期")
            return None
        if self.balance is None:
            return None
        period = Period(key, self.balance, place=cells.sheet.place(row), order=cells.sheet.order(row))
        self.periods[key] = period
        self.current = period
        return period

    def empty_period(self, key: str, cells: Cells, row: int) -> None:
        """A sheet naming a month without a single entry still publishes that month."""
        if key not in self.periods and self.balance is not None:
            period = Period(key, self.balance, place=cells.sheet.name, order=cells.sheet.order(row))
            period.sheets.append(cells.sheet.name)
            period.rows.append(row + 1)
            self.periods[key] = period
            self.current = period

    def drafts(self) -> list[Draft]:
        org = self.context.org
        found = []
        for period in self.periods.values():
            year, part = period.key.split("-")
            name = f"第{QUARTER_WORDS[int(part[1]) - 1]}季度" if part.startswith("Q") else f"{int(part)}月"
            data = {"type": "finance", "title": f"{org.name}{year}年{name}财务收支公开", "date": None,
                    "period": period.key, "opening_balance": period.opening, "income": period.income,
                    "expense": period.expense, "closing_balance": period.closing}
            rows = period.rows or [0]
            source = Source(self.path, list(dict.fromkeys(period.sheets)), min(rows), max(rows), period.place, period.order)
            summary = (f"{period.key}：收入 {len(period.income)} 笔，支出 {len(period.expense)} 笔，"
                       f"期初余额 {yuan(period.opening)}，期末余额 {yuan(period.closing)}")
            found.append(Draft("finance", f"finance/{period.key}.yaml", data, source, summary))
        return found


class _SheetReader:
    """One journal sheet, row by row."""

    def __init__(self, journal: Journal, cells: Cells, header: Header, year, mode, named_month, named_quarter):
        self.journal = journal
        self.cells = cells
        self.header = header
        self.year = year
        self.mode = mode
        self.named_month = named_month
        self.named_quarter = named_quarter
        self.col = header.col
        self.missing_subject: list[int] = []  # entry rows without a subject
        self.entry_rows = 0

    def read(self) -> None:
        if not self._dates_readable():
            return
        last_row = len(self.cells.sheet.rows) - 1
        for row in range(self.header.data_start, last_row + 1):
            kind = self._kind(row)
            if kind == "opening":
                self._opening(row)
            elif kind:
                self._total(row, kind)
            else:
                self._entry(row)
        self._report_missing_subjects()
        if self.named_month:
            self.journal.empty_period(month_key(*self.named_month), self.cells, last_row)
        elif self.named_quarter:
            self.journal.empty_period(quarter_key(*self.named_quarter), self.cells, last_row)

    def _dates_readable(self) -> bool:
        header, cells = self.header, self.cells
        if "date" in header.roles:
            return True
        if self.year is None:
            where = next((header.col(role) for role in ("month", "day") if role in header.roles), None)
            cells.error(header.first_row, where, "看不出是哪一年的账：请在「月」「日」上方的表头写年份（例如 2026年），"
                        "或在标题、工作表名里写明年份，或加 --year 2026")
            return False
        if "day" not in header.roles or ("month" not in header.roles and not self.named_month):
            cells.error(header.first_row, None, "找不到日期列：请在表头加「日期」一列，或「月」「日」两列")
            return False
        return True

    # rows ---------------------------------------------------------------------------------

    def _kind(self, row: int) -> str | None:
        summary = self.cells.text(row, self.col("summary"))
        if summary:
            return row_kind(summary)
        for col in range(len(self.cells.sheet.rows[row])):
            kind = row_kind(self.cells.text(row, col))
            if kind:
                return kind
        return None

    def _signed_balance(self, row: int) -> Decimal | None:
        amount = self.cells.money(row, self.col("balance"), self._label("balance"))
        direction = _words(self.cells.text(row, self.col("direction")))
        if amount is None:
            return Decimal(0) if direction == "平" else None
        if direction in ("", "借", "借方"):
            return amount
        if direction in ("贷", "贷方"):
            return -amount
        if direction == "平":
            if amount:
                self.cells.error(row, self.col("direction"), f"「{self._label('direction')}」写“平”，余额就应当是 0（现在是 {yuan(amount)}）")
            return amount
        self.cells.error(row, self.col("direction"), f"「{self._label('direction')}」“{direction}”看不懂：请写 借、贷 或 平")
        return None

    def _label(self, role: str) -> str:
        return self.header.label(role) if role in self.header.roles else {"balance": "余额", "direction": "借或贷"}.get(role, role)

    def _opening(self, row: int) -> None:
        journal, cells = self.journal, self.cells
        words = _words(cells.text(row, self.col("summary")) or "")
        if words.startswith(NEW_YEAR):
            journal.year_sums = _Sums()
        balance = self._signed_balance(row)
        if balance is None:
            if row not in cells.bad_rows:
                cells.error(row, self.col("balance"), f"「{words or '上月结转'}」这一行没有余额：请在「{self._label('balance')}」里写上期末的余额")
            return
        if journal.balance is None:
            journal.balance = balance
        elif not self._agrees(balance):
            cells.error(row, self.col("balance"), f"「{self._label('balance')}」{words} {yuan(balance)} 与上期结出的余额 "
                        f"{yuan(journal.balance)} 不符：请核对上期的账或这一行的余额")
            journal.offset = balance - journal.balance

    def _total(self, row: int, kind: str) -> None:
        journal, cells = self.journal, self.cells
        word = _words(cells.text(row, self.col("summary"))) or TOTAL_WORDS[kind]
        declared = {role: cells.money(row, self.col(role), self._label(role)) for role in ("debit", "credit")}
        sums = self._sums_for(kind)
        for role, amount in declared.items():
            wanted = [getattr(s, role) for s in sums]
            if amount is not None and wanted and amount not in wanted:
                what = {"day": "当天", "month": "本月", "quarter": "本季", "year": "本年", "page": "本月（或本年）至今"}[kind]
                cells.error(row, self.col(role), f"「{self._label(role)}」{word} {yuan(amount)} 与{what}各笔相加的 "
                            f"{yuan(wanted[0])} 不符：请核对{word}或各笔金额")
        if kind == "year" and None not in declared.values():
            journal.year_sums = _Sums(declared["debit"], declared["credit"])  # a known base from here on
        self._check_balance(row, word)

    def _sums_for(self, kind: str) -> list[_Sums]:
        """What a totals row may equal; several for 过次页 (month-to-date or year-to-date);
        none where a row that could not be read leaves the sum unknown."""
        journal = self.journal
        month = self.named_month or journal.last_month
        keys = []
        if kind == "day" and journal.last_day:
            keys = [("day", journal.last_day)]
        elif kind in ("month", "page") and month:
            keys = [("month", *month)]
        elif kind == "quarter" and month:
            keys = [("quarter", month[0], quarter_of(month[1]))]
        found = [journal.sums.get(key, _Sums()) for key in keys if key not in journal.unsure]
        if kind in ("year", "page") and journal.year_sums:
            found.append(journal.year_sums)
        return found

    def _agrees(self, declared: Decimal) -> bool:
        """A balance the clerk wrote is right, or off by no more than a difference already reported."""
        return declared in (self.journal.balance, self.journal.balance + self.journal.offset)

    def _check_balance(self, row: int, what: str) -> None:
        journal, cells = self.journal, self.cells
        declared = self._signed_balance(row)
        if declared is None or journal.balance is None or self._agrees(declared):
            return
        cells.error(row, self.col("balance"), f"「{self._label('balance')}」{what} {yuan(declared)} 与结出的余额 "
                    f"{yuan(journal.balance)} 不符：请核对各笔金额或这一行的余额")
        journal.offset = declared - journal.balance  # each difference is reported once, not on every row below

    # entries ------------------------------------------------------------------------------

    def _entry(self, row: int) -> None:
        journal, cells, col = self.journal, self.cells, self.col
        debit = cells.money(row, col("debit"), self._label("debit"))
        credit = cells.money(row, col("credit"), self._label("credit"))
        debit, credit = (None if a == 0 else a for a in (debit, credit))
        summary_col = col("summary")
        if debit is None and credit is None:
            if row in cells.bad_rows:
                self._skip(row, self._date(row))
            elif cells.text(row, summary_col):
                cells.warning(row, summary_col, f"「{self._label('summary')}」“{cells.text(row, summary_col)}”这一行没有借方或贷方金额，没有导入")
            return
        if debit is not None and credit is not None:
            cells.error(row, col("credit"), f"同一行既有「{self._label('debit')}」又有「{self._label('credit')}」：日记账每一行只记一边，请拆成两行")
            return
        self.entry_rows += 1
        amount, side, role = (debit, "income", "debit") if debit is not None else (credit, "expense", "credit")
        if amount < 0:
            cells.error(row, col(role), f"「{self._label(role)}」{yuan(amount)} 是负数（红字冲销）：公开表里每笔金额都要是正数，"
                        "请把冲销和原来那一笔合并（只导入差额，或两笔都不导入）后再导入")
        day = self._date(row)
        summary = cells.public_text(row, summary_col, self._label("summary"), journal.context.org.phones)
        subject = self._subject(row, summary)
        voucher = self._voucher(row)
        if not summary:
            cells.error(row, summary_col, f"「{self._label('summary')}」是空的：请写明这笔收支的内容")
        elif summary.startswith(EXAMPLE):
            cells.error(row, summary_col, EXAMPLE_LEFT)
        if day is None or row in cells.bad_rows:
            self._skip(row, day, debit or Decimal(0), credit or Decimal(0))
            return
        previous = journal.balance
        period = journal.period_for(day, self.mode, cells, row, self._date_col())
        if period is None:
            if journal.balance is None:
                self._no_opening(row, debit or Decimal(0), credit or Decimal(0))
            self._skip(row, day, debit or Decimal(0), credit or Decimal(0))
            return
        if voucher and not self._unique_voucher(period, voucher, row):
            return
        entry = {"date": day.isoformat(), "subject": subject, "summary": summary, "amount": amount}
        if voucher:
            entry["voucher"] = voucher
        getattr(period, side).append(entry)
        period.sheets.append(cells.sheet.name)
        period.rows.append(row + 1)
        self._count(day, debit or Decimal(0), credit or Decimal(0))
        journal.balance = previous + (debit or 0) - (credit or 0)
        self._check_entry_balance(row, previous, debit or Decimal(0), credit or Decimal(0))

    def _skip(self, row: int, day: date | None, debit: Decimal = Decimal(0), credit: Decimal = Decimal(0)) -> None:
        """A row that cannot be imported: later rows are still checked, against what it says."""
        journal = self.journal
        if journal.balance is not None:
            journal.balance += debit - credit
        declared = self._signed_balance(row)
        if declared is not None:  # the amount is unknown: go on from the clerk's balance
            journal.balance, journal.offset = declared, Decimal(0)
        month = (day.year, day.month) if day else self.named_month or journal.last_month
        if month:
            journal.unsure |= {("day", day or journal.last_day), ("month", *month), ("quarter", month[0], quarter_of(month[1]))}
        journal.year_sums = None

    def _no_opening(self, row: int, debit: Decimal, credit: Decimal) -> None:
        declared = self._signed_balance(row)
        hint = f"（按这一行的余额倒推应为 {yuan(declared - debit + credit)}）" if declared is not None else ""
        self.cells.error(row, self.col("summary"), "第一笔收支之前没有期初余额：请在它上面加一行，「摘要」写“上月结转”（年初写“上年结转”），"
                         f"「{self._label('balance')}」写上期末的余额{hint}")
        self.journal.balance = Decimal(0)

    def _count(self, day: date, debit: Decimal, credit: Decimal) -> None:
        journal = self.journal
        month = (day.year, day.month)
        if journal.year_sums is None and journal.last_month is None and day.month == 1:
            journal.year_sums = _Sums()  # a journal starting in January knows the year from its start
        elif journal.last_month and day.year > journal.last_month[0]:
            journal.year_sums = _Sums()
        for key in (("day", day), ("month", *month), ("quarter", day.year, quarter_of(day.month))):
            journal.sums.setdefault(key, _Sums()).add(debit, credit)
        if journal.year_sums is not None:
            journal.year_sums.add(debit, credit)
        journal.last_month, journal.last_day = month, day

    def _check_entry_balance(self, row: int, previous: Decimal, debit: Decimal, credit: Decimal) -> None:
        journal = self.journal
        declared = self._signed_balance(row)
        if declared is None or self._agrees(declared):
            return
        self.cells.error(row, self.col("balance"), f"「{self._label('balance')}」{yuan(declared)} 与结出的余额不符：上一行余额 {yuan(previous)} "
                         f"+ 借方 {yuan(debit)} − 贷方 {yuan(credit)} = {yuan(journal.balance)}，请核对")
        journal.offset = declared - journal.balance

    def _date_col(self) -> int | None:
        return self.col("date") if "date" in self.header.roles else self.col("day")

    def _date(self, row: int) -> date | None:
        """The entry's date; a blank (or 同上) date is the one above it, as on paper."""
        cells, journal = self.cells, self.journal
        if "date" in self.header.roles:
            col = self.col("date")
            day = None if cells.text(row, col) in _SAME_AS_ABOVE else cells.date(row, col, self.header.label("date"))
            day = day or (None if row in cells.bad_rows else journal.last_day)
        else:
            day = self._month_and_day(row)
        if day is None:
            if row not in cells.bad_rows:
                cells.error(row, self._date_col(), "这一笔没有日期：请填写日期")
            return None
        return day if self._inside_named(row, day) and self._in_order(row, day) else None

    def _month_and_day(self, row: int) -> date | None:
        cells, journal = self.cells, self.journal
        last = journal.last_day if journal.last_day and journal.last_day.year == self.year else None
        if "month" in self.header.roles:
            month = self._part(row, "month", last.month if last else None)
        else:
            month = self.named_month[1]
        day = self._part(row, "day", last.day if last else None)
        if month is None or day is None:
            return None
        try:
            return date(self.year, month, day)
        except ValueError:
            cells.error(row, self.col("day"), f"{self.year}年{month}月{day}日 不是有效的日期：请核对「月」「日」")
            return None

    def _part(self, row: int, role: str, above: int | None) -> int | None:
        col = self.col(role)
        if not self.cells.filled(row, col) or self.cells.text(row, col) in _SAME_AS_ABOVE:
            return above
        return self.cells.count(row, col, self.header.label(role))

    def _inside_named(self, row: int, day: date) -> bool:
        if self.named_month and (day.year, day.month) != self.named_month:
            self.cells.error(row, self._date_col(), f"日期 {day.isoformat()} 不在工作表“{self.cells.sheet.name}”的月份"
                             f"（{month_key(*self.named_month)}）里：请核对日期，或把这一行移到对应月份的工作表")
            return False
        if self.named_quarter and (day.year, quarter_of(day.month)) != self.named_quarter:
            self.cells.error(row, self._date_col(), f"日期 {day.isoformat()} 不在这个工作表的季度（{quarter_key(*self.named_quarter)}）里：请核对日期")
            return False
        return True

    def _in_order(self, row: int, day: date) -> bool:
        last = self.journal.last_month
        if last and (day.year, day.month) < last:
            self.cells.error(row, self._date_col(), f"日期 {day.isoformat()} 比上面的账（{month_key(*last)}）早：日记账要按日期顺序记，"
                             "补记的账请记在本月，并在摘要里写明")
            return False
        return True

    def _subject(self, row: int, summary: str) -> str:
        cells = self.cells
        subject = cells.public_text(row, self.col("subject"), self._label("subject"), self.journal.context.org.phones) \
            if "subject" in self.header.roles else ""
        subject = subject or subject_in_summary(summary) or ""
        if not subject:
            self.missing_subject.append(row)
        return subject

    def _report_missing_subjects(self) -> None:
        cells, header = self.cells, self.header
        if not self.missing_subject:
            return
        if "subject" not in header.roles and len(self.missing_subject) == self.entry_rows:
            cells.error(header.first_row, header.col("summary"), "表格没有「对方科目」列，摘要里也没有写科目：请在「摘要」右边加一列"
                        "「对方科目」，写明每笔收支的科目（例如 管理费用、补助收入），再导入")
            return
        for row in self.missing_subject:
            if "subject" in header.roles:
                cells.error(row, header.col("subject"), f"「{header.label('subject')}」是空的：请写明这笔收支的科目（例如 管理费用、补助收入）")
            else:
                cells.error(row, header.col("summary"), f"「{header.label('summary')}」“{cells.text(row, header.col('summary'))}”里看不出科目："
                            "请加一列「对方科目」，或在摘要末尾用括号写明科目，例如（管理费用）")

    def _voucher(self, row: int) -> str:
        cells = self.cells
        if "voucher" in self.header.roles:
            return cells.text(row, self.col("voucher"))
        kind = cells.text(row, self.col("voucher_kind")).removesuffix("字")
        number = cells.text(row, self.col("voucher_no"))
        return f"{kind}-{number}" if kind and number else number or kind

    def _unique_voucher(self, period: Period, voucher: str, row: int) -> bool:
        role = next(r for r in ("voucher", "voucher_no", "voucher_kind") if r in self.header.roles)
        col = self.col(role)
        first = period.vouchers.get(voucher)
        if first:
            self.cells.error(row, col, f"凭证号 {voucher} 与 {first} 重复：公开表里一张凭证只记一行，请把同一张凭证的几行合并成一行后再导入")
            return False
        period.vouchers[voucher] = self.cells.sheet.place(row, col)
        return True


def read_journal(sheets_and_headers, path: str, problems, context: Context) -> list[Draft]:
    journal = Journal(path, problems, context)
    for sheet, header in sheets_and_headers:
        journal.read_sheet(sheet, header)
    every = context.settings.finance_every
    for mode in journal.modes_named - {every}:
        sheet, _ = sheets_and_headers[0]
        word = {"month": "月", "quarter": "季度"}
        problems.warning_at(path, sheet.name, f"县里规定财务每{word[every]}公开一次（finance_every: {every}），"
                            f"这个工作簿是按{word[mode]}分的账，已按{word[mode]}生成记录；如要按{word[every]}公开，请按{word[every]}分工作表",
                            sheet.order())
    return journal.drafts()
