"""A budget or final-account sheet (预算表 / 决算表) → one budget record per sheet.

Columns 项目, 收入/支出 (or rows 一、收入 and 二、支出 heading each part), 科目编码, 预算数
and 决算数 / 执行数. 收入合计, 支出合计 and 总计 rows are the declared totals: checked
against the lines to the cent, and written as the record's totals.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..money import yuan
from .drafts import EXAMPLE, EXAMPLE_LEFT, Context, Draft
from .header import Header
from .periods import year_in
from .sheet_reader import SheetReader
from .table import Sheet

VOCABULARY = {
    **dict.fromkeys(("项目", "项目名称", "科目", "科目名称", "预算科目", "收支项目", "名称", "预算项目"), "name"),
    **dict.fromkeys(("收支", "收入/支出", "收入或支出", "收支方向", "收支类别", "类别", "方向"), "direction"),
    **dict.fromkeys(("科目编码", "功能分类", "科目代码", "编码", "分类编码", "功能分类科目编码", "功能科目编码"), "classification"),
    **dict.fromkeys(("预算数", "预算", "年初预算数", "年初预算", "预算金额", "全年预算数", "全年预算", "调整后预算数"), "planned"),
    **dict.fromkeys(("决算数", "执行数", "实际数", "决算", "实际完成数", "完成数", "实际执行数"), "actual"),
}
REQUIRED = ("name", "planned")
DIRECTIONS = {"收入": "income", "支出": "expense", "income": "income", "expense": "expense"}
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])?\s*(收入|支出)(?:部分|项目|预算|决算|类)?$")
_TOTAL = re.compile(r"^(收入|支出)?(?:合计|总计)$")
_TOTAL_KEYS = {("income", "planned"): "income_total", ("expense", "planned"): "expense_total",
               ("income", "actual"): "income_actual_total", ("expense", "actual"): "expense_actual_total"}


class _BudgetReader(SheetReader):
    def __init__(self, sheet: Sheet, header: Header, path: str, problems, context: Context):
        super().__init__(sheet, header, path, problems, context)
        self.lines: list[dict] = []
        self.rows: list[int] = []
        self.totals: dict[str, Decimal] = {}
        self.section: str | None = None

    def read(self) -> Draft | None:
        title = self.header.title_text
        year = year_in(title) or self.context.hints.year
        if not year:
            self.cells.error(self.header.first_row, None, "看不出是哪一年的预算：请在标题里写明年份（例如“2026年度部门预算”），或加 --year 2026")
            return None
        for row in range(self.header.data_start, len(self.cells.sheet.rows)):
            self._row(row)
        if not self.lines:
            self.cells.error(self.header.first_row, None, "表格里没有一项预算：表头下面要有科目名称和预算数")
            return None
        phase = "final" if "决算" in title else "budget"
        data = {"type": "budget", "title": title or f"{self.context.org.name}{year}年度{'决算' if phase == 'final' else '预算'}",
                "date": None, "year": year, "phase": phase, "lines": self.lines}
        for key in ("income_total", "expense_total", "income_actual_total", "expense_actual_total"):
            if key in self.totals:
                data[key] = self.totals[key]
        source = self.source(self.rows)
        income = sum((line["planned"] for line in self.lines if line["direction"] == "income"), Decimal(0))
        expense = sum((line["planned"] for line in self.lines if line["direction"] == "expense"), Decimal(0))
        summary = f"{data['title']}：{len(self.lines)} 项，收入 {yuan(income)}，支出 {yuan(expense)}"
        return Draft("budget", f"budget/{year}-{phase}.yaml", data, source, summary)

    def _row(self, row: int) -> None:
        cells = self.cells
        name = cells.public_text(row, self.col("name"), self.label("name"), self.context.org.phones)
        words = "".join(name.split())
        planned = cells.money(row, self.col("planned"), self.label("planned"))
        actual = cells.money(row, self.col("actual"), self.label("actual")) if "actual" in self.header.roles else None
        section = _SECTION.match(words)
        if section and planned is None and actual is None:
            self.section = DIRECTIONS[section.group(1)]
            return
        total = _TOTAL.match(words)
        if total:
            self._check_total(row, DIRECTIONS.get(total.group(1) or "", self.section), planned, actual, name)
            return
        if not name:
            if planned is not None:
                cells.error(row, self.col("name"), f"「{self.label('name')}」是空的：每一项都要写科目名称")
            return
        if planned is None:
            if row not in cells.bad_rows:
                cells.error(row, self.col("planned"), f"「{self.label('planned')}」是空的：请写预算数（没有就写 0）")
            return
        if name.startswith(EXAMPLE):
            cells.error(row, self.col("name"), EXAMPLE_LEFT)
        direction = self._direction(row)
        if direction is None:
            return
        line = {"name": name, "direction": direction, "planned": planned}
        if actual is not None:
            line["actual"] = actual
        classification = cells.text(row, self.col("classification")) if "classification" in self.header.roles else ""
        if classification:
            line["classification"] = classification
        self.lines.append(line)
        self.rows.append(row + 1)

    def _direction(self, row: int) -> str | None:
        cells = self.cells
        if "direction" in self.header.roles:
            text = "".join(cells.text(row, self.col("direction")).split()).lower()
            if text in DIRECTIONS:
                return DIRECTIONS[text]
            if text:
                cells.error(row, self.col("direction"), f"「{self.label('direction')}」“{text}”看不懂：请写 收入 或 支出")
                return None
        if self.section:
            return self.section
        cells.error(row, self.col("name"), "看不出这一项是收入还是支出：请加一列「收支」写 收入 或 支出，"
                    "或在收入各项上方加一行“一、收入”，支出各项上方加一行“二、支出”")
        return None

    def _check_total(self, row: int, direction: str | None, planned, actual, word: str) -> None:
        cells = self.cells
        if direction is None:
            cells.error(row, self.col("name"), f"“{word}”看不出是收入还是支出的合计：请写成“收入合计”或“支出合计”")
            return
        for kind, declared in (("planned", planned), ("actual", actual)):
            if declared is None:
                continue
            total = sum((line.get(kind, Decimal(0)) for line in self.lines if line["direction"] == direction), Decimal(0))
            if declared != total:
                cells.error(row, self.col(kind), f"「{self.label(kind)}」{word} {yuan(declared)} 与上面各项相加的 "
                            f"{yuan(total)} 不符：请核对{word}或各项金额")
            self.totals[_TOTAL_KEYS[(direction, kind)]] = declared


def read_budget(sheet: Sheet, header: Header, path: str, problems, context: Context) -> list[Draft]:
    draft = _BudgetReader(sheet, header, path, problems, context).read()
    return [draft] if draft else []
