"""Property: no ID, bank card or mobile number reaches any published file, however it is written.

Hypothesis builds a valid number, writes it the ways a clerk (or someone hiding it) might —
digits apart by one separator, zero-width characters, emphasis, comments and tags,
entities, full-width digits, percent-encoding — and puts it in one place a record or page
publishes: a field, the org profile, the body (paragraph, table cell, list item, link
title, tel: link), the summary taken from the body, a site page, a file name, an
attachment's name or text. Then it builds. A refused build (exit 1) passes: nothing was
published. A build that succeeds is searched by an oracle that knows nothing of the
scanner: the text a reader gets — Chromium's ``innerText`` of every page, every string of
every JSON file, every CSV cell, the text and attributes of every XML file (and the HTML
inside feed entries), search shards and the text inside published attachments — reduced
to digits, must not hold the planted number's digits.

``test_the_oracle_sees_every_place`` keeps the oracle honest: 12-digit numbers that are no
personal number are planted in every place at once, the build publishes them, and the
oracle must find each.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import shutil
import tempfile
import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import documents
from conftest import FIXTURES
from gongkai.cli import main

MINI = FIXTURES / "mini-county"
VILLAGE = "orgs/xiaohe-village"
ZIPPED = (".xlsx", ".docx", ".ofd")

# -- the numbers -------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(["110105", "510802", "440305", "320102", "650102"]))
    born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)))
    body = region + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS)) % 11]


@st.composite
def card_numbers(draw):
    body = "62" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=13, max_size=16)))
    for check in "0123456789":
        total = sum((d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d for i, d in enumerate(map(int, reversed(body + check))))
        if total % 10 == 0:
            return body + check
    raise AssertionError("unreachable")


@st.composite
def mobile_numbers(draw):
    # 139 0000 1111 and 0839-… are the village's own public phones: not these
    return "1" + draw(st.sampled_from("345678")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))


numbers = st.one_of(id_numbers(), card_numbers(), mobile_numbers())

# -- how a place lets a number be written --------------------------------------------------

FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)} | {"X": "Ｘ"}
STYLES = {
    # separators (at most one between two digits), invisible pieces, digit encodings
    "markdown": ([" ", "-", ".", "_", "\u3000", "&nbsp;"], ["\u200b", "\u2060", "\ufeff", "<!-- x -->", "<b></b>", "**", "`"],
                 ["ascii", "full", "entity", "hex"]),
    "paragraph": ([" ", "-", ".", "\n", "\u3000"], ["\u200b", "<!-- x -->", "<i></i>", "**"], ["ascii", "full", "entity", "hex"]),
    "text": ([" ", "-", ".", "_", "\u3000"], ["\u200b", "\u200c", "\u2060", "\u00ad"], ["ascii", "full", "entity"]),
    "name": ([" ", "-", ".", "_"], [], ["ascii", "full"]),
    "pdf": ([" ", "-", "."], [], ["ascii"]),
    "office": ([" ", "-", ".", "\u3000"], ["\u200b"], ["ascii", "full"]),
    "docx": ([" ", "-", "."], ["**"], ["ascii", "full"]),
}


def encode(digit: str, how: str) -> str:
    return {"ascii": digit, "full": FULL_WIDTH[digit], "entity": f"&#{ord(digit)};", "hex": f"&#x{ord(digit):x};"}[how]


@st.composite
def written(draw, number: str, style: str):
    separators, invisible, encodings = STYLES[style]
    out = []
    for i, digit in enumerate(number):
        if i:
            # spec §2: one separator at most, and markup a reader does not see ("**" twice would be
            # "****", four characters on the page, not emphasis)
            pieces = draw(st.lists(st.sampled_from(invisible), max_size=2, unique=True)) if invisible else []
            if draw(st.integers(0, 2)) == 0:
                pieces.insert(draw(st.integers(0, len(pieces))), draw(st.sampled_from(separators)))
            out.append("".join(pieces))
        out.append(encode(digit, draw(st.sampled_from(encodings))))
    return "".join(out)


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def notice(body: str = "正文。", **fields) -> str:
    head = {"type": "notice", "title": "通知", "date": "2026-04-01", "category": "村务", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in head.items()) + "---\n" + body + "\n"


def attached(name: str) -> str:
    return notice(attachments=f"[{{file: files/{name}, title: 附件}}]")


N = f"{VILLAGE}/notice"
# place → (style of writing, function from the written number and a unique n to {file: text or bytes})
PLACES = {
    "title": ("text", lambda w, n: {f"{N}/p{n}.md": notice(title=yaml_text(f"关于{w}的通知"))}),
    "summary": ("text", lambda w, n: {f"{N}/p{n}.md": notice(summary=yaml_text(f"联系{w}"))}),
    "tag": ("text", lambda w, n: {f"{N}/p{n}.md": notice(tags=f"[{yaml_text(w)}]")}),
    "ledger entry": ("text", lambda w, n: {f"{VILLAGE}/finance/2026-04.yaml": LEDGER.replace("运转经费", w.replace('"', ""))}),
    "org profile": ("text", lambda w, n: {f"{VILLAGE}/org.yaml": (MINI / VILLAGE / "org.yaml").read_text("utf-8").replace(
        "address: ", f"description: {yaml_text('村委会电话 ' + w)}\naddress: ", 1)}),
    "body paragraph": ("paragraph", lambda w, n: {f"{N}/p{n}.md": notice(f"第一段。\n\n联系人 {w} 即可")}),
    "first paragraph (summary)": ("paragraph", lambda w, n: {f"{N}/p{n}.md": notice(f"联系人 {w} 即可\n\n第二段。")}),
    "table cell": ("markdown", lambda w, n: {f"{N}/p{n}.md": notice(f"第一段。\n\n| 项目 | 说明 |\n|---|---|\n| 联系 | 电话{w} |")}),
    "list item": ("markdown", lambda w, n: {f"{N}/p{n}.md": notice(f"第一段。\n\n- 甲\n- 联系 {w}\n- 乙")}),
    "link title": ("text", lambda w, n: {f"{N}/p{n}.md": notice(f'第一段。\n\n见[通知](https://example.cn/a "{w}")')}),
    "tel: link": ("name", lambda w, n: {f"{N}/p{n}.md": notice(
        "第一段。\n\n[拨打](tel:" + "".join(f"%{ord(c):02X}" if c.isdigit() else c for c in unicodedata.normalize("NFKC", w)) + ")")}),
    "site page": ("paragraph", lambda w, n: {f"pages/p{n}.md": f"Title: 关于本站{n}\n\n办公室电话 {w}。\n"}),
    "site page title": ("text", lambda w, n: {f"pages/p{n}.md": f"Title: 联系{w}\n\n正文。\n"}),
    "file name": ("name", lambda w, n: {f"{N}/{w}.md": notice()}),
    "attachment name": ("name", lambda w, n: {f"{N}/p{n}.md": attached(f"{w}.pdf"), f"{N}/files/{w}.pdf": documents.pdf("form")}),
    "spreadsheet cell": ("office", lambda w, n: {f"{N}/p{n}.md": attached(f"{n}.xlsx"),
                                                 f"{N}/files/{n}.xlsx": documents.xlsx([["姓名", "号码"], ["宋芳", w]])}),
    "Word paragraph": ("docx", lambda w, n: {f"{N}/p{n}.md": attached(f"{n}.docx"),
                                             f"{N}/files/{n}.docx": documents.docx("申请书", f"联系 {w}")}),
    "PDF page": ("pdf", lambda w, n: {f"{N}/p{n}.md": attached(f"{n}.pdf"), f"{N}/files/{n}.pdf": documents.pdf("Contact", f"Tel {w}")}),
    "OFD page": ("office", lambda w, n: {f"{N}/p{n}.md": attached(f"{n}.ofd"), f"{N}/files/{n}.ofd": documents.ofd(f"联系 {w}")}),
}
LEDGER = """type: finance
title: 2026年4月财务收支公开
date: 2026-05-05
period: 2026-04
opening_balance: 1200.10
income:
  - {date: 2026-04-02, subject: 上级补助收入, summary: "运转经费", amount: 500.00}
