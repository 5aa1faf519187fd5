"""The theme's words go through gettext: every template message has an English translation
with the same placeholders, and no Chinese UI text is left outside ``_()`` in the templates."""

from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT

THEME = ROOT / "themes" / "gongkai"
TEMPLATES = "**/templates/**.html"
OPTIONS = {TEMPLATES: {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "True",
                       "trim_blocks": "True", "lstrip_blocks": "True"}}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def template_messages() -> dict[str, str]:
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(THEME), method_map=[(TEMPLATES, "jinja2")],
                                                                              options_map=OPTIONS):
        found.setdefault(message if isinstance(message, str) else message[0], f"{filename}:{lineno}")
    return found


def test_every_template_message_has_an_english_translation_with_the_same_placeholders():
    english = read_po((THEME / "translations/en/LC_MESSAGES/messages.po").open("rb"), locale="en")
    messages = template_messages()
    assert len(messages) > 150
    missing = {m: where for m, where in messages.items() if not (english.get(m) and english.get(m).string)}
    assert missing == {}, "add these to translations/en/LC_MESSAGES/messages.po"
    for message in messages:
        assert sorted(PLACEHOLDER.findall(english.get(message).string)) == sorted(PLACEHOLDER.findall(message)), message


def test_no_chinese_text_outside_gettext_in_templates():
    """Chinese text in a template must be inside _("…"); values (names, titles) come from content."""
    leftovers = []
    for template in sorted((THEME / "templates").rglob("*.html")):
        source = template.read_text("utf-8")
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)  # comments
        source = re.sub(r"_\(\s*(\"[^\"]*\"|'[^']*')", "_(", source)  # translated strings
        for line_no, line in enumerate(source.splitlines(), 1):
            if re.search(r"[\u4e00-\u9fff]", line):
                leftovers.append(f"{template.relative_to(THEME)}:{line_no}: {line.strip()[:80]}")
    assert leftovers == []


def test_every_word_the_model_puts_on_a_page_has_an_english_translation():
    """Type names, enumerated values and freshness findings reach pages through gettext of a
    variable: babel cannot extract them from the templates."""
    from gongkai.freshness import MESSAGES, PERIOD_WORDS
    from gongkai.settings import STANDARD_FIELDS
    from gongkai.types import ALL_TYPES
    from gongkai.writers.application_form import words as form_words

    english = read_po((THEME / "translations/en/LC_MESSAGES/messages.po").open("rb"), locale="en")
    words = {t.label for t in ALL_TYPES.values()}
    words |= {word for t in ALL_TYPES.values() for labels in t.values.values() for word in labels.values()}
    words |= set(MESSAGES.values()) | set(PERIOD_WORDS.values())  # the freshness page's findings
    words |= set(STANDARD_FIELDS)  # the 标准目录's column heads
    words |= form_words()  # the application form, on its page and in its .docx
    assert len(words) > 20
    assert sorted(w for w in words if not (english.get(w) and english.get(w).string)) == []
