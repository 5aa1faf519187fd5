"""Where writers put files: relative paths under the build folder, rendered or copied."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment

from ..money import yuan
from .feeds import alternates


class Output:
    def __init__(self, root: Path, env: Environment, site):
        self.root = root
        self.env = env
        self.site = site
        env.filters.setdefault("yuan", yuan)
        env.globals.update(site=site, settings=site.settings)
        # Every page announces the site feeds unless its writer gives its own `alternates`.
        env.globals["site_alternates"] = alternates(site)
        # Templates do not change during a build: no stat() of each template on every render.
        env.auto_reload = False
        self._made_dirs: set[Path] = set()

    def path(self, relative: str) -> Path:
        target = self.root / relative
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        return target

    def write_text(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8")

    def write_bytes(self, relative: str, data: bytes) -> None:
        self.path(relative).write_bytes(data)

    def copy(self, source: Path, relative: str) -> None:
        shutil.copyfile(source, self.path(relative))

    def render(self, template: str, relative: str, **context) -> None:
        """Render a theme template to ``relative``; ``root`` leads back to the site root."""
        self.write_text(relative, self.html(template, relative, **context))

    def html(self, template: str, relative: str, **context) -> str:
        """The page ``render`` would write at ``relative`` (the editor's preview shows it unwritten)."""
        root = "../" * relative.count("/")
        return self.env.get_template(template).render(root=root, page_url=relative, **context)
