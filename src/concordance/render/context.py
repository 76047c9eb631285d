"""What every page family shares: the analysis, the addresses, the site's policy, the words for stances and
verdicts, escaping with glossary hints, and the templates (compiled once per process)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from types import BuiltinMethodType, MethodType
from typing import Any

import markupsafe
from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from jinja2.runtime import Context as TemplateContext
from jinja2.runtime import Macro
from jinja2.utils import internalcode
from markupsafe import Markup, escape

from ..analyse import Analysis
from ..config import SiteConfig
from ..model import (
    STANCES,
    VERDICTS,
    Claim,
    Passage,
    Position,
    Source,
    Speaker,
    Topic,
    position_interests,
    position_speaker,
    speaker_interests,
)
from ..numbers import Comparison, Row, chart_layout, comparison_label, range_text, row_label
from ..suggest import NO_CUE
from ..text import CASE_TWIN_CHARS
from .urls import Addresses, relative, text_fragment

# Every stance and verdict shows an icon and a word; colour only reinforces them. The keys are the model's.
STANCE_ICON = {"supports": "✔", "contradicts": "✘", "qualifies": "◑", "mixed": "⇄", "silent": "○"}
STANCE_WORD = {"supports": "Supports", "contradicts": "Contradicts", "qualifies": "Qualifies",
               "mixed": "Mixed", "silent": "Silent"}
VERDICT_ICON = {"agreed": "✔", "disputed": "⚡", "qualified": "◑", "single source": "①"}
# What readers see. The data keeps the model's values ("qualified" stays in claims.json); the labels say what
# the sources do, so that none can be read as the site's approval ("qualified" reads as "approved").
VERDICT_LABEL = {"agreed": "All that speak agree", "disputed": "Sources split", "qualified": "Partly agree",
                 "single source": "One source only"}
VERDICT_HELP = {
    "agreed": "every source that speaks to it supports it; agreement is not proof",
    "disputed": "at least one source supports it and at least one contradicts it",
    "qualified": "at least one source supports it; at least one agrees only in part or adds a caveat or limit",
    "single source": "only one source speaks to it",
}
# A source's standing on a claim, in a sentence: (one source, several).
STANDING_PHRASE = {"supports": ("supports it", "support it"), "contradicts": ("contradicts it", "contradict it"),
                   "qualifies": ("agrees only in part or adds a limit", "agree only in part or add a limit"),
                   "mixed": ("takes more than one side", "take more than one side")}
INTEREST_HELP = "Every source or quoted person that supports this has a commercial interest in it"
assert set(STANCES) < set(STANCE_WORD) and set(VERDICTS) == set(VERDICT_LABEL), "a stance or verdict has no words"

# Up to this many sources, tables give every source a column and each claim names every silent source.
# Above it a page lists only the sources that speak on its topic (and counts the others): otherwise every
# topic page, source page and the overview would grow with claims × sources, not with what was said.
MAX_LISTED_SOURCES = 25


# markupsafe's own escaper (of a str only), without the Markup around its result (see escape_output); the same
# text through escape() if a markupsafe version has it no more.
_escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(escape(text)))


def escape_output(value: object) -> str:
    """What `{{ value }}` writes: markupsafe's escape, except that Markup, already safe and immutable, is
    written as it is, and plain text is escaped into plain text. markupsafe wraps every result in a new Markup
    (a Python-level __new__ costing three times the escaping), which `{{ }}` does not need: its output is only
    joined into a macro's or a block's result, which Jinja makes Markup once."""
    kind = type(value)
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is str:
        return _escape_text(value)  # type: ignore[arg-type]  # it is a str
    if kind is int:  # counts: their digits need no escaping
        return str(value)
    return escape(value)


class _Generator(CodeGenerator):
    """Jinja's code generator (its hook for the compiled code), writing `{{ }}` with escape_output."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None:
            self.write("environment.escape_output(")
        else:
            super()._output_child_pre(node, frame, finalize)


