"""Read figures (numbers with their units, and what they measure) out of article text.

Claims are compared figure by figure: "50–70%" in one article against "70%" in another, "four to six
weeks" against "28 days". This package only *reads* figures; numbers.py judges whether two agree.

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

# Where each part lives (each module's docstring says more):
#   figure.py       Figure, what one figure found in a text is
#   numerals.py     numbers in digits and in words, found and read
#   patterns.py     ranges, qualifiers and periods; the masks; one pattern per kind of figure
#   measures.py     what a figure measures, from cue words (MEASURES, measure_kind)
#   conversion.py   from a match to values: units, bounds, periods
#   candidates.py   every reading of every pattern in a text
#   reader.py       read_figures: the readings kept, list items, shared periods, measures

from __future__ import annotations

from .figure import Figure
from .measures import MEASURES, measure_kind
from .reader import read_figures

__all__ = ["MEASURES", "Figure", "measure_kind", "read_figures"]
