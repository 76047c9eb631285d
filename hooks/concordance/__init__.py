"""Concordance's engine: load → anchor → analyse → render, with no dependency on any site generator."""

from __future__ import annotations

from pathlib import Path

from .analyse import Analysis, analyse
from .anchor import anchor_corpus
from .errors import ConcordanceError
from .load import load_corpus

__all__ = ["Analysis", "ConcordanceError", "build_analysis"]


def build_analysis(sources_dir: Path, topics_dir: Path) -> Analysis:
    """Read and check everything, anchor every quote, derive verdicts and comparisons."""
    corpus = load_corpus(sources_dir, topics_dir)
    passages = anchor_corpus(corpus)
    return analyse(corpus, passages)
