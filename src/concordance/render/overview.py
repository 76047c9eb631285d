"""The overview: who covers what, who agrees with whom, and every disputed claim."""

from __future__ import annotations

from markupsafe import Markup

from .context import MAX_LISTED_SOURCES, Context, fragment
from .page import Page, slot

# Past MAX_LISTED_SOURCES, the pairs that share the most claims: every pair would make a page that grows with the
# corpus (4,605 rows at 1,000 sources), and each source's page lists its own pairs.
MAX_LISTED_PAIRS = 2 * MAX_LISTED_SOURCES


class OverviewPage:
    def __init__(self, r: Context) -> None:
        self.r = r
        self.t = r.templates("overview")

    def page(self, here: str) -> Page:
        md = ["# Overview", "", "Who covers what, who agrees with whom, and every disputed claim.", "", slot("key"), "",
              "## Topics by sources", "", slot("topics"), "",
              "## How pairs of sources compare", "", slot("pairs"), "",
              "## Disputed claims", "", slot("disputed"), ""]
        return Page.of(md, key=self.t.key(here), topics=self.topics_by_sources(here),
                       pairs=self.sources_by_sources(here), disputed=self.disputed(here))

    def topics_by_sources(self, here: str) -> Markup:
        if not self.r.few_sources:  # too many sources for a column each
            return fragment(self.t.topics_by_speakers(here))
        return fragment(self.t.topics_by_sources(here, list(self.r.corpus.sources.values())))

    def sources_by_sources(self, here: str) -> Markup:
        r = self.r
        if r.few_sources:
            return fragment(self.t.sources_by_sources(here, list(r.corpus.sources.values())))
        order = r.order
        most = sorted(r.a.pairs.items(), key=lambda kv: (-kv[1].shared, order[kv[0][0]], order[kv[0][1]]))
        shown = sorted(most[:MAX_LISTED_PAIRS], key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
        return fragment(self.t.source_pairs(here, [(r.source(a), r.source(b), rec) for (a, b), rec in shown],
                                            len(r.a.pairs) - len(shown)))

    def disputed(self, here: str) -> Markup:
        return fragment(self.t.disputed(here, self.r.a.disputed))
