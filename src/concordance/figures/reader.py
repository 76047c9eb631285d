"""The reader: ``read_figures`` picks the figures of a text without overlaps, with lists and measures."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import CASE_TWIN_CHARS, CASE_TWINS, case_blind
from .candidates import _candidates
from .figure import Figure
from .measures import _read_measure
from .numerals import _NUM, _ONCE, _TENS, _UNITS, _alt, _number
from .patterns import (
    _c,
    _masked,
)

# Every figure holds a digit, a number word or a fraction word, or is "every other day" (_EVERY; "every
# patient" holds none): one quick search spares the patterns above for the many quotes that hold none.
_WORDS_OF_NUMBERS = ["hundred", "half", "dozen", "couple", "third", "thirds", "quarter", "fifth"]
_MAY_HOLD_A_FIGURE = _c(
    rf"\d|[\u00bd\u00bc\u00be]|\b(?:{_alt([*_UNITS, *_TENS, *_ONCE, *_WORDS_OF_NUMBERS])})\b"
    r"|\bevery\s+other\b|\ban?\s+(?:hour|day|week|month|year|decade|century|minute)")


_DIGIT_LIKE = re.compile(r"[\d\u00bd\u00bc\u00be]")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_ONCE, *_WORDS_OF_NUMBERS])
_PERIOD_STARTS = ("hour", "day", "week", "month", "year", "decade", "centur", "minute")


def _may_hold_a_figure(text: str) -> bool:
    """_MAY_HOLD_A_FIGURE.search(text), answered mostly without it: its many words cost a try at every word of
    the text, while a set of the text's words answers at once."""
    if _DIGIT_LIKE.search(text):
        return True
    if any(twin in text for twin in CASE_TWIN_CHARS):  # lower() does not fold these as the pattern does
        return _MAY_HOLD_A_FIGURE.search(text) is not None
    words = set(_WORD.findall(text.lower()))
    if not words.isdisjoint(_NUMBER_WORDS):
        return True
    if {"every", "other"} <= words or (
            ("a" in words or "an" in words) and any(w.startswith(_PERIOD_STARTS) for w in words)):
        return _MAY_HOLD_A_FIGURE.search(text) is not None  # "an hour": the pattern says whether they stand together
    return False


def read_figures(text: str) -> list[Figure]:
    """Return the figures in ``text`` in reading order, without overlaps, each with its measure.

    Where two readings overlap ("$750 a session" inside "$350 to $750 a session"), the one that
    starts first wins, then the longer one, so a range is never split into two single values.
    """
    return list(_read_figures(text))


# Kinds that win a tie (same start, same length) over the others: a share of people is not a count.
_PRIORITY = {"frequency": 0, "age": 1, "percent": 2, "price": 3, "dose": 4, "energy": 5, "sessions": 6}


@lru_cache(maxsize=65536)  # a build reads each quote twice (figures compared, then claims.json)
def _read_figures(text: str) -> tuple[Figure, ...]:
    if not _may_hold_a_figure(text):
        return ()
    # ſ, ı, İ and K read as s, i, i and k: the patterns ignore case and equate them anyway, and so a unit's or a
    # currency's name spelt with one is found in the tables that name them (the offsets stay the same).
    masked = _masked(text.translate(CASE_TWINS))
    candidates = sorted(_candidates(text, masked),
                        key=lambda f: (f.start, -(f.end - f.start), _PRIORITY.get(f.kind, 9)))
    figures: list[Figure] = []
    end = -1
    for figure in candidates:
        if figure.start >= end:
            figures.append(figure)
            end = figure.end
    figures = _with_list_items(figures, masked, text)
    lower = case_blind(text)
    return tuple(
        Figure(f.kind, f.low, f.high, f.unit, f.text, f.start, f.end,
               _read_measure(f.kind, f.unit, f.low, f.high, lower, f.start, f.end), _shared_per(f, figures, text),
               f.bound)
        for f in figures)


# What may stand between two items of one list: "of <what>", the period, a comma, "or"/"and", an adverb.
_NUM_TOKEN = _c(_NUM)
_LIST_TAIL = _c(rf"(?<![\w.,:/])(?:{_NUM}(?:\s*,\s*(?:(?:and|or)\s+)?|-\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))+\Z")


def _with_list_items(figures: list[Figure], masked: str, text: str) -> list[Figure]:
    """Numbers of a list that names its unit once, at its end: "4- and 6-h" is 4 hours and 6 hours,
    "three, six, or twelve months" three figures. Only a list joined by "and"/"or" counts, so "In 2019,
    30 minutes" gives no "2019 minutes"."""
    out: list[Figure] = []
    end = 0
    for figure in figures:
        own = _NUM_TOKEN.match(figure.text)
        if figure.kind != "year" and not figure.bound and figure.low == figure.high and own:
            tail = _LIST_TAIL.search(masked, max(end, figure.start - 60), figure.start)
            if tail and re.search(r"\b(?:and|or)\b", tail.group(), re.IGNORECASE):
                scale = figure.low / _number(own.group()) if _number(own.group()) else 1.0
                for n in _NUM_TOKEN.finditer(tail.group()):
                    value = _number(n.group()) * scale
                    start = tail.start() + n.start()
                    out.append(Figure(figure.kind, value, value, figure.unit, text[start:start + len(n.group())],
                                      start, start + len(n.group()), per=figure.per))
        out.append(figure)
        end = figure.end
    return out


_JOINED = _c(r"^(?:\s+of\s+[^.;,\d\n\u2029]*?)?(?:\s+(?:a|per|each|every)\s+(?:day|week|month))?,?"
             r"\s+(?:or|and)(?:\s+(?:preferably|ideally|up\s+to))?\s+$")


def _shared_per(figure: Figure, figures: list[Figure], text: str) -> str:
    """The period of a duration that a list gives once for all its items: "150 minutes of moderate or 75
    minutes of vigorous activity a week", "at least 150 minutes per week, and preferably 300 minutes"."""
    if figure.per or figure.kind != "duration":
        return figure.per
    i = figures.index(figure)
    for j in (i + 1, i - 1):
        if 0 <= j < len(figures):
            other = figures[j]
            between = text[min(figure.end, other.end):max(figure.start, other.start)]
            if other.kind == figure.kind and other.unit == figure.unit and other.per and _JOINED.match(between):
                return other.per
    return ""
