"""Ranking claims for a sentence: words and stems, TF-IDF over each claim's texts, the optional embedding model."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Corpus
from ..text import normalise

TOP = 5  # claims listed per sentence
EMBEDDING_SHARE = 0.2  # the blend bench/suggest.py chose, when the embedding extra is installed

# --- words -----------------------------------------------------------------------------------------

STOPWORDS = frozenset("""a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just let me more most my
myself nor of off on once only or other ought our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself yourselves s t one two
may might many much""".split())

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ives", "ive",
             "ly", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: "infusions" and "infusion", "treated" and "treats" meet; enough for ranking."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [stem(w.split("'")[0]) for w in _WORD.findall(normalise(text)) if w not in STOPWORDS]


# --- ranking ---------------------------------------------------------------------------------------


@dataclass
class Weights:
    """How a claim's score is made from its texts' cosine similarities with a sentence."""

    best_quote: float = 0.3  # the claim's quote (or statement) most like the sentence
    statement: float = 0.1
    whole: float = 0.6  # statement, quotes, topic title and mentions as one text
    title: bool = True  # the topic's title and mentions count in "whole"
    embedding: float = 0.0  # share of the static embedding model's cosine, when it is installed
    context: float = 0.5  # weight of the neighbouring sentences' lexical scores


class ClaimIndex:
    """Every claim's texts, indexed for TF-IDF cosine. `skip_source` leaves one source's quotes out (the
    benchmark's leave-one-out). A cited source's own quotes stay in when suggesting for it: a sentence next
    to a quoted one often speaks to the same claim."""

    def __init__(self, corpus: Corpus, weights: Weights | None = None, skip_source: str | None = None,
                 embedder: Embedder | None = None, use_numpy: bool | None = None) -> None:
        self.claims = corpus.claims
        self.weights = w = weights or Weights()
        self.skip_source = skip_source
        titles = {t.id: " ".join([t.title, *t.mentions]) if w.title else "" for t in corpus.topics.values()}
        # Units: (claim index, kind, text), kind "statement", "quote" or "whole"; each text is read once.
        units: list[tuple[int, str, str]] = []
        bags: list[dict[str, float]] = []
        title_terms = {tid: terms(text) for tid, text in titles.items()}
        for i, claim in enumerate(self.claims):
            quotes = [p.quote for p in claim.positions if p.source != skip_source]
            words = [terms(claim.statement), *(terms(q) for q in quotes)]
            units.append((i, "statement", claim.statement))
            units.extend((i, "quote", q) for q in quotes)
            units.append((i, "whole", ""))
            bags.extend(_tf(w) for w in words)
            bags.append(_tf([t for w in words for t in w] + title_terms.get(claim.topic, [])))
        self.units = units
        df: dict[str, int] = defaultdict(int)
        for bag in bags:
            for t in bag:
                df[t] += 1
        n = len(bags)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for u, bag in enumerate(bags):
            vec = {t: tf * self.idf[t] for t, tf in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            for t, v in vec.items():
                self.postings[t].append((u, v / norm))
        self._use_numpy = use_numpy  # None: numpy when it is installed
        self._np: Any = None  # numpy arrays, made on first use
        self.embedder = embedder if w.embedding > 0 else None
        if self.embedder is not None:
            self.embedder.index(self)

    def lexical(self, text: str) -> dict[int, float]:
        """Claim index -> lexical score in 0..1, for claims sharing a word with the text."""
        bag = _tf(terms(text))
        vec = {t: w * self.idf[t] for t, w in bag.items() if t in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if not norm:
            return {}
        dots: dict[int, float] = defaultdict(float)
        for t, v in vec.items():
            q = v / norm
            for u, d in self.postings[t]:
                dots[u] += q * d
        w = self.weights
        best: dict[int, float] = defaultdict(float)
        statement: dict[int, float] = defaultdict(float)
        whole: dict[int, float] = defaultdict(float)
        for u, cos in dots.items():
            i, kind, _ = self.units[u]
            if kind == "whole":
                whole[i] = cos
            else:
                if cos > best[i]:
                    best[i] = cos
                if kind == "statement":
                    statement[i] = cos
        return {i: w.best_quote * best[i] + w.statement * statement[i] + w.whole * whole[i]
                for i in set(best) | set(whole)}

    def rank(self, texts: Sequence[str], top: int = TOP,
             contexts: Sequence[str] | None = None) -> list[list[tuple[int, float]]]:
        """For each text, the best `top` (claim index, score) pairs, best first, among claims that share a word
        with it (or, with the embedding model, all claims). `contexts` (the sentences around each text) add
        their own scores, weighted by `Weights.context`; scores stay within 0..1."""
        share = self.context_share(contexts)
        if self.use_numpy:
            ranked: list[list[tuple[int, float]]] = self._rank_numpy(texts, top, contexts, share)
            return ranked
        out = []
        for k, text in enumerate(texts):
            scores = self.lexical(text)
            if share:
                for i, v in self.lexical(contexts[k]).items():  # type: ignore[index]
                    scores[i] = scores.get(i, 0.0) + share * v
                scores = {i: v / (1 + share) for i, v in scores.items()}
            out.append(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
        return out

    def context_share(self, contexts: Sequence[str] | None) -> float:
        return self.weights.context if contexts is not None else 0.0

    # With numpy (the optional extra brings it) the same scores come from arrays: 10,000 claims rank in a
    # fraction of the time. The build, which has no numpy, takes the dictionaries above.

    @property
    def use_numpy(self) -> bool:
        if self._use_numpy is None:
            try:
                import numpy  # noqa: F401
                self._use_numpy = True
            except ImportError:
                self._use_numpy = False
        return self._use_numpy

    def _arrays(self) -> Any:  # numpy arrays (numpy is an optional extra: no types for it here)
        import numpy as np

        if self._np is None:
            owner = np.array([i for i, _, _ in self.units], dtype=np.int64)
            kind = [k for _, k, _ in self.units]
            parts = np.array([u for u, k in enumerate(kind) if k != "whole"], dtype=np.int64)
            # Units run claim by claim, statement first: each claim's parts are one stretch of `parts`.
            starts = np.searchsorted(owner[parts], np.arange(len(self.claims)))
            statement = np.array([u for u, k in enumerate(kind) if k == "statement"], dtype=np.int64)
            whole = np.array([u for u, k in enumerate(kind) if k == "whole"], dtype=np.int64)
            postings = {t: (np.array([u for u, _ in p], dtype=np.int64), np.array([v for _, v in p]))
                        for t, p in self.postings.items()}
            self._np = (parts, starts, statement, whole, postings)
        return self._np

    def _lexical_numpy(self, text: str) -> Any:
        import numpy as np

        parts, starts, statement, whole, postings = self._arrays()
        dots = np.zeros(len(self.units))
        bag = _tf(terms(text))
        vec = {t: tf * self.idf[t] for t, tf in bag.items() if t in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if norm:
            for t, v in vec.items():
                units, values = postings[t]
                dots[units] += (v / norm) * values  # a unit holds a term once: no repeated index
        w = self.weights
        best = np.maximum.reduceat(dots[parts], starts)
        return w.best_quote * best + w.statement * dots[statement] + w.whole * dots[whole]

    def _rank_numpy(self, texts: Sequence[str], top: int, contexts: Sequence[str] | None, share: float) -> Any:
        import numpy as np

        dense = self.embedder.scores(texts) if self.embedder is not None else None
        out = []
        for k, text in enumerate(texts):
            scores = self._lexical_numpy(text)
            if share:
                scores = (scores + share * self._lexical_numpy(contexts[k])) / (1 + share)  # type: ignore[index]
            if dense is not None:
                e = self.weights.embedding
                scores = (1 - e) * scores + e * np.maximum(dense[k], 0.0)
            order = np.argsort(-scores, kind="stable")[:top]
            out.append([(int(i), float(scores[i])) for i in order if scores[i] > 0])
        return out


def _tf(words: Iterable[str]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for w in words:
        counts[w] += 1
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


class Embedder:
    """The optional static embedding model (wordllama: weights and tokenizer inside its wheel, so nothing is
    fetched). A claim's vector scores as the best of its statement's and quotes' cosines."""

    def __init__(self) -> None:
        import os
        from pathlib import Path

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import wordllama
        from wordllama import WordLlama

        # Its loader looks for the tokenizer under `tokenizer/` or `<cache_dir>/tokenizers/`, while the wheel
        # holds it in `tokenizers/`: the package folder itself is the cache that has it.
        self.model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    @staticmethod
    def available() -> bool:
        try:
            import wordllama  # noqa: F401
        except ImportError:
            return False
        return True

    def index(self, index: ClaimIndex) -> None:
        import numpy as np

        texts = [text for _, kind, text in index.units if kind != "whole"]
        owners = [i for i, kind, _ in index.units if kind != "whole"]
        self.owners = np.array(owners)
        self.n = len(index.claims)
        self.vectors = self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        v = np.asarray(self.model.embed(list(texts)), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    def scores(self, texts: Sequence[str]) -> Any:
        import numpy as np

        sims = self._embed(texts) @ self.vectors.T  # texts × units
        out = np.full((len(texts), self.n), -1.0, dtype=np.float32)
        for row in range(len(texts)):
            np.maximum.at(out[row], self.owners, sims[row])
        return out
