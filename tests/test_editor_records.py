"""Each kind of record in the editor: the layouts with a fixed shape, attachments, withdrawing,
repealing, files that cannot be read — all in real Chromium against ``publish.py edit``."""

from __future__ import annotations

from pathlib import Path

import pytest

import documents
from conftest import publish
from editorrun import demo_county, git, running_editor

pytestmark = pytest.mark.xdist_group("editor")
DECISION = "orgs/xiaohe-village/decision/2026-cundao-yinghua.yaml"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return demo_county(tmp_path_factory.mktemp("editor-records"))


@pytest.fixture(scope="module")
def editor(content):
    with running_editor(content) as running:
        yield running


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).last.click()


def test_a_decisions_six_stages_are_boxes_in_their_fixed_order(page, editor, content):
    page.goto(editor.url(f"/edit/{DECISION}"))
    legends = page.locator("fieldset.stage > legend").all_inner_texts()
    assert legends == ["1. 提议", "2. 商议", "3. 审议", "4. 决议", "5. 决议公开", "6. 实施结果公开"]
    box = page.locator("fieldset.stage", has_text="审议").first
    box.get_by_label("实到人数").fill("43")  # more present than expected
    press(page, "保存")
    box = page.locator("fieldset.stage", has_text="审议").first
    assert "多于应到" in box.inner_text()
    assert "present: 34" in (content / DECISION).read_text("utf-8")


def test_the_annual_report_is_the_national_grid_with_its_sums(page, editor, content):
    page.goto(editor.url("/new/report?org=agriculture"))
    grid = page.locator("fieldset.grid-field", has_text="收到和处理政府信息公开申请情况")
    assert grid.locator("thead th").all_inner_texts()[1:8] == ["自然人", "商业企业", "科研机构", "社会公益组织",
                                                                "法律服务机构", "其他", "总计"]
    row = grid.locator("tr[data-gridrow]", has_text="本年新收政府信息公开申请数量")
    row.get_by_label("本年新收政府信息公开申请数量：自然人").fill("3")
    row.get_by_label("本年新收政府信息公开申请数量：商业企业").fill("2")
    assert row.locator("output").inner_text() == "5"  # the clerk sees what 总计 must be


def test_an_attachment_uploaded_with_the_form_is_committed_with_the_record(page, editor, content, tmp_path):
    scan = tmp_path / "公示照片.pdf"
    scan.write_bytes(documents.pdf("scanned notice"))  # a real PDF: the build opens every attachment
    path = "orgs/xiaohe-village/notice/2026-03-cundao-gongshi.md"
    page.goto(editor.url(f"/edit/{path}"))
    table = page.locator("table[data-table=attachments]")
    table.locator("input[type=file]").last.set_input_files(str(scan))
    press(page, "保存")
    assert "已保存" in page.locator(".flash").first.inner_text(), page.locator("main").inner_text()[:1500]
    stored = content / "orgs/xiaohe-village/notice/files/公示照片.pdf"
    assert stored.read_bytes() == scan.read_bytes()
    assert "file: files/公示照片.pdf" in (content / path).read_text("utf-8")
    last = git(content, "-c", "core.quotepath=off", "log", "-1", "--name-only", "--format=").split()
    assert sorted(last) == sorted([path, "orgs/xiaohe-village/notice/files/公示照片.pdf"])
    assert publish("check", "--content", content).returncode == 0


def test_an_attachment_of_another_kind_is_refused_and_nothing_typed_is_lost(page, editor, content, tmp_path):
    script = tmp_path / "run.sh"
    script.write_text("#!/bin/sh\n", "utf-8")
    page.goto(editor.url("/new/notice?org=xiaohe-village"))
    page.get_by_label("标题").fill("带附件的通知")
    page.locator("table[data-table=attachments] input[type=file]").last.set_input_files(str(script))
    press(page, "保存")
    assert "不是可以公开的附件类型" in page.locator(".notice").inner_text()
    assert page.get_by_label("标题").input_value() == "带附件的通知"
    assert not list(content.rglob("run.sh"))


def test_withdrawing_removes_the_record_with_a_commit(page, editor, content):
    path = "orgs/xiaohe-village/notice/2026-11-lirenshenji.md"
    page.goto(editor.url(f"/edit/{path}"))
    page.get_by_role("link", name="撤回这条记录…").click()
    press(page, "确认撤回")
    assert "已撤回" in page.locator(".flash").inner_text()
    assert not (content / path).exists()
    assert git(content, "log", "-1", "--format=%s").startswith("撤回")
    assert git(content, "log", "-1", "--name-status", "--format=").split() == ["D", path]


