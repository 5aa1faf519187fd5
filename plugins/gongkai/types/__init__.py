"""The registry of record types: every kind of record, declared once, in catalogue order.

Each type is one module here (a ``RecordType`` subclass, see ``base.py``) with its JSON
Schema beside it as ``<code>.schema.json``. Adding a type is a new module and schema,
one line below, a ``templates/new/`` template and the theme's ``record/<code>.html``.
"""

from __future__ import annotations

from .base import TYPES_DIR, Columns, CsvLines, RecordType, Reference
from .budget import Budget
from .decision import Decision
from .finance import Finance
from .notice import Notice
from .org import ORG_FILE, OrgProfile
from .policy import Policy
from .procurement import Procurement
from .report import Report
from .service import Service
from .subsidy import Subsidy

ORG = OrgProfile()
RECORD_TYPES: dict[str, RecordType] = {t.code: t for t in (
    Finance(), Budget(), Policy(), Notice(), Service(), Subsidy(), Decision(), Procurement(), Report())}
"""Every type of record a clerk can publish, by code, in the order pages and data list them."""
ALL_TYPES: dict[str, RecordType] = {ORG.code: ORG, **RECORD_TYPES}
"""The record types and the org profile: everything with a schema and a ``new`` template."""


def record_type(code: str) -> RecordType:
    return RECORD_TYPES[code]


def label(code: str) -> str:
    """The Chinese name of a type (org profiles included): 财务收支."""
    return ALL_TYPES[code].label


__all__ = ["ALL_TYPES", "ORG", "ORG_FILE", "RECORD_TYPES", "TYPES_DIR", "Columns", "CsvLines", "RecordType", "Reference",
           "label", "record_type"]
