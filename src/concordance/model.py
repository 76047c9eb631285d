"""The data the pipeline passes along: sources, topics, claims, positions and anchored passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

Stance = Literal["supports", "contradicts", "qualifies"]
# A source's overall stance on a claim: its positions' stance, "mixed" when they differ, "silent" when it has none.
Standing = Literal["supports", "contradicts", "qualifies", "mixed", "silent"]
Verdict = Literal["agreed", "disputed", "qualified", "single source"]
BlockKind = Literal["paragraph", "heading", "item"]

STANCES: tuple[Stance, ...] = get_args(Stance)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading or list item of an article, as plain text."""

    kind: BlockKind
    text: str
    line: int
    level: int = 0  # heading level, or list number for ordered items (0 = bullet)
    offset: int = 0  # where the block starts in Source.text


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person a source quotes (`speakers:` in its front matter), so positions can say whose words they are."""

    id: str
    name: str
    role: str = ""
    interests: str = ""  # read by the site's policy, like Source.interests


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
    speakers: dict[str, Speaker] = field(default_factory=dict)  # by id, in the order the file lists them

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


@dataclass(slots=True)
class Passage:
    """A quoted stretch of one source's text: anchored once, cited by one or more positions (the anchor step
    makes these; nothing later changes them)."""

    id: str
    source: str
    block: int
    start: int  # offsets in Source.text
    end: int
    text: str  # Source.text[start:end], the article's own words
    positions: list[Position] = field(default_factory=list)


@dataclass(eq=False, slots=True)  # compared and hashed by identity: two positions may cite the same words
class Position:
    source: str
    stance: Stance
    quote: str
    note: str = ""
    occurrence: int = 0  # 1-based; 0 = the quote must be unique in its source
    measure: str = ""  # what a figure in the quote measures, when the quote's own words do not say
    speaker: str = ""  # the id of one of its source's speakers, when the quoted words are theirs
    line: int | None = None
    claim: Claim | None = field(default=None, repr=False)  # set by the loader, which makes both


def position_speaker(position: Position, sources: dict[str, Source]) -> Speaker | None:
    """The person whose words a position quotes, when it names one."""
    return sources[position.source].speakers[position.speaker] if position.speaker else None


def speaker_interests(source: Source, speaker: Speaker) -> str:
    """The interest a quoted person's words carry: their own `interests`, else the source's. A speaker whose
    interests go unsaid inherits the source's: a clinic quoting its own staff, or a patient it chose to quote,
    speaks with the clinic's interest, and the $ mark must not be lost."""
    return speaker.interests or source.interests


def position_interests(position: Position, sources: dict[str, Source]) -> str:
    """Whose interest a position's words carry: its speaker's (speaker_interests), else its source's."""
    speaker = position_speaker(position, sources)
    source = sources[position.source]
    return speaker_interests(source, speaker) if speaker is not None else source.interests


@dataclass(slots=True)
class Claim:
    id: str
    topic: str
    statement: str
    positions: list[Position]
    line: int | None = None


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
    headline: str = ""  # the answer in one short line, for the home page's list of questions
    reviewed: str = ""  # the claims' fingerprint when a maintainer last checked the summary and answer


@dataclass(frozen=True)
class BuildWarning:
    """Worth a maintainer's look, not worth stopping the build. `path` is relative to the project."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path if self.line is None else f'{self.path}:{self.line}'}: {self.message}"


@dataclass
class Corpus:
    sources: dict[str, Source]
    topics: dict[str, Topic]
    warnings: list[BuildWarning] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        return [c for t in self.topics.values() for c in t.claims]
