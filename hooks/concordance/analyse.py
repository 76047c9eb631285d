"""Analyse: verdicts derived from stances, and the tables that compare sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from .model import Claim, Corpus, Passage


def verdict(claim: Claim) -> str:
    """Derived, never typed in: disputed beats single source, which beats qualified and agreed."""
    stances = {p.stance for p in claim.positions}
    if "supports" in stances and "contradicts" in stances:
        return "disputed"
    if len({p.source for p in claim.positions}) == 1:
        return "single source"
    if "qualifies" in stances or "contradicts" in stances:
        return "qualified"
    return "agreed"


def source_stance(claim: Claim, source: str) -> str:
    """One source's overall stance on a claim; 'silent' when it has no position."""
    stances = {p.stance for p in claim.positions if p.source == source}
    if not stances:
        return "silent"
    if len(stances) == 1:
        return next(iter(stances))
    return "mixed"


@dataclass
class PairRecord:
    """How two sources compare on the claims both address."""

    shared: int = 0
    agree: int = 0
    disagree: int = 0
    partly: int = 0
    claims: list[tuple[str, str]] = field(default_factory=list)  # (claim id, "agree"|"disagree"|"partly")


def compare(a: str, b: str) -> str:
    if a == b and a in ("supports", "contradicts"):
        return "agree"
    if {a, b} == {"supports", "contradicts"}:
        return "disagree"
    return "partly"


@dataclass
class Analysis:
    corpus: Corpus
    passages: dict[str, list[Passage]]
    stance: dict[tuple[str, str], str]  # (claim id, source id) -> stance or silent
    pairs: dict[tuple[str, str], PairRecord]  # (a, b) with a < b
    topic_counts: dict[str, Counter[str]]  # topic id -> verdict counts
    coverage: dict[tuple[str, str], Counter[str]]  # (topic id, source id) -> stance counts
    # Filled by the later steps of the pipeline (see concordance.build_analysis).
    comparisons: dict[str, list] = field(default_factory=dict)  # claim id -> numbers.Comparison
    mentions: dict[str, list] = field(default_factory=dict)  # topic id -> mentions.Mention

    def pair(self, a: str, b: str) -> PairRecord:
        return self.pairs[(a, b) if a < b else (b, a)]

    @property
    def disputed(self) -> list[Claim]:
        return [c for c in self.corpus.claims if c.verdict == "disputed"]


def analyse(corpus: Corpus, passages: dict[str, list[Passage]]) -> Analysis:
    sources = list(corpus.sources)
    stance: dict[tuple[str, str], str] = {}
    pairs = {pair: PairRecord() for pair in combinations(sorted(sources), 2)}
    topic_counts: dict[str, Counter[str]] = {}
    coverage: dict[tuple[str, str], Counter[str]] = {}
    for topic in corpus.topics.values():
        topic_counts[topic.id] = Counter()
        for claim in topic.claims:
            claim.verdict = verdict(claim)
            topic_counts[topic.id][claim.verdict] += 1
            speaking = sorted({p.source for p in claim.positions})
            for sid in sources:
                s = stance[(claim.id, sid)] = source_stance(claim, sid)
                coverage.setdefault((topic.id, sid), Counter())[s] += 1
            # Only sources that speak are compared: silence is not disagreement.
            for a, b in combinations(speaking, 2):
                record = pairs[(a, b)]
                outcome = compare(stance[(claim.id, a)], stance[(claim.id, b)])
                record.shared += 1
                setattr(record, outcome, getattr(record, outcome) + 1)
                record.claims.append((claim.id, outcome))
    return Analysis(corpus, passages, stance, pairs, topic_counts, coverage)
