"""Who is overdue: a village missing a monthly (or quarterly) finance record, a column whose
newest record is older than its limit.

Everything is measured against the date of the newest record in the whole site, never
against the clock: the same content gives the same page on every build, and a build made
months later does not suddenly call everyone late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .types.finance import period_bounds


@dataclass(frozen=True)
class Finding:
    """One reason an org is overdue; ``text`` says it in Chinese, templates may phrase it from the fields."""

    org: object
    kind: str  # "no_finance", "missing_finance", "column_never" or "column_stale"
    text: str
    periods: tuple[str, ...] = ()  # missing_finance: the missing periods
    column: str = ""
    newest: date | None = None  # column_stale: the column's newest record date
    age: int = 0  # column_stale: days from ``newest`` to the reference date
    limit: int = 0  # the column's limit in days


def period_of(day: date, every: str) -> str:
    return f"{day.year}-{day.month:02d}" if every == "month" else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def next_period(period: str) -> str:
    year, part = period.split("-")
    year = int(year)
    if part.startswith("Q"):
        q = int(part[1])
        return f"{year + 1}-Q1" if q == 4 else f"{year}-Q{q + 1}"
    month = int(part)
    return f"{year + 1}-01" if month == 12 else f"{year}-{month + 1:02d}"


def covered_periods(records, every: str) -> set[str]:
    """Periods (in the required granularity) that some finance record covers."""
    covered = set()
    for record in records:
        start, end = period_bounds(record.data["period"])
        if every == "quarter" or "Q" not in record.data["period"]:
            covered.add(period_of(start, every))
        else:  # a quarterly record covers each of its months
            covered.update(period_of(date(start.year, m, 1), every) for m in range(start.month, end.month + 1))
    return covered


def missing_finance(records, every: str, reference: date) -> list[str]:
    """Periods from the first published one up to the last one ended before ``reference``."""
    covered = covered_periods(records, every)
    if not covered:
        return []
    current = period_of(reference, every)
    missing, period = [], min(covered)
    while period < current:
        if period not in covered:
            missing.append(period)
        period = next_period(period)
    return missing


def findings(site, reference: date | None = None) -> tuple[date | None, list[Finding]]:
    """Who is overdue as of ``reference``: by default the newest record's date (the page must
    not depend on the clock); ``publish.py report`` passes today."""
    if not site.records:
        return None, []
    reference = reference or max(r.date for r in site.records)
    settings = site.settings
    every = settings.finance_every
    word = "月" if every == "month" else "季度"
    found = []
    for org in site.orgs.values():
        finance = [r for r in org.records if r.type == "finance"]
        if org.kind == "village":
            if not finance:
                found.append(Finding(org, "no_finance", f"没有任何财务收支公开（应每{word}公开一次）"))
            else:
                missing = missing_finance(finance, every, reference)
                if missing:
                    found.append(Finding(org, "missing_finance", f"缺少 {'、'.join(missing)} 的财务收支公开（应每{word}公开一次）",
                                         periods=tuple(missing)))
        newest = {}
        for record in org.records:  # newest first
            newest.setdefault(record.category, record.date)
        for column in settings.columns_for(org.kind):
            limit = settings.column_max_age_days.get(column)
            if limit is None:
                continue
            if column not in newest:
                found.append(Finding(org, "column_never", f"「{column}」栏目从未更新（应至少每 {limit} 天更新一次）",
                                     column=column, limit=limit))
            elif (reference - newest[column]).days > limit:
                age = (reference - newest[column]).days
                found.append(Finding(org, "column_stale", f"「{column}」栏目最近一次更新是 {newest[column]}，已 {age} 天（限 {limit} 天）",
                                     column=column, newest=newest[column], age=age, limit=limit))
    return reference, found
