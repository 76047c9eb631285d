"""Analyse: verdicts derived from stances, and the tables that compare sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from .model import Claim, Corpus, Passage, Position, Standing, Verdict

if TYPE_CHECKING:  # the other steps' results: they import this module
    from .anchor import Anchoring
    from .mentions import Mention
    from .numbers import Comparison


def verdict(claim: Claim) -> Verdict:
    """Derived, never typed in: disputed beats single source, which beats qualified and agreed."""
    stances = {p.stance for p in claim.positions}
    if "supports" in stances and "contradicts" in stances:
        return "disputed"
    if len({p.source for p in claim.positions}) == 1:
        return "single source"
    if "qualifies" in stances or "contradicts" in stances:
        return "qualified"
    return "agreed"


def source_stance(claim: Claim, source: str) -> Standing:
    """One source's overall stance on a claim; 'silent' when it has no position."""
    stances = {p.stance for p in claim.positions if p.source == source}
    if not stances:
        return "silent"
    if len(stances) == 1:
        return stances.pop()
    return "mixed"


@dataclass(slots=True)
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


class StanceTable(dict[tuple[str, str], Standing]):
    """(claim id, source id) -> stance. Only sources that speak are stored; any other is silent, so the
    table grows with the positions, not with claims × sources."""

    def __missing__(self, key: tuple[str, str]) -> Standing:
        return "silent"


class PairTable(dict[tuple[str, str], PairRecord]):
    """(a, b) with a < b -> how they compare. Only pairs that share a claim are stored."""

    def __missing__(self, key: tuple[str, str]) -> PairRecord:
        return PairRecord()


class CoverageTable(dict[tuple[str, str], Counter[str]]):
    """(topic id, source id) -> stance counts. Only sources that speak in a topic are stored; any other is
    silent on each of the topic's claims."""

    def __init__(self, claims_per_topic: dict[str, int]) -> None:
        super().__init__()
        self.claims_per_topic = claims_per_topic

    def __missing__(self, key: tuple[str, str]) -> Counter[str]:
        return Counter({"silent": self.claims_per_topic[key[0]]})


@dataclass
class Analysis:
    corpus: Corpus
    passages: dict[str, list[Passage]]  # source id -> its quoted passages, in reading order
    passage_of: dict[Position, Passage]  # each position's place in its source
    verdicts: dict[str, Verdict]  # claim id -> verdict
    stance: StanceTable  # (claim id, source id) -> stance or silent
    pairs: PairTable  # (a, b) with a < b
    topic_counts: dict[str, Counter[str]]  # topic id -> verdict counts
    coverage: CoverageTable  # (topic id, source id) -> stance counts
    comparisons: dict[str, list[Comparison]]  # claim id -> its figures compared (numbers.py)
    mentions: dict[str, list[Mention]]  # topic id -> unreviewed mentions (mentions.py)

    def pair(self, a: str, b: str) -> PairRecord:
        return self.pairs[(a, b) if a < b else (b, a)]

    def passage(self, position: Position) -> Passage:
        return self.passage_of[position]

    def verdict(self, claim: Claim) -> Verdict:
        return self.verdicts[claim.id]

    @property
    def disputed(self) -> list[Claim]:
        return [c for c in self.corpus.claims if self.verdicts[c.id] == "disputed"]


def analyse(corpus: Corpus, anchoring: Anchoring, comparisons: dict[str, list[Comparison]] | None = None,
            mentions: dict[str, list[Mention]] | None = None) -> Analysis:
    stance = StanceTable()
    pairs = PairTable()
    topic_counts: dict[str, Counter[str]] = {}
    coverage = CoverageTable({t.id: len(t.claims) for t in corpus.topics.values()})
    verdicts: dict[str, Verdict] = {}
    for topic in corpus.topics.values():
        topic_counts[topic.id] = Counter()
        for claim in topic.claims:
            verdicts[claim.id] = verdict(claim)
            topic_counts[topic.id][verdicts[claim.id]] += 1
            speaking = sorted({p.source for p in claim.positions})
            for sid in speaking:  # every other source is silent: the tables say so without storing it
                s = stance[(claim.id, sid)] = source_stance(claim, sid)
                coverage.setdefault((topic.id, sid), Counter())[s] += 1
            # Only sources that speak are compared: silence is not disagreement.
            for a, b in combinations(speaking, 2):
                record = pairs.setdefault((a, b), PairRecord())
                outcome = compare(stance[(claim.id, a)], stance[(claim.id, b)])
                record.shared += 1
                setattr(record, outcome, getattr(record, outcome) + 1)
                record.claims.append((claim.id, outcome))
        for sid in {p.source for c in topic.claims for p in c.positions}:
            counts = coverage[(topic.id, sid)]
            silent = len(topic.claims) - sum(counts.values())
            if silent:
                counts["silent"] = silent
    return Analysis(corpus, anchoring.passages, anchoring.passage_of, verdicts, stance, pairs, topic_counts,
                    coverage, comparisons or {}, mentions or {})
