"""Stale summaries: a topic's summary and answer speak of its verdicts and of who speaks ("all four articles",
"only the clinic..."). When those change after a maintainer last read them, they may be wrong, and nothing else
would say so.

`concordance reviewed TOPIC` (make reviewed TOPIC=<id>) records a fingerprint of the topic's claims (each
claim's verdict and the sources that speak to it) in the topic's `reviewed:` field. Each build compares: a
topic whose fingerprint differs, or that has none, is stale. The build notes it, the review page lists it, and
a site whose policy sets `summaries_reviewed: true` fails `make check` until it is reviewed again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .analyse import Analysis
from .errors import ConcordanceError
from .model import BuildWarning, Topic


def fingerprint(analysis: Analysis, topic: Topic) -> str:
    """Eight hex digits that change when any claim's verdict, or the set of sources speaking to it, changes."""
    parts = sorted(f"{c.id}={analysis.verdict(c)}:{','.join(sorted({p.source for p in c.positions}))}"
                   for c in topic.claims)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:8]


def stale_topics(analysis: Analysis) -> list[Topic]:
    """Topics whose summary and answer were last reviewed for other verdicts or other speaking sources."""
    return [t for t in analysis.corpus.topics.values() if t.reviewed != fingerprint(analysis, t)]


_REVIEWED_LINE = re.compile(r"^reviewed:.*$", re.M)


def mark_reviewed(path: Path, stamp: str) -> None:
    """Write `reviewed: <stamp>` into a topic file's front matter, replacing an older one; nothing else changes."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        raise ConcordanceError(path, "has no front matter to record the review in.")
    end = text.index("\n---", 3)
    head, rest = text[:end], text[end:]
    line = f"reviewed: {stamp}"
    head = _REVIEWED_LINE.sub(line, head, count=1) if _REVIEWED_LINE.search(head) else f"{head}\n{line}"
    path.write_text(head + rest, encoding="utf-8")


def stale_notes(analysis: Analysis) -> list[BuildWarning]:
    """One note per stale topic, for the build's output."""
    return [BuildWarning(f"docs/topics/{t.id}.md",
                         ("its summary and answer were last reviewed when its claims' verdicts or speaking sources "
                          "differed" if t.reviewed else "its summary and answer are not marked as reviewed")
                         + f". Read them against the claims, then run: make reviewed TOPIC={t.id}")
            for t in stale_topics(analysis)]
