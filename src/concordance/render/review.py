"""The review queue, for maintainers: stale summaries, likely contradictions and the mentions of a topic its
claims do not quote first, then each source's quoted share and the sentences no claim quotes yet, each with the
existing claims it most likely speaks to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..coverage import Sentence, SourceCoverage, coverage
from ..review import stale_topics
from ..suggest import ClaimIndex, Suggestion, pending_sentences, suggest_for
from .context import MAX_LISTED_SOURCES, Context
from .page import Page, slot

# Past claims × pending sentences = this, the review page lists sentences without suggestions: ranking is pure
# Python here (the build has no numpy), and `make suggest SOURCE=<id>` does it quicker for one source. At this
# size a worst-case synthetic corpus adds about half a second to a build (BENCHMARKS.md).
REVIEW_SUGGEST_BUDGET = 100_000


@dataclass
class Suggestions:
    """What the review page shows of the suggestions: per (source, sentence start) its likely claims, the
    likely contradictions, and a note when there were too many to rank during the build."""

    by_sentence: dict[tuple[str, int], list[Suggestion]]
    contradictions: list[tuple[str, Sentence, Suggestion]]
    too_many: str = ""


def suggestions(r: Context, report: dict[str, SourceCoverage]) -> Suggestions:
    pending = {sid: pending_sentences(cov.sentences) for sid, cov in report.items()}
    count = sum(len(p[0]) for p in pending.values())
    claims = r.corpus.claims
    if not claims or not count:
        return Suggestions({}, [])
    if len(claims) * count > REVIEW_SUGGEST_BUDGET:
        return Suggestions({}, [], f"{count} sentences against {len(claims)} claims are too many to rank while the "
                                   "site builds")
    index = ClaimIndex(r.corpus, use_numpy=False)  # pure Python, so the page does not depend on installed extras
    by_sentence: dict[tuple[str, int], list[Suggestion]] = {}
    flagged: list[tuple[str, Sentence, Suggestion]] = []
    for sid, (sentences, contexts) in pending.items():
        for found in suggest_for(index, sentences, contexts, top=3):
            if found.claims:
                by_sentence[(sid, found.sentence.start)] = found.claims
            if found.contradiction is not None:
                flagged.append((sid, found.sentence, found.contradiction))
    return Suggestions(by_sentence, flagged)


def listed(report: dict[str, SourceCoverage]) -> tuple[dict[str, SourceCoverage], dict[str, SourceCoverage]]:
    """The sources whose unquoted sentences the page lists, and the rest (counted in a table). Past
    MAX_LISTED_SOURCES, the page lists those with the most sentences waiting, so it does not grow with the
    corpus; `make coverage` prints every source's."""
    shown = most(report, lambda sid: len(report[sid].unquoted))
    return ({sid: cov for sid, cov in report.items() if sid in shown},
            {sid: cov for sid, cov in report.items() if sid not in shown})


def most(keys: Iterable[str], count: Callable[[str], int]) -> set[str]:
    """The MAX_LISTED_SOURCES keys with the highest count (ties: the first), or all of them while they are few:
    what a page lists in full past that many, so it does not grow with the corpus."""
    return set(sorted(keys, key=lambda k: -count(k))[:MAX_LISTED_SOURCES])


def review_page(r: Context, here: str) -> Page:
    report, rest = listed(coverage(r.a))
    intro = ("For maintainers: topics whose summary may be stale, sentences that may contradict a claim, sentences "
             "that mention a topic its claims do not quote, then how much of each source the claims quote and the "
             "sentences no claim quotes yet. A sentence counts as quoted when claims quote at least half of it "
             "(`make coverage` prints the same report). Under each sentence are the existing claims it most likely "
             "speaks to, best first, with a stance hint and the cue behind it (`make suggest SOURCE=<id>` prints "
             "them with a position block to paste). Hints are cues for a person to check, not judgements.")
    mentions = [(t, r.a.mentions[t.id]) for t in r.corpus.topics.values() if r.a.mentions.get(t.id)]
    # As for sources: past MAX_LISTED_SOURCES topics, those with the most mentions, and a count of the others.
    shown = most((t.id for t, _ in mentions), lambda tid: len(r.a.mentions[tid]))
    more = len(mentions) - len(shown)
    mentions = [(t, items) for t, items in mentions if t.id in shown]
    return Page.of(["# Review queue", "", intro, "", slot("review"), ""],
                   review=r.templates("review").review(here, report, rest, suggestions(r, report), stale_topics(r.a),
                                                       mentions, more))
