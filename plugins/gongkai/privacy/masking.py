"""Masking a clerk's file in place: each number the scan found, in whatever disguise the
file holds it, overwritten with the site-wide mask.

The scan (``privacy_scan``) says *which* numbers a reader would get; this module finds
where the file writes them. Each digit may be 0-9, full-width, an HTML entity (``&#49;``,
``&#x31;``) or percent-encoded (``%31``); between two digits may stand a few pieces a
reader does not see or reads as one separator (a space, dash or dot, emphasis marks, an
inline tag, an HTML comment, a zero-width character, a line break and its indent). What
it cannot find (a YAML escape such as ``"\\u0031"``), the caller reports.
"""

from __future__ import annotations

import re
from functools import cache

from .personal_numbers import MASKED, Finding

_GAP_PIECE = (r"(?:[ \t\u3000\-.·・‐‑‒–—―−_－．]|[*_~`]{1,3}|<!--(?:(?!-->).){0,200}?-->|</?[A-Za-z][^<>\n]{0,200}>"
              r"|&(?:nbsp|ensp|emsp|thinsp|zwsp|shy|#0*(?:32|45|46|160|173|8203)|#[xX]0*(?:20|2[dDeE]|[aA]0|[aA][dD]|200[bB]));"
              r"|%(?:20|2[dDeE])|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]|\r?\n[ \t>]*)")
_GAP = rf"{_GAP_PIECE}{{0,6}}"
# Kinds in the order they are masked: an ID's digits must not be half-masked as a mobile first.
_ORDER = {"id": 0, "card": 1, "mobile": 2}


@cache
def _digit(char: str) -> str:
    """Every way a file can write one digit (or an ID's X) that a reader gets as that digit."""
    if char in "Xx":
        return r"(?:[XxＸｘ]|&#0*(?:88|120);|&#[xX]0*(?:58|78);|%(?:58|78))"
    d = int(char)
    return rf"(?:{d}|{chr(0xFF10 + d)}|&#0*{48 + d};|&#[xX]0*3{d};|%3{d})"


def pattern(digits: str) -> re.Pattern:
    return re.compile(_GAP.join(_digit(char) for char in digits))


def mask_numbers(text: str, findings: list[Finding]) -> tuple[str, int]:
    """``text`` with every written form of each finding's number masked; and how many were."""
    count = 0
    for finding in sorted({f.digits: f for f in findings}.values(), key=lambda f: _ORDER[f.kind]):
        text, replaced = pattern(finding.digits).subn(MASKED[finding.kind](finding.digits), text)
        count += replaced
    return text, count
