"""Read figures (numbers with their units) out of article text.

Claims are compared figure by figure: "50–70%" in one article against "70%" in another, "four to six
weeks" against "28 days". This module only *reads* figures; it does not judge whether two agree.

Design choices, so that comparisons stay honest:

* A bare number is never a figure. Only a number with a unit ("%", "mg/kg", "weeks", "$", ...) or a
  calendar year in a sentence about an event counts, so page ranges, phone numbers and list markers
  fall out without a long list of exceptions.
* The few things that would still parse as figures (URL slugs, "9-to-5", "24/7") are masked before
  matching. Masking keeps every character offset, so ``start``/``end`` index the input.
* Open bounds use ``math.inf``: "at least 30%" is (30, inf), "up to two hours" is (0, 2).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Figure", "read_figures"]


@dataclass(frozen=True)
class Figure:
    """One figure found in a text.

    kind: "percent", "dose", "duration", "sessions", "price", "year" or "count" (a multiplier such
    as "two to five times more potent"). ``low == high`` for a single value. ``text`` is the matched
    original text and ``text == source[start:end]``.
    """

    kind: str
    low: float
    high: float
    unit: str
    text: str
    start: int
    end: int


# --- numbers -------------------------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def _alt(words: Iterable[str]) -> str:
    # Longest first, so that "seventeen" is not read as "seven" followed by junk.
    return "|".join(sorted(words, key=len, reverse=True))


_WORD_NUM = rf"\b(?:(?:{_alt(_TENS)})(?:-(?:{_alt(_UNITS)}))?|{_alt(_UNITS)}|(?:a|one)\s+hundred)\b"
# The look-behind stops a match from starting inside "0.5", "1,000", "PMC9010394" or "s41386".
_DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"

# Range separators: hyphen, non-breaking hyphen, en dash, em dash, "to", and "and" only after
# "between" (a regex conditional on the "btw" group: "30 and 50 percent" alone is not a range).
_SEP = r"(?:\s*[-\u2011\u2013\u2014]\s*|\s+to\s+|-to-)"
_PREFIX = (
    r"(?:(?P<q>up\s+to|at\s+least|at\s+most|no\s+more\s+than|more\s+than|less\s+than"
    r"|fewer\s+than|over|under)\s+)?(?P<btw>between\s+)?"
)
_RANGE_SEP = rf"(?(btw)\s+and\s+|{_SEP})"
_SUFFIX = r"(?:\s+or\s+(?P<more>more|longer|greater|above))?"

_AT_LEAST = {"at least", "more than"}
_AT_MOST = {"up to", "at most", "no more than", "less than", "fewer than", "under"}

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- masks: text that would parse as a figure but is not one -----------------------------------
#
# Citations ("(2019).", "43(11), 2199-2220"), phone numbers and list markers need no mask: they carry
# no unit and no event word, and a bare number is never a figure. Only these would otherwise parse.

_MASKS = [
    _c(r"https?://\S+|\bwww\.\S+"),  # slugs such as ".../relief-in-24-hours"
    _c(r"\b9-to-5\b|\b24/7\b"),  # idioms: "a 9-to-5 day" is not a range of 9 to 5 days
]


def _masked(text: str) -> str:
    # NUL is neither a word character nor whitespace, so no pattern can match across a mask.
    for mask in _MASKS:
        text = mask.sub(lambda m: "\0" * len(m.group()), text)
    return text


# --- figure patterns -----------------------------------------------------------------------------

_PERCENT = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:\s*%)?(?:{_RANGE_SEP}(?P<hi>{_NUM}))?"
    rf"(?:\s*%|\s*\bper\s*cent\b){_SUFFIX}"
)

_DOSE_UNIT = (
    r"mg\s*/\s*kg|mg\s+per\s+kg|milligrams?\s+per\s+kilo(?:gram)?s?"
    r"|(?:mcg|[\u00b5\u03bc]g)\s*/\s*kg|micrograms?\s+per\s+kilo(?:gram)?s?"
    r"|mg|milligrams?|mcg|[\u00b5\u03bc]g|micrograms?"
)
_DOSE = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:\s*(?:{_DOSE_UNIT}))?(?:{_RANGE_SEP}(?P<hi>{_NUM}))?"
    rf"\s*(?P<unit>{_DOSE_UNIT})\b"
)

_TIME_UNIT = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|centur(?:y|ies)"
_DURATION = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?[\s\u2011-]+(?P<unit>{_TIME_UNIT})\b"
    rf"(?!\s+read\b){_SUFFIX}"  # "3 min read" is page furniture, not a claim
)
_HALF = _c(r"\bhalf\s+an?\s+(?P<unit>hour|day|week|month|year|decade|century)\b")

# One optional word may sit between the number and the noun ("six ketamine infusions"), but not a
# function word or a unit: "$750 a session" is a price and "a 50 mg dose" a dose, not 750 or 50 sessions.
_SESSIONS = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s+"
    rf"(?:(?!(?:a|an|the|per|of|or|and|to|more|than|percent|{_TIME_UNIT}|mcg|ml|milligrams?|micrograms?|mg)\b)"
    r"[a-z]+\s+)?"
    rf"(?P<unit>sessions?|infusions?|treatments?|injections?|doses?|visits?|appointments?)\b{_SUFFIX}"
)

_MONEY = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])(?:\s*(?:k\b|thousand\b))?"
_PRICES = [
    _c(rf"{_PREFIX}\$\s?(?P<lo>{_MONEY})(?:{_RANGE_SEP}\$?\s?(?P<hi>{_MONEY}))?"),
    _c(rf"{_PREFIX}(?P<lo>{_MONEY})(?:{_RANGE_SEP}(?P<hi>{_MONEY}))?\s+(?:dollars|USD)\b"),
]

# A multiplier only when it compares ("two to five times more potent"), not "three times a week".
_TIMES = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s+times\b"
    r"(?=\s+(?:more|less|greater|higher|lower|as|the|faster|slower|stronger)\b)"
)

# Calendar years only where the text places an event in time ("in 2019", "a 2023 study", "January
# 2025", "the 1960s"); a year alone may be a page number, a count ("in 2000 patients") or a citation's.
_NOT_COUNT = r"(?!\s+(?:patients|people|participants|subjects|adults|cases|children|women|men)\b)"
_YEAR_EVENT = _c(
    r"\b(?:in|since|by|from|until|till|through|during|before|after|around|circa|c\.)\s+"
    rf"(?P<fig>{_YEAR})\b(?![-\u2013/]\d){_NOT_COUNT}"
)
_YEAR_ADJ = _c(rf"\b(?:a|an|the|its|this|that)\s+(?P<fig>{_YEAR})(?=\s+[a-z]){_NOT_COUNT}")
_YEAR_MONTH = _c(rf"(?P<fig>\b(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?(?P<y>{_YEAR}))\b")
_DECADE = _c(r"(?P<fig>\b(?:(?P<part>early|mid|late)[\s-]+)?(?P<dec>1[89]\d0|20\d0)'?s)\b")


# --- conversion ----------------------------------------------------------------------------------


def _number(token: str) -> float:
    token = token.lower().strip()
    if token[0].isdigit():
        token = token.replace(",", "")
        scale = 1000.0 if token.endswith(("k", "thousand")) else 1.0
        return float(re.sub(r"[^\d.]", "", token)) * scale
    if token.endswith("hundred"):
        return 100.0
    tens, _, unit = token.partition("-")
    if tens in _TENS:
        return float(_TENS[tens] + _UNITS.get(unit, 0))
    return float(_UNITS[token])


_TIME_NORMAL = [
    (r"sec", "seconds", 1), (r"min", "minutes", 1), (r"h", "hours", 1), (r"day", "days", 1),
    (r"week", "weeks", 1), (r"month", "months", 1), (r"y", "years", 1),
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
    per_kg = "kg" in raw or "kilo" in raw
    micro = raw.startswith(("mc", "micro", "\u00b5", "\u03bc"))
    return ("\u00b5g" if micro else "mg") + ("/kg" if per_kg else "")


def _over_means_more(text: str, q_start: int) -> bool:
    # "For over 50 years", "in over five decades", "Over two decades of research" mean "more than";
    # "given intravenously over 40 minutes" and "over two to three weeks" mean "spread across".
    # A new line also starts a sentence: headings before a paragraph carry no full stop.
    before = text[:q_start].rstrip(" \t")
    if not before or before[-1] in "\n.!?:;\u2014(":
        return True
    return bool(re.search(r"\b(?:for|in|than)\s*$", before, re.IGNORECASE))


def _qualifier(m: re.Match[str], text: str) -> str | None:
    q = re.sub(r"\s+", " ", m.group("q").lower()) if m.group("q") else None
    if q == "over" and not _over_means_more(text, m.start("q")):
        return None
    return q


def _ranged(m: re.Match[str], text: str, scale: float = 1.0) -> tuple[float, float, int]:
    """Low, high and start of a match made with _PREFIX, a "lo" and an optional "hi" group."""
    lo = _number(m.group("lo")) * scale
    hi = _number(m.group("hi")) * scale if m.group("hi") else lo
    q = _qualifier(m, text)
    # A neutral "over" is left out of the figure's text; a meaningful qualifier stays in it.
    start = m.start() if q or not m.group("q") else m.start("btw") if m.group("btw") else m.start("lo")
    if q in _AT_LEAST or q == "over" or m.groupdict().get("more"):
        return lo, math.inf, start
    if q in _AT_MOST:
        return 0.0, hi, start
    return lo, hi, start


# A word (or character) each pattern cannot match without, in lower case: a quick search spares the
# pattern itself.
_NEEDS = {pattern: re.compile(needs) for pattern, needs in [
    (_PERCENT, r"%|cent"), (_DOSE, r"mg|milligram|mcg|microgram"),
    (_DURATION, r"sec|min|hour|hr|day|week|month|year|yr|decade|centur"),
    (_SESSIONS, r"session|infusion|treatment|injection|dose|visit|appointment"), (_TIMES, r"times"),
    (_PRICES[0], r"\$"), (_PRICES[1], r"dollars|usd"), (_HALF, r"half"),
    (_YEAR_EVENT, r"1[89]\d\d|20\d\d"), (_YEAR_ADJ, r"1[89]\d\d|20\d\d"), (_YEAR_MONTH, r"1[89]\d\d|20\d\d"),
    (_DECADE, r"1[89]\d0|20\d0"),
]}


def _candidates(text: str, masked: str) -> list[Figure]:
    found: list[Figure] = []
    # ASCII text (nearly all) is first searched for a word each pattern needs; the rest try every pattern.
    lower = masked.lower() if masked.isascii() else None

    def scan(pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        if lower is not None and not _NEEDS[pattern].search(lower):
            return ()
        return pattern.finditer(masked)

    def add(kind: str, unit: str, m: re.Match[str], scale: float = 1.0) -> None:
        lo, hi, start = _ranged(m, text, scale)
        found.append(Figure(kind, lo, hi, unit, text[start : m.end()], start, m.end()))

    for m in scan(_PERCENT):
        add("percent", "%", m)
    for m in scan(_DOSE):
        add("dose", _dose_unit(m.group("unit")), m)
    for m in scan(_DURATION):
        unit, scale = _time_unit(m.group("unit"))
        add("duration", unit, m, scale)
    for m in scan(_SESSIONS):
        add("sessions", "sessions", m)
    for m in scan(_TIMES):
        add("count", "times", m)
    for pattern in _PRICES:
        for m in scan(pattern):
            add("price", "USD", m)

    def fixed(kind: str, low: float, high: float, unit: str, start: int, end: int) -> None:
        found.append(Figure(kind, low, high, unit, text[start:end], start, end))

    for m in scan(_HALF):
        unit, scale = _time_unit(m.group("unit"))
        fixed("duration", 0.5 * scale, 0.5 * scale, unit, m.start(), m.end())
    for pattern in (_YEAR_EVENT, _YEAR_ADJ):
        for m in scan(pattern):
            year = float(m.group("fig"))
            fixed("year", year, year, "year", m.start("fig"), m.end("fig"))
    for m in scan(_YEAR_MONTH):
        year = float(m.group("y"))
        fixed("year", year, year, "year", m.start("fig"), m.end("fig"))
    for m in scan(_DECADE):
        first = int(m.group("dec"))
        # "The 1960s" is ten years; "the early 2000s" is read as its first four, "late" as its last three.
        span = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((m.group("part") or "").lower(), (0, 9))
        fixed("year", float(first + span[0]), float(first + span[1]), "year", m.start("fig"), m.end("fig"))
    return found


# Every figure holds a digit, a number word or "half": one quick search spares the dozen patterns above
# for the many quotes that hold none.
_MAY_HOLD_A_FIGURE = _c(rf"\d|\b(?:{_alt([*_UNITS, *_TENS, 'hundred', 'half'])})\b")


def read_figures(text: str) -> list[Figure]:
    """Return the figures in ``text`` in reading order, without overlaps.

    Where two readings overlap ("$750 a session" inside "$350 to $750 a session"), the one that
    starts first wins, then the longer one, so a range is never split into two single values.
    """
    return list(_read_figures(text))


@lru_cache(maxsize=65536)  # a build reads each quote twice (figures compared, then claims.json)
def _read_figures(text: str) -> tuple[Figure, ...]:
    if not _MAY_HOLD_A_FIGURE.search(text):
        return ()
    candidates = sorted(_candidates(text, _masked(text)), key=lambda f: (f.start, -(f.end - f.start)))
    figures: list[Figure] = []
    end = -1
    for figure in candidates:
        if figure.start >= end:
            figures.append(figure)
            end = figure.end
    return tuple(figures)
