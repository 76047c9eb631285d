"""Import: turn an article saved from a web page into a source file, ``sources/<slug>.md``.

    concordance import RAW [--id SLUG] [--out sources/] [--url URL] [--format F] [--force]
    concordance import --url URL ...      (fetch the page, then as a saved page)

RAW is text copied from a page, a Markdown file, or the page saved as HTML (a main-content extractor,
trafilatura, takes the article out of it as Markdown; then it goes the Markdown way).

A page saved as text carries its chrome along: navigation, phone numbers, share buttons, sign-up and
insurance boxes, calls to action, photo credits. The importer removes it by *kinds* of line (the rules
below), never by a list of lines from one page, so an article from a site it has never seen comes out
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

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import ConcordanceError
from .load import ID_RE, load_source, read_text

try:  # newer load.py reserves some ids (e.g. "index", the list of sources)
    from .load import RESERVED_SOURCE_IDS
except ImportError:  # pragma: no cover - older engine
    RESERVED_SOURCE_IDS = {"index"}

# ------------------------------------------------------------------ shapes of lines

# A heading is short. The longest real heading in the seed articles is a 16-word magazine title.
HEADING_MAX_WORDS = 20
# A chrome box (sign-up, insurance, book offer) holds short text. A paragraph longer than this is the
# article's own text even when it sits under a box heading, so it ends the box instead of being removed.
BOX_MAX_WORDS = 40
# Text ending like a sentence is not a heading. "?" is allowed: FAQ headings are questions.
_SENTENCE_END = ".,;:!…"
_CLOSERS = "\"'”’)]»"
# Bullets as pages render them: "•", "·", "▪", ... or Markdown's "- x", "* x", "+ x".
_BULLET = re.compile(r"^(?:[•·▪◦●‣∙■□➤►]\s*|[-*+]\s+)(?P<text>\S.*)$")
# An en or em dash leads a list item only in a run of dash-led lines ("— Why Rock Bottom…", "–And much more!"),
# and never when glued to a number: "–4.1: How concerned…" is text whose dash is one of its characters.
_DASH_BULLET = re.compile(r"^[–—](?:\s+(?P<spaced>\S.*)|(?P<glued>[^\s\d].*))$")
_DASH_LED = re.compile(r"^(?:[–—]|-\s)")
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")
# Words left lower case in a title-case heading.
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
                "over", "per", "the", "to", "vs", "via", "with"}


def _words(text: str) -> list[str]:
    """Words that carry letters or digits: "·" and "—" alone are not words."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _ends_like_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _heading_shaped(text: str) -> bool:
    """Short, with letters, and not ending like a sentence: could be a heading (the neighbours decide)."""
    words = _words(text)
    return (0 < len(words) <= HEADING_MAX_WORDS and any(c.isalpha() for c in text)
            and not _ends_like_sentence(text) and not _BULLET.match(text))


def _title_case(text: str) -> bool:
    """Most words that are not small words start with a capital (or a digit)."""
    words = re.findall(r"[^\W_][\w'’.-]*", text)
    significant = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capital = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capital / len(significant) >= 0.75


