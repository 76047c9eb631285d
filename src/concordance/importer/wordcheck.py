"""The word-for-word check: the file's words must be the raw text's, less what the report lists."""

from __future__ import annotations

import difflib
import re

from .markdown import MARKUP_SHAPES
from .model import Imported, Markup


class WordCheckError(Exception):
    """The file about to be written does not hold the article's words: refused, nothing written."""


def expected_words(imported: Imported) -> list[tuple[str, int]]:
    """(word, raw line) for every word of the raw text the file must hold, in order.

    Built from the raw lines alone, never from what the conversion made of them: the lines the report
    lists as removed are left out, and so is the markup it lists as dropped, and nothing else.
    """
    removed = {r.line for r in imported.removed}
    by_line: dict[int, list[Markup]] = {}
    for m in imported.markup:
        by_line.setdefault(m.line, []).append(m)
    words: list[tuple[str, int]] = []
    for n, raw in enumerate(imported.raw_lines, start=1):
        if n in removed:
            continue
        line = raw.strip()
        spans = sorted(by_line.get(n, []), key=lambda m: m.start)
        kept, last = [], 0
        for m in spans:
            shape = MARKUP_SHAPES.get(m.kind)
            if shape is None or not shape.fullmatch(m.text) or line[m.start:m.end] != m.text or m.start < last:
                raise WordCheckError(f"line {n}: {m.text!r} was dropped as {m.kind}, which it is not; "
                                     "nothing was written.")
            kept.append(line[last:m.start])
            last = m.end
        kept.append(line[last:])
        words += [(w, n) for w in "".join(kept).split()]
    return words


def check_words(imported: Imported, title: str, blocks: list[str]) -> int:
    """Compare the file's words (title, then blocks, as the engine reads them back) with the raw text's.

    Returns the number of words checked; raises WordCheckError at the first difference, naming the raw
    line and the words on both sides.
    """
    want = expected_words(imported)
    got = (title.split() if imported.title_line else []) + [w for text in blocks for w in text.split()]
    if [w for w, _ in want] == got:
        return len(got)
    matcher = difflib.SequenceMatcher(None, [w for w, _ in want], got, autojunk=False)
    tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    line = want[i1][1] if i1 < len(want) else (want[-1][1] if want else 0)
    if tag == "insert" and i1 > 0:
        line = want[i1 - 1][1]
    before = " ".join(w for w, _ in want[max(0, i1 - 4):i1])
    raw_side = " ".join(w for w, _ in want[i1:min(i2, i1 + 8)])
    written = " ".join(got[j1:min(j2, j1 + 8)])
    what = {"insert": f"the written file adds {written!r}",
            "delete": f"the written file loses {raw_side!r}",
            "replace": f"the raw text has {raw_side!r} where the written file has {written!r}"}[tag]
    hint = ""
    if re.fullmatch(r"#{1,6}|[-*+]|\d{1,9}[.)]", (raw_side or written).split(" ")[0]):
        hint = (" (a block that starts with '#', '-' or '1.' reads back as a heading or a list item: edit that "
                "line of the raw file)")
    raise WordCheckError(f"line {line}: after {before!r}, {what}; nothing was written{hint}.")
