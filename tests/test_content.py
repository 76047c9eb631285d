"""The shipped synthesis keeps its integrity: coverage, summaries, citations, glossary, no advice."""

from __future__ import annotations

import re

import pytest
from site_tools import ROOT

from concordance import build_analysis
from concordance.analyse import Analysis
from concordance.coverage import coverage

GLOSSARY = ROOT / "docs" / "includes" / "abbreviations.md"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return build_analysis(ROOT / "sources", ROOT / "docs" / "topics")


def test_every_article_is_at_least_90_percent_quoted(analysis: Analysis) -> None:
    for sid, report in coverage(analysis).items():
        assert report.share >= 0.90, (sid, f"{report.share:.0%}", [s.text for s in report.unquoted])


def test_twelve_to_twenty_topics_each_with_a_summary_and_related_topics(analysis: Analysis) -> None:
    topics = analysis.corpus.topics.values()
    assert 12 <= len(topics) <= 20
    for topic in topics:
        assert len(topic.summary.split()) >= 40, topic.id
        assert topic.related, topic.id
        assert topic.mentions, topic.id


def test_every_source_is_cited_and_profiled(analysis: Analysis) -> None:
    cited = {p.source for c in analysis.corpus.claims for p in c.positions}
    assert cited == set(analysis.corpus.sources)
    assert not analysis.corpus.warnings
    for source in analysis.corpus.sources.values():
        assert source.kind and source.interests and source.publisher, source.id
        assert source.cites, f"{source.id} lists the studies and institutions it cites"


def test_agreement_and_disagreement_are_both_shown(analysis: Analysis) -> None:
    verdicts = list(analysis.verdicts.values())
    for verdict in ("agreed", "disputed", "qualified", "single source"):
        assert verdict in verdicts, verdict
    multi = [c for c in analysis.corpus.claims if len({p.source for p in c.positions}) > 1]
    assert len(multi) >= len(analysis.corpus.claims) / 3, "points sources share are claims side by side"


def test_no_advice_in_maintainers_words(analysis: Analysis) -> None:
    advice = re.compile(r"\b(you should|you must|we recommend|we advise|talk to your doctor about starting|"
                        r"is right for you|consider trying)\b", re.IGNORECASE)
    for topic in analysis.corpus.topics.values():
        assert not advice.search(topic.summary), topic.id
        for claim in topic.claims:
            assert not advice.search(claim.statement), claim.id


def test_abbreviations_used_in_maintainers_words_are_in_the_glossary(analysis: Analysis) -> None:
    defined = set(re.findall(r"^\*\[([^\]]+)\]:", GLOSSARY.read_text(encoding="utf-8"), re.M))
    words = " ".join([t.summary for t in analysis.corpus.topics.values()] +
                     [c.statement for c in analysis.corpus.claims])
    used = set(re.findall(r"\b([A-Z]{2,}s?)\b", words)) - {"US", "USD"}
    assert used <= defined, sorted(used - defined)


def _syllables(word: str) -> int:
    """A rough English syllable count (vowel groups, less a silent ending): enough for a readability floor."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if re.search(r"\d", word) else 0  # a figure such as $350 reads as about one
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def flesch_reading_ease(text: str) -> float:
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text.strip()) if s.strip()]
    words = text.split()
    syllables = sum(_syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * syllables / len(words)


def test_every_topic_has_a_short_plain_answer_attributed_to_the_articles(analysis: Analysis) -> None:
    advice = re.compile(r"\b(you should|you must|we recommend|is right for you|consider trying)\b", re.I)
    for topic in analysis.corpus.topics.values():
        answer = topic.answer
        assert answer, f"{topic.id} has no answer"
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", answer)) <= 2, (topic.id, "one or two sentences")
        assert "article" in answer.lower(), (topic.id, "says what the articles say, not what is true")
        assert not advice.search(answer), topic.id
        assert flesch_reading_ease(answer) >= 60, (topic.id, round(flesch_reading_ease(answer), 1))


def test_no_source_is_left_with_fields_to_review(analysis: Analysis) -> None:
    for source in analysis.corpus.sources.values():
        assert not source.review, (source.id, source.review)
