"""Search: the whoosh index, ``publish.py search`` and the static search page in Chromium.

A generated county of 300 records (benchmarks/synthetic.py) plus two records of our own:
one with a hostile title, one naming people and places the other records do not. Recall is
checked against a substring oracle over every record's text.
"""

from __future__ import annotations

import functools
import http.server
import json
import random
import re
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, publish

sys.path.insert(0, str(ROOT / "benchmarks"))

from gongkai.load import load_site  # noqa: E402
from gongkai.project import open_project  # noqa: E402
from gongkai.search import index  # noqa: E402
from gongkai.search.analysis import query_terms, terms  # noqa: E402
from gongkai.search.documents import documents  # noqa: E402
from gongkai.search.export import fnv1a  # noqa: E402

pytestmark = pytest.mark.xdist_group("search")  # one worker builds the county once

HOSTILE = "<script>alert(1)</script>"
COMMON = ["低保", "财务", "资金", "公开", "村民", "补贴", "道路", "会议", "支出", "收入", "预算", "采购"]
OWN_RECORDS = {
    "hostile.md": f"""---
type: notice
title: "{HOSTILE}"
date: 2026-04-02
category: 村务
---
这条记录的标题是一段脚本 alert，页面上只能显示为文字。
""",
    "names.md": """---
type: notice
title: 关于宋芳同志扶贫资金使用情况的说明
date: 2026-04-03
category: 村务
---
经核查，宋芳同志经手的扶贫资金全部用于石门坎组道路硬化。
""",
}


def _village(content: Path) -> str:
    return sorted(p.name for p in (content / "orgs").iterdir() if p.name.startswith("village-"))[0]


@pytest.fixture(scope="session")
def county(tmp_path_factory):
    """(content, output, search docs in the order of the static export) of a built county."""
    import synthetic

    base = tmp_path_factory.mktemp("search-county")
    content, output = base / "content", base / "output"
    synthetic.generate(content, 300, seed=7)
    own = content / "orgs" / _village(content) / "search-test"
    own.mkdir()
    for name, text in OWN_RECORDS.items():
        (own / name).write_text(text, encoding="utf-8")
    result = publish("build", "--content", content, "--output", output)
    assert result.returncode == 0, result.stderr
    project = open_project(content=str(content), output=str(output))
    site, problems = load_site(project.content, project.settings)
    assert not problems.errors
    NAMES.extend(person_names(site))
    return content, output, documents(site)


NAMES: list[str] = []


