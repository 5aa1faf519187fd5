"""Markdown bodies to safe HTML: one converter reused, then an allow-list sanitiser.

Content is untrusted: whatever a clerk (or an attacker with commit access to a
village's folder) writes, no script, event handler, ``javascript:`` URL, iframe, form
or style reaches a page. nh3 (the Rust ``ammonia`` sanitiser) does this by allow-list,
which is both safer and faster than anything we would write.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


class Markup:
    """Converts Markdown to sanitised HTML. Keep one per build: building one is the slow part."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")

    def to_html(self, text: str) -> str:
        if not text.strip():
            return ""
        self._md.reset()
        return sanitise(self._md.convert(text))


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """An image from another host would be fetched by every visitor (a tracking pixel): drop it.
    Links to other hosts stay: they are fetched only when a citizen follows them."""
    if tag == "img" and attribute == "src" and ("://" in value or value.lstrip().startswith("//")):
        return None
    return value


# nh3's output is normalised (attribute values double-quoted, ">" escaped inside them), so these
# small repairs can match tags safely. They keep a page valid HTML when a link or image lost
# its address to the sanitiser: a link without href may not carry rel; an image needs src and alt.
_REL_WITHOUT_HREF = re.compile(r'<a((?:(?!\bhref=)[^>])*?) rel="noopener nofollow"')
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\bsrc=)[^>]*>")
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")


def sanitise(fragment: str) -> str:
    clean = nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                      link_rel="noopener nofollow", attribute_filter=_local_images_only)
    clean = _REL_WITHOUT_HREF.sub(r"<a\1", clean)
    clean = _IMG_WITHOUT_SRC.sub("", clean)
    return _IMG_WITHOUT_ALT.sub('<img alt=""', clean)


def first_paragraph(text: str, limit: int = 120) -> str:
    """Plain text of a Markdown body's first real paragraph: the default 内容概述.

    Headings, tables, rules and a salutation line ("全体村民：") are not a summary."""
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines()]
        if not lines or lines[0].startswith(("#", "|", "---", "***", "<")):
            continue
        plain = " ".join(line.lstrip(">*- ").strip() for line in lines).strip()
        if not plain or (len(lines) == 1 and plain.endswith(("：", ":")) and len(plain) <= 20):
            continue
        plain = html.unescape(nh3.clean(plain, tags=set()))
        return plain if len(plain) <= limit else plain[: limit - 1] + "…"
    return ""
