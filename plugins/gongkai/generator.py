"""The Pelican generator that turns the checked model into files.

``render`` runs Pelican with a ``RecordGenerator`` bound to the ``Site`` that ``publish.py
build`` already loaded and checked: the model is handed over explicitly, never through
Pelican's settings. (Run by Pelican itself, the generator loads the site on its own.)
``generate_output`` hands the site to each writer in ``writers.WRITERS`` in turn.
"""

from __future__ import annotations

import contextlib
import functools
import io
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import Generator

from .load import load_site
from .model import Site
from .problems import Problems
from .settings import Settings
from .background import Background
from .writers import BESIDE, LAST, WRITERS, Output


class ContentErrors(Exception):
    """The content has errors: nothing may be written."""

    def __init__(self, problems: Problems):
        super().__init__("\n".join(map(str, problems.errors)))
        self.problems = problems


class RecordGenerator(Generator):
    def __init__(self, *args: Any, site: Site | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.site = site

    def generate_context(self) -> None:
        if self.site is None:
            site, problems = load_site(Path(self.path), Settings.from_pelican(self.settings))
            if problems.errors:
                raise ContentErrors(problems)
            self.site = site
        self.context["gongkai"] = self.site
        self.context["settings"] = self.site.settings  # Pelican's own pages share the footer

    def generate_output(self, writer) -> None:
        self.site.pages = sorted(self.context.get("pages", []), key=lambda p: p.slug)
        output = Output(Path(self.output_path), self.env, self.site)
        beside = [w for w in WRITERS if w in BESIDE]
        last = [w for w in WRITERS if w in LAST]
        self.site.times  # git's times, once, before the fork: both processes need them
        background = Background()
        try:
            background.start("writers beside the main process", run_in_order, beside, self.site, output)
            for write in WRITERS:
                if write not in beside and write not in last:
                    write(self.site, output)
        except BaseException:
            background.stop()  # a failed build must not leave its writer running
            raise
        background.wait()
        for write in last:
            write(self.site, output)


class _SiteBuild(Pelican):
    """Pelican with our generator bound to an already loaded and checked site."""

    def __init__(self, settings: dict[str, Any], site: Site) -> None:
        super().__init__(settings)
        self.site = site

    def _get_generator_classes(self):
        return [functools.partial(RecordGenerator, site=self.site) if cls is RecordGenerator else cls
                for cls in super()._get_generator_classes()]


def render(pelican_settings: dict[str, Any], site: Site, into: Path) -> None:
    """Run Pelican (site pages, theme files) and our writers for ``site`` into ``into``."""
    with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English progress lines
        _SiteBuild(dict(pelican_settings, OUTPUT_PATH=str(into)), site).run()


def run_in_order(writers, site, output) -> None:
    for write in writers:
        write(site, output)