def test_a_record_others_point_at_cannot_be_withdrawn(page, editor, content):
    path = "orgs/county-gov/procurement/2026-bangong-shebei-tender.yaml"
    page.goto(editor.url(f"/withdraw/{path}"))
    assert "不能撤回" in page.locator("main").inner_text()
    assert (content / path).exists()


def test_a_policy_is_marked_repealed_in_one_step(page, editor, content):
    path = "orgs/agriculture/policy/2025-dili-butie.md"
    page.goto(editor.url(f"/edit/{path}"))
    page.get_by_label("废止日期（点“标记为已废止”时用）").fill("2026-04-12")
    press(page, "标记为已废止并保存")
    text = (content / path).read_text("utf-8")
    assert "status: 已废止" in text and "repealed_on: 2026-04-12" in text  # the clerk's word, not the code


def test_references_offer_the_orgs_records_of_the_right_type_newest_first(page, editor):
    page.goto(editor.url("/edit/orgs/agriculture/policy/2026-dili-butie.md"))
    options = page.get_by_label("替代文件").locator("option").all_inner_texts()
    assert options[0] == "（不引用）" and all("（" in o for o in options[1:])
    assert not any("青峰县2026年耕地地力保护补贴实施方案" in o for o in options)  # never itself
    page.get_by_label("筛选替代文件的可选记录").fill("农机")
    shown = page.get_by_label("替代文件").locator("option:not([hidden])").all_inner_texts()
    assert shown[0] == "（不引用）" and all("农机" in o for o in shown[1:])


def test_a_file_that_cannot_be_read_is_mended_as_text(page, editor, content):
    path = "orgs/xiaohe-village/notice/2026-12-broken.md"
    (content / path).write_text("---\ntype: notice\ntitle: 坏了的通知\ndate: 2026-12-01\ncategory: 村务\n  bad: indent\n---\n正文\n", "utf-8")
    page.goto(editor.url("/org/xiaohe-village"))
    assert "错误：第 6 行" in page.locator("li.has-problem", has_text="2026-12-broken.md").inner_text()
    page.goto(editor.url(f"/edit/{path}"))
    text = page.get_by_label("文件内容")
    text.fill(text.input_value().replace("\n  bad: indent", ""))
    press(page, "保存")
    assert "bad" not in (content / path).read_text("utf-8")
    assert publish("check", "--content", content).returncode == 0


def test_a_failed_commit_is_reported_and_the_file_kept(page, editor, content):
    path = "orgs/xiaohe-village/notice/2026-10-dangfei.md"
    hook = content / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 县里的提交检查没有通过 >&2\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    try:
        page.goto(editor.url(f"/edit/{path}"))
        page.get_by_label("标题").fill("提交失败也要保存的标题")
        press(page, "保存")
        flashes = page.locator(".flash").all_inner_texts()
        assert any("提交 git 失败" in f and "县里的提交检查没有通过" in f for f in flashes), flashes
        assert "title: 提交失败也要保存的标题" in (content / path).read_text("utf-8")
    finally:
        hook.unlink()


def test_an_org_profile_is_edited_and_the_county_reloaded(page, editor, content):
    path = "orgs/xiaohe-village/org.yaml"
    before = (content / path).read_text("utf-8").splitlines()
    page.goto(editor.url("/org/xiaohe-village"))
    page.get_by_role("link", name="修改本单位的机构概况（地址、电话、成员）").click()
    page.get_by_label("办公地址").fill("青峰县青石镇小河村便民服务中心")
    press(page, "保存")
    after = (content / path).read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [("address: 青峰县青石镇小河村党群服务中心", "address: 青峰县青石镇小河村便民服务中心")]
    page.goto(editor.url("/"))
    assert page.get_by_role("link", name="小河村").count() == 1  # the tree is read again, the village still in it


def test_labelled_phones_are_edited_as_name_and_number_lines(page, editor, content):
    path = "orgs/county-gov/org.yaml"
    page.goto(editor.url(f"/edit/{path}"))
    box = page.get_by_label("公开电话")
    assert box.input_value() == "政府办公室：0839-8221001\n政务公开监督电话：0839-8221010"
    box.fill(box.input_value() + "\n值班电话：0839-8221099\n0839-8221098")
    press(page, "保存")
    assert "已保存" in page.locator(".flash").first.inner_text(), page.locator("main").inner_text()[:1500]
    from gongkai.reading import yamltext
    phones = yamltext.load((content / path).read_text("utf-8"))["phones"]
    assert phones == [{"label": "政府办公室", "number": "0839-8221001"}, {"label": "政务公开监督电话", "number": "0839-8221010"},
                      {"label": "值班电话", "number": "0839-8221099"}, "0839-8221098"]
    assert publish("check", "--content", content).returncode == 0