expense:
  - {date: 2026-04-05, subject: 管理费用, summary: 办公用品, amount: 100.00}
closing_balance: 1600.10
"""

# -- the oracle: the text a reader gets, reduced to digits ---------------------------------


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _xml_texts(data: bytes):
    for element in ElementTree.fromstring(data).iter():
        yield from element.attrib.values()
        for text in (element.text, element.tail):
            if text and text.strip():
                yield text
                if "<" in text or "&" in text:  # HTML inside a feed entry, as a feed reader shows it
                    yield html.unescape(re.sub(r"<[^>]*>", "", text))


def read_texts(output: Path, page) -> dict[str, str]:
    """Every published file's reader text, reduced to digits, by path."""
    found = {}
    for file in sorted(p for p in output.rglob("*") if p.is_file()):
        relative, data = file.relative_to(output).as_posix(), file.read_bytes()
        if file.suffix == ".html":
            page.goto(file.as_uri())
            texts = [page.evaluate("document.body.innerText"), page.evaluate(
                "Array.from(document.querySelectorAll('[title],[alt],[href],[content]')).map(e => "
                "[e.title, e.alt, decodeURIComponent(e.getAttribute('href') || ''), e.getAttribute('content')].join(' ')).join(' ')")]
        elif file.suffix == ".json":
            texts = list(_strings(json.loads(data)))
        elif file.suffix == ".csv":
            texts = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
        elif file.suffix in (".xml", ".opml"):
            texts = list(_xml_texts(data))
        elif file.suffix in ZIPPED:
            with zipfile.ZipFile(file) as archive:
                texts = [t for name in archive.namelist() if name.endswith((".xml", ".rels")) for t in _xml_texts(archive.read(name))]
        elif file.suffix == ".pdf":
            texts = [data.decode("latin-1")]  # the test's PDFs hold their text uncompressed
        elif file.suffix in (".txt", ".js", ".css"):
            texts = [data.decode("utf-8")]
        else:
            texts = [file.name]
        found[relative] = digits(file.name) + " " + " ".join(digits(t) for t in texts)
    return found


