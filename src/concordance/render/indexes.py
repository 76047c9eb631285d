"""The topics and sources indexes, and the blocks a hand-written page (the home page) asks for by marker."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .context import Context
from .overview import OverviewPage
from .page import Page, markdown_text, slot


def topics_index(r: Context, here: str) -> Page:
    return Page.of(["# Topics", "", "Each topic page puts the sources side by side, claim by claim.", "",
                    slot("glance"), ""], glance=r.templates("indexes").topics_glance(here))


def sources_index(r: Context, here: str) -> Page:
    return Page.of(["# Sources", "", "The articles compared on this site, with who published them, what kind of "
                    "text each is, and any commercial interest visible in it.", "", slot("list"), ""],
                   list=r.templates("indexes").sources_list(here))


# What each marker in a hand-written page becomes: (slot name, the block's maker).
MARKERS: dict[str, tuple[str, Callable[[Context, str], Markup]]] = {
    "<!-- concordance:topics -->": ("topics_glance", lambda r, here: r.templates("indexes").topics_glance(here)),
    "<!-- concordance:sources -->": ("sources_list", lambda r, here: r.templates("indexes").sources_list(here)),
    "<!-- concordance:disputed -->": ("disputed_list", lambda r, here: OverviewPage(r).disputed(here)),
    "<!-- concordance:answers -->": ("answers", lambda r, here: r.templates("indexes").answers(here)),
    "<!-- concordance:notice -->": ("notice", lambda r, here: r.templates("indexes").notice()),
    "<!-- concordance:references -->": ("references", lambda r, here: r.templates("indexes").references()),
}
# Markers replaced by text in the page's Markdown itself (so they may stand in a heading): the site's words.
TEXT_MARKERS: dict[str, Callable[[Context], str]] = {
    "<!-- concordance:subject -->": lambda r: markdown_text(r.site.subject),
}


def fill_markers(r: Context, markdown: str, here: str) -> Page:
    """Replace the markers a hand-written page (like the home page) may hold with generated blocks."""
    for marker, text in TEXT_MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, text(r))
    page = Page(markdown)
    for marker, (name, make) in MARKERS.items():
        if marker in page.markdown:
            page.markdown = page.markdown.replace(marker, slot(name))
            page.fragments[name] = make(r, here)
    return page
