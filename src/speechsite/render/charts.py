"""Static SVG charts, drawn at build time: no script, no web font, no external file.

Text and axes use `currentColor` (the page's text colour), bars and lines take their colour
from CSS classes (`overview.css`, Material's colour variables), so one SVG reads well in the
light and the dark scheme and in print. Every label goes through `escape_plain`; coordinates
are rounded to one decimal so the output is byte-identical between builds.

Legible on a phone: a chart is drawn at its natural size and only ever shrunk to fit
(`max-width: 100%`), and its width is chosen so that at a 390 px screen (about 358 px of
content) the labels still measure at least 11 px: FONT × 358 / WIDTH ≥ 11.
Shares over time are small multiples — one small chart per series on the same axes — so no
line hides another, and each line carries its last value as a direct label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .text import escape_plain

FONT = 13  # label size in SVG units
ROW = 24  # height of one bar row
WIDTH = 400  # a bar chart: 13 × 358 / 400 ≈ 11.6 px labels on a 390 px phone
PANEL_WIDTH = 300  # one small multiple: never shrunk on a phone
LABEL_LIMIT = 14  # characters of a label shown before it is cut with …


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # extra tooltip text


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]  # one share (0–1) per x position
    tooltips: tuple[str, ...]  # one per x position


def bar_chart(caption: str, bars: Sequence[Bar], unit: str) -> str:
    """Horizontal bars, one row per item, the value written at the end of each bar."""
    label_width = min(max((_text_width(_short(bar.label)) for bar in bars), default=0) + 10, WIDTH // 2)
    value_room = _text_width(str(max((bar.value for bar in bars), default=0))) + 8
    plot = WIDTH - label_width - value_room
    top = max((bar.value for bar in bars), default=0) or 1
    height = ROW * len(bars) + 8
    rows = [_bar_row(index, bar, label_width, plot * bar.value / top, unit) for index, bar in enumerate(bars)]
    axis = f'<line class="axis" x1="{label_width}" y1="2" x2="{label_width}" y2="{height - 4}"/>'
    return _figure(caption, _svg(caption, WIDTH, height, axis + "".join(rows)), "bar")


def _bar_row(index: int, bar: Bar, x0: int, length: float, unit: str) -> str:
    y = 4 + index * ROW
    middle = y + ROW / 2
    tip = escape_plain(f"{bar.label}：{bar.value} {unit}{bar.note}")
    label = (
        f'<text class="label" x="{x0 - 6}" y="{_n(middle)}" text-anchor="end" dominant-baseline="central">'
        f"{escape_plain(_short(bar.label))}</text>"
    )
    shape = (
        f'<rect class="bar" x="{x0}" y="{y + 4}" width="{_n(max(length, 1.0))}" height="{ROW - 8}" rx="2"/>'
        f'<text class="value" x="{_n(x0 + max(length, 1.0) + 4)}" y="{_n(middle)}" dominant-baseline="central">'
        f"{bar.value}</text>"
    )
    # No <a> inside the SVG: Material's instant navigation sets `href` on every link it
    # finds, which throws on SVG links; each chart's table below carries the links.
    return f'<g class="row" data-value="{bar.value}"><title>{tip}</title>{label}{shape}</g>'


def small_multiples(caption: str, x_labels: Sequence[str], x_notes: Sequence[str], series: Sequence[Series]) -> str:
    """Shares (0–100 %) over the x positions: one small chart per series, all on the same axes.

    `x_notes` go under the x labels (the n of each year: “12 篇”)."""
    panels = "".join(_panel(entry, x_labels, x_notes) for entry in series)
    return (
        f'<figure class="ss-chart ss-chart-multiples"><div class="ss-multiples">{panels}</div>'
        f"<figcaption>{escape_plain(caption)}</figcaption></figure>"
    )


def _panel(series: Series, x_labels: Sequence[str], x_notes: Sequence[str]) -> str:
    left, right, top, plot_height = 40, 44, 26, 96
    pad = 20  # between the y labels and the first year, so "0%" and the year never touch
    plot_width = PANEL_WIDTH - left - right
    step = (plot_width - pad) / max(len(x_labels) - 1, 1)

    def x(index: int) -> float:
        return left + pad + (index * step if len(x_labels) > 1 else (plot_width - pad) / 2)

    def y(share: float) -> float:
        return top + plot_height * (1 - share)

    name = f'<text class="label name" x="0" y="14">{escape_plain(_short(series.name))}</text>'
    grid = "".join(
        f'<line class="grid" x1="{left}" y1="{_n(y(p / 100))}" x2="{left + plot_width}" y2="{_n(y(p / 100))}"/>'
        f'<text class="tick" x="{left - 5}" y="{_n(y(p / 100))}" text-anchor="end" dominant-baseline="central">{p}%</text>'
        for p in (0, 50, 100)
    )
    every = max(1, -(-len(x_labels) // 5))  # at most about 5 year labels in a panel
    bottom = top + plot_height
    ticks = "".join(
        f'<text class="tick" x="{_n(x(i))}" y="{bottom + 16}" text-anchor="middle">{escape_plain(label)}</text>'
        f'<text class="tick n" x="{_n(x(i))}" y="{bottom + 32}" text-anchor="middle">{escape_plain(note)}</text>'
        for i, (label, note) in enumerate(zip(x_labels, x_notes, strict=True))
        if i % every == 0 or i == len(x_labels) - 1
    )
    caption = f"{series.name}：各年占比"
    body = name + grid + ticks + _line(series, x, y)
    return _svg(caption, PANEL_WIDTH, bottom + 40, body)


def _line(series: Series, x: Callable[[int], float], y: Callable[[float], float]) -> str:
    points = [(x(i), y(value)) for i, value in enumerate(series.values)]
    path = " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
    dots = "".join(
        f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3"><title>{escape_plain(tip)}</title></circle>'
        for (px, py), tip in zip(points, series.tooltips, strict=True)
    )
    line = f'<polyline fill="none" points="{path}"/>' if len(points) > 1 else ""
    last_x, last_y = points[-1]
    value = (
        f'<text class="value" x="{_n(last_x + 6)}" y="{_n(last_y)}" dominant-baseline="central">'
        f"{round(series.values[-1] * 100)}%</text>"
    )
    return f'<g class="series" data-series="{escape_plain(series.name)}">{line}{dots}{value}</g>'


def _svg(caption: str, width: int, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape_plain(caption)}" fill="currentColor" font-size="{FONT}">'
        f"<title>{escape_plain(caption)}</title>{body}</svg>"
    )


def _figure(caption: str, svg: str, kind: str) -> str:
    return f'<figure class="ss-chart ss-chart-{kind}">{svg}<figcaption>{escape_plain(caption)}</figcaption></figure>'


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def _text_width(text: str) -> int:
    """Approximate width in SVG units: CJK and full-width characters one em, others 0.6 em."""
    return round(sum(FONT if ord(char) > 0x2E7F else FONT * 0.6 for char in text))


def _n(value: float) -> str:
    """A coordinate, rounded to one decimal, without a trailing `.0`."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
