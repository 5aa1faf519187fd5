"""What search sees of the site: one ``SearchDoc`` per record and per org profile.

Every text value of the record (walked through its data: lists, tables, nested maps) and
the plain text of its Markdown body, with the title, document number (文号) and org name
kept apart so they can weigh more.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime

from .. import types

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_APART = {"type", "title", "doc_number"}  # fields kept apart or meaningless as text


@dataclass(frozen=True)
class SearchDoc:
    url: str  # relative to the site root
    title: str
    number: str  # 文号, or ""
    org_slug: str
    org_name: str
    type: str
    date: str  # YYYY-MM-DD, or "" (org profiles)
    source: str  # the file, relative to the content folder
    text: str  # everything else, as one plain text

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def type_label(self) -> str:
        return types.label(self.type)

    @property
    def all_text(self) -> str:
        """What a substring search over the record would look at."""
        return "\n".join((self.title, self.number, self.org_name, self.text))


def documents(site) -> list[SearchDoc]:
    """The site's records (newest first), then its org profiles (in slug order)."""
    docs = [record_doc(record) for record in site.records]
    docs.extend(org_doc(org) for org in site.orgs.values())
    return docs


def record_doc(record) -> SearchDoc:
    parts = [record.summary, html_text(record.body_html), record.type_label, record.category]
    parts.extend(values(record.data, skip=_APART))
    return SearchDoc(url=record.url, title=record.title, number=str(record.data.get("doc_number") or ""),
                     org_slug=record.org.slug, org_name=record.org.name, type=record.type,
                     date=record.date.isoformat(), source=record.source_path, text=_join(parts))


def org_doc(org) -> SearchDoc:
    parts = [types.ORG.label, *values(org.data, skip=_APART | {"name"})]
    return SearchDoc(url=f"{org.slug}/index.html", title=org.name, number="", org_slug=org.slug,
                     org_name=org.name, type="org", date="", source=org.source_path, text=_join(parts))


def values(data, skip=frozenset()) -> list[str]:
    """Every scalar value under ``data`` as text, in document order (keys are not text)."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                out.extend(values(value))
    elif isinstance(data, (list, tuple)):
        for item in data:
            out.extend(values(item))
    elif isinstance(data, (date, datetime)):
        out.append(data.isoformat())
    elif data is not None and not isinstance(data, bool):
        out.append(str(data))
    return out


def html_text(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment or ""))


def _join(parts) -> str:
    return _SPACE.sub(" ", " ".join(p for p in parts if p)).strip()
