"""Render: Markdown for page structure plus HTML fragments, from Jinja2 templates, for everything built from data.

A page is Markdown (headings, maintainers' summaries) with slots; the HTML of each slot is inserted after
Markdown has run, so text from sources never passes through the site's Markdown extensions. The templates
(src/concordance/templates/) escape everything they are given unless it is `Markup` already.

One module per page family: topic, source, overview, indexes (and the home page's markers), review; the
address arithmetic is in urls, the shared state and vocabulary in context.
"""

from __future__ import annotations

from collections.abc import Callable

from ..analyse import Analysis
from ..config import SiteConfig
from ..model import Source, Topic
from .context import MAX_LISTED_SOURCES, STANCE_ICON, STANCE_WORD, VERDICT_ICON, VERDICT_LABEL, Context
from .indexes import fill_markers, sources_index, topics_index
from .overview import OverviewPage
from .page import SLOT_PATTERN, Page, markdown_text, slot
from .review import review_page
from .source import SourcePages
from .topic import TopicPages
from .urls import Addresses, relative, text_fragment

__all__ = ["MAX_LISTED_SOURCES", "PAGE_KINDS", "SLOT_PATTERN", "STANCE_ICON", "STANCE_WORD", "VERDICT_ICON",
           "VERDICT_LABEL", "Addresses", "Page", "Renderer", "markdown_text", "relative", "slot", "text_fragment"]

# The generated pages that are neither a topic nor a source, by kind: the adapter names a kind per address.
PAGE_KINDS: dict[str, Callable[[Context, str], Page]] = {
    "overview": lambda r, here: OverviewPage(r).page(here),
    "topics": topics_index,
    "sources": sources_index,
    "review": review_page,
}



class Renderer:
    """The pages of one build. Made once per build, after the analysis; each method returns a Page."""

    def __init__(self, analysis: Analysis, addresses: Addresses, glossary: dict[str, str] | None = None,
                 site: SiteConfig | None = None) -> None:
        self.context = Context(analysis, addresses, glossary, site)
        self.topics = TopicPages(self.context)
        self.sources = SourcePages(self.context)

    def topic_page(self, topic: Topic, here: str) -> Page:
        return self.topics.page(topic, here)

    def source_page(self, source: Source, here: str) -> Page:
        return self.sources.page(source, here)

    def generated(self, kind: str, here: str) -> Page:
        """A generated page of one of PAGE_KINDS."""
        return PAGE_KINDS[kind](self.context, here)

    def fill_markers(self, markdown: str, here: str) -> Page:
        return fill_markers(self.context, markdown, here)