class _TemplateContext(TemplateContext):
    """Jinja's template context, calling macros, the renderer's methods (none takes the template context) and
    built-in methods such as dict.get (which cannot be marked to take it) straight away: Jinja's
    TemplateContext.call first looks for a wish to be passed the context, three attribute lookups that mostly
    fail, costlier than most calls, and a large site's templates make about 160,000 calls. (tests/test_render.py
    checks that no method of the renderer's Context is marked to take the template context.)"""

    @internalcode  # like Jinja's own: hidden from template tracebacks
    def call(self, obj: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        kind = type(obj)  # (and type(obj) again below, which narrows obj's type for mypy)
        if kind is Macro or kind is BuiltinMethodType or (type(obj) is MethodType and type(obj.__self__) is Context):
            kwargs.pop("_block_vars", None)  # what Jinja adds to every call inside a block or a loop
            kwargs.pop("_loop_vars", None)
            return obj(*args, **kwargs)
        return super().call(obj, *args, **kwargs)


class _Environment(Environment):
    code_generator_class = _Generator
    context_class = _TemplateContext
    escape_output = staticmethod(escape_output)


ENV = _Environment(loader=PackageLoader("concordance", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
ENV.globals.update(INTEREST_HELP=INTEREST_HELP, STANCES=STANCES, VERDICTS=VERDICTS, STANCE_ICON=STANCE_ICON,
                   STANCE_WORD=STANCE_WORD,
                   comparison_label=comparison_label, VERDICT_ICON=VERDICT_ICON, VERDICT_LABEL=VERDICT_LABEL,
                   VERDICT_HELP=VERDICT_HELP, NO_CUE=NO_CUE)


_BADGES = ENV.get_template("badges.html").module
# Drawn once: every table cell and claim shows one of these.
ENV.globals.update(STANCE_BADGE={s: _BADGES.stance_badge(s) for s in STANCE_WORD},  # type: ignore[attr-defined]
                   VERDICT_BADGE={v: _BADGES.verdict_badge(v) for v in VERDICTS},  # type: ignore[attr-defined]
                   INTEREST_ONLY_SHORT=_BADGES.interest_only_badge(True),  # type: ignore[attr-defined]
                   INTEREST_ONLY_LONG=_BADGES.interest_only_badge(False))  # type: ignore[attr-defined]
_INTEREST = Markup('<span aria-hidden="true">$</span> has an interest')
ENV.globals["INTEREST_MARK"] = _INTEREST  # the same words on the source page's list of the people it quotes
# A DOI (bare or as a doi.org address), a PubMed id or address, or a PMC id, in a cite's text.
_CITE_ID = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)?\b(?P<doi>10\.\d{4,9}/[^\s\"<>,;)]+[^\s\"<>,;).])"
                      r"|(?:https?://pubmed\.ncbi\.nlm\.nih\.gov/|\bPMID:?\s*)(?P<pmid>\d{4,9})/?"
                      r"|(?:https?://(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/)?\b(?P<pmc>PMC\d{4,9})/?")


def _attr(value: str) -> str:
    """html.escape(value, quote=True) of a str, through markupsafe's C escaper (which writes &#34; and &#39;
    where html.escape writes &quot; and &#x27;; an escaped text holds "&#" only there)."""
    out: str = _escape_text(value)
    return out.replace("&#34;", "&quot;").replace("&#39;", "&#x27;") if "&#" in out else out


_new_str = str.__new__


def trusted(html: str) -> Markup:
    """HTML built here from escaped pieces (a str), as Markup: what Markup(html) makes, without its Python-level
    checks (they cost twice the copy, and a large site makes about a million of these); unlike Markup(), it
    does not call an object's __html__."""
    return _new_str(Markup, html)


EMPTY = Markup("")


def speaking_sources(claim: Claim) -> list[str]:
    """The sources that take a position on a claim, each once, in the order they first appear."""
    return list(dict.fromkeys(p.source for p in claim.positions))


def interested_support_only(claim: Claim, sources: dict[str, Source], site: SiteConfig) -> bool:
    """Whether every position supporting the claim comes from someone with a commercial interest (the site's
    policy says which): the quoted speaker, for a position that names one, else the source. A clinic director
    quoted in a magazine carries their interest; the magazine's own words carry the magazine's."""
    backers = [p for p in claim.positions if p.stance == "supports"]
    return bool(backers) and all(site.has_interest(position_interests(p, sources)) for p in backers)


def joined(parts: Iterable[Markup], separator: str = "") -> Markup:
    """Markup pieces joined by a separator (text, escaped; or Markup, kept). Markup.join escapes, and so copies,
    every piece, and a large site joins a few hundred thousand; these are Markup already (checked), so they are
    joined as they are."""
    pieces = list(parts)
    for piece in pieces:
        if not isinstance(piece, Markup):
            raise TypeError(f"joined() takes Markup, not {type(piece).__name__}")
    glue = separator if isinstance(separator, Markup) else _escape_text(separator)
    return trusted(glue.join(pieces))  # every piece is Markup, the separator escaped unless it is Markup


def fragment(html: object) -> Markup:
    """A macro's output, as the type it is: Markup the template escaped."""
    if not isinstance(html, Markup):
        raise TypeError(f"a template returned {type(html).__name__}, not Markup")
    return html


class Context:
    def __init__(self, analysis: Analysis, addresses: Addresses, glossary: dict[str, str] | None = None,
                 site: SiteConfig | None = None) -> None:
        self.a = analysis
        self.site = site or SiteConfig()
        self.corpus = analysis.corpus
        self.at = addresses
        # Abbreviations get their meaning on hover in text the site's Markdown never sees (articles, quotes).
        self.glossary = glossary or {}
        terms = "|".join(re.escape(t) for t in sorted(self.glossary, key=len, reverse=True))
        self._glossary_re = re.compile(r"(?<![\w&#;])(" + terms + r")(?![\w;])") if self.glossary else None
        # The terms alone: a pattern that opens with literals scans several times faster, and most text
        # holds no term at all.
        self._glossary_may = re.compile(f"(?:{terms})") if self.glossary else None
        self._abbr = {t: Markup('<abbr title="{}">{}</abbr>').format(meaning, t)
                      for t, meaning in self.glossary.items()}
        # Built once, so no page has to scan every claim or every source.
        self.few_sources = len(self.corpus.sources) <= MAX_LISTED_SOURCES
        self.order = {sid: i for i, sid in enumerate(self.corpus.sources)}
        self.positions: dict[str, list[tuple[Topic, Claim, Any]]] = {sid: [] for sid in self.corpus.sources}
        for topic in self.corpus.topics.values():
            for claim in topic.claims:
                for position in claim.positions:
                    self.positions[position.source].append((topic, claim, position))
        self._partners: dict[str, list[str]] = {}
        for a, b in self.a.pairs:
            self._partners.setdefault(a, []).append(b)
            self._partners.setdefault(b, []).append(a)
        self._speakers: dict[str, list[Source]] = {}
        self._templates: dict[str, Any] = {}
        self._interest_only: dict[str, bool] = {}
        self._previews: dict[str, str] = {}
        self._stance_counts: dict[tuple[tuple[str, int], ...], Markup] = {}
        self._links: dict[tuple[str, str, bool, str, str, str], Markup] = {}
        crisis = self.site.crisis
        self._crisis_re = (re.compile(r"\b(" + "|".join(re.escape(w) for w in crisis.words) + r")", re.IGNORECASE)
                           if crisis and crisis.words else None)
        self._crisis_words = [w.lower() for w in crisis.words] if crisis else []

    def needs_crisis_note(self, *texts: str) -> bool:
        """Whether a page whose text holds these needs the site's crisis note (a word of site.crisis.words)."""
        if self._crisis_re is None:
            return False
        joined = "\n".join(texts)
        # Plain substring tests first: most pages hold none of the words, and the pattern costs far more. A
        # text with a character lower() does not fold as the pattern does goes straight to the pattern.
        if not any(twin in joined for twin in CASE_TWIN_CHARS):
            lowered = joined.lower()
            if not any(w in lowered for w in self._crisis_words):
                return False
        return self._crisis_re.search(joined) is not None

    def templates(self, name: str) -> Any:
        """A template's macros, callable from Python (each returns Markup), with this context as `r`. The
        templates are compiled once per process (ENV caches them); each build binds them to its context."""
        if name not in self._templates:
            self._templates[name] = ENV.get_template(f"{name}.html").make_module({"r": self})
        return self._templates[name]

    # ------------------------------------------------------------ helpers the templates call

    def rel(self, here: str, to: str) -> str:
        return relative(here, to)

    # Links are the most frequent piece of every page: made here, not by a macro (a Jinja macro call, or
    # Markup.format, costs several times more). Every value is escaped unless it is Markup already.
    def link(self, here: str, to: str, text: str, class_: str = "", tip: str = "", label: str = "") -> Markup:
        # Links repeat: a topic page names a source on every claim it is silent on, and every topic page links
        # to the same source page by the same relative address. Each link is made once per build, by address.
        href = relative(here, to)
        key = (href, text, isinstance(text, Markup), class_, tip, label)
        made = self._links.get(key)
        if made is None:
            made = self._links[key] = self._link(href, text, class_, tip, label)
        return made

    @staticmethod
    def _link(href: str, text: str, class_: str, tip: str, label: str) -> Markup:
        out = f'<a href="{_attr(href)}"'
        if class_:
            out += f' class="{_attr(class_)}"'
        if tip:  # a preview shown by docs/assets/concordance.js (a `title` costs Material work at page load)
            out += f' data-tip="{_attr(tip)}"'
        if label:
            out += f' aria-label="{_attr(label)}"'
        body = text if isinstance(text, Markup) else _attr(str(text))
        return trusted(f"{out}>{body}</a>")  # every piece escaped above

    def source_link(self, here: str, source: Source) -> Markup:
        return self.link(here, self.at.sources[source.id], source.name, class_="cc-source")

    def interest_flag(self, here: str, source: Source) -> Markup:
        """A mark, after a source's name, that it has a commercial interest (linked to its profile)."""
        return self._flag(here, source, "profile", source.interests)

    def speaker(self, position: Position) -> Speaker | None:
        """The person whose words a position quotes, when it names one."""
        return position_speaker(position, self.corpus.sources)

    def speaker_flag(self, here: str, source: Source, speaker: Speaker) -> Markup:
        """A mark, after a quoted speaker's name, that their words carry a commercial interest (linked to the
        source's profile, which lists its speakers)."""
        return self._flag(here, source, f"speaker-{speaker.id}", speaker_interests(source, speaker))

    def _flag(self, here: str, source: Source, anchor: str, interests: str) -> Markup:
        """The $ mark of these interests, linked to its place on the source's page; nothing where the site's policy
        reads no commercial interest in them."""
        if not self.site.has_interest(interests):
            return EMPTY
        return Markup(" ") + self.link(here, f"{self.at.sources[source.id]}#{anchor}", _INTEREST,
                                       class_="cc-interest", tip=interests)

    def topic_link(self, here: str, topic: Topic) -> Markup:
        return self.link(here, self.at.topics[topic.id], topic.title)

    def claim_link(self, here: str, claim: Claim) -> Markup:
        return self.link(here, self.at.claim(claim), claim.statement, class_="cc-claim-link", tip=self.preview(claim))

    def text(self, raw: str) -> Markup:
        """Untrusted text as safe HTML: escaped, with glossary terms explained."""
        escaped = trusted(_escape_text(raw)) if type(raw) is str else escape(raw)
        if self._glossary_re is None or self._glossary_may is None or not self._glossary_may.search(escaped):
            return escaped
        return Markup(self._glossary_re.sub(lambda m: self._abbr[m.group(1)], escaped))  # noqa: S704 - escaped above

    def original(self, source: Source, passage: Passage) -> str:
        """The quote's place in the original web page."""
        return text_fragment(source.url, source.text[passage.start:passage.end])

    def row_name(self, row: Row) -> str:
        """A row of figures says whose figure it is and what it measures."""
        return row_label(row, self.corpus.sources[row.position.source].name)

    def range_text(self, row: Row, unit: str) -> str:
        return range_text(row, unit)

    def chart(self, comparison: Comparison) -> Markup:
        """The range chart: numbers.py lays it out, templates/chart.html draws it (escaped by autoescape)."""
        return chart_svg(comparison, [self.row_name(row) for row in comparison.rows])

    def cite(self, cite: str) -> Markup:
        """A cite as the article lists it, escaped, with a link where it holds a DOI, PubMed or PMC address."""
        out, at = [], 0
        for m in _CITE_ID.finditer(cite):
            out.append(self.text(cite[at:m.start()]))
            doi, pmid, pmc = m.group("doi"), m.group("pmid"), m.group("pmc")
            url = (f"https://doi.org/{doi}" if doi else f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid
                   else f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmc}/")
            out.append(Markup('<a href="{}" rel="noopener nofollow">{}</a>').format(url, m.group()))
            at = m.end()
        out.append(self.text(cite[at:]))
        return Markup("").join(out)

    def interested(self, source: Source) -> bool:
        return self.site.has_interest(source.interests)

    def speaker_interested(self, source: Source, speaker: Speaker) -> bool:
        """Whether a quoted person's words carry a commercial interest: their own, else the source's (as
        claims.json and the $ marks on claims read it)."""
        return self.site.has_interest(speaker_interests(source, speaker))

    def interested_speakers(self, source: Source) -> list[Speaker]:
        return [s for s in source.speakers.values() if self.speaker_interested(source, s)]

    def verdict(self, claim: Claim) -> str:
        return self.a.verdict(claim)

    def interest_only(self, claim: Claim) -> bool:
        if claim.id not in self._interest_only:
            self._interest_only[claim.id] = interested_support_only(claim, self.corpus.sources, self.site)
        return self._interest_only[claim.id]

    def interest_only_count(self, topic: Topic) -> int:
        return sum(self.interest_only(c) for c in topic.claims)

    def agreement_sentence(self, claim: Claim) -> str:
        """How many sources speak to a claim and where they stand: sources counted, not quotes."""
        speaking = speaking_sources(claim)
        k, n = len(speaking), len(self.corpus.sources)
        standings: Counter[str] = Counter(self.a.stance[(claim.id, sid)] for sid in speaking)
        if k == 1:
            (standing,) = standings
            return f"Only 1 of {n} articles speaks to this; it {STANDING_PHRASE[standing][0]}."
        lead = f"All {n} articles speak to this" if k == n else f"{k} of {n} articles speak to this"
        if len(standings) == 1:
            (standing,) = standings
            return f"{lead}; all {k} {STANDING_PHRASE[standing][1]}."
        parts = [f"{c} {STANDING_PHRASE[s][0 if c == 1 else 1]}" for s in STANDING_PHRASE
                 if (c := standings[s])]
        return f"{lead}: {', '.join(parts)}."

    def source(self, source_id: str) -> Source:
        return self.corpus.sources[source_id]

    def context_preview(self, passage: Passage) -> str:
        """What hovering or focusing an "in context" link shows: the words just before the quote."""
        source = self.corpus.sources[passage.source]
        start = source.blocks[passage.block].offset
        before = " ".join(source.text[start:passage.start].split())
        if len(before) > 160:
            before = "…" + before[-157:].split(" ", 1)[-1]
        lead = f"“{before} …”" if before else "The quote opens its paragraph."
        return f"In {source.name}'s article: {lead} Opens the passage, with a way back here."

    def preview(self, claim: Claim) -> str:
        """What hovering or focusing a link to a claim shows: its first quote and who said it. Made once per
        claim: a claim is linked from its topic's table, its sources' pages and the indexes."""
        if claim.id not in self._previews:
            self._previews[claim.id] = self._preview(claim)
        return self._previews[claim.id]

    def _preview(self, claim: Claim) -> str:
        p = claim.positions[0]
        quote = " ".join(self.a.passage(p).text.split())
        if len(quote) > 220:
            quote = quote[:217].rsplit(" ", 1)[0] + " …"
        more = f" (+{len(claim.positions) - 1} more)" if len(claim.positions) > 1 else ""
        speaker = self.speaker(p)
        who = self.corpus.sources[p.source].name
        who = f"{speaker.name}, quoted in {who}" if speaker else who
        return f"{VERDICT_LABEL[self.a.verdict(claim)]}. “{quote}” — {who}, {p.stance}{more}"

    def speakers(self, topic_id: str) -> list[Source]:
        """The sources a topic's pages list: every source while they are few, else those that take a
        position on one of its claims (in the sources' order)."""
        if self.few_sources:
            return list(self.corpus.sources.values())
        if topic_id not in self._speakers:
            ids = {p.source for c in self.corpus.topics[topic_id].claims for p in c.positions}
            self._speakers[topic_id] = [self.corpus.sources[sid] for sid in sorted(ids, key=self.order.__getitem__)]
        return self._speakers[topic_id]

    def partners(self, source_id: str) -> list[Source]:
        """The other sources a source page compares with: all while they are few, else those sharing a claim."""
        if self.few_sources:
            return [s for s in self.corpus.sources.values() if s.id != source_id]
        ids = self._partners.get(source_id, [])
        return [self.corpus.sources[sid] for sid in sorted(ids, key=self.order.__getitem__)]

    def sides(self, claim: Claim) -> list[tuple[str, list[str]]]:
        """Who takes each stance on a claim, by name."""
        names = {s: sorted({self.corpus.sources[p.source].name for p in claim.positions if p.stance == s})
                 for s in STANCES}
        return [(s, names[s]) for s in STANCES if names[s]]

    def stance_counts(self, counts: Counter[str]) -> Markup:
        """A cell's stance counts (macros.html), drawn once per distinct counts: the overview of a large site has
        tens of thousands of such cells, of a few dozen kinds."""
        key = tuple(self.counts(counts))
        made = self._stance_counts.get(key)
        if made is None:
            made = self._stance_counts[key] = fragment(self.templates("macros").stance_counts(counts))
        return made

    @staticmethod
    def counts(items: Counter[str]) -> list[tuple[str, int]]:
        """Stance counts to show: the spoken ones, in a fixed order."""
        return [(k, v) for k, v in sorted(items.items()) if k != "silent" and v]


def chart_svg(comparison: Comparison, names: list[str]) -> Markup:
    """A comparison's range chart as SVG, or nothing where a chart would mislead."""
    layout = chart_layout(comparison, names)
    if layout is None:
        return EMPTY
    # A macro of an autoescaping template returns markup it escaped itself.
    return Markup(ENV.get_template("chart.html").module.chart(layout))  # type: ignore[attr-defined]  # noqa: S704
