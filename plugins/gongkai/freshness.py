"""Who is overdue: a village missing a monthly (or quarterly) finance record, a column whose
newest record is older than its limit.

Everything is measured against the date of the newest record in the whole site, never
against the clock: the same content gives the same page on every build, and a build made
months later does not suddenly call everyone late.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .types.finance import period_bounds

if TYPE_CHECKING:
    from .model import Org, Record, Site

PERIOD_WORDS = {"month": "月", "quarter": "季度"}
"""The finance period the county requires (settings.finance_every), as the messages say it."""
MESSAGES = {
    "no_finance": "没有任何财务收支公开（应每%(p)s公开一次）",
    "missing_finance": "缺少 %(periods)s 的财务收支公开（应每%(p)s公开一次）",
    "column_never": "「%(c)s」栏目从未更新（应至少每 %(n)s 天更新一次）",
    "column_stale": "「%(c)s」栏目最近一次更新是 %(d)s，已 %(a)s 天（限 %(n)s 天）",
}
"""How each kind of finding is said: once, for the freshness page (through gettext) and ``report``."""


@dataclass(frozen=True)
class Finding:
    """One reason an org is overdue."""

    org: Org
    kind: str  # a key of MESSAGES
    period_word: str  # 月 or 季度: the required finance period
    periods: tuple[str, ...] = ()  # missing_finance: the missing periods
    column: str = ""
    newest: date | None = None  # column_stale: the column's newest record date
    age: int = 0  # column_stale: days from ``newest`` to the reference date
    limit: int = 0  # the column's limit in days

    def describe(self, gettext: Callable[[str], str] = str) -> str:
        """The finding in words, in the site language when ``gettext`` translates."""
        return gettext(MESSAGES[self.kind]) % {"p": gettext(self.period_word), "periods": "、".join(self.periods),
                                              "c": self.column, "n": self.limit, "d": self.newest, "a": self.age}


def period_of(day: date, every: str) -> str:
    return f"{day.year}-{day.month:02d}" if every == "month" else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def next_period(period: str) -> str:
    year_written, part = period.split("-")
    year = int(year_written)
    if part.startswith("Q"):
        q = int(part[1])
        return f"{year + 1}-Q1" if q == 4 else f"{year}-Q{q + 1}"
    month = int(part)
    return f"{year + 1}-01" if month == 12 else f"{year}-{month + 1:02d}"


def covered_periods(records: Iterable[Record], every: str) -> set[str]:
    """Periods (in the required granularity) that some finance record covers."""
    covered: set[str] = set()
    for record in records:
        start, end = period_bounds(record.data["period"])
        if every == "quarter" or "Q" not in record.data["period"]:
            covered.add(period_of(start, every))
        else:  # a quarterly record covers each of its months
            covered.update(period_of(date(start.year, m, 1), every) for m in range(start.month, end.month + 1))
    return covered


def missing_finance(records: Iterable[Record], every: str, reference: date) -> list[str]:
    """Periods from the first published one up to the last one ended before ``reference``."""
    covered = covered_periods(records, every)
    if not covered:
        return []
    current = period_of(reference, every)
    missing: list[str] = []
    period = min(covered)
    while period < current:
        if period not in covered:
            missing.append(period)
        period = next_period(period)
    return missing


def findings(site: Site, reference: date | None = None) -> tuple[date | None, list[Finding]]:
    """Who is overdue as of ``reference``: by default the newest record's date (the page must
    not depend on the clock); ``publish.py report`` passes today."""
    if not site.records:
        return None, []
    reference = reference or max(r.date for r in site.records)
    settings = site.settings
    every = settings.finance_every
    word = PERIOD_WORDS[every]
    found: list[Finding] = []
    for org in site.orgs.values():
        finance = [r for r in org.records if r.type == "finance"]
        if org.kind == "village":
            if not finance:
                found.append(Finding(org, "no_finance", word))
            else:
                missing = missing_finance(finance, every, reference)
                if missing:
                    found.append(Finding(org, "missing_finance", word, periods=tuple(missing)))
        newest: dict[str, date] = {}
        for record in org.records:  # newest first
            newest.setdefault(record.category, record.date)
        for column in settings.columns_for(org.kind):
            limit = settings.column_max_age_days.get(column)
            if limit is None:
                continue
            if column not in newest:
                found.append(Finding(org, "column_never", word, column=column, limit=limit))
            elif (reference - newest[column]).days > limit:
                age = (reference - newest[column]).days
                found.append(Finding(org, "column_stale", word, column=column, newest=newest[column], age=age, limit=limit))
    return reference, found
