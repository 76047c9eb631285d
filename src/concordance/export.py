"""The claims.json export: everything the site shows, as data for other tools."""

from __future__ import annotations

from typing import Any

import orjson

from .analyse import Analysis
from .config import SiteConfig
from .figures import read_figures
from .model import position_interests, speaker_interests
from .numbers import figure_json
from .render import Addresses
from .render.context import interested_support_only, speaking_sources

CONTEXT = 32  # characters of text kept before and after a quote, so other tools can re-anchor it


def export(analysis: Analysis, at: Addresses, site: SiteConfig | None = None) -> dict[str, Any]:
    corpus = analysis.corpus
    site = site or SiteConfig()
    sources = [{"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher, "url": s.url,
                "kind": s.kind, "interests": s.interests, "cites": s.cites, "page": at.sources[s.id],
                "published": s.published, "caveats": s.caveats,
                # The people it quotes, each with the interest the site's policy reads (as for positions).
                "speakers": [{"id": k.id, "name": k.name, "role": k.role, "interests": k.interests,
                              "has_interest": site.has_interest(speaker_interests(s, k))}
                             for k in s.speakers.values()]}
               for s in corpus.sources.values()]
    topics = [{"id": t.id, "title": t.title, "page": at.topics[t.id], "related": t.related,
               "claims": [c.id for c in t.claims],
               "mentions": [{"source": m.sentence.source, "phrase": m.phrase, "text": m.sentence.text,
                             "page": f"{at.sources[m.sentence.source]}#b-{m.sentence.block}",
                             "position": {"start": m.sentence.start, "end": m.sentence.end}}
                            for m in analysis.mentions.get(t.id, [])]} for t in corpus.topics.values()]
    claims = []
    for claim in corpus.claims:
        positions = []
        for p in claim.positions:
            passage = analysis.passage(p)
            text = corpus.sources[p.source].text
            interests = position_interests(p, corpus.sources)
            positions.append({
                "source": p.source, "stance": p.stance, "quote": passage.text,
                "note": p.note, "page": at.passage(passage),
                # Whose words these are (a speaker's id, or null for the article's own) and whose interest
                # they carry: the speaker's, else the source's.
                "speaker": p.speaker or None, "interests": interests,
                "has_interest": site.has_interest(interests),
                "figures": [figure_json(f) for f in read_figures(passage.text)],
                "position": {"start": passage.start, "end": passage.end,
                             "prefix": text[max(0, passage.start - CONTEXT):passage.start],
                             "suffix": text[passage.end:passage.end + CONTEXT]},
            })
        comparisons = analysis.comparisons.get(claim.id, [])
        claims.append({"id": claim.id, "topic": claim.topic, "statement": claim.statement,
                       "verdict": analysis.verdict(claim), "page": at.claim(claim), "positions": positions,
                       # Sources counted, not quotes; and whether all its support comes from interested positions.
                       "speaking_sources": len(speaking_sources(claim)),
                       "interested_support_only": interested_support_only(claim, corpus.sources, site),
                       "numbers_disagree": any(c.conflicts for c in comparisons),
                       "compared_figures": [c.kind for c in comparisons],
                       "compared_measures": [c.measure for c in comparisons]})
    return {"sources": sources, "topics": topics, "claims": claims}


def dumps(data: dict[str, Any]) -> bytes:
    """The export as UTF-8 bytes, ready to write: each source, topic and claim on a line of its own (easy to read,
    grep and diff), in the same order every build, so the same corpus always gives the same bytes. Records are
    written by orjson, about four times faster than the json module's C encoder on a large site's 18 MB."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = b",\n  ".join(orjson.dumps(item) for item in value)
            parts.append(orjson.dumps(key) + b": [\n  " + items + b"\n ]")
        else:
            parts.append(orjson.dumps(key) + b": " + orjson.dumps(value))
    return b"{\n " + b",\n ".join(parts) + b"\n}\n"
