"""长辈版 (large print, 适老化) in real Chromium: the switch works on its own page without
JavaScript, is remembered across pages where JavaScript runs, and is one set of pages, not two."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import SITE_CONTENT, build, html_files
from test_accessibility import KINDS, locate

LOOK = """() => { const body = getComputedStyle(document.body), meta = document.querySelector('.meta');
  return {size: parseFloat(body.fontSize), ink: body.color, muted: meta ? getComputedStyle(meta).color : null,
          on: getComputedStyle(document.querySelector('a.elder-on')).display !== 'none',
          off: getComputedStyle(document.querySelector('a.elder-off')).display !== 'none'}; }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SITE_CONTENT, tmp_path_factory.mktemp("elder"))


@pytest.fixture(scope="module")
def phone(browser):
    def context(javascript: bool):
        made = browser.new_context(viewport={"width": 360, "height": 900}, java_script_enabled=javascript)
        made.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
        return made
    contexts = {True: context(True), False: context(False)}
    yield contexts
    for made in contexts.values():
        made.close()


def contrast(rgb: str) -> float:
    """WCAG contrast of an rgb() colour against white."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def test_the_switch_works_on_its_page_without_javascript(site, phone):
    page = phone[False].new_page()
    page.goto(locate(site, KINDS["finance"]).as_uri())
    normal = page.evaluate(LOOK)
    assert normal["on"] and not normal["off"]
    page.click("a.elder-on")
    large = page.evaluate(LOOK)
    assert large["size"] >= 1.3 * normal["size"] and large["size"] >= 22, (normal, large)
    assert contrast(large["ink"]) >= 20 and contrast(large["muted"]) >= 12 > contrast(normal["muted"])
    assert large["off"] and not large["on"], "the switch offers the way back"
    page.click("a.elder-off")
    assert page.evaluate(LOOK) == normal
    page.close()


def test_the_choice_is_remembered_across_pages_where_javascript_runs(site, phone):
    page = phone[True].new_page()
    page.goto(locate(site, KINDS["finance"]).as_uri())
    normal = page.evaluate(LOOK)["size"]
    page.click("a.elder-on")
    with page.expect_navigation():
        page.click(".crumbs a >> nth=0")  # on to the home page, by a link without #elder
    assert page.url.endswith("/index.html")
    assert page.evaluate(LOOK)["size"] >= 1.3 * normal
    page.goto(locate(site, KINDS["catalogue"]).as_uri())
    assert page.evaluate(LOOK)["size"] >= 1.3 * normal
    page.click("a.elder-off")
    page.goto(locate(site, KINDS["home"]).as_uri())
    assert page.evaluate(LOOK)["size"] == normal
    page.close()


def test_large_print_is_one_stylesheet_and_one_small_script_not_a_twin_site(site):
    assert not [f for f in html_files(site) if "elder" in f.relative_to(site).as_posix()]
    script = site / "theme/js/elder.js"
    assert script.stat().st_size < 2048
    for file in html_files(site):
        scripts = [s for s in re.findall(r"<script\b[^>]*>", file.read_text("utf-8")) if "elder.js" in s]
        assert len(scripts) == 1 and "defer" not in scripts[0] and "async" not in scripts[0], file  # applied before drawing
