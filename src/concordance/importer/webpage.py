"""Saved web pages: the head's metadata, the article extracted by trafilatura, fetching a page."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from ..text import is_web_address
from .shapes import _words


class PageError(Exception):
    """A page that cannot be read or fetched; the message is one line."""


class _HeadReader(HTMLParser):
    """The metadata a page states in its head: <title>, og:title, author, published time, site name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, " ".join(a["content"].split()))
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"].strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def page_metadata(html: str) -> dict[str, str]:
    """title, author, published, publisher and url from the page's head, each with where it came from."""
    reader = _HeadReader()
    reader.feed(html)
    meta, found = reader.meta, {}

    def take(key: str, *names: str) -> None:
        for name in names:
            value = reader.title if name == "<title>" else meta.get(name, "")
            value = " ".join(value.split())
            if value:
                found[key], found[f"{key} from"] = value, f"the page's {name}"
                return

    take("title", "og:title", "twitter:title", "<title>")
    take("author", "author", "article:author", "parsely-author", "dc.creator")
    take("published", "article:published_time", "datepublished", "date", "dc.date")
    take("publisher", "og:site_name", "application-name")
    take("url", "canonical", "og:url")
    if found.get("title from") == "the page's <title>" and found.get("publisher"):
        # "Nasal spray approved – The Northern Ledger": the site's name is not part of the article's title.
        suffix = re.compile(rf"\s+[|–—:-]\s+{re.escape(found['publisher'])}\s*$", re.I)
        found["title"] = suffix.sub("", found["title"]) or found["title"]
    if "published" in found:  # "2024-05-01T09:00:00+00:00": the day is what a source's front matter holds
        day = re.match(r"\d{4}-\d{2}-\d{2}", found["published"])
        if day:
            found["published"] = day.group(0)
        else:  # a date in words: the text's own date line, or a person, can say it
            del found["published"], found["published from"]
    if found.get("author", "").startswith(("http://", "https://")):  # a profile link, not a name
        del found["author"]
    if "url" in found and not is_web_address(found["url"]):
        del found["url"]
    return {k: v for k, v in found.items() if v}


def extract_article(html: str) -> tuple[str, int]:
    """The article's text, as Markdown, from a saved page, and how many words the whole page shows.

    trafilatura finds the main content and leaves the menus, banners, footers and link lists out; its
    output is the text the word check compares against. It is asked to favour recall: what it leaves out
    no report can show, while chrome it lets through meets the line rules, and the removal report.
    """
    try:
        import trafilatura
    except ImportError:
        raise PageError("reading a web page needs trafilatura: run `make import FILE=...` (it installs it), or "
                        "`.venv/bin/pip install -r requirements-import.lock`.") from None
    text = trafilatura.extract(html, output_format="markdown", include_formatting=True, include_links=False,
                               include_images=False, include_comments=False, include_tables=True,
                               deduplicate=False, favor_recall=True)
    return text or "", len(_words(trafilatura.html2txt(html) or ""))


def looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(
        re.match(r"\s*(?:<!doctype html|<html\b)", text[:1000], re.I))


def fetch(url: str, timeout: float = 20) -> str:
    """The page at ``url``; PageError in one line when it cannot be had (offline, refused, an HTTP error)."""
    request = urllib.request.Request(  # noqa: S310 - the caller checked the address is http(s)
        url, headers={"User-Agent": "concordance-importer/0.1 (+saved for review)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked
            body = response.read()
            charset: str = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as e:
        raise PageError(f"{url} answered HTTP {e.code} ({e.reason}); nothing was written. Save the page from "
                        "a browser and run make import FILE=page.html URL=...") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise PageError(f"cannot fetch {url}: this machine seems to be offline, or the site does not answer "
                        f"({reason}). Save the page from a browser and run make import FILE=page.html "
                        f"URL={url}") from None
    text: str = body.decode(charset, errors="replace")
    return text
