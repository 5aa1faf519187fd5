"""Dates written some other way than YYYY-MM-DD: which date the clerk meant, for the message.

A clerk copying from a spreadsheet or typing by habit writes 2026/3/5, 2026.3.5,
2026年3月5日 or 20260305, or pastes Excel's day number (46082) instead of the date. The
message names the date they meant in the one format records use, instead of only
saying the format is wrong.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_DIGITS_ONLY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Excel counts days from 1899-12-30 (for every date after February 1900); five digits
# are the years 1927 to 2173.
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_EXCEL_DAY_ZERO = date(1899, 12, 30)


def advice(value: object) -> str | None:
    """What to tell the clerk about ``value`` in a date field (after the field's label), or
    None when it does not look like a date written another way."""
    text = str(value)
    excel = _EXCEL_SERIAL.match(text)
    if excel:
        meant = (_EXCEL_DAY_ZERO + timedelta(days=int(excel.group(1)))).isoformat()
        return (f"“{text}”是 Excel 的日期序号，对应 {meant}：请写成 {meant}"
                "（从 Excel 复制日期前，先把那一列设为“文本”格式）")
    parts = _YEAR_MONTH_DAY.match(text) or _DIGITS_ONLY.match(text)
    if parts:
        year, month, day = (int(part) for part in parts.groups())
        return f"“{text}”要写成 {year:04}-{month:02}-{day:02}：日期的格式是 年-月-日，用“-”隔开，月和日都写两位"
    return None
