"""The freshness page: which orgs the county office should call (see ``freshness.py``)."""

from __future__ import annotations

from ..freshness import PERIOD_WORDS, findings
from ..theme_env import gettext_of


def write(site, output) -> None:
    reference, found = findings(site)
    by_org: dict = {}
    for finding in found:
        by_org.setdefault(finding.org.slug, (finding.org, []))[1].append(finding)
    overdue = [by_org[slug] for slug in sorted(by_org, key=lambda s: (site.orgs[s].kind != "village", s))]
    on_time = [o for o in site.orgs.values() if o.slug not in by_org]
    say = gettext_of(output.env)
    overdue_told = [(org, [finding.describe(say) for finding in problems]) for org, problems in overdue]
    output.render("freshness.html", "freshness.html", reference=reference, overdue=overdue_told, on_time=on_time,
                  period_word=PERIOD_WORDS[site.settings.finance_every])
