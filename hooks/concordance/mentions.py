"""Mentions: sentences of any source that speak of a topic but that none of its claims quote yet.

One combined pattern of every topic's phrases scans each sentence once, so the cost grows with the text,
not with topics × sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analyse import Analysis
from .coverage import Sentence, article_sentences


@dataclass
class Mention:
    topic: str
    phrase: str
    sentence: Sentence


def find_mentions(analysis: Analysis) -> dict[str, list[Mention]]:
    corpus = analysis.corpus
    topics_of: dict[str, list[str]] = {}
    for topic in corpus.topics.values():
        for phrase in topic.mentions:
            key = " ".join(phrase.lower().split())
            if key and topic.id not in topics_of.setdefault(key, []):
                topics_of[key].append(topic.id)
    result: dict[str, list[Mention]] = {t: [] for t in corpus.topics}
    if not topics_of:
        return result
    # Longest phrases first so "esketamine nasal spray" wins over "nasal spray" at the same place.
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(topics_of, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    # Spans each topic's own claims quote: a sentence they already quote is reviewed for that topic.
    quoted: dict[str, dict[str, list[tuple[int, int]]]] = {t: {} for t in corpus.topics}
    for claim in corpus.claims:
        for p in claim.positions:
            if p.passage is not None:
                quoted[claim.topic].setdefault(p.source, []).append((p.passage.start, p.passage.end))
    for sid in corpus.sources:
        for sentence in article_sentences(analysis, sid):
            seen: set[str] = set()
            for m in pattern.finditer(sentence.text):
                phrase = " ".join(m.group(0).lower().split())
                for tid in topics_of[phrase]:
                    if tid in seen:
                        continue
                    seen.add(tid)
                    spans = quoted[tid].get(sid, ())
                    if any(s < sentence.end and e > sentence.start for s, e in spans):
                        continue
                    result[tid].append(Mention(tid, phrase, sentence))
    return result
