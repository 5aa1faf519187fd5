"""The editor's own pages: Jinja2 templates in the theme's style, escaped like the site's."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ..money import yuan
from ..types import label
from .fields import Field, Row
from .uploads import SUFFIXES

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def environment(site_name: str) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(site_name=site_name, type_label=label)
    env.filters["yuan"] = yuan
    env.globals["blank_row"] = blank_row
    env.globals["upload_types"] = ",".join(SUFFIXES)
    return env


def blank_row(table: Field) -> Row:
    """The row editor.js copies when “添加一行” is pressed (its names say ``new``; the script renames)."""
    return Row("new", None, table.columns)
