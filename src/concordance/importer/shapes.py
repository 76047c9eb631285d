"""The shapes of lines: how long a heading may be, what a bullet looks like, what ends a sentence."""

from __future__ import annotations

import re

# A heading is short. The longest real heading in the seed articles is a 16-word magazine title.
HEADING_MAX_WORDS = 20
# A chrome box (sign-up, insurance, book offer) holds short text. A paragraph longer than this is the
# article's own text even when it sits under a box heading, so it ends the box instead of being removed.
BOX_MAX_WORDS = 40
# Text ending like a sentence is not a heading. "?" is allowed: FAQ headings are questions.
_SENTENCE_END = ".,;:!…"
_CLOSERS = "\"'”’)]»"
# Bullets as pages render them: "•", "·", "▪", ... or Markdown's "- x", "* x", "+ x".
_BULLET = re.compile(r"^(?:[•·▪◦●‣∙■□➤►]\s*|[-*+]\s+)(?P<text>\S.*)$")
# An en or em dash leads a list item only in a run of dash-led lines ("— Why Rock Bottom…", "–And much more!"),
# and never when glued to a number: "–4.1: How concerned…" is text whose dash is one of its characters.
_DASH_BULLET = re.compile(r"^[–—](?:\s+(?P<spaced>\S.*)|(?P<glued>[^\s\d].*))$")
_DASH_LED = re.compile(r"^(?:[–—]|-\s)")
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")
# Words left lower case in a title-case heading.
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
                "over", "per", "the", "to", "vs", "via", "with"}


def _words(text: str) -> list[str]:
    """Words that carry letters or digits: "·" and "—" alone are not words."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _ends_like_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _heading_shaped(text: str) -> bool:
    """Short, with letters, and not ending like a sentence: could be a heading (the neighbours decide)."""
    words = _words(text)
    return (0 < len(words) <= HEADING_MAX_WORDS and any(c.isalpha() for c in text)
            and not _ends_like_sentence(text) and not _BULLET.match(text))


def _title_case(text: str) -> bool:
    """Most words that are not small words start with a capital (or a digit)."""
    words = re.findall(r"[^\W_][\w'’.-]*", text)
    significant = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capital = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capital / len(significant) >= 0.75


def _normal(text: str) -> str:
    """Text as the rules see it: lower case, straight apostrophes, no arrows or bullets around it."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = text.strip(" \t←→«»‹›<>|•·✓✔*#-–—")
    return text.rstrip(".…!:|").strip()
