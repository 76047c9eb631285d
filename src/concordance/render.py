"""Render: Markdown for page structure plus HTML fragments for everything built from data.

A page is Markdown (headings, maintainers' summaries) with slots; the HTML of each slot is inserted after
Markdown has run. Text from sources therefore never passes through the site's Markdown extensions: it is
escaped here and stays visible text.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import ClassVar
from urllib.parse import quote as urlquote

from .analyse import Analysis
from .config import SiteConfig
from .coverage import SourceCoverage, coverage
from .model import Claim, Passage, Position, Source, Topic
from .numbers import chart_svg, comparison_label, range_text, row_label

STANCE_ICON = {"supports": "✔", "contradicts": "✘", "qualifies": "◑", "mixed": "⇄", "silent": "○"}
STANCE_WORD = {"supports": "Supports", "contradicts": "Contradicts", "qualifies": "Qualifies",
               "mixed": "Mixed", "silent": "Silent"}
VERDICT_ICON = {"agreed": "✔", "disputed": "⚡", "qualified": "◑", "single source": "①"}
VERDICT_HELP = {
    "agreed": "every source that speaks to it supports it",
    "disputed": "at least one source supports it and at least one contradicts it",
    "qualified": "sources support it, but at least one adds a caveat or limit",
    "single source": "only one source speaks to it",
}


# Up to this many sources, tables give every source a column and each claim names every silent source.
# Above it a page lists only the sources that speak on its topic (and counts the others): otherwise every
# topic page, source page and the overview would grow with claims × sources, not with what was said.
MAX_LISTED_SOURCES = 25


# Python-Markdown's backslash escapes: each of these, escaped, stays the character and starts no syntax
# (attribute lists, emphasis, links, code, headings' closing hashes).
_MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def markdown_text(raw: str) -> str:
    """Untrusted text (a title, a claim statement) written into a page's Markdown so that it stays text: HTML
    escaped, and every character Markdown or an extension could read as syntax backslash-escaped. The page
    title MkDocs takes from the heading is then plain text too."""
    return _MARKDOWN_ESCAPABLE.sub(r"\\\1", escape(" ".join(raw.split()), quote=False))


def slot(name: str) -> str:
    """The placeholder a fragment replaces once Markdown has run."""
    return f'<div class="cc-slot" data-cc-slot="{escape(name)}"></div>'


# A slot in a page's HTML; group 1 is its name. (bench/timing_hook.py reads slots with it too.)
SLOT_PATTERN = re.compile(r'<div class="cc-slot" data-cc-slot="([^"]*)"></div>')


@dataclass
class Page:
    markdown: str
    fragments: dict[str, str] = field(default_factory=dict)

    def fill(self, html: str) -> str:
        """Put each fragment in its slot of the page's HTML, in one pass over the page."""
        fragments = {slot(name): fragment for name, fragment in self.fragments.items()}
        filled: set[str] = set()

        def put(m: re.Match[str]) -> str:
            if m.group() in fragments:
                filled.add(m.group())
                return fragments[m.group()]
            return m.group()

        html = SLOT_PATTERN.sub(put, html)
        for name in self.fragments:
            if slot(name) not in filled:
                raise ValueError(f"slot {name!r} vanished from the rendered page")
        return html


@dataclass
class Addresses:
    """Where each page is, relative to the site root, as the generator lays them out."""

    topics: dict[str, str]
    sources: dict[str, str]
    overview: str
    home: str = ""

    def claim(self, claim: Claim) -> str:
        return f"{self.topics[claim.topic]}#{claim.id}"

    def passage(self, passage: Passage) -> str:
        return f"{self.sources[passage.source]}#{passage.id}"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another, both addressed relative to the site root."""
    target, _, anchor = to_url.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if target == from_url and anchor:
        return suffix
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    rel = _relpath(target, base)
    if (target.endswith("/") or not target) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" or rel == ".":
        rel = "./"
    return rel + suffix


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath("/" + target, "/" + base), without its many steps for plain addresses: pages
    link hundreds of thousands of times in a large site."""
    to = [p for p in target.split("/") if p]
    start = [p for p in base.split("/") if p]
    if "." in to or ".." in to or "." in start or ".." in start:
        return posixpath.relpath("/" + target, "/" + base)
    i, n = 0, min(len(to), len(start))
    while i < n and to[i] == start[i]:
        i += 1
    return "/".join([".."] * (len(start) - i) + to[i:]) or "."


# Characters that a case-insensitive pattern matches with an ASCII letter, though lower() keeps them apart.
_CASE_TWINS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})


def text_fragment(url: str, quote: str) -> str:
    """A deep link to the quote's place in the original page (#:~:text=start,end)."""
    words = quote.split()
    if len(words) > 8:
        spec = f"{urlquote(' '.join(words[:4]), safe='')},{urlquote(' '.join(words[-4:]), safe='')}"
    else:
        spec = urlquote(" ".join(words), safe="")
    return f"{url}#:~:text={spec.replace('-', '%2D')}"


