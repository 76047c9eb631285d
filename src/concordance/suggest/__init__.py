"""Where a new source fits: for each sentence no claim quotes yet, the existing claims it most likely speaks
to, best first, with a stance hint and the cue behind it.

The ranking is lexical and pure Python, so the site build can show suggestions with what it already has:
each claim is a set of short texts (its statement, each quote, and all of them with its topic's title and
mentions) and a sentence, with its neighbours in its paragraph, is scored against them with TF-IDF cosine
(sublinear term frequency, light stemming). `bench/suggest.py` chose the mix and compares it with BM25 and
a static embedding model (BENCHMARKS.md). With the optional extra (`make suggest` installs it), numpy does
the same sums faster and the embedding model (wordllama, weights inside its wheel, nothing fetched) is
blended in; the review page never uses the model, so a site does not depend on what is installed.

Stance hints are cues, not judgements: a figure unlike the claim's, a negation the claim's words lack, a
hedge word. A person decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..analyse import Analysis
from ..coverage import QUOTED_SHARE, Sentence, coverage
from ..model import Claim
from .ranking import EMBEDDING_SHARE, STOPWORDS, TOP, ClaimIndex, Embedder, Weights, stem, terms
from .stance import NO_CUE, Hint, stance_hint

__all__ = ["EMBEDDING_SHARE", "MIN_SCORE", "NO_CUE", "STOPWORDS", "TOP", "UNSURE_BELOW", "ClaimIndex", "Embedder",
           "Hint", "SentenceSuggestions", "Suggestion", "Weights", "neighbours", "pending_sentences", "stance_hint",
           "stem", "suggest", "suggest_for", "terms", "yaml_block"]

# --- suggestions for a source ----------------------------------------------------------------------


@dataclass
class Suggestion:
    claim: Claim
    score: float
    stance: str
    cue: str

    @property
    def contradiction(self) -> bool:
        """A likely contradiction: a figure unlike the claim's, or a negation its words lack, on a fair match."""
        return self.score >= UNSURE_BELOW and (self.stance == "contradicts" or self.cue.startswith("negation"))


@dataclass
class SentenceSuggestions:
    sentence: Sentence
    claims: list[Suggestion]

    @property
    def contradiction(self) -> Suggestion | None:
        return next((c for c in self.claims if c.contradiction), None)


UNSURE_BELOW = 0.15  # below this score a match is weak and its stance hint not worth a guess
MIN_SCORE = 0.05  # below this a claim shares little more than a common word with the sentence


def suggest_for(index: ClaimIndex, sentences: Sequence[Sentence], contexts: Sequence[str],
                top: int = TOP) -> list[SentenceSuggestions]:
    """Each sentence's likely claims with stance hints, best first; `contexts` are the sentences around each."""
    out = []
    for sentence, row in zip(sentences, index.rank([s.text for s in sentences], top=top, contexts=contexts)):
        claims = []
        for i, score in row:
            if score < MIN_SCORE:
                continue
            claim = index.claims[i]
            hint = stance_hint(sentence.text, claim)
            if score < UNSURE_BELOW:
                hint = Hint("unsure", "weak match")
            claims.append(Suggestion(claim, round(score, 3), hint.stance, hint.cue))
        out.append(SentenceSuggestions(sentence, claims))
    return out


def pending_sentences(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[str]]:
    """The sentences no position quotes yet, and the context of each (its neighbours in its paragraph)."""
    keep = [k for k, s in enumerate(sentences) if s.quoted < QUOTED_SHARE]
    return [sentences[k] for k in keep], [neighbours(sentences, k) for k in keep]


def suggest(analysis: Analysis, source_id: str, top: int = TOP, weights: Weights | None = None,
            embedder: Embedder | None = None, index: ClaimIndex | None = None) -> list[SentenceSuggestions]:
    """For each sentence of the source that no position quotes yet, in article order, its likely claims."""
    # Coverage of this one source only: a shallow copy whose corpus holds just it.
    alone = replace(analysis, corpus=replace(analysis.corpus, sources={source_id: analysis.corpus.sources[source_id]}))
    pending, contexts = pending_sentences(coverage(alone)[source_id].sentences)
    index = index or ClaimIndex(analysis.corpus, weights, embedder=embedder)
    return suggest_for(index, pending, contexts, top)


def neighbours(sentences: Sequence[Sentence], k: int) -> str:
    """The sentences just before and after the k-th, within its paragraph: a bare sentence ("It can.") often
    needs them to be placed."""
    here = sentences[k]
    return " ".join(n.text for n in (sentences[k - 1] if k else None, sentences[k + 1] if k + 1 < len(sentences)
                                     else None) if n is not None and n.block == here.block)


def yaml_block(source_id: str, sentence: str, stance: str) -> str:
    """A position ready to paste under a claim's `positions:` (stance "unsure" becomes a choice to make)."""
    import json

    stance = stance if stance != "unsure" else "supports  # unsure: check"
    # JSON strings are valid YAML double-quoted scalars: any quote mark or backslash is escaped.
    return (f"      - source: {source_id}\n        stance: {stance}\n"
            f"        quote: {json.dumps(sentence, ensure_ascii=False)}\n")
