"""The patterns that find figures: ranges, qualifiers and periods, the masks, and one pattern per kind of figure."""

from __future__ import annotations

import re

from .numerals import _NUM, _ONCE, _UNITS, _WORD_NUM, _alt

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
# What each mask cannot match without, in the lower-cased text: most texts hold none, and `in` says so at once.
_MASK_NEEDS = [("http", "www."), ("9-to-5", "24/7", "24x7"), ("%",), ("min",), ("ago",), ("kg",)]


def _masked(text: str) -> str:
    """The text (as case_blind() reads it, before lower-casing) with every mask's match made NUL, which is neither
    a word character nor white space, so no pattern can match across a mask."""
    lower = text.lower()
    for mask, needs in zip(_MASKS, _MASK_NEEDS, strict=True):
        if any(need in lower for need in needs):
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
           r"\b(?P<half>half)\s+an?\s+(?P<unit>hour|day|week|month|year|decade|century)\b")

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
