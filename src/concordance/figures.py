"""Read figures (numbers with their units, and what they measure) out of article text.

Claims are compared figure by figure: "50–70%" in one article against "70%" in another, "four to six
weeks" against "28 days". This module only *reads* figures; numbers.py judges whether two agree.

Design choices, so that comparisons stay honest:

* A bare number is never a figure. Only a number with a unit ("%", "mg/kg", "weeks", "$", "kcal",
  "times a week", "participants", ...) or a calendar year in a sentence about an event counts, so page
  ranges, phone numbers, citations and list markers fall out without a long list of exceptions.
* The few things that would still parse as figures (URL slugs, "9-to-5", "24/7", "95% CI", "kg/m2")
  are masked before matching. Masking keeps every character offset, so ``start``/``end`` index the input.
* Open bounds use ``math.inf``: "at least 30%" is (30, inf); "up to two hours" and "within an hour" are
  upper bounds, (0, 2) and (0, 1).
* Each figure says what it measures ("remission rate", "time to onset", ...) when a cue word near it in
  its sentence tells: see ``MEASURES``. A figure no cue explains has an empty measure, and numbers.py
  never compares it, since a number whose meaning is unknown cannot be shown to agree or disagree.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["MEASURES", "Figure", "measure_kind", "read_figures"]


@dataclass(frozen=True)
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
_ONCE = {"once": 1, "twice": 2, "thrice": 3}


def _alt(words: Iterable[str]) -> str:
    # Longest first, so that "seventeen" is not read as "seven" followed by junk.
    return "|".join(sorted(words, key=len, reverse=True))


_WORD_NUM = (
    rf"\b(?:(?:{_alt(_TENS)})(?:-(?:{_alt(_UNITS)}))?|{_alt(_UNITS)}|(?:a|one)\s+hundred|a\s+dozen"
    r"|a\s+couple(?:\s+of)?)\b"
)
# The look-behind stops a match from starting inside "0.5", "1,000", "PMC9010394" or "s41386".
# "2 1/2" and "1½" are two and a half and one and a half.
_DIGITS = (r"(?<![\w.,/:])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d:])"
           r"(?:\s+[1-3]/[2-4](?![\d/])|\s*[\u00bd\u00bc\u00be])?"  # "2 1/2", "1½"
           r"(?:\s*\u00b1\s*\d+(?:\.\d+)?)?"  # "5.2 ± 0.9 kg": the spread belongs to the mean
           r"(?:\s+(?:million|billion)\b)?")
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"

# Range separators: hyphen, non-breaking hyphen, en dash, em dash, "to", and "and" only after
# "between" (a regex conditional on the "btw" group: "30 and 50 percent" alone is not a range).
_SEP = (r"(?:\s*[-\u2011\u2013\u2014]\s*|\s+to\s+|-to-"
        r"|\s+or\s+(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b))")  # "5 or 6 hours"
_QUALIFIERS = (
    r"up\s+to|at\s+least|at\s+most|no\s+more\s+than|not\s+more\s+than|no\s+less\s+than|more\s+than"
    r"|greater\s+than|less\s+than|fewer\s+than|as\s+many\s+as|as\s+much\s+as|upwards\s+of"
    r"|a\s+minimum\s+of|a\s+maximum\s+of|within|over|under|below|above|about|around|roughly"
    r"|approximately|approx\.|nearly|almost|an\s+estimated|estimated|not\s+exceed|no\s+higher\s+than"
)
# Every reading starts where no word character stands before it: the engine then gives up at once inside
# words, which is most positions of a text (this alone makes the reader several times faster).
_PREFIX = (
    rf"(?<![\w])(?:(?:(?P<q>{_QUALIFIERS})\s+|(?P<sym>[~\u223c\u2248\u2265\u2264<>])\s*))?"
    r"(?P<btw>between\s+)?"
)
_RANGE_SEP = rf"(?(btw)(?:\s+and\s+|{_SEP})|{_SEP})"
_SUFFIX = r"(?:\s*(?P<plus>\+)|\s+or\s+(?P<more>more|longer|greater|above|over)|\s+or\s+(?P<less>less|fewer|under))?"
# A rate's period: "$1,250/month", "2000 IU/d", "30 minutes a day", "150 minutes per week", "weekly".
_PER = (
    r"(?:\s*/\s*(?P<p1>day|d|week|wk|month|mo|year|yr)\b"
    r"|\s+(?:a|an|per|each|every)\s+(?P<p2>day|week|month|year|night)\b"
    r"|\s+(?P<p3>daily|weekly|monthly|annually|yearly|nightly)\b)?"
)
_PER_NAME = {"d": "day", "wk": "week", "mo": "month", "yr": "year", "night": "day", "daily": "day",
             "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year", "nightly": "day"}

_AT_LEAST = {"at least", "more than", "greater than", "no less than", "upwards of", "a minimum of", "above",
             ">", "\u2265"}
_AT_MOST = {"up to", "at most", "no more than", "not more than", "less than", "fewer than", "under", "below",
            "as many as", "as much as", "a maximum of", "within", "not exceed", "no higher than", "<", "\u2264"}
_ABOUT = {"~": "about", "\u223c": "about", "\u2248": "about"}

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
    _c(r"\b9-to-5\b|\b24/7\b|\b24x7\b"),  # idioms: "a 9-to-5 day" is not a range of 9 to 5 days
    _c(r"\b\d+(?:\.\d+)?\s*%\s*(?:CI|confidence\s+intervals?|credible\s+intervals?)\b"),  # a statistic's level
    _c(r"\b\d+(?:\.\d+)?\s*(?:min|minutes?)\s+(?:read|listen|watch)\b"),  # page furniture: "3 min read"
    _c(r"\b(?:updated|posted|published|edited)\s+(?:on\s+)?\d+\s*[a-z]+\s+ago\b"),  # "Updated 2 hours ago"
    _c(r"\bkg\s*/\s*m(?:2|\u00b2|\^2)"),  # BMI's unit, not a mass
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
# "half of", "a third of the participants", "two-thirds of", "one in five": shares of a whole.
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0}
_SHARE = _c(
    r"(?<![\w-])(?P<fig>(?:(?P<q>about|around|roughly|nearly|almost|more\s+than|less\s+than|over|under)\s+)?"
    r"(?:(?P<n>a|one|two|three|four)[\s-]+)?(?P<frac>half|thirds?|quarters?|fifths?))"
    r"(?=\s+(?:of\s+)?(?:the\s+|all\s+|those\s+|these\s+|their\s+|our\s+)?"
    r"(?:participants|people|patients|adults|subjects|respondents|users|americans|women|men|children|households"
    r"|workers|employees|dieters|homeowners|them|us|you|those|everyone|cases|trials|studies)\b)"
)
_ONE_IN = _c(rf"(?<![\w-])(?P<fig>(?:about|around|roughly|nearly|almost)?\s*\b(?:one|1)\s+(?:in|out\s+of)\s+"
             rf"(?P<n>{_NUM}))\b"
             r"(?=\s+(?:of\s+)?(?:the\s+)?(?:participants|people|patients|adults|americans|women|men|children"
             r"|users|workers|households|respondents|cases)\b)")

_DOSE_UNIT = (
    r"mg\s*/\s*kg|mg\s+per\s+kg|milligrams?\s+per\s+kilo(?:gram)?s?"
    r"|(?:mcg|[\u00b5\u03bc]g)\s*/\s*kg|micrograms?\s+per\s+kilo(?:gram)?s?"
    r"|mg|milligrams?|mcg|[\u00b5\u03bc]g|micrograms?|IU|international\s+units"
)
_DOSE = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:\s*(?:{_DOSE_UNIT}))?(?:{_RANGE_SEP}(?P<hi>{_NUM}))?"
    rf"[\s-]*(?P<unit>{_DOSE_UNIT})\b{_PER}"
)

_TIME_UNIT = (r"seconds?|secs?|minutes?|mins?|hours?|hrs?|(?<=\d)h|(?<=\d-)h|days?|nights?|weeks?|wks?|months?|mos?"
              r"|years?|yrs?|decades?|centur(?:y|ies)")
# "a"/"an" is one only as a duration after a word that asks how long ("within an hour", "for a month").
_DURATION = _c(
    rf"{_PREFIX}(?P<lo>{_NUM}|(?<![\w])an?(?=\s))(?:{_RANGE_SEP}(?P<hi>{_NUM}))?[\s\u2011-]+(?P<unit>{_TIME_UNIT})\b"
    rf"(?:-long)?{_SUFFIX}{_PER}(?:\s+or\s+(?P<more2>more|longer))?"
)
_LATE_PER = _c(rf"(?:\s+of(?:\s+(?!(?:{_alt(_UNITS)}|or|and)\b)[a-z-]+,?){{1,6}}?)\s+"
               r"(?:(?:a|per|each|every)\s+(?P<p>day|week|month|night)|(?P<p2>daily|weekly))\b")
_DURATION_A_OK = _c(r"(?:\b(?:for|after|than|past|last|first|next|within|about|around|nearly|almost|under|over|"
                    r"up\s+to|least|most|than)\s+)$")
_HALF = _c(r"(?:(?<![\w])(?P<q>within|about|around|nearly|almost|for|up\s+to)\s+)?"
           r"\bhalf\s+an?\s+(?P<unit>hour|day|week|month|year|decade|century)\b")

_PERIOD = r"(?:day|week|month|year|hour|night)"
_FREQ_NUM = rf"(?:{_NUM}|{_alt(_ONCE)})"
_FREQUENCY = [
    # "three times a week", "once or twice a week", "3x/day", "twice daily", "2-3 times per week"
    _c(rf"{_PREFIX}(?P<lo>{_FREQ_NUM})(?:(?:\s+or\s+|{_RANGE_SEP})(?P<hi>{_FREQ_NUM}))?"
       rf"(?:\s+times|\s*x)?(?:\s+(?:a|an|per|each|every)\s+|\s*/\s*)(?P<per>{_PERIOD}|d|wk)\b"),
    _c(rf"{_PREFIX}(?P<lo>{_FREQ_NUM})(?:(?:\s+or\s+|{_RANGE_SEP})(?P<hi>{_FREQ_NUM}))?(?:\s+times|\s*x)?\s+"
       r"(?P<per>daily|weekly|monthly|yearly|annually|nightly)\b"),
    # "five days a week", "on at least 2 days per week", "5 days/week", "three nights a week"
    _c(rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s+(?:days?|nights?|mornings?|evenings?)"
       r"(?:\s+(?:a|per|each|every|of\s+the)\s+|\s*/\s*)(?P<per>week|wk)\b"),
]
_ONCE_PATTERN = _c(rf"\b(?:{_alt(_ONCE)})\b")
_EVERY = _c(rf"\bevery\s+(?:(?P<other>other)|(?P<n>{_NUM}))\s+(?P<per>{_PERIOD})s?\b")

# One optional word may sit between the number and the noun ("six iron infusions"), but not a
# function word or a unit: "$750 a session" is a price and "a 50 mg dose" a dose, not 750 or 50 sessions.
_NOT_BETWEEN = (rf"(?!(?:a|an|the|per|of|or|and|to|more|than|percent|in|times|{_TIME_UNIT}|mcg|ml|milligrams?"
                r"|micrograms?|mg|kg|lbs?|iu|calories?|kcals?|kj|grams?|pounds?|dollars?|euros?)\b)")
_SESSIONS = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s+"
    rf"(?:{_NOT_BETWEEN}[a-z]+\s+)?"
    rf"(?P<unit>sessions?|infusions?|treatments?|injections?|doses?|visits?|appointments?){_SUFFIX}\b{_PER}"
)
_COUNT_NOUNS = {
    "people": r"participants|people|patients|adults|subjects|volunteers|individuals|respondents|men|women"
              r"|children|americans|persons",
    "meals": r"meals?|snacks?", "steps": r"steps", "repetitions": r"repetitions|reps",
    "sets": r"sets", "servings": r"servings?", "cups": r"cups?|glasses", "drinks": r"drinks",
}
_COUNT = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s+"
    rf"(?:{_NOT_BETWEEN}(?!{_WORD_NUM})[a-z/-]+\s+){{0,3}}"
    rf"(?P<unit>{'|'.join(_COUNT_NOUNS.values())})\b{_SUFFIX}{_PER}"
)

# A multiplier only when it compares ("two to five times more potent"), not "three times a week".
_TIMES = _c(
    rf"{_PREFIX}(?P<lo>{_NUM}|{_alt(_ONCE)})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?(?:\s+times\b|-fold\b)"
    r"(?=\s+(?:more|less|greater|higher|lower|as|the|faster|slower|stronger|likelier|likely)\b)"
    rf"|(?P<twice>\btwice)(?=\s+as\b)"
)

_MONEY = (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
          r"(?:\s*(?P<GROUPs>k\b|thousand\b|m\b|million\b|bn\b|billion\b))?")
_CURRENCY = {"$": "USD", "us$": "USD", "\u00a3": "GBP", "\u20ac": "EUR", "dollars": "USD", "usd": "USD",
             "gbp": "GBP", "pounds sterling": "GBP", "euros": "EUR", "eur": "EUR"}
_PRICES = [
    _c(rf"{_PREFIX}(?P<cur>US\$|\$|\u00a3|\u20ac)\s?(?P<lo>{_MONEY.replace('GROUP', 'lo')})"
       rf"(?:{_RANGE_SEP}(?:US\$|\$|\u00a3|\u20ac)?\s?(?P<hi>{_MONEY.replace('GROUP', 'hi')}))?{_PER}"),
    _c(rf"{_PREFIX}(?P<lo>{_MONEY.replace('GROUP', 'lo')})(?:{_RANGE_SEP}(?P<hi>{_MONEY.replace('GROUP', 'hi')}))?\s*"
       rf"(?P<cur>dollars|USD|GBP|EUR|euros|pounds\s+sterling)\b{_PER}"),
]

_MASS_UNIT = r"kg|kilograms?|kilos|lbs?|pounds?|(?-i:g)|grams?|oz|ounces?|stones?"
_MASS = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:\s*(?:{_MASS_UNIT}))?(?:{_RANGE_SEP}(?P<hi>{_NUM}))?[\s-]*(?P<unit>{_MASS_UNIT})\b"
    rf"(?!\s*/\s*(?:kg|m\b))(?!\s+(?:sterling|of\s+(?:vitamin|omega)))"
    rf"{_SUFFIX}{_PER}"
)
_ENERGY_UNIT = r"kcals?|kilocalories?|calories?|cals?|kj|kilojoules?"
_ENERGY = _c(
    rf"{_PREFIX}(?P<lo>{_NUM})(?:\s*(?:{_ENERGY_UNIT}))?(?:{_RANGE_SEP}(?P<hi>{_NUM}))?[\s-]*(?P<unit>{_ENERGY_UNIT})\b"
    rf"{_SUFFIX}{_PER}"
)
# Ages: "aged 18 to 64", "18 to 64 years of age", "a 65-year-old"; "under age 25".
_AGE = [
    _c(rf"(?:(?<![\w])(?P<q>under|over|below|above)\s+(?:the\s+)?)?\bage[sd]?\s+(?:of\s+)?"
       rf"(?P<lo>{_NUM})(?:{_SEP}(?P<hi>{_NUM}))?"
       r"(?:\s*(?:years?|y|yrs?)\b)?(?:\s+(?:and\s+(?:older|over)|or\s+(?P<more>older)))?"),
    _c(rf"(?P<lo>{_NUM})(?:{_SEP}(?P<hi>{_NUM}))?[\s-]+(?:years?|y|yrs?)(?:\s+of\s+age\b|[\s-]+old\b)"),
]

# Calendar years only where the text places an event in time ("in 2019", "a 2023 study", "January
# 2025", "the 1960s"); a year alone may be a page number, a count ("in 2000 patients") or a citation's.
_NOT_COUNT = r"(?!\s+(?:patients|people|participants|subjects|adults|cases|children|women|men)\b)"
_YEAR_EVENT = _c(
    r"\b(?:in|since|by|from|until|till|through|during|before|after|around|circa|c\.|as\s+of|(?:quarter|half|end|start"
    r"|beginning|spring|summer|fall|autumn|winter)\s+of)\s+"
    rf"(?P<fig>{_YEAR})\b(?![-\u2013/]\d){_NOT_COUNT}"
)
_YEAR_ADJ = _c(rf"\b(?:a|an|the|its|this|that)\s+(?P<fig>{_YEAR})(?=\s+[a-z]){_NOT_COUNT}")
_YEAR_MONTH = _c(rf"(?P<fig>\b(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?(?P<y>{_YEAR}))\b")
_DECADE = _c(r"(?P<fig>\b(?:(?P<part>early|mid|late)[\s-]+)?(?P<dec>1[89]\d0|20\d0)'?s)\b")


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
_CUE_PATTERNS = [(kind, _c(pattern), measure, penalty) for kind, pattern, measure, penalty in _CUES]

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
    lo, hi = _sentence(text, start, end)
    best: tuple[float, int, str] | None = None
    for order, (cue_kind, pattern, measure, penalty) in enumerate(_CUE_PATTERNS):
        if cue_kind != kind:
            continue
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


# --- conversion ----------------------------------------------------------------------------------


def _number(token: str) -> float:
    token = re.sub(r"\s+", " ", token.lower().split("\u00b1")[0].strip())
    if token in _ONCE:
        return float(_ONCE[token])
    if token[0].isdigit():
        extra = 0.0
        if token[-1] in "\u00bd\u00bc\u00be":
            extra = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}[token[-1]]
            token = token[:-1].strip()
        elif "/" in token:
            token, _, frac = token.rpartition(" ")
            num, _, den = frac.partition("/")
            extra = int(num) / int(den)
        token = token.replace(",", "")
        scale = 1.0
        for suffix, factor in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("k", 1e3),
                               ("m", 1e6)):
            if token.endswith(suffix):
                scale, token = factor, token[: -len(suffix)]
                break
        return (float(re.sub(r"[^\d.]", "", token)) + extra) * scale
    if token.endswith("hundred"):
        return 100.0
    if token.endswith("dozen"):
        return 12.0
    if token.startswith("a couple"):
        return 2.0
    if token in ("a", "an"):
        return 1.0
    tens, _, unit = token.partition("-")
    if tens in _TENS:
        return float(_TENS[tens] + _UNITS.get(unit, 0))
    return float(_UNITS[token])


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


# A word (or character) each pattern cannot match without, in lower case: a quick search spares the
# pattern itself.
_NEEDS = {pattern: re.compile(needs) for pattern, needs in [
    (_PERCENT, r"%|cent"), (_DOSE, r"mg|milligram|mcg|microgram|[\u00b5\u03bc]g|iu|international"),
    (_DURATION, r"sec|min|h|day|week|wk|mo|year|yr|decade|centur"),
    (_SESSIONS, r"session|infusion|treatment|injection|dose|visit|appointment"), (_TIMES, r"times|fold|twice"),
    (_PRICES[0], r"\$|\u00a3|\u20ac"), (_PRICES[1], r"dollar|usd|gbp|eur|sterling"), (_HALF, r"half"),
    (_YEAR_EVENT, r"1[89]\d\d|20\d\d"), (_YEAR_ADJ, r"1[89]\d\d|20\d\d"), (_YEAR_MONTH, r"1[89]\d\d|20\d\d"),
    (_DECADE, r"1[89]\d0|20\d0"), (_MASS, r"kg|kilo|lb|pound|g|oz|ounce|stone"),
    (_ENERGY, r"cal|kj|kilojoule"), (_SHARE, r"half|third|quarter|fifth"), (_ONE_IN, r" in | out of "),
    (_EVERY, r"every"), (_COUNT, "|".join(_COUNT_NOUNS.values())),
    *((p, r"times|once|twice|thrice|x|daily|weekly|monthly|yearly|annually|nightly|day|week") for p in _FREQUENCY),
    *((p, r"age|year|yr|\dy") for p in _AGE),
]}


_NUMBER_LED = {_PERCENT, _DOSE, _DURATION, *_FREQUENCY, _SESSIONS, _COUNT, _TIMES, *_PRICES, _MASS, _ENERGY,
               _AGE[1]}
_NUMBER_START = _c(
    rf"{_DIGITS}|{_WORD_NUM}|\b(?:{_alt(_ONCE)})\b"
    r"|(?<![\w])an?(?=\s+(?:hour|day|week|month|year|decade|centur|minute|second|min)s?\b)"
)
_BEFORE = _c(
    rf"(?:(?<![\w])(?P<q>{_QUALIFIERS})\s+|(?P<sym>[~\u223c\u2248\u2265\u2264<>])\s*)?(?P<btw>between\s+)?"
    r"(?P<cur>US\$|\$|\u00a3|\u20ac)?\s?\Z"
)


_CHANGE = _c(r"\b(?:increas|decreas|ris|rose|fell|fall|drop|grew|grow|climb|declin|went|jump|reduc|cut|chang|shrank"
             r"|shrunk|soar|plung|improv)\w*\s+from\s+\Z")


def _candidates(text: str, masked: str) -> list[Figure]:
    found: list[Figure] = []
    # ASCII text (nearly all) is first searched for a word each pattern needs; the rest try every pattern.
    lower = masked.lower() if masked.isascii() else None

    # The patterns that open with a qualifier and a number are tried only where a number stands, at the
    # few places a reading of it can start (the number, its currency sign, a qualifier or "between" before
    # it), not at every position of the text: most of a text holds no number at all.
    starts: list[int] = []
    for n in _NUMBER_START.finditer(masked):
        starts.append(n.start())
        before = _BEFORE.search(masked, max(0, n.start() - 40), n.start())
        if before:
            starts.extend(before.start(g) for g in ("q", "sym", "btw", "cur") if before.start(g) >= 0)
    starts = sorted(set(starts))

    def scan(pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        if pattern in _NUMBER_LED and not starts:
            return ()
        if lower is not None and not _NEEDS[pattern].search(lower):
            return ()
        if pattern in _NUMBER_LED:
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
            fig = m.group("fig").strip()
            start = m.start("fig") + (len(m.group("fig")) - len(m.group("fig").lstrip()))
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
        start = m.start("q") if q and q != "for" else masked.index("half", m.start())
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
        found.append(Figure("frequency", value, value, "times", m.group(), m.start(), m.end(),
                            per=_PER_NAME.get(per, per)))
    for m in scan(_SESSIONS):
        add("sessions", "sessions", m)
    for m in scan(_COUNT):
        noun = m.group("unit").lower()
        unit = next(name for name, alts in _COUNT_NOUNS.items() if re.fullmatch(alts, noun))
        add("count", unit, m)
    for m in scan(_TIMES):
        if m.group("twice"):
            found.append(Figure("multiple", 2.0, 2.0, "times", m.group("twice"), m.start(), m.end()))
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


# Every figure holds a digit, a number word or a fraction word: one quick search spares the patterns
# above for the many quotes that hold none.
_WORDS_OF_NUMBERS = ["hundred", "half", "dozen", "couple", "third", "thirds", "quarter", "fifth", "every"]
_MAY_HOLD_A_FIGURE = _c(
    rf"\d|[\u00bd\u00bc\u00be]|\b(?:{_alt([*_UNITS, *_TENS, *_ONCE, *_WORDS_OF_NUMBERS])})\b"
    r"|\ban?\s+(?:hour|day|week|month|year|decade|century|minute)")


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
    if not _MAY_HOLD_A_FIGURE.search(text):
        return ()
    masked = _masked(text)
    candidates = sorted(_candidates(text, masked),
                        key=lambda f: (f.start, -(f.end - f.start), _PRIORITY.get(f.kind, 9)))
    figures: list[Figure] = []
    end = -1
    for figure in candidates:
        if figure.start >= end:
            figures.append(figure)
            end = figure.end
    figures = _with_list_items(figures, masked, text)
    return tuple(
        Figure(f.kind, f.low, f.high, f.unit, f.text, f.start, f.end,
               _read_measure(f.kind, f.unit, f.low, f.high, text, f.start, f.end), _shared_per(f, figures, text),
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
