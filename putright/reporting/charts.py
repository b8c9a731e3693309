"""Bar charts drawn on the server as SVG: no script, nothing loaded, allowed by the page's
Content Security Policy (presentation attributes, not style attributes).

A chart is for those who would rather look than read; every chart on a page has a data
table beside it with the same figures, so the chart itself is hidden from screen readers
(``aria-hidden``) rather than described twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

# GOV.UK Frontend's palette: blue for this period, mid-grey for the previous one; text black.
SERIES_COLOURS = ("#1d70b8", "#b1b4b6")
TEXT_COLOUR = "#0b0c0c"

# Sized to be drawn at about its own size in half the page's width; each category's label sits
# on its own line above its bars, so long labels need not be cut short.
WIDTH = 480
BAR_AREA_WIDTH = 400
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
BAR_GAP = 3
GROUP_GAP = 12
LEGEND_HEIGHT = 28
MAX_LABEL_CHARACTERS = 60
NO_FIGURE = "\N{EN DASH}"


@dataclass(frozen=True)
class Bar:
    """One category of the chart, with a value for each series (e.g. this period, previous)."""

    label: str
    values: tuple[Decimal | int | None, ...]


def bar_chart(
    *,
    bars: Sequence[Bar],
    series: Sequence[str] = ("This period",),
    unit: str = "",
    maximum: Decimal | int | None = None,
) -> Markup:
    """A horizontal bar chart as an inline SVG element.

    ``unit`` follows each value ("%" for percentages, "" for counts, "£" goes before).
    ``maximum`` fixes the scale (100 for percentages); by default the largest value.
    """
    values = [v for bar in bars for v in bar.values if v is not None]
    top = Decimal(maximum if maximum is not None else max(values, default=0)) or Decimal(1)
    bars_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    group_height = LABEL_HEIGHT + bars_height + GROUP_GAP
    legend = LEGEND_HEIGHT if len(series) > 1 else 0
    height = legend + len(bars) * group_height
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="putright-chart" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'aria-hidden="true" focusable="false" font-family="Arial, sans-serif" '
            'font-size="14">'
        ).format(WIDTH, height)
    ]
    if legend:
        x = 0
        for index, name in enumerate(series):
            parts.append(
                Markup(
                    '<rect x="{}" y="4" width="14" height="14" fill="{}"/>'
                    '<text x="{}" y="16" fill="{}">{}</text>'
                ).format(x, SERIES_COLOURS[index], x + 20, TEXT_COLOUR, name)
            )
            x += 40 + 8 * len(name)
    y = legend
    for bar in bars:
        parts.append(
            Markup('<text x="0" y="{}" fill="{}">{}</text>').format(
                y + LABEL_HEIGHT - 6, TEXT_COLOUR, _shorten(bar.label)
            )
        )
        for index, value in enumerate(bar.values):
            bar_y = y + LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP)
            length = 0.0 if value is None else float(Decimal(value) / top) * BAR_AREA_WIDTH
            parts.append(
                Markup(
                    '<rect x="0" y="{}" width="{:.1f}" height="{}" fill="{}"/>'
                    '<text x="{:.1f}" y="{}" fill="{}">{}</text>'
                ).format(
                    bar_y,
                    max(length, 0.0),
                    BAR_HEIGHT,
                    SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    length + 6,
                    bar_y + BAR_HEIGHT - 4,
                    TEXT_COLOUR,
                    format_value(value, unit),
                )
            )
        y += group_height
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def format_value(value: Decimal | int | None, unit: str = "") -> str:
    """A figure as people read it: 1,234; 66.7%; £1,234.50; a dash when there is none."""
    if value is None:
        return NO_FIGURE
    if unit == "£":
        return f"£{Decimal(value):,.2f}"
    return f"{value:,}{unit}"


def _shorten(label: str) -> str:
    if len(label) <= MAX_LABEL_CHARACTERS:
        return label
    return label[: MAX_LABEL_CHARACTERS - 1].rstrip() + "…"
