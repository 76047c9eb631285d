"""From a match to a figure's values: units named one way, bounds ("at least", "up to"), the period of a rate."""

from __future__ import annotations

import math
import re

from .numerals import _number
from .patterns import (
    _ABOUT,
    _AT_LEAST,
    _AT_MOST,
    _PER_NAME,
)

_TIME_NORMAL = [
    (r"sec", "seconds", 1), (r"min", "minutes", 1), (r"h", "hours", 1), (r"day", "days", 1), (r"night", "days", 1),
    (r"w", "weeks", 1), (r"mo", "months", 1), (r"y", "years", 1),
    (r"decade", "years", 10), (r"centur", "years", 100),
]


def _time_unit(raw: str) -> tuple[str, float]:
    raw = raw.lower()
    for prefix, unit, scale in _TIME_NORMAL:
        if raw.startswith(prefix):
            return unit, scale
    raise ValueError(raw)  # unreachable: the pattern only admits the units above


def _dose_unit(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw.lower())
    if raw in ("iu", "international units"):
        return "IU"
    per_kg = "kg" in raw or "kilo" in raw
    micro = raw.startswith(("mc", "micro", "\u00b5", "\u03bc"))
    return ("\u00b5g" if micro else "mg") + ("/kg" if per_kg else "")


def _mass_unit(raw: str) -> str:
    raw = raw.lower()
    for prefix, unit in (("kg", "kg"), ("kilo", "kg"), ("lb", "lb"), ("pound", "lb"), ("oz", "oz"),
                         ("ounce", "oz"), ("stone", "st"), ("g", "g")):
        if raw.startswith(prefix):
            return unit
    return raw


def _over_means_more(text: str, q_start: int) -> bool:
    # "For over 50 years", "in over five decades", "Over two decades of research" mean "more than";
    # "given intravenously over 40 minutes" and "over two to three weeks" mean "spread across".
    # A new line also starts a sentence: headings before a paragraph carry no full stop.
    before = text[:q_start].rstrip(" \t")
    if not before or before[-1] in "\n.!?:;\u2014(\u2029":
        return True
    return bool(re.search(r"\b(?:for|in|than|of|lost|lose|save|earn|spend|cost|costs|is|are|was|were|just|well"
                          r"|slightly|for)\s*$",
                          before, re.IGNORECASE))


def _qualifier(m: re.Match[str], text: str) -> str | None:
    groups = m.groupdict()
    if groups.get("sym"):
        return _ABOUT.get(groups["sym"], groups["sym"])
    q = re.sub(r"\s+", " ", groups["q"].lower()) if groups.get("q") else None
    if q == "over" and not _over_means_more(text, m.start("q")):
        return None
    if q in ("approx.", "an estimated", "estimated", "around", "roughly", "approximately", "nearly", "almost"):
        return "about"
    return q


def _ranged(m: re.Match[str], text: str, scale: float = 1.0) -> tuple[float, float, int, str]:
    """Low, high, start and bound of a match made with _PREFIX, a "lo" and an optional "hi" group."""
    lo = _number(m.group("lo")) * scale
    hi = _number(m.group("hi")) * scale if m.groupdict().get("hi") else lo
    q = _qualifier(m, text)
    groups = m.groupdict()
    qstart = m.start("sym") if groups.get("sym") else m.start("q") if groups.get("q") else -1
    # A neutral "over" is left out of the figure's text; a meaningful qualifier stays in it.
    if q:
        start = qstart
    elif groups.get("btw"):
        start = m.start("btw")
    else:
        start = m.start("lo")
    if q in _AT_LEAST or q == "over" or groups.get("more") or groups.get("more2") or groups.get("plus"):
        return lo, math.inf, start, q or "at least"
    if q in _AT_MOST or groups.get("less"):
        return 0.0, hi, start, q or "up to"
    return lo, hi, start, q or ""


def _per(m: re.Match[str]) -> str:
    groups = m.groupdict()
    for name in ("p1", "p2", "p3", "per"):
        raw = groups.get(name)
        if raw:
            raw = raw.lower()
            return _PER_NAME.get(raw, raw)
    return ""
