"""Pelican settings for the demo county. A county copies this file and changes the top block.

Gongkai's own settings are the GONGKAI_* names: see plugins/gongkai/settings.py for
every one, with its type and meaning.
"""

# -- What a county changes ---------------------------------------------------------
SITENAME = "青峰县政务村务公开"
SITEURL = ""  # e.g. "https://gongkai.qingchuan.gov.cn" when publishing; "" for local preview
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
GONGKAI_LANGUAGE = "zh_CN"
# Feed entry ids are tag:<this>:<索引号>. Set it once, when first publishing, and never change it
# (not even when the site moves): readers would see every record again. Empty: SITEURL's host.
# GONGKAI_FEED_AUTHORITY = "gongkai.qingchuan.gov.cn,2026"
# GONGKAI_DATA_CONTACT_EMAIL = "gongkai@qingchuan.gov.cn"  # who answers questions on the open data
# Who runs the site, on every page's footer (政府网站发展指引); `publish.py check` warns when a
# site with SITEURL lacks one. 以下是示例值（青峰县是虚构的，这些编号也是）：换成本县的。
GONGKAI_HOST_ORG = "青峰县人民政府办公室"
GONGKAI_CONTACT_ADDRESS = "青峰县城关镇滨河路 88 号"
GONGKAI_SITE_CODE = "5199990001"
GONGKAI_ICP_RECORD = "蜀ICP备26000001号-1"
GONGKAI_POLICE_RECORD = "川公网安备 51999902000001号"
GONGKAI_CONAC_URL = "https://bszs.conac.cn/sitename?method=show&id=00000000000000000000000000000000"

# -- How Gongkai uses Pelican (a county leaves this alone) -----------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/gongkai"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["gongkai"]

# Records are read by the gongkai plugin, not as Pelican articles; only site-wide pages are
# Pelican's. Its own feeds, archives and tag/category/author pages are off: Gongkai writes
# its own, keyed to the disclosure catalogue.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = "pages/{slug}.html"
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = FEED_ATOM = FEED_RSS = None
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = False  # publish.py builds into a fresh folder and swaps it in
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
RELATIVE_URLS = True
# Content is untrusted: escape every value (the gongkai plugin enforces this too); the
# theme's words go through gettext (the language is GONGKAI_LANGUAGE above).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}
