"""What a figure measures, read from cue words near it in its sentence: ``MEASURES``, ``measure_kind``."""

from __future__ import annotations

import math
import re

# --- what a figure measures ----------------------------------------------------------------------
#
# (kind, cue pattern, measure, penalty). The cue nearest the figure in its sentence names its measure;
# the penalty (in characters of distance) lets a specific cue beat a vague one that stands closer:
# "sustained improvement through 28 days" is how long relief lasts, not how fast it comes.

_CUES: list[tuple[str, str, str, int]] = [
    # rates
    ("percent", r"remission|remit", "remission rate", 0),
    ("percent", r"fail\w*\s+to\s+respond|(?:do|does|did)\s+not\s+respond|inadequate\s+relief|non-?respon",
     "treatment resistance", 0),
    ("percent", r"respon(?:d|ds|ded|se|ders?)\b", "response rate", 0),
    ("percent", r"success", "success rate", 0),
    ("percent", r"relapse", "relapse rate", 0),
    ("percent", r"drop(?:ped)?[- ]?out|dropout", "dropout rate", 0),
    ("percent", r"cover(?:s|ed|ing|age)?\b|insurance", "insurance coverage", 0),
    ("percent", r"body\s+weight|weight\s+loss|weight|los(?:e|s|t|ing)\b|body\s+fat|fat\s+mass", "weight change", 5),
    ("percent", r"energy\s+(?:intake|needs)|calori", "energy intake", 0),
    ("percent", r"interest|APR|APY|yield", "interest rate", 0),
    ("percent", r"\bmatch", "employer match", 0),
    ("percent", r"returns?\b", "rate of return", 0),
    ("percent", r"\btax", "tax rate", 5),
    ("percent", r"inflation", "inflation rate", 0),
    ("percent", r"\bsav(?:e|es|ed|ing|ings)\b|\bput\s+away", "savings rate", 5),
    ("percent", r"\brisk\b|mortality|death", "risk change", 0),
    ("percent", r"insulin|blood\s+pressure|cholesterol|triglycer|\bCRP\b|leptin|adiponectin|glucose",
     "biomarker change", 5),
    ("percent", r"adheren|complet|retention", "completion rate", 0),
    # durations
    ("duration", r"sessions?\W+(?:\w+\W+){0,2}last|session\s+length|appointments?\s+last", "session length", 0),
    ("duration", r"psychoactive|dissociat|hallucinat|acute\s+effects|side\s+effects|\bfade|wears?\s+off|resolve"
     r"|intoxicat", "duration of acute effects", 0),
    ("duration", r"monitor|observ|\brest\b|discharge|post-dose", "observation period", 0),
    ("duration", r"video\s+call|consult|phone\s+call", "consultation length", 0),
    ("duration", r"fasting\s+(?:window|period)|\bfast(?:s|ing|ed)?\b", "fasting window", 0),
    ("duration", r"eating\s+(?:window|period)|time\s+frame|\beat(?:s|ing)?\b|feeding|food\s+intake|consume|window",
     "eating window", 3),
    ("duration", r"\bsleep", "sleep time", 0),
    ("duration", r"exercise|activity|aerobic|workouts?|walk(?:ing)?|training|physical|cardio|running|jog",
     "exercise time", 0),
    ("duration", r"emergency|expenses|living\s+costs|rainy", "emergency fund size", 0),
    ("duration", r"sustain|through|persist|durab|\blast(?:s|ed|ing)?\b|maintain", "duration of effect", 0),
    ("duration", r"onset|as\s+early\s+as|kicks?\s+in|to\s+work|take\s+\w+\s+to|relief\s+appears|before\s+\w+"
     r"\s+\w*\s*relief|mood\s+lifts|diminish", "time to onset", 0),
    ("duration", r"protocol|course|series|regimen|treatments?|infusions?", "course length", 10),
    ("duration", r"infusion|session|intravenously|delivered|administered|given", "session length", 10),
    ("duration", r"relief|improv|feel", "time to onset", 3),
    ("duration", r"study|trial|random|follow-up|intervention|phase", "study length", 20),
    ("duration", r"developed|approved|on\s+the\s+market|research|history|anesthetic|since|\bused\b",
     "time in use", 20),
    # counts and sessions
    ("sessions", r"\w+", "number of sessions", 1000),
    ("count", r"study|trial|included|enrol|recruit|random|assigned|surveyed|sample|involv", "sample size", 0),
    ("count", r"meal|snack|eat", "meals", 0),
    ("count", r"\bsteps", "daily steps", 0),
    ("count", r"repetition|\breps\b|\bsets\b", "repetitions", 0),
    # frequencies
    ("frequency", r"strength|muscle|resistance|weights|lifting", "strength training frequency", 0),
    ("frequency", r"exercise|activity|aerobic|workout|training|cardio|run", "exercise frequency", 15),
    ("frequency", r"treatment|infusion|session|booster|dose|spray|injection", "treatment frequency", 0),
    ("frequency", r"\bfast", "fasting frequency", 0),
    ("frequency", r"meal|\beat|snack", "meal frequency", 0),
    ("frequency", r"weigh|check", "check frequency", 0),
    # money
    ("price", r"sessions?|infusions?|treatments?|visits?|per\s+dose", "price per session", 0),
    ("price", r"salary|income|earn|pay\b|paid", "income", 0),
    ("price", r"emergency|rainy", "emergency fund", 0),
    ("price", r"allowance|limit|subscription|max\b", "allowance", 0),
    ("price", r"\bsav(?:e|es|ed|ing|ings)\b|\bput\s+away|invest", "savings", 5),
    ("price", r"expens|expenditure|spend|spent|cost|bill|maintenance", "spending", 5),
    ("price", r"debt|loan|owe|credit\s+card", "debt", 0),
    # doses, energy, mass
    ("dose", r"upper\s+limit|\bUL\b|maximum|safe\s+upper", "upper limit", 0),
    ("dose", r"\w+", "dose", 1000),
    ("energy", r"fast(?:ing)?\s+days?|on\s+the\s+other|fasting|every\s+other\s+day|\bfast\b", "fast-day intake", 0),
    ("energy", r"reduc|deficit|\bcut\b", "energy reduction", 0),
    ("energy", r"\bmeal|snack|breakfast|lunch|dinner", "meal size", 0),
    ("energy", r"burn", "energy burned", 0),
    ("energy", r"\bmen\b|women|recommend|intake|\beat|consum|tak(?:e|ing)\s+in", "daily intake", 5),
    ("mass", r"lost|lose|loss|decreas|dropp?|reduc|fat\s+mass|body\s+fat", "weight loss", 0),
    ("mass", r"gain|put\s+on", "weight gain", 0),
    ("mass", r"protein", "protein intake", 0),
    ("mass", r"fiber|fibre|sugar|fat\b|carb", "nutrient intake", 0),
    ("multiple", r"potent|strong", "potency", 0),
    ("multiple", r"likely|risk|odds|chance", "relative risk", 0),
    ("multiple", r"faster|quick", "speed", 0),
    ("age", r"\w+", "age", 1000),
]
# The cues compiled, by kind of figure, each with its place in the table (which breaks ties): a figure tries
# only its kind's cues.
# Each kind's cues in lower case, matching case-sensitively on case_blind() text: twice as fast as ignoring case,
# and the same (tests/test_figures.py compares them). ASCII capitals outside escapes are lowered (\W is not \w);
# that equals ignoring case only for cues of ASCII text without inline flags or character codes, which the
# assertion keeps true.
_CUES_BY_KIND: dict[str, list[tuple[int, re.Pattern[str], str, int]]] = {}
for _order, (_cue_kind, _cue, _cue_measure, _cue_penalty) in enumerate(_CUES):
    assert _cue.isascii() and "(?-i" not in _cue and "\\x" not in _cue, f"a cue lower case cannot read: {_cue}"
    _lower_cue = re.sub(r"(\\.)|([A-Z])", lambda m: m.group(1) or m.group(2).lower(), _cue)
    _CUES_BY_KIND.setdefault(_cue_kind, []).append((_order, re.compile(_lower_cue), _cue_measure, _cue_penalty))

