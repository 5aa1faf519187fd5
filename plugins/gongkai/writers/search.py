"""Search: the whoosh index of the build, its static export, and the search page.

The whoosh index goes to a folder beside the build (``.output.search-index/``, see
``search/index.py``) for ``publish.py search``; the site itself searches the static shards
under ``search/<version>/`` with ``theme/js/search.js`` on ``search.html``.
"""

from __future__ import annotations

from .. import types
from ..search import index
from ..search.documents import documents
from ..search.export import DOCS_PER_FILE, export

_KIND_ORDER = ("county", "township", "department", "village")


def write(site, output) -> None:
    docs = documents(site)
    ix = index.build(docs, output.root)
    exported = export(ix, docs)
    ix.close()
    for path, data in sorted(exported.files.items()):
        output.write_bytes(exported.base + path, data)
    output.render("search.html", "search.html", search=exported, per_file=DOCS_PER_FILE,
                  orgs=filter_orgs(site), types=filter_types(docs), years=[y for y, _, _ in exported.years],
                  year_ranges=",".join(f"{y}:{a}:{b}" for y, a, b in exported.years))


def filter_orgs(site) -> list:
    """Orgs for the filter: county, townships, departments, villages; by name within each."""
    return sorted(site.orgs.values(), key=lambda o: (_KIND_ORDER.index(o.kind) if o.kind in _KIND_ORDER else 9, o.name, o.slug))


def filter_types(docs) -> list[tuple[str, str]]:
    present = {d.type for d in docs}
    return [(code, types.label(code)) for code in types.ALL_TYPES if code in present]
