"""Gongkai: disclosure records in, a static disclosure site out — as a Pelican plugin.

Pelican's seams used here:

* ``get_generators`` adds ``RecordGenerator``, which reads and checks every record into
  the model (``load``) and then runs Gongkai's writers;
* ``generator_init`` switches autoescape on and installs the site language (``theme_env``);
* ``content_object_init`` sanitises the site-wide Markdown pages Pelican itself reads.
"""

from pelican import signals

from .generator import RecordGenerator
from .markup import sanitise
from .theme_env import on_generator_init


def _record_generator(pelican):
    return RecordGenerator


def _sanitise_page(content):
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)


def register():
    signals.get_generators.connect(_record_generator)
    signals.generator_init.connect(on_generator_init)  # autoescape + gettext in every environment
    signals.content_object_init.connect(_sanitise_page)
