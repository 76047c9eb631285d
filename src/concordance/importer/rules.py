"""The chrome rules: kinds of page chrome by the shape of a line, and removing them (boxes and empty headings too)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Unit
from .shapes import BOX_MAX_WORDS, _normal, _words


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


# Box text speaks to the reader or for the business; article prose often does neither.
_ADDRESSES_READER = re.compile(r"\b(?:we|we're|we’re|our|us|you|your|you're|you’re|you'll|you’ll)\b", re.I)


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
