"""Mentions: sentences of any source that speak of a topic but that none of its claims quote yet.

One combined pattern of every topic's phrases, shaped as a tree, scans each sentence once, so the cost grows
with the text, not with topics × sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .anchor import Anchoring
from .coverage import Sentence, article_sentences
from .model import Corpus
from .text import CASE_TWINS, case_blind


@dataclass(slots=True)
class Mention:
    topic: str
    phrase: str
    sentence: Sentence


def find_mentions(corpus: Corpus, anchoring: Anchoring) -> dict[str, list[Mention]]:
    topics_of: dict[str, list[str]] = {}
    for topic in corpus.topics.values():
        for phrase in topic.mentions:
            key = " ".join(phrase.lower().split())
            if key and topic.id not in topics_of.setdefault(key, []):
                topics_of[key].append(topic.id)
    result: dict[str, list[Mention]] = {t: [] for t in corpus.topics}
    if not topics_of:
        return result
    # What a match says, as the key it matches: an ignore-case search also finds a phrase spelt with ſ, ı, İ or K,
    # or in another case form (µ for μ), which lower() alone does not bring back to the maintainer's words.
    key_of = {_canonical(key): key for key in topics_of}
    trie = _trie_pattern(topics_of)
    pattern = re.compile(rf"(?<!\w){trie}(?!\w)", re.IGNORECASE)
    # With ASCII phrases, a case-sensitive pattern on case_blind() text finds what the ignore-case one finds, several
    # times faster.
    lower_pattern = re.compile(rf"(?<!\w){trie}(?!\w)") if all(p.isascii() for p in topics_of) else None

    def read(text: str) -> tuple[re.Pattern[str], str]:
        """The pattern to read a text with, and the text as that pattern reads it."""
        if lower_pattern is not None:
            return lower_pattern, case_blind(text)
        return pattern, text

    def holds_a_phrase(text: str) -> bool:
        found, read_as = read(text)
        return found.search(read_as) is not None

    # Spans each topic's own claims quote: a sentence they already quote is reviewed for that topic.
    quoted: dict[str, dict[str, list[tuple[int, int]]]] = {t: {} for t in corpus.topics}
    for claim in corpus.claims:
        for p in claim.positions:
            passage = anchoring.passage_of[p]
            quoted[claim.topic].setdefault(p.source, []).append((passage.start, passage.end))
    for sid, source in corpus.sources.items():
        # A sentence holds a phrase only if its block does: most blocks hold none and are not split at all.
        hit = {i for i, block in enumerate(source.blocks) if block.kind != "heading" and holds_a_phrase(block.text)}
        if not hit:
            continue
        for sentence in article_sentences(source, hit):
            seen: set[str] = set()
            found, read_as = read(sentence.text)
            for m in found.finditer(read_as):
                phrase = " ".join(m.group(0).lower().split())
                if phrase not in topics_of:
                    phrase = key_of.get(_canonical(m.group(0)), "")
                for tid in topics_of.get(phrase, ()):
                    if tid in seen:
                        continue
                    seen.add(tid)
                    spans = quoted[tid].get(sid, ())
                    if any(s < sentence.end and e > sentence.start for s, e in spans):
                        continue
                    result[tid].append(Mention(tid, phrase, sentence))
    return result


def _canonical(phrase: str) -> str:
    """A phrase as case-blind matching sees it: one space between words, case folded, ſ ı İ K as s i i k."""
    return " ".join(phrase.translate(CASE_TWINS).casefold().split())


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One pattern for many phrases, shaped as a tree of their shared beginnings, so a scan costs a few
    steps per character however many phrases there are (an alternation of a thousand phrases tries each
    in turn at every word). Where one phrase begins another ("nasal spray", "nasal spray device"), the
    longer wins wherever both fit."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for unit in phrase:  # a character; a space stands for any run of white space
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, Any]) -> str:
        alternatives = [(r"\s+" if unit == " " else re.escape(unit)) + emit(child)
                        for unit, child in sorted(node.items()) if unit]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        # Greedy: the longer phrase is tried first, the one ending here only if that fails.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)
