"""Personal numbers the build refuses to publish (spec §2), and the one site-wide mask.

ID numbers keep their first 6 and last 4 characters (``110105********1234``), mobile
numbers their first 3 and last 4 (``138****1234``); bank card and account numbers are
never published at all.

``scan`` reads one run of text a reader gets (``readable``: normalised, never two cells
or blocks joined). Within it, digits written apart by one separator (space, dash, dot,
underscore) or by emphasis marks (``1**38**…``) are one number to a reader, so groups of
digits are joined into *chains*, and every stretch of whole groups in a chain is tested:

- an ID: 18 characters with a real birth date and a valid check digit, or 15 digits with
  a real birth date (the old 15-digit card);
- a mobile: 11 digits, 1[3-9]…, not one of the org's public phones; after ``+86`` too;
- a bank card: 13–19 digits passing the Luhn check, unless it is a mobile behind its
  country code;
- none of these (an ID aside, which holds a birth date whole) takes in any part of a date
  (2026-03-05, 20260305);
- an account: 8 or more digits a few characters after 账号/卡号/账户…, unless a date or an
  amount of money (``账户余额 12345.60``) is what follows the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_SEPARATOR = r"[ \-.·・‐‑‒–—―−_]"
_MARKS = r"[*_~`]{1,3}"  # Markdown emphasis, strike-through, code: invisible once rendered
_GAP = rf"(?:{_MARKS}{_SEPARATOR}?(?:{_MARKS})?|{_SEPARATOR}(?:{_MARKS})?)"
_CHAIN = re.compile(rf"[0-9]+(?:{_GAP}[0-9]+)*(?:(?:{_GAP})?[Xx](?![A-Za-z]))?")
_GROUP = re.compile(r"[0-9]+|[Xx]")
_ACCOUNT_WORDS = "账号|帐号|卡号|账户|帐户|银行卡"
_ACCOUNT_WORD = re.compile(rf"(?:{_ACCOUNT_WORDS})[^0-9]{{0,8}}$")  # right before a number
_ACCOUNT_WORD_ANYWHERE = re.compile(_ACCOUNT_WORDS)
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_COUNTRY_MOBILE = re.compile(r"(?:86|0086)1[3-9][0-9]{9}")
_AMOUNT = re.compile(r"[0-9]{1,12}\.[0-9]{1,2}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
LONGEST = 19  # digits of the longest card number; IDs have 18, mobiles 11
SHORTEST = 8  # digits of the shortest account number near 账号; shorter text holds nothing
SHORTEST_OF_ALL_NUMBERS = 11  # a mobile's: a shorter chain can only be an account
# An ID starts with its province's code (GB/T 2260; 83: residence permits of Hong Kong, Macao, Taiwan).
PROVINCES = frozenset(("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
                       "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
                       "81", "82", "83"))
_RANK = {"id": 0, "account": 1, "card": 2, "mobile": 3}
# (rank, start, end, kind, digits): a personal number that may be in a chain of digit groups.
Candidate = tuple[int, int, int, str, str]


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "card", "mobile"
    start: int  # offset in the run
    shown: str  # the number, masked, safe to print in a message
    digits: str = ""  # the number itself (X for an ID's check character): what ``mask`` looks for
    joined: bool = False  # read from groups of digits not written the way such a number is

    @property
    def what(self) -> str:
        return {"id": "未脱敏的身份证号", "card": "银行卡号或账号", "mobile": "未脱敏的手机号"}[self.kind]

    @property
    def fix(self) -> str:
        return {"id": "只保留前 6 位和后 4 位，例如 110105********1234",
                "card": "银行卡号和账号一律不公开，请删除",
                "mobile": "只保留前 3 位和后 4 位，例如 138****1234；机构的公开电话请写进 org.yaml 的 phones"}[self.kind]


def digits_of(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_id(number: str) -> bool:
    if number[:2] not in PROVINCES:
        return False
    if len(number) == 18:
        return (number[6:8] in ("18", "19", "20") and number[:17].isdigit()
                and _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])) and id_check_digit_ok(number))
    return (len(number) == 15 and number.isdigit()
            and _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])))


def mask_id(number: str) -> str:
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_mobile(number: str) -> str:
    digits = digits_of(number)
    return digits[:3] + "****" + digits[-4:]


def _date_groups(groups: list[str]) -> int:
    """How many leading groups are a date (2026-03-05, 2026.3.5, 20260305): 0 when none."""
    if (groups and len(groups[0]) == 8 and groups[0].isdigit() and groups[0][:2] in ("19", "20")
            and _real_date(int(groups[0][:4]), int(groups[0][4:6]), int(groups[0][6:]))):
        return 1
    if (len(groups) >= 3 and len(groups[0]) == 4 and groups[0][:2] in ("19", "20")
            and all(1 <= len(g) <= 2 and g.isdigit() for g in groups[1:3])
            and _real_date(int(groups[0]), int(groups[1]), int(groups[2]))):
        return 3
    return 0


def _chain_candidates(text: str, chain: re.Match[str]) -> Iterator[Candidate]:
    """(rank, start, end, kind, digits) of every personal number made of whole groups."""
    groups = [(m.start() + chain.start(), m.end() + chain.start(), m.group()) for m in _GROUP.finditer(chain.group())]
    if groups[-1][2] in "Xx":  # the check character belongs to the group before it
        x = groups.pop()
        if not groups:
            return
        start, _, digits = groups[-1]
        groups[-1] = (start, x[1], digits + "X")
    texts = [g[2] for g in groups]
    yield from _account_candidate(text, chain.start(), groups, texts)
    if sum(map(len, texts)) < SHORTEST_OF_ALL_NUMBERS:
        return
    dates = _dates(texts)
    for i in range(len(groups)):
        number = ""
        for j in range(i, len(groups)):
            number += texts[j]
            if len(number) > LONGEST or "X" in number[:-1]:
                break
            span = (groups[i][0], groups[j][1])
            touched = [(a, b) for a, b in dates if a <= j and i < b]
            if is_id(number) and all(i <= a and b <= j + 1 for a, b in touched):
                yield (_RANK["id"], *span, "id", number)
            elif touched:
                continue
            elif _MOBILE.fullmatch(number):
                yield (_RANK["mobile"], *span, "mobile", number)
            elif _COUNTRY_MOBILE.fullmatch(number):
                yield (_RANK["mobile"], *span, "mobile", number[-11:])
            elif len(number) >= 13 and number.isdigit() and luhn_ok(number):
                yield (_RANK["card"], *span, "card", number)


def _dates(texts: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) group of every date in a chain. A mobile or card number is never
    written around a date, and an ID holds a birth date whole: a ledger line such as
    "2021-09-19 0694 815.41" holds no number ("19 0694 815 41" would be a mobile)."""
    found: list[tuple[int, int]] = []
    for i in range(len(texts)):
        size = _date_groups(texts[i:i + 3])
        if size:
            found.append((i, i + size))
    return found


