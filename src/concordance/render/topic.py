"""Topic pages: the summary (with other topics linked), the claims against the sources, one block per claim."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from ..model import Claim, Position, Source, Speaker, Topic
from ..text import case_blind
from .context import EMPTY, Context, joined, trusted
from .page import Page, markdown_text, slot
from .urls import relative

# Stretches of a summary that must not get a link: existing links, code, headings, HTML tags.
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|`[^`]*`|^#.*$|<[^>]+>", re.M)


def toc_label(statement: str, words: int = 6) -> str:
    """A claim's short label for the page's table of contents: its first few words. Written into an
    attribute list, so HTML-escaped and with no character that could end the attribute or the list."""
    parts = statement.split()
    label = " ".join(parts[:words]).rstrip(",;:.") + ("…" if len(parts) > words else "")
    return escape(re.sub(r'[{}"\\]', "", label), quote=True)


@dataclass(slots=True)
class SourceView:
    link: Markup
    name: str
    kind: str
    flag: Markup
    caveats: list[Markup]


@dataclass(slots=True)
class PositionView:
    """A position's pieces for the claim template: made here, in one call, as a position repeats them."""

    source: SourceView
    stance: str
    quote: Markup
    context: str  # the passage, with the claim to come back to
    preview: str
    original: str
    note: str
    speaker: Speaker | None  # whose words the quote is, when not the article's own
    speaker_flag: Markup


class TopicPages:
    def __init__(self, r: Context) -> None:
        self.r = r
        self.t = r.templates("topic")
        self._phrase_index: tuple[dict[str, list[tuple[str, set[str]]]], set[str]] | None = None
        self._topic_order = {tid: i for i, tid in enumerate(r.corpus.topics)}
        self._cells: dict[tuple[str, str], Markup] = {}

    def page(self, topic: Topic, here: str) -> Page:
        r, t = self.r, self.t
        md = [f"# {markdown_text(topic.title)}", "", slot("answer"), "", self.link_summary(topic), "",
              "## At a glance", "", slot("glance"), ""]
        speakers = r.speakers(topic.id)
        others = len(r.corpus.sources) - len(speakers)
        quoted = {p.source for c in topic.claims for p in c.positions}
        crisis = r.needs_crisis_note(topic.title, topic.answer, topic.summary, *(c.statement for c in topic.claims),
                                     *(p.quote for c in topic.claims for p in c.positions),
                                     *(caveat for sid in quoted for caveat in r.corpus.sources[sid].caveats))
        sources: dict[str, SourceView] = {}  # each source's pieces, made once per page
        # Each claim's stances, one per listed source, and its row of cells for the table (each cell drawn once
        # per build: a cell is a source's name and a stance, and a large site has a hundred thousand of them).
        stances = r.a.stance
        rows = [[stances[(claim.id, s.id)] for s in speakers] for claim in topic.claims]
        cells = [joined(self.cell(s, stance) for s, stance in zip(speakers, row)) for row in rows]
        page = Page("", {"answer": t.answer(topic, crisis),
                         "glance": t.glance(here, speakers, list(zip(topic.claims, cells)),
                                            0 if r.few_sources else others)})
        for claim, row in zip(topic.claims, rows):
            md += [f"## {markdown_text(claim.statement)} {{ #{claim.id} .cc-claim-heading "
                   f'data-toc-label="{toc_label(claim.statement)}" }}', "", slot(claim.id), ""]
            silent = joined((r.source_link(here, s) for s, stance in zip(speakers, row) if stance == "silent"), ", ")
            views = [self.position_view(claim, p, here, sources) for p in claim.positions]
            page.fragments[claim.id] = t.claim(here, claim, views, silent, others)
        if topic.related:
            md += ["## Related topics", "", slot("related"), ""]
            page.fragments["related"] = t.related(here, topic)
        page.markdown = "\n".join(md)
        return page

    def cell(self, source: Source, stance: str) -> Markup:
        """A cell of the table at a glance: a source's stance on a claim."""
        key = (source.id, stance)
        if key not in self._cells:
            self._cells[key] = self.t.cell(source, stance)
        return self._cells[key]

    def position_view(self, claim: Claim, position: Position, here: str,
                      sources: dict[str, SourceView]) -> PositionView:
        r = self.r
        source = r.corpus.sources[position.source]
        if source.id not in sources:
            kind = f"{source.kind}, {source.published}" if source.published else source.kind
            sources[source.id] = SourceView(r.source_link(here, source), source.name, kind,
                                            r.interest_flag(here, source),
                                            [r.text(c) for c in source.caveats])
        passage = r.a.passage(position)
        # A quote that opens with the article's own quotation mark needs no second one around it.
        quote = r.text(passage.text)
        if passage.text[:1] not in "\"“‘'":
            quote = trusted(f"“{quote}”")  # the quote escaped, in marks of our own
        speaker = r.speaker(position)
        return PositionView(sources[source.id], position.stance, quote, relative(here, r.at.passage(passage, claim)),
                            r.context_preview(passage), r.original(source, passage) if source.url else "",
                            position.note, speaker, r.speaker_flag(here, source, speaker) if speaker else EMPTY)

    def link_summary(self, topic: Topic) -> str:
        """The summary, with the first mention of each other topic (its title or phrases) linked to it."""
        text = topic.summary
        words = set(re.findall(r"\w+", case_blind(text)))
        for other in sorted((self.r.corpus.topics[t] for t in self._may_mention(words)),
                            key=lambda t: self._topic_order[t.id]):
            if other.id == topic.id:
                continue
            # Its title, or a phrase of two words or more: single words link too eagerly.
            phrases = [other.title.rstrip("?.!"), *(m for m in other.mentions if len(m.split()) > 1)]
            pattern = re.compile(r"(?<![\w\[/-])(" + "|".join(re.escape(p) for p in phrases if p) + r")(?![\w\]-])",
                                 re.IGNORECASE)
            blocked = [m.span() for m in _PROTECTED.finditer(text)]
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
                    for t in self.r.corpus.topics.values()
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
