"""Atom and RSS feeds (feedgen), the OPML list of them, the feeds page, autodiscovery.

Feeds: the whole site, each catalogue column site-wide, each org, each of its columns:

    feeds/all.atom.xml  feeds/columns/<column>.atom.xml        (and .rss.xml)
    <org>/feeds/all.atom.xml  <org>/feeds/<column>.atom.xml

An entry's id is a tag: URI of the record's 索引号 (stable forever); ``published`` is the
record's date and ``updated`` its last change (see ``updated.py``). Entries are ordered by
``updated``, so an edited record moves to the top, once, under the same id. A feed's own
``updated`` / ``lastBuildDate`` is its newest entry's: no build time, so unchanged
content gives byte-identical feeds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..addresses import absolute, column_slug, tag_uri
from .record_json import json_path

ATOM = "application/atom+xml"
RSS = "application/rss+xml"
OPML = "feeds/feeds.opml"
# Characters XML 1.0 forbids (YAML lets a clerk write them as "\x01" escapes): feedgen would raise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
PAGE = "feeds/index.html"


@dataclass(frozen=True)
class Feed:
    title: str
    stem: str  # feeds/all → feeds/all.atom.xml and feeds/all.rss.xml
    page: str  # site-relative URL of the page this feed follows
    records: tuple
    org: object = None
    column: str | None = None

    @property
    def atom(self) -> str:
        return self.stem + ".atom.xml"

    @property
    def rss(self) -> str:
        return self.stem + ".rss.xml"


def site_columns(site) -> list[str]:
    """Every column some record is in, in catalogue order (village columns first)."""
    used = {r.category for r in site.records}
    ordered = dict.fromkeys((*site.settings.village_columns, *site.settings.government_columns))
    return [c for c in ordered if c in used] + sorted(used - set(ordered))


def org_columns(site, org) -> list[str]:
    used = {r.category for r in org.records}
    return [c for c in site.settings.columns_for(org.kind) if c in used] + sorted(used - set(site.settings.columns_for(org.kind)))


def site_feed(site) -> Feed:
    return Feed(site.settings.site_name, "feeds/all", "", tuple(site.records))


def org_feed(org) -> Feed:
    return Feed(org.name, f"{org.slug}/feeds/all", org.url, tuple(org.records), org=org)


def column_feed(site, column: str, org=None) -> Feed:
    if org is None:
        records = tuple(r for r in site.records if r.category == column)
        return Feed(f"{site.settings.site_name} · {column}", f"feeds/columns/{column_slug(column)}", "", records, column=column)
    records = tuple(r for r in org.records if r.category == column)
    return Feed(f"{org.name} · {column}", f"{org.slug}/feeds/{column_slug(column)}", org.url, records, org=org, column=column)


def all_feeds(site) -> list[Feed]:
    feeds = [site_feed(site)] + [column_feed(site, c) for c in site_columns(site)]
    for org in site.orgs.values():
        feeds.append(org_feed(org))
        feeds.extend(column_feed(site, c, org) for c in org_columns(site, org))
    return feeds


# Writing ---------------------------------------------------------------------------

def write(site, output) -> None:
    feeds = all_feeds(site)
    for feed in feeds:
        generator = build_feed(site, feed)
        for path, media_type, render in ((feed.atom, ATOM, generator.atom_str), (feed.rss, RSS, generator.rss_str)):
            set_links(generator, site.settings, feed, path, media_type)
            output.write_bytes(path, render(pretty=True))
    output.write_bytes(OPML, opml(site, feeds))
    output.render("feeds.html", PAGE, feeds=feeds, opml=OPML, absolute=lambda url: absolute(site.settings, url),
                  alternates=alternates(site))


def entries(site, feed: Feed) -> list:
    """The feed's records, most recently updated first, at most ``feed_max_entries``."""
    times = site.times
    # Ties (a county's history imported in one commit) go newest record first.
    ranked = sorted(feed.records, key=lambda r: (-times.updated(r).timestamp(), -r.date.toordinal(), r.index_no))
    return ranked[: site.settings.feed_max_entries]


