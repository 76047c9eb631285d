"""`concordance check`: each rule of a site's policy is off until the site sets it, and then names what breaks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import build_analysis
from concordance.checks import check, reading_ease
from concordance.config import Policy, SiteConfig, load_site_config
from concordance.errors import ConcordanceError

SOURCE = """---
title: An article on sleep
publisher: Sleep Weekly
kind: magazine feature
interests: None visible.
---
Adults need seven hours of sleep. Most get less.

A nap of twenty minutes helps some people. The NHS says so.

Screens before bed may delay sleep.
"""

TOPIC = """---
title: How much sleep?
answer: {answer}
claims:
  - id: seven-hours
    statement: {statement}
    positions:
      - source: sleep
        stance: supports
        quote: Adults need seven hours of sleep.
---
{summary}
"""


def corpus(tmp_path: Path, *, answer: str = "The article says adults need seven hours.",
           statement: str = "Adults need seven hours of sleep.", summary: str = "One article speaks.",
           source: str = SOURCE) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "topics").mkdir(parents=True)
    (tmp_path / "sources" / "sleep.md").write_text(source, encoding="utf-8")
    (tmp_path / "docs" / "topics" / "sleep-need.md").write_text(
        TOPIC.format(answer=answer, statement=statement, summary=summary), encoding="utf-8")
    return tmp_path


def run(root: Path, **policy: object) -> list[str]:
    analysis = build_analysis(root / "sources", root / "docs" / "topics", root=root)
    return check(analysis, SiteConfig(policy=Policy(**policy)), root).failures  # type: ignore[arg-type]


def test_a_new_site_with_one_source_and_one_claim_passes_the_lenient_default(tmp_path: Path) -> None:
    assert run(corpus(tmp_path)) == []


def test_min_quoted_share_names_the_source_and_its_figure(tmp_path: Path) -> None:
    failures = run(corpus(tmp_path), min_quoted_share=0.5)
    assert failures == ["sources/sleep.md: 20% of its sentences are quoted, below the site's 50%. "
                        "`make coverage` lists the 4 left."]


def test_required_source_and_topic_fields(tmp_path: Path) -> None:
    failures = run(corpus(tmp_path), require=("cites",), require_topic=("related",))
    assert any("sources/sleep.md: 'cites' is empty" in f for f in failures)
    assert any("docs/topics/sleep-need.md: 'related' is empty" in f for f in failures)


def test_glossary_completeness_lists_the_missing_abbreviations(tmp_path: Path) -> None:
    root = corpus(tmp_path, summary="The NHS and the CDC agree.")
    failures = run(root, glossary_complete=True)
    assert failures == ["docs/includes/abbreviations.md: abbreviations used in summaries, answers, headlines or "
                        "statements are not in the glossary: CDC, NHS."]
    (root / "docs" / "includes").mkdir()
    (root / "docs" / "includes" / "abbreviations.md").write_text("*[NHS]: National Health Service\n"
                                                                  "*[CDC]: Centers for Disease Control\n")
    assert run(root, glossary_complete=True) == []


def test_advice_in_maintainers_words_is_refused(tmp_path: Path) -> None:
    failures = run(corpus(tmp_path, summary="You should sleep more."), no_advice=True)
    assert failures == ["docs/topics/sleep-need.md: the summary gives advice ('You should'): say what the articles "
                        "say instead."]


def test_a_hard_answer_is_below_the_reading_ease_floor(tmp_path: Path) -> None:
    hard = ("The article characterises physiological requirements, approximating seven hours nightly "
            "notwithstanding considerable interindividual variability.")
    assert reading_ease(hard) < 30 < reading_ease("The article says adults need seven hours.")
    failures = run(corpus(tmp_path, answer=hard), min_answer_reading_ease=60)
    assert len(failures) == 1 and "the answer reads at" in failures[0]


def test_counts_and_citation_rules(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "sources" / "other.md").write_text(SOURCE.replace("title: An article on sleep", "title: Another")
                                               .replace("publisher: Sleep Weekly", "publisher: Other\nreview: [author]"))
    failures = run(root, min_topics=2, all_sources_cited=True, no_review_left=True)
    assert "docs/topics/: 1 topics, fewer than the site's 2." in failures
    assert any("sources/other.md: no claim cites it yet" in f for f in failures)
    assert any("sources/other.md: fields still to review: author" in f for f in failures)


def test_the_site_config_is_read_from_mkdocs_yml_without_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [URL, 'https://x.org/']\nextra:\n"
                                         "  concordance:\n    subject: sleep\n    policy:\n      min_topics: 3\n")
    site = load_site_config(tmp_path)
    assert site.subject == "sleep" and site.policy.min_topics == 3


@pytest.mark.parametrize("policy, message", [
    ("min_quoted_share: 2", "must be a number from 0 to 1"),
    ("require: [colour]", "lists fields, from"),
    ("glossary_complete: 1", "must be true or false"),
    ("max_everything: 1", "unknown field 'max_everything'"),
])
def test_a_policy_mistake_is_one_clear_line(tmp_path: Path, policy: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"extra:\n  concordance:\n    policy:\n      {policy}\n")
    with pytest.raises(ConcordanceError) as caught:
        load_site_config(tmp_path)
    assert str(caught.value).startswith("mkdocs.yml: ") and message in str(caught.value)
