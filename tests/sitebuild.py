"""Build the small site fixture (tests/fixtures/site-content) the way a county would publish it.

The site tests use this fixture rather than the demo county so they do not change when the
demo does; it holds one record of every type and the cases the pages must show (short
attendance, a failed vote, amended and repealed policies, a village behind on finances).
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT, publish

SITE_CONTENT = FIXTURES / "site-content"
SITE_URL = "https://gongkai.example.gov.cn"


def write_config(folder: Path, **settings) -> Path:
    """pelicanconf.py plus overrides, with the theme and plugins found from anywhere."""
    lines = [f"exec(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())",
             f"THEME = {str(ROOT / 'themes' / 'gongkai')!r}", f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]"]
    lines += [f"{key} = {value!r}" for key, value in settings.items()]
    config = folder / "pelicanconf.py"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build(content: Path, folder: Path, **settings) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    settings.setdefault("SITEURL", SITE_URL)
    settings.setdefault("GONGKAI_DATA_CONTACT_EMAIL", "gongkai@example.gov.cn")  # required with a SITEURL
    config = write_config(folder, **settings)
    output = folder / "output"
    result = publish("build", "--content", content, "--output", output, "--config", config)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def broken_links(output: Path) -> list[str]:
    """Every relative href/src on every page that does not lead to a built file."""
    import re

    import lxml.html
    broken = []
    for file in html_files(output):
        if file.name == "404.html":  # its links start at the site root: it is served at any depth
            continue
        for element, _attribute, link, _pos in lxml.html.fromstring(file.read_text("utf-8")).iterlinks():
            if re.match(r"^[a-z]+:|^#|^//", link) or element.tag == "form":
                continue
            if not (file.parent / link.split("#")[0].split("?")[0]).resolve().exists():
                broken.append(f"{file.relative_to(output)} → {link}")
    return broken
