"""Stance hints for a suggested claim: cues, not judgements (a differing figure, a negation, a hedge)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..figures import Figure, read_figures
from ..model import Claim
from ..numbers import COMPARED, common

# --- stance cues -----------------------------------------------------------------------------------

# Cues measured on the default corpus (bench/suggest.py, BENCHMARKS.md): a negation the claim's words lack
# was right 1 time in 20, so it only flags a sentence ("unsure"); these hedges were right about 1 in 3
# (qualifies is 1 in 7 of all positions); "but", "may", "often", "while" fire on supporting sentences as
# often as not and are left out.
_NEGATION = re.compile(r"\b(?:not|never|cannot|can't|isn't|aren't|doesn't|don't|didn't|won't|no evidence|myths?|"
                       r"false)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:however|although|not all|not everyone|more research|further research|unclear|uncertain|"
                    r"remains? to be seen|varies|vary|variable|depends|far from|not guaranteed|limited)\b",
                    re.IGNORECASE)


NO_CUE = "no differing figure, negation or hedge"


@dataclass
class Hint:
    stance: str  # supports | contradicts | qualifies | unsure
    cue: str  # what the hint rests on, for a person to check


def _norm_apos(text: str) -> str:
    return text.replace("\u2019", "'")


def _differing_figure(sentence: str, claim_figures: list[Figure]) -> str | None:
    """As the build compares positions (numbers.py): like with like only (one kind, one measure, one unit and
    period), none of the sentence's figures overlaps any of the claim's. A figure whose measure is unknown is
    never a cue: a session's length is no course's length."""
    Key = tuple[str, str, str, str]
    theirs: dict[Key, list[tuple[Figure, float, float]]] = defaultdict(list)
    for g in claim_figures:
        if g.kind in COMPARED and g.measure:
            unit, low, high = common(g)
            theirs[(g.kind, g.measure, unit, g.per)].append((g, low, high))
    mine: dict[Key, list[tuple[Figure, float, float]]] = defaultdict(list)
    for f in read_figures(sentence):
        if f.kind in COMPARED and f.measure:
            unit, low, high = common(f)
            mine[(f.kind, f.measure, unit, f.per)].append((f, low, high))
    for key, rows in mine.items():
        if key in theirs and all(hi < lo2 or hi2 < lo for _, lo, hi in rows for _, lo2, hi2 in theirs[key]):
            return f"figure “{rows[0][0].text}” against the claim's “{theirs[key][0][0].text}”"
    return None


def stance_hint(sentence: str, claim: Claim, skip_source: str | None = None) -> Hint:
    """Cues, strongest first: a figure unlike the claim's (contradicts); a negation neither the statement nor
    any supporting quote has (unsure: polarity may differ); a hedge (qualifies); else supports."""
    theirs = [claim.statement, *(p.quote for p in claim.positions if p.source != skip_source and
                                 p.stance == "supports")]
    figures = [g for text in theirs for g in read_figures(text)]
    differs = _differing_figure(sentence, figures)
    if differs:
        return Hint("contradicts", differs)
    neg = _NEGATION.search(_norm_apos(sentence))
    if neg and not any(_NEGATION.search(_norm_apos(t)) for t in theirs):
        return Hint("unsure", f"negation “{neg.group()}” that the claim's words lack")
    hedge = _HEDGE.search(_norm_apos(sentence))
    if hedge:
        return Hint("qualifies", f"hedge “{hedge.group()}”")
    return Hint("supports", NO_CUE)
