"""The text a reader gets: what the privacy scan reads instead of the clerk's source.

A citizen never sees YAML or Markdown. They see a rendered page (entities decoded, tags
and comments gone, emphasis invisible), a feed reader's HTML, a link's address, a
tooltip. The scan therefore reads *runs*: stretches of text a reader sees as one — a
paragraph, a heading, a table cell, a list item, an attribute value — and never joins
two of them (a ledger row's date, voucher and amount in three cells are not one number).

Every run is normalised the way eyes read it: NFKC (full-width and other compatibility
digits become 0-9), any script's decimal digits as 0-9, invisible characters (zero-width
spaces, joiners, soft hyphens, variation selectors) removed, whitespace collapsed as
HTML collapses it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import unquote

from ..markup import sanitise

# Unicode's format characters (category Cf) and the other code points that draw nothing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u20e3\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef]")
_SPACE = re.compile(r"\s+")
# ASCII, CJK ideographs and CJK punctuation: no character here becomes a digit under NFKC (a
# fast path past normalising, for most values).
_NO_OTHER_DIGITS = re.compile("[\x00-\x7f\u4e00-\u9fff\u3000-\u3003\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u2026"
                              "\uff01-\uff0f\uff1a-\uff20]*")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script (NFKC leaves those)

# Sanitised HTML (nh3's output: well-formed, attribute values double-quoted) as tokens.
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|[^<]+|<", re.S)
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# Elements whose start or end begins a new stretch of text on the page.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
READ_ATTRIBUTES = frozenset({"title", "alt", "href", "src"})
ADDRESSES = frozenset({"href", "src"})


def _ascii_digit(match: re.Match) -> str:
    return str(unicodedata.digit(match.group()))


def normalise(text: str) -> str:
    """``text`` as read: NFKC, every decimal digit 0-9, nothing invisible, whitespace collapsed."""
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
        text = _OTHER_DIGIT.sub(_ascii_digit, text)
    return _SPACE.sub(" ", text).strip()


def html_runs(fragment: str) -> list[str]:
    """The runs of sanitised HTML: the text of each block, and each attribute a reader can get
    (a link's percent-decoded address, a tooltip, an image's alternative text)."""
    runs, current = [], []
    for match in _TOKEN.finditer(fragment):
        token = match.group()
        name = (match.group(2) or "").lower()
        if token.startswith("<!--"):
            continue
        if not name:
            current.append(html.unescape(token))
        elif name == "br":
            current.append("\n")
        else:
            if name in BLOCKS:
                runs.append("".join(current))
                current = []
            if not match.group(1):
                runs.extend(_attribute_texts(match.group(3)))
    runs.append("".join(current))
    return [run for run in map(normalise, runs) if run]


def _attribute_texts(attributes: str) -> Iterator[str]:
    for name, value in _ATTRIBUTE.findall(attributes):
        name = name.lower()
        if name in READ_ATTRIBUTES:
            value = html.unescape(value)
            yield unquote(value) if name in ADDRESSES else value


def digit_count(text: str) -> int:
    """At least as many as the digits a reader gets from ``text``: each digit, however written
    (full-width, ``&#49;``, ``%31``), leaves at least one 0-9 in the raw or the normalised text."""
    count = sum(map(text.count, "0123456789"))
    return count if _NO_OTHER_DIGITS.fullmatch(text) else count + sum(map(normalise(text).count, "0123456789"))


def text_runs(value: str) -> list[str]:
    """The runs of a plain text value: as written (pages show it escaped), and — wherever it
    could be read as HTML (a feed reader, a re-user's page) or as an address — as that too."""
    runs = [normalise(value)]
    if "<" in value or "&" in value:
        runs.extend(html_runs(sanitise(value)))
    if "%" in value:
        runs.append(normalise(unquote(value)))
    return [run for run in dict.fromkeys(runs) if run]
