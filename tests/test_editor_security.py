"""Nothing but the clerk's own pages can make the editor write, and only inside the content folder.

Requests are sent raw (http.client) so nothing normalises them on the way: a POST from
another Origin, a POST without the session's token, ``..`` in a path, a symlink out of the
content folder, a foreign Host. In ``--serve`` mode a clerk logged in for one village fails to
change another's record in real Chromium; login attempts are limited; with ``--review`` a
clerk's save waits for the township's reviewer and lands as the clerk's commit.
"""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from conftest import publish
from editorrun import demo_county, git, running_editor

pytestmark = pytest.mark.xdist_group("editor")
RECORD = "orgs/xiaohe-village/notice/2026-10-dangfei.md"
OTHER_VILLAGE = "orgs/shiqiao-village/notice/2026-06-zhuti-dangri.md"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return demo_county(tmp_path_factory.mktemp("editor-security"), repository=False)


@pytest.fixture(scope="module")
def editor(content):
    with running_editor(content, "--no-commit") as running:
        yield running


def request(editor, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """One raw HTTP request: the path and headers exactly as given."""
    parts = urlsplit(editor.address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in {"Host": parts.netloc, **(headers or {})}.items():
        connection.putheader(name, value)
    data = body.encode("utf-8") if body is not None else None
    if data is not None:
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    cookie = response.getheader("set-cookie") or ""
    connection.close()
    return response.status, text, cookie


def session_and_form(editor, path: str) -> tuple[str, dict]:
    """A fresh session's cookie and the form's fields as the browser would post them."""
    import lxml.html

    status, html, cookie = request(editor, "GET", f"/edit/{path}")
    assert status == 200, html[:500]
    form = next(f for f in lxml.html.fromstring(html).forms if "record-form" in f.get("class", ""))
    return cookie.split(";")[0], dict(form.form_values())


def post_title(editor, path: str, title: str, origin: str | None, token: bool = True) -> tuple[int, str]:
    cookie, fields = session_and_form(editor, path)
    fields["title"] = title
    if not token:
        fields.pop("_csrf")
    headers = {"Cookie": cookie}
    if origin is not None:
        headers["Origin"] = origin
    status, html, _ = request(editor, "POST", f"/edit/{path}", headers, urlencode(fields))
    return status, html


def test_a_post_with_the_editors_origin_and_token_saves(editor, content):
    status, html = post_title(editor, RECORD, "党费收缴情况公开（已核对）", editor.address)
    assert status == 303, html[:2000]
    assert "title: 党费收缴情况公开（已核对）" in (content / RECORD).read_text("utf-8")


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
def test_a_post_from_another_origin_changes_nothing(editor, content, origin):
    before = (content / RECORD).read_bytes()
    status, html = post_title(editor, RECORD, "被跨站请求改掉的标题", origin)
    assert status == 403 and "跨站" in html
    assert (content / RECORD).read_bytes() == before


def test_a_post_without_the_sessions_token_saves_nothing_but_keeps_what_was_typed(editor, content):
    before = (content / RECORD).read_bytes()
    status, html = post_title(editor, RECORD, "没有令牌的标题", editor.address, token=False)
    assert status == 200 and "页面已过期" in html
    assert 'value="没有令牌的标题"' in html  # the form comes back filled
    assert (content / RECORD).read_bytes() == before


@pytest.mark.parametrize("path", ["/edit/../../etc/passwd", "/edit/%2e%2e/%2e%2e/etc/passwd",
                                  "/edit/orgs/xiaohe-village/../../../etc/passwd", "/edit//etc/passwd",
                                  "/edit/orgs/xiaohe-village/notice/..%2f..%2f..%2f..%2fetc%2fpasswd",
                                  "/preview/../../etc/passwd", "/static/../../../../etc/passwd"])
def test_paths_out_of_the_content_folder_are_refused(editor, path):
    status, html, _ = request(editor, "GET", path)
    assert status in (400, 404) and "root:" not in html


def test_a_symlink_out_of_the_content_folder_is_refused(editor, content, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntype: notice\ntitle: 机密\ndate: 2026-01-01\ncategory: 村务\n---\n不该被看到的内容\n", "utf-8")
    link = content / "orgs/xiaohe-village/notice/link.md"
    link.symlink_to(secret)
    try:
        status, html, _ = request(editor, "GET", "/edit/orgs/xiaohe-village/notice/link.md")
        assert status == 404 and "不该被看到的内容" not in html and "之外" in html
    finally:
        link.unlink()


def test_another_host_name_gets_nothing(editor):
    """A page whose own name was made to resolve to 127.0.0.1 (DNS rebinding) is not the editor."""
    port = urlsplit(editor.address).port
    status, html, _ = request(editor, "GET", "/", {"Host": f"evil.example:{port}"})
    assert status == 421 and "小河村" not in html


def test_local_mode_never_listens_beyond_this_computer(content):
    result = publish("edit", "--content", content, "--bind", "0.0.0.0")
    assert result.returncode == 2 and "127.0.0.1" in result.stderr


# -- edit --serve: accounts ------------------------------------------------------------------

def add_user(content: Path, state: Path, login: str, org: str, *extra: str) -> None:
    import subprocess
    import sys

    from conftest import PUBLISH

    result = subprocess.run([sys.executable, str(PUBLISH), "users", "add", login, "--org", org, "--content", str(content),
                             "--state", str(state), "--password-stdin", "--name", login, *extra],
                            input="correct horse 1\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("editor-serve")
    folder = demo_county(root)
    state = root / "state"
    add_user(folder, state, "xiaohe", "xiaohe-village", "--email", "clerk@xiaohe.example")
    add_user(folder, state, "shiqiao", "shiqiao-village")
    add_user(folder, state, "qingshi", "qingshi-town", "--reviewer")
    return folder, state


@pytest.fixture(scope="module")
def served(county):
    folder, state = county
    with running_editor(folder, "--serve", "--review", "--state", str(state)) as running:
        yield running


def log_in(page, served, login: str, password: str = "correct horse 1") -> None:
    page.goto(served.url("/"))
    page.get_by_label("用户名").fill(login)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="zh-CN")
    yield context
    context.close()


def test_a_village_clerk_cannot_change_another_villages_record(context, served, county):
    folder, _ = county
    before = (folder / OTHER_VILLAGE).read_bytes()
    page = context.new_page()
    log_in(page, served, "xiaohe")
    page.goto(served.url(f"/edit/{OTHER_VILLAGE}"))
    assert "只能修改本单位" in page.locator("main").inner_text()
    page.goto(served.url(f"/edit/{RECORD}"))  # their own village: a form, and its token
    token = page.locator("form.record-form input[name=_csrf]").input_value()
    response = page.request.post(served.url(f"/edit/{OTHER_VILLAGE}"), headers={"Origin": served.address},
                                 multipart={"_csrf": token, "title": "小河村改了石桥村的记录", "_action": "save"})
    assert response.status == 403
    assert (folder / OTHER_VILLAGE).read_bytes() == before


def test_pages_need_a_login_in_serve_mode(served):
    status, html, _ = request(served, "GET", f"/edit/{RECORD}")
    assert status == 303
    status, html, _ = request(served, "GET", "/login")
    assert status == 200 and "密码" in html


def test_login_attempts_are_limited(context, served):
    page = context.new_page()
    for _ in range(5):
        log_in(page, served, "shiqiao", "wrong password")
        assert "用户名或密码不对" in page.locator("main").inner_text()
    log_in(page, served, "shiqiao")  # the right password, too late
    assert "次数太多" in page.locator("main").inner_text()


def test_with_review_a_clerks_save_waits_for_the_township_and_lands_as_the_clerks_commit(browser, served, county):
    folder, _ = county
    path = "orgs/xiaohe-village/notice/2026-11-lirenshenji.md"
    before = (folder / path).read_text("utf-8")
    clerk = browser.new_context(locale="zh-CN")
    page = clerk.new_page()
    log_in(page, served, "xiaohe")
    page.goto(served.url(f"/edit/{path}"))
    page.get_by_label("标题").fill("离任审计结果公告（待审核）")
    with page.expect_navigation():
        page.locator(".actions button[value=save]").click()
    assert "已提交审核" in page.locator(".flash").inner_text()
    assert (folder / path).read_text("utf-8") == before
    assert "离任审计结果公告（待审核）" in page.locator("main").inner_text()  # listed as waiting on the org page
    clerk.close()

    reviewer = browser.new_context(locale="zh-CN")
    page = reviewer.new_page()
    log_in(page, served, "qingshi")
    page.goto(served.url("/review"))
    page.get_by_role("link", name="离任审计结果公告（待审核）").click()
    assert "+title: 离任审计结果公告（待审核）" in page.locator("pre.diff").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="批准并保存").click()
    assert "已批准" in page.locator(".flash").first.inner_text()
    reviewer.close()
    assert "title: 离任审计结果公告（待审核）" in (folder / path).read_text("utf-8")
    author, files = git(folder, "log", "-1", "--format=%an <%ae>", "--name-only").strip().split("\n\n")
    assert author == "xiaohe <clerk@xiaohe.example>" and files.split() == [path]


def test_a_clerk_cannot_review_and_a_sibling_village_cannot_approve(context, served):
    page = context.new_page()
    log_in(page, served, "xiaohe")
    page.goto(served.url("/review"))
    assert page.get_by_role("link", name="待审核").count() == 0  # not offered to a clerk
    assert page.locator("main ul.records li").count() == 0


def test_sessions_end_when_idle_and_after_the_longest_time():
    from gongkai.editor.sessions import IDLE, LONGEST, Sessions

    now = [0.0]
    sessions = Sessions(clock=lambda: now[0])
    idle = sessions.start("xiaohe")
    now[0] += IDLE + 1
    assert sessions.get(idle.id) is None
    busy = sessions.start("xiaohe")
    started = now[0]
    while now[0] + IDLE / 2 < started + LONGEST:
        now[0] += IDLE / 2
        assert sessions.get(busy.id) is busy  # each request keeps it alive …
    now[0] = started + LONGEST + 1
    assert sessions.get(busy.id) is None  # … but not past the longest time
    assert not busy.token_ok("") and busy.token_ok(busy.csrf)


def test_a_clerk_whose_session_ended_logs_in_again_and_finds_the_form_as_typed(context, served, county):
    folder, _ = county
    path = "orgs/xiaohe-village/notice/2026-09-cunguimingyue.md"
    before = (folder / path).read_bytes()
    page = context.new_page()
    log_in(page, served, "xiaohe")
    page.goto(served.url(f"/edit/{path}"))
    page.get_by_label("标题").fill("登录过期前填的标题")
    page.locator("form.record-form input[name=_csrf]").evaluate("input => input.value = 'from-an-ended-session'")
    with page.expect_navigation():
        page.locator(".actions button[value=save]").click()
    assert "登录已过期" in page.locator("main").inner_text()
    assert (folder / path).read_bytes() == before
    page.get_by_label("用户名").fill("xiaohe")
    page.get_by_label("密码").fill("correct horse 1")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert page.get_by_label("标题").input_value() == "登录过期前填的标题"
    assert (folder / path).read_bytes() == before  # shown again, saved only when asked


def test_with_org_only_that_villages_records_can_be_changed(content):
    with running_editor(content, "--no-commit", "--org", "xiaohe-village") as one_village:
        status, html, _ = request(one_village, "GET", f"/edit/{OTHER_VILLAGE}")
        assert status == 403 and "只能修改本单位（xiaohe-village）的记录" in html
        status, _, _ = request(one_village, "GET", "/new/notice?org=shiqiao-village")
        assert status == 403
        status, _, _ = request(one_village, "GET", f"/edit/{RECORD}")
        assert status == 200


def test_a_stale_login_form_never_echoes_the_password(served):
    status, html, _ = request(served, "POST", "/login", {"Origin": served.address},
                              urlencode({"_csrf": "from-before-a-restart", "login": "xiaohe", "password": "correct horse 1"}))
    assert status == 403 and "重新登录" in html and "correct horse 1" not in html
