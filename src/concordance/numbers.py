"""Figures compared: the numbers each position's quote gives for a claim, side by side.

Only like is compared with like: two figures are compared when they are of one kind (rates, durations,
prices, ...) AND one measure (a remission rate with a remission rate, a time to onset with a time to
onset), in one unit family and for one period ("minutes per week" is not "minutes"). The measure is read
from cue words around the figure (the figures package), or given by the maintainer on the position
(``Position.measure``). A figure whose measure is unknown is never compared.

Where two sources give figures of one kind and measure whose ranges do not overlap, the claim is flagged
as a disagreement in numbers. Two figures of one source are never flagged against each other: one
article may give two forms of a treatment (an infusion and a nasal spray) their own numbers.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from itertools import combinations

from .anchor import Anchoring
from .figures import Figure, measure_kind, read_figures
from .model import Claim, Position

# Durations are compared in hours, masses in kg, energy in kcal, frequencies per week; every other kind
# in its own unit.
HOURS = {"seconds": 1 / 3600, "minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168, "months": 730,
         "years": 8766}
KG = {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "oz": 0.028349523, "st": 6.35029318}
KCAL = {"kcal": 1.0, "kJ": 1 / 4.184}
PER_WEEK = {"day": 7.0, "week": 1.0, "month": 12 / 52.1775, "year": 1 / 52.1775}
KIND_LABEL = {"percent": "Rates", "dose": "Doses", "duration": "Durations", "sessions": "Sessions",
              "price": "Prices", "year": "Years", "multiple": "Multiples", "count": "Counts",
              "frequency": "Frequencies", "mass": "Weights", "energy": "Energy", "age": "Ages"}
COMPARED = ("percent", "dose", "duration", "sessions", "price", "multiple", "count", "frequency", "mass",
            "energy", "age")  # years date events; they are not compared


@dataclass(slots=True)
class Row:
    position: Position
    figure: Figure
    low: float  # in the comparison's common unit
    high: float

    @property
    def measure(self) -> str:
        return self.figure.measure


@dataclass
class Comparison:
    kind: str
    unit: str
    rows: list[Row]
    conflicts: list[tuple[Row, Row]] = field(default_factory=list)
    measure: str = ""


def common(figure: Figure) -> tuple[str, float, float]:
    """The figure in its kind's common unit, with its period: ("hours", 24, 24), ("kcal/day", 500, 600)."""
    unit, low, high = figure.unit, figure.low, figure.high
    if figure.kind == "duration" and unit in HOURS:
        unit, low, high = "hours", low * HOURS[unit], high * HOURS[unit]
    elif figure.kind == "mass" and unit in KG:
        unit, low, high = "kg", low * KG[unit], high * KG[unit]
    elif figure.kind == "energy" and unit in KCAL:
        unit, low, high = "kcal", low * KCAL[unit], high * KCAL[unit]
    if figure.kind == "frequency" and figure.per in PER_WEEK:
        k = PER_WEEK[figure.per]
        return "times/week", low * k, high * k
    return (f"{unit}/{figure.per}" if figure.per else unit), low, high


def position_figures(anchoring: Anchoring, position: Position) -> list[Figure]:
    """The figures of a position's quote, each with its measure. A measure the maintainer gives on the
    position (``Position.measure``) is the word that counts: it labels the quote's figures of its kind
    (every figure, for a measure the cue table does not know)."""
    figures = read_figures(anchoring.passage_of[position].text)
    given = position.measure.strip()
    if not given:
        return figures
    kind = measure_kind(given)
    return [dataclasses.replace(f, measure=given) if not kind or f.kind == kind else f for f in figures]


ABOUT = 0.1  # "about 30%" may be 27% or 33%: an approximate figure is no precise claim


def _span(row: Row) -> tuple[float, float]:
    if row.figure.bound == "about":
        return row.low * (1 - ABOUT), row.high * (1 + ABOUT)
    return row.low, row.high


def disjoint(a: Row, b: Row) -> bool:
    """Ranges that do not overlap. Two real ranges that only touch ("50–70%" and "70–80%") do not
    overlap either; a single value at the end of a range ("30%" and "30 to 50 percent") does. An
    approximate figure ("about 30 minutes") stands for a range 10% either side."""
    (a_low, a_high), (b_low, b_high) = _span(a), _span(b)
    if a_high < b_low or b_high < a_low:
        return True
    both_ranges = a_low < a_high and b_low < b_high
    return both_ranges and min(a_high, b_high) - max(a_low, b_low) <= 0


