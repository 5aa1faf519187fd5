"""The whoosh index of a build: written beside the build folder, read by ``publish.py search``.

It lives in a sibling folder (``output/`` → ``.output.search-index/``), not in the site:
whoosh names its segment files at random, so inside the site it would break byte-identical
builds, land in the manifest and be uploaded for nothing. The site searches the static
export instead (``export.py``).

One whoosh document per ``SearchDoc``, added in the order of ``documents(site)`` so that
whoosh's document numbers are the static export's document numbers too. Text fields are
indexed without positions (queries are ANDs of bigrams, never phrases), which keeps the
index small; the fields the command line prints are stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.query import And, Or, Term

from ..staging import is_staging
from .analysis import analyzer, query_terms
from .documents import SearchDoc

INDEX_SUFFIX = ".search-index"

# Text fields and how much a match in each weighs: title, 文号 and org name above the rest.
FIELD_BOOSTS = {"title": 3.0, "number": 3.0, "org_name": 2.0, "text": 1.0}


def schema() -> Schema:
    text = {name: TEXT(analyzer=analyzer(), phrase=False) for name in FIELD_BOOSTS}
    return Schema(
        **text,
        org=ID(), type=ID(), year=ID(),
        stored=STORED(),  # (url, title, org slug, org name, type, date, source)
    )


def weighting() -> scoring.BM25F:
    return scoring.BM25F(B=0.75, K1=1.2)


def index_path(output: Path) -> Path:
    """Where the index of the site in ``output`` lives."""
    output = Path(output).resolve()
    return output.parent / f".{output.name}{INDEX_SUFFIX}"


def fresh_path(site: Path) -> Path:
    """Where the build rendering into ``site`` writes its index until it is promoted.

    A staging folder's index is named after it (unique to its build, removed with it);
    Pelican run straight into an output uses ``.<output>.search-index.new``."""
    site = Path(site).resolve()
    if is_staging(site):
        return site.with_name(site.name + INDEX_SUFFIX)
    return index_path(site).with_name(index_path(site).name + ".new")


def promote(site: Path, output: Path) -> None:
    """The build rendered into ``site`` is now ``output``: its fresh index becomes the index."""
    fresh, folder = fresh_path(site), index_path(output)
    if fresh.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        fresh.rename(folder)


def discard(site: Path) -> None:
    shutil.rmtree(fresh_path(site), ignore_errors=True)


def build(docs: list[SearchDoc], output: Path):
    """Write the index of ``docs`` for the build in ``output``; returns the open whoosh index.

    It stays in ``fresh_path`` until the build succeeds (``promote``): a failed build leaves
    the index of the previous site, as it leaves the previous site. Pelican run directly
    (no staging folder) promotes it at once."""
    fresh = fresh_path(output)
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    ix = whoosh_index.create_in(str(fresh), schema())
    writer = ix.writer(limitmb=256)
    for doc in docs:
        writer.add_document(
            title=doc.title, number=doc.number, org_name=doc.org_name, text=doc.text,
            org=doc.org_slug, type=doc.type, year=doc.year or "-",
            stored=(doc.url, doc.title, doc.org_slug, doc.org_name, doc.type, doc.date, doc.source))
    writer.commit(optimize=True)
    if not is_staging(Path(output).resolve()):
        promote(output, output)
        return whoosh_index.open_dir(str(index_path(output)))
    return whoosh_index.open_dir(str(fresh))


def open_index(output: Path):
    """The index of the build in ``output``, or None when there is none."""
    folder = index_path(output)
    if not folder.is_dir() or not whoosh_index.exists_in(str(folder)):
        return None
    return whoosh_index.open_dir(str(folder), readonly=True)


def make_query(query: str):
    """All of the query's terms, each in any text field (weighted by ``FIELD_BOOSTS``)."""
    terms = query_terms(query)
    if not terms:
        return None
    return And([Or([Term(field, term, boost=boost) for field, boost in FIELD_BOOSTS.items()]) for term in terms])


def make_filter(org: str | None = None, type: str | None = None, year: str | None = None):
    parts = [Term(name, value) for name, value in (("org", org), ("type", type), ("year", year)) if value]
    return And(parts) if parts else None


HIT_KEYS = ("url", "title", "org", "org_name", "type", "date", "source")


def search(ix, query: str, limit: int | None = 20, org=None, type=None, year=None) -> tuple[int, list[dict]]:
    """(number of matches, the best ``limit`` hits as dicts of ``HIT_KEYS`` plus ``score``)."""
    parsed = make_query(query)
    if parsed is None:
        return 0, []
    with ix.searcher(weighting=weighting()) as searcher:
        results = searcher.search(parsed, limit=limit, filter=make_filter(org, type, year))
        hits = [dict(zip(HIT_KEYS, hit["stored"]), score=hit.score) for hit in results]
        return len(results), hits


__all__ = ["index_path", "FIELD_BOOSTS", "build", "open_index", "search"]
