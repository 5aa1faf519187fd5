"""The editor as a clerk uses it: real Chromium, the real ``publish.py edit`` on a loopback port.

Records are created and changed through the forms and then found on disk, checked by
``publish.py check``, committed in git; a mistake is shown beside its field with nothing
written; a Chinese input method composes normally while the totals update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import publish
from editorrun import demo_county, git, running_editor

pytestmark = pytest.mark.xdist_group("editor")
LEDGER = "orgs/xiaohe-village/finance/2026-03.yaml"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return demo_county(tmp_path_factory.mktemp("editor"))


@pytest.fixture(scope="module")
def editor(content):
    with running_editor(content, "--author", "王会计 <wang@xiaohe.example>") as running:
        yield running


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


def save(page) -> None:
    """Press 保存 and expect it to be saved (else fail with what the page says)."""
    with page.expect_navigation():
        page.locator(".actions button[value=save]").click()
    flash = page.locator(".flash")
    assert flash.count() and "已保存" in flash.first.inner_text(), page.locator("main").inner_text()[:2000]


def commits_touching(content: Path) -> list[list[str]]:
    """Files of each commit, newest first."""
    log = git(content, "log", "--name-only", "--format=%x00")
    return [chunk.split() for chunk in log.split("\x00")[1:]]


def test_a_notice_created_through_the_form_is_on_disk_and_checks_clean(page, editor, content):
    page.goto(editor.url("/org/xiaohe-village"))
    page.get_by_role("link", name="公开事项").click()
    page.get_by_label("标题").fill("关于召开村民代表会议的通知")
    page.get_by_label("生成日期").fill("2026-11-20")
    page.get_by_label("公开栏目").select_option("村务")
    page.get_by_label("正文").fill("定于 11 月 25 日召开村民代表会议。\n\n请各位代表准时参加。")
    save(page)
    written = [p for p in (content / "orgs/xiaohe-village/notice").glob("*.md")
               if "关于召开村民代表会议的通知" in p.read_text("utf-8")]
    assert len(written) == 1
    text = written[0].read_text("utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=")  # as publish.py new writes it
    assert "category: 村务" in text and "请各位代表准时参加。" in text
    assert publish("check", "--content", content).returncode == 0


def test_a_ledger_created_line_by_line_balances_and_checks_clean(page, editor, content):
    page.goto(editor.url("/new/finance?org=xiaohe-village"))
    page.get_by_label("标题").fill("小河村2026年11月财务收支公开")
    page.get_by_label("生成日期").fill("2026-12-05")
    page.get_by_label("所属期间").fill("2026-11")
    page.get_by_label("期初余额").fill("10,000")
    income = [("2026-11-02", "补助收入", "村级组织运转经费", "5000", "记-1101"),
              ("2026-11-09", "其他收入", "存款利息", "１２．５０", "记-1102")]
    for n, row in enumerate(income, start=1):
        if n > 1:
            page.locator("[data-add-row=income]").click()
        for label, value in zip(("日期", "科目", "摘要", "金额", "凭证号"), row):
            page.get_by_label(f"收入明细第 {n} 项的{label}", exact=True).fill(value)
    for label, value in zip(("日期", "科目", "摘要", "金额", "凭证号"), ("2026-11-10", "管理费用", "办公用品", "320.5", "记-1103")):
        page.get_by_label(f"支出明细第 1 项的{label}", exact=True).fill(value)
    assert page.locator("#expected-closing").inner_text() == "14,692.00"  # the balance checks itself as typed
    page.get_by_label("期末余额").fill("14692.00")
    save(page)
    written = [p for p in (content / "orgs/xiaohe-village/finance").glob("*.yaml") if "2026-11" in p.read_text("utf-8")]
    text = written[0].read_text("utf-8")
    assert "amount: 12.50" in text and "opening_balance: 10000.00" in text and "amount: 320.50" in text
    assert "voucher: 记-1102" in text
    assert publish("check", "--content", content).returncode == 0


def test_a_ledger_off_by_a_cent_shows_the_problem_at_the_field_and_writes_nothing(page, editor, content):
    before = (content / LEDGER).read_bytes()
    page.goto(editor.url(f"/edit/{LEDGER}"))
    closing = page.get_by_label("期末余额")
    value = closing.input_value()
    closing.fill(f"{float(value.replace(',', '')) + 0.01:.2f}")
    page.locator(".actions button[value=save]").click()
    page.wait_for_load_state()
    field = page.locator(".field", has=page.get_by_label("期末余额"))
    assert "「期末余额」" in field.locator(".field-problems").inner_text()
    assert "与计算结果不符" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("期末余额").input_value() == f"{float(value.replace(',', '')) + 0.01:.2f}"  # nothing lost
    assert (content / LEDGER).read_bytes() == before


def test_editing_a_title_keeps_every_comment_and_untouched_line(page, editor, content):
    path = "orgs/xiaohe-village/policy/2026-commented.md"
    template = (Path(__file__).parents[1] / "plugins/gongkai/templates/new/policy.md").read_text("utf-8")
    (content / path).parent.mkdir(exist_ok=True)
    (content / path).write_text(template.replace("status: in_force", "status: in_force\n# 下面是村里自己的备注，不要删"), "utf-8")
    git(content, "add", path)
    git(content, "commit", "-q", "-m", "带注释的政策文件")
    editor_restart_free = page.goto(editor.url("/org/xiaohe-village"))
    assert editor_restart_free.ok
    page.goto(editor.url(f"/edit/{path}"))
    assert "这个文件读不出来" not in page.content()
    page.get_by_label("标题").fill("关于做好2026年秋收生产工作的通知")
    save(page)
    before = template.replace("status: in_force", "status: in_force\n# 下面是村里自己的备注，不要删").splitlines()
    after = (content / path).read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1, changed
    assert changed[0][1].startswith("title: 关于做好2026年秋收生产工作的通知") and "# 标题" in changed[0][1]


def test_each_save_is_one_commit_of_exactly_that_record_by_the_clerk(page, editor, content):
    path = "orgs/xiaohe-village/notice/2026-10-dangfei.md"
    count = len(commits_touching(content))
    (content / "unrelated.txt").write_text("县里别的改动，不能被编辑器提交", "utf-8")
    git(content, "add", "unrelated.txt")  # staged by someone else: must stay out of the editor's commit
    page.goto(editor.url(f"/edit/{path}"))
    page.get_by_label("标题").fill(page.get_by_label("标题").input_value() + "（第一次）")
    save(page)
    page.get_by_label("标题").fill(page.get_by_label("标题").input_value().replace("（第一次）", "（第二次）"))
    save(page)
    commits = commits_touching(content)
    assert len(commits) == count + 2
    assert commits[0] == [path] and commits[1] == [path]
    author, message = git(content, "log", "-1", "--format=%an <%ae>%x00%s").split("\x00")
    assert author == "王会计 <wang@xiaohe.example>"
    assert "修改" in message and "（第二次）" in message and path in message
    assert "unrelated.txt" in git(content, "diff", "--cached", "--name-only")


def test_chinese_typed_through_an_input_method_arrives_whole_and_the_totals_follow(page, editor):
    """CDP ``Input.imeSetComposition`` is what Microsoft Pinyin and Sogou do inside the field: a
    script that rewrites a field while the clerk composes (say a running total normalising
    amounts on every ``input`` event) loses or doubles the characters."""
    page.goto(editor.url(f"/edit/{LEDGER}"))
    cdp = page.context.new_cdp_session(page)
    summary = page.get_by_label("收入明细第 1 项的摘要", exact=True)
    summary.fill("")
    summary.focus()
    for partial in ("c", "cun", "cunji", "村级"):
        cdp.send("Input.imeSetComposition", {"text": partial, "selectionStart": len(partial), "selectionEnd": len(partial)})
    cdp.send("Input.insertText", {"text": "村级组织运转经费"})
    assert summary.input_value() == "村级组织运转经费"
    amount = page.get_by_label("收入明细第 1 项的金额", exact=True)
    before = page.locator("#total-income").inner_text()
    amount.fill("")
    amount.focus()
    for partial in ("１", "１２", "１２３"):  # full-width digits, still composing
        cdp.send("Input.imeSetComposition", {"text": partial, "selectionStart": len(partial), "selectionEnd": len(partial)})
    assert amount.input_value() == "１２３"
    cdp.send("Input.insertText", {"text": "１２３"})
    assert amount.input_value() == "１２３"
    page.wait_for_function("before => document.getElementById('total-income').textContent !== before", arg=before)
    rows = page.locator("input[data-sum=income]").evaluate_all("els => els.map(e => e.value)")
    expected = sum(int(round(float(v.replace(",", "").translate(str.maketrans("１２３", "123")) or 0) * 100)) for v in rows)
    assert page.locator("#total-income").inner_text() == f"{expected // 100:,}.{expected % 100:02d}"


def test_a_script_in_a_title_does_not_run_in_the_preview(page, editor, content):
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    page.goto(editor.url("/edit/orgs/xiaohe-village/notice/2026-11-daibiao-huiyi.md"))
    page.get_by_label("标题").fill(payload)
    page.get_by_label("正文").fill(page.get_by_label("正文").input_value() + "\n\n<script>window.__xss=3</script>[点我](javascript:window.__xss=4)")
    save(page)
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.get_by_role("link", name="预览公开后的页面").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == payload  # shown as text, escaped
    page.get_by_role("link", name="点我").click() if page.get_by_role("link", name="点我").count() else None
    assert page.evaluate("window.__xss") is None and dialogs == []
    assert "<script>window.__xss" not in page.locator("article").inner_html()


def test_rows_are_added_and_removed_without_the_script(browser, editor, content):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    path = "orgs/xiaohe-village/finance/2026-04.yaml"
    before = (content / path).read_text("utf-8")
    page.goto(editor.url(f"/edit/{path}"))
    rows = page.locator("table[data-table=expense] tbody tr").count()
    page.get_by_label("标题").fill("改了但还没保存的标题")
    page.locator("[data-add-row=expense]").click()
    page.wait_for_load_state()
    assert page.locator("table[data-table=expense] tbody tr").count() == rows + 1
    assert page.get_by_label("标题").input_value() == "改了但还没保存的标题"
    page.locator("[data-remove-row]").first.click()
    page.wait_for_load_state()
    assert page.locator("table[data-table=income] tbody tr").count() >= 0
    assert (content / path).read_text("utf-8") == before  # nothing saved by either button
    context.close()


def test_a_draft_survives_closing_the_tab_and_is_listed_on_the_org_page(page, editor, content):
    page.goto(editor.url("/new/subsidy?org=xiaohe-village"))
    page.get_by_label("标题").fill("2026年草稿测试名单（填了一半）")
    page.get_by_label("发放对象第 1 项的姓名", exact=True).fill("张桂英")
    with page.expect_navigation():
        page.get_by_role("button", name="存草稿").click()
    assert not any("草稿测试名单" in p.read_text("utf-8") for p in (content / "orgs").rglob("*.yaml"))
    page.context.pages[0].close()
    page = page.context.new_page()
    page.goto(editor.url("/org/xiaohe-village"))
    page.get_by_role("link", name="2026年草稿测试名单（填了一半）").click()
    assert page.get_by_label("发放对象第 1 项的姓名", exact=True).input_value() == "张桂英"


def test_forms_pass_axe_at_phone_and_desktop_widths(browser, editor):
    from test_accessibility import axe_violations

    paths = [f"/edit/{LEDGER}", "/new/finance?org=xiaohe-village", "/edit/orgs/xiaohe-village/decision/2026-cundao-yinghua.yaml",
             "/new/report?org=agriculture", "/edit/orgs/agriculture/policy/2026-dili-butie.md",
             "/new/service?org=maan-town", "/org/xiaohe-village", "/import?org=xiaohe-village", "/"]
    for width in (360, 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for path in paths:
            page.goto(editor.url(path))
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            assert axe_violations(page) == [], f"{path} at {width}px"
            if width == 360:
                overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        context.close()


def test_a_change_on_disk_since_the_form_was_opened_is_shown_not_overwritten(page, editor, content):
    path = "orgs/xiaohe-village/notice/2026-09-cunguimingyue.md"
    page.goto(editor.url(f"/edit/{path}"))
    page.get_by_label("标题").fill("我的修改")
    changed = (content / path).read_text("utf-8").replace("title: ", "title: 别人先改了", 1)
    (content / path).write_text(changed, "utf-8")
    page.locator(".actions button[value=save]").click()
    page.wait_for_load_state()
    assert "被改过" in page.locator(".notice").inner_text()
    assert page.get_by_label("标题").input_value() == "我的修改"
    assert (content / path).read_text("utf-8") == changed