def _normal(text: str) -> str:
    """Text as the rules see it: lower case, straight apostrophes, no arrows or bullets around it."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = text.strip(" \t←→«»‹›<>|•·✓✔*#-–—")
    return text.rstrip(".…!:|").strip()


# ------------------------------------------------------------------ the rules


@dataclass(frozen=True)
class Rule:
    """A kind of page chrome. A line is removed when the pattern matches and the line is short enough."""

    name: str  # shown in the removal report
    pattern: re.Pattern[str]  # searched in the _normal() form of the line, or in the line itself if cased
    max_words: int  # a longer line is article text even when it matches: an article may say "call us today"
    # A heading it matches opens a box whose lines go too (see _apply_boxes). Only for chrome whose lines do
    # not give themselves away: a sales pitch under "Take the first step", a book's teaser list, expert names.
    # Sign-up, insurance and cookie lines each match a rule of their own.
    box: bool = False
    cased: bool = False  # capitals matter: "By Jane Doe" is a byline, "By blocking these receptors…" is not


def _rule(name: str, pattern: str, max_words: int, box: bool = False, cased: bool = False) -> Rule:
    return Rule(name, re.compile(pattern), max_words, box, cased)


_NETWORKS = r"(?:x|facebook|twitter|reddit|linkedin|pinterest|whatsapp|telegram|threads|bluesky|mastodon|flipboard|messenger|tumblr)"
_PHONE = r"(?:\+?\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A person's name in a byline: capitalised words, perhaps after a title ("Dr. Ada Lovelace", "Jane Doe").
_NAME = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"

RULES: tuple[Rule, ...] = (
    # Menus and buttons: the whole line is one of the words a site puts around every page.
    _rule("navigation", r"^(?:call us|text us|email us|contact(?: us)?|send us a message|message us|chat with us"
          r"|table of contents|contents|in this article|menu|home|search|skip to (?:main )?content|share"
          r"|share this(?: article| post| page| story)?|print|next|previous|read more|back to top|scroll to top"
          r"|advertisement|sponsored(?: content)?|close|log ?in|sign ?in|follow us|get directions"
          r"|(?:loading|load|show|see)(?: more)?(?: posts| articles| stories| comments)?)$", 6),
    _rule("navigation (back link)", r"^back to\b", 8),
    _rule("reading time", r"^(?:\d+\s*(?:-|to)?\s*\d*\s*(?:min|mins|minutes?)(?: read| reading)?|(?:reading|read) time\b.*)$",
          6),
    _rule("phone number", _PHONE, 8),
    # "Post on X Facebook Reddit": nothing but share verbs and network names.
    _rule("share buttons", rf"^(?=.*\b{_NETWORKS}\b)(?:(?:share|post|tweet|pin|email|mail|print|copy|link|on|via|to"
          rf"|this|article|{_NETWORKS})\b[\s,|·•/]*)+$", 12),
    _rule("sign-up box", r"\bsign(?:ed)?[- ]?up (?:today|now|here|for)\b|\bno sign-?up\b|\bnewsletter\b"
          r"|\b(?:delivered |straight )+to your inbox\b|\bsubscribe\b|\bjoin our (?:mailing list|community)\b"
          r"|\benter your email\b", 40),
    # Calls to action. Short lines only: a long paragraph that asks the reader to call is the publisher's
    # own text, and it is evidence of the publisher's interest, so it stays.
    _rule("call to action", r"\b(?:take|find) (?:the|your) first step\b|\bcall us(?: today| now)?\b"
          r"|\bcontact us today\b|\bstart your (?:healing|recovery|journey) today\b"
          r"|\bget (?:started|help) (?:today|now)\b|\bcontinue the conversation\b|\bwe're here to help\b"
          r"|\b(?:speak|talk) (?:to|with) (?:an?|our) (?:specialist|advisor|expert|counselor)\b", 25, box=True),
    _rule("call to action", r"\bclick (?:below|here)\b|\b(?:get )?a free (?:quote|consultation|assessment)\b"
          r"|\b(?:book|schedule|request) (?:a|an|your) (?:free )?(?:consultation|appointment|call|assessment)\b",
          40, box=True),
    # "Covered?" "Verify Now". A heading such as "Addiction Treatment Covered by Insurance" is not matched
    # here (an article may ask whether a treatment is covered): it goes when the banner under it has gone.
    _rule("insurance banner", r"^covered\??$|^(?:covered\?\s*)?verify(?: now| (?:your )?(?:insurance|coverage"
          r"|benefits))\b", 8),
    # "We work with most PPO plans" is a banner; "Most insurance plans do not cover the treatment" is article text.
    _rule("insurance banner", r"\bin-network with\b|\bsee if your insurance\b|\bverify (?:your )?insurance\b"
          r"|\b(?:accepts?|takes?|works? with|with) (?:most|all)(?: major)? (?:ppo|insurance) plans\b"
          r"|\bsave up to \d+% .*insurance\b", 40),
    _rule("cookie banner", r"\b(?:we|this (?:site|website)) uses? cookies\b|\baccept (?:all )?cookies\b"
          r"|\bcookie (?:policy|settings|preferences)\b|^(?:accept|reject|decline)(?: all)?$", 40),
    _rule("book offer", r"\bmeet the book\b|\b(?:free|our) (?:e-?)?book\b|\bthis book has helped\b"
          r"|\bin this book,? you'll\b|\b(?:get|download|claim) (?:your|our|the|a) (?:free )?(?:copy|e-?book|book)\b"
          r"|\bgive it (?:to )?you for free\b", 40, box=True),
    _rule("photo credit", r"^(?:photo|image|photograph|illustration|credit|photo credit|image credit)s?\s*(?:\(.*\))?:\s*\S"
          r"|\b(?:getty images|shutterstock|istock|adobe stock|unsplash)\b", 12),
    # An image's alt text or file name: "…_Page_01 1(1)", "hero-image.jpg".
    _rule("image file name", r"\b[a-z]+_[a-z0-9_]+\b|\.(?:jpe?g|png|gif|webp|svg|avif)\b|\s\d+\(\d+\)$", 30),
    _rule("experts or related-posts box", r"^(?:experts? in this (?:article|story|post)|related (?:posts|articles"
          r"|stories|reading|content)|recommended(?: for you| reading| articles)?|you (?:may|might) also like"
          r"|read (?:this )?next|popular (?:posts|articles)|more from .*|leave a (?:reply|comment)|comments?)$",
          8, box=True),
    _rule("byline", rf"^(?:Written |Words |Story |Article )?[Bb]y\s+{_NAME}\s*(?:$|[,|·•—–-])"
          r"|^(?:(?:Medically|Fact[- ]checked) )?[Rr]eviewed by\s+[A-Z]|^Author:\s*[A-Z]", 14, cased=True),
    _rule("date line", rf"^(?:(?:published|updated|posted|last updated|last reviewed)(?: on)?:?\s+)?{_DATE}$", 10),
    _rule("copyright line", r"^(?:©|\(c\)|copyright\b)", 20),
    # "Home › Treatments › Acupuncture": three or more short crumbs with spaced separators. Last, so that a
    # byline or date line with a "|" in it is reported as what it is.
    _rule("navigation (breadcrumb)", r"^[^›»>|]{1,40}(?:\s[›»>|/]\s[^›»>|]{1,40}){2,}$", 10),
)

_BYLINE = re.compile(rf"^(?:Written |Words |Story |Article )?[Bb]y\s+(?P<name>{_NAME})\s*(?:$|[,|·•—–-])")
_BACK_TO = re.compile(r"^\W*back to\s+(?P<name>.+)$", re.I)
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+[A-Z]")
# "Back to Health News" goes back to a section, not to a person.
_NOT_NAMES = {"all", "articles", "blog", "category", "health", "home", "index", "insights", "library", "list",
              "menu", "news", "overview", "posts", "resources", "results", "search", "stories", "top"}
# Box text speaks to the reader or for the business; article prose often does neither.
_ADDRESSES_READER = re.compile(r"\b(?:we|we're|we’re|our|us|you|your|you're|you’re|you'll|you’ll)\b", re.I)
# "At Bayside Clinic, we offer…": a page speaking for the business that publishes it.
_AT_BRAND = re.compile(r"\bAt ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,3}), (?:we|our)\b")
# Someone quoted ("“At Kure, we…” Dr. Yun says") speaks for themselves, not for the publisher.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|]+)", re.I)


def match_rule(text: str) -> Rule | None:
    """The first rule that removes this line, if any."""
    norm = _normal(text)
    if not norm:
        return None
    cased = text.strip(" \t←→«»‹›<>|•·✓✔*#-–—")
    words = len(_words(text))
    for rule in RULES:
        if words <= rule.max_words and rule.pattern.search(cased if rule.cased else norm):
            return rule
    return None


# ------------------------------------------------------------------ from raw text to blocks


@dataclass
class Unit:
    """One line of the raw text, or a few lines found to belong together (a heading broken in two)."""

    lines: list[tuple[int, str]]  # (line number in the raw file, text of that line less its markup)
    group: int  # lines with no blank line between them share a group
    kind: str = "paragraph"  # "paragraph" | "heading" | "item"
    number: int = 0  # list number of a numbered item
    removed_by: str = ""  # why the line is not article text; empty when kept
    is_title: bool = False
    level: int = 2  # heading level: Markdown says it; a heading found by its shape is a section heading
    depth: int = 0  # how deep a Markdown list item is nested (the source format has flat lists)
    fixed: bool = False  # kind given by Markdown markup, not guessed from the line's shape

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines if t)  # an item's marker may stand alone on its line

    @property
    def line(self) -> int:
        return self.lines[0][0]


@dataclass
class Removal:
    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Markup:
    """Characters of a raw line that are markup, not article text: dropped, and listed in the report."""

    line: int
    start: int  # offset in the line with its leading and trailing spaces stripped
    end: int
    kind: str  # a key of MARKUP_SHAPES
    text: str


@dataclass
class Imported:
    """What the importer made of a raw article: the blocks, what it removed, and the front matter."""

    blocks: list[tuple[str, str, int]]  # (kind, text, level) as concordance.load parses them back
    removed: list[Removal]
    joined: list[tuple[int, int, str]]  # (line, onto line, why)
    fields: dict[str, str]
    review: list[str]
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where in the text it was found
    chrome_counts: Counter[str] = field(default_factory=Counter)
    markup: list[Markup] = field(default_factory=list)
    structure: list[tuple[int, str]] = field(default_factory=list)  # (raw line, decision) for the report
    raw_lines: list[str] = field(default_factory=list)  # the text the words are checked against
    title_line: int = 0  # raw line of the title; 0 when the title is not in the text (page metadata)


def _split(text: str) -> list[Unit]:
    units: list[Unit] = []
    group = 0
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()  # str.strip() also removes the no-break spaces pages leave on empty lines
        if not line:
            group += 1
            continue
        units.append(Unit([(n, line)], group))
    return units


# ------------------------------------------------------------------ Markdown

_MD_HEADING = re.compile(r"^(?P<open>#{1,6}(?:[ \t]+|$))(?P<text>.*?)(?P<close>[ \t]+#+)?[ \t]*$")
_MD_ITEM = re.compile(r"^(?P<marker>(?:[-*+•·▪◦●‣∙]|(?P<number>\d{1,9})[.)])[ \t]+)(?P<text>\S.*)$")
_MD_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # "---", "* * *": a thematic break
_MD_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")

# A link's address may hold parentheses of its own: ".../PIIS0140-6736(18)31809-9/fulltext".
_URL = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
_MD_IMAGE = re.compile(rf"!\[[^\]]*\]{_URL}")
_MD_LINK = re.compile(rf"(?P<open>\[)(?P<text>[^\]]+)(?P<close>\]{_URL}|\]\[[^\]]*\])")
_MD_CODE = re.compile(r"(?P<open>`+)(?P<text>[^`]+)(?P<close>(?P=open))")
_MD_STRONG = re.compile(r"(?<![*\w])(?P<open>\*\*\*?|__)(?=\S)(?P<text>.+?)(?<=\S)(?P<close>(?P=open))(?![*\w])")
_MD_EM = re.compile(r"(?<![*\w])(?P<open>\*)(?=[^\s*])(?P<text>.+?)(?<=[^\s*])(?P<close>\*)(?![*\w])"
                    r"|(?<!\w)(?P<uopen>_)(?=\S)(?P<utext>.+?)(?<=\S)(?P<uclose>_)(?!\w)")
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>|])")

# What each kind of dropped markup may hold. The word check refuses markup of any other shape: a rule that
# dropped a word and called it markup would otherwise pass the check.
MARKUP_SHAPES: dict[str, re.Pattern[str]] = {
    "heading hashes": re.compile(r"#{1,6}[ \t]*|[ \t]+#+"),
    "list marker": re.compile(r"(?:[-*+•·▪◦●‣∙■□➤►–—]|\d{1,9}[.)])[ \t]*"),
    "emphasis": re.compile(r"\*{1,3}|_{1,2}"),
    "link": re.compile(rf"\[|\]{_URL}|\]\[[^\]]*\]"),
    "image": re.compile(rf"!\[[^\]]*\]{_URL}"),
    "code mark": re.compile(r"`+"),
    "escape": re.compile(r"\\"),
    "quote marker": re.compile(r"(?:>[ \t]?)+"),
}


def _md_inline(line: int, text: str, markup: list[Markup], base: int = 0) -> str:
    """The text without its inline markup; each dropped piece is added to ``markup`` (offsets + ``base``).

    Code spans are read first so that "*" inside them stays; images go whole (their alt text is not the
    article's text, and the report lists them); links keep their text and lose "[" and "](url)".
    """
    spans: list[tuple[int, int, str]] = []
    masked = list(text)

    def take(start: int, end: int, kind: str) -> None:
        spans.append((start, end, kind))
        masked[start:end] = "\0" * (end - start)

    for pattern, kind in ((_MD_CODE, "code mark"), (_MD_IMAGE, "image"), (_MD_LINK, "link"),
                          (_MD_STRONG, "emphasis"), (_MD_EM, "emphasis")):
        for m in list(pattern.finditer("".join(masked))):
            groups = ("open", "close") if m.groupdict().get("open") is not None else ("uopen", "uclose")
            if kind != "image" and any("\0" in m.group(g) for g in groups):
                continue  # its marks would take marks already taken ("[x][`label`]"): leave it as text
            if kind == "image":
                take(m.start(), m.end(), kind)
                continue
            opening, closing = ("open", "close") if m.group("open") is not None else ("uopen", "uclose")
            take(m.start(opening), m.end(opening), kind)
            take(m.start(closing), m.end(closing), kind)
            if kind == "code mark":  # no markup is read inside code
                masked[m.start("text"):m.end("text")] = "\1" * (m.end("text") - m.start("text"))
    for m in _MD_ESCAPE.finditer("".join(masked)):
        take(m.start(), m.end(), "escape")
    kept, last = [], 0
    for start, end, kind in sorted(spans):
        markup.append(Markup(line, base + start, base + end, kind, text[start:end]))
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return " ".join("".join(kept).split())


def _split_markdown(text: str) -> tuple[list[Unit], list[tuple[int, int, str]], list[Markup]]:
    """Blocks from Markdown: its marks say what is a heading or a list item, so nothing is guessed.

    Lines with no blank line between them are one paragraph, or one list item (a hard-wrapped item, lazy
    or indented, continues on its next line however that line starts, so an item ending with "," goes on
    there). Nested items become items of the flat list the source format has; the report says how deep.
    """
    units: list[Unit] = []
    joined: list[tuple[int, int, str]] = []
    markup: list[Markup] = []
    current: Unit | None = None
    indents: list[int] = []  # the indents of the open lists, outermost first
    group = 0

    def removed(n: int, why: str) -> None:
        units.append(Unit([(n, "")], group, removed_by=why, fixed=True))

    fence = ""  # the open code fence, "```" or "~~~": lines inside are text as they stand, marks and all
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if fence or re.match(r"(`{3,}|~{3,})", line):
            opening = re.match(r"(`{3,}|~{3,})", line)
            if fence and line.startswith(fence) and not line.strip(fence[0]):
                fence = ""
            elif not fence and opening:
                fence = opening.group(1)
            else:
                if line:
                    current = current if current is not None else Unit([], group, fixed=True)
                    if not current.lines:
                        units.append(current)
                    current.lines.append((n, line))
                continue
            removed(n, "code fence (markup)")
            current = None
            continue
        if not line:
            current, group = None, group + 1
            continue
        lead = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        if current is not None and current.kind == "paragraph" and re.fullmatch(r"=+|-+", line) and lead < 4:
            # "Title" over "=====" or "-----": the paragraph above is a heading, the line its underline.
            current.kind, current.level = "heading", 1 if line[0] == "=" else 2
            removed(n, "heading underline (markup)")
            current = None
            continue
        if _MD_BREAK.match(raw):
            removed(n, "thematic break (markup)")
            current = None
            continue
        if _MD_LINK_DEFINITION.match(raw):
            removed(n, "link definition (markup)")
            current = None
            continue
        if re.fullmatch(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?)?\s*", line):
            removed(n, "table rule (markup)")
            continue
        base = 0
        if quote := re.match(r"(?:>[ \t]?)+", line):
            markup.append(Markup(n, 0, quote.end(), "quote marker", quote.group(0)))
            base = quote.end()
        body = line[base:]
        heading = _MD_HEADING.match(body) if lead < 4 else None
        item = _MD_ITEM.match(body) or _MD_ITEM.match(body + " \0")  # "-" alone: the item's text is below
        if heading and not heading.group("text").strip("# \t"):
            removed(n, "empty heading (markup)")
            current = None
            continue
        if heading:
            markup.append(Markup(n, base, base + heading.end("open"), "heading hashes", heading.group("open")))
            if heading.group("close"):
                markup.append(Markup(n, base + heading.start("close"), base + heading.end("close"),
                                     "heading hashes", heading.group("close")))
            words = _md_inline(n, heading.group("text"), markup, base + heading.start("text"))
            units.append(Unit([(n, words)], group, kind="heading", level=len(heading.group("open").strip()),
                              fixed=True))
            current, indents = None, []
            continue
        if item and not (current is not None and current.kind == "paragraph" and lead >= 4):
            while indents and indents[-1] > lead:
                indents.pop()
            if not indents or indents[-1] < lead:
                indents.append(lead)
            end = min(base + item.start("text"), len(line))
            markup.append(Markup(n, base, end, "list marker", line[base:end]))
            words = _md_inline(n, item.group("text"), markup, base + item.start("text")).removesuffix("\0")
            number = int(item.group("number")) if item.group("number") else 0
            current = Unit([(n, words)], group, kind="item", number=number, depth=len(indents) - 1, fixed=True)
            units.append(current)
            continue
        words = _md_inline(n, body, markup, base)
        if not words and any(m.line == n and m.kind == "image" for m in markup):
            markup[:] = [m for m in markup if m.line != n]  # the whole line is listed as removed instead
            removed(n, "image (markup)")
            continue
        if current is not None:
            why = f"a {'list item' if current.kind == 'item' else 'paragraph'} wrapped over two lines"
            if current.lines[-1][1].endswith(","):
                why += " (the line before ends with a comma)"
            current.lines.append((n, words))
            joined.append((n, current.line, why))
            continue
        if not (lead >= 2 and indents):
            indents = []  # an indented paragraph after a blank line belongs to the open item: the list goes on
        current = Unit([(n, words)], group, fixed=True)
        units.append(current)
    for unit in units:
        if not unit.removed_by and not unit.text:  # "-" alone, or "**" alone: marks around no words
            unit.removed_by = "markup with no text (markup)"
    return units, joined, markup


def _join_wrapped(units: list[Unit]) -> tuple[list[Unit], list[tuple[int, int, str]]]:
    """Put back together lines that a page or a text editor broke apart.

    A heading broken over two lines ("Meet the Book That's" / "Changing Lives") is two heading-shaped lines
    with no blank line between them; a hard-wrapped paragraph continues with a lower-case word after a line
    that did not end a sentence. Three or more short lines in a row are a menu or a list of links, not one
    heading, and a line a rule removes on its own ("Call Us") is never glued to another.
    """
    out: list[Unit] = []
    joined: list[tuple[int, int, str]] = []
    for i, unit in enumerate(units):
        prev = out[-1] if out else None
        if prev is not None and prev.group == unit.group:
            text, last = unit.text, prev.lines[-1][1]
            why = ""
            starts_item = bool(_NUMBERED.match(text) or _BULLET.match(text) or _DASH_LED.match(text))
            if (text[0].islower() and not _ends_like_sentence(last) and not last.endswith("?")
                    and not starts_item):
                why = "a paragraph wrapped over two lines"
            elif last.endswith(",") and not starts_item and match_rule(text) is None:
                # "…such as melatonin," / "valerian and others": a sentence does not end on a comma.
                why = "a line ending with a comma continued on the next"
            elif (len(prev.lines) == 1 and _heading_pair(units, i)
                  and match_rule(prev.text + " " + text) == match_rule(prev.text)
                  and match_rule(text) is None):
                # Joining must not hide chrome: "Related Articles" + a post title matches no rule together.
                why = "a heading broken over two lines"
            if why:
                prev.lines.extend(unit.lines)
                joined.append((unit.line, prev.lines[0][0], why))
                continue
        out.append(unit)
    return out, joined


def _heading_pair(units: list[Unit], i: int) -> bool:
    """Lines i-1 and i are the only two heading-shaped lines in a row: a run of three or more is a menu or
    a list of links, not one heading."""

    def shaped(j: int) -> bool:
        return (0 <= j < len(units) and units[j].group == units[i].group and _heading_shaped(units[j].text)
                and not _NUMBERED.match(units[j].text) and not units[j].text.endswith("?"))

    return (shaped(i - 1) and shaped(i) and not shaped(i - 2) and not shaped(i + 1)
            and len(_words(units[i - 1].text + " " + units[i].text)) <= HEADING_MAX_WORDS)


def _bullet(units: list[Unit], i: int, dash_led: list[bool]) -> re.Match[str] | None:
    """The bullet that leads unit i, if its first line has one (see _DASH_BULLET for dashes).

    ``dash_led``: which units started with a dash before any marker was stripped."""
    first = units[i].lines[0][1]
    if m := _BULLET.match(first):
        return m
    m = _DASH_BULLET.match(first)
    in_run = any(0 <= j < len(units) and dash_led[j] for j in (i - 1, i + 1))
    return m if m and in_run else None


def _strip_marker(unit: Unit, match: re.Match[str], markup: list[Markup]) -> None:
    """Drop a list marker from the item's first line only: the lines joined to it keep all their words."""
    (n, first), rest = unit.lines[0], unit.lines[1:]
    start = match.start(match.lastgroup or 0)  # the group holding the item's text
    markup.append(Markup(n, 0, start, "list marker", first[:start]))
    unit.lines = [(n, first[start:])] + rest


def _classify(units: list[Unit], markup: list[Markup]) -> None:
    """Heading, list item or paragraph, from the line's shape and what follows it.

    "What follows" skips lines a rule removed: a title followed by a phone number is still a title.
    A unit whose kind Markdown gave is left as it is.
    """
    dash_led = [not u.fixed and bool(_DASH_LED.match(u.lines[0][1])) for u in units]
    for i, unit in enumerate(units):
        if unit.fixed:
            continue
        text = unit.text
        nxt = next((u for u in units[i + 1:] if not u.removed_by), None)
        longer_follows = nxt is not None and len(_words(nxt.text)) > len(_words(text))
        list_follows = nxt is not None and (nxt.kind == "item" or bool(_BULLET.match(nxt.text)
                                                                       or _NUMBERED.match(nxt.text)))
        heading_follows = nxt is not None and _heading_shaped(nxt.text)
        bullet, numbered = _bullet(units, i, dash_led), _NUMBERED.match(unit.lines[0][1])
        hashes = _MD_HEADING.match(text) if len(unit.lines) == 1 else None
        if hashes and _heading_shaped(hashes.group("text")) and not hashes.group("close"):
            # "## What the study found" in pasted text: a Markdown heading (the source format reads it so anyway).
            n = unit.line
            unit.kind, unit.level, unit.lines = "heading", len(hashes.group("open").strip()), [(n, hashes.group("text"))]
            markup.append(Markup(n, 0, hashes.end("open"), "heading hashes", hashes.group("open")))
            continue
        if bullet:
            unit.kind = "item"
            _strip_marker(unit, bullet, markup)
        elif numbered and _heading_shaped(text) and longer_follows and not list_follows:
            # "1. It works differently…" followed by its text is a numbered heading; "1. Eggs", "2. Milk" a list.
            unit.kind = "heading"
        elif numbered:
            unit.kind, unit.number = "item", int(numbered.group("number"))
            _strip_marker(unit, numbered, markup)
        elif _heading_shaped(text) and (longer_follows or (_title_case(text) and (nxt is None or heading_follows
                                                                                  or list_follows))):
            unit.kind = "heading"


def _apply_line_rules(units: list[Unit]) -> None:
    for unit in units:
        if unit.removed_by:  # Markdown's own marks (a "---" line, an image) are removed already
            continue
        rule = match_rule(unit.text)
        if rule is not None:
            unit.removed_by = rule.name


def _apply_boxes(units: list[Unit]) -> None:
    """A heading a box rule matched ("Meet the Book That's Changing Lives") takes its box with it.

    In a box go its list items and its short paragraphs that talk to the reader ("We get it…", "Start your
    healing today"). The box ends at the next heading that is not chrome itself, or at a paragraph that does
    not sound like a box: too long, or not addressed to anyone. Article text after a box is kept.
    """
    box: tuple[str, int] | None = None
    for unit in units:
        if unit.kind == "heading":
            rule = match_rule(unit.text) if unit.removed_by else None
            if rule is not None and rule.box:
                box = (rule.name, unit.line)
            elif not unit.removed_by:
                box = None
            continue
        if box is None or unit.removed_by:
            continue
        if unit.kind == "item" or (len(_words(unit.text)) <= BOX_MAX_WORDS and _ADDRESSES_READER.search(unit.text)):
            unit.removed_by = f"in the {box[0]} under line {box[1]}"
        else:
            box = None


def _find_title(units: list[Unit]) -> Unit | None:
    """The first substantial heading before any article text: a page's title comes before its text."""
    for unit in units:
        if unit.removed_by:
            continue
        if unit.kind != "heading":
            return None
        if len(_words(unit.text)) >= 3:
            return unit
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _drop_empty_headings(units: list[Unit]) -> None:
    """A heading whose text was all removed (a sign-up box's "The Wellness Intel You Need") was chrome too.

    A heading followed directly by another heading ("Frequently Asked Questions", then the questions)
    keeps its place: only headings that lost everything under them, or stand at the very end, go.
    Repeated until nothing changes, because removing one heading can empty the one above it.
    """
    changed = True
    while changed:
        changed = False
        for i, unit in enumerate(units):
            if unit.removed_by or unit.kind != "heading" or unit.is_title:
                continue
            removed_under = 0
            kept_under = False
            at_end = True
            for below in units[i + 1:]:
                if not below.removed_by and not below.is_title:
                    at_end = False
                    kept_under = below.kind != "heading"
                    break
                removed_under += 1
            if not kept_under and (removed_under or at_end):
                unit.removed_by = "heading left with no text under it"
                changed = True


def _author(units: list[Unit]) -> tuple[str, str]:
    """(author, evidence) from a back link to a person or a byline; empty when the text does not say."""
    for unit in units:
        text = unit.text
        back = _BACK_TO.match(text)
        if back and unit.removed_by.startswith("navigation"):
            name = back.group("name").strip(" .")
            words = name.split()
            looks_like_person = _HONORIFIC.match(name) or (
                2 <= len(words) <= 4 and all(w[0].isupper() for w in words)
                and not any(w.lower() in _NOT_NAMES for w in words))
            if looks_like_person:
                return name, f"line {unit.line}: '{text}'"
        byline = _BYLINE.match(text)
        if byline and unit.removed_by == "byline":
            return byline.group("name").strip(), f"line {unit.line}: '{text}'"
    return "", ""


def _publisher(raw_lines: list[str]) -> tuple[str, str]:
    """(publisher, evidence) from a brand the page speaks for ("At Bayside, we offer…") and names again."""
    candidates: list[tuple[str, int]] = []
    for n, line in enumerate(raw_lines, start=1):
        for m in _AT_BRAND.finditer(_QUOTED.sub(" ", line)):
            candidates.append((m.group(1), n))
    if candidates:
        first_words = {c.split()[0] for c, _ in candidates}
        forms: Counter[str] = Counter()
        for line in raw_lines:
            for word in first_words:
                for m in re.finditer(rf"\b{re.escape(word)}(?: [A-Z][\w&'’-]*)*", line):
                    forms[m.group(0)] += 1
        # The brand is the way the page names itself most often; it must be named more than once.
        name, count = max(forms.items(), key=lambda kv: (kv[1], len(kv[0])))
        if sum(forms.values()) >= 2:
            lines = ", ".join(str(n) for _, n in candidates[:3])
            return name, f"'At {candidates[0][0]}, we…' (line {lines}); named {count} times"
    for n, line in enumerate(raw_lines, start=1):
        copyright_line = _COPYRIGHT.match(line.strip())
        if copyright_line and len(_words(line)) <= 20:
            name = copyright_line.group("name").strip(" ,.")
            name = re.sub(r"\s*all rights reserved\s*$", "", name, flags=re.I).strip(" ,.")
            if name:
                return name, f"line {n}: '{line.strip()}'"
    return "", ""


def _published(units: list[Unit]) -> str:
    for unit in units:
        if unit.removed_by == "date line" and not re.match(r"^\W*(?:updated|last)", unit.text, re.I):
            m = re.search(_DATE, unit.text, re.I)
            if m:
                return _iso_date(m.group(0))
    return ""


def _iso_date(text: str) -> str:
    """2024-05-01 for "May 1, 2024"; the text itself when it is not a date this knows."""
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return text
    m = re.match(r"^(?P<mon>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", text) or re.match(
        r"^(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?\s+(?P<year>\d{4})$", text)
    if m and m.group("mon")[:3].lower() in months:
        month = months.index(m.group("mon")[:3].lower()) + 1
        return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}"
    return text


