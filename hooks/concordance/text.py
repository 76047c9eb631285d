"""Text utilities: the normalisation quotes are matched under, slugs, sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Quotes are matched after folding case, white space, quote marks and dashes, so a maintainer can type
# straight quotes and hyphens for the article's curly quotes and en/em dashes.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
}

# A character that never survives normalisation of a quote: it separates blocks in a source's text,
# so a quote can never match across a paragraph break.
BLOCK_BREAK = "\u2029"


@dataclass(frozen=True)
class NormalText:
    """Normalised text plus, for every normalised character, its offset in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(ch: str) -> str:
    ch = _FOLD.get(ch, ch)
    return ch.lower() if len(ch.lower()) == 1 else ch


def normalise_with_map(text: str) -> NormalText:
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch == BLOCK_BREAK:
            out.append(ch)
            origin.append(i)
            pending_space = -1
            continue
        if ch.isspace() or unicodedata.category(ch) == "Cf":
            if ch.isspace() and out and out[-1] != BLOCK_BREAK and pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            out.append(" ")
            origin.append(pending_space)
            pending_space = -1
        out.append(_fold_char(ch))
        origin.append(i)
    return NormalText("".join(out), tuple(origin))


def normalise(text: str) -> str:
    return normalise_with_map(text.replace(BLOCK_BREAK, " ")).text


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 6) -> str:
    words = _SLUG_DROP.sub(" ", normalise(text)).split()
    return "-".join(words[:max_words]) or "passage"


# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and white space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


# Words whose final dot does not end a sentence ("Dr. Yun says").
_NOT_AN_END = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|etc|e\.g|i\.e|U\.S|Jr|Sr|No|Vol|al)|\b[A-Z])\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of one block of text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[start:m.start()]):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
