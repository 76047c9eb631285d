"""What one figure found in a text is: ``Figure``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text.

    kind: "percent", "dose", "duration", "frequency", "sessions", "count" (of a named thing: people,
    meals, steps), "multiple" ("two to five times more potent"), "price", "mass", "energy", "age" or
    "year". ``low == high`` for a single value. ``text`` is the matched original text and
    ``text == source[start:end]``. ``per`` is the period a rate is given for ("day", "week", ...):
    "150 minutes a week" is a duration of 150 minutes per week, "three times a week" a frequency of 3 per
    week. ``bound`` keeps the qualifier ("about", "up to", "at least", ...) as read. ``measure`` is what
    the figure measures, read from cue words around it ("" when no cue tells).
    """

    kind: str
    low: float
    high: float
    unit: str
    text: str
    start: int
    end: int
    measure: str = ""
    per: str = ""
    bound: str = ""