def compare_claim(anchoring: Anchoring, claim: Claim) -> list[Comparison]:
    """Comparisons for each kind and measure of figure that two or more sources give on the claim."""
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for position in claim.positions:
        for figure in position_figures(anchoring, position):
            if figure.kind not in COMPARED or not figure.measure:
                continue
            unit, low, high = common(figure)
            groups.setdefault((figure.kind, figure.measure.lower(), unit), []).append(
                Row(position, figure, low, high))
    out = []
    for (kind, _, unit), rows in groups.items():
        if len({r.position.source for r in rows}) < 2:
            continue  # one source's figures side by side would compare nothing with anything
        comparison = Comparison(kind, unit, rows, measure=rows[0].figure.measure)
        # Two sources disagree in numbers when none of one's figures overlaps any of the other's: a source
        # may give a figure twice, or for two forms of treatment.
        by_source: dict[str, list[Row]] = {}
        for row in rows:
            by_source.setdefault(row.position.source, []).append(row)
        for ga, gb in combinations(by_source.values(), 2):
            if all(disjoint(a, b) for a in ga for b in gb):
                comparison.conflicts.append((ga[0], gb[0]))
        out.append(comparison)
    return out


# --- how figures read ----------------------------------------------------------------------------

# Durations show in the largest unit that gives a readable number: 672 hours is "4 weeks".
_NATURAL = [("years", 8766), ("months", 730), ("weeks", 168), ("days", 24), ("hours", 1), ("minutes", 1 / 60),
            ("seconds", 1 / 3600)]


def _readable(value: float) -> bool:
    return value == 0 or (value >= 1 and abs(value * 2 - round(value * 2)) < 1e-6)


def natural_unit(values: list[float]) -> tuple[str, float]:
    """The largest time unit in which every finite, non-zero value (in hours) reads as a whole or half
    number: (unit, hours per unit)."""
    finite = [v for v in values if not math.isinf(v) and v]
    for unit, hours in _NATURAL:
        if finite and all(_readable(v / hours) for v in finite):
            return unit, hours
    return "hours", 1.0


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _fmt(value: float, unit: str) -> str:
    if math.isinf(value):
        return "no upper limit"
    base, _, per = unit.partition("/")
    if base == "hours":
        name, hours = natural_unit([value])
        value, base = value / hours, name
    if base == "times" and per == "week" and 0 < value < 1:
        every = 1 / value
        text = f"every {_number(every)} weeks" if abs(every - round(every)) < 0.05 else f"{_number(value)} times"
    elif base in ("USD", "GBP", "EUR"):
        text = {"USD": "$", "GBP": "\u00a3", "EUR": "\u20ac"}[base] + _number(value)
    elif base == "%":
        text = f"{_number(value)}%"
    else:
        if base.endswith("s") and value == 1:
            base = base[:-1]
        text = f"{_number(value)} {base}"
    return f"{text} a {per}" if per else text


def _fmt_pair(low: float, high: float, unit: str) -> tuple[str, str]:
    """Both ends of a range in one natural unit: "2 to 3 weeks", not "2 weeks to 504 hours"."""
    base, _, per = unit.partition("/")
    if base != "hours":
        return _fmt(low, unit), _fmt(high, unit)
    name, hours = natural_unit([low, high])
    suffix = f" a {per}" if per else ""

    def one(v: float) -> str:
        if math.isinf(v):
            return "no upper limit"
        n = v / hours
        return f"{_number(n)} {name[:-1] if n == 1 else name}{suffix}"

    return one(low), one(high)


def range_text(row: Row, unit: str) -> str:
    low, high = _fmt_pair(row.low, row.high, unit)
    if row.low == row.high:
        return low
    if row.low == 0 and not math.isinf(row.high):
        return f"up to {high}"
    if math.isinf(row.high):
        return f"{low} or more"
    if unit.partition("/")[0] == "hours":  # one unit for both ends: "2 to 3 weeks"
        return f"{low.split(' ', 1)[0]} to {high}"
    return f"{low} to {high}"