def person_names(site) -> list[str]:
    """Recipients of subsidies and members of org bodies: the names people look for."""
    found = [person["name"] for record in site.records if record.type == "subsidy" for person in record.data["recipients"]]
    found += [member["name"] for org in site.orgs.values() for member in org.data.get("members", ())]
    return [name for name in found if len(name) >= 2]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(county):
    """The built county served over HTTP on loopback."""
    handler = functools.partial(_Quiet, directory=str(county[1]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert not page.errors
    context.close()


def oracle(docs, query: str) -> set[int]:
    """Documents whose text contains the query as a substring."""
    return {n for n, doc in enumerate(docs) if query.lower() in doc.all_text.lower()}


def queries(docs) -> dict[str, list[str]]:
    """Common words, personal names and bare bigrams drawn (with a fixed seed) from the records."""
    rng = random.Random(3)
    text = "\n".join(doc.all_text for doc in docs)
    names = sorted(set(NAMES))
    cjk_runs = re.findall(r"[\u4e00-\u9fff]{2,}", text)
    bigrams = sorted({run[i:i + 2] for run in cjk_runs for i in range(len(run) - 1)})
    return {"common": COMMON + ["扶贫资金", "道路硬化", "石门坎"],
            "names": rng.sample(names, min(15, len(names))) + ["宋芳"],
            "bigrams": rng.sample(bigrams, 25)}


def static_search(page, site_url, query: str, **filters) -> list[int]:
    """The page's own search function (search.js) run in the browser: docnums, best first."""
    if not page.url.startswith(site_url + "search.html"):
        page.goto(site_url + "search.html")
    return page.evaluate("""([q, filters]) => new Promise((resolve, reject) =>
        window.gongkaiSearch.index.search(q, filters, (error, docs) => error ? reject(String(error)) : resolve(docs)))""",
                         [query, filters])


# -- analysis --------------------------------------------------------------------------------

def test_bigrams_find_any_two_character_piece():
    assert terms("扶贫资金") == ["扶贫", "贫资", "资金"]
    assert set(query_terms("贫资")) <= set(terms("用于扶贫资金发放"))
    assert query_terms("宋芳 2026年 Road") == ["宋芳", "2026", "road"]
    assert query_terms("低") == []


def test_python_and_javascript_make_the_same_terms(page, site_url):
    page.goto(site_url + "search.html")
    samples = ["扶贫资金", "宋芳、李明", "3月财务 Road-2026", "𠀀𠀁字", "〔2026〕5号文件", "ÉCOLE école"]
    js = page.evaluate("samples => samples.map(s => window.gongkaiSearch.terms(s))", samples)
    assert js == [query_terms(s) for s in samples]
    hashes = page.evaluate("samples => samples.map(s => window.gongkaiSearch.fnv1a(s))", ["宋芳", "ab", "𠀀𠀁"])
    assert hashes == [fnv1a(s) for s in ["宋芳", "ab", "𠀀𠀁"]]


# -- recall against a substring oracle ------------------------------------------------------

def test_static_search_finds_every_record_containing_the_query(page, site_url, county):
    docs = county[2]
    for kind, words in queries(docs).items():
        for query in words:
            expected = oracle(docs, query)
            found = set(static_search(page, site_url, query))
            assert expected <= found, f"{kind} {query}: missed {sorted(expected - found)[:5]}"
            if len(query) == 2:  # one bigram: exactly the records containing it
                assert found == expected, f"{kind} {query}: extra {sorted(found - expected)[:5]}"


def test_whoosh_index_finds_every_record_containing_the_query(county):
    content, output, docs = county
    ix = index.open_index(output)
    try:
        for kind, words in queries(docs).items():
            for query in words:
                total, hits = index.search(ix, query, limit=None)
                expected = {docs[n].url for n in oracle(docs, query)}
                found = {hit["url"] for hit in hits}
                assert expected <= found, f"{kind} {query}: missed {sorted(expected - found)[:5]}"
    finally:
        ix.close()


def test_static_and_whoosh_rank_alike(page, site_url, county):
    """The static weights are whoosh's BM25F scores, quantised: the top hit agrees."""
    content, output, docs = county
    ix = index.open_index(output)
    try:
        for query in ("扶贫资金", "宋芳", "道路硬化", "低保"):
            _, hits = index.search(ix, query, limit=1)
            best = static_search(page, site_url, query)[0]
            assert docs[best].url == hits[0]["url"], query
    finally:
        ix.close()


# -- the page ---------------------------------------------------------------------------------

def _result_links(page) -> list[str]:
    return page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))")


def _wait_for_results(page):
    page.wait_for_function("() => !/正在搜索|^$/.test(document.getElementById('search-status').textContent)"
                           " && document.getElementById('search-results').getAttribute('aria-busy') !== 'true'")


def test_home_page_search_leads_to_the_records(page, site_url, county):
    docs = county[2]
    page.goto(site_url + "index.html")
    page.fill("#q", "宋芳")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=%E5%AE%8B%E8%8A%B3$"))
    _wait_for_results(page)
    expected = {docs[n].url for n in oracle(docs, "宋芳")}
    assert expected and set(_result_links(page)) == expected
    assert page.text_content("#search-status").startswith(f"找到 {len(expected)} 条")
    assert "宋芳" in page.eval_on_selector_all("#search-results mark", "marks => marks.map(m => m.textContent)")
    page.click(f"#search-results a[href='{docs[oracle(docs, '宋芳').pop()].url}']")
    page.wait_for_load_state()
    assert "宋芳" in page.text_content("main")


