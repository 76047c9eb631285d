"""What the importer works with: units of raw lines, removed lines, dropped markup, and the result (Imported)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Unit:
    """One line of the raw text, or a few lines found to belong together (a heading broken in two)."""

    lines: list[tuple[int, str]]  # (line number in the raw file, text of that line less its markup)
    group: int  # lines with no blank line between them share a group
    kind: str = "paragraph"  # "paragraph" | "heading" | "item"
    number: int = 0  # list number of a numbered item
    removed_by: str = ""  # why the line is not article text; empty when kept
    is_title: bool = False
    level: int = 2  # heading level: Markdown says it; a heading found by its shape is a section heading
    depth: int = 0  # how deep a Markdown list item is nested (the source format has flat lists)
    fixed: bool = False  # kind given by Markdown markup, not guessed from the line's shape

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines if t)  # an item's marker may stand alone on its line

    @property
    def line(self) -> int:
        return self.lines[0][0]


@dataclass
class Removal:
    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Markup:
    """Characters of a raw line that are markup, not article text: dropped, and listed in the report."""

    line: int
    start: int  # offset in the line with its leading and trailing spaces stripped
    end: int
    kind: str  # a key of MARKUP_SHAPES
    text: str


@dataclass
class Imported:
    """What the importer made of a raw article: the blocks, what it removed, and the front matter."""

    blocks: list[tuple[str, str, int]]  # (kind, text, level) as concordance.load parses them back
    removed: list[Removal]
    joined: list[tuple[int, int, str]]  # (line, onto line, why)
    fields: dict[str, str]
    review: list[str]
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where in the text it was found
    chrome_counts: Counter[str] = field(default_factory=Counter)
    markup: list[Markup] = field(default_factory=list)
    structure: list[tuple[int, str]] = field(default_factory=list)  # (raw line, decision) for the report
    raw_lines: list[str] = field(default_factory=list)  # the text the words are checked against
    title_line: int = 0  # raw line of the title; 0 when the title is not in the text (page metadata)
