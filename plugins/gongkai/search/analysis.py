"""How text becomes search terms: CJK character bigrams and whole Latin/digit words.

Chinese has no spaces, and a reader types names (宋芳), places and word pieces that no
dictionary segmenter cuts the same way the record's text was cut (jieba splits 扶贫资金
differently in different sentences). Overlapping bigrams make every run of two or more
Chinese characters findable as a substring: a text containing 宋芳 always yields the bigram
宋芳, and a query's bigrams are all bigrams of any text containing the query. The recall of
this choice against a substring oracle (and of jieba words beside it) is measured by
``benchmarks/search.py``.

The same rules are written in JavaScript in ``themes/gongkai/static/js/search.js``: the
two must stay identical (tests run both on the same queries).
"""

from __future__ import annotations

import re

from whoosh.analysis import Token, Tokenizer

# Han ideographs (basic, extension A, compatibility) and the astral extensions B–G.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000313ff"
_RUNS = re.compile(f"([{_CJK}]+)|([0-9A-Za-z\u00c0-\u024f]+)")


def terms(text: str) -> list[str]:
    """Every term of ``text`` in order, repeats kept (for term frequencies)."""
    out = []
    for cjk, word in _RUNS.findall(text):
        if cjk:
            if len(cjk) == 1:
                out.append(cjk)
            else:
                out.extend(cjk[i:i + 2] for i in range(len(cjk) - 1))
        else:
            out.append(word.lower())
    return out


def query_terms(query: str) -> list[str]:
    """The distinct terms a record must all contain to match ``query``, in query order.

    A lone Chinese character next to other terms (the 月 of “3月”) only narrows a query
    and is not indexed on its own inside longer runs, so it is dropped; a query of one
    Chinese character and nothing else is too short (``too_short``).
    """
    found = []
    for cjk, word in _RUNS.findall(query):
        if cjk:
            if len(cjk) > 1:
                found.extend(cjk[i:i + 2] for i in range(len(cjk) - 1))
        else:
            found.append(word.lower())
    return list(dict.fromkeys(found))


def too_short(query: str) -> bool:
    """True when ``query`` has nothing searchable: no two-character Chinese run, no word."""
    return not query_terms(query)


def pieces(query: str) -> list[str]:
    """The query's runs as typed (lowercased): what the snippet highlights."""
    return [m.group(0).lower() for m in _RUNS.finditer(query) if len(m.group(0)) > 1 or m.group(2)]


class BigramTokenizer(Tokenizer):
    """whoosh tokenizer producing ``terms(text)``."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, term in enumerate(terms(value), start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token


def analyzer():
    """The analyzer every text field of the whoosh index uses (lowercasing is done by ``terms``)."""
    return BigramTokenizer()


__all__ = ["terms", "query_terms", "too_short", "pieces", "analyzer"]
