"""A record's page as the site will show it, rendered in the editor's own process.

The same theme, the same Jinja settings (autoescape on, the site's language) and the same
page context as the build's record pages (``writers.pages.record_context``), so the preview
is sanitised exactly as the site is; no build runs and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ..model import Record, Site
from ..theme_env import prepare
from ..writers.output import Output
from ..writers.pages import record_context


class Preview:
    def __init__(self, pelican_settings: dict):
        self.theme = Path(pelican_settings["THEME"])
        options = {k: v for k, v in pelican_settings.get("JINJA_ENVIRONMENT", {}).items() if k != "extensions"}
        self.env = Environment(loader=FileSystemLoader(str(self.theme / "templates")), **options)
        self.env.filters.update(pelican_settings.get("JINJA_FILTERS", {}))  # as Pelican's generators do
        self.env.globals.update(pelican_settings.get("JINJA_GLOBALS", {}))
        prepare(self.env, str(self.theme), pelican_settings.get("GONGKAI_LANGUAGE", "zh_CN"))

    @property
    def static(self) -> Path:
        """The theme's CSS and images, served beside the preview as the site serves them."""
        return self.theme / "static"

    def page(self, site: Site, record: Record) -> str:
        output = Output(Path("/nonexistent"), self.env, site)  # never writes: only its page context
        return output.html("record.html", record.url, **record_context(site, record))
