"""A record printed for the village notice board, as Chromium prints it (page.pdf), read back
with pypdf: numbered pages, the QR code on the first page, and a long ledger whose totals
print once, after its last line, while its header row repeats on every page."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata

import pytest

from conftest import ROOT
from sitebuild import SITE_CONTENT, SITE_URL, build

ARTIFACTS = ROOT / "test-artifacts" / "print"
LINES = 40  # income lines: enough for the ledger to run over two A4 pages


def long_ledger() -> str:
    income = [f"  - {{date: 2026-04-{n % 28 + 1:02d}, subject: {'集体经营收入' if n % 3 == 0 else '上级补助收入'}, "
              f"summary: 第{n}笔收入, amount: {100 + n}.00, voucher: 记-{100 + n}}}" for n in range(1, LINES + 1)]
    total = sum(100 + n for n in range(1, LINES + 1))
    return "\n".join(["type: finance", "title: 2026年4月财务收支公开", "date: 2026-05-05", "period: 2026-04",
                      "opening_balance: 15423.20", "income:", *income, "expense:",
                      "  - {date: 2026-04-15, subject: 公益支出, summary: 路灯维修, amount: 500.00, voucher: 记-200}",
                      f"closing_balance: {15423.20 + total - 500:.2f}", "reviewed_by: {members: [吴某, 郑某], date: 2026-05-03}", ""])


@pytest.fixture(scope="module")
def notice(tmp_path_factory, browser) -> tuple[list[str], str]:
    """The text of each page of the long ledger's printed notice, and the notice's address."""
    from pypdf import PdfReader
    folder = tmp_path_factory.mktemp("print")
    content = folder / "content"
    shutil.copytree(SITE_CONTENT, content)
    (content / "orgs/liushu-village/finance/2026-04.yaml").write_text(long_ledger(), "utf-8")
    site = build(content, folder / "site")
    file = next(f for f in sorted((site / "liushu-village/finance").glob("*.html")) if "2026年4月" in f.read_text("utf-8"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(file.as_uri())
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "long-ledger.pdf"), format="A4", print_background=False)
    context.close()
    # NFKC: the PDF sets "fi" in "finance" as one ligature glyph (and full-width ：（） become :()
    pages = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text())) for p in PdfReader(io.BytesIO(pdf)).pages]
    return pages, f"{SITE_URL}/{file.relative_to(site).as_posix()}"


@pytest.fixture(scope="module")
def printed(notice) -> list[str]:
    return notice[0]


def test_every_page_is_numbered(printed):
    count = len(printed)
    assert count >= 3, "the long ledger should run over several pages"
    for number, text in enumerate(printed, 1):
        assert f"{number}/{count}" in text, f"page {number} has no '{number} / {count}'"


def test_the_qr_code_prints_on_the_first_page(printed, notice):
    assert "扫码查看网上原文" in printed[0] and notice[1] in printed[0]
    assert not any("扫码查看网上原文" in text for text in printed[1:])


def test_a_ledger_prints_its_totals_once_after_its_last_line(printed):
    income_pages = [n for n, text in enumerate(printed) if re.search(r"第\d+笔收入", text)]
    assert len(income_pages) >= 2, "the income ledger should break across pages"
    for n in income_pages:
        assert "日期/凭证号" in printed[n], f"page {n + 1} repeats the header row"
    before_last = "".join(printed[n] for n in income_pages[:-1])
    assert "合计" not in before_last and "小计" not in before_last, "no totals at the foot of a page the ledger goes on from"
    last = printed[income_pages[-1]]
    assert last.index(f"第{LINES}笔收入") < last.index("小计:上级补助收入") < last.index("合计4,820.00")
    assert "".join(printed).count("合计") == 2  # income and expense, once each
