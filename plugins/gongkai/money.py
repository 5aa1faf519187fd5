"""Money as a disclosure needs it: exact Decimal yuan, shown with separators and two decimals.

Amounts are read from the YAML text as ``Decimal`` (never binary floating point); this
module is the one place that turns them into cents, checks them and writes them for people.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checking import Checker

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: int | Decimal | str) -> Decimal:
    """An amount as read from YAML (int or Decimal) as a Decimal with cents."""
    return Decimal(value).quantize(CENT)


def yuan(value: int | Decimal | str) -> str:
    """Money for people: thousands separated, always two decimals (1,200.10)."""
    return f"{money(value):,}"


def check_amount(checker: Checker, path: tuple[str | int, ...], value: int | Decimal, positive: bool = True) -> Decimal:
    """The amount as exact Decimal; reports more than 2 decimals and (if asked) non-positive."""
    amount = Decimal(value)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        checker.error(path, f"{checker.label(path)}{value} 超过两位小数：金额精确到分，例如 1234.50")
    if positive and amount <= 0:
        checker.error(path, f"{checker.label(path)}必须大于 0（现在是 {value}）：退款等请记在另一方向")
    return amount
