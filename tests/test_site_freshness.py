"""Which finance periods a village has missed, month by month or quarter by quarter, counted up to
the period of the reference date (the newest record in the site, never the clock)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.freshness import missing_finance, next_period, period_of


def ledgers(*periods):
    return [SimpleNamespace(data={"period": p}) for p in periods]


@pytest.mark.parametrize("period, following", [("2025-12", "2026-01"), ("2026-09", "2026-10"),
                                               ("2025-Q4", "2026-Q1"), ("2026-Q2", "2026-Q3")])
def test_next_period_crosses_years(period, following):
    assert next_period(period) == following


def test_period_of_a_day():
    assert period_of(date(2026, 11, 30), "month") == "2026-11"
    assert period_of(date(2026, 11, 30), "quarter") == "2026-Q4"


def test_monthly_gaps_up_to_the_month_before_the_reference():
    records = ledgers("2025-11", "2026-01", "2026-02")
    assert missing_finance(records, "month", date(2026, 5, 3)) == ["2025-12", "2026-03", "2026-04"]
    assert missing_finance(records, "month", date(2026, 3, 1)) == ["2025-12"]


def test_a_quarterly_ledger_covers_its_three_months():
    assert missing_finance(ledgers("2026-Q1", "2026-04"), "month", date(2026, 6, 10)) == ["2026-05"]


def test_quarterly_rule_counts_any_ledger_in_the_quarter():
    records = ledgers("2025-10", "2026-02", "2026-Q3")
    assert missing_finance(records, "quarter", date(2026, 12, 1)) == ["2026-Q2"]


def test_nothing_published_is_reported_elsewhere_not_as_gaps():
    assert missing_finance([], "month", date(2026, 5, 1)) == []
