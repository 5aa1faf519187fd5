"""Search on a synthetic county: our sharded static search beside Pagefind 1.6.0.

    .venv/bin/python benchmarks/search.py [-n 20000] [--seed 0] [--work DIR]

Builds a synthetic county (benchmarks/synthetic.py) with ``publish.py build``, indexes the
same built site with Pagefind (``npx pagefind``, extended build: Chinese segmentation), serves
it on loopback and drives Debian's Chromium:

- bytes fetched (gzip, as a host would send them; files already compressed count as they
  are) by the first query typed on the home page — home page, search page, script, CSS,
  shards, result documents — and by later queries on the same page; budgets 100 KB / 30 KB;
- recall against a substring oracle over every record's text, for common words, personal
  names and bare bigrams, of our script in the browser and of Pagefind in the browser;
- the recall of other analyses on the same queries, computed here: jieba words (precise and
  search mode) and whole CJK runs (what a whitespace/Unicode tokenizer such as whoosh's
  StandardAnalyzer does) — why we index bigrams;
- index build time and size (whoosh, our static export, Pagefind's bundle).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gongkai.load import load_site  # noqa: E402
from gongkai.project import open_project  # noqa: E402
from gongkai.search import analysis, index  # noqa: E402
from gongkai.search.documents import documents  # noqa: E402
from gongkai.search.export import export  # noqa: E402

FIRST_BUDGET, LATER_BUDGET = 100_000, 30_000
COMMON = ["低保", "财务", "资金", "公开", "村民", "补贴", "道路", "会议", "支出", "收入", "预算", "采购",
          "扶贫资金", "道路硬化", "村务公开", "耕地地力保护", "办事指南", "年度报告"]
FIRST_QUERIES = ["扶贫资金", "道路硬化", "村务公开", "低保"]  # the first with a full page of results is used
LATER_QUERIES = ["低保", "道路硬化", "{name}", "{village}", "财务收支", "村务公开", "耕地地力保护补贴"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGEFIND_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind</title>
<script type="module" src="pagefind-bench.js"></script></head><body><p id="out"></p></body></html>
"""
PAGEFIND_SCRIPT = """
const pagefind = await import("./pagefind/pagefind.js");
window.pagefindSearch = async (q, shown) => {
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, shown).map(r => r.data()));
  return {count: search.results.length, ids: search.results.map(r => r.id), urls: data.map(d => d.url)};
};
window.pagefindReady = true;
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000, help="records in the synthetic county")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", help="folder for the county and the site (default: a temporary one)")
    parser.add_argument("--queries", type=int, default=20, help="names and bigrams drawn for recall, each")
    parser.add_argument("--reuse", action="store_true", help="measure the site already built in WORK/site")
    args = parser.parse_args(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="gongkai-search-"))
    content, site = work / "content", work / "site"
    figures: dict = {}

    if not (content / "orgs").is_dir():
        import synthetic

        print(f"generating {args.n} records into {content} …", file=sys.stderr)
        synthetic.generate(content, args.n, args.seed)
    if not (args.reuse and (site / "search.html").is_file()):
        print("publish.py build …", file=sys.stderr)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content),
                                 "--output", str(site)], capture_output=True, text=True)
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        figures["site build s"] = time.perf_counter() - started
    shutil.rmtree(site / "pagefind", ignore_errors=True)

    project = open_project(content=str(content), output=str(site))
    loaded, _ = load_site(project.content, project.settings)
    docs = documents(loaded)
    ours = measure_our_index(docs, work / "probe")
    ours["whoosh index bytes"] = folder_bytes(index.index_path(site))
    ours.update(static_sizes(site))
    theirs = run_pagefind(site)

    queries = draw_queries(loaded, docs, args.queries, args.seed)
    oracle = {q: {docs[n].url for n in substring_oracle(docs, q)} for qs in queries.values() for q in qs}
    fragment_urls = pagefind_fragment_urls(site / "pagefind")
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    (site / "pagefind-bench.js").write_text(PAGEFIND_SCRIPT, encoding="utf-8")

    name = queries["personal names"][0]
    village = next(o.name for o in loaded.orgs.values() if o.kind == "village")
    first = next(q for q in FIRST_QUERIES + COMMON if len(substring_oracle(docs, q)) >= 20)
    later = [q.format(name=name, village=village) for q in LATER_QUERIES if q != first]
    with serve(site) as base, chromium() as browser:
        ours.update(our_bytes(browser, base, site, first, later))
        theirs.update(pagefind_bytes(browser, base, site, first, later))
        ours["recall"] = our_recall(browser, base, queries, oracle, docs)
        theirs["recall"] = pagefind_recall(browser, base, queries, oracle, fragment_urls)
    print(json.dumps({"ours": ours, "pagefind": theirs}, ensure_ascii=False, default=str), file=sys.stderr)
    analyses = analysis_recall(docs, queries, oracle)

    print(report(args.n, len(docs), figures, ours, theirs, analyses, queries))
    over = ours["first query bytes"] > FIRST_BUDGET or ours["later query bytes (max)"] > LATER_BUDGET
    missed = any(r < 1.0 for r in ours["recall"].values())
    return 1 if over or missed else 0


# -- our index -------------------------------------------------------------------------------

def measure_our_index(docs, probe: Path) -> dict:
    """Build the whoosh index and the static export again, timed on their own."""
    probe.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ix = index.build(docs, probe / "site")
    indexed = time.perf_counter()
    export(ix, docs)
    exported = time.perf_counter()
    ix.close()
    shutil.rmtree(probe)
    return {"whoosh index s": indexed - started, "static export s": exported - indexed,
            "index build s": exported - started}


def static_sizes(site: Path) -> dict:
    files = [p for p in (site / "search").rglob("*") if p.is_file()]
    return {"index files": len(files), "index bytes": sum(p.stat().st_size for p in files),
            "index bytes gzip": sum(wire_size(p.read_bytes()) for p in files)}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def wire_size(data: bytes) -> int:
    """What a host sends: gzip level 6, or the file as is when it is already compressed."""
    return min(len(data), len(gzip.compress(data, 6, mtime=0)))


# -- Pagefind --------------------------------------------------------------------------------

def run_pagefind(site: Path) -> dict:
    print("npx pagefind …", file=sys.stderr)
    started = time.perf_counter()
    result = subprocess.run(["npx", "--no-install", "pagefind", "--site", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"pagefind failed: {result.stderr or result.stdout}")
    version = subprocess.run(["npx", "--no-install", "pagefind", "--version"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"version": version, "index build s": seconds, "index files": len(files),
            "index bytes": sum(p.stat().st_size for p in files),
            "index bytes gzip": sum(wire_size(p.read_bytes()) for p in files)}


def pagefind_fragment_urls(bundle: Path) -> dict[str, str]:
    """Pagefind result id → page URL, read from its (gzip) fragment files."""
    urls = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        urls[fragment.stem] = json.loads(text[text.index("{"):])["url"].lstrip("/")
    return urls


# -- queries and the oracle ------------------------------------------------------------------

def substring_oracle(docs, query: str) -> set[int]:
    query = query.lower()
    return {n for n, doc in enumerate(docs) if query in doc.all_text.lower()}


def draw_queries(site, docs, count: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    names = sorted({p["name"] for r in site.records if r.type == "subsidy" for p in r.data["recipients"]}
                   | {m["name"] for o in site.orgs.values() for m in o.data.get("members", ())})
    names = [n for n in names if len(n) >= 2]
    runs = [run for doc in docs[:: max(1, len(docs) // 2000)] for run in re.findall(r"[\u4e00-\u9fff]{2,}", doc.all_text)]
    bigrams = sorted({run[i:i + 2] for run in runs for i in range(len(run) - 1)})
    return {"common words": list(COMMON), "personal names": rng.sample(names, min(count, len(names))),
            "bare bigrams": rng.sample(bigrams, min(count, len(bigrams)))}


def recall(found: set[str], expected: set[str]) -> tuple[int, int]:
    return len(found & expected), len(expected)


def summarise(pairs: dict[str, list[tuple[int, int]]]) -> dict[str, float]:
    return {kind: (sum(h for h, _ in ps) / max(1, sum(t for _, t in ps))) for kind, ps in pairs.items()}


# -- the browser -----------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class serve:
    def __init__(self, folder: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()


class chromium:
    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self.browser

    def __exit__(self, *exc):
        self.browser.close()
        self.playwright.stop()


class Fetches:
    """Every URL a page fetches, each counted once (a browser keeps what it fetched)."""

    def __init__(self, page, site: Path, base: str):
        self.site, self.base, self.seen, self.new = site, base, set(), []
        page.on("request", self._on_request)

    def _on_request(self, request):
        url = request.url.split("#")[0]
        if url.startswith(self.base) and url not in self.seen:
            self.seen.add(url)
            self.new.append(url)

    def take(self) -> tuple[int, list[tuple[str, int]]]:
        files = [(url, self.size(url)) for url in self.new]
        self.new = []
        return sum(size for _, size in files), files

    def size(self, url: str) -> int:
        path = unquote(urlparse(url).path).lstrip("/") or "index.html"
        file = self.site / path
        return wire_size(file.read_bytes()) if file.is_file() else 0


def _wait_for_results(page):
    page.wait_for_function("() => !/正在搜索|^$/.test(document.getElementById('search-status').textContent)"
                           " && document.getElementById('search-results').getAttribute('aria-busy') !== 'true'",
                           timeout=120_000)


def our_bytes(browser, base: str, site: Path, first_query: str, later: list[str]) -> dict:
    context = browser.new_context()
    page = context.new_page()
    fetches = Fetches(page, site, base)
    page.goto(base + "index.html")
    page.fill("#q", first_query)
    page.press("#q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    _wait_for_results(page)
    first, files = fetches.take()
    sizes = {}
    for query in later:
        page.fill("#q", query)
        page.press("#q", "Enter")
        _wait_for_results(page)
        sizes[query] = fetches.take()[0]
    page.select_option("#type", "subsidy")  # a filter on the last query
    _wait_for_results(page)
    sizes[later[-1] + " + type filter"] = fetches.take()[0]
    context.close()
    return {"first query": first_query, "first query bytes": first, "first query files": len(files), "later": sizes,
            "later query bytes (max)": max(sizes.values()), "later query bytes (mean)": sum(sizes.values()) / len(sizes),
            "first query breakdown": _breakdown(files)}


def _breakdown(files) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for url, size in files:
        path = urlparse(url).path
        kind = ("postings" if "/t/" in path else "documents" if "/d/" in path else "filters" if re.search("/[ok]/", path)
                else path.rsplit("/", 1)[-1])
        kinds[kind] = kinds.get(kind, 0) + size
    return kinds


def pagefind_bytes(browser, base: str, site: Path, first_query: str, later: list[str]) -> dict:
    context = browser.new_context()
    page = context.new_page()
    fetches = Fetches(page, site, base)
    page.goto(base + "index.html")  # the same home page, then a search page with Pagefind
    page.goto(base + "pagefind-bench.html")
    page.wait_for_function("() => window.pagefindReady === true")
    page.evaluate("q => window.pagefindSearch(q, 20)", first_query)
    first, files = fetches.take()
    sizes = {}
    for query in later:
        page.evaluate("q => window.pagefindSearch(q, 20)", query)
        sizes[query] = fetches.take()[0]
    context.close()
    return {"first query bytes": first, "first query files": len(files), "later": sizes,
            "later query bytes (max)": max(sizes.values()), "later query bytes (mean)": sum(sizes.values()) / len(sizes)}


def our_recall(browser, base: str, queries, oracle, docs) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search.html")
    pairs = {}
    for kind, words in queries.items():
        pairs[kind] = []
        for query in words:
            docnums = page.evaluate("""q => new Promise((resolve, reject) => window.gongkaiSearch.index.search(
                q, {}, (error, docs) => error ? reject(String(error)) : resolve(docs)))""", query)
            pairs[kind].append(recall({docs[n].url for n in docnums}, oracle[query]))
    context.close()
    return summarise(pairs)


def pagefind_recall(browser, base: str, queries, oracle, fragment_urls) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "pagefind-bench.html")
    page.wait_for_function("() => window.pagefindReady === true")
    pairs = {}
    for kind, words in queries.items():
        pairs[kind] = []
        for query in words:
            ids = page.evaluate("q => window.pagefindSearch(q, 0).then(r => r.ids)", query)
            pairs[kind].append(recall({fragment_urls.get(i, "") for i in ids}, oracle[query]))
    context.close()
    return summarise(pairs)


# -- other analyses, computed here -----------------------------------------------------------

def analysis_recall(docs, queries, oracle) -> dict[str, dict[str, float]]:
    analysers = {"CJK bigrams (ours)": (analysis.terms, analysis.query_terms),
                 "whole CJK runs": (_runs, _runs)}
    try:
        import jieba

        jieba.setLogLevel(60)
        analysers["jieba words"] = (jieba.lcut, jieba.lcut)
        analysers["jieba search mode"] = (jieba.lcut_for_search, jieba.lcut_for_search)
    except ImportError:
        print("jieba is not installed (requirements-dev.txt): its recall is left out", file=sys.stderr)
    figures = {}
    for label, (cut_text, cut_query) in analysers.items():
        print(f"analysis: {label} …", file=sys.stderr)
        postings: dict[str, set[int]] = {}
        for n, doc in enumerate(docs):
            for term in set(_words(cut_text(doc.all_text.lower()))):
                postings.setdefault(term, set()).add(n)
        pairs = {}
        for kind, words in queries.items():
            pairs[kind] = []
            for query in words:
                terms = _words(cut_query(query.lower()))
                found = set.intersection(*(postings.get(t, set()) for t in terms)) if terms else set()
                pairs[kind].append(recall({docs[n].url for n in found}, oracle[query]))
        figures[label] = summarise(pairs)
    return figures


def _runs(text: str) -> list[str]:
    return re.findall(r"[\u3400-\u9fff]+|[0-9a-z]+", text)


def _words(tokens) -> list[str]:
    return [t for t in tokens if t.strip() and re.search(r"[\u3400-\u9fff0-9a-z]", t)]


# -- the report ------------------------------------------------------------------------------

def report(n, docs, figures, ours, theirs, analyses, queries) -> str:
    kb = lambda b: f"{b / 1000:,.1f} KB"  # noqa: E731
    rows = [("bytes, first query from the home page (gzip)", kb(ours["first query bytes"]) + f" (budget {kb(FIRST_BUDGET)})",
             kb(theirs["first query bytes"])),
            ("files fetched, first query", ours["first query files"], theirs["first query files"]),
            ("bytes, later query (max)", kb(ours["later query bytes (max)"]) + f" (budget {kb(LATER_BUDGET)})",
             kb(theirs["later query bytes (max)"])),
            ("bytes, later query (mean)", kb(ours["later query bytes (mean)"]), kb(theirs["later query bytes (mean)"])),
            ("index build time", f"{ours['index build s']:.1f} s (whoosh {ours['whoosh index s']:.1f} + export "
                                 f"{ours['static export s']:.1f})", f"{theirs['index build s']:.1f} s"),
            ("index published: files", f"{ours['index files']:,}", f"{theirs['index files']:,}"),
            ("index published: bytes", kb(ours["index bytes"]), kb(theirs["index bytes"])),
            ("index published: bytes gzip", kb(ours["index bytes gzip"]), kb(theirs["index bytes gzip"])),
            ("whoosh index (not published)", kb(ours["whoosh index bytes"]), "-")]
    for kind in queries:
        rows.append((f"recall, {kind} ({len(queries[kind])})", f"{ours['recall'][kind]:.1%}", f"{theirs['recall'][kind]:.1%}"))
    width = max(len(str(r[0])) for r in rows) + 2
    lines = [f"Search on a synthetic county: {n:,} records + orgs = {docs:,} documents; "
             + (f"site build {figures['site build s']:.0f} s" if figures else "site reused"),
             "", f"{'':{width}}{'ours':<40}{theirs['version']}"]
    lines += [f"{label:{width}}{str(a):<40}{b}" for label, a, b in rows]
    lines += ["", f"first query “{ours['first query']}”, ours, by file: "
              + ", ".join(f"{k} {kb(v)}" for k, v in ours["first query breakdown"].items()),
              "later queries (ours / Pagefind): " + "; ".join(
                  f"{q} {kb(b)} / {kb(theirs['later'][q]) if q in theirs['later'] else '-'}" for q, b in ours["later"].items()),
              "", "Recall of other analyses on the same queries (substring oracle):"]
    kinds = list(queries)
    lines.append(f"{'':24}" + "".join(f"{k:<18}" for k in kinds))
    for label, values in analyses.items():
        lines.append(f"{label:24}" + "".join(f"{values[k]:<18.1%}" for k in kinds))
    lines += ["", "queries: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in queries.items())]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
