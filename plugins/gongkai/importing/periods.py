"""Years, months and quarters named in sheet names and titles: 2026年2月, 二月份, 第一季度, 2026.02."""

from __future__ import annotations

import re
import unicodedata

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12, "元": 1, "正": 1}
_NUMERAL = "|".join(sorted(_NUMERALS, key=len, reverse=True))
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-./](?=\d)|(?=\d{2}$))")
_MONTH = re.compile(rf"(?:((?:19|20)\d{{2}})\s*年?\s*[-./]?\s*)?(?<!\d)(1[0-2]|0?[1-9]|{_NUMERAL})\s*月")
_NUMERIC_MONTH = re.compile(r"^((?:19|20)\d{2})\s*[-./]?\s*(1[0-2]|0[1-9]|[1-9])$")
_QUARTER = re.compile(rf"(?:第\s*)?([1-4]|[一二三四])\s*季度?|[Qq]([1-4])")
QUARTER_WORDS = "一二三四"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMERALS[text]


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def year_in(text: str) -> int | None:
    match = _YEAR.search(normal(text))
    return int(match.group(1)) if match else None


def month_in(text: str) -> tuple[int | None, int] | None:
    """(year or None, month) for 2026年2月, 二月份, 2026.02, 2026-2; None when no month is named."""
    text = normal(text).strip()
    match = _NUMERIC_MONTH.match(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = _MONTH.search(text)
    if not match:
        return None
    return (int(match.group(1)) if match.group(1) else None), _number(match.group(2))


def quarter_in(text: str) -> int | None:
    match = _QUARTER.search(normal(text))
    if not match or ("季" not in match.group(0) and not match.group(2)):
        return None
    return _number(match.group(1) or match.group(2))


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def month_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def quarter_key(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"
