"""Figures compared: the numbers each position's quote gives for a claim, side by side.

Where two positions on one claim give figures of one kind whose ranges do not overlap, the claim is
flagged as a disagreement in numbers (also when both positions come from one source).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from itertools import combinations

from .anchor import Anchoring
from .figures import Figure, read_figures
from .model import Claim, Position

# Durations are compared in hours; every other kind in its own unit.
HOURS = {"seconds": 1 / 3600, "minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168, "months": 730,
         "years": 8766}
KIND_LABEL = {"percent": "Rates", "dose": "Doses", "duration": "Durations", "sessions": "Sessions",
              "price": "Prices", "year": "Years", "count": "Multiples"}
COMPARED = ("percent", "dose", "duration", "sessions", "price", "count")  # years date events; not compared


@dataclass
class Row:
    position: Position
    figure: Figure
    low: float  # in the kind's common unit
    high: float


@dataclass
class Comparison:
    kind: str
    unit: str
    rows: list[Row]
    conflicts: list[tuple[Row, Row]] = field(default_factory=list)


def common(figure: Figure) -> tuple[str, float, float]:
    if figure.kind == "duration" and figure.unit in HOURS:
        k = HOURS[figure.unit]
        return "hours", figure.low * k, figure.high * k
    return figure.unit, figure.low, figure.high


def position_figures(anchoring: Anchoring, position: Position) -> list[Figure]:
    return read_figures(anchoring.passage_of[position].text)


def disjoint(a: Row, b: Row) -> bool:
    """Ranges that do not overlap. Two real ranges that only touch ("50–70%" and "70–80%") do not
    overlap either; a single value at the end of a range ("30%" and "30 to 50 percent") does."""
    if a.high < b.low or b.high < a.low:
        return True
    both_ranges = a.low < a.high and b.low < b.high
    return both_ranges and min(a.high, b.high) - max(a.low, b.low) <= 0


def compare_claim(anchoring: Anchoring, claim: Claim) -> list[Comparison]:
    """Comparisons for each kind of figure that two or more positions of the claim give."""
    by_kind: dict[tuple[str, str], list[Row]] = {}
    for position in claim.positions:
        for figure in position_figures(anchoring, position):
            if figure.kind not in COMPARED:
                continue
            unit, low, high = common(figure)
            by_kind.setdefault((figure.kind, unit), []).append(Row(position, figure, low, high))
    out = []
    for (kind, unit), rows in by_kind.items():
        if len({id(r.position) for r in rows}) < 2:
            continue
        comparison = Comparison(kind, unit, rows)
        # Two positions disagree in numbers when none of one's figures overlaps any of the other's: a quote
        # may carry a second figure about something else ("within 24 hours ... through 28 days").
        groups: dict[int, list[Row]] = {}
        for row in rows:
            groups.setdefault(id(row.position), []).append(row)
        for ga, gb in combinations(groups.values(), 2):
            if all(disjoint(a, b) for a in ga for b in gb):
                comparison.conflicts.append((ga[0], gb[0]))
        out.append(comparison)
    return out


def _fmt(value: float, unit: str) -> str:
    if math.isinf(value):
        return "no upper limit"
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"${number}" if unit == "USD" else f"{number}%" if unit == "%" else f"{number} {unit}"


def range_text(row: Row, unit: str) -> str:
    if row.low == row.high:
        return _fmt(row.low, unit)
    if row.low == 0 and not math.isinf(row.high):
        return f"up to {_fmt(row.high, unit)}"
    if math.isinf(row.high):
        return f"{_fmt(row.low, unit)} or more"
    return f"{_fmt(row.low, unit)} to {_fmt(row.high, unit)}"


def chart_svg(comparison: Comparison, names: list[str]) -> str:
    """A range chart drawn at build time: one bar per figure on a shared axis. No script; the colours
    follow the text colour, so it reads in light and dark mode; the table beside it carries the data."""
    finite = [v for r in comparison.rows for v in (r.low, r.high) if not math.isinf(v)]
    lo, hi = min(finite), max(finite)
    if hi == lo:
        lo, hi = lo * 0.9 - 1e-9, hi * 1.1 + 1e-9
    pad = (hi - lo) * 0.05
    lo, hi = max(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad
    left, width, row_h = 150, 330, 22
    height = row_h * len(comparison.rows) + 24

    def x(v: float) -> float:
        v = hi if math.isinf(v) else v
        return left + (v - lo) / (hi - lo) * width

    parts = [f'<svg class="cc-chart" viewBox="0 0 {left + width + 10} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{escape(KIND_LABEL[comparison.kind])} '
             f'compared as ranges; the table gives the same figures">']
    for i, (row, name) in enumerate(zip(comparison.rows, names)):
        y = 6 + i * row_h
        x0, x1 = x(row.low), x(row.high)
        parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end" font-size="11" fill="currentColor">'
                     f"{escape(name[:24])}</text>")
        if x1 - x0 < 4:
            parts.append(f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{y + 8}" r="4" fill="currentColor" '
                         f'data-stance="{row.position.stance}"/>')
        else:
            parts.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{x1 - x0:.1f}" height="10" rx="3" '
                         f'fill="currentColor" fill-opacity="0.55" stroke="currentColor" '
                         f'data-stance="{row.position.stance}"/>')
    axis_y = height - 14
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + width}" y2="{axis_y}" stroke="currentColor" '
                 'stroke-opacity="0.5"/>')
    for v, anchor in ((lo, "start"), (hi, "end")):
        parts.append(f'<text x="{x(v):.1f}" y="{height - 2}" text-anchor="{anchor}" font-size="10" '
                     f'fill="currentColor">{escape(_fmt(v, comparison.unit))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def figure_json(figure: Figure) -> dict[str, object]:
    """A figure for claims.json: open bounds are null, since JSON has no infinity."""
    return {"kind": figure.kind, "text": figure.text, "unit": figure.unit, "low": figure.low,
            "high": None if math.isinf(figure.high) else figure.high}