class Renderer:
    def __init__(self, analysis: Analysis, addresses: Addresses, glossary: dict[str, str] | None = None,
                 site: SiteConfig | None = None) -> None:
        self.a = analysis
        self.site = site or SiteConfig()
        self.corpus = analysis.corpus
        self.at = addresses
        # Abbreviations get their meaning on hover in text the site's Markdown never sees (articles, quotes).
        self.glossary = glossary or {}
        self._glossary_re = (re.compile(r"(?<![\w&#;])(" + "|".join(
            re.escape(t) for t in sorted(self.glossary, key=len, reverse=True)) + r")(?![\w;])")
            if self.glossary else None)
        # Built once, so no page has to scan every claim or every source.
        self.few_sources = len(self.corpus.sources) <= MAX_LISTED_SOURCES
        self._order = {sid: i for i, sid in enumerate(self.corpus.sources)}
        self._positions: dict[str, list[tuple[Topic, Claim, Position]]] = {sid: [] for sid in self.corpus.sources}
        for topic in self.corpus.topics.values():
            for claim in topic.claims:
                for position in claim.positions:
                    self._positions[position.source].append((topic, claim, position))
        self._partners: dict[str, list[str]] = {}
        for a, b in self.a.pairs:
            self._partners.setdefault(a, []).append(b)
            self._partners.setdefault(b, []).append(a)
        self._speakers: dict[str, list[Source]] = {}
        self._phrase_index: tuple[dict[str, list[tuple[str, set[str]]]], set[str]] | None = None
        self._topic_order = {tid: i for i, tid in enumerate(self.corpus.topics)}

    def speakers(self, topic_id: str) -> list[Source]:
        """The sources a topic's pages list: every source while they are few, else those that take a
        position on one of its claims (in the sources' order)."""
        if self.few_sources:
            return list(self.corpus.sources.values())
        if topic_id not in self._speakers:
            ids = {p.source for c in self.corpus.topics[topic_id].claims for p in c.positions}
            self._speakers[topic_id] = [self.corpus.sources[sid] for sid in sorted(ids, key=self._order.__getitem__)]
        return self._speakers[topic_id]

    def partners(self, source_id: str) -> list[Source]:
        """The other sources a source page compares with: all while they are few, else those sharing a claim."""
        if self.few_sources:
            return [s for s in self.corpus.sources.values() if s.id != source_id]
        ids = self._partners.get(source_id, [])
        return [self.corpus.sources[sid] for sid in sorted(ids, key=self._order.__getitem__)]

    def text(self, raw: str) -> str:
        """Untrusted text as safe HTML: escaped, with glossary terms explained."""
        escaped = escape(raw)
        if self._glossary_re is None:
            return escaped
        return self._glossary_re.sub(lambda m: f'<abbr title="{escape(self.glossary[m.group(1)])}">{m.group(1)}</abbr>',
                                     escaped)

    def preview(self, claim: Claim) -> str:
        """What hovering or focusing a link to a claim shows: its first quote and who said it."""
        p = claim.positions[0]
        quote = " ".join(self.a.passage(p).text.split())
        if len(quote) > 220:
            quote = quote[:217].rsplit(" ", 1)[0] + " …"
        more = f" (+{len(claim.positions) - 1} more)" if len(claim.positions) > 1 else ""
        return f"{self.a.verdict(claim).capitalize()}. “{quote}” — {self.corpus.sources[p.source].name}, {p.stance}{more}"

    def claim_link(self, here: str, claim: Claim, text: str | None = None) -> str:
        return self.link(here, self.at.claim(claim), escape(claim.statement) if text is None else text,
                         title=self.preview(claim), class_="cc-claim-link")

    # ------------------------------------------------------------ shared pieces

    def link(self, here: str, to: str, text: str, **attrs: str) -> str:
        extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
        return f'<a href="{escape(relative(here, to))}"{extra}>{text}</a>'

    def stance_badge(self, stance: str) -> str:
        return (f'<span class="cc-stance" data-stance="{stance}"><span class="cc-icon" aria-hidden="true">'
                f'{STANCE_ICON[stance]}</span> {STANCE_WORD[stance]}</span>')

    def verdict_badge(self, verdict: str) -> str:
        return (f'<span class="cc-verdict" data-verdict="{verdict.replace(" ", "-")}" title="{VERDICT_HELP[verdict]}">'
                f'<span class="cc-icon" aria-hidden="true">{VERDICT_ICON[verdict]}</span> {verdict.capitalize()}</span>')

    def source_link(self, here: str, source: Source) -> str:
        return self.link(here, self.at.sources[source.id], escape(source.name), class_="cc-source")

    def interest_flag(self, here: str, source: Source) -> str:
        if not self.site.has_interest(source.interests):
            return ""
        return (" " + self.link(here, self.at.sources[source.id] + "#profile",
                                '<span aria-hidden="true">$</span> has an interest', class_="cc-interest",
                                title=source.interests))

    def quote_html(self, passage: Passage) -> str:
        return self.text(passage.text)

    # ------------------------------------------------------------ topic page

    def topic_page(self, topic: Topic, here: str) -> Page:
        page = Page("")
        md = [f"# {markdown_text(topic.title)}", "", self.link_summary(topic, here), "", "## At a glance", "", slot("glance"), ""]
        page.fragments["glance"] = self.topic_table(topic, here)
        for claim in topic.claims:
            md += [f"## {markdown_text(claim.statement)} {{ #{claim.id} .cc-claim-heading }}", "", slot(claim.id), ""]
            page.fragments[claim.id] = self.claim_block(claim, here)
        mentions = self.a.mentions.get(topic.id, [])
        if mentions:
            md += ["## Also mentioned, not yet reviewed", "", slot("mentions"), ""]
            page.fragments["mentions"] = self.mentions_block(topic, here)
        if topic.related:
            md += ["## Related topics", "", slot("related"), ""]
            items = "".join(f"<li>{self.link(here, self.at.topics[r], escape(self.corpus.topics[r].title))}</li>"
                            for r in topic.related)
            page.fragments["related"] = f'<ul class="cc-related">{items}</ul>'
        page.markdown = "\n".join(md)
        return page

    def link_summary(self, topic: Topic, here: str) -> str:
        """The summary, with the first mention of each other topic (its title or phrases) linked to it."""
        text = topic.summary
        # Stretches that must not get a link: existing links, code, headings, HTML tags.
        protected = re.compile(r"\[[^\]]*\]\([^)]*\)|`[^`]*`|^#.*$|<[^>]+>", re.M)
        words = set(re.findall(r"\w+", text.translate(_CASE_TWINS).lower()))
        for other in sorted((self.corpus.topics[t] for t in self._may_mention(words)),
                            key=lambda t: self._topic_order[t.id]):
            if other.id == topic.id:
                continue
            # Its title, or a phrase of two words or more: single words link too eagerly.
            phrases = [other.title.rstrip("?.!"), *(m for m in other.mentions if len(m.split()) > 1)]
            pattern = re.compile(r"(?<![\w\[/-])(" + "|".join(re.escape(p) for p in phrases if p) + r")(?![\w\]-])",
                                 re.IGNORECASE)
            blocked = [m.span() for m in protected.finditer(text)]
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in blocked):
                    continue
                link = f"{other.id}.md"  # a Markdown link between topic files: the generator checks and resolves it
                text = f"{text[:m.start()]}[{m.group(1)}]({link}){text[m.end():]}"
                break
        return text

    def _may_mention(self, words: set[str]) -> set[str]:
        """Ids of the topics whose linking phrases (title, or mentions of two words or more) could stand in
        a text with these lower-case words: all of a phrase's words must. Each phrase is filed under its
        rarest word, so a summary looks up its own words instead of testing every topic."""
        if self._phrase_index is None:
            sets = [(t.id, set(re.findall(r"\w+", p.lower())), p)
                    for t in self.corpus.topics.values()
                    for p in [t.title.rstrip("?.!"), *(m for m in t.mentions if len(m.split()) > 1)] if p]
            frequency = Counter(w for _, ws, _ in sets for w in ws)
            index: dict[str, list[tuple[str, set[str]]]] = {}
            always: set[str] = set()
            for tid, ws, phrase in sets:
                if not ws or not phrase.isascii():  # no word to file it under: always a candidate
                    always.add(tid)
                else:
                    index.setdefault(min(ws, key=lambda w: (frequency[w], w)), []).append((tid, ws))
            self._phrase_index = (index, always)
        index, always = self._phrase_index
        return always | {tid for w in words for tid, ws in index.get(w, ()) if ws <= words}

    def topic_table(self, topic: Topic, here: str) -> str:
        sources = self.speakers(topic.id)
        head = "".join(f'<th scope="col">{self.source_link(here, s)}</th>' for s in sources)
        rows = []
        for claim in topic.claims:
            cells = "".join(f"<td>{self.stance_badge(self.a.stance[(claim.id, s.id)])}</td>" for s in sources)
            rows.append(f'<tr><th scope="row">{self.claim_link(here, claim)}</th>'
                        f"<td>{self.verdict_badge(self.a.verdict(claim))}</td>{cells}</tr>")
        return (f'<div class="cc-scroll" tabindex="0" role="region" aria-label="Claims by source" data-search-exclude>'
                f'<table class="cc-table cc-glance"><thead><tr><th scope="col">Claim</th><th scope="col">Verdict</th>'
                f'{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>{self.others_silent(topic)}')

    def others_silent(self, topic: Topic) -> str:
        """A line for the sources a topic page does not list, when there are too many to list."""
        others = len(self.corpus.sources) - len(self.speakers(topic.id))
        if self.few_sources or not others:
            return ""
        return (f'<p class="cc-silent-others">{self.stance_badge("silent")}: {others} other sources take no '
                "position on any claim of this topic.</p>")

    def claim_block(self, claim: Claim, here: str) -> str:
        counts = Counter(p.stance for p in claim.positions)
        said = ", ".join(f"{n} {STANCE_WORD[s].lower()}" for s, n in counts.items())
        parts = [f'<div class="cc-claim"><p class="cc-claim-verdict">{self.verdict_badge(self.a.verdict(claim))} '
                 f'<span class="cc-counts">({said})</span></p><ul class="cc-positions">']
        for position in claim.positions:
            source = self.corpus.sources[position.source]
            passage = self.a.passage(position)
            quote = self.link(here, self.at.passage(passage), self.quote_html(passage),
                              class_="cc-quote-link")
            original = ""
            if source.url:
                original = (' <a class="cc-original" href="' +
                            escape(text_fragment(source.url, self.corpus.sources[source.id].text[
                                passage.start:passage.end])) +
                            '" rel="noopener nofollow">in the original ↗</a>')
            note = f'<p class="cc-note">{escape(position.note)}</p>' if position.note else ""
            raw = passage.text
            # A quote that opens with the article's own quotation mark needs no second one around it.
            opening, closing = ("", "") if raw[:1] in "\"“‘'" else ("“", "”")
            parts.append(
                f'<li class="cc-position" data-stance="{position.stance}"><p class="cc-position-head">'
                f'{self.stance_badge(position.stance)} {self.source_link(here, source)} '
                f'<span class="cc-kind">{escape(source.kind)}</span>{self.interest_flag(here, source)}</p>'
                f'<blockquote class="cc-quote"><p>{opening}{quote}{closing}{original}</p></blockquote>{note}</li>')
        parts.append("</ul>")
        parts.append(self.figures_block(claim))
        silent = [s for s in self.speakers(claim.topic) if self.a.stance[(claim.id, s.id)] == "silent"]
        others = len(self.corpus.sources) - len(self.speakers(claim.topic))
        if silent or others:
            names = ", ".join(self.source_link(here, s) for s in silent)
            if others:
                names += (" and " if names else "") + f"{others} other sources (silent on this whole topic)"
            parts.append(f'<p class="cc-silent">{self.stance_badge("silent")}: {names}</p>')
        parts.append("</div>")
        return "".join(parts)

    def figures_block(self, claim: Claim) -> str:
        """The numbers the positions give, compared in a table and a range chart."""
        parts = []
        for comparison in self.a.comparisons.get(claim.id, []):
            label = comparison_label(comparison)
            names = [row_label(r, self.corpus.sources[r.position.source].name) for r in comparison.rows]
            rows = "".join(
                f'<tr><th scope="row">{escape(name)}</th><td>{self.stance_badge(r.position.stance)}</td>'
                f"<td>“{escape(r.figure.text)}”</td><td>{escape(range_text(r, comparison.unit))}</td></tr>"
                for r, name in zip(comparison.rows, names))
            flag = ""
            if comparison.conflicts:
                a, b = comparison.conflicts[0]
                flag = (f'<p class="cc-numbers-disagree"><span aria-hidden="true">≠</span> <strong>The numbers '
                        f"disagree:</strong> {escape(self.corpus.sources[a.position.source].name)} gives "
                        f"“{escape(a.figure.text)}”, {escape(self.corpus.sources[b.position.source].name)} gives "
                        f"“{escape(b.figure.text)}”; the ranges do not overlap.</p>")
            parts.append(
                f'<div class="cc-figures" data-kind="{comparison.kind}"'
                f'{" data-disagree" if comparison.conflicts else ""}><p class="cc-figures-title">'
                f"<strong>{label} compared</strong></p>{flag}"
                f'<div class="cc-scroll" tabindex="0" role="region" aria-label="{label} compared">'
                f'<table class="cc-table"><thead><tr><th scope="col">Source</th><th scope="col">Stance</th>'
                f'<th scope="col">Words</th><th scope="col">Read as</th></tr></thead><tbody>{rows}</tbody></table>'
                f"</div>{chart_svg(comparison, names)}</div>")
        return "".join(parts)

    def mentions_block(self, topic: Topic, here: str) -> str:
        items = []
        for m in self.a.mentions.get(topic.id, []):
            source = self.corpus.sources[m.sentence.source]
            items.append(f"<li>{self.source_link(here, source)}: "
                         f"{self.link(here, self.at.sources[source.id] + f'#b-{m.sentence.block}', self.text(m.sentence.text))}"
                         f' <span class="cc-kind">mentions “{escape(m.phrase)}”</span></li>')
        return ('<p class="cc-legend">Passages that mention this topic but that none of its claims quote yet. '
                "Maintainers have not reviewed them: they are not positions.</p>"
                f'<ul class="cc-mentions">{"".join(items)}</ul>')

    # ------------------------------------------------------------ source page

    def source_page(self, source: Source, here: str) -> Page:
        page = Page("")
        md = [f"# {markdown_text(source.title)}", "", slot("profile"), "", "## The article", "", slot("article"), "",
              "## Positions this source takes", "", slot("positions"), "",
              "## Agreement with other sources", "", slot("agreement"), ""]
        page.fragments = {"profile": self.profile(source, here), "article": self.article(source, here),
                          "positions": self.source_positions(source, here),
                          "agreement": self.agreement(source, here)}
        page.markdown = "\n".join(md)
        return page

    def profile(self, source: Source, here: str) -> str:
        rows = [("Publisher", escape(source.publisher)), ("Author", escape(source.author) or "Not named"),
                ("Kind", escape(source.kind)), ("Interests", escape(source.interests))]
        if source.published:
            rows.append(("Published", escape(source.published)))
        if source.url:
            rows.append(("Original", f'<a href="{escape(source.url)}" rel="noopener nofollow">{escape(source.url)}</a>'))
        else:
            rows.append(("Original", "Address not known"))
        items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        cites = ""
        if source.cites:
            lis = "".join(f"<li>{escape(c)}</li>" for c in source.cites)
            cites = f'<p class="cc-cites-title"><strong>Studies and institutions it cites</strong></p><ul class="cc-cites-list">{lis}</ul>'
        review = ""
        if source.review:
            review = (f'<p class="cc-review">Maintainers have yet to confirm: {escape(", ".join(source.review))} '
                      "(described from what the page shows).</p>")
        flag = ""
        if self.site.has_interest(source.interests):
            flag = ('<p class="cc-interest-note"><span aria-hidden="true">$</span> <strong>Commercial interest.</strong> '
                    "Weigh what this source says with its interest in mind.</p>")
        positions = [p for _, _, p in self._positions[source.id]]
        counts = Counter(p.stance for p in positions)
        summary = (f'<p>Quoted in {len(positions)} positions: {counts["supports"]} supporting, '
                   f'{counts["contradicts"]} contradicting and {counts["qualifies"]} qualifying a claim.</p>')
        return f'<div class="cc-profile" id="profile"><dl>{items}</dl>{flag}{cites}{review}{summary}</div>'

    def article(self, source: Source, here: str) -> str:
        passages = self.a.passages[source.id]
        by_block: dict[int, list[Passage]] = {}
        for p in passages:
            by_block.setdefault(p.block, []).append(p)
        out: list[str] = []
        open_list = ""
        for i, block in enumerate(source.blocks):
            body = self.block_html(source, i, block.text, by_block.get(i, []), here)
            want = ("ol" if block.level else "ul") if block.kind == "item" else ""
            if open_list and want != open_list:
                out.append(f"</{open_list}>")
                open_list = ""
            if want and not open_list:
                start = f' start="{block.level}"' if want == "ol" and block.level != 1 else ""
                out.append(f"<{want}{start}>")
                open_list = want
            if block.kind == "heading":
                level = min(block.level + 1, 6)
                out.append(f'<h{level} id="b-{i}">{body}</h{level}>')
            elif block.kind == "item":
                out.append(f'<li id="b-{i}">{body}</li>')
            else:
                out.append(f'<p id="b-{i}">{body}</p>')
        if open_list:
            out.append(f"</{open_list}>")
        return f'<div class="cc-article">{"".join(out)}</div>'

    def block_html(self, source: Source, index: int, text: str, passages: list[Passage], here: str) -> str:
        """A block's text, escaped, with each quoted passage highlighted, anchored and linked back."""
        if not passages:
            return self.text(text)
        origin = source.blocks[index].offset
        spans = sorted((p.start - origin, p.end - origin, p) for p in passages)
        groups: list[list[tuple[int, int, Passage]]] = []
        for span in spans:  # overlapping passages share one highlight
            if groups and span[0] < max(e for _, e, _ in groups[-1]):
                groups[-1].append(span)
            else:
                groups.append([span])
        out, at = [], 0
        for group in groups:
            start, end = group[0][0], max(e for _, e, _ in group)
            out.append(self.text(text[at:start]))
            claims: list[Claim] = []
            for _, _, p in group:
                for pos in p.positions:
                    if pos.claim and pos.claim not in claims:
                        claims.append(pos.claim)
            inner, cursor = [], start
            for s, _, p in group:
                inner.append(self.text(text[cursor:s]))
                inner.append(f'<span class="cc-anchor" id="{p.id}"></span>')
                cursor = s
            inner.append(self.text(text[cursor:end]))
            first = claims[0]
            label = f"Cited by the claim: {first.statement} ({self.a.verdict(first)})"
            mark = self.link(here, self.at.claim(first), "".join(inner), class_="cc-passage-link", title=label)
            back = ""
            if len(claims) > 1:
                links = " ".join(self.link(here, self.at.claim(c), str(n), title=c.statement,
                                           aria_label=f"{n}: also cited by the claim: {c.statement}")
                                 for n, c in enumerate(claims[1:], start=2))
                back = f'<sup class="cc-backlinks">{links}</sup>'
            out.append(f'<mark class="cc-passage">{mark}</mark>{back}')
            at = end
        out.append(self.text(text[at:]))
        return "".join(out)

    def source_positions(self, source: Source, here: str) -> str:
        parts = []
        by_topic: dict[str, list[tuple[Claim, Position]]] = {}  # this source's positions, in topic order
        for t, c, p in self._positions[source.id]:
            by_topic.setdefault(t.id, []).append((c, p))
        for topic in (self.corpus.topics[tid] for tid in by_topic):
            items = []
            for claim, p in by_topic[topic.id]:
                items.append(f"<li>{self.stance_badge(p.stance)} "
                             f"{self.claim_link(here, claim)} "
                             f'<span class="cc-in-context">({self.link(here, self.at.passage(self.a.passage(p)), "quote in context")})</span></li>')
            if items:
                parts.append(f'<p class="cc-topic-name" data-search-exclude><strong>{self.link(here, self.at.topics[topic.id], escape(topic.title))}'
                             f'</strong></p><ul class="cc-source-positions" data-search-exclude>{"".join(items)}</ul>')
        return "".join(parts) or "<p>No claim quotes this source yet.</p>"

    def agreement(self, source: Source, here: str) -> str:
        rows, ranked = [], []
        for other in self.partners(source.id):
            r = self.a.pair(source.id, other.id)
            ranked.append((r, other))
            rows.append(f'<tr><th scope="row">{self.source_link(here, other)}</th><td>{r.shared}</td>'
                        f"<td>{r.agree}</td><td>{r.disagree}</td><td>{r.partly}</td></tr>")
        if not rows:
            return ("<p>There is no other source to compare with.</p>" if self.few_sources
                    else "<p>No other source takes a position on a claim this source speaks to.</p>")
        lead = ""
        shared = [(r, o) for r, o in ranked if r.shared]
        if shared:
            most_agree = max(shared, key=lambda x: (x[0].agree / x[0].shared, x[0].agree))
            most_disagree = max(shared, key=lambda x: (x[0].disagree / x[0].shared, x[0].disagree))
            lead = (f"<p>Agrees most with {self.source_link(here, most_agree[1])} ({most_agree[0].agree} of "
                    f"{most_agree[0].shared} shared claims). ")
            if most_disagree[0].disagree:
                lead += (f"Disagrees most with {self.source_link(here, most_disagree[1])} "
                         f"({most_disagree[0].disagree} of {most_disagree[0].shared} shared claims).")
            lead += "</p>"
        return (f'{lead}<div class="cc-scroll" tabindex="0" role="region" aria-label="Agreement with other sources">'
                '<table class="cc-table"><thead><tr><th scope="col">Other source</th><th scope="col">Claims both address</th>'
                '<th scope="col">Agree</th><th scope="col">Disagree</th><th scope="col">Partly</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>' + self.others_unshared(source, len(rows)))

    def others_unshared(self, source: Source, listed: int) -> str:
        others = len(self.corpus.sources) - 1 - listed
        if self.few_sources or not others:
            return ""
        return f"<p>The other {others} sources share no claim with this one.</p>"

    # ------------------------------------------------------------ overview, indexes, home

    def overview_page(self, here: str) -> Page:
        md = ["# Overview", "", "Who covers what, who agrees with whom, and every disputed claim.", "",
              "## Topics by sources", "", slot("topics"), "",
              "## Sources by sources", "", slot("pairs"), "",
              "## Disputed claims", "", slot("disputed"), ""]
        return Page("\n".join(md), {"topics": self.topics_by_sources(here), "pairs": self.sources_by_sources(here),
                                    "disputed": self.disputed_list(here)})

    def topics_by_sources(self, here: str) -> str:
        if not self.few_sources:
            return self.topics_by_speakers(here)
        sources = list(self.corpus.sources.values())
        head = "".join(f'<th scope="col">{self.source_link(here, s)}</th>' for s in sources)
        rows = []
        for topic in self.corpus.topics.values():
            cells = []
            for s in sources:
                c = self.a.coverage[(topic.id, s.id)]
                spoken = {k: v for k, v in c.items() if k != "silent" and v}
                if not spoken:
                    cells.append('<td class="cc-silent-cell">silent</td>')
                    continue
                bits = " ".join(f'<span class="cc-stance" data-stance="{k}" title="{v} {STANCE_WORD[k].lower()}">'
                                f'<span class="cc-icon" aria-hidden="true">{STANCE_ICON[k]}</span>'
                                f'<span class="cc-sr">{STANCE_WORD[k]}:</span> {v}</span>'
                                for k, v in sorted(spoken.items()))
                cells.append(f"<td>{bits}</td>")
            rows.append(f'<tr><th scope="row">{self.link(here, self.at.topics[topic.id], escape(topic.title))}</th>'
                        f"{''.join(cells)}</tr>")
        legend = " · ".join(f'{self.stance_badge(s)}' for s in ("supports", "contradicts", "qualifies"))
        return (f'<p class="cc-legend">Each cell counts the claims of a topic on which a source takes each stance. '
                f'{legend}</p><div class="cc-scroll" tabindex="0" role="region" aria-label="Topics by sources">'
                f'<table class="cc-table"><thead><tr><th scope="col">Topic</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def stance_counts(self, counts: Counter[str]) -> str:
        return " ".join(f'<span class="cc-stance" data-stance="{k}" title="{v} {STANCE_WORD[k].lower()}">'
                        f'<span class="cc-icon" aria-hidden="true">{STANCE_ICON[k]}</span>'
                        f'<span class="cc-sr">{STANCE_WORD[k]}:</span> {v}</span>'
                        for k, v in sorted(counts.items()) if k != "silent" and v)

    def topics_by_speakers(self, here: str) -> str:
        """Topics by sources when the sources are too many for a column each: per topic, the sources that
        speak and their stances."""
        rows = []
        for topic in self.corpus.topics.values():
            speakers = self.speakers(topic.id)
            said = "; ".join(f"{self.source_link(here, s)} {self.stance_counts(self.a.coverage[(topic.id, s.id)])}"
                             for s in speakers)
            rows.append(f'<tr><th scope="row">{self.link(here, self.at.topics[topic.id], escape(topic.title))}</th>'
                        f"<td>{said}</td><td>{len(self.corpus.sources) - len(speakers)}</td></tr>")
        legend = " · ".join(f'{self.stance_badge(s)}' for s in ("supports", "contradicts", "qualifies"))
        return (f'<p class="cc-legend">For each topic, the sources that take a position on its claims and how many '
                f'claims they support, contradict or qualify; the others are silent on it. {legend}</p>'
                '<div class="cc-scroll" tabindex="0" role="region" aria-label="Topics by sources">'
                '<table class="cc-table"><thead><tr><th scope="col">Topic</th><th scope="col">Sources that speak</th>'
                f'<th scope="col">Silent sources</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    def source_pairs(self, here: str) -> str:
        """Sources by sources when the sources are too many for a matrix: every pair that shares a claim."""
        rows = []
        for (a, b), r in sorted(self.a.pairs.items(), key=lambda kv: (self._order[kv[0][0]], self._order[kv[0][1]])):
            rows.append(f'<tr><th scope="row">{self.source_link(here, self.corpus.sources[a])}</th>'
                        f"<td>{self.source_link(here, self.corpus.sources[b])}</td><td>{r.shared}</td>"
                        f"<td>{r.agree}</td><td>{r.disagree}</td><td>{r.partly}</td></tr>")
        return ('<p class="cc-legend">Each pair of sources that address a claim in common: how often their stances '
                'agree, disagree (one supports, the other contradicts) or partly agree (a qualification on either '
                'side). Pairs that share no claim are left out.</p>'
                '<div class="cc-scroll" tabindex="0" role="region" aria-label="Sources by sources">'
                '<table class="cc-table"><thead><tr><th scope="col">Source</th><th scope="col">Other source</th>'
                '<th scope="col">Claims both address</th><th scope="col">Agree</th><th scope="col">Disagree</th>'
                f'<th scope="col">Partly</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    def sources_by_sources(self, here: str) -> str:
        if not self.few_sources:
            return self.source_pairs(here)
        sources = list(self.corpus.sources.values())
        head = "".join(f'<th scope="col">{self.source_link(here, s)}</th>' for s in sources)
        rows = []
        for a in sources:
            cells = []
            for b in sources:
                if a.id == b.id:
                    cells.append('<td class="cc-self">—</td>')
                    continue
                r = self.a.pair(a.id, b.id)
                cells.append(f"<td>{r.agree} agree, {r.disagree} disagree, {r.partly} partly"
                             f"<br><small>of {r.shared} shared</small></td>")
            rows.append(f'<tr><th scope="row">{self.source_link(here, a)}</th>{"".join(cells)}</tr>')
        return ('<p class="cc-legend">For each pair, the claims both sources address: how often their stances agree, '
                'disagree (one supports, the other contradicts) or partly agree (a qualification on either side).</p>'
                '<div class="cc-scroll" tabindex="0" role="region" aria-label="Sources by sources">'
                f'<table class="cc-table"><thead><tr><th scope="col">Source</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def disputed_list(self, here: str) -> str:
        items = []
        for claim in self.a.disputed:
            sides = []
            for stance in ("supports", "contradicts", "qualifies"):
                names = sorted({self.corpus.sources[p.source].name for p in claim.positions if p.stance == stance})
                if names:
                    sides.append(f"{self.stance_badge(stance)}: {escape(', '.join(names))}")
            topic = self.corpus.topics[claim.topic]
            items.append(f"<li>{self.claim_link(here, claim)} "
                         f'<span class="cc-topic-of">in {self.link(here, self.at.topics[topic.id], escape(topic.title))}</span>'
                         f'<br>{" · ".join(sides)}</li>')
        if not items:
            return "<p>No claim is disputed.</p>"
        return f'<ul class="cc-disputed">{"".join(items)}</ul>'

    def topics_glance(self, here: str) -> str:
        rows = []
        for topic in self.corpus.topics.values():
            c = self.a.topic_counts[topic.id]
            counts = "".join(f"<td>{c[v]}</td>" for v in ("agreed", "disputed", "qualified", "single source"))
            rows.append(f'<tr><th scope="row">{self.link(here, self.at.topics[topic.id], escape(topic.title))}</th>'
                        f"<td>{len(topic.claims)}</td>{counts}</tr>")
        head = "".join(f'<th scope="col">{self.verdict_badge(v)}</th>'
                       for v in ("agreed", "disputed", "qualified", "single source"))
        return ('<div class="cc-scroll" tabindex="0" role="region" aria-label="Topics at a glance">'
                f'<table class="cc-table"><thead><tr><th scope="col">Topic</th><th scope="col">Claims</th>{head}</tr>'
                f'</thead><tbody>{"".join(rows)}</tbody></table></div>')

    def sources_list(self, here: str) -> str:
        items = []
        for s in self.corpus.sources.values():
            who = escape(s.publisher) + (f", by {escape(s.author)}" if s.author and s.author != s.publisher else "")
            items.append(f'<li>{self.link(here, self.at.sources[s.id], escape(s.title))} '
                         f'<span class="cc-kind">{escape(s.kind)}</span>{self.interest_flag(here, s)}'
                         f"<br><small>{who}</small></li>")
        return f'<ul class="cc-source-list">{"".join(items)}</ul>'

    def topics_index(self, here: str) -> Page:
        return Page("\n".join(["# Topics", "", "Each topic page puts the sources side by side, claim by claim.", "",
                               slot("glance"), ""]), {"glance": self.topics_glance(here)})

    def sources_index(self, here: str) -> Page:
        return Page("\n".join(["# Sources", "", "The articles compared on this site, with who published them, what "
                               "kind of text each is, and any commercial interest visible in it.", "",
                               slot("list"), ""]), {"list": self.sources_list(here)})

    def review_page(self, here: str) -> Page:
        """For maintainers: likely contradictions first, then each source's quoted share and the sentences no
        claim quotes yet, each with the claims it most likely speaks to."""
        report = coverage(self.a)
        suggested, contradictions = self.review_suggestions(here, report)
        parts = [contradictions]
        for sid, cov in report.items():
            source = self.corpus.sources[sid]
            items = "".join(
                f"<li>{self.link(here, self.at.sources[sid] + f'#b-{s.block}', self.text(s.text))}"
                f"{suggested.get((sid, s.start), '')}</li>"
                for s in cov.unquoted)
            parts.append(f"<h2>{self.source_link(here, source)}</h2><p><strong>{cov.share:.0%}</strong> of "
                         f"{len(cov.sentences)} sentences quoted; {len(cov.unquoted)} not yet.</p>"
                         f'<ul class="cc-review-list">{items}</ul>')
        return Page("\n".join(["# Review queue", "", "For maintainers: how much of each source the claims quote, and "
                               "the sentences no claim quotes yet. A sentence counts as quoted when claims quote at "
                               "least half of it. `make coverage` prints the same report. Under each sentence are "
                               "the existing claims it most likely speaks to, best first, with a stance hint and "
                               "the cue behind it (`make suggest SOURCE=<id>` prints them with a position block "
                               "to paste). Hints are cues for a person to check, not judgements.", "",
                               slot("review"), ""]), {"review": "".join(parts)})

    MARKERS: ClassVar[dict[str, str]] = {"<!-- concordance:topics -->": "topics_glance",
                                         "<!-- concordance:sources -->": "sources_list",
                                         "<!-- concordance:disputed -->": "disputed_list"}

    # Past claims × pending sentences = this, the review page lists sentences without suggestions: ranking is
    # pure Python here (the build has no numpy), and `make suggest SOURCE=<id>` does it quicker for one source.
    # At this size a worst-case synthetic corpus adds about half a second to a build (BENCHMARKS.md).
    REVIEW_SUGGEST_BUDGET = 100_000

    def review_suggestions(self, here: str, report: dict[str, SourceCoverage]) -> tuple[dict[tuple[str, int], str], str]:
        """(source id, sentence start) -> the list of likely claims under that sentence; and the "likely
        contradictions" section (sentences whose figure or polarity differs from a likely claim's)."""
        from .suggest import NO_CUE, ClaimIndex, pending_sentences, suggest_for

        pending = {sid: pending_sentences(cov.sentences) for sid, cov in report.items()}
        count = sum(len(p[0]) for p in pending.values())
        if not self.corpus.claims or not count:
            return {}, ""
        if len(self.corpus.claims) * count > self.REVIEW_SUGGEST_BUDGET:
            return {}, (f'<p class="cc-review-note">{count} sentences against {len(self.corpus.claims)} claims are too '
                        "many to rank while the site builds: run <code>make suggest SOURCE=&lt;id&gt;</code> for a "
                        "source's suggestions.</p>")
        # Pure Python even where numpy is installed, so the page is the same whatever extras a machine has.
        index = ClaimIndex(self.corpus, use_numpy=False)
        out: dict[tuple[str, int], str] = {}
        flagged = []
        for sid, (sentences, contexts) in pending.items():
            for found in suggest_for(index, sentences, contexts, top=3):
                items = "".join(f'<li>{self.claim_link(here, c.claim)} <span class="cc-suggest-hint">{c.score:.2f} · '
                                f"{c.stance}{'' if c.cue == NO_CUE else ' · ' + escape(c.cue)}</span></li>"
                                for c in found.claims)
                if items:
                    out[(sid, found.sentence.start)] = f'<ul class="cc-suggest" aria-label="Likely claims">{items}</ul>'
                if found.contradiction:
                    flagged.append((sid, found.sentence, found.contradiction))
        listed = "".join(
            f"<li>{self.link(here, self.at.sources[sid] + f'#b-{s.block}', self.text(s.text))} "
            f"({escape(self.corpus.sources[sid].name)}) against {self.claim_link(here, c.claim)}: {escape(c.cue)}</li>"
            for sid, s, c in flagged)
        section = ('<h2 id="likely-contradictions">Likely contradictions</h2><p>Sentences not quoted yet whose figure '
                   "differs from a likely claim's figures, or that carry a negation the claim's words lack. "
                   "Read each against the claim: it may contradict it, or qualify it, or speak of something "
                   "else.</p>" + (f'<ul class="cc-review-contradictions">{listed}</ul>' if listed else
                                  "<p>None found.</p>"))
        return out, section

    MARKERS = {"<!-- concordance:topics -->": "topics_glance", "<!-- concordance:sources -->": "sources_list",
               "<!-- concordance:disputed -->": "disputed_list"}

    def fill_markers(self, markdown: str, here: str) -> Page:
        """Replace the markers a hand-written page (like the home page) may hold with generated blocks."""
        page = Page(markdown)
        for marker, method in self.MARKERS.items():
            if marker in page.markdown:
                name = method
                page.markdown = page.markdown.replace(marker, slot(name))
                page.fragments[name] = getattr(self, method)(here)
        return page