MEASURES: dict[str, str] = {}
"""Each measure the cue table can read, and the kind of figure it belongs to."""
for _kind, _pattern, _measure, _penalty in _CUES:
    MEASURES.setdefault(_measure, _kind)


def measure_kind(measure: str) -> str:
    """The kind of figure a measure belongs to, or "" for a measure the cue table does not know."""
    return MEASURES.get(measure.strip().lower(), "")


# How long, in hours, a duration of each measure can plausibly be: "two to three weeks" near the word
# "infusions" is a course, not the length of one infusion.
_PLAUSIBLE_HOURS = {
    "session length": (0, 24), "observation period": (0, 48), "consultation length": (0, 8),
    "duration of acute effects": (0, 72), "fasting window": (1, 24 * 7), "eating window": (1, 24),
    "sleep time": (1, 24), "course length": (24, math.inf), "study length": (24, math.inf),
    "time in use": (24 * 365, math.inf), "emergency fund size": (24 * 28, math.inf),
}
_HOURS = {"seconds": 1 / 3600, "minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168, "months": 730,
          "years": 8766}

_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n|\u2029")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        # A decimal point or an abbreviation is no sentence end; a full stop before a space is.
        lo = m.end()
    after = _SENTENCE_END.search(text, end)
    return lo, after.start() if after else len(text)


def _read_measure(kind: str, unit: str, low: float, high: float, text: str, start: int, end: int) -> str:
    """The measure of the figure at [start, end) of the text (as case_blind() gives it), from the cue nearest it
    in its sentence."""
    lo, hi = _sentence(text, start, end)
    best: tuple[float, int, str] | None = None
    for order, pattern, measure, penalty in _CUES_BY_KIND.get(kind, ()):
        if kind == "duration" and measure in _PLAUSIBLE_HOURS:
            a, b = _PLAUSIBLE_HOURS[measure]
            k = _HOURS.get(unit, 1)
            value = (high if not math.isinf(high) else low) * k
            if not (a <= value <= b):
                continue
        for m in pattern.finditer(text, lo, hi):
            if m.end() <= start:
                distance = start - m.end()
            elif m.start() >= end:
                distance = m.start() - end
            else:
                distance = 0
            score = (distance + penalty, order, measure)
            if best is None or score[:2] < best[:2]:
                best = score
    return best[2] if best else ""
