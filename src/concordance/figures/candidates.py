"""Every reading of every pattern in a text, overlaps and all: ``_candidates``; the reader picks among them."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable

from .conversion import _dose_unit, _mass_unit, _per, _ranged, _time_unit
from .figure import Figure
from .numerals import _DIGITS, _ONCE, _TENS, _UNITS, _WORD_NUM, _alt, _number
from .patterns import (
    _AGE,
    _COUNT,
    _COUNT_NOUNS,
    _CURRENCY,
    _DECADE,
    _DOSE,
    _DURATION,
    _DURATION_A_OK,
    _ENERGY,
    _ENERGY_UNIT,
    _EVERY,
    _FRACTIONS,
    _FREQUENCY,
    _HALF,
    _LATE_PER,
    _MASS,
    _MASS_UNIT,
    _ONCE_PATTERN,
    _ONE_IN,
    _PER_NAME,
    _PERCENT,
    _PRICES,
    _QUALIFIERS,
    _SESSIONS,
    _SHARE,
    _TIME_UNIT,
    _TIMES,
    _YEAR_ADJ,
    _YEAR_EVENT,
    _YEAR_MONTH,
    _c,
)

# What each pattern cannot match without, searched in the lower-cased text: a quick search spares the pattern
# itself. A unit stands at the start of a word, or right after a digit ("50mg"); most are whole words.
_UNIT_START = r"(?:\b|(?<=[\d\u00bd\u00bc\u00be]))"
_NEEDS = {pattern: re.compile(needs) for pattern, needs in [
    (_PERCENT, r"%|\bper\s*cent"),
    (_DOSE, rf"{_UNIT_START}(?:mg|milligram|mcg|[\u00b5\u03bc]g|iu|international)"),
    (_DURATION, rf"{_UNIT_START}(?:{_TIME_UNIT})\b"),
    (_SESSIONS, r"\b(?:session|infusion|treatment|injection|dose|visit|appointment)"),
    (_TIMES, r"\b(?:times|fold|twice)\b"),
    (_PRICES[0], r"\$|\u00a3|\u20ac"), (_PRICES[1], rf"{_UNIT_START}(?:dollars|usd|gbp|eur|euros|pounds\s+sterling)\b"),
    (_HALF, r"\bhalf\s+an?\s"),
    (_YEAR_EVENT, r"1[89]\d\d|20\d\d"), (_YEAR_ADJ, r"1[89]\d\d|20\d\d"), (_YEAR_MONTH, r"1[89]\d\d|20\d\d"),
    (_DECADE, r"1[89]\d0|20\d0"),
    (_MASS, rf"{_UNIT_START}(?:{_MASS_UNIT})\b"), (_ENERGY, rf"{_UNIT_START}(?:{_ENERGY_UNIT})\b"),
    (_SHARE, r"\b(?:half|third|quarter|fifth)"), (_ONE_IN, r"\b(?:one|1)\s+(?:in|out\s+of)\s"),
    (_EVERY, r"\bevery\s"), (_COUNT, rf"\b(?:{'|'.join(_COUNT_NOUNS.values())})\b"),
    (_FREQUENCY[0], r"\b(?:day|week|month|year|hour|night|d|wk)\b"),
    (_FREQUENCY[1], r"\b(?:daily|weekly|monthly|yearly|annually|nightly)\b"),
    (_FREQUENCY[2], r"\b(?:week|wk)\b"),
    (_AGE[0], r"\bage[sd]?\s"), (_AGE[1], r"\b(?:years?|y|yrs?)(?:\s+of\s+age\b|[\s-]+old\b)"),
]}


_NUMBER_LED = {_PERCENT, _DOSE, _DURATION, *_FREQUENCY, _SESSIONS, _COUNT, _TIMES, *_PRICES, _MASS, _ENERGY,
               _AGE[1]}


def _loose(needs: re.Pattern[str]) -> re.Pattern[str] | None:
    """A need without the zero-width test it opens with (a word boundary, or "after a digit"), which matches
    wherever the need does: a pattern that opens with letters is scanned for several times faster, so it is
    searched first, and most texts stop there."""
    for lead in (_UNIT_START, r"\b"):
        if needs.pattern.startswith(lead):
            return re.compile(needs.pattern[len(lead):])
    return None


# Each pattern's need (loose, then exact) and whether it opens with a number, by the pattern's id: a Pattern
# hashes its whole source each time it is looked up, which cost more than the search it spares.
_SCAN = {id(p): (_loose(needs), needs, p in _NUMBER_LED) for p, needs in _NEEDS.items()}
_A_PERIOD = r"(?<![\w])an?(?=\s+(?:hour|day|week|month|year|decade|centur|minute|second|min)s?\b)"
_NUMBER_START = _c(rf"{_DIGITS}|{_WORD_NUM}|\b(?:{_alt(_ONCE)})\b|{_A_PERIOD}")
# The same for a text in which no number word can stand (its figures are digits): asked of the lower-cased
# text as plain substrings ("someone" holds "one", so some texts take the full pattern needlessly), which is
# scanned for many times faster.
_NUMBER_START_NO_WORDS = _c(rf"{_DIGITS}|{_A_PERIOD}")
_ANY_NUMBER_WORD = re.compile(_alt([*_UNITS, *_TENS, *_ONCE, "hundred", "dozen", "couple"]))
_BEFORE = _c(
    rf"(?:(?<![\w])(?P<q>{_QUALIFIERS})\s+|(?P<sym>[~\u223c\u2248\u2265\u2264<>])\s*)?(?P<btw>between\s+)?"
    r"(?P<cur>US\$|\$|\u00a3|\u20ac)?\s?\Z"
)


_CHANGE = _c(r"\b(?:increas|decreas|ris|rose|fell|fall|drop|grew|grow|climb|declin|went|jump|reduc|cut|chang|shrank"
             r"|shrunk|soar|plung|improv)\w*\s+from\s+\Z")


def _candidates(text: str, masked: str) -> list[Figure]:
    """Every reading in the text: the patterns read `masked` (the text with its masks, and ſ ı İ K as s i i k),
    and each figure's words are the text's own, at the same offsets."""
    found: list[Figure] = []
    # The text is first searched, in lower case, for a word each pattern needs (masked holds no ſ ı İ K).
    lower = masked.lower()

    # The patterns that open with a qualifier and a number are tried only where a number stands, at the
    # few places a reading of it can start (the number, its currency sign, a qualifier or "between" before
    # it), not at every position of the text: most of a text holds no number at all.
    starts: list[int] = []
    numbers = _NUMBER_START if _ANY_NUMBER_WORD.search(lower) else _NUMBER_START_NO_WORDS
    for n in numbers.finditer(masked):
        starts.append(n.start())
        before = _BEFORE.search(masked, max(0, n.start() - 40), n.start())
        if before:
            starts.extend(before.start(g) for g in ("q", "sym", "btw", "cur") if before.start(g) >= 0)
    starts = sorted(set(starts))

    def scan(pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        loose, needs, number_led = _SCAN[id(pattern)]
        if number_led and not starts:
            return ()
        if (loose is not None and not loose.search(lower)) or not needs.search(lower):
            return ()
        if number_led:
            return (m for m in (pattern.match(masked, at) for at in starts) if m)
        return pattern.finditer(masked)

    def add(kind: str, unit: str, m: re.Match[str], scale: float = 1.0, end: int | None = None) -> None:
        groups = m.groupdict()
        if groups.get("hi") and not groups.get("q") and not groups.get("btw") and _CHANGE.search(
                masked, max(0, m.start() - 40), m.start()):
            # "increased from 24 to 30%": two values, before and after, not a range
            first, second = _number(m.group("lo")) * scale, _number(m.group("hi")) * scale
            found.append(Figure(kind, first, first, unit, text[m.start("lo"):m.end("lo")], m.start("lo"), m.end("lo"),
                                per=_per(m)))
            found.append(Figure(kind, second, second, unit, text[m.start("hi"):m.end()], m.start("hi"), m.end(),
                                per=_per(m)))
            return
        lo, hi, start, bound = _ranged(m, text, scale)
        stop = m.end() if end is None else end
        said = text[start:stop].rstrip()
        found.append(Figure(kind, lo, hi, unit, said, start, start + len(said), per=_per(m), bound=bound))

    for m in scan(_PERCENT):
        add("percent", "%", m)
    for pattern in (_SHARE, _ONE_IN):
        for m in scan(pattern):
            if pattern is _SHARE:
                frac = m.group("frac").lower()
                count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get((m.group("n") or "a").lower(), 1)
                value = 50.0 if frac == "half" else _FRACTIONS[frac.rstrip("s")] * count
                q = re.sub(r"\s+", " ", (m.group("q") or "").lower())
                bound = "about" if q in ("about", "around", "roughly", "nearly", "almost") else q
                lo, hi = (value, math.inf) if q in ("more than", "over") else (0.0, value) if q in (
                    "less than", "under") else (value, value)
            else:
                value = 100.0 / _number(m.group("n"))
                lo, hi, bound = value, value, ""
            said = text[m.start("fig"):m.end("fig")]
            fig = said.strip()
            start = m.start("fig") + (len(said) - len(said.lstrip()))
            found.append(Figure("percent", lo, hi, "%", fig, start, start + len(fig), bound=bound))
    for m in scan(_DOSE):
        add("dose", _dose_unit(m.group("unit")), m)
    for m in scan(_DURATION):
        if m.group("lo").lower() in ("a", "an") and not m.group("q"):
            if not _DURATION_A_OK.search(masked[: m.start("lo")]):
                continue
        if m.group("unit").lower() == "h" and not re.match(r"\d", m.group("lo")):
            continue
        unit, scale = _time_unit(m.group("unit"))
        add("duration", unit, m, scale)
        late = None if found[-1].per else _LATE_PER.match(masked, m.end())
        if late:  # "150 minutes of moderate exercise every week": the period after what is timed
            period = (late.group("p") or late.group("p2")).lower()
            found[-1] = dataclasses.replace(found[-1], per=_PER_NAME.get(period, period))
    for m in scan(_HALF):
        unit, scale = _time_unit(m.group("unit"))
        q = (m.group("q") or "").lower()
        lo, bound = (0.0, q) if q in ("within", "up to") else (0.5 * scale, "about" if q in (
            "about", "around", "nearly", "almost") else "")
        start = m.start("q") if q and q != "for" else m.start("half")
        found.append(Figure("duration", lo, 0.5 * scale, unit, text[start:m.end()], start, m.end(), bound=bound))
    for pattern in _FREQUENCY:
        for m in scan(pattern):
            if not m.groupdict().get("per"):
                continue
            # "Two days" alone is a duration; without "times" only once/twice/thrice count as frequencies.
            said = m.group()
            if pattern is _FREQUENCY[0] and not re.search(r"times|\dx|x\s*/|\bx\b", said, re.I) and not (
                    _ONCE_PATTERN.match(m.group("lo"))):
                continue
            per = m.group("per").lower()
            if per == "hour":
                continue
            add("frequency", "times", m)
    for m in scan(_EVERY):
        per = m.group("per").lower()
        value = 0.5 if m.group("other") else 1.0 / _number(m.group("n"))
        found.append(Figure("frequency", value, value, "times", text[m.start():m.end()], m.start(), m.end(),
                            per=_PER_NAME.get(per, per)))
    for m in scan(_SESSIONS):
        add("sessions", "sessions", m)
    for m in scan(_COUNT):
        noun = m.group("unit").lower()
        unit = next(name for name, alts in _COUNT_NOUNS.items() if re.fullmatch(alts, noun))
        add("count", unit, m)
    for m in scan(_TIMES):
        if m.group("twice"):
            found.append(Figure("multiple", 2.0, 2.0, "times", text[m.start("twice"):m.end("twice")], m.start(),
                                m.end()))
        else:
            add("multiple", "times", m)
    for pattern in _PRICES:
        for m in scan(pattern):
            unit = _CURRENCY[re.sub(r"\s+", " ", m.group("cur").lower())]
            if not m.group("q") and not m.group("sym") and not m.group("btw") and m.start("cur") < m.start("lo"):
                lo, hi, _, bound = _ranged(m, text)
                found.append(Figure("price", lo, hi, unit, text[m.start("cur"):m.end()], m.start("cur"), m.end(),
                                    per=_per(m), bound=bound))
                continue
            add("price", unit, m)
    for m in scan(_MASS):
        add("mass", _mass_unit(m.group("unit")), m)
    for m in scan(_ENERGY):
        unit = "kJ" if m.group("unit").lower().startswith(("kj", "kilojoule")) else "kcal"
        add("energy", unit, m)
    for pattern in _AGE:
        for m in scan(pattern):
            add("age", "years", m, end=m.end())

    def fixed(kind: str, low: float, high: float, unit: str, start: int, end: int) -> None:
        found.append(Figure(kind, low, high, unit, text[start:end], start, end))

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
