"""Every Jinja environment Pelican makes: autoescape on, the site's words through gettext.

Content is untrusted, so autoescape is not left to a county's pelicanconf.py: it is
switched on here for every generator's environment, and only the sanitised Markdown
bodies are marked safe (``Record.body_html`` through ``|safe`` in the templates).

Translations are the theme's ``translations/<lang>/LC_MESSAGES/messages.po``, compiled
in memory at build time with babel (no binary .mo files in the repository). The
message ids are the Chinese words themselves, so zh_CN needs no translation at all and
an untranslated word in another language falls back to Chinese, never to an empty string.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .display import anchor
from .site_identity import police_lookup_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from pelican.generators import Generator

I18N = "jinja2.ext.i18n"
I18N_KEY = "jinja2.ext.InternationalizationExtension"  # how Jinja lists it once added


def catalogue_path(theme: Path, language: str) -> Path:
    return Path(theme) / "translations" / language / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=8)
def translations(theme: str, language: str) -> gettext.NullTranslations:
    po = catalogue_path(Path(theme), language)
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def prepare(env: Environment, theme: str, language: str) -> None:
    """Make ``env`` safe and translated (idempotent)."""
    env.autoescape = True
    if I18N_KEY not in env.extensions:
        env.add_extension(I18N)
    words = translations(str(theme), language)
    env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]  # the i18n extension adds it
    env.globals["plain_gettext"] = words.gettext  # for writers that build words outside templates
    env.globals["html_lang"] = language.replace("_", "-")
    env.filters["anchor"] = anchor
    env.filters["police_lookup_url"] = police_lookup_url


def on_generator_init(generator: Generator) -> None:
    prepare(generator.env, generator.theme, generator.settings.get("GONGKAI_LANGUAGE", "zh_CN"))


def gettext_of(env: Environment) -> Callable[[str], str]:
    """The site language's plain gettext, for words a writer puts into a page (chart labels)."""
    return cast("Callable[[str], str]", env.globals.get("plain_gettext", str))  # Jinja types its globals as object
