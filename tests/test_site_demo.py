"""The demo county as citizens get it: one page of each kind passes axe-core at 360 px and fits
the screen, every village's latest ledger is two taps from the home page, record pages stay
light, and the freshness page measures against the newest record."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT
from sitebuild import broken_links
from test_accessibility import AXE, WCAG

ARTIFACTS = ROOT / "test-artifacts" / "demo"
RECORD_TYPES = ("finance", "budget", "subsidy", "decision", "notice", "service", "policy", "procurement", "report")


def first(site: Path, pattern: str) -> Path:
    pages = sorted(site.glob(pattern))
    assert pages, pattern
    return pages[0]


def demo_pages(site: Path) -> dict[str, Path]:
    pages = {kind: first(site, f"*/{kind}/*.html") for kind in RECORD_TYPES}
    village = next(o for o in sorted(site.glob("*-village/index.html")))
    pages.update(home=site / "index.html", village=village, finance_overview=village.parent / "finance.html",
                 catalogue=site / "catalogue/index.html", services=site / "services/index.html",
                 freshness=site / "freshness.html")
    return pages


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 900}, bypass_csp=True)
    context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    yield context
    context.close()


def test_one_page_of_each_kind_passes_axe_at_phone_width(demo_site, phone):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = {}
    page = phone.new_page()
    for kind, file in demo_pages(demo_site).items():
        page.goto(file.as_uri())
        page.screenshot(path=str(ARTIFACTS / f"{kind}-360.png"), full_page=True)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        found = [v["id"] for v in result["violations"]] + ([f"scrolls sideways {overflow}px"] if overflow > 0 else [])
        if found:
            failures[kind] = found
    page.close()
    assert failures == {}


def test_every_village_latest_ledger_is_two_taps_from_home(demo_site):
    home = lxml.html.fromstring((demo_site / "index.html").read_text("utf-8"))
    villages = home.xpath("//ul[@class='org-tree']//ul[@class='villages']/li/a")
    assert len(villages) >= 5
    for link in villages:
        org_page = demo_site / link.get("href")
        org = lxml.html.fromstring(org_page.read_text("utf-8"))
        lead = org.xpath("//p[@class='lead-link']/a/@href")
        assert lead, f"{link.text_content()} has no latest-ledger link"
        ledger = lxml.html.fromstring((org_page.parent / lead[0]).resolve().read_text("utf-8"))
        period = ledger.xpath("//dl[@class='balance']/div[dt='所属期间']/dd")[0].text_content()
        periods = [a.text_content() for a in lxml.html.fromstring(
            (org_page.parent / "finance.html").read_text("utf-8")).xpath("//table[contains(@class,'periods')]//th/a")]
        assert period == max(periods), link.text_content()


def test_every_record_page_with_css_is_at_most_50_kb(demo_site):
    css = (demo_site / "theme/css/site.css").stat().st_size
    records = [f for t in RECORD_TYPES for f in demo_site.glob(f"*/{t}/*.html")]
    assert len(records) > 100
    heaviest = max(records, key=lambda f: f.stat().st_size)
    assert heaviest.stat().st_size + css <= 50 * 1024, (heaviest, heaviest.stat().st_size, css)


def test_freshness_is_measured_against_the_newest_record(demo_site):
    newest = max(re.findall(r"<time datetime=\"(\d{4}-\d\d-\d\d)\"", (demo_site / "catalogue/index.html").read_text("utf-8")))
    text = lxml.html.fromstring((demo_site / "freshness.html").read_text("utf-8")).text_content()
    assert f"检查日期：{newest}" in text


def test_every_local_link_on_every_page_resolves(demo_site):
    assert broken_links(demo_site) == []


def test_catalogue_is_paginated_in_static_pages(demo_site):
    from gongkai.writers.catalogue import PAGE_SIZE
    first_page = lxml.html.fromstring((demo_site / "catalogue/index.html").read_text("utf-8"))
    total = int(re.search(r"共 (\d+) 条", first_page.text_content()).group(1))
    assert total == len([p for t in RECORD_TYPES for p in demo_site.glob(f"*/{t}/*.html")])  # every record, once
    count = -(-total // PAGE_SIZE)
    assert sorted(p.name for p in demo_site.glob("catalogue/*.html")) == sorted(
        ["index.html"] + [f"page-{n}.html" for n in range(2, count + 1)])
    shown = 0
    for n in range(1, count + 1):
        doc = lxml.html.fromstring((demo_site / ("catalogue/index.html" if n == 1 else f"catalogue/page-{n}.html")).read_text("utf-8"))
        shown += len(doc.xpath("//table[@class='catalogue']/tbody/tr"))
        assert doc.xpath("//nav[@class='pager']//span[@aria-current='page']")[0].text_content() == str(n)
    assert shown == total


def test_every_page_has_a_favicon_and_its_own_description(demo_site):
    """Lighthouse's best-practice (favicon) and SEO (meta description) audits, on every page."""
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 200
    descriptions = {}
    for file in pages:
        doc = lxml.html.fromstring(file.read_text("utf-8"))
        description = doc.xpath("//head/meta[@name='description']/@content")
        assert len(description) == 1 and len(description[0].strip()) >= 10, file
        descriptions[file] = description[0]
        icons = doc.xpath("//head/link[@rel='icon']/@href")
        assert icons, file
        if file.name != "404.html":  # its links start at the site root
            assert all((file.parent / href).resolve().is_file() for href in icons), (file, icons)
    records = [f for f in pages if f.parent.name in RECORD_TYPES]
    assert len({descriptions[f] for f in records}) == len(records), "each record page describes itself"


def test_one_page_of_each_kind_fits_a_phone_in_large_print(demo_site, phone):
    """长辈版 (#elder) on the demo's real pages: 137.5 % text must not push a page sideways."""
    pages = dict(demo_pages(demo_site), standard=demo_site / "standard/village.html", apply=demo_site / "apply/index.html")
    page = phone.new_page()
    wide = {}
    for kind, file in pages.items():
        page.goto(file.as_uri() + "#elder")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[kind] = overflow
    page.close()
    assert wide == {}
