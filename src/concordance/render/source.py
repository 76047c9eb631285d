"""Source pages: the profile, the article with every quoted passage marked, its positions and agreements."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..analyse import PairRecord
from ..model import Claim, Passage, Source
from .context import EMPTY, VERDICT_LABEL, Context, fragment, joined, trusted
from .page import Page, markdown_text, slot
from .urls import relative


@dataclass(slots=True)
class ArticleBlock:
    """One block as the article template lays it out: its element (h2…h6, li or p), its text as segments, and
    `open`/`close`, which start and end the lists around items."""

    index: int
    tag: str
    body: list[tuple[Markup, Markup, Markup]]  # (text, then a passage's text and the links to the claims citing it)
    open: Markup
    close: Markup


class SourcePages:
    def __init__(self, r: Context) -> None:
        self.r = r
        self.t = r.templates("source")

    def page(self, source: Source, here: str) -> Page:
        md = [f"# {markdown_text(source.title)}", "", slot("profile"), "", "## The article", "", slot("article"), "",
              "## Positions this source takes", "", slot("positions"), "",
              "## Agreement with other sources", "", slot("agreement"), ""]
        positions = [p for _, _, p in self.r.positions[source.id]]
        crisis = self.r.needs_crisis_note(source.title, *source.caveats, *(b.text for b in source.blocks))
        return Page.of(md, profile=self.t.profile(here, source, Counter(p.stance for p in positions), len(positions),
                                                  crisis),
                       article=self.article(source, here), positions=self.positions(source, here),
                       agreement=self.agreement(source, here))

    def article(self, source: Source, here: str) -> Markup:
        by_block: dict[int, list[Passage]] = {}
        for p in self.r.a.passages[source.id]:
            by_block.setdefault(p.block, []).append(p)
        blocks: list[ArticleBlock] = []
        open_list = ""
        for i, block in enumerate(source.blocks):
            want = ("ol" if block.level else "ul") if block.kind == "item" else ""
            opening = ""
            if open_list and want != open_list:
                blocks[-1].close = Markup(f"</{open_list}>")  # noqa: S704 - a tag name of our own
                open_list = ""
            if want and not open_list:
                start = f' start="{block.level}"' if want == "ol" and block.level != 1 else ""
                opening = f"<{want}{start}>"
                open_list = want
            tag = f"h{min(block.level + 1, 6)}" if block.kind == "heading" else "li" if block.kind == "item" else "p"
            body = self.block_body(source, i, block.text, by_block.get(i, []), here)
            blocks.append(ArticleBlock(i, tag, body, Markup(opening), EMPTY))  # noqa: S704 - ours
        if open_list and blocks:
            blocks[-1].close = Markup(f"</{open_list}>")  # noqa: S704 - a tag name of our own
        return fragment(self.t.article(blocks))

    def block_body(self, source: Source, index: int, text: str, passages: list[Passage],
                   here: str) -> list[tuple[Markup, Markup, Markup]]:
        """A block's text, escaped, cut into segments around its quoted passages (each anchored and followed by
        links to the claims that cite it)."""
        r = self.r
        if not passages:
            return [(r.text(text), EMPTY, EMPTY)]
        origin = source.blocks[index].offset
        spans = sorted(((p.start - origin, p.end - origin, p) for p in passages), key=lambda s: (s[0], s[1]))
        groups: list[list[tuple[int, int, Passage]]] = []
        for span in spans:  # overlapping passages share one highlight
            if groups and span[0] < max(e for _, e, _ in groups[-1]):
                groups[-1].append(span)
            else:
                groups.append([span])
        out: list[tuple[Markup, Markup, Markup]] = []
        at = 0
        for group in groups:
            start, end = group[0][0], max(e for _, e, _ in group)
            claims: list[Claim] = []
            for _, _, p in group:
                for pos in p.positions:
                    if pos.claim and pos.claim not in claims:
                        claims.append(pos.claim)
            inner: list[Markup] = []
            cursor = start
            for s, _, p in group:
                inner.append(r.text(text[cursor:s]))
                inner.append(trusted(f'<span class="cc-anchor" id="{escape(p.id)}"></span>'))  # the id escaped
                cursor = s
            inner.append(r.text(text[cursor:end]))
            cited = joined((r.link(here, r.at.claim(c), c.statement, class_="cc-passage-link",
                                   tip=VERDICT_LABEL[r.a.verdict(c)]) for c in claims), "; ")
            out.append((r.text(text[at:start]), joined(inner), cited))
            at = end
        out.append((r.text(text[at:]), EMPTY, EMPTY))
        return out

    def positions(self, source: Source, here: str) -> Markup:
        r = self.r
        by_topic: dict[str, tuple[Markup, list[tuple[str, Markup, str, str]]]] = {}  # in topic order
        for t, c, p in r.positions[source.id]:
            if t.id not in by_topic:
                by_topic[t.id] = (r.topic_link(here, t), [])
            speaker = r.speaker(p)
            by_topic[t.id][1].append((p.stance, r.claim_link(here, c), relative(here, r.at.passage(r.a.passage(p), c)),
                                      speaker.name if speaker else ""))
        return fragment(self.t.positions(here, list(by_topic.values())))

    def agreement(self, source: Source, here: str) -> Markup:
        r = self.r
        ranked: list[tuple[PairRecord, Source]] = [(r.a.pair(source.id, o.id), o) for o in r.partners(source.id)]
        shared = [(rec, o) for rec, o in ranked if rec.shared]
        most_agree = max(shared, key=lambda x: (x[0].agree / x[0].shared, x[0].agree)) if shared else None
        most_disagree = max(shared, key=lambda x: (x[0].disagree / x[0].shared, x[0].disagree)) if shared else None
        unshared = 0 if r.few_sources else len(r.corpus.sources) - 1 - len(ranked)
        return fragment(self.t.agreement(here, source, ranked, most_agree, most_disagree, unshared))
