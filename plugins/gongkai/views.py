"""What each record type's page shows, worked out in Python so templates only lay it out.

Totals come from the type checks (``record.derived``); what is only needed for display
(subtotals per subject, planned-vs-actual differences, a meeting's shortfalls) is
computed here, with Decimal money. ``view(record)`` returns a dict for the type's
template, or an empty one for types that need nothing beyond their fields and body.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .charts import paired_bars
from .model import money
from .types.decision import MEETINGS, STAGES, not_passed, short_attendance
from .types.report import APPLICANTS, OUTCOMES, REVIEW

ZERO = Decimal("0.00")


@dataclass
class Subtotal:
    subject: str
    count: int
    amount: Decimal


def subtotals(entries: list[dict]) -> list[Subtotal]:
    """Per-subject sums, in the order subjects first appear."""
    by_subject: dict[str, Subtotal] = {}
    for entry in entries:
        row = by_subject.setdefault(entry["subject"], Subtotal(entry["subject"], 0, ZERO))
        row.count += 1
        row.amount += money(entry["amount"])
    return list(by_subject.values())


def finance(record) -> dict:
    data, derived = record.data, record.derived
    return {
        "income": data["income"], "expense": data["expense"],
        "income_subtotals": subtotals(data["income"]), "expense_subtotals": subtotals(data["expense"]),
        "income_total": derived["income_total"], "expense_total": derived["expense_total"],
        "opening": derived["opening"], "closing": derived["closing"],
        "reviewed": data.get("reviewed_by"),
    }


@dataclass
class BudgetLine:
    name: str
    classification: str
    planned: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.planned


def budget(record) -> dict:
    data, derived = record.data, record.derived
    final = data["phase"] == "final"
    sides = {}
    for direction in ("income", "expense"):
        lines = [BudgetLine(line["name"], line.get("classification", ""), money(line["planned"]),
                            money(line["actual"]) if "actual" in line else None)
                 for line in data["lines"] if line["direction"] == direction]
        planned = money(derived[f"{direction}_planned"])
        actual = money(derived[f"{direction}_actual"]) if final or any(l.actual is not None for l in lines) else None
        sides[direction] = {"lines": lines, "planned": planned, "actual": actual,
                            "difference": None if actual is None else actual - planned}
    has_actual = any(s["actual"] is not None for s in sides.values())
    charts = {}
    if has_actual:
        for direction, side in sides.items():
            pairs = [(line.name, line.planned, line.actual) for line in side["lines"] if line.actual is not None]
            if pairs:
                charts[direction] = paired_bars(pairs)
    return {"sides": sides, "final": final, "has_actual": has_actual, "charts": charts}


def subsidy(record) -> dict:
    recipients = record.data["recipients"]
    columns = [key for key in ("group", "household_size", "quantity", "id") if any(key in r for r in recipients)]
    return {"recipients": recipients, "columns": columns, "total": money(record.data["total"]),
            "count": record.derived["recipient_count"], "unit": record.data.get("unit", ""),
            "rate": record.data.get("rate")}


@dataclass
class Stage:
    name: str
    date: str
    body: str
    note: str
    is_meeting: bool
    expected: int | None
    present: int | None
    votes: dict
    short_attendance: bool
    not_passed: bool

    @property
    def attendance_percent(self) -> str:
        if not self.expected:
            return ""
        return f"{self.present * 100 / self.expected:.0f}"


def decision(record) -> dict:
    stages = []
    for s in record.data["stages"]:
        expected, present = s.get("expected"), s.get("present")
        is_meeting = s["stage"] in MEETINGS and expected is not None and present is not None
        stages.append(Stage(
            name=s["stage"], date=s["date"], body=s.get("body", ""), note=s.get("note", ""), is_meeting=is_meeting,
            expected=expected, present=present,
            votes={k: s[k] for k in ("for", "against", "abstain") if k in s},
            short_attendance=is_meeting and short_attendance(expected, present),
            not_passed=is_meeting and "for" in s and not_passed(s["for"], present)))
    done = {s.name for s in stages}
    return {"stages": stages, "pending": [name for name in STAGES if name not in done],
            "amount": record.data.get("amount")}


def service(record) -> dict:
    forms = [a for a in record.attachments if any(a.file == f["file"] for f in record.data.get("forms", ()))]
    return {"forms": forms, "others": [a for a in record.attachments if a not in forms]}


def policy(record) -> dict:
    refs = record.derived.get("refs", {})
    return {"status": record.data["status"], "replaced_by": refs.get("replaced_by"),
            "interpretation": refs.get("interpretation")}


PROCUREMENT_STAGES = ("tender", "award", "contract")


def procurement(record) -> dict:
    refs = record.derived.get("refs", {})
    current = PROCUREMENT_STAGES.index(record.data["stage"])
    return {"stages": PROCUREMENT_STAGES, "current": current, "tender": refs.get("tender"), "award": refs.get("award"),
            "goods": record.data.get("items", ())}


def report(record) -> dict:
    requests = record.data["requests"]
    rows = [(key, requests[key]) for key in ("new", "carried_in") if key in requests]
    rows += [(key, requests[key]) for key in OUTCOMES if key in requests]
    rows += [(key, requests[key]) for key in ("total", "carried_out") if key in requests]
    return {"applicants": APPLICANTS, "request_rows": rows, "review_columns": REVIEW,
            "review_rows": [(key, record.data[key]) for key in ("review", "litigation_direct", "litigation_after_review")],
            "counts": record.derived}


VIEWS = {"finance": finance, "budget": budget, "subsidy": subsidy, "decision": decision, "service": service,
         "policy": policy, "procurement": procurement, "report": report}


def view(record) -> dict:
    make = VIEWS.get(record.type)
    return make(record) if make else {}
