"""A site's editorial checks: `make check` (concordance check), and `make test` through tests/test_site_policy.py.

The tool's own tests pass for any valid site; these are the rules a site sets for itself in
`extra.concordance.policy` (see config.py). Every rule is off until the site turns it on, so a new site starts
lenient, and the default site keeps its levels. The report gives figures per source and per topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .analyse import Analysis
from .config import SiteConfig, read_glossary
from .coverage import coverage
from .review import stale_notes

ADVICE = re.compile(r"\b(you should|you must|we recommend|we advise|talk to your doctor about starting|"
                    r"is right for you|consider trying)\b", re.IGNORECASE)
ABBREVIATION = re.compile(r"\b([A-Z]{2,}s?)\b")
ALWAYS_KNOWN = {"US", "USD", "UK", "EU"}


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)  # figures, for reading
    failures: list[str] = field(default_factory=list)  # each rule broken, one line each

    @property
    def ok(self) -> bool:
        return not self.failures

    def text(self) -> str:
        out = [*self.lines]
        if self.failures:
            out.append(f"{len(self.failures)} rule{'s' if len(self.failures) > 1 else ''} of the site's policy "
                       "broken:")
            out += [f"  - {f}" for f in self.failures]
        else:
            out.append("Every rule of the site's policy holds.")
        return "\n".join(out) + "\n"


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


def reading_ease(text: str) -> float:
    """Flesch reading ease: 60 and above reads as plain English."""
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text.strip()) if s.strip()] or [text]
    words = text.split() or [""]
    syllables = sum(_syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * syllables / len(words)


def check(analysis: Analysis, site: SiteConfig, root: Path) -> CheckReport:
    corpus, policy, report = analysis.corpus, site.policy, CheckReport()
    fail = report.failures.append
    shares = coverage(analysis)
    report.lines.append(f"{len(corpus.sources)} sources, {len(corpus.topics)} topics, {len(corpus.claims)} claims.")
    report.lines.append("Share of each article's sentences that claims quote:")
    for sid, cov in shares.items():
        report.lines.append(f"  {sid}: {cov.share:.0%} of {len(cov.sentences)} sentences")
        if cov.share < policy.min_quoted_share:
            fail(f"sources/{sid}.md: {cov.share:.0%} of its sentences are quoted, below the site's "
                 f"{policy.min_quoted_share:.0%}. `make coverage` lists the {len(cov.unquoted)} left.")
    if len(corpus.topics) < policy.min_topics:
        fail(f"docs/topics/: {len(corpus.topics)} topics, fewer than the site's {policy.min_topics}.")
    if len(corpus.sources) < policy.min_sources:
        fail(f"sources/: {len(corpus.sources)} sources, fewer than the site's {policy.min_sources}.")
    cited = {p.source for c in corpus.claims for p in c.positions}
    for source in corpus.sources.values():
        for name in policy.require:
            if not getattr(source, name):
                fail(f"sources/{source.id}.md: '{name}' is empty; the site's policy requires it on every source.")
        if policy.all_sources_cited and source.id not in cited:
            fail(f"sources/{source.id}.md: no claim cites it yet. Cite it in a topic (`make coverage`).")
        if policy.no_review_left and source.review:
            fail(f"sources/{source.id}.md: fields still to review: {', '.join(source.review)}.")
    for topic in corpus.topics.values():
        where = f"docs/topics/{topic.id}.md"
        for name in policy.require_topic:
            if not getattr(topic, name):
                fail(f"{where}: '{name}' is empty; the site's policy requires it on every topic.")
        if policy.min_answer_reading_ease and topic.answer:
            ease = reading_ease(topic.answer)
            if ease < policy.min_answer_reading_ease:
                fail(f"{where}: the answer reads at {ease:.0f} (Flesch), below the site's "
                     f"{policy.min_answer_reading_ease:.0f}: use shorter words and sentences.")
        if policy.no_advice:
            for text, what in [(topic.summary, "summary"), (topic.answer, "answer"), (topic.headline, "headline"),
                               *((c.statement, f"claim '{c.id}'") for c in topic.claims)]:
                if m := ADVICE.search(text):
                    fail(f"{where}: the {what} gives advice ('{m.group()}'): say what the articles say instead.")
    if policy.summaries_reviewed:
        for note in stale_notes(analysis):
            fail(str(note))
    if policy.glossary_complete:
        defined = set(read_glossary(root / site.glossary))
        words = " ".join([t.summary for t in corpus.topics.values()] + [t.answer for t in corpus.topics.values()] +
                         [t.headline for t in corpus.topics.values()] +
                         [c.statement for c in corpus.claims])
        missing = sorted(set(ABBREVIATION.findall(words)) - defined - ALWAYS_KNOWN)
        if missing:
            fail(f"{site.glossary}: abbreviations used in summaries, answers, headlines or statements are not in the "
                 f"glossary: {', '.join(missing)}.")
    return report
