"""What each record type checks beyond its schema, and what it derives for its pages.

Each module has ``check(record, checker)`` for one record (arithmetic, dates, the
type's own rules; it may fill ``record.derived`` and ``record.warnings``) and may have
``check_across(records, checker_for)`` for rules between records of that type.
"""

from . import budget, decision, finance, notice, policy, procurement, report, service, subsidy

MODULES = {
    "finance": finance, "budget": budget, "policy": policy, "notice": notice, "service": service,
    "subsidy": subsidy, "decision": decision, "procurement": procurement, "report": report,
}
