"""Money rules shared by the types that carry amounts."""

from decimal import Decimal

CENT = Decimal("0.01")


def check_amount(checker, path, value, positive: bool = True) -> Decimal:
    """The amount as exact Decimal; reports more than 2 decimals and (if asked) non-positive."""
    amount = Decimal(value)
    if amount.as_tuple().exponent < -2:
        checker.error(path, f"{checker.label(path)}{value} 超过两位小数：金额精确到分，例如 1234.50")
    if positive and amount <= 0:
        checker.error(path, f"{checker.label(path)}必须大于 0（现在是 {value}）：退款等请记在另一方向")
    return amount


def yuan(amount: Decimal) -> str:
    return f"{amount.quantize(CENT):,}"
