"""Personal numbers the build refuses to publish (spec §2), and the one site-wide mask.

ID numbers keep their first 6 and last 4 characters (``110105********1234``), mobile
numbers their first 3 and last 4 (``138****1234``); bank card and account numbers are
never published at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d[ -]?){12,18}\d(?![0-9A-Za-z])")
_ACCOUNT_WORD = re.compile(r"(?:账号|帐号|卡号|账户|帐户|银行卡)[^0-9\n]{0,8}((?:\d[ -]?){7,29}\d)")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "card", "mobile"
    start: int  # offset in the text
    shown: str  # the number, masked, safe to print in a message

    @property
    def what(self) -> str:
        return {"id": "未脱敏的身份证号", "card": "银行卡号或账号", "mobile": "未脱敏的手机号"}[self.kind]

    @property
    def fix(self) -> str:
        return {"id": "只保留前 6 位和后 4 位，例如 110105********1234",
                "card": "银行卡号和账号一律不公开，请删除",
                "mobile": "只保留前 3 位和后 4 位，例如 138****1234；机构的公开电话请写进 org.yaml 的 phones"}[self.kind]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask_id(number: str) -> str:
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_mobile(number: str) -> str:
    digits = _digits(number)
    return digits[:3] + "****" + digits[-4:]


def _candidates(text: str):
    """(start, end, kind, number) of every personal number, in order of precedence."""
    for m in _ID18.finditer(text):
        if id_check_digit_ok(m.group()):
            yield m.start(), m.end(), "id", m.group()
    for m in _ID15.finditer(text):
        yield m.start(), m.end(), "id", m.group()
    for m in _ACCOUNT_WORD.finditer(text):
        yield m.start(1), m.end(1), "card", m.group(1)
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield m.start(), m.end(), "card", m.group()
    for m in _MOBILE.finditer(text):
        yield m.start(), m.end(), "mobile", m.group()


def _findings(text: str, own_phones: frozenset[str]):
    """Non-overlapping candidates, the earlier (stronger) kind winning; own phones allowed."""
    taken: list[tuple[int, int]] = []
    for start, end, kind, number in _candidates(text):
        if any(s < end and start < e for s, e in taken):
            continue
        if kind == "mobile" and _digits(number) in own_phones:
            continue
        taken.append((start, end))
        yield start, end, kind, number


_SHOWN = {"id": mask_id, "mobile": mask_mobile, "card": lambda n: "****" + _digits(n)[-4:]}
_MASKED = {"id": mask_id, "mobile": mask_mobile, "card": lambda n: "（账号不公开）"}


def scan(text: str, own_phones: frozenset[str] = frozenset()) -> list[Finding]:
    """Every unmasked personal number in ``text``; ``own_phones`` are digits of public phones."""
    return sorted((Finding(kind, start, _SHOWN[kind](number))
                   for start, _, kind, number in _findings(text, own_phones)), key=lambda f: f.start)


def mask_text(text: str, own_phones: frozenset[str] = frozenset()) -> tuple[str, int]:
    """``text`` with every finding masked (bank numbers removed); and how many were."""
    out, last, count = [], 0, 0
    for start, end, kind, number in sorted(_findings(text, own_phones)):
        out.append(text[last:start] + _MASKED[kind](number))
        last, count = end, count + 1
    out.append(text[last:])
    return "".join(out), count
