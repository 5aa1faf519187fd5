"""HTML pages: one per record, one per org, the home page and the 404 page."""

from __future__ import annotations

from .. import display, qr
from ..datasets import org_json_path
from . import standard_catalogue
from .feeds import alternates, column_feed, org_feed

MEMBER_BODIES = ("村两委", "村务监督委员会")
COLUMN_LIMIT = 10  # records listed per column on an org page; the catalogue has them all


def feed_links(org, column: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, href, label) of the org's (or one column's) feeds, as the feeds writer names them."""
    feed = org_feed(org) if column is None else column_feed(None, column, org)
    return [("atom", feed.atom, "Atom"), ("rss", feed.rss, "RSS")]


def referenced_by(site) -> dict[int, dict[str, list]]:
    """For each record, the records that point at it, by the pointing key (one pass):
    a tender learns its award, a policy the newer one that replaced it."""
    back: dict[int, dict[str, list]] = {}
    for record in site.records:  # newest first, so each list is too
        for key, target in record.refs.items():
            back.setdefault(id(target), {}).setdefault(key, []).append(record)
    return back


def ledger_neighbours(site) -> dict[int, tuple]:
    """For each finance record, the same org's ledgers of the periods just before and after it
    (None at either end), so a citizen can page through the months."""
    neighbours: dict[int, tuple] = {}
    for org in site.orgs.values():
        ledgers = sorted((r for r in org.records if r.type == "finance"), key=lambda r: r.data["period"])
        for i, record in enumerate(ledgers):
            neighbours[id(record)] = (ledgers[i - 1] if i else None, ledgers[i + 1] if i + 1 < len(ledgers) else None)
    return neighbours


def record_context(site, record, back=None, neighbours=None) -> dict:
    schema = site.schemas[record.type]
    address = qr.record_address(site.settings.site_url, record.url)
    label = f"{record.org.name} {record.title}"
    # every field as rows is only for a type without a template of its own: built on demand
    return {"record": record, "field_rows": lambda: display.rows(record.record_type, schema, record.data),
            "view": record.record_type.view(record),
            "schema_label": lambda path: display.field_label(schema, path),
            "address": address, "qr": qr.svg(address, label) if address else None,
            "alternates": alternates(site, record=record), "back": (back or {}).get(id(record), {}),
            "neighbours": (neighbours or {}).get(id(record), (None, None))}


def write_records(site, output) -> None:
    back, neighbours = referenced_by(site), ledger_neighbours(site)
    for record in site.records:
        output.render("record.html", record.url, **record_context(site, record, back, neighbours))


def member_groups(org) -> list[tuple[str, list[dict]]]:
    """Members split by body: 村两委 and 村务监督委员会 first, any other body after, in file order."""
    groups: dict[str, list[dict]] = {body: [] for body in MEMBER_BODIES}
    for member in org.data.get("members", ()):
        groups.setdefault(member.get("body") or "成员", []).append(member)
    return [(body, people) for body, people in groups.items() if people]


def org_columns(site, org) -> list[dict]:
    """The org's catalogue columns (configured ones first, each with its records newest first)."""
    by_column: dict[str, list] = {}
    for record in org.records:  # newest first: a column's first record is its last update
        by_column.setdefault(record.category, []).append(record)
    names = list(site.settings.columns_for(org.kind)) + sorted(set(by_column) - set(site.settings.columns_for(org.kind)))
    return [{"name": name, "records": by_column.get(name, []),
             "feeds": feed_links(org, name) if name in by_column else []}
            for name in names if name in by_column or org.kind == "village"]


def write_orgs(site, output) -> None:
    for org in site.orgs.values():
        finance = [r for r in org.records if r.type == "finance"]
        output.render("org.html", f"{org.slug}/index.html", org=org, columns=org_columns(site, org),
                      member_groups=member_groups(org), column_limit=COLUMN_LIMIT,
                      latest_finance=max(finance, key=lambda r: (r.data["period"], r.date)) if finance else None,
                      has_finance=bool(finance), feeds=feed_links(org) if org.records else [],
                      standard_catalogue=standard_catalogue.page_url(org.kind) if org.kind in site.settings.standard_catalogues else None,
                      alternates=[*alternates(site, org=org), ("application/json", org_json_path(org), f"{org.name}（JSON 数据）")])


def write_home(site, output) -> None:
    output.render("index.html", "index.html", latest=site.records[: site.settings.latest_count],
                  top=site.top if site.orgs else None, alternates=alternates(site))


def write_not_found(site, output) -> None:
    """404.html is served at any depth, so its links are absolute (the site's address, else /)."""
    root = site.settings.site_url.rstrip("/") + "/" if site.settings.site_url else "/"
    output.render("404.html", "404.html", root_override=root)
