"""Stale summaries: a topic's summary and answer are re-read when its verdicts or speaking sources change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from concordance import build_analysis
from concordance.checks import check
from concordance.config import Policy, SiteConfig
from concordance.review import fingerprint, stale_topics

SOURCE = """---
title: {title}
publisher: {title} Press
kind: magazine feature
interests: None visible.
---
Adults need seven hours of sleep. Naps help. {extra}
"""

TOPIC = """---
title: How much sleep?
claims:
  - id: seven-hours
    statement: Adults need seven hours of sleep.
    positions:
      - source: one
        stance: supports
        quote: Adults need seven hours of sleep.
---
The one article says adults need seven hours.
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "topics").mkdir(parents=True)
    (tmp_path / "sources" / "one.md").write_text(SOURCE.format(title="One", extra=""), encoding="utf-8")
    (tmp_path / "docs" / "topics" / "sleep.md").write_text(TOPIC, encoding="utf-8")
    return tmp_path


def analyse(root: Path):
    return build_analysis(root / "sources", root / "docs" / "topics", root=root)


def reviewed(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concordance.cli", "reviewed", *args, "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def test_a_topic_never_reviewed_is_stale_until_marked(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert [t.id for t in stale_topics(analyse(root))] == ["sleep"]
    done = reviewed(root, "sleep")
    assert done.returncode == 0, done.stderr
    text = (root / "docs" / "topics" / "sleep.md").read_text(encoding="utf-8")
    analysis = analyse(root)
    assert f"reviewed: {fingerprint(analysis, analysis.corpus.topics['sleep'])}" in text
    assert stale_topics(analysis) == []
    assert text.endswith("The one article says adults need seven hours.\n"), "the summary is untouched"


def test_a_new_source_speaking_to_a_claim_makes_its_summary_stale(tmp_path: Path) -> None:
    root = project(tmp_path)
    reviewed(root, "--all")
    (root / "sources" / "two.md").write_text(SOURCE.format(title="Two", extra="Some need less."), encoding="utf-8")
    topic = root / "docs" / "topics" / "sleep.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "        quote: Adults need seven hours of sleep.\n",
        "        quote: Adults need seven hours of sleep.\n"
        "      - source: two\n        stance: qualifies\n        quote: Some need less.\n"), encoding="utf-8")
    analysis = analyse(root)
    assert [t.id for t in stale_topics(analysis)] == ["sleep"], "verdict and speakers changed: 'the one article'"
    failures = check(analysis, SiteConfig(policy=Policy(summaries_reviewed=True)), root).failures
    assert failures == ["docs/topics/sleep.md: its summary and answer were last reviewed when its claims' verdicts "
                        "or speaking sources differed. Read them against the claims, then run: "
                        "make reviewed TOPIC=sleep"]
    assert check(analysis, SiteConfig(), root).failures == [], "a site that does not ask is not held to it"


def test_an_unknown_topic_is_a_clear_error(tmp_path: Path) -> None:
    done = reviewed(project(tmp_path), "slep")
    assert done.returncode == 2 and "no topic 'slep'" in done.stderr


def test_the_review_page_lists_the_topics_to_re_read(tmp_path: Path) -> None:
    from site_tools import build, corpus_project, parse

    project = corpus_project(tmp_path / "p")
    topics = sorted(p.stem for p in (project / "docs" / "topics").glob("*.md"))
    reviewed(project, topics[0])
    built = build(project, tmp_path / "site")
    assert built.ok, built.output
    html = (built.site / "maintainers" / "review" / "index.html").read_text(encoding="utf-8")
    stale = html[html.index('id="stale-summaries"'):html.index('id="likely-contradictions"')]
    listed = {topic for topic in topics if f"<code>{topic}</code>" in stale}
    assert listed == set(topics[1:]), "every topic not reviewed is listed, the reviewed one is not"
    assert "make reviewed TOPIC=" in parse(stale).text


def test_the_review_page_stays_out_of_the_readers_search_the_sitemap_and_search_engines(tmp_path: Path) -> None:
    import gzip
    import json
    import re

    from site_tools import build, corpus_project

    project = corpus_project(tmp_path / "p")
    built = build(project, tmp_path / "site")
    assert built.ok, built.output
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not any(loc.startswith("maintainers/") for loc in locations)
    assert any(loc.startswith("topics/") for loc in locations), "readers' pages are still searchable"

    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert not any("/maintainers/" in loc for loc in listed), "the review page is not in the sitemap"
    topics = {p.stem for p in (project / "docs" / "topics").glob("*.md") if p.stem != "index"}
    assert topics and all(any(loc.endswith(f"/topics/{t}/") for loc in listed) for t in topics), "topics are"
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()).decode() == sitemap, "so is its gzip copy"

    robots = re.compile(r'<meta name="robots" content="noindex">')
    assert robots.search((built.site / "maintainers" / "review" / "index.html").read_text(encoding="utf-8"))
    assert not robots.search((built.site / "index.html").read_text(encoding="utf-8")), "readers' pages are indexed"
