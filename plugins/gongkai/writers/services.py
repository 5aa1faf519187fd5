"""办事指南 listed twice, as citizens look for them: by handling department and by topic."""

from __future__ import annotations

NO_TOPIC = "其他"


def grouped(services, key) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for record in services:
        for name in key(record):
            groups.setdefault(name, []).append(record)
    return [(name, sorted(records, key=lambda r: (r.data["name"], r.index_no))) for name, records in sorted(groups.items())]


def write(site, output) -> None:
    services = [r for r in site.records if r.type == "service"]
    by_department = grouped(services, lambda r: [r.data["department"]])
    by_topic = grouped(services, lambda r: r.data.get("topics") or [NO_TOPIC])
    output.render("services.html", "services/index.html", groups=by_department, by="department", count=len(services))
    output.render("services.html", "services/topics.html", groups=by_topic, by="topic", count=len(services))