# -- building ------------------------------------------------------------------------------


def build(files: dict[str, str | bytes], folder: Path) -> tuple[int, Path, str]:
    content, output = folder / "content", folder / "output"
    shutil.copytree(MINI, content)
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = main(["build", "--content", str(content), "--output", str(output)])
    return code, output, printed.getvalue()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(java_script_enabled=True)
    yield context.new_page()
    context.close()


@st.composite
def plantings(draw):
    place = draw(st.sampled_from(sorted(PLACES)))
    number = draw(numbers)
    style, files = PLACES[place]
    return place, number, files(draw(written(number, style)), 0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(planted=plantings())
def test_no_planted_number_is_published(page, planted):
    place, number, files = planted
    with tempfile.TemporaryDirectory() as folder:
        code, output, printed = build(files, Path(folder))
        assert code in (0, 1), printed
        if code == 1:
            return  # refused: nothing was published
        leaked = [path for path, text in read_texts(output, page).items() if digits(number) in text]
        assert not leaked, f"{number} written in the {place} reached {leaked}"


# One 12-digit number per place: no digit 1, so no stretch of it can be a mobile; too short for an ID or a card.
HARMLESS = {place: "".join("234567890"[(i * 5 + k * 7) % 9] for k in range(12)) for i, place in enumerate(sorted(PLACES))}


def test_the_oracle_sees_every_place(page, tmp_path):
    """Harmless numbers, written apart by separators in every place at once, are published, and
    the oracle finds every one of them: it can see each place a planted number could reach."""
    files: dict[str, str | bytes] = {}
    for n, (place, number) in enumerate(HARMLESS.items(), start=1):
        style, make = PLACES[place]
        separator = STYLES[style][0][-1 if style in ("paragraph", "office") else 1]
        files.update(make(number[:4] + separator + number[4:8] + " " + number[8:], n))
    code, output, printed = build(files, tmp_path)
    assert code == 0, printed
    texts = read_texts(output, page)
    unseen = [place for place, number in HARMLESS.items() if not any(number in text for text in texts.values())]
    assert not unseen
