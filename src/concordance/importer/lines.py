"""Text copied from a page: its lines split, wrapped lines joined, headings and list items told by their shape."""

from __future__ import annotations

import re

from .markdown import _MD_HEADING
from .model import Markup, Unit
from .rules import match_rule
from .shapes import (
    _BULLET,
    _DASH_BULLET,
    _DASH_LED,
    _NUMBERED,
    HEADING_MAX_WORDS,
    _ends_like_sentence,
    _heading_shaped,
    _title_case,
    _words,
)


def _split(text: str) -> list[Unit]:
    units: list[Unit] = []
    group = 0
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()  # str.strip() also removes the no-break spaces pages leave on empty lines
        if not line:
            group += 1
            continue
        units.append(Unit([(n, line)], group))
    return units


def _join_wrapped(units: list[Unit]) -> tuple[list[Unit], list[tuple[int, int, str]]]:
    """Put back together lines that a page or a text editor broke apart.

    A heading broken over two lines ("Meet the Book That's" / "Changing Lives") is two heading-shaped lines
    with no blank line between them; a hard-wrapped paragraph continues with a lower-case word after a line
    that did not end a sentence. Three or more short lines in a row are a menu or a list of links, not one
    heading, and a line a rule removes on its own ("Call Us") is never glued to another.
    """
    out: list[Unit] = []
    joined: list[tuple[int, int, str]] = []
    for i, unit in enumerate(units):
        prev = out[-1] if out else None
        if prev is not None and prev.group == unit.group:
            text, last = unit.text, prev.lines[-1][1]
            why = ""
            starts_item = bool(_NUMBERED.match(text) or _BULLET.match(text) or _DASH_LED.match(text))
            if (text[0].islower() and not _ends_like_sentence(last) and not last.endswith("?")
                    and not starts_item):
                why = "a paragraph wrapped over two lines"
            elif last.endswith(",") and not starts_item and match_rule(text) is None:
                # "…such as melatonin," / "valerian and others": a sentence does not end on a comma.
                why = "a line ending with a comma continued on the next"
            elif (len(prev.lines) == 1 and _heading_pair(units, i)
                  and match_rule(prev.text + " " + text) == match_rule(prev.text)
                  and match_rule(text) is None):
                # Joining must not hide chrome: "Related Articles" + a post title matches no rule together.
                why = "a heading broken over two lines"
            if why:
                prev.lines.extend(unit.lines)
                joined.append((unit.line, prev.lines[0][0], why))
                continue
        out.append(unit)
    return out, joined


def _heading_pair(units: list[Unit], i: int) -> bool:
    """Lines i-1 and i are the only two heading-shaped lines in a row: a run of three or more is a menu or
    a list of links, not one heading."""

    def shaped(j: int) -> bool:
        return (0 <= j < len(units) and units[j].group == units[i].group and _heading_shaped(units[j].text)
                and not _NUMBERED.match(units[j].text) and not units[j].text.endswith("?"))

    return (shaped(i - 1) and shaped(i) and not shaped(i - 2) and not shaped(i + 1)
            and len(_words(units[i - 1].text + " " + units[i].text)) <= HEADING_MAX_WORDS)


def _bullet(units: list[Unit], i: int, dash_led: list[bool]) -> re.Match[str] | None:
    """The bullet that leads unit i, if its first line has one (see _DASH_BULLET for dashes).

    ``dash_led``: which units started with a dash before any marker was stripped."""
    first = units[i].lines[0][1]
    if m := _BULLET.match(first):
        return m
    m = _DASH_BULLET.match(first)
    in_run = any(0 <= j < len(units) and dash_led[j] for j in (i - 1, i + 1))
    return m if m and in_run else None


def _strip_marker(unit: Unit, match: re.Match[str], markup: list[Markup]) -> None:
    """Drop a list marker from the item's first line only: the lines joined to it keep all their words."""
    (n, first), rest = unit.lines[0], unit.lines[1:]
    start = match.start(match.lastgroup or 0)  # the group holding the item's text
    markup.append(Markup(n, 0, start, "list marker", first[:start]))
    unit.lines = [(n, first[start:])] + rest


def _classify(units: list[Unit], markup: list[Markup]) -> None:
    """Heading, list item or paragraph, from the line's shape and what follows it.

    "What follows" skips lines a rule removed: a title followed by a phone number is still a title.
    A unit whose kind Markdown gave is left as it is.
    """
    dash_led = [not u.fixed and bool(_DASH_LED.match(u.lines[0][1])) for u in units]
    for i, unit in enumerate(units):
        if unit.fixed:
            continue
        text = unit.text
        nxt = next((u for u in units[i + 1:] if not u.removed_by), None)
        longer_follows = nxt is not None and len(_words(nxt.text)) > len(_words(text))
        list_follows = nxt is not None and (nxt.kind == "item" or bool(_BULLET.match(nxt.text)
                                                                       or _NUMBERED.match(nxt.text)))
        heading_follows = nxt is not None and _heading_shaped(nxt.text)
        bullet, numbered = _bullet(units, i, dash_led), _NUMBERED.match(unit.lines[0][1])
        hashes = _MD_HEADING.match(text) if len(unit.lines) == 1 else None
        if hashes and _heading_shaped(hashes.group("text")) and not hashes.group("close"):
            # "## What the study found" in pasted text: a Markdown heading (the source format reads it so anyway).
            n = unit.line
            unit.kind, unit.level, unit.lines = "heading", len(hashes.group("open").strip()), [(n, hashes.group("text"))]
            markup.append(Markup(n, 0, hashes.end("open"), "heading hashes", hashes.group("open")))
            continue
        if bullet:
            unit.kind = "item"
            _strip_marker(unit, bullet, markup)
        elif numbered and _heading_shaped(text) and longer_follows and not list_follows:
            # "1. It works differently…" followed by its text is a numbered heading; "1. Eggs", "2. Milk" a list.
            unit.kind = "heading"
        elif numbered:
            unit.kind, unit.number = "item", int(numbered.group("number"))
            _strip_marker(unit, numbered, markup)
        elif _heading_shaped(text) and (longer_follows or (_title_case(text) and (nxt is None or heading_follows
                                                                                  or list_follows))):
            unit.kind = "heading"
