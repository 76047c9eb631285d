"""Where pages are and how one links to another: the site's address arithmetic, in one place."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote as urlquote

from ..model import Claim, Passage


@dataclass
class Addresses:
    """Where each page is, relative to the site root, as the generator lays them out."""

    topics: dict[str, str]
    sources: dict[str, str]
    overview: str
    home: str = ""
    about: str = ""  # "How to read this site", when the site has one

    def claim(self, claim: Claim) -> str:
        return f"{self.topics[claim.topic]}#{claim.id}"

    def passage(self, passage: Passage, came_from: Claim | None = None) -> str:
        """A passage on its source page; `came_from`, the claim a reader follows it from, rides in the query
        so that the page can offer the way back to that claim (concordance.js reads it)."""
        query = f"?from={_quoted(came_from.id)}" if came_from is not None else ""
        return f"{self.sources[passage.source]}{query}#{passage.id}"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another, both addressed relative to the site root."""
    target, _, anchor = to_url.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if target == from_url and anchor:
        return suffix
    path, mark, query = target.partition("?")
    if mark and path.endswith("/") and _segments(path) is not None:
        # A passage's address on a directory page carries the claim it is followed from: the page part is worked
        # out once for every claim.
        rel = _relative_path(from_url, path)
        return f"{'' if rel == './' else rel}?{query}{suffix}"
    return _relative_path(from_url, target) + suffix


@lru_cache(maxsize=1 << 16)  # a page links to the same pages many times: 134,000 links, 52,000 pairs at 1,000 sources
def _relative_path(from_url: str, target: str) -> str:
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    rel = _relpath(target, base)
    if (target.endswith("/") or not target) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" or rel == ".":
        rel = "./"
    return rel


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath("/" + target, "/" + base), without its many steps for plain addresses: pages
    link hundreds of thousands of times in a large site, from a few thousand pages (their bases cached)."""
    to, start = [p for p in target.split("/") if p], _segments(base)
    if "." in to or ".." in to or start is None:
        return posixpath.relpath("/" + target, "/" + base)
    i, n = 0, min(len(to), len(start))
    while i < n and to[i] == start[i]:
        i += 1
    return "/".join([".."] * (len(start) - i) + to[i:]) or "."


@lru_cache(maxsize=1 << 14)
def _segments(address: str) -> tuple[str, ...] | None:
    """An address's non-empty segments, or None if one is "." or ".." (posixpath then does the work)."""
    parts = tuple(p for p in address.split("/") if p)
    return None if "." in parts or ".." in parts else parts


# What urlquote(text, safe="") leaves as it is; a space is the one character of plain prose it changes.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~ -]*")


def _quoted(text: str) -> str:
    """urlquote(text, safe=""), answered at once for plain words: every quote is linked in its original."""
    if _UNQUOTED.fullmatch(text):
        return text.replace(" ", "%20")
    return urlquote(text, safe="")


def text_fragment(url: str, quote: str) -> str:
    """A deep link to the quote's place in the original page (#:~:text=start,end)."""
    words = quote.split()
    if len(words) > 8:
        spec = f"{_quoted(' '.join(words[:4]))},{_quoted(' '.join(words[-4:]))}"
    else:
        spec = _quoted(" ".join(words))
    return f"{url}#:~:text={spec.replace('-', '%2D')}"
