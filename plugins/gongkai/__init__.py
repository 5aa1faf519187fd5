"""Gongkai: disclosure records in, a static disclosure site out — as a Pelican plugin.

Importing the package is cheap (``publish.py --help`` must not wait for Pelican); the
plugin's seams are connected by ``register``, which Pelican calls (see ``pelican_plugin``).
"""


def register() -> None:
    from .pelican_plugin import connect

    connect()
