"""四议两公开: six stages in a fixed order; impossible numbers are errors, weak ones warnings.

The two thresholds (two thirds present, a majority of those present) live here once:
the checks warn with them and the page marks the same meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .base import Columns, CsvLines, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

STAGES = ("提议", "商议", "审议", "决议", "决议公开", "实施结果公开")
MEETINGS = STAGES[:4]  # the four deliberations: each a meeting with attendance and a vote


def short_attendance(expected: int, present: int) -> bool:
    """A meeting needs two thirds of its members present."""
    return bool(expected) and Fraction(present, expected) < Fraction(2, 3)


def not_passed(votes_for: int, present: int) -> bool:
    """A motion passes with more than half of those present."""
    return votes_for * 2 <= present


@dataclass
class Stage:
    name: str
    date: str
    body: str
    note: str
    is_meeting: bool
    expected: int | None
    present: int | None
    votes: dict[str, int]
    short_attendance: bool
    not_passed: bool

    @property
    def attendance_percent(self) -> str:
        if not self.expected or self.present is None:
            return ""
        return f"{self.present * 100 / self.expected:.0f}"


@dataclass(frozen=True)
class DecisionView:
    stages: list[Stage]
    pending: list[str]  # the stages not reached yet
    amount: Decimal | None


def stage_view(s: dict[str, Any]) -> Stage:
    expected, present = s.get("expected"), s.get("present")
    is_meeting = s["stage"] in MEETINGS and expected is not None and present is not None
    return Stage(
        name=s["stage"], date=s["date"], body=s.get("body", ""), note=s.get("note", ""), is_meeting=is_meeting,
        expected=expected, present=present, votes={k: s[k] for k in ("for", "against", "abstain") if k in s},
        short_attendance=is_meeting and short_attendance(expected, present),
        not_passed=is_meeting and "for" in s and not_passed(s["for"], present))


class Decision(RecordType):
    code = "decision"
    label = "四议两公开"
    index_code = "JC"
    columns = Columns(village="重大事项", government="其他")
    csv = CsvLines(("stages",), rows="每一个议事环节一行")

    def check(self, record: Record, checker: Checker) -> None:
        stages = record.data["stages"]
        names = [s["stage"] for s in stages]
        if names != list(STAGES[: len(names)]):
            checker.error(("stages",), f"「议事过程」的环节要按 {' → '.join(STAGES)} 的顺序，一个不缺、不重复；现在是 {' → '.join(names)}")
        previous = None
        for i, stage in enumerate(stages):
            day = date.fromisoformat(stage["date"])
            if previous and day < previous:
                checker.error(("stages", i, "date"), f"「{stage['stage']}」的日期 {stage['date']} 早于上一环节：日期不能倒退")
            previous = day
            if stage["stage"] in MEETINGS:
                self._check_meeting(record, checker, i, stage)

    @staticmethod
    def _check_meeting(record: Record, checker: Checker, i: int, stage: dict[str, Any]) -> None:
        name = stage["stage"]
        if "expected" not in stage or "present" not in stage:
            checker.error(("stages", i), f"「{name}」是一次会议：要写「应到人数」（expected）和「实到人数」（present）")
            return
        expected, present = stage["expected"], stage["present"]
        if present > expected:
            checker.error(("stages", i, "present"), f"「{name}」实到 {present} 人，多于应到 {expected} 人：请核对人数")
            return
        votes = [stage.get(k, 0) for k in ("for", "against", "abstain")]
        if sum(votes) > present:
            checker.error(("stages", i, "for"), f"「{name}」赞成、反对、弃权共 {sum(votes)} 票，多于实到 {present} 人：请核对票数")
            return
        if short_attendance(expected, present):
            warning = f"「{name}」应到 {expected} 人，实到 {present} 人，不足三分之二：会议人数不够，决定的效力存疑"
            record.warnings.append(warning)
            checker.warning(("stages", i, "present"), warning)
        if "for" in stage and not_passed(stage["for"], present):
            warning = f"「{name}」赞成 {stage['for']} 票，未超过实到 {present} 人的半数：这一事项没有获得通过"
            record.warnings.append(warning)
            checker.warning(("stages", i, "for"), warning)

    def view(self, record: Record) -> DecisionView:
        stages = [stage_view(s) for s in record.data["stages"]]
        done = {s.name for s in stages}
        return DecisionView(stages, [name for name in STAGES if name not in done], record.data.get("amount"))
