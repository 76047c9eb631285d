"""Coverage: how much of each article the claims quote, and the sentences still waiting for review."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from .analyse import Analysis
from .model import Source
from .text import sentences

# A sentence counts as quoted when claims quote at least this share of its characters.
QUOTED_SHARE = 0.5


@dataclass(slots=True)
class Sentence:
    source: str
    block: int
    start: int  # offsets in Source.text
    end: int
    text: str
    quoted: float = 0.0  # share of its characters inside some passage


@dataclass
class SourceCoverage:
    source: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def quoted(self) -> list[Sentence]:
        return [s for s in self.sentences if s.quoted >= QUOTED_SHARE]

    @property
    def unquoted(self) -> list[Sentence]:
        return [s for s in self.sentences if s.quoted < QUOTED_SHARE]

    @property
    def share(self) -> float:
        return len(self.quoted) / len(self.sentences) if self.sentences else 1.0


def article_sentences(source: Source, blocks: Container[int] | None = None) -> list[Sentence]:
    """Sentences of the article's paragraphs and list items (headings are not statements); of the given
    blocks only, when given."""
    source_id = source.id
    out = []
    for i, block in enumerate(source.blocks):
        if block.kind == "heading" or (blocks is not None and i not in blocks):
            continue
        for s, e in sentences(block.text):
            out.append(Sentence(source_id, i, block.offset + s, block.offset + e, block.text[s:e]))
    return out


def coverage(analysis: Analysis) -> dict[str, SourceCoverage]:
    result = {}
    for sid in analysis.corpus.sources:
        spans = sorted((p.start, p.end) for p in analysis.passages[sid])
        merged: list[list[int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        report = SourceCoverage(sid, article_sentences(analysis.corpus.sources[sid]))
        j = 0
        for sentence in report.sentences:  # both lists are in text order: one linear sweep
            while j < len(merged) and merged[j][1] <= sentence.start:
                j += 1
            covered, k = 0, j
            while k < len(merged) and merged[k][0] < sentence.end:
                covered += min(merged[k][1], sentence.end) - max(merged[k][0], sentence.start)
                k += 1
            sentence.quoted = covered / max(1, sentence.end - sentence.start)
        result[sid] = report
    return result


def report_text(analysis: Analysis) -> str:
    """The plain-text report `make coverage` prints."""
    lines = []
    for sid, cov in coverage(analysis).items():
        lines.append(f"{sid}: {cov.share:.0%} of {len(cov.sentences)} sentences quoted "
                     f"({len(cov.unquoted)} not yet)")
        for s in cov.unquoted:
            lines.append(f"    - {s.text}")
    return "\n".join(lines) + "\n"
