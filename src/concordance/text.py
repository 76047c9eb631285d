"""Text utilities: the normalisation quotes are matched under, slugs, sentences."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Quotes are matched after folding case, white space, quote marks and dashes, so a maintainer can type
# straight quotes and hyphens for the article's curly quotes and en/em dashes.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
}

# Characters that a case-insensitive pattern matches with an ASCII letter, though lower() keeps them apart:
# text.translate(CASE_TWINS).lower() holds a word wherever an IGNORECASE search would find it.
CASE_TWINS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
CASE_TWIN_CHARS = tuple(chr(c) for c in CASE_TWINS)


def case_blind(text: str) -> str:
    """The text as an ignore-case search reads its ASCII letters: lower-cased, with ſ ı İ K as s i i k. A pattern
    of lower-case ASCII words, matched case-sensitively here, matches where it would ignoring case in the text;
    every character keeps its length, so offsets line up (lower() changes no other character's length,
    digit-, space- or word-ness, and makes no ASCII letter of any other)."""
    if text.isascii() or not any(twin in text for twin in CASE_TWIN_CHARS):
        return text.lower()
    return text.translate(CASE_TWINS).lower()

# A character that never survives normalisation of a quote: it separates blocks in a source's text,
# so a quote can never match across a paragraph break.
BLOCK_BREAK = "\u2029"


@dataclass(frozen=True, slots=True)
class NormalText:
    """Normalised text plus where it came from: the normalised offset `starts[k]` is the original offset
    `origins[k]`, and the characters after it follow one for one up to the next start."""

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    def origin(self, at: int) -> int:
        """The original offset of the normalised character at `at`."""
        k = bisect_right(self.starts, at) - 1
        return self.origins[k] + at - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [start, end)."""
        return self.origin(start), self.origin(end - 1) + 1


def _fold_char(ch: str) -> str:
    ch = _FOLD.get(ch, ch)
    return ch.lower() if len(ch.lower()) == 1 else ch


# Where white space needs changing: anything but a single plain space between two characters, or a block break
# with no space beside it (which stays as it is).
_IRREGULAR_SPACE = re.compile(r"[^\S \u2029]|  | \u2029|\u2029 |^ | \Z")
_SPACE_RUN = re.compile(r"\s*")
_OTHER_SPACE = re.compile(r"[^\S \u2029]")  # white space other than a space or a block break


def _regularly_spaced(text: str) -> bool:
    """Whether _IRREGULAR_SPACE finds nothing in the text (nearly every article, once read): asked of the string
    methods and a one-class pattern, several times faster than the alternatives' scan."""
    return not ("  " in text or f" {BLOCK_BREAK}" in text or f"{BLOCK_BREAK} " in text or text.startswith(" ")
                or text.endswith(" ") or _OTHER_SPACE.search(text))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLD_ALONE: set[str] = set()  # characters already known to pass _char_folds_alone


def _char_folds_alone(ch: str) -> bool:
    """Whether str.lower() of a whole text folds `ch` as _fold_char does, and `ch` is kept."""
    return ch in _FOLD or (len(ch.lower()) == 1 and ch != "\u03a3" and unicodedata.category(ch) != "Cf")


def _fold(text: str) -> str | None:
    """Case, quote marks and dashes folded, one character for one (so offsets still line up); None when
    the text has a character that needs the slow path."""
    text = text.replace("`", "'")  # the one ASCII character that folds: every other folds alone
    if text.isascii():
        return text.lower()
    chars = set(_NON_ASCII.findall(text))  # the few characters to look at, without a set of the whole text
    unknown = chars - _FOLD_ALONE
    if unknown:
        if not all(_char_folds_alone(ch) for ch in unknown):
            return None
        _FOLD_ALONE.update(unknown)
    for ch in chars & _FOLD.keys():
        text = text.replace(ch, _FOLD[ch])
    return text.lower()



def normalise_with_map(text: str) -> NormalText:
    """Fold case, quote marks and dashes, drop invisible format characters, and make each run of white
    space one space (none at the ends or next to a block break); remember where each character was.

    Whole-text string operations do the work; only the white space that changes costs Python steps, so
    a thousand articles are indexed in a fraction of a second."""
    folded = _fold(text)
    if folded is None:
        return _normalise_slowly(text)
    if _regularly_spaced(folded):
        return NormalText(folded, (0,), (0,))
    parts: list[str] = []
    starts, origins = [0], [0]
    at = out = 0  # read position in the original, length of the output so far
    for m in _IRREGULAR_SPACE.finditer(folded):
        if m.start() < at:
            continue  # inside the run just handled
        run_start = m.start()
        while run_start > at and folded[run_start - 1].isspace():
            run_start -= 1
        run_end = _SPACE_RUN.match(folded, m.start()).end()  # type: ignore[union-attr]
        parts.append(folded[at:run_start])
        out += run_start - at
        run = folded[run_start:run_end]
        if BLOCK_BREAK in run:
            for i, ch in enumerate(run):
                if ch == BLOCK_BREAK:
                    starts.append(out)
                    origins.append(run_start + i)
                    parts.append(ch)
                    out += 1
        elif run_start > 0 and run_end < len(folded):
            starts.append(out)
            origins.append(run_start)
            parts.append(" ")
            out += 1
        starts.append(out)
        origins.append(run_end)
        at = run_end
    parts.append(folded[at:])
    return NormalText("".join(parts), tuple(starts), tuple(origins))


def _normalise_slowly(text: str) -> NormalText:
    """Character by character: for texts with characters whose folding depends on their neighbours."""
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
    return NormalText("".join(out), tuple(range(len(out))), tuple(origin))


def normalise(text: str) -> str:
    folded = _fold(text.replace(BLOCK_BREAK, " "))
    if folded is None:
        return normalise_with_map(text.replace(BLOCK_BREAK, " ")).text
    return " ".join(folded.split())  # the same white space rules, when no offsets are needed


_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+")


def is_web_address(text: str) -> bool:
    """An http(s) address with a host: what a source's `url` and the importer's URL= must be."""
    return _WEB_ADDRESS.match(text) is not None


def plain_text(text: str) -> str:
    """Text as the engine reads every file: no byte-order mark, and plain new lines for CRLF or CR."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 6, max_chars: int = 0, empty: str = "passage", *,
            for_title: bool = False) -> str:
    """Lower-case ASCII words joined by hyphens: an id for a passage (its first words) or, with for_title, a
    source (its title, up to max_chars), where accents fold to their letters and apostrophes join ("it's" →
    "its"). Passage ids keep their first rules (every other character separates words): they are published
    anchors, and links to them must not break."""
    folded = normalise(text)
    if for_title:
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().replace("'", "")
    words = _SLUG_DROP.sub(" ", folded).split()[:max_words or None]
    slug = ""
    for word in words:
        if max_chars and slug and len(slug) + 1 + len(word) > max_chars:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or empty


# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and white space.
# It opens with the stop itself, not a look-behind: a pattern that opens with a character class is scanned for
# quickly, which halves the time every sentence split takes.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


# Words whose final dot does not end a sentence ("Dr. Yun says").
_NOT_AN_END = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|etc|e\.g|i\.e|U\.S|Jr|Sr|No|Vol|al)|\b[A-Z])\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of one block of text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + 1  # just after the stop
        # Only the few characters before the end can make it not an end: search just those.
        if _NOT_AN_END.search(text, max(start, end - 8), end):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
