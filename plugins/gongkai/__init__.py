"""Gongkai: disclosure records in, a static disclosure site out — as a Pelican plugin.

Pelican's seams used here:

* ``get_generators`` adds ``RecordGenerator``, which reads and checks every record into
  the model (``load``) and then runs Gongkai's writers;
* ``content_object_init`` sanitises the site-wide Markdown pages Pelican itself reads.
"""

from pelican import signals

from .generator import RecordGenerator
from .markup import sanitise


def _record_generator(pelican):
    return RecordGenerator


def _sanitise_page(content):
    if getattr(content, "_content", None):
        content._content = sanitise(content._content)


def register():
    signals.get_generators.connect(_record_generator)
    signals.content_object_init.connect(_sanitise_page)
