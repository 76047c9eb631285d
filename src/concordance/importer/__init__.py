"""Import: turn an article saved from a web page into a source file, ``sources/<slug>.md``.

    concordance import RAW [--id SLUG] [--out sources/] [--url URL] [--format F] [--force]
    concordance import --url URL ...      (fetch the page, then as a saved page)

RAW is text copied from a page, a Markdown file, or the page saved as HTML (a main-content extractor,
trafilatura, takes the article out of it as Markdown; then it goes the Markdown way).

A page saved as text carries its chrome along: navigation, phone numbers, share buttons, sign-up and
insurance boxes, calls to action, photo credits. The importer removes it by *kinds* of line (the rules
in rules.py), never by a list of lines from one page, so an article from a site it has never seen comes out
clean too. Everything it removes is printed, one line per removed line with the rule that removed it, so
a person can check that no article text went with it. Headings, list items and the title are recognised
from the shape of the lines (from the marks, in Markdown); every such decision, every join of wrapped
lines and every piece of markup dropped is printed with its raw line. The front matter is filled where
the text (or the page's head) tells, and every field a person must still check is listed in ``review``.

The guarantee: before writing, the file is read back with the engine's reader and its words must be, in
order, the raw text's words less the lines listed as removed and the markup listed as dropped. Any
difference stops the import, names the raw line, and nothing is written.

It never overwrites a file unless told to with ``--force``: nothing a maintainer wrote is lost.

The standard library and PyYAML, and trafilatura for HTML only (requirements-import.lock): this runs
before any site is built, and must not need MkDocs.
"""

# Where each part lives (each module's docstring says more):
#   shapes.py     the shapes of lines: headings, bullets, sentence ends
#   rules.py      the chrome rules (RULES, match_rule) and removing chrome, boxes and empty headings
#   model.py      Unit, Removal, Markup and Imported, what the other modules pass around
#   markdown.py   Markdown input: its marks, and the inline markup dropped (MARKUP_SHAPES)
#   lines.py      text copied from a page: wrapped lines joined, headings and list items by their shape
#   fields.py     the front matter the text tells (author, publisher, date) and the placeholders
#   article.py    convert(): the steps in order, the title, the report of every decision
#   wordcheck.py  the word-for-word check
#   write.py      the source file: render, report, prepare (checks), write_source
#   webpage.py    saved web pages (trafilatura) and fetching one
#   cli.py        the `concordance import` command (main)

from __future__ import annotations

from .article import convert, looks_like_markdown
from .cli import check_slug, main
from .fields import PLACEHOLDERS
from .markdown import MARKUP_SHAPES
from .model import Imported, Markup, Removal, Unit
from .rules import RULES, Rule, match_rule
from .shapes import BOX_MAX_WORDS, HEADING_MAX_WORDS
from .webpage import PageError, extract_article, fetch, looks_like_html, page_metadata
from .wordcheck import WordCheckError, check_words, expected_words
from .write import prepare, render, report, slugify, write_source

__all__ = [
    "BOX_MAX_WORDS",
    "HEADING_MAX_WORDS",
    "MARKUP_SHAPES",
    "PLACEHOLDERS",
    "RULES",
    "Imported",
    "Markup",
    "PageError",
    "Removal",
    "Rule",
    "Unit",
    "WordCheckError",
    "check_slug",
    "check_words",
    "convert",
    "expected_words",
    "extract_article",
    "fetch",
    "looks_like_html",
    "looks_like_markdown",
    "main",
    "match_rule",
    "page_metadata",
    "prepare",
    "render",
    "report",
    "slugify",
    "write_source",
]
