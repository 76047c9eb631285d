"""The data the pipeline passes along: sources, topics, claims, positions and anchored passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

STANCES = ("supports", "contradicts", "qualifies")
VERDICTS = ("agreed", "disputed", "qualified", "single source")


@dataclass
class Block:
    """One paragraph, heading or list item of an article, as plain text."""

    kind: str  # "paragraph" | "heading" | "item"
    text: str
    line: int
    level: int = 0  # heading level, or list number for ordered items (0 = bullet)
    offset: int = 0  # where the block starts in Source.text


@dataclass
class Source:
    id: str
    path: Path
    title: str
    publisher: str
    kind: str
    interests: str
    blocks: list[Block]
    author: str = ""
    url: str = ""
    short: str = ""
    published: str = ""
    cites: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)  # maintainers' notes for weighing the source

    @property
    def name(self) -> str:
        """The short name readers see in tables."""
        return self.short or self.author or self.publisher

    @cached_property
    def text(self) -> str:
        """The blocks' text joined by block breaks; passages index it. Read once: blocks are settled
        when a source is loaded."""
        from .text import BLOCK_BREAK

        return BLOCK_BREAK.join(b.text for b in self.blocks)


@dataclass
class Passage:
    """A quoted stretch of one source's text: anchored once, cited by one or more positions."""

    id: str
    source: str
    block: int
    start: int  # offsets in Source.text
    end: int
    positions: list["Position"] = field(default_factory=list)


@dataclass
class Position:
    source: str
    stance: str
    quote: str
    note: str = ""
    occurrence: int = 0  # 1-based; 0 = the quote must be unique in its source
    measure: str = ""  # what a figure in the quote measures, when the quote's own words do not say
    line: int | None = None
    claim: "Claim | None" = field(default=None, repr=False)
    passage: Passage | None = field(default=None, repr=False)


@dataclass
class Claim:
    id: str
    topic: str
    statement: str
    positions: list[Position]
    line: int | None = None
    verdict: str = ""


@dataclass
class Topic:
    id: str
    path: Path
    title: str
    summary: str
    claims: list[Claim]
    related: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    order: int = 0
    answer: str = ""  # a short plain-language answer, attributed to the articles


@dataclass
class Corpus:
    sources: dict[str, Source]
    topics: dict[str, Topic]
    warnings: list[str] = field(default_factory=list)  # worth a look, not worth stopping the build

    @property
    def claims(self) -> list[Claim]:
        return [c for t in self.topics.values() for c in t.claims]
