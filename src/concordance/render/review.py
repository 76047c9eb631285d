"""The review queue, for maintainers: each source's quoted share and the sentences no claim quotes yet."""

from __future__ import annotations

from ..coverage import coverage
from .context import Context
from .page import Page, slot


def review_page(r: Context, here: str) -> Page:
    return Page.of(["# Review queue", "", "For maintainers: how much of each source the claims quote, and the "
                    "sentences no claim quotes yet. A sentence counts as quoted when claims quote at least half "
                    "of it. `make coverage` prints the same report.", "", slot("review"), ""],
                   review=r.templates("indexes").review(here, coverage(r.a)))
