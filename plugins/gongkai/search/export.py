"""The whoosh index as static files a browser can search with no server.

Layout under ``search/<version>/`` (the version is a hash of the files, so a cached page
never mixes with shards of another build):

``t/<shard>.txt``   postings: one line per term ``term<TAB>max<TAB>docs<TAB>weights``.
                    A term lives in shard ``fnv1a(term) % shards``, so a query fetches only
                    the shards of its own terms. ``docs`` are gap-coded document numbers,
                    ``weights`` one character per document: its BM25F score for the term
                    (all text fields, with their boosts) as 1–15 fifteenths of ``max``
                    (common terms in 3 or 5 steps: see ``levels_for``).
``d/<n>.json``      the document table, ``DOCS_PER_FILE`` documents a file: [title, url,
                    org name, type label, date, text for the snippet].
``o/<org>.txt``     the documents of each org, gap-coded (the org filter).
``k/<type>.txt``    the documents of each type (the type filter).

Documents are numbered newest first (org profiles last), so each year is one range of
numbers (given to the page with the shard count) and ties in score list newer first.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from math import log

from whoosh.scoring import bm25

from .documents import SearchDoc
from .index import FIELD_BOOSTS, weighting

POSTINGS_PER_SHARD = 512  # average postings a shard holds: sets the shard count
DOCS_PER_FILE = 1
SNIPPET_CHARS = 400
LEVELS = 15

# Variable-length base-32 numbers: the last digit from TERMINAL, the others from MORE.
TERMINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
WEIGHT_CHARS = "123456789abcdef"


@dataclass
class Export:
    version: str
    shards: int
    docs: int
    years: list[tuple[str, int, int]]  # (year, first document, last document + 1), newest first
    files: dict[str, bytes] = field(default_factory=dict)  # path under search/<version>/ → bytes

    @property
    def base(self) -> str:
        return f"search/{self.version}/"


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units: what JavaScript's charCodeAt sees."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def number(value: int) -> str:
    digits = TERMINAL[value & 31]
    value >>= 5
    while value:
        digits = MORE[value & 31] + digits
        value >>= 5
    return digits


def gaps(docnums) -> str:
    """Sorted document numbers as gaps: the first as is, each next as (difference − 1)."""
    out, previous = [], -1
    for n in docnums:
        out.append(number(n - previous - 1))
        previous = n
    return "".join(out)


def term_weights(ix) -> dict[str, dict[int, float]]:
    """Every term's BM25F weight per document, summed over the text fields with their boosts.

    The same formula and statistics as whoosh's ``BM25FScorer`` (idf, average and per-document
    field lengths from the reader), computed over each posting list at once: scoring posting
    by posting through matchers is several times slower.
    """
    model = weighting()
    weights: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    with ix.searcher(weighting=model) as searcher:
        reader = searcher.reader()
        count = reader.doc_count_all()
        for fieldname, boost in FIELD_BOOSTS.items():
            lengths = [reader.doc_field_length(n, fieldname, 0) for n in range(count)]
            average = searcher.avg_field_length(fieldname) or 1
            for raw, info in reader.iter_field(fieldname):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                idf = log(count / (info.doc_frequency() + 1)) + 1
                into = weights[term]
                for docnum, tf in reader.postings(fieldname, raw).items_as("weight"):
                    into[docnum] += boost * bm25(idf, tf, lengths[docnum], average, model.B, model.K1)
    return weights


def levels_for(frequency: int, docs: int) -> int:
    """Fewer weight levels for common terms: they weigh little in a ranking (low idf) and their
    long weight strings are most of the bytes a query fetches; fewer distinct levels gzip smaller."""
    share = frequency / max(1, docs)
    return 3 if share > 0.10 else 5 if share > 0.02 else LEVELS


def postings_line(term: str, docs: dict[int, float], total_docs: int) -> str:
    ordered = sorted(docs)
    top = max(docs.values())
    levels = levels_for(len(docs), total_docs)
    step = LEVELS / levels  # kept on the 1–15 scale the script decodes
    chars = "".join(WEIGHT_CHARS[round(step * max(1, round(levels * docs[n] / top))) - 1] for n in ordered)
    return f"{term}\t{top:.4g}\t{gaps(ordered)}\t{chars}"


def shard_count(total_postings: int) -> int:
    shards = 16
    while shards * POSTINGS_PER_SHARD < total_postings:
        shards *= 2
    return shards


def export(ix, docs: list[SearchDoc]) -> Export:
    weights = term_weights(ix)
    shards = shard_count(sum(len(d) for d in weights.values()))
    lines = defaultdict(list)
    for term in sorted(weights):
        lines[fnv1a(term) % shards].append(postings_line(term, weights[term], len(docs)))
    files: dict[str, bytes] = {}
    for shard in range(shards):
        files[f"t/{shard}.txt"] = "\n".join(lines.get(shard, ())).encode("utf-8")
    files.update(document_table(docs))
    files.update(facets(docs))
    version = _version(files)
    return Export(version, shards, len(docs), year_ranges(docs), files)


def document_table(docs: list[SearchDoc]) -> dict[str, bytes]:
    files = {}
    for start in range(0, len(docs), DOCS_PER_FILE):
        rows = [[d.title, d.url, d.org_name, d.type_label, d.date, snippet_text(d)]
                for d in docs[start:start + DOCS_PER_FILE]]
        files[f"d/{start // DOCS_PER_FILE}.json"] = _json(rows)
    return files


def snippet_text(doc: SearchDoc) -> str:
    parts = [doc.number, doc.text] if doc.number else [doc.text]
    return " ".join(parts)[:SNIPPET_CHARS]


def facets(docs: list[SearchDoc]) -> dict[str, bytes]:
    by_org, by_type = defaultdict(list), defaultdict(list)
    for n, doc in enumerate(docs):
        by_org[doc.org_slug].append(n)
        by_type[doc.type].append(n)
    files = {f"o/{slug}.txt": gaps(ns).encode("ascii") for slug, ns in by_org.items()}
    files.update({f"k/{kind}.txt": gaps(ns).encode("ascii") for kind, ns in by_type.items()})
    return files


def year_ranges(docs: list[SearchDoc]) -> list[tuple[str, int, int]]:
    ranges: list[list] = []
    for n, doc in enumerate(docs):
        if not doc.year:
            continue
        if ranges and ranges[-1][0] == doc.year and ranges[-1][2] == n:
            ranges[-1][2] = n + 1
        else:
            ranges.append([doc.year, n, n + 1])
    return [tuple(r) for r in ranges]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _version(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    return digest.hexdigest()[:10]
