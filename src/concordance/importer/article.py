"""From raw text to the article: ``convert`` runs the steps, finds the title and notes every decision."""

from __future__ import annotations

import re
from collections import Counter

from ..text import plain_text
from .fields import _INTEREST_RULES, PLACEHOLDERS, _author, _published, _publisher
from .lines import _classify, _join_wrapped, _split
from .markdown import _split_markdown
from .model import Imported, Markup, Removal, Unit
from .rules import _apply_boxes, _apply_line_rules, _drop_empty_headings
from .shapes import _words


def _find_title(units: list[Unit]) -> Unit | None:
    """The first substantial heading before any article text: a page's title comes before its text."""
    for unit in units:
        if unit.removed_by:
            continue
        if unit.kind != "heading":
            return None
        if len(_words(unit.text)) >= 3:
            return unit
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def looks_like_markdown(text: str) -> bool:
    """Two ATX headings, or a Markdown link, or "**" emphasis: text written in Markdown, not copied from a page."""
    headings = len(re.findall(r"^#{1,6}[ \t]+\S", text, re.M))
    return headings >= 2 or bool(re.search(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*\S[^*\n]*\S\*\*", text))


def convert(text: str, *, url: str = "", markdown: bool | None = None, meta: dict[str, str] | None = None) -> Imported:
    """Strip the page chrome from a raw article and find its blocks and front matter.

    ``markdown``: read the text as Markdown (None: decide from the text). ``meta``: fields a saved web page
    states in its head (title, author, published, publisher, url), used where the text itself does not tell.
    """
    text = plain_text(text)
    if markdown is None:
        markdown = looks_like_markdown(text)
    markup: list[Markup] = []
    if markdown:
        units, joined, markup = _split_markdown(text)
    else:
        units, joined = _join_wrapped(_split(text))
    _apply_line_rules(units)
    _classify(units, markup)
    _apply_boxes(units)
    title = _find_title(units)
    if title is not None:
        title.is_title = True
        for unit in units:
            if unit is title:
                break
            if not unit.removed_by:  # kept lines above the title are the page's header
                unit.removed_by = "above the title (page header)"
        for unit in units:
            if unit is not title and not unit.removed_by and _same(unit.text, title.text):
                unit.removed_by = "repeats the title"
    _drop_empty_headings(units)

    # Report each removed line as it stands in the raw file, bullet and all, so it can be found there.
    raw_lines = text.split("\n")
    removed = [Removal(n, raw_lines[n - 1].strip(), u.removed_by) for u in units if u.removed_by for n, _ in u.lines]
    removed_lines = {r.line for r in removed}
    markup = [m for m in markup if m.line not in removed_lines]
    counts: Counter[str] = Counter(r.rule.removeprefix("in the ").split(" under line")[0] for r in removed)
    blocks = [(u.kind, u.text, u.number if u.kind == "item" else (u.level if u.kind == "heading" else 0))
              for u in units if not u.removed_by and not u.is_title]
    structure = _structure(units, joined, markup)
    meta = meta or {}

    fields: dict[str, str] = {}
    evidence: dict[str, str] = {}
    review: list[str] = []
    if title is not None:
        fields["title"], evidence["title"] = title.text, f"line {title.line}"
    author, evidence["author"] = _author(units)
    if author:
        fields["author"] = author
    publisher, evidence["publisher"] = _publisher(raw_lines)
    if publisher:
        fields["publisher"] = publisher
    if url:
        fields["url"] = url
    published = _published(units)
    if published:
        fields["published"] = published
    for key, value in meta.items():  # the page's head, where the text did not tell
        if key in ("title", "author", "publisher", "url", "published") and value and key not in fields:
            fields[key], evidence[key] = value, meta.get(f"{key} from", "the page's metadata")
    for key in ("title", "author", "publisher", "url", "kind", "interests"):
        if key not in fields:
            review.append(key)
    for key, placeholder in PLACEHOLDERS.items():
        fields.setdefault(key, placeholder)
    interest_hints = [f"{r} ({counts[r]} line{'s' if counts[r] > 1 else ''})" for r in _INTEREST_RULES if counts[r]]
    if interest_hints:
        evidence["interests"] = "the removed chrome held " + ", ".join(interest_hints)
    return Imported(blocks=blocks, removed=removed, joined=joined, fields=fields, review=review,
                    evidence={k: v for k, v in evidence.items() if v}, chrome_counts=counts, markup=markup,
                    structure=structure, raw_lines=raw_lines, title_line=title.line if title is not None else 0)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _structure(units: list[Unit], joined: list[tuple[int, int, str]], markup: list[Markup]) -> list[tuple[int, str]]:
    """Every decision about the article's shape, by raw line: headings, list items, joins, dropped markup."""
    dropped: dict[int, list[str]] = {}
    for m in markup:
        dropped.setdefault(m.line, []).append(f"{m.kind} {m.text.strip()!r}" if m.text.strip() else m.kind)
    notes: list[tuple[int, str]] = []
    for unit in units:
        if unit.removed_by:
            continue
        if unit.is_title:
            what = "title (into the front matter)"
        elif unit.kind == "heading":
            what = f"heading, level {unit.level}: {_short(unit.text)}"
        elif unit.kind == "item":
            what = f"list item {unit.number}" if unit.number else "list item"
            if unit.depth:
                what += f" (nested {unit.depth} deep, written flat)"
            what += f": {_short(unit.text)}"
        else:
            what = "paragraph"
        for n, _ in unit.lines:
            parts = [what] if n == unit.line else []
            if n in dropped:
                parts.append("dropped " + ", ".join(dropped[n]))
            if parts and parts != ["paragraph"]:
                notes.append((n, "; ".join(parts)))
    notes += [(line, f"joined to line {onto}: {why}") for line, onto, why in joined]
    return sorted(notes, key=lambda note: note[0])
