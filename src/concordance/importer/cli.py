"""The `concordance import` command: read the file (or fetch the page), convert, check, write, report."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from ..errors import ConcordanceError
from ..frontmatter import read_text
from ..load import ID_RE, RESERVED_SOURCE_IDS
from ..text import is_web_address
from .article import convert
from .shapes import _words
from .webpage import PageError, extract_article, fetch, looks_like_html, page_metadata
from .wordcheck import WordCheckError
from .write import prepare, report, slugify, write_source

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_slug(slug: str) -> str | None:
    """Why this slug cannot be a source id, or None when it can."""
    if _CONTROL.search(slug):
        return (f"the source id {slug!r} holds a control character (a line break, a tab…): use lower-case "
                "letters, digits and hyphens, like 'sleep-clinic-faq'.")
    if not ID_RE.fullmatch(slug):  # fullmatch: "$" in ID_RE would let a final line break through
        return (f"'{slug}' is not a usable source id: use lower-case letters, digits and hyphens, like "
                "'sleep-clinic-faq'.")
    if slug in RESERVED_SOURCE_IDS:
        return f"'{slug}' is reserved for the list of sources: choose another id."
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="concordance import",
        description="Turn an article saved from a web page (text, Markdown or the saved HTML page) into "
                    "sources/<slug>.md and print what was removed and how the rest was read.")
    parser.add_argument("raw", type=Path, nargs="?", help="the article: text, Markdown, or a page saved as HTML")
    parser.add_argument("--id", dest="slug", help="the source id (file name without .md); default: from the title")
    parser.add_argument("--out", type=Path, default=Path("sources"), help="folder for the source (default: sources)")
    parser.add_argument("--url", default="", help="the article's web address; alone, the page is fetched from it")
    parser.add_argument("--format", choices=("auto", "text", "markdown", "html"), default="auto",
                        help="how to read the file (default: from its name and content)")
    parser.add_argument("--force", action="store_true", help="replace an existing source file of the same id")
    args = parser.parse_args(argv)

    def fail(message: str) -> int:
        print(f"error: {' '.join(message.split())}", file=sys.stderr)
        return 1

    if args.slug is not None and (why := check_slug(args.slug)):
        return fail(why)
    if args.url and not is_web_address(args.url):
        return fail(f"--url '{args.url}' is not a web address: give the article's http(s) address.")
    if args.raw is None and not args.url:
        return fail("give the article's file (FILE=raw.txt, page.md or page.html), or its address (URL=https://...).")
    meta: dict[str, str] = {}
    where = extracted = ""
    try:
        if args.raw is None:
            raw_name, text, fmt = args.url, fetch(args.url), "html"
        else:
            raw_name, text = args.raw.name, read_text(args.raw)
            fmt = args.format
            if fmt == "auto" and looks_like_html(args.raw, text):
                fmt = "html"
            elif fmt == "auto" and args.raw.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd"):
                fmt = "markdown"
        if fmt == "html":
            meta = page_metadata(text)
            text, page_words = extract_article(text)
            where = ", as the text extracted from the page (its line numbers)"
            kept_words = len(_words(text))
            extracted = (f"Extracted {kept_words} of the {page_words} words the page shows; the extractor left the "
                         f"other {max(page_words - kept_words, 0)} out as page chrome and they are not listed below: "
                         "compare with the page if a passage seems missing.")
            if not text.strip():
                return fail(f"{raw_name}: no article text found in the page; nothing was written.")
    except (ConcordanceError, PageError) as e:
        return fail(str(e))
    markdown = {"text": False, "markdown": True, "html": True}.get(fmt)
    imported = convert(text, url=args.url, markdown=markdown, meta=meta)
    if not imported.blocks:
        return fail(f"{raw_name}: no article text left after removing page chrome; nothing was written.")
    slug = args.slug or slugify(imported.fields["title"] if "title" not in imported.review
                                else (args.raw.stem if args.raw else ""))
    if why := check_slug(slug):
        return fail(f"{why} Give one with --id.")
    target = args.out / f"{slug}.md"
    if target.exists() and not args.force:
        return fail(f"{target} already exists; nothing was written. Choose another --id, or pass --force to "
                    "replace it.")
    try:
        content, checked = prepare(imported, raw_name)
    except WordCheckError as e:
        return fail(f"{raw_name} {e}")
    except ConcordanceError as e:
        return fail(f"the imported text does not load ({e}); nothing was written.")
    if extracted:
        print(extracted)
    for line in report(imported, raw_name, where):
        print(line)
    try:
        write_source(content, target, force=args.force)
    except FileExistsError:
        return fail(f"{target} already exists; nothing was written.")
    kinds = Counter(kind for kind, _, _ in imported.blocks)
    print(f"Checked: the {checked} words written are the raw text's, in order, less the removed lines and the "
          "markup listed.")
    print(f"Wrote {target}: {kinds['paragraph']} paragraphs, {kinds['heading']} headings, {kinds['item']} list "
          f"items.")
    if imported.review:
        print(f"To review in its front matter: {', '.join(imported.review)}.")
    return 0
