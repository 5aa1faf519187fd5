"""A subsidy, relief or 低保 recipient list → one subsidy record per sheet.

Columns 序号, 姓名 / 户主姓名, 村民小组, 身份证号, 人数 / 数量, 标准, 金额, 备注, with a 合计 row
that is checked against the sum. Full ID numbers (clerks keep them) never reach the content:
they are masked the site-wide way, or left out where nothing but name, household size and
amount may be published (低保, 最低生活保障审核确认办法 Art. 24). Bank card / 一卡通 and
phone columns, and columns that would publish health or address details, are dropped by
their header; such a number anywhere else is refused at its cell.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..money import yuan
from ..privacy.personal_numbers import id_check_digit_ok, mask_id
from ..problems import Problems
from ..types.subsidy import MASKED_ID, is_minimal_living
from .cells import CENT
from .drafts import EXAMPLE, EXAMPLE_LEFT, Context, Draft, file_stem
from .header import Header
from .periods import month_in, quarter_in, year_in
from .sheet_reader import SheetReader
from .table import Sheet

VOCABULARY = {
    **dict.fromkeys(("序号", "编号", "序"), "index"),
    **dict.fromkeys(("姓名", "户主姓名", "户主", "申请人", "申请人姓名", "补贴对象", "对象姓名", "救助对象",
                     "保障对象", "领取人", "户名", "农户姓名", "受助人"), "name"),
    **dict.fromkeys(("村民小组", "组别", "小组", "所在组", "组", "社", "村组", "所属小组", "村民组"), "group"),
    **dict.fromkeys(("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"), "id"),
    **dict.fromkeys(("人数", "家庭人口", "保障人数", "家庭人数", "户人口", "享受人数", "家庭人口数", "保障人口"), "household_size"),
    **dict.fromkeys(("数量", "面积", "亩数", "补贴面积", "计税面积", "承包面积", "种植面积", "头数", "只数"), "quantity"),
    **dict.fromkeys(("标准", "补贴标准", "保障标准", "单价", "发放标准", "救助标准"), "rate"),
    **dict.fromkeys(("金额", "补贴金额", "发放金额", "保障金额", "月保障金", "月保障金额", "救助金额", "应发金额",
                     "合计金额", "月发放金额"), "amount"),
    **dict.fromkeys(("备注",), "remarks"),
    **dict.fromkeys(("银行卡号", "银行账号", "账号", "帐号", "卡号", "一卡通", "一卡通账号", "一卡通号", "惠农一卡通",
                     "社保卡号", "存折号", "存折账号", "开户行", "开户银行", "银行账户", "银行卡"), "bank"),
    **dict.fromkeys(("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式"), "phone"),
    **dict.fromkeys(("家庭住址", "住址", "门牌号", "地址", "详细地址", "病情", "残疾类别", "残疾等级", "致贫原因",
                     "健康状况", "病种"), "sensitive"),
}
REQUIRED = ("name", "amount")
DROPPED = {"bank": "银行卡号、账号一律不公开", "phone": "个人电话不公开",
           "sensitive": "住址、健康状况等个人信息不公开", "remarks": "备注里常有不宜公开的个人情况"}
_TOTAL = re.compile(r"^(合计|总计|小计)")
_TITLE_NOISE = ("公示名单", "发放名单", "发放花名册", "花名册", "发放明细表", "明细表", "发放清册", "清册", "发放表",
                "统计表", "公示表", "公示", "名单", "一览表", "表", "对象", "发放", "的")


def program_from_title(title: str, org_name: str) -> str:
    """「白杨村2026年第四季度农村最低生活保障对象名单」 → 「农村最低生活保障」."""
    text = unicodedata.normalize("NFKC", title).replace(org_name, "")
    text = re.sub(r"(?:19|20)\d{2}\s*年度?|第?[一二三四1-4]季度|\d{1,2}月份?|[（(][^）)]*[）)]", "", text)
    text = "".join(text.split())
    changed = True
    while changed and text:
        changed = False
        for noise in _TITLE_NOISE:
            if text.endswith(noise):
                text, changed = text[: -len(noise)], True
    return text


class _ListReader(SheetReader):
    def __init__(self, sheet: Sheet, header: Header, path: str, problems: Problems, context: Context):
        super().__init__(sheet, header, path, problems, context)
        title = header.title_text
        named = program_from_title(title, context.org.name) if title else ""
        self.title = title if named else ""  # a title that names no programme is no record title
        self.program = named or context.hints.program or ""
        self.year = year_in(title) or context.hints.year
        self.minimal = is_minimal_living(self.program)
        self.recipients: list[dict] = []
        self.rows: list[int] = []
        self.rates: set[Decimal] = set()
        self.masked = 0

    def read(self) -> Draft | None:
        if not self._title_complete():
            return None
        self._warn_dropped()
        since_subtotal: list[dict] = []
        for row in range(self.header.data_start, len(self.cells.sheet.rows)):
            first = self.cells.text(row, self.col("name")) or self.cells.text(row, self.col("index"))
            if _TOTAL.match("".join(first.split())):
                subtotal = first.startswith("小计")
                self._check_total(row, since_subtotal if subtotal else self.recipients, first)
                since_subtotal = []
                continue
            person = self._recipient(row)
            if person is not None:
                self.recipients.append(person)
                since_subtotal.append(person)
                self.rows.append(row + 1)
        if self.masked:
            self.cells.warning(self.header.first_row, self.col("id"), f"已把 {self.masked} 个身份证号按全站统一方式脱敏"
                               "（保留前 6 位和后 4 位，例如 110105********1234）后导入")
        return self._draft()

    def _title_complete(self) -> bool:
        sheet_place = (self.header.first_row, None)
        if not self.program:
            self.cells.error(*sheet_place, "看不出是什么项目的名单：请在表格上方写标题（例如“2026年耕地地力保护补贴发放名单”），"
                             "或加 --program 项目名称")
        if not self.year:
            self.cells.error(*sheet_place, "看不出是哪一年的名单：请在标题里写明年份（例如“2026年…名单”），或加 --year 2026")
        return bool(self.program and self.year)

    def _warn_dropped(self) -> None:
        dropped = [(role, column) for role, column in self.header.roles.items() if role in DROPPED]
        if self.minimal:
            dropped += [(role, self.header.roles[role]) for role in ("id", "group", "quantity", "rate") if role in self.header.roles]
        for role, column in sorted(dropped, key=lambda item: item[1].col):
            why = DROPPED.get(role) or ("低保名单只公开姓名、家庭人口和金额（最低生活保障审核确认办法第二十四条）"
                                        if self.minimal else "")
            self.cells.warning(self.header.first_row, column.col, f"「{column.label}」这一列没有导入：{why}")
        for column in self.header.unknown:
            self.cells.warning(self.header.first_row, column.col, f"「{column.label}」这一列不在补贴名单的公开项目里，没有导入")

    def _recipient(self, row: int) -> dict | None:
        cells, phones = self.cells, self.context.org.phones
        name = cells.public_text(row, self.col("name"), self.label("name"), phones)
        amount = cells.money(row, self.col("amount"), self.label("amount"))
        if not name:
            if amount is not None:
                cells.error(row, self.col("name"), f"「{self.label('name')}」是空的：每一行都要写姓名")
            return None
        if amount is None:
            if row not in cells.bad_rows:
                cells.error(row, self.col("amount"), f"「{self.label('amount')}」是空的：请写发放金额")
            return None
        if name.startswith(EXAMPLE):
            cells.error(row, self.col("name"), EXAMPLE_LEFT)
        if amount <= 0:
            cells.error(row, self.col("amount"), f"「{self.label('amount')}」必须大于 0（现在是 {yuan(amount)}）")
        person: dict[str, Any] = {"name": name}
        if not self.minimal:
            self._add_group_id_quantity(row, person, amount)
        if "household_size" in self.header.roles:
            size = cells.count(row, self.col("household_size"), self.label("household_size"))
            if size:
                person["household_size"] = size
        person["amount"] = amount
        return person

    def _add_group_id_quantity(self, row: int, person: dict, amount: Decimal) -> None:
        cells = self.cells
        group = cells.public_text(row, self.col("group"), self.label("group"), self.context.org.phones) if "group" in self.header.roles else ""
        if group:
            person["group"] = group
        quantity = cells.number(row, self.col("quantity"), self.label("quantity")) if "quantity" in self.header.roles else None
        rate = cells.money(row, self.col("rate"), self.label("rate")) if "rate" in self.header.roles else None
        if quantity is not None:
            if quantity <= 0:
                cells.error(row, self.col("quantity"), f"「{self.label('quantity')}」必须大于 0")
            person["quantity"] = quantity
        if rate is not None:
            self.rates.add(rate)
            if quantity is not None:
                expected = (quantity * rate).quantize(CENT, rounding=ROUND_HALF_UP)
                if expected != amount:
                    cells.error(row, self.col("amount"), f"「{self.label('amount')}」{yuan(amount)} 不等于{self.label('quantity')} "
                                f"{quantity} × {self.label('rate')} {yuan(rate)} = {yuan(expected)}：请核对")
        if "id" in self.header.roles:
            masked = self._masked_id(row)
            if masked:
                person["id"] = masked

    def _masked_id(self, row: int) -> str | None:
        cells, col = self.cells, self.col("id")
        value = cells.raw(row, col)
        if isinstance(value, (int, float)):
            cells.error(row, col, f"「{self.label('id')}」被 Excel 存成了数字，身份证号的后几位已经丢失："
                        "请把这一列设成“文本”格式，重新输入身份证号后再导入")
            return None
        text = unicodedata.normalize("NFKC", cells.text(row, col)).replace(" ", "").upper()
        if not text or MASKED_ID.match(text):
            return text or None
        if (len(text) == 18 and re.fullmatch(r"\d{17}[\dX]", text) and id_check_digit_ok(text)) or re.fullmatch(r"\d{15}", text):
            self.masked += 1
            return mask_id(text)
        cells.error(row, col, f"「{self.label('id')}」“{mask_id(text) if len(text) > 10 else text}”不是有效的身份证号：请核对（18 位，最后一位可以是 X）")
        return None

    def _check_total(self, row: int, people: list[dict], word: str) -> None:
        cells = self.cells
        for role, key in (("amount", "amount"), ("quantity", "quantity"), ("household_size", "household_size")):
            if role not in self.header.roles or (self.minimal and role == "quantity"):
                continue
            read = cells.money if role == "amount" else cells.number
            declared = read(row, self.col(role), self.label(role))
            total = sum((Decimal(p.get(key, 0)) for p in people), Decimal(0))
            if declared is not None and declared != total:
                shown = yuan if role == "amount" else str
                cells.error(row, self.col(role), f"「{self.label(role)}」{word} {shown(declared)} 与上面各行相加的 {shown(total)} 不符："
                            f"请核对{word}或各行")

    def _draft(self) -> Draft | None:
        if not self.recipients:
            self.cells.error(self.header.first_row, None, "名单里没有一个人：表头下面要有姓名和金额")
            return None
        title = self.title
        org = self.context.org
        data: dict[str, Any] = {"type": "subsidy", "title": title or f"{org.name}{self.year}年{self.program}发放名单",
                                "date": None, "program": self.program, "year": self.year}
        unit = self._unit()
        if unit:
            data["unit"] = unit
        if len(self.rates) == 1 and not self.minimal:
            data["rate"] = next(iter(self.rates))
        data["recipients"] = self.recipients
        total = sum((p["amount"] for p in self.recipients), Decimal(0))
        data["total"] = total
        source = self.source(self.rows)
        summary = f"{data['title']}：{len(self.recipients)} 人，合计 {yuan(total)}"
        return Draft("subsidy", f"subsidy/{self.year}-{file_stem(self.program)}{self._part_of_year(self.header.title_text)}.yaml",
                     data, source, summary)

    def _unit(self) -> str:
        """亩 from 「面积（亩）」 or 「标准（元/亩）」; nothing is guessed."""
        if self.minimal or "quantity" not in self.header.roles:
            return ""
        rate = self.header.roles.get("rate")
        per = rate.unit.split("/", 1)[1] if rate and "/" in rate.unit else ""
        return self.header.roles["quantity"].unit or per

    @staticmethod
    def _part_of_year(title: str) -> str:
        """A list per quarter or month gets its own file: 2026-低保-Q4."""
        quarter = quarter_in(title)
        if quarter:
            return f"-Q{quarter}"
        month = month_in(title)
        return f"-{month[1]:02d}" if month else ""


def read_list(sheet: Sheet, header: Header, path: str, problems: Problems, context: Context) -> list[Draft]:
    draft = _ListReader(sheet, header, path, problems, context).read()
    return [draft] if draft else []

