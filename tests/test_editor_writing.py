"""Writing records back, in process with the real readers: the clerk's file stays the clerk's.

Every written text is read back by our own reader (``reading/yamltext.py``): a value the form
meant as text (``0107``, ``yes``) must read back as that text, untouched lines stay byte for
byte, and a row removed takes only its own lines with it. The editor's check of one record
says exactly what ``publish.py check`` says of that file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import DEMO_CONTENT
from gongkai.commands.new import template_text
from gongkai.editor.merge import merge
from gongkai.editor.values import Rows, money, same
from gongkai.editor.yamlwrite import plain_ok, rewrite
from gongkai.load import load_site
from gongkai.problems import Problems
from gongkai.reading.source import parse_text
from gongkai.settings import Settings

LEDGER = "orgs/xiaohe-village/finance/2026-03.yaml"


def read(text: str, path: str = "x.yaml") -> dict:
    parsed = parse_text(text, path, Problems())
    assert parsed is not None
    return dict(parsed[0])


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    return [(line[0], line[1:]) for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("typed, meant", [("1,200.50", Decimal("1200.50")), ("１２００．５０", Decimal("1200.50")),
                                          ("1200.5", Decimal("1200.50")), ("5000", Decimal("5000.00")),
                                          ("¥ 3,000 元", Decimal("3000.00")), ("1.234", Decimal("1.234")),
                                          ("一千元", "一千元"), ("12。5", Decimal("12.50"))])
def test_money_is_read_as_clerks_type_it(typed, meant):
    assert same(money(typed), meant)


@pytest.mark.parametrize("text", ["0107", "yes", "no", "on", "~", "null", "1_000", "12", "1.50", ".inf",
                                  "2026-03-01", "a: b", "# x", "- x", "  x", "x  ", "'q'", '"q"', "&a", "*a",
                                  "记-0107", "村级组织运转经费", "8:30", "true"])
def test_text_is_written_so_our_reader_reads_it_back_as_that_text(text):
    template = "type: finance\ntitle: 标题   # 标题\nsummary: 旧的\n"
    old = read(template)
    written = rewrite(template, "x.yaml", old, {**old, "summary": text})
    assert read(written)["summary"] == text
    assert written.splitlines()[:2] == template.splitlines()[:2]


def test_plain_where_plain_reads_back_quoted_where_it_would_not():
    assert plain_ok("村级组织运转经费") and plain_ok("记-0107") and plain_ok("2026-03-01")
    assert not plain_ok("0107") and not plain_ok("yes") and not plain_ok("a: b") and not plain_ok("12")


def test_untouched_lines_and_comments_stay_when_a_row_is_removed_and_one_added():
    text = (DEMO_CONTENT / LEDGER).read_text("utf-8").replace("  - date: 2026-03-02", "  # 上级拨款\n  - date: 2026-03-02")
    old = read(text, LEDGER)
    income = list(old["income"])
    added = {"date": "2026-03-30", "subject": "其他收入", "summary": "存款利息", "amount": Decimal("1.50"), "voucher": "0107"}
    new = {**old, "income": Rows(income[1:] + [added], list(range(1, len(income))) + [None]),
           "closing_balance": old["closing_balance"] - income[0]["amount"] + Decimal("1.50")}
    written = rewrite(text, LEDGER, old, new)
    assert read(written, LEDGER)["income"][-1]["voucher"] == "0107"
    removed = [line for sign, line in changed_lines(text, written) if sign == "-"]
    kept = set(text.splitlines()) - set(removed)
    assert all(line in written.splitlines() for line in kept)
    assert len([line for line in removed if "closing_balance" not in line]) == 5  # the first row's five lines only


def test_untouched_values_keep_their_spelling():
    text = "type: notice\ntitle: x\ndate: 2026-03-01\namount: 5000\nstatus: in_force\nvoucher: 0107\nflag: yes\n"
    old = read(text)
    assert rewrite(text, "x.yaml", old, {**old, "title": "y"}) == text.replace("title: x", "title: y")


def test_a_markdown_body_is_replaced_and_the_front_matter_kept():
    text = template_text("notice", "../../x.json")
    old = read(text, "a.md")
    written = rewrite(text, "a.md", old, {**old, "title": "新的"}, "第一段。\n\n第二段。")
    parsed = parse_text(written, "a.md", Problems())
    assert parsed[1] == "第一段。\n\n第二段。\n" and parsed[0]["title"] == "新的"
    assert written.startswith("---\n# yaml-language-server: $schema=../../x.json\n")


lines = st.lists(st.sampled_from(["a: 1", "b: 2", "  - x", "  -   y", "c: ~", "# c", "", "d: 'q'"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(lines, lines)
def test_merge_keeps_the_original_where_nothing_was_edited(original, baseline):
    o, b = "\n".join(original) + "\n", "\n".join(baseline) + "\n"
    assert merge(o, b, b) == o
    assert merge(o, o, b) == b


# -- the check of one record in a loaded county is ``publish.py check`` of that file -------------

@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    from editorrun import demo_county

    return demo_county(tmp_path_factory.mktemp("workspace"), repository=False)


BREAKAGES = {
    "closing balance off by a cent": (LEDGER, lambda t: t.replace("closing_balance: ", "closing_balance: 1", 1)),
    "an entry outside the period": (LEDGER, lambda t: t.replace("date: 2026-03-0", "date: 2026-04-0", 1)),
    "a mobile number": ("orgs/xiaohe-village/notice/2026-10-dangfei.md", lambda t: t + "\n联系 13812345678\n"),
    # (named to sort after the first: check blames the later file of the two, the editor the new one)
    "a second ledger for the same month": ("orgs/xiaohe-village/finance/2026-zz-copy.yaml", None),
    "a YAML syntax error": (LEDGER, lambda t: t.replace("period: ", "period: : ", 1)),
    "a broken reference": ("orgs/agriculture/policy/2026-dili-butie.md",
                           lambda t: t.replace("title:", "replaced_by: nowhere\ntitle:", 1)),
}


@pytest.mark.parametrize("case", sorted(BREAKAGES))
def test_the_editors_check_says_what_publish_check_says(county, case):
    from gongkai.editor.workspace import Workspace

    path, breaking = BREAKAGES[case]
    source = county / (LEDGER if breaking is None else path)
    text = source.read_text("utf-8")
    broken = text if breaking is None else breaking(text)
    workspace = Workspace(county, Settings())
    checked = workspace.check(path, broken)
    (county / path).write_text(broken, "utf-8")
    try:
        _, problems = load_site(county, Settings())
    finally:
        (county / path).write_text(text, "utf-8") if breaking else (county / path).unlink()
    expected = [str(p) for p in problems.sorted() if p.path == path]
    assert expected and [str(p) for p in checked.problems] == expected
    assert all(p.field for p in checked.problems if p.level == "错误" and "YAML" not in case and "语法" not in p.message)


def test_a_record_others_point_at_cannot_change_so_they_break(county):
    from gongkai.editor.workspace import Workspace

    workspace = Workspace(county, Settings())
    tender = next(r for r in workspace.site.records if r.type == "procurement" and workspace.referrers(r))
    text = (county / tender.source_path).read_text("utf-8")
    as_award = text.replace("stage: tender", "stage: award\nsupplier: 某某商贸有限公司\namount: 100.00")
    checked = workspace.check(tender.source_path, as_award)
    assert any("引用了这条记录" in p.message for p in checked.errors)


def test_accepting_a_saved_record_updates_the_loaded_county(county):
    from gongkai.editor.workspace import Workspace

    workspace = Workspace(county, Settings())
    count = len(workspace.site.records)
    path = "orgs/xiaohe-village/finance/2026-03.yaml"
    text = (county / path).read_text("utf-8").replace("title: ", "title: 改过的", 1)
    checked = workspace.check(path, text)
    workspace.accept(checked)
    assert len(workspace.site.records) == count
    assert workspace.by_path[path].title.startswith("改过的")
    assert workspace.site.by_index_no[workspace.by_path[path].index_no] is workspace.by_path[path]
    copy = path.replace("2026-03", "2026-03-copy")
    assert any("已经有一条" in p.message for p in workspace.check(copy, text).errors)


def test_choices_are_chinese_and_a_value_nobody_touched_keeps_its_spelling():
    from gongkai.editor.fields import Builder, Context
    from gongkai.editor.formdata import Form, read
    from gongkai.schema import Schemas

    builder = Builder(Schemas.shared()["policy"].document, Context("policy"))
    data = {"type": "policy", "title": "t", "date": "2026-01-01", "doc_number": "1", "issuer": "x",
            "issued": "2026-01-01", "status": "in_force"}
    fields = builder.top(data)
    status = next(f for f in fields if f.name == "status")
    assert [text for _, text in status.options] == ["现行有效", "已修改", "已废止"]
    posted = [(f.name, f.value) for f in fields]
    assert read(Form(posted), fields, data)["status"] == "in_force"  # untouched: the code stays
    chosen = [(n, "已修改" if n == "status" else v) for n, v in posted]
    assert read(Form(chosen), fields, data)["status"] == "已修改"  # a new choice: the Chinese word
    worded = builder.top({**data, "status": "废止"})  # another word clerks use for repealed
    assert next(f for f in worded if f.name == "status").options[2] == ("废止", "已废止")
