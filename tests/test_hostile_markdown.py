"""Untrusted content: hostile Markdown and YAML values build into pages with no live payload.

tests/fixtures/hostile-content holds script tags, event handlers, javascript:/vbscript:/data:
links, iframes, forms, CSS urls, <style>, <base>, <meta refresh>, SVG onload, mXSS and a
<script> title, in bodies and in plain fields (titles, org names, members, ledger entries).
Every built page is checked structurally (lxml) and then opened in Chromium with
JavaScript on: no dialog may open and no request may leave the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import FIXTURES
from sitebuild import SITE_URL, build, html_files

HOSTILE = FIXTURES / "hostile-content"
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
FORBIDDEN_ELEMENTS = ("iframe", "frame", "object", "embed", "base", "style", "applet")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(HOSTILE, tmp_path_factory.mktemp("hostile"))


def _clean(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value)  # browsers ignore these inside a scheme: "java\tscript:"


def own_script(file: Path, src: str) -> bool:
    """The theme's scripts: elder.js (remembers 长辈版) on every page, search.js on the search page;
    from the site itself (the 404 page names it by the site's address)."""
    if "://" in src and not src.startswith(SITE_URL + "/"):
        return False
    return src.endswith("theme/js/elder.js") or (file.name == "search.html" and src.endswith("theme/js/search.js"))


def live_payloads(file: Path) -> list[str]:
    """Everything on a page that could run or fetch something the site did not write."""
    doc = lxml.html.fromstring(file.read_text("utf-8"))
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().split("}")[-1]
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}>")
        if tag == "script" and not own_script(file, element.get("src") or ""):
            found.append(f"<script src={element.get('src')}>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta refresh>")
        if tag == "form" and not (element.get("action") or "").endswith("search.html"):
            found.append(f"<form action={element.get('action')}>")
        if tag == "link" and "://" in (element.get("href") or "") and not element.get("href").startswith(SITE_URL + "/"):
            found.append(f"<link href={element.get('href')}>")
        for name, value in element.attrib.items():
            name = name.lower().split("}")[-1]
            if name.startswith("on"):
                found.append(f"{tag}@{name}")
            if name == "style" and "url(" in value.lower():
                found.append(f"{tag}@style url")
            if name in ("href", "src", "action", "formaction", "srcset", "poster", "data") and BAD_SCHEME.match(_clean(value)):
                found.append(f"{tag}@{name}={value[:30]}")
    return found


def test_no_live_payload_in_any_page(site):
    pages = html_files(site)
    assert len(pages) > 8
    problems = {f.relative_to(site).as_posix(): live_payloads(f) for f in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_checker_sees_payloads_when_they_are_there(tmp_path):
    """The structural check itself must catch what it looks for (else the test above proves nothing)."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><title>x</title><p onclick="x()">a</p><a href=" JaVa\tScript:alert(1)">b</a>'
                   '<iframe src="https://e.example"></iframe><script>alert(1)</script><form action="https://e.example"></form>'
                   '<div style="background:url(https://e.example/x)"></div>', "utf-8")
    found = live_payloads(bad)
    assert {"p@onclick", "<iframe>", "<form action=https://e.example>", "div@style url"} <= set(found)
    assert any(f.startswith("a@href=") for f in found) and any(f.startswith("<script") for f in found)


def test_hostile_text_is_shown_as_text(site):
    record = next(f for f in html_files(site) if "/notice/" in f.as_posix())
    doc = lxml.html.fromstring(record.read_text("utf-8"))
    assert doc.xpath("//h1")[0].text_content() == "<script>alert('title')</script>关于<img src=x onerror=alert('title-img')>的通知"
    body = doc.xpath("//div[@class='body']")[0]
    assert "正文开始。" in body.text_content() and "段落" in body.text_content()
    assert "恶意县<script>alert('org')</script>" in doc.xpath("//dl[@class='catalogue-entry']")[0].text_content()


def test_every_page_has_a_csp_that_forbids_inline_script(site):
    for file in html_files(site):
        doc = lxml.html.fromstring(file.read_text("utf-8"))
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp, file
        assert "script-src 'self'" in csp[0] and "unsafe-inline" not in csp[0] and "object-src 'none'" in csp[0], file


def test_no_dialog_and_no_outside_request_in_a_real_browser(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(("file://", SITE_URL + "/")) else outside.append(r.url))
    context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())  # nothing leaves the machine
    try:
        for file in html_files(site):
            page.goto(file.as_uri())
            page.wait_for_load_state("load")
            for element in page.query_selector_all(".body *, h1, td, dd"):  # hover handlers, if any survived
                element.dispatch_event("mouseover")
        # The CSP also blocks an inline script that got in some other way (tested on a built page).
        page.goto(html_files(site)[0].as_uri())
        blocked = page.evaluate("""() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective), {once: true});
            const s = document.createElement('script'); s.textContent = 'alert("injected")'; document.body.append(s);
            setTimeout(() => done('not blocked'), 1000);
        })""")
    finally:
        context.close()
    assert dialogs == []
    assert outside == []
    assert blocked.startswith("script-src")


def test_search_results_for_hostile_titles_stay_text(site, browser):
    """search.html renders results with script: hostile titles must arrive as text there too."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort())
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q=%E9%80%9A%E7%9F%A5")  # 通知
        page.wait_for_selector("#search-results li", timeout=15000)
        results = page.inner_text("#search-results")
        injected = page.evaluate("document.querySelectorAll('#search-results script, #search-results img, #search-results iframe').length")
    finally:
        context.close()
        server.shutdown()
    assert "<script>alert('title')</script>" in results
    assert injected == 0 and dialogs == []
