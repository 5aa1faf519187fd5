"""Absolute addresses and permanent ids, for what leaves the site: feeds, OPML, open data.

Pages link relatively (``root``); a feed entry, a DCAT distribution or an OCDS release is
read elsewhere and needs an absolute URL. They come from ``site_url`` (SITEURL); a local
preview build has none, so ``preview_url`` (http://127.0.0.1:8000, where publish.py serve
listens) stands in and the files stay valid.

Ids are tag: URIs (RFC 4151) under ``feed_authority``: they name the record by its
索引号, not by its URL, so they survive a move of the site or of the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from .identity import digest

if TYPE_CHECKING:
    from .settings import Settings

# Column names are Chinese and configurable; feed file names should be plain ASCII (FTP
# and object stores mangle others), and stable: the known columns get their pinyin, any
# other column a digest of its name.
COLUMN_SLUGS = {
    "党务": "dangwu", "村务": "cunwu", "财务": "caiwu", "重大事项": "zhongdashixiang",
    "法规文件": "fagui", "机构职能": "jigou", "规划计划": "guihua", "统计信息": "tongji",
    "行政许可": "xuke", "行政处罚": "chufa", "财政预决算": "yujuesuan", "行政事业性收费": "shoufei",
    "政府采购": "caigou", "重大建设项目": "jianshe", "民生政策": "minsheng", "应急管理": "yingji",
    "监督检查": "jiandu", "公务员招考": "zhaokao", "其他": "qita",
}


def base_url(settings: Settings) -> str:
    return (settings.site_url or settings.preview_url).rstrip("/") + "/"


def absolute(settings: Settings, relative: str) -> str:
    """Absolute URL of a site-relative path (non-ASCII file names percent-encoded)."""
    return base_url(settings) + quote(relative, safe="/#?=&~")


def authority(settings: Settings) -> str:
    if settings.feed_authority:
        return settings.feed_authority
    host = urlsplit(base_url(settings)).hostname or ""
    if not host or ":" in host or host.replace(".", "").isdigit():
        host = "localhost"  # RFC 4151 wants a domain name, not an IP (the preview address)
    return f"{host},2026"


def tag_uri(settings: Settings, name: str) -> str:
    """A permanent id: ``tag:<authority>:<name>``."""
    return f"tag:{authority(settings)}:{quote(name, safe='/-._~')}"


def column_slug(column: str) -> str:
    return COLUMN_SLUGS.get(column) or "c-" + digest(column)
