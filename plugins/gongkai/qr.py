"""QR codes for printed notices: an inline SVG of a record's public address, made at build time.

zxing-cpp makes the code (in C++, choosing the mask by the standard's penalty rules: about
0.2 ms a code, where segno in pure Python took 5 ms, most of a 10,000-record build's
time); we draw its modules as one SVG path, one horizontal stroke per run of dark modules.
The output depends only on the text, so the same record gives the same bytes on every build.
"""

from __future__ import annotations

import re

import zxingcpp
from markupsafe import Markup

BORDER = 2  # quiet zone, in modules
_DARK_RUNS = re.compile(rb"\x00+")  # zxing-cpp's image: 0 dark, 255 light


def modules(text: str) -> list[bytes]:
    """The code's rows (without quiet zone), one byte a module: 0 dark, 255 light."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    data, width = bytes(memoryview(image)), image.shape[1]  # type: ignore[arg-type]  # an Image is a buffer; its stub omits it
    return [data[i:i + width] for i in range(0, len(data), width)]


def path(rows: list[bytes]) -> str:
    """SVG path data: a 1-unit-wide stroke along each run of dark modules, in relative moves."""
    moves: list[str] = []
    pen_x, pen_y = 0, 0.0
    for number, row in enumerate(rows):
        y = number + BORDER + 0.5  # a stroke's centre line
        for run in _DARK_RUNS.finditer(row):
            x1, x2 = run.start() + BORDER, run.end() + BORDER
            dy = y - pen_y
            moves.append(f"{'m' if moves else 'M'}{x1 - pen_x} {int(dy) if dy == int(dy) else dy}h{x2 - x1}")
            pen_x, pen_y = x2, y
    return "".join(moves)


def svg(text: str, label: str) -> Markup:
    """An accessible inline ``<svg>`` (scaled by CSS through its viewBox) encoding ``text``."""
    rows = modules(text)
    size = len(rows) + 2 * BORDER
    title = Markup.escape(label)
    return Markup(f'<svg role="img" aria-label="{title}" viewBox="0 0 {size} {size}" class="qr"><title>{title}</title>'
                  f'<path stroke="#000" d="{path(rows)}"/></svg>')


def record_address(site_url: str, record_url: str) -> str | None:
    """The absolute address a printed notice points to; None when the site has no SITEURL."""
    return f"{site_url.rstrip('/')}/{record_url}" if site_url else None
