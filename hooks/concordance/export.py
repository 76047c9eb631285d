"""The claims.json export: everything the site shows, as data for other tools."""

from __future__ import annotations

import json
from typing import Any

from .analyse import Analysis
from .render import Addresses

CONTEXT = 32  # characters of text kept before and after a quote, so other tools can re-anchor it


def export(analysis: Analysis, at: Addresses) -> dict[str, Any]:
    corpus = analysis.corpus
    sources = [{"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher, "url": s.url,
                "kind": s.kind, "interests": s.interests, "cites": s.cites, "page": at.sources[s.id]}
               for s in corpus.sources.values()]
    topics = [{"id": t.id, "title": t.title, "page": at.topics[t.id], "related": t.related,
               "claims": [c.id for c in t.claims]} for t in corpus.topics.values()]
    claims = []
    for claim in corpus.claims:
        positions = []
        for p in claim.positions:
            assert p.passage is not None
            text = corpus.sources[p.source].text
            positions.append({
                "source": p.source, "stance": p.stance, "quote": text[p.passage.start:p.passage.end],
                "note": p.note, "page": at.passage(p.passage),
                "position": {"start": p.passage.start, "end": p.passage.end,
                             "prefix": text[max(0, p.passage.start - CONTEXT):p.passage.start],
                             "suffix": text[p.passage.end:p.passage.end + CONTEXT]},
            })
        claims.append({"id": claim.id, "topic": claim.topic, "statement": claim.statement,
                       "verdict": claim.verdict, "page": at.claim(claim), "positions": positions})
    return {"sources": sources, "topics": topics, "claims": claims}


def dumps(data: dict[str, Any]) -> str:
    # Stable bytes: the same corpus always gives the same file.
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