def build_feed(site, feed: Feed) -> FeedGenerator:
    settings, times = site.settings, site.times
    records = entries(site, feed)
    generator = FeedGenerator()
    generator.id(tag_uri(settings, feed.stem))
    generator.title(xml_text(feed.title))
    generator.subtitle(xml_text(f"{feed.title}：最新公开的信息"))  # RSS requires a description
    generator.language("zh-CN")
    generator.author({"name": xml_text(feed.org.name if feed.org else settings.site_name)})
    generator.generator("Gongkai")
    # An empty feed (an org with no records yet) takes the site's newest time: still no clock.
    newest = times.newest(feed.records) if feed.records else times.newest(site.records)
    generator.updated(newest)  # also RSS lastBuildDate: the content's time, not the build's
    for record in records:
        generator.add_entry(entry(site, record), order="append")
    return generator


def set_links(generator: FeedGenerator, settings, feed: Feed, path: str, media_type: str) -> None:
    """The self link (this file) and the page; feedgen takes the RSS channel <link> from the
    LAST link added, so the page goes last."""
    generator.link(href=absolute(settings, path), rel="self", type=media_type, replace=True)
    generator.link(href=absolute(settings, feed.page), rel="alternate", type="text/html")


def entry(site, record):
    settings, times = site.settings, site.times
    item = FeedEntry()
    item.id(tag_uri(settings, record.index_no))  # also the RSS guid (isPermaLink="false")
    item.title(xml_text(record.title))
    item.link(href=absolute(settings, record.url), rel="alternate", type="text/html")
    item.published(times.published(record))
    item.updated(times.updated(record))
    item.author({"name": xml_text(record.org.name)})
    item.category(term=xml_text(record.category), label=xml_text(record.category))
    # A summary is text. RSS readers render <description> as HTML and Atom's is declared html
    # here too, so the text goes in escaped: "<img onerror>" typed on a page stays words.
    item.summary(xml_text(html.escape(record.summary or record.title, quote=False)), type="html")
    return item


def opml(site, feeds: list[Feed]) -> bytes:
    """OPML 2.0 of every Atom feed, one folder for the site and one per org (as on the feeds page)."""
    settings = site.settings
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "<head>",
             f"<title>{_text(settings.site_name)} · 订阅源</title>",
             f"<ownerName>{_text(settings.site_name)}</ownerName>",
             "<docs>http://opml.org/spec2.opml</docs>", "</head>", "<body>"]
    folders: dict[str, list[Feed]] = {}
    for feed in feeds:
        folders.setdefault(feed.org.name if feed.org is not None else "全站", []).append(feed)
    for name, members in folders.items():
        lines.append(f"<outline text={quoteattr(xml_text(name))}>")
        for feed in members:
            # No version attribute: OPML 2.0 knows only RSS, RSS1 and scriptingNews, none for Atom.
            lines.append(f'  <outline type="rss" text={quoteattr(xml_text(feed.title))} '
                         f'title={quoteattr(xml_text(feed.title))} xmlUrl={quoteattr(absolute(settings, feed.atom))} '
                         f'htmlUrl={quoteattr(absolute(settings, feed.page))}/>')
        lines.append("</outline>")
    lines += ["</body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


def _text(value: str) -> str:
    return quoteattr(xml_text(value))[1:-1]


# Autodiscovery -----------------------------------------------------------------------

def alternates(site, org=None, record=None) -> list[tuple[str, str, str]]:
    """The ``<link rel="alternate">``s of a page: (type, site-relative href, title).

    Site-wide pages: the site feeds (base.html falls back to these). An org page: the
    org's feeds and its columns'. A record page: its org's feeds and the record as JSON.
    """
    if record is not None:
        org = record.org
    feed = site_feed(site) if org is None else org_feed(org)
    links = [(ATOM, feed.atom, f"{feed.title}（Atom）"), (RSS, feed.rss, f"{feed.title}（RSS）")]
    if org is not None and record is None:
        links += [(ATOM, column_feed(site, c, org).atom, f"{org.name} · {c}（Atom）") for c in org_columns(site, org)]
    if record is not None:
        links.append(("application/json", json_path(record), f"{record.title}（JSON 数据）"))
    return links