def test_filters_narrow_the_results_and_stay_in_the_url(page, site_url, county):
    docs = county[2]
    page.goto(site_url + "search.html?q=" + "资金")
    _wait_for_results(page)
    everything = oracle(docs, "资金")
    org = docs[min(everything)].org_slug
    page.select_option("#org", org)
    page.wait_for_url(re.compile(rf"org={org}"))
    _wait_for_results(page)
    in_org = {n for n in everything if docs[n].org_slug == org}
    assert page.text_content("#search-status").startswith(f"找到 {len(in_org)} 条")
    assert len(in_org) < len(everything)
    kind = docs[min(in_org)].type
    page.select_option("#type", kind)
    _wait_for_results(page)
    narrowed = {n for n in in_org if docs[n].type == kind}
    shown = set(_result_links(page))
    assert shown <= {docs[n].url for n in narrowed} and len(shown) == min(20, len(narrowed))
    year = docs[min(narrowed)].year
    page.select_option("#year", year)
    _wait_for_results(page)
    assert set(_result_links(page)) == {docs[n].url for n in narrowed if docs[n].year == year}
    assert f"year={year}" in page.url and f"type={kind}" in page.url
    bookmarked = page.url
    page.goto(site_url + "index.html")
    page.goto(bookmarked)  # a bookmark brings the same search back
    _wait_for_results(page)
    assert page.input_value("#q") == "资金" and page.input_value("#org") == org
    assert set(_result_links(page)) == {docs[n].url for n in narrowed if docs[n].year == year}


def test_more_results_on_request(page, site_url, county):
    docs = county[2]
    total = len(oracle(docs, "公开"))
    assert total > 20
    page.goto(site_url + "search.html?q=公开")
    _wait_for_results(page)
    assert len(_result_links(page)) == 20
    page.click("#search-more")
    _wait_for_results(page)
    assert len(_result_links(page)) == min(40, total)


def test_hostile_title_shows_as_text_and_runs_nothing(page, site_url):
    page.goto(site_url + "search.html?q=alert")
    _wait_for_results(page)
    titles = page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.textContent)")
    assert HOSTILE in titles
    assert page.eval_on_selector_all("#search-results script", "s => s.length") == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_nothing_found_gives_help(page, site_url):
    page.goto(site_url + "search.html?q=量子纠缠")
    _wait_for_results(page)
    assert "没有找到" in page.text_content("#search-status")
    assert page.is_visible("#search-help")
    assert not page.is_visible("#search-more")
    assert page.get_attribute("#search-help a[href='catalogue/index.html']", "href")
    page.fill("#q", "低")
    page.press("#q", "Enter")
    page.wait_for_function("() => /两个汉字/.test(document.getElementById('search-status').textContent)")


