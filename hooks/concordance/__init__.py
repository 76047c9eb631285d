"""Concordance's engine: load → anchor → analyse → render, with no dependency on any site generator."""

from __future__ import annotations

from pathlib import Path

from .analyse import Analysis, analyse
from .anchor import anchor_corpus
from .errors import ConcordanceError
from .load import load_corpus
from .mentions import find_mentions
from .numbers import compare_claim

__all__ = ["Analysis", "ConcordanceError", "build_analysis"]


def build_analysis(sources_dir: Path, topics_dir: Path) -> Analysis:
    """Read and check everything, anchor every quote, derive verdicts and comparisons."""
    corpus = load_corpus(sources_dir, topics_dir)
    passages = anchor_corpus(corpus)
    analysis = analyse(corpus, passages)
    analysis.comparisons = {c.id: compare_claim(corpus, c) for c in corpus.claims}
    analysis.mentions = find_mentions(analysis)
    return analysis
