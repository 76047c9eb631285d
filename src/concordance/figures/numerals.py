"""Numbers as articles write them, found and read: digits ("1,000", "2 1/2", "1½") and words ("forty-two")."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
