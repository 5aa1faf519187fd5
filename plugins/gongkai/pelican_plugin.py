"""The Pelican seams Gongkai uses:

* ``get_generators`` adds ``RecordGenerator``, which runs Gongkai's writers on the
  checked model;
* ``generator_init`` switches autoescape on and installs the site language (``theme_env``);
* ``content_object_init`` sanitises the site-wide Markdown pages Pelican itself reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pelican import signals

from .generator import RecordGenerator
from .markup import sanitise
from .theme_env import on_generator_init

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.contents import Content


def _record_generator(pelican: Pelican) -> type[RecordGenerator]:
    return RecordGenerator


def _sanitise_page(content: Content) -> None:
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)


def connect() -> None:
    signals.get_generators.connect(_record_generator)
    signals.generator_init.connect(on_generator_init)  # autoescape + gettext in every environment
    signals.content_object_init.connect(_sanitise_page)
