"""The front matter the text tells: author, publisher, date; and the placeholders for what it does not."""

from __future__ import annotations

import re
from collections import Counter

from .model import Unit
from .rules import _DATE, _NAME
from .shapes import _words

_BYLINE = re.compile(rf"^(?:Written |Words |Story |Article )?[Bb]y\s+(?P<name>{_NAME})\s*(?:$|[,|·•—–-])")
_BACK_TO = re.compile(r"^\W*back to\s+(?P<name>.+)$", re.I)
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+[A-Z]")
# "Back to Health News" goes back to a section, not to a person.
_NOT_NAMES = {"all", "articles", "blog", "category", "health", "home", "index", "insights", "library", "list",
              "menu", "news", "overview", "posts", "resources", "results", "search", "stories", "top"}
# "At Bayside Clinic, we offer…": a page speaking for the business that publishes it.
_AT_BRAND = re.compile(r"\bAt ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,3}), (?:we|our)\b")
# Someone quoted ("“At Kure, we…” Dr. Yun says") speaks for themselves, not for the publisher.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|]+)", re.I)


def _author(units: list[Unit]) -> tuple[str, str]:
    """(author, evidence) from a back link to a person or a byline; empty when the text does not say."""
    for unit in units:
        text = unit.text
        back = _BACK_TO.match(text)
        if back and unit.removed_by.startswith("navigation"):
            name = back.group("name").strip(" .")
            words = name.split()
            looks_like_person = _HONORIFIC.match(name) or (
                2 <= len(words) <= 4 and all(w[0].isupper() for w in words)
                and not any(w.lower() in _NOT_NAMES for w in words))
            if looks_like_person:
                return name, f"line {unit.line}: '{text}'"
        byline = _BYLINE.match(text)
        if byline and unit.removed_by == "byline":
            return byline.group("name").strip(), f"line {unit.line}: '{text}'"
    return "", ""


def _publisher(raw_lines: list[str]) -> tuple[str, str]:
    """(publisher, evidence) from a brand the page speaks for ("At Bayside, we offer…") and names again."""
    candidates: list[tuple[str, int]] = []
    for n, line in enumerate(raw_lines, start=1):
        for m in _AT_BRAND.finditer(_QUOTED.sub(" ", line)):
            candidates.append((m.group(1), n))
    if candidates:
        first_words = {c.split()[0] for c, _ in candidates}
        forms: Counter[str] = Counter()
        for line in raw_lines:
            for word in first_words:
                for m in re.finditer(rf"\b{re.escape(word)}(?: [A-Z][\w&'’-]*)*", line):
                    forms[m.group(0)] += 1
        # The brand is the way the page names itself most often; it must be named more than once.
        name, count = max(forms.items(), key=lambda kv: (kv[1], len(kv[0])))
        if sum(forms.values()) >= 2:
            lines = ", ".join(str(n) for _, n in candidates[:3])
            return name, f"'At {candidates[0][0]}, we…' (line {lines}); named {count} times"
    for n, line in enumerate(raw_lines, start=1):
        copyright_line = _COPYRIGHT.match(line.strip())
        if copyright_line and len(_words(line)) <= 20:
            name = copyright_line.group("name").strip(" ,.")
            name = re.sub(r"\s*all rights reserved\s*$", "", name, flags=re.I).strip(" ,.")
            if name:
                return name, f"line {n}: '{line.strip()}'"
    return "", ""


def _published(units: list[Unit]) -> str:
    for unit in units:
        if unit.removed_by == "date line" and not re.match(r"^\W*(?:updated|last)", unit.text, re.I):
            m = re.search(_DATE, unit.text, re.I)
            if m:
                return _iso_date(m.group(0))
    return ""


def _iso_date(text: str) -> str:
    """2024-05-01 for "May 1, 2024"; the text itself when it is not a date this knows."""
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return text
    m = re.match(r"^(?P<mon>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", text) or re.match(
        r"^(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?\s+(?P<year>\d{4})$", text)
    if m and m.group("mon")[:3].lower() in months:
        month = months.index(m.group("mon")[:3].lower()) + 1
        return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}"
    return text


PLACEHOLDERS = {
    "title": "REVIEW: the article's title",
    "publisher": "REVIEW: who published the page (a clinic, a magazine, a person's own site)",
    "kind": "REVIEW: what kind of text this is, e.g. a clinic marketing page, a magazine feature, a physician article",
    "interests": "REVIEW: any commercial interest visible in the text, or say that none is visible",
}
# Removed chrome that tells something about the publisher's interests: worth a look when filling them in.
_INTEREST_RULES = ("call to action", "insurance banner", "book offer", "sign-up box")
