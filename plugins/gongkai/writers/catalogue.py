"""公开目录: the catalogue table per org and site-wide, as numbered static pages.

Each row carries the fields a government catalogue shows (条例 Art. 12 and common practice):
索引号, 名称, 发文机构, 文号, 主题分类, 生成日期. One pass over the records; each page holds
``PAGE_SIZE`` rows, so the page count grows linearly with the records.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import standard_catalogue

PAGE_SIZE = 50


@dataclass(frozen=True)
class Entry:
    index_no: str
    title: str
    url: str
    issuer: str
    doc_number: str
    topic: str
    date: object


@dataclass(frozen=True)
class Page:
    number: int
    count: int
    links: tuple  # (number, site-relative href) of every page of this catalogue


def entry(record) -> Entry:
    data = record.data
    topic = data.get("topic") or "、".join(data.get("topics", ())) or record.category
    return Entry(record.index_no, record.title, record.url, data.get("issuer") or record.org.name,
                 data.get("doc_number", ""), topic, record.date)


def page_path(folder: str, number: int) -> str:
    return f"{folder}index.html" if number == 1 else f"{folder}page-{number}.html"


def write_pages(output, folder: str, entries: list[Entry], **context) -> None:
    count = max(1, -(-len(entries) // PAGE_SIZE))
    links = tuple((n, page_path(folder, n)) for n in range(1, count + 1))
    for number in range(1, count + 1):
        rows = entries[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        output.render("catalogue.html", page_path(folder, number), entries=rows, page=Page(number, count, links),
                      total=len(entries), **context)


def write(site, output) -> None:
    by_org: dict[str, list[Entry]] = {slug: [] for slug in site.orgs}
    everything = []
    for record in site.records:  # newest first, the order of every catalogue page
        row = entry(record)
        everything.append(row)
        by_org[record.org.slug].append(row)
    write_pages(output, "catalogue/", everything, org=None, standards=standard_catalogue.links(site.settings))
    for slug, rows in by_org.items():
        write_pages(output, f"{slug}/catalogue/", rows, org=site.orgs[slug])