def test_without_javascript_the_page_says_so_and_links_the_catalogue(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search.html?q=低保")
    text = page.text_content("main")
    assert "需要浏览器启用 JavaScript" in text
    assert page.locator("noscript a[href='catalogue/index.html']").count() == 1
    context.close()


def test_search_page_loads_no_inline_script(county):
    html = (county[1] / "search.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts == ["", ""] and 'src="theme/js/search.js"' in html and 'src="theme/js/elder.js"' in html  # 长辈版


# -- publish.py search --------------------------------------------------------------------------

def _search(county, *args):
    content, output, _ = county
    return publish("search", *args, "--content", content, "--output", output)


def test_search_json_gives_the_hit_fields(county):
    content, output, docs = county
    result = _search(county, "宋芳", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert {h["url"] for h in hits} == {docs[n].url for n in oracle(docs, "宋芳")}
    for hit in hits:
        assert {"title", "url", "org", "type", "date", "source"} <= set(hit)
        assert (content / hit["source"]).is_file()
        assert (output / hit["url"]).is_file()
    best = hits[0]
    assert best["title"] == "关于宋芳同志扶贫资金使用情况的说明"  # a title match weighs more
    assert best["type"] == "notice" and best["date"] == "2026-04-03"
    assert best["source"].endswith("search-test/names.md")


@pytest.mark.parametrize("flag, key", [("--org", "org_slug"), ("--type", "type"), ("--year", "year")])
def test_search_filters(county, flag, key):
    docs = county[2]
    matches = sorted(oracle(docs, "资金"))
    value = getattr(docs[matches[0]], key)
    expected = {docs[n].url for n in matches if getattr(docs[n], key) == value}
    result = _search(county, "资金", flag, value, "--json", "--limit", "1000")
    assert result.returncode == 0, result.stderr
    assert {h["url"] for h in json.loads(result.stdout)} == expected
    assert len(expected) < len(matches)


def test_search_limit_and_plain_output(county):
    result = _search(county, "公开", "--limit", "3")
    assert result.returncode == 0
    assert re.match(r"找到 \d+ 条包含“公开”的记录，列出前 3 条", result.stdout)
    assert "  3. " in result.stdout and "  4. " not in result.stdout


def test_search_problems_are_one_line_and_exit_2(county, tmp_path):
    too_short = _search(county, "低")
    assert too_short.returncode == 2 and "太短" in too_short.stderr and "Traceback" not in too_short.stderr
    no_build = publish("search", "低保", "--content", county[0], "--output", tmp_path / "nothing")
    assert no_build.returncode == 2 and "publish.py build" in no_build.stderr
    assert len(no_build.stderr.strip().splitlines()) == 1
    unknown = _search(county, "资金", "--org", "no-such-village")
    assert unknown.returncode == 2 and "没有机构文件夹“no-such-village”" in unknown.stderr
    bad_year = _search(county, "资金", "--year", "26")
    assert bad_year.returncode == 2 and "四位年份" in bad_year.stderr


def test_static_export_is_reproducible(county, tmp_path):
    content, output, _ = county
    again = tmp_path / "again"
    assert publish("build", "--content", content, "--output", again).returncode == 0
    ours = sorted(p.relative_to(output).as_posix() for p in (output / "search").rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(again).as_posix() for p in (again / "search").rglob("*") if p.is_file())
    assert ours == theirs
    assert all((output / p).read_bytes() == (again / p).read_bytes() for p in ours)
    assert (output / "search.html").read_bytes() == (again / "search.html").read_bytes()
    assert not any(p.name.startswith(".") for p in output.iterdir())  # the whoosh index is beside, not in


# -- the demo county ----------------------------------------------------------------------------

def test_demo_county_names_are_found(demo_site):
    """Every recipient name of the demo's subsidy lists finds exactly the records holding it."""
    from conftest import DEMO_CONTENT

    project = open_project(content=str(DEMO_CONTENT), output=str(demo_site))
    site, _ = load_site(project.content, project.settings)
    docs = documents(site)
    names = sorted(set(person_names(site)))[:12]
    assert names
    for name in names:
        result = publish("search", name, "--json", "--limit", "1000", "--content", DEMO_CONTENT, "--output", demo_site)
        assert result.returncode == 0, result.stderr
        found = {hit["url"] for hit in json.loads(result.stdout)}
        assert found >= {docs[n].url for n in oracle(docs, name)}, name
        assert (demo_site / "search.html").is_file()


def test_search_script_is_es5():
    """The script parses as ECMAScript 5: old phone browsers run it (acorn, pinned in package.json)."""
    import subprocess

    acorn = ROOT / "node_modules" / ".bin" / "acorn"
    if not acorn.exists():
        pytest.fail("acorn is not installed: .ci/install runs npm ci")
    script = ROOT / "themes" / "gongkai" / "static" / "js" / "search.js"
    result = subprocess.run([str(acorn), "--ecma5", "--silent", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
