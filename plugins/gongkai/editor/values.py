"""Values between a form and a record: what clerks type, read the way a record holds it.

A form posts text. Money comes as ``1,200.50``, ``１２００.５０`` or ``1200.5`` and becomes
the ``Decimal`` a YAML number would be; counts become ``int``. Text that is not a number
stays text, so the record's own checks name the field ("应当是数字，现在写的是 …") and
the form shows what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

CENT = Decimal("0.01")
_SEPARATORS = re.compile(r"[,，\s]")
_DECIMAL = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_INTEGER = re.compile(r"^[-+]?\d+$")


class Rows(list):
    """A list from a form whose items remember which item of the file they were
    (``origins[i]`` is that index, or None for an added item), so writing it back keeps
    the comments of the lines that stayed."""

    def __init__(self, items=(), origins=None):
        super().__init__(items)
        self.origins: list[int | None] = list(origins) if origins is not None else list(range(len(self)))


def _half_width(text: str) -> str:
    """Full-width digits, point and minus (１２００．５０) as ASCII; other text unchanged."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


def number_text(text: str) -> str:
    """What a clerk typed for a number, without separators, currency signs or full-width digits."""
    cleaned = _SEPARATORS.sub("", _half_width(text.strip())).replace("。", ".")  # a Chinese IME's point
    return cleaned.removeprefix("¥").removeprefix("￥").removesuffix("元")


def money(text: str) -> Decimal | str:
    """``1,200.5`` → Decimal('1200.50'); whole yuan get cents as the templates write them. More
    than two decimals stay as typed (the record's check says so); non-numbers stay text."""
    cleaned = number_text(text)
    if not _DECIMAL.match(cleaned):
        return text.strip()
    amount = Decimal(cleaned)
    return amount.quantize(CENT) if amount.as_tuple().exponent > -2 else amount


def number(text: str) -> Decimal | int | str:
    """A quantity: ``12`` → 12, ``2.5`` → Decimal('2.5'); non-numbers stay text."""
    cleaned = number_text(text)
    if _INTEGER.match(cleaned):
        return int(cleaned)
    return Decimal(cleaned) if _DECIMAL.match(cleaned) else text.strip()


def integer(text: str) -> int | str:
    cleaned = number_text(text)
    return int(cleaned) if _INTEGER.match(cleaned) else text.strip()


def shown(value) -> str:
    """A value as the form shows it: exactly the text ``check`` read (Decimal as written)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def same(a, b) -> bool:
    """Equal and of the same kind, all the way down: 5000 (int) is not '5000' (text)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b
