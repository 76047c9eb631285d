"""Anchor: find every quote in its source's text, once per source index, and make passages of them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rapidfuzz import fuzz

from .errors import ConcordanceError, Problems
from .model import Corpus, Passage, Position, Source
from .text import BLOCK_BREAK, NormalText, normalise, normalise_with_map, slugify


@dataclass
class SourceIndex:
    """A source's text normalised once, so each quote costs one search in one source."""

    source: Source
    text: str
    normal: NormalText

    @classmethod
    def of(cls, source: Source) -> SourceIndex:
        text = source.text
        return cls(source, text, normalise_with_map(text))

    def find_all(self, needle: str) -> list[int]:
        hits, at = [], self.normal.text.find(needle)
        while at >= 0:
            hits.append(at)
            at = self.normal.text.find(needle, at + 1)
        return hits


@dataclass
class Anchoring:
    """The anchor step's result: each source's passages in reading order, and the passage of each position."""

    passages: dict[str, list[Passage]]
    passage_of: dict[Position, Passage]


def anchor_corpus(corpus: Corpus, problems: Problems | None = None) -> Anchoring:
    """Passages of each source, in reading order; every position gets its passage. Every quote that cannot be
    placed is collected in `problems` (raised at once when none is given), so one build lists them all."""
    collect = problems if problems is not None else Problems()
    indexes = {sid: SourceIndex.of(s) for sid, s in corpus.sources.items()}
    by_span: dict[tuple[str, int, int], Passage] = {}
    passage_of: dict[Position, Passage] = {}
    for topic in corpus.topics.values():
        for claim in topic.claims:
            for position in claim.positions:
                try:
                    start, end = _locate(indexes, position, str(topic.path))
                except ConcordanceError as e:
                    collect.add(e)
                    continue
                key = (position.source, start, end)
                passage = by_span.get(key)
                if passage is None:
                    text = indexes[position.source].text[start:end]
                    passage = by_span[key] = Passage("", position.source, 0, start, end, text)
                passage.positions.append(position)
                passage_of[position] = passage
    if problems is None:
        collect.raise_if_any()
    passages: dict[str, list[Passage]] = {sid: [] for sid in corpus.sources}
    for passage in sorted(by_span.values(), key=lambda p: (p.source, p.start, p.end)):
        passages[passage.source].append(passage)
    for sid, plist in passages.items():
        text = indexes[sid].text
        used: set[str] = set()
        for passage in plist:
            passage.block = text.count(BLOCK_BREAK, 0, passage.start)
            base = "q-" + slugify(text[passage.start:passage.end])
            pid, n = base, 2
            while pid in used:
                pid, n = f"{base}-{n}", n + 1
            used.add(pid)
            passage.id = pid
    return Anchoring(passages, passage_of)


def _locate(indexes: dict[str, SourceIndex], position: Position, path: str) -> tuple[int, int]:
    """Original [start, end) of the quote in the source text, or a ConcordanceError that helps fix it."""
    index = indexes[position.source]
    needle = normalise(position.quote)
    hits = index.find_all(needle) if needle else []
    line, claim = position.line, position.claim.id if position.claim else None
    if not hits:
        raise ConcordanceError(path, _not_found(indexes, index, needle), line=line, claim=claim)
    if position.occurrence:
        if position.occurrence > len(hits):
            raise ConcordanceError(path, f"occurrence {position.occurrence} asked, but the quote stands only "
                                   f"{len(hits)} time(s) in sources/{index.source.id}.md.", line=line, claim=claim)
        at = hits[position.occurrence - 1]
    elif len(hits) > 1:
        raise ConcordanceError(path, f"the quote stands {len(hits)} times in sources/{index.source.id}.md, so "
                               "it is ambiguous. Lengthen the quote until it is unique, or add 'occurrence: N' "
                               "to pick the Nth place.", line=line, claim=claim)
    else:
        at = hits[0]
    return index.normal.span(at, at + len(needle))


def _not_found(indexes: dict[str, SourceIndex], index: SourceIndex, needle: str) -> str:
    what = f"quote not found in sources/{index.source.id}.md."
    if BLOCK_BREAK in index.normal.text and index.normal.text.replace(BLOCK_BREAK, " ").find(needle) >= 0:
        return (what + " It spans a paragraph break: a quote must stand within one paragraph, heading or "
                "list item. Split it into two positions, or shorten it.")
    elsewhere = [sid for sid, other in indexes.items() if other is not index and needle and other.find_all(needle)]
    if elsewhere:
        return (what + f" It stands word for word in sources/{elsewhere[0]}.md: change 'source: {index.source.id}' "
                f"to 'source: {elsewhere[0]}'.")
    best_score, best = 0.0, ""
    for block in index.normal.text.split(BLOCK_BREAK):
        alignment = fuzz.partial_ratio_alignment(needle, block) if len(block) >= len(needle) else None
        # A block shorter than the quote is compared whole, so a one-word heading the quote contains cannot win.
        start = alignment.dest_start if alignment is not None else 0
        passage = _widen(block, start, len(needle))
        score = _word_coverage(needle, passage)
        if score > best_score:
            best_score, best = score, passage
    if best_score < 0.5:
        return what + " Nothing in that source is close: check the 'source' of this position."
    return (what + f" Closest passage (has {best_score:.0%} of the quote's words): \"{best}\". Differences: "
            f"{_word_diff(needle, best)}. Copy the words exactly as the article has them.")


def _word_coverage(quote: str, passage: str) -> float:
    """The share of the quote's words that the passage has, in order: a passage gains nothing by being short."""
    words = quote.split()
    if not words:
        return 0.0
    matcher = difflib.SequenceMatcher(None, words, passage.split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(words)


def _widen(block: str, start: int, length: int) -> str:
    """The passage of about the quote's length at start, widened to whole words."""
    while start > 0 and block[start - 1] != " ":
        start -= 1
    end = min(len(block), start + length)
    while end < len(block) and block[end] != " ":
        end += 1
    return block[start:end]


def _word_diff(quote: str, passage: str) -> str:
    parts = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, quote.split(), passage.split()).get_opcodes():
        if tag == "equal":
            continue
        q, p = " ".join(quote.split()[a0:a1]), " ".join(passage.split()[b0:b1])
        parts.append(f"quote has \"{q}\" where the article has \"{p}\"" if q and p
                     else f"quote adds \"{q}\"" if q else f"quote leaves out \"{p}\"")
    return "; ".join(parts[:3]) or "only in characters the build does not fold"
