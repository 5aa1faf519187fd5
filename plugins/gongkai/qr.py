"""QR codes for printed notices: an inline SVG of a record's public address, made at build time.

segno writes the SVG with no image library; the output depends only on the text, so the
same record gives the same bytes on every build.
"""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def svg(text: str, label: str) -> Markup:
    """An accessible inline ``<svg>`` (scaled by CSS through its viewBox) encoding ``text``."""
    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=False, nl=False, omitsize=True,
              title=label, svgclass="qr", lineclass=None, border=2)
    markup = buffer.getvalue().decode("utf-8")
    return Markup(markup.replace("<svg ", '<svg role="img" aria-label="{}" '.format(Markup.escape(label)), 1))


def record_address(site_url: str, record_url: str) -> str | None:
    """The absolute address a printed notice points to; None when the site has no SITEURL."""
    return f"{site_url.rstrip('/')}/{record_url}" if site_url else None
