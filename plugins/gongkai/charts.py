"""Chart geometry for inline SVG: no chart library, no script, the same numbers as the table.

Money stays Decimal everywhere it is shown; only the drawing coordinates are floats,
rounded to one decimal so the SVG text is stable from build to build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

# A phone-sized drawing: on a 360 px screen the SVG is shown at about its own size, so its
# labels stay readable; on a desktop it scales up.
WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 12, 28  # room for the axis labels
MAX_X_LABELS = 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    label: str  # for the bar's <title>: "2026-03 收入 8,000.00"


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    line: str  # polyline points of the line series
    dots: list[tuple[float, float, str]]
    ticks: list[Tick]
    x_labels: list[tuple[float, str]]
    baseline: float
    left: int
    right: int


def nice_ceiling(value: Decimal) -> Decimal:
    """A round axis top at or above ``value`` (a round number times a power of ten), so bars fill the plot."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal('2.5'), 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def short(period: str) -> str:
    """2026-03 → 26-03: the axis needs the period, not the century."""
    return period[2:]


def _r(v: float) -> float:
    return round(v, 1)


def bars_and_line(labels: list[str], bar_series: list[tuple[str, list[Decimal]]], line_name: str,
                  line_values: list[Decimal], money: Callable[[Decimal], str]) -> Chart:
    top = nice_ceiling(max([v for _, values in bar_series for v in values] + list(line_values) + [Decimal(0)]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h

    def y(value: Decimal) -> float:
        return _r(baseline - float(value / top) * plot_h)

    slot = plot_w / max(1, len(labels))
    bar_w = slot * 0.8 / max(1, len(bar_series))
    bars, dots, x_labels = [], [], []
    for i, label in enumerate(labels):
        x0 = LEFT + i * slot + slot * 0.1
        for s, (name, values) in enumerate(bar_series):
            value = values[i]
            bars.append(Bar(_r(x0 + s * bar_w), y(value), _r(bar_w), _r(baseline - y(value)), s, f"{label} {name} {money(value)}"))
        centre = _r(LEFT + i * slot + slot / 2)
        dots.append((centre, y(line_values[i]), f"{label} {line_name} {money(line_values[i])}"))
        x_labels.append((centre, label))
    every = -(-len(labels) // MAX_X_LABELS)  # label every n-th period when there are many
    x_labels = [(x, short(label)) for i, (x, label) in enumerate(x_labels) if i % every == 0]
    ticks = [Tick(y(top * k / 4), f"{int(top * k / 4):,}") for k in range(5)]
    return Chart(WIDTH, HEIGHT, bars, " ".join(f"{x},{yy}" for x, yy, _ in dots), dots, ticks, x_labels,
                 baseline, LEFT, WIDTH - RIGHT)


@dataclass(frozen=True)
class PairRow:
    name: str
    label: str  # the name shortened for the axis
    y: float
    first: float  # bar widths
    second: float
    first_value: Decimal
    second_value: Decimal


@dataclass(frozen=True)
class PairChart:
    width: int
    height: int
    left: int
    rows: list[PairRow]
    bar: float


def paired_bars(rows: list[tuple[str, Decimal, Decimal]]) -> PairChart:
    """Horizontal bar pairs (e.g. planned and actual) per line, labels on the left."""
    left, right, row_h, bar = 120, 8, 34, 12
    top = nice_ceiling(max([max(a, b) for _, a, b in rows] + [Decimal(0)]))
    plot_w = WIDTH - left - right
    out = [PairRow(name, name if len(name) <= 8 else name[:7] + "…", 6 + i * row_h,
                   _r(float(first / top) * plot_w), _r(float(second / top) * plot_w), first, second)
           for i, (name, first, second) in enumerate(rows)]
    return PairChart(WIDTH, 6 + len(rows) * row_h, left, out, bar)