def _account_candidate(text: str, chain_start: int, groups: list[tuple[int, int, str]],
                       texts: list[str]) -> Iterator[Candidate]:
    """The digits a few characters after 账号/卡号/账户 are an account, unless they are a date
    or an amount of money."""
    if not _ACCOUNT_WORD.search(text, max(0, chain_start - 12), chain_start):
        return
    skip = _date_groups(texts)
    rest = texts[skip:]
    number = "".join(rest)
    if not rest or len(number) < SHORTEST or not number.isdigit() or _COUNTRY_MOBILE.fullmatch(number):
        return
    written = text[groups[skip][0]:groups[-1][1]]
    if _AMOUNT.fullmatch(written):
        return
    yield (_RANK["account"], groups[skip][0], groups[-1][1], "card", number)


def _findings(text: str, own_phones: frozenset[str]) -> Iterator[tuple[int, int, str, str]]:
    """Non-overlapping candidates, the stronger kind winning; the org's own phones allowed."""
    count = sum(map(text.count, "0123456789"))
    if count < SHORTEST or (count < SHORTEST_OF_ALL_NUMBERS and not _ACCOUNT_WORD_ANYWHERE.search(text)):
        return
    candidates: list[Candidate] = []
    for chain in _CHAIN.finditer(text):
        if sum(map(chain.group().count, "0123456789")) >= SHORTEST:
            candidates.extend(_chain_candidates(text, chain))
    taken: list[tuple[int, int]] = []
    for _, start, end, kind, number in sorted(candidates, key=lambda c: (c[0], c[1], c[1] - c[2])):
        if any(s < end and start < e for s, e in taken):
            continue
        if kind == "mobile" and number in own_phones:
            continue
        taken.append((start, end))
        yield start, end, kind, number


_SHOWN = {"id": mask_id, "mobile": mask_mobile, "card": lambda n: "****" + n[-4:]}
MASKED = {"id": mask_id, "mobile": mask_mobile, "card": lambda n: "（账号不公开）"}


def scan(text: str, own_phones: frozenset[str] = frozenset()) -> list[Finding]:
    """Every unmasked personal number in one normalised run; ``own_phones`` are digits of public phones."""
    return sorted((Finding(kind, start, _SHOWN[kind](number), number, not _written_as_usual(kind, text[start:end]))
                   for start, end, kind, number in _findings(text, own_phones)), key=lambda f: f.start)


def _written_as_usual(kind: str, written: str) -> bool:
    """Whole, or in the groups it is usually written in (138 1234 5678, 6222 0212 3456 7890 128)."""
    sizes = [len(g) for g in re.findall(r"[0-9]+[Xx]?", written)]
    if len(sizes) == 1:
        return True
    if kind == "card":
        return all(size == 4 for size in sizes[:-1])
    return sizes in ([3, 4, 4], [6, 8, 4], [6, 4, 4, 4], [6, 6, 3]) or (kind == "mobile" and sizes[1:] in ([11], [3, 4, 4]))
