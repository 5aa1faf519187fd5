"""HTML pages: one per record, one per org, and the home page."""

from __future__ import annotations

from .. import display


def write_records(site, output) -> None:
    for record in site.records:
        schema = site.schemas[record.type]
        output.render("record.html", record.url, record=record, rows=display.rows(schema, record.data))


def write_orgs(site, output) -> None:
    for org in site.orgs.values():
        columns = {}
        for record in org.records:  # newest first: the first one seen is the column's last update
            columns.setdefault(record.category, []).append(record)
        output.render("org.html", f"{org.slug}/index.html", org=org, columns=columns,
                      members=display.rows(site.schemas["org"], {"members": org.data.get("members", [])}))


def write_home(site, output) -> None:
    output.render("index.html", "index.html", latest=site.records[: site.settings.latest_count], top=site.top if site.orgs else None)
