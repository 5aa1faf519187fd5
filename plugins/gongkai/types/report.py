"""政府信息公开工作年度报告: the arithmetic of the national template (2021 revision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .base import Columns, RecordType

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
OUTCOMES = ("granted", "partly_granted", "refused_state_secret", "refused_law_prohibits", "refused_security",
            "refused_third_party", "refused_internal", "refused_process", "refused_enforcement", "refused_query",
            "unable_not_held", "unable_needs_creation", "unable_unclear", "not_processed_petition",
            "not_processed_repeated", "not_processed_publication", "not_processed_excessive",
            "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee", "other")
REVIEW = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")
ZEROS = [0] * 7


@dataclass(frozen=True)
class ReportFacts:
    """Table 2's document counts, computed from the org's own policy records, never typed by hand."""

    documents_issued: int
    documents_repealed: int
    documents_in_force: int


@dataclass(frozen=True)
class ReportView:
    applicants: tuple[str, ...]
    request_rows: list[tuple[str, list[int]]]
    review_columns: tuple[str, ...]
    review_rows: list[tuple[str, list[int]]]
    counts: ReportFacts | None


def disclosure_counts(record: Record) -> ReportFacts:
    year = record.data["year"]
    year_end = date(year, 12, 31)
    issued = repealed = in_force = 0
    for other in record.org.records:
        if other.type != "policy":
            continue
        issued_on = date.fromisoformat(other.data["issued"])
        repealed_on = date.fromisoformat(other.data["repealed_on"]) if "repealed_on" in other.data else None
        issued += issued_on.year == year
        repealed += bool(repealed_on and repealed_on.year == year)
        in_force += issued_on <= year_end and not (repealed_on and repealed_on <= year_end)
    return ReportFacts(issued, repealed, in_force)


class Report(RecordType):
    code = "report"
    label = "年度报告"
    index_code = "BG"
    columns = Columns(village="村务", government="其他")
    places = {"row7": APPLICANTS, "row5": REVIEW}

    def check(self, record: Record, checker: Checker) -> None:
        requests = record.data["requests"]
        for key, row in requests.items():
            if sum(row[:6]) != row[6]:
                checker.error(("requests", key), f"{checker.label(('requests', key))}：各类申请人 {'+'.join(map(str, row[:6]))} = {sum(row[:6])}，"
                              f"与“总计”{row[6]} 不符")
        for column, applicant in enumerate(APPLICANTS):
            outcome_sum = sum(requests.get(k, ZEROS)[column] for k in OUTCOMES)
            if outcome_sum != requests["total"][column]:
                checker.error(("requests", "total"), f"“{applicant}”一列：各项办理结果相加为 {outcome_sum}，与「办理结果总计」{requests['total'][column]} 不符")
            handled_in = requests["new"][column] + requests["carried_in"][column]
            handled_out = requests["total"][column] + requests["carried_out"][column]
            if handled_in != handled_out:
                checker.error(("requests", "carried_out"), f"“{applicant}”一列：本年新收 + 上年结转 = {handled_in}，"
                              f"而办理结果总计 + 结转下年度 = {handled_out}，两者应当相等")
        for key in REVIEW_ROWS:
            row = record.data[key]
            if sum(row[:4]) != row[4]:
                checker.error((key,), f"{checker.label((key,))}：{'+'.join(map(str, row[:4]))} = {sum(row[:4])}，与“总计”{row[4]} 不符")

    def check_across(self, records: list[Record], checker_for) -> None:
        seen: dict[tuple[str, int], Record] = {}
        for record in records:
            record.facts = disclosure_counts(record)
            key = (record.org.slug, record.data["year"])
            if key in seen:
                checker_for(record).error(("year",), f"{record.org.name} {record.data['year']} 年度报告已经有一份（{seen[key].source_path}）")
            seen[key] = record

    def view(self, record: Record) -> ReportView:
        requests = record.data["requests"]
        rows = [(key, requests[key]) for key in ("new", "carried_in", *OUTCOMES, "total", "carried_out") if key in requests]
        facts = record.facts if isinstance(record.facts, ReportFacts) else None
        return ReportView(APPLICANTS, rows, REVIEW, [(key, record.data[key]) for key in REVIEW_ROWS], facts)