def comparison_label(comparison: Comparison) -> str:
    """What is compared, with its measure: "Rates (remission rate)"."""
    label = KIND_LABEL.get(comparison.kind, comparison.kind.title())
    return f"{label} ({comparison.measure})" if comparison.measure else label


def row_label(row: Row, name: str) -> str:
    """A row says whose figure it is and what it measures: "Bayside Clinic: remission rate"."""
    return f"{name}: {row.measure}" if row.measure else name


# --- the chart -----------------------------------------------------------------------------------

# The SVG scales with its width (viewBox). Drawn 360 units wide, a phone's ~350 px column shows it at
# about 0.97 px a unit, so 13-unit text reads at ~12.6 px; wider screens show it larger (the stylesheet
# caps the chart's width).
VIEW_WIDTH = 360
FONT = 13
_ROW_HEIGHT = 38  # a label line above each bar
_LABEL_CHARS = 46  # ~0.55 em a character at 13 units: the label fits the width


def worth_a_chart(comparison: Comparison) -> bool:
    """A chart only where it shows something: two rows or more, and at least one with both ends known.
    Bounds alone ("at least 30%" against "up to 50%") would draw bars whose ends mean nothing."""
    if len(comparison.rows) < 2:
        return False
    return any(r.low > 0 and not math.isinf(r.high) for r in comparison.rows)


def _nice(value: float) -> float:
    """The least of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of ten that is at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value * (1 - 1e-9))


def _axis(comparison: Comparison) -> tuple[float, float]:
    finite = [v for r in comparison.rows for v in (r.low, r.high) if not math.isinf(v)]
    if comparison.unit == "%":
        return 0.0, max(100.0, _nice(max(finite)))  # rates read against the whole, 0 to 100
    # Amounts start at zero too, so a bar's length is its size; the axis ends at a round number a little
    # past the largest, in the unit the durations read in ("7 weeks", not "1,108.8 hours").
    if comparison.unit.partition("/")[0] == "hours":
        _, hours = natural_unit([max(finite)])
        return 0.0, _nice(max(finite) * 1.05 / hours) * hours
    return 0.0, _nice(max(finite) * 1.05)


@dataclass(frozen=True)
class ChartRow:
    name: str  # the row's label: whose figure, and what it measures
    text_y: int
    bar_y: int
    x0: float
    x1: float
    stance: str
    dot: bool  # a single value (or a range too narrow to draw): a dot, not a bar
    open_end: bool  # "or more": the bar runs off the axis

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Tick:
    x: float
    text: str
    anchor: str


@dataclass(frozen=True)
class ChartLayout:
    """Where everything of a range chart stands, in SVG units; templates/chart.html draws it."""

    label: str
    width: int
    height: int
    font: int
    left: int
    axis_width: int
    axis_y: int
    rows: list[ChartRow]
    ticks: list[Tick]


def chart_layout(comparison: Comparison, names: list[str]) -> ChartLayout | None:
    """A range chart's layout: one bar per figure on a shared axis that starts at zero; None where a chart
    would mislead (see ``worth_a_chart``)."""
    if not worth_a_chart(comparison):
        return None
    lo, hi = _axis(comparison)
    left, width = 4, VIEW_WIDTH - 12
    height = _ROW_HEIGHT * len(comparison.rows) + 30

    def x(v: float) -> float:
        v = hi if math.isinf(v) else v
        return left + (v - lo) / (hi - lo) * width

    rows = []
    for i, (row, name) in enumerate(zip(comparison.rows, names)):
        y = 4 + i * _ROW_HEIGHT
        x0, x1 = x(row.low), x(row.high)
        rows.append(ChartRow(name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "\u2026",
                             y + FONT, y + FONT + 6, x0, x1, row.position.stance, x1 - x0 < 4,
                             math.isinf(row.high)))
    low_text, high_text = _fmt_pair(lo, hi, comparison.unit)
    return ChartLayout(comparison_label(comparison), VIEW_WIDTH, height, FONT, left, width, height - 22, rows,
                       [Tick(x(lo), low_text, "start"), Tick(x(hi), high_text, "end")])


def figure_json(figure: Figure) -> dict[str, object]:
    """A figure for claims.json: open bounds are null, since JSON has no infinity."""
    return {"kind": figure.kind, "measure": figure.measure, "text": figure.text, "unit": figure.unit,
            "per": figure.per, "low": figure.low, "high": None if math.isinf(figure.high) else figure.high}
