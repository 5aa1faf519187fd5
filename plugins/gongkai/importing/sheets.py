"""Which sheet is what: a journal, a recipient list or a budget, recognised by its header.

A workbook's journal sheets are read together, in order (the balance runs on from one
sheet to the next); every list or budget sheet is a record of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import Problems
from . import budget, journal, recipients
from .drafts import Context, Draft
from .formats import Unreadable
from .header import Header, find_header
from .table import Sheet
from .workbook import read_workbook


@dataclass(frozen=True)
class Target:
    vocabulary: dict[str, str]
    required: tuple[str, ...]
    what: str  # for messages: 现金日记账
    columns: str  # the header words it needs, for messages


TARGETS = {
    "finance": Target(journal.VOCABULARY, journal.REQUIRED, "现金日记账或银行存款日记账", "「摘要」「借方」「贷方」"),
    "subsidy": Target(recipients.VOCABULARY, recipients.REQUIRED, "补贴或低保名单", "「姓名」「金额」"),
    "budget": Target(budget.VOCABULARY, budget.REQUIRED, "预算或决算表", "「项目」「预算数」"),
}


def recognise(sheet: Sheet, record_type: str | None) -> tuple[str, Header] | None:
    """The type whose header names the most columns (only ``record_type`` when given)."""
    found = []
    for name, target in TARGETS.items():
        if record_type in (None, name):
            header = find_header(sheet, target.vocabulary, target.required)
            if header is not None:
                found.append((len(header.roles), name, header))
    if not found:
        return None
    _, name, header = max(found, key=lambda item: item[0])
    return name, header


def _no_header(sheet: Sheet, record_type: str | None) -> str:
    if record_type:
        target = TARGETS[record_type]
        return (f"找不到{target.what}的表头：前 30 行里没有一行同时写着{target.columns}：请检查表头的字，"
                "或去掉 --type 让程序自己识别")
    needs = "；".join(f"{t.what}要有{t.columns}" for t in TARGETS.values())
    return f"这个工作表里找不到认得出的表头（{needs}）：请检查表头，或把不需要导入的工作表删掉或隐藏"


def read_file(path: str, context: Context, record_type: str | None, problems: Problems) -> list[Draft]:
    """Every record draft in one workbook; its problems go to ``problems``, never raised."""
    try:
        sheets = read_workbook(Path(path))
    except Unreadable as reason:
        problems.error_at(path, "", str(reason))
        return []
    journal_sheets, drafts = [], []
    for sheet in sheets:
        if sheet.is_empty:
            continue
        if sheet.hidden:
            problems.warning_at(path, sheet.name, "这是隐藏的工作表，没有导入（要导入请先取消隐藏）", sheet.order())
            continue
        found = recognise(sheet, record_type)
        if found is None:
            problems.error_at(path, sheet.name, _no_header(sheet, record_type), sheet.order())
            continue
        kind, header = found
        if kind == "finance":
            journal_sheets.append((sheet, header))
        elif kind == "subsidy":
            drafts += recipients.read_list(sheet, header, path, problems, context)
        else:
            drafts += budget.read_budget(sheet, header, path, problems, context)
    if journal_sheets:
        drafts = journal.read_journal(journal_sheets, path, problems, context) + drafts
    return drafts
