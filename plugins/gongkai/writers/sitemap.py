"""sitemap.xml and robots.txt, from the model (never from a directory listing): sorted, no dates
but the records' own."""

from __future__ import annotations

from urllib.parse import quote
from xml.sax.saxutils import escape

from . import application, standard_catalogue

PREVIEW = "http://127.0.0.1:8000"  # publish.py serve; a published site has SITEURL
OTHER_PAGES = ("search.html", "feeds/index.html", "data/index.html")  # written by the search, feeds and data writers


def base_url(settings) -> str:
    return (settings.site_url or getattr(settings, "preview_url", "") or PREVIEW).rstrip("/") + "/"


def entries(site) -> list[tuple[str, str | None]]:
    """(site-relative URL, lastmod or None) of every HTML page worth indexing."""
    urls = [("index.html", None), ("catalogue/index.html", None), ("freshness.html", None)]
    urls += [(url, None) for url in OTHER_PAGES]
    urls += [(url, None) for _kind, url in standard_catalogue.links(site.settings)]
    urls += [(application.PAGE, None), (application.FORM, None)]
    if any(r.type == "service" for r in site.records):
        urls += [("services/index.html", None), ("services/topics.html", None)]
    for org in site.orgs.values():
        newest = org.records[0].date.isoformat() if org.records else None
        urls += [(f"{org.slug}/index.html", newest), (f"{org.slug}/catalogue/index.html", newest)]
        if any(r.type == "finance" for r in org.records):
            urls.append((f"{org.slug}/finance.html", newest))
    for record in site.records:
        changed = record.updated or record.date
        urls.append((record.url, changed.isoformat()[:10]))
    urls += [(page.url, None) for page in site.pages]
    return sorted(set(urls))


def write(site, output) -> None:
    base = base_url(site.settings)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in entries(site):
        lines.append(f"<url><loc>{escape(base + quote(url, safe='/'))}</loc>"
                     + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    lines.append("</urlset>")
    output.write_text("sitemap.xml", "\n".join(lines) + "\n")
    output.write_text("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
