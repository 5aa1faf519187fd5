"""The Pelican generator that turns the checked model into files.

``generate_context`` takes the ``Site`` that ``publish.py build`` already loaded and
checked (or loads it, when Pelican is run directly); ``generate_output`` hands it to each
writer in ``writers.WRITERS`` in turn.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from . import updated
from .load import load_site
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
    def generate_context(self) -> None:
        site = self.settings.get("GONGKAI_SITE")
        if site is None:
            site, problems = load_site(Path(self.path), Settings.from_pelican(self.settings))
            if problems.errors:
                raise ContentErrors(problems)
        self.site = site
        self.context["gongkai"] = site

    def generate_output(self, writer) -> None:
        self.site.pages = sorted(self.context.get("pages", []), key=lambda p: p.slug)
        output = Output(Path(self.output_path), self.env, self.site)
        beside = [w for w in WRITERS if w in BESIDE]
        last = [w for w in WRITERS if w in LAST]
        updated.times_for(self.site)  # git's times, once, before the fork: both processes need them
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


def run_in_order(writers, site, output) -> None:
    for write in writers:
        write(site, output)
