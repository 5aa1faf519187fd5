"""Every kind of page at a phone (360 px) and a desktop width in real Chromium: axe-core
WCAG 2.1 A/AA finds nothing, the page does not scroll sideways, text is large enough, the
skip link and keyboard focus work, and a record prints as a clean A4 notice.

Screenshots (and the printed PDF) go to test-artifacts/site/ for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild import SITE_CONTENT, build

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "site"
WIDTHS = (360, 1280)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of each kind: a fixed path, or the first page under a record type's folder.
KINDS = {
    "home": "index.html", "village": "liushu-village/index.html", "township": "dongshan-town/index.html",
    "department": "agri-bureau/index.html", "finance": "liushu-village/finance/*", "budget": "liushu-village/budget/*",
    "subsidy": "liushu-village/subsidy/*", "decision": "liushu-village/decision/*", "notice": "liushu-village/notice/*",
    "service": "dongshan-town/service/*", "policy-amended": "dongshan-town/policy/*amended*",
    "policy-repealed": "agri-bureau/policy/*", "procurement": "dongshan-town/procurement/*",
    "report": "dongshan-town/report/*", "catalogue": "catalogue/index.html",
    "org-catalogue": "liushu-village/catalogue/index.html", "services": "services/index.html",
    "services-topics": "services/topics.html", "finance-overview": "liushu-village/finance.html",
    "freshness": "freshness.html", "not-found": "404.html", "site-page": "pages/about.html",
    "standard-catalogue": "standard/village.html", "apply": "apply/index.html", "apply-form": "apply/form.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SITE_CONTENT, tmp_path_factory.mktemp("a11y"))


def locate(site: Path, pattern: str) -> Path:
    if "*" not in pattern:
        return site / pattern
    folder, _, rule = pattern.rpartition("/")
    pages = sorted((site / folder).glob("*.html"))
    if rule == "*amended*":
        pages = [p for p in pages if "本文件已修改" in p.read_text("utf-8")]
    assert pages, pattern
    return pages[0]


@pytest.fixture(scope="module")
def context_for(browser):
    contexts = {}

    def make(width: int, **options):
        key = (width, tuple(sorted(options.items())))
        if key not in contexts:
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True, **options)
            context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())  # 404 links the real site
            contexts[key] = context
        return contexts[key]

    yield make
    for context in contexts.values():
        context.close()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))  # bypass_csp lets the test inject it; the site itself has no inline script
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_page_kind_passes_axe_and_fits_the_screen(site, context_for, kind, width):
    page = context_for(width).new_page()
    try:
        page.goto(locate(site, KINDS[kind]).as_uri())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}px"
        assert axe_violations(page) == []
    finally:
        page.close()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_page_kind_in_large_print_passes_axe_and_fits_a_phone(site, context_for, kind):
    """长辈版 (#elder): 137.5 % text and darker colours must not break a page at 360 px."""
    page = context_for(360).new_page()
    try:
        page.goto(locate(site, KINDS[kind]).as_uri() + "#elder")
        assert page.evaluate("document.documentElement.matches(':target')")
        page.screenshot(path=str(ARTIFACTS / f"{kind}-360-elder.png"), full_page=True)
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} in large print scrolls sideways by {overflow}px"
        assert axe_violations(page) == []
    finally:
        page.close()


def test_text_size_line_height_and_contrast_basics(site, context_for):
    page = context_for(360).new_page()
    page.goto(locate(site, KINDS["finance"]).as_uri())
    size, line = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('main p'));
        return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }""")
    assert size >= 16 and line / size >= 1.5
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('main *')]
        .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 14, f"some text is {smallest}px"
    page.close()


def test_skip_link_is_first_and_keyboard_focus_is_visible(site, context_for):
    page = context_for(360).new_page()
    page.goto(locate(site, KINDS["village"]).as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip", "#main"]
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link must be on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.closest('main') !== null, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
    assert style[0], "Tab after the skip link lands inside the main content"
    assert style[1] != "none" and style[2] >= 2 and style[3] != "none"
    page.close()


def test_pages_work_without_javascript(site, context_for):
    page = context_for(360, java_script_enabled=False).new_page()
    page.goto(locate(site, KINDS["decision"]).as_uri())
    assert page.locator("ol.timeline > li").count() == 6
    page.goto(locate(site, KINDS["catalogue"]).as_uri())
    assert page.locator("table.catalogue tbody tr").count() == 17
    page.close()


def test_record_prints_as_an_a4_notice_with_qr_and_hash(site, context_for):
    page = context_for(1280).new_page()
    page.goto(locate(site, KINDS["finance"]).as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.site-footer', '.crumbs']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    for selector in (".print-header", ".qr-block svg", ".hash", ".print-date"):
        assert page.locator(selector).is_visible(), selector
    assert page.locator(".print-header").inner_text() == "柳树村 · 财务收支"
    qr = page.locator(".qr-block svg").bounding_box()
    assert 100 <= qr["width"] <= 130 and qr["width"] == qr["height"]  # 30 mm at 96 dpi ≈ 113 px
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "finance-notice.pdf"), format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the notice takes {pages} A4 pages"
    page.close()


def test_printed_qr_code_decodes_to_the_record_address(site, context_for):
    """The QR on the notice, drawn by the browser and read back by a real decoder (zxing-cpp)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from sitebuild import SITE_URL

    file = locate(site, KINDS["decision"])
    page = context_for(1280).new_page()
    page.goto(file.as_uri())
    page.emulate_media(media="print")
    grey = page.evaluate("""async () => {
      const svg = document.querySelector('.qr-block svg');
      const xml = new XMLSerializer().serializeToString(svg)
        .replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" ');
      const img = new Image(); img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
      await img.decode();
      const canvas = document.createElement('canvas'); canvas.width = canvas.height = 300;
      const ctx = canvas.getContext('2d'); ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 300, 300); ctx.drawImage(img, 0, 0);
      return Array.from(ctx.getImageData(0, 0, 300, 300).data.filter((_, i) => i % 4 === 0));
    }""")
    page.close()

    class Grey:  # the array interface zxing-cpp reads, without numpy
        def __init__(self, data):
            self.data = bytes(data)
            self.__array_interface__ = {"shape": (300, 300), "typestr": "|u1", "data": self.data, "version": 3}

    decoded = [r.text for r in zxingcpp.read_barcodes(Grey(grey))]
    assert decoded == [f"{SITE_URL}/{file.relative_to(site).as_posix()}"]


def test_chart_series_stay_apart_in_forced_colours(site, context_for):
    page = context_for(1280).new_page()
    page.goto(locate(site, KINDS["finance-overview"]).as_uri())
    page.emulate_media(forced_colors="active")
    fills = page.evaluate("""() => ['.bar.s0', '.bar.s1', 'body'].map(s => {
        const style = getComputedStyle(document.querySelector(s)); return s === 'body' ? style.color : style.fill; })""")
    page.close()
    income, expense, text = fills
    assert income == text, "bars follow the user's high-contrast text colour"  # not the page's own blue
    assert expense != income
