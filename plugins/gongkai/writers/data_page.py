"""The data page (``data/index.html``): every download with its size and last change.

Runs after the data writers, so the sizes are those of the files just written. The
date is the newest change among the records a file holds, not the build date.
"""

from __future__ import annotations

from ..datasets import CATALOGUE, PAGE, datasets
from .feeds import OPML, alternates
from .feeds import PAGE as FEEDS_PAGE


def size_text(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def write(site, output) -> None:
    times = site.times
    groups = []  # (heading, [(dataset, [(download, size text, bytes)])])
    for dataset in datasets(site):
        files = [(d, size_text(output.path(d.path).stat().st_size)) for d in dataset.downloads if output.path(d.path).exists()]
        changed = dataset.modified(times).date()
        heading = dataset.org.name if dataset.org is not None else "全站"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append((dataset, changed, files))
    output.render("data.html", PAGE, groups=groups, catalogue=CATALOGUE, catalogue_size=size_text(output.path(CATALOGUE).stat().st_size),
                  opml=OPML, feeds_page=FEEDS_PAGE, alternates=alternates(site))