PLACEHOLDERS = {
    "title": "REVIEW: the article's title",
    "publisher": "REVIEW: who published the page (a clinic, a magazine, a person's own site)",
    "kind": "REVIEW: what kind of text this is, e.g. a clinic marketing page, a magazine feature, a physician article",
    "interests": "REVIEW: any commercial interest visible in the text, or say that none is visible",
}
# Removed chrome that tells something about the publisher's interests: worth a look when filling them in.
_INTEREST_RULES = ("call to action", "insurance banner", "book offer", "sign-up box")


def looks_like_markdown(text: str) -> bool:
    """Two ATX headings, or a Markdown link, or "**" emphasis: text written in Markdown, not copied from a page."""
    headings = len(re.findall(r"^#{1,6}[ \t]+\S", text, re.M))
    return headings >= 2 or bool(re.search(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*\S[^*\n]*\S\*\*", text))


def convert(text: str, *, url: str = "", markdown: bool | None = None, meta: dict[str, str] | None = None) -> Imported:
    """Strip the page chrome from a raw article and find its blocks and front matter.

    ``markdown``: read the text as Markdown (None: decide from the text). ``meta``: fields a saved web page
    states in its head (title, author, published, publisher, url), used where the text itself does not tell.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if markdown is None:
        markdown = looks_like_markdown(text)
    markup: list[Markup] = []
    if markdown:
        units, joined, markup = _split_markdown(text)
    else:
        units, joined = _join_wrapped(_split(text))
    _apply_line_rules(units)
    _classify(units, markup)
    _apply_boxes(units)
    title = _find_title(units)
    if title is not None:
        title.is_title = True
        for unit in units:
            if unit is title:
                break
            if not unit.removed_by:  # kept lines above the title are the page's header
                unit.removed_by = "above the title (page header)"
        for unit in units:
            if unit is not title and not unit.removed_by and _same(unit.text, title.text):
                unit.removed_by = "repeats the title"
    _drop_empty_headings(units)

    # Report each removed line as it stands in the raw file, bullet and all, so it can be found there.
    raw_lines = text.split("\n")
    removed = [Removal(n, raw_lines[n - 1].strip(), u.removed_by) for u in units if u.removed_by for n, _ in u.lines]
    removed_lines = {r.line for r in removed}
    markup = [m for m in markup if m.line not in removed_lines]
    counts: Counter[str] = Counter(r.rule.removeprefix("in the ").split(" under line")[0] for r in removed)
    blocks = [(u.kind, u.text, u.number if u.kind == "item" else (u.level if u.kind == "heading" else 0))
              for u in units if not u.removed_by and not u.is_title]
    structure = _structure(units, joined, markup)
    meta = meta or {}

    fields: dict[str, str] = {}
    evidence: dict[str, str] = {}
    review: list[str] = []
    if title is not None:
        fields["title"], evidence["title"] = title.text, f"line {title.line}"
    author, evidence["author"] = _author(units)
    if author:
        fields["author"] = author
    publisher, evidence["publisher"] = _publisher(raw_lines)
    if publisher:
        fields["publisher"] = publisher
    if url:
        fields["url"] = url
    published = _published(units)
    if published:
        fields["published"] = published
    for key, value in meta.items():  # the page's head, where the text did not tell
        if key in ("title", "author", "publisher", "url", "published") and value and key not in fields:
            fields[key], evidence[key] = value, meta.get(f"{key} from", "the page's metadata")
    for key in ("title", "author", "publisher", "url", "kind", "interests"):
        if key not in fields:
            review.append(key)
    for key, placeholder in PLACEHOLDERS.items():
        fields.setdefault(key, placeholder)
    interest_hints = [f"{r} ({counts[r]} line{'s' if counts[r] > 1 else ''})" for r in _INTEREST_RULES if counts[r]]
    if interest_hints:
        evidence["interests"] = "the removed chrome held " + ", ".join(interest_hints)
    return Imported(blocks=blocks, removed=removed, joined=joined, fields=fields, review=review,
                    evidence={k: v for k, v in evidence.items() if v}, chrome_counts=counts, markup=markup,
                    structure=structure, raw_lines=raw_lines, title_line=title.line if title is not None else 0)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _structure(units: list[Unit], joined: list[tuple[int, int, str]], markup: list[Markup]) -> list[tuple[int, str]]:
    """Every decision about the article's shape, by raw line: headings, list items, joins, dropped markup."""
    dropped: dict[int, list[str]] = {}
    for m in markup:
        dropped.setdefault(m.line, []).append(f"{m.kind} {m.text.strip()!r}" if m.text.strip() else m.kind)
    notes: list[tuple[int, str]] = []
    for unit in units:
        if unit.removed_by:
            continue
        if unit.is_title:
            what = "title (into the front matter)"
        elif unit.kind == "heading":
            what = f"heading, level {unit.level}: {_short(unit.text)}"
        elif unit.kind == "item":
            what = f"list item {unit.number}" if unit.number else "list item"
            if unit.depth:
                what += f" (nested {unit.depth} deep, written flat)"
            what += f": {_short(unit.text)}"
        else:
            what = "paragraph"
        for n, _ in unit.lines:
            parts = [what] if n == unit.line else []
            if n in dropped:
                parts.append("dropped " + ", ".join(dropped[n]))
            if parts and parts != ["paragraph"]:
                notes.append((n, "; ".join(parts)))
    notes += [(line, f"joined to line {onto}: {why}") for line, onto, why in joined]
    return sorted(notes, key=lambda note: note[0])


# ------------------------------------------------------------------ the word check


class WordCheckError(Exception):
    """The file about to be written does not hold the article's words: refused, nothing written."""


def expected_words(imported: Imported) -> list[tuple[str, int]]:
    """(word, raw line) for every word of the raw text the file must hold, in order.

    Built from the raw lines alone, never from what the conversion made of them: the lines the report
    lists as removed are left out, and so is the markup it lists as dropped, and nothing else.
    """
    removed = {r.line for r in imported.removed}
    by_line: dict[int, list[Markup]] = {}
    for m in imported.markup:
        by_line.setdefault(m.line, []).append(m)
    words: list[tuple[str, int]] = []
    for n, raw in enumerate(imported.raw_lines, start=1):
        if n in removed:
            continue
        line = raw.strip()
        spans = sorted(by_line.get(n, []), key=lambda m: m.start)
        kept, last = [], 0
        for m in spans:
            shape = MARKUP_SHAPES.get(m.kind)
            if shape is None or not shape.fullmatch(m.text) or line[m.start:m.end] != m.text or m.start < last:
                raise WordCheckError(f"line {n}: {m.text!r} was dropped as {m.kind}, which it is not; "
                                     "nothing was written.")
            kept.append(line[last:m.start])
            last = m.end
        kept.append(line[last:])
        words += [(w, n) for w in "".join(kept).split()]
    return words


def check_words(imported: Imported, title: str, blocks: list[str]) -> int:
    """Compare the file's words (title, then blocks, as the engine reads them back) with the raw text's.

    Returns the number of words checked; raises WordCheckError at the first difference, naming the raw
    line and the words on both sides.
    """
    want = expected_words(imported)
    got = (title.split() if imported.title_line else []) + [w for text in blocks for w in text.split()]
    if [w for w, _ in want] == got:
        return len(got)
    matcher = difflib.SequenceMatcher(None, [w for w, _ in want], got, autojunk=False)
    tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    line = want[i1][1] if i1 < len(want) else (want[-1][1] if want else 0)
    if tag == "insert" and i1 > 0:
        line = want[i1 - 1][1]
    before = " ".join(w for w, _ in want[max(0, i1 - 4):i1])
    raw_side = " ".join(w for w, _ in want[i1:min(i2, i1 + 8)])
    written = " ".join(got[j1:min(j2, j1 + 8)])
    what = {"insert": f"the written file adds {written!r}",
            "delete": f"the written file loses {raw_side!r}",
            "replace": f"the raw text has {raw_side!r} where the written file has {written!r}"}[tag]
    hint = ""
    if re.fullmatch(r"#{1,6}|[-*+]|\d{1,9}[.)]", (raw_side or written).split(" ")[0]):
        hint = (" (a block that starts with '#', '-' or '1.' reads back as a heading or a list item: edit that "
                "line of the raw file)")
    raise WordCheckError(f"line {line}: after {before!r}, {what}; nothing was written{hint}.")


# ------------------------------------------------------------------ writing the source file


def _yaml_line(key: str, value: str | list[str]) -> str:
    """'key: value' with the value quoted as YAML needs it (a title may hold ': ' or start with a quote)."""
    if isinstance(value, list):
        return f"{key}: [{', '.join(value)}]"  # review keys: plain field names
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000,
                          default_flow_style=False).rstrip("\n")


def render(imported: Imported, raw_name: str) -> str:
    """The source file: front matter, then the article's blocks separated by blank lines."""
    fields = imported.fields
    head = ["---", (f"# Imported from {raw_name} by concordance.importer. Check the fields listed in 'review', "
                    "then remove them from the list.")]
    head.append(_yaml_line("title", fields["title"]))
    if "author" in fields:
        head.append(_yaml_line("author", fields["author"]))
    else:
        head.append("# author: not named in the text. Add it if the page names one elsewhere.")
    for key in ("publisher", "url", "published", "kind"):
        if key in fields:
            head.append(_yaml_line(key, fields[key]))
    if "interests" in imported.evidence:
        head.append(f"# For 'interests': {imported.evidence['interests']} (see the import report).")
    head.append(_yaml_line("interests", fields["interests"]))
    if imported.review:
        head.append(_yaml_line("review", imported.review))
    head.append("---")
    body: list[str] = []
    for kind, text, level in imported.blocks:
        if kind == "heading":
            body.append(f"{'#' * level} {text}")
        elif kind == "item":
            body.append(f"{level}. {text}" if level else f"- {text}")
        else:
            body.append(text)
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def slugify(text: str) -> str:
    """A source id from a title: lower-case words joined by hyphens, at most about 50 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > 50:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def report(imported: Imported, raw_name: str, where: str = "") -> list[str]:
    """What a person checks: every removed line with its rule, every decision about the article's shape
    (headings, list items, joins, markup dropped), and where each field came from."""
    lines = [f"Removed from {raw_name}{where} ({len(imported.removed)} lines; check that none of it is article "
             "text):"]
    width = max((len(r.rule) for r in imported.removed), default=0)
    for r in imported.removed:
        lines.append(f"  line {r.line:>4}  {r.rule:<{width}}  {r.text}")
    lines.append(f"Structure ({len(imported.structure)} decisions; every heading, list item, join and piece of "
                 "markup dropped):")
    for n, what in imported.structure:
        lines.append(f"  at line {n:>4}  {what}")
    for key in ("title", "author", "publisher", "published", "url"):
        if key in imported.evidence and key not in imported.review:
            lines.append(f"{key}: {imported.fields[key]}  (from {imported.evidence[key]})")
    return lines


def prepare(imported: Imported, raw_name: str) -> tuple[str, int]:
    """The source file's text, and how many words were checked in it.

    The text is read back with the engine's own reader (what it accepts, the site builds) and its words are
    compared with the raw text's: a file that would lose, add or change a word is refused (WordCheckError).
    """
    content = render(imported, raw_name)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.md"
        probe.write_text(content, encoding="utf-8")
        source = load_source(probe)
    return content, check_words(imported, source.title, [b.text for b in source.blocks])


def write_source(content: str, target: Path, *, force: bool) -> None:
    """Write the file; without ``force`` never over an existing one, with it by an atomic replace."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if force:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(content)
        os.replace(tmp_name, target)
    else:
        # "x" creates the file or fails: no window in which another file of that name gets overwritten.
        with target.open("x", encoding="utf-8") as f:
            f.write(content)


# ------------------------------------------------------------------ saved web pages

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
    if "url" in found and not re.match(r"^https?://[^\s/]+", found["url"]):
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


# ------------------------------------------------------------------ the command


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
    if args.url and not re.match(r"^https?://[^\s/]+", args.url):
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


if __name__ == "__main__":
    sys.exit(main())
