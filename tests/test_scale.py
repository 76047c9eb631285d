"""Every page family of a site with more sources than a page can list one by one (a generated 30-source corpus,
bench/generate.py): what each page lists is checked against the topic files themselves."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_tools import article_html, build, parse, resolve

from bench.generate import generate

N_SOURCES = 30


@dataclass
class Corpus:
    """What the generated project's files say, read without the engine."""

    sources: list[str]
    topics: dict[str, dict[str, Any]]
    claims: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)  # id: (topic, source: stance)

    def speakers(self, topic: str) -> set[str]:
        return {s for t, stances in self.claims.values() if t == topic for s in stances}

    def shared(self, a: str, b: str) -> int:
        return sum(1 for _, stances in self.claims.values() if a in stances and b in stances)

    def partners(self, source: str) -> set[str]:
        return {other for other in self.sources if other != source and self.shared(source, other)}


def front_matter(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
    assert isinstance(data, dict)
    return data


@dataclass
class Site:
    root: Path
    corpus: Corpus


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = tmp_path_factory.mktemp("scale") / "project"
    generate(project, N_SOURCES)
    built = build(project, project / "site")
    assert built.ok, built.output
    topics = {p.stem: front_matter(p) for p in sorted((project / "docs" / "topics").glob("*.md"))}
    corpus = Corpus(sources=sorted(p.stem for p in (project / "sources").glob("*.md")), topics=topics)
    for tid, topic in topics.items():
        for claim in topic["claims"]:
            corpus.claims[claim["id"]] = (tid, {p["source"]: p["stance"] for p in claim["positions"]})
    assert len(corpus.sources) == N_SOURCES
    return Site(built.site, corpus)


class Tables(HTMLParser):
    """Each <table>: its rows, each a list of cells (text, hrefs of the links in it)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, list[str]]]]] = []
        self._cell: tuple[list[str], list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = ([], [])
        elif tag == "a" and self._cell is not None:
            self._cell[1].append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((" ".join("".join(self._cell[0]).split()), self._cell[1]))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[0].append(data)


def page(site: Site, address: str) -> Path:
    return site.root / address / "index.html"


def targets(site: Site, from_page: Path, hrefs: list[str], family: str) -> list[str]:
    """The ids of the `family` pages ("sources" or "topics") that links point at."""
    ids = []
    for href in hrefs:
        found = resolve(site.root, from_page, href)
        if found is None:
            continue
        parts = found[0].relative_to(site.root).parts
        if len(parts) == 3 and parts[0] == family and parts[2] == "index.html" and parts[1] != "index.html":
            ids.append(parts[1])
    return ids


def section_html(html: str, heading: str, end: str = "<h2") -> str:
    start = html.index(heading)
    stop = html.find(end, start + len(heading))
    return html[start:stop if stop != -1 else len(html)]


def test_a_topic_page_lists_only_the_sources_that_speak_on_it(site: Site) -> None:
    corpus = site.corpus
    # The topic with the fewest speakers: the most sources left out.
    topic = min(corpus.topics, key=lambda t: (len(corpus.speakers(t)), t))
    speakers = corpus.speakers(topic)
    silent = N_SOURCES - len(speakers)
    assert 0 < len(speakers) < N_SOURCES
    path = page(site, f"topics/{topic}")
    html = article_html(path)
    # Unreviewed mentions, which may come from any source, are on the review page: only speakers are linked.
    linked = set(targets(site, path, [a["href"] for a in parse(html).links if "href" in a], "sources"))
    assert linked == speakers
    # The glance table has a column per speaking source, no more.
    glance = Tables(html).tables[0]
    assert set(targets(site, path, [h for _, hrefs in glance[0] for h in hrefs], "sources")) == speakers
    assert len(glance[0]) < N_SOURCES
    # Each claim names the silent majority in one line, with their number.
    text = parse(html).text
    line = f"{silent} other sources (silent on this whole topic)"
    assert text.count(line) == len(corpus.topics[topic]["claims"]), text


def test_a_source_page_compares_only_with_the_sources_sharing_a_claim(site: Site) -> None:
    corpus = site.corpus
    source = max(corpus.sources, key=lambda s: (len(corpus.partners(s)), s))
    partners = corpus.partners(source)
    assert 0 < len(partners) < N_SOURCES - 1
    path = page(site, f"sources/{source}")
    agreement = section_html(article_html(path), "Agreement with other sources")
    rows = Tables(agreement).tables[0][1:]
    listed = {targets(site, path, row[0][1], "sources")[0]: int(row[1][0]) for row in rows}
    assert listed == {p: corpus.shared(source, p) for p in partners}
    others = N_SOURCES - 1 - len(partners)
    assert f"The other {others} sources share no claim with this one." in parse(agreement).text


def test_the_overview_lists_speakers_and_pairs_instead_of_matrices(site: Site) -> None:
    corpus = site.corpus
    path = page(site, "overview")
    html = article_html(path)
    by_topic, pairs = Tables(section_html(html, "Topics by sources")).tables[0], \
        Tables(section_html(html, "How pairs of sources compare")).tables[0]
    # No column per source: a 30-column table does not fit a screen.
    assert len(by_topic[0]) < N_SOURCES and len(pairs[0]) < N_SOURCES
    seen = {}
    for row in by_topic[1:]:
        (topic,) = targets(site, path, row[0][1], "topics")
        speakers = targets(site, path, row[1][1], "sources")
        seen[topic] = set(speakers)
        assert len(speakers) == len(set(speakers))
        assert int(row[2][0]) == N_SOURCES - len(speakers), f"{topic}: silent sources"
    assert seen == {t: corpus.speakers(t) for t in corpus.topics}
    # Each pair listed once, with its count; pairs that share none are left out.
    listed = {}
    for row in pairs[1:]:
        a, b = (targets(site, path, cell[1], "sources")[0] for cell in row[:2])
        assert frozenset((a, b)) not in listed
        listed[frozenset((a, b))] = int(row[2][0])
    expected = {frozenset(p): corpus.shared(*p) for p in itertools.combinations(corpus.sources, 2)
                if corpus.shared(*p)}
    assert len(expected) < N_SOURCES * (N_SOURCES - 1) // 2, "some pairs share nothing, and are left out"
    # Past 25 sources, the 50 pairs that share the most claims, and the number of the others.
    assert len(expected) > 50, "the generated corpus has more pairs than the page lists"
    assert len(listed) == 50 and all(expected[pair] == n for pair, n in listed.items())
    assert min(listed.values()) >= max(n for pair, n in expected.items() if pair not in listed)
    assert f"{len(expected) - 50} more pairs share a claim" in parse(html).text


def test_the_sources_index_links_every_source_and_the_sidebar_none(site: Site) -> None:
    path = page(site, "sources")
    html = path.read_text(encoding="utf-8")
    article = article_html(path)
    in_article = targets(site, path, [a["href"] for a in parse(article).links if "href" in a], "sources")
    assert set(in_article) == set(site.corpus.sources)
    # The sidebar (and the rest of the page around the article) leaves the sources and topics to the indexes.
    chrome = html.replace(article, "")
    hrefs = [a["href"] for a in parse(chrome).links if "href" in a]
    assert targets(site, path, hrefs, "sources") == [] and targets(site, path, hrefs, "topics") == []
    assert any(resolve(site.root, path, h) == (site.root / "topics" / "index.html", "") for h in hrefs)


def test_claims_json_holds_every_claim_and_points_at_real_pages(site: Site) -> None:
    data = json.loads((site.root / "claims.json").read_text(encoding="utf-8"))
    corpus = site.corpus
    assert sorted(s["id"] for s in data["sources"]) == corpus.sources
    assert sorted(t["id"] for t in data["topics"]) == sorted(corpus.topics)
    assert {c["id"]: (c["topic"], {p["source"]: p["stance"] for p in c["positions"]}) for c in data["claims"]} \
        == corpus.claims
    for entry in [*data["sources"], *data["topics"]]:
        assert (site.root / entry["page"] / "index.html").is_file(), entry["page"]
    for claim in data["claims"][:: max(1, len(data["claims"]) // 40)]:  # a spread of them: each page is parsed
        address, anchor = claim["page"].split("#")
        assert anchor in parse(site.root / address / "index.html").ids, claim["page"]


def test_the_review_page_lists_the_sentences_of_the_sources_with_most_waiting_and_counts_the_rest(
        site: Site) -> None:
    path = page(site, "maintainers/review")
    html = article_html(path)
    listed_part, _, rest_part = html.partition('id="other-sources"')
    assert rest_part, "past 25 sources the other sources are counted in a table"
    # Each listed source has its own heading with "N of M sentences quoted; K not yet." under it.
    headings = re.findall(r"<h2[^>]*>((?:(?!</h2>).)*)</h2>\s*<p><strong>\d+%</strong> of (\d+) sentences quoted; (\d+) not yet",
                          listed_part, re.S)
    listed = {targets(site, path, [a["href"] for a in parse(h).links], "sources")[0]: int(waiting)
              for h, _, waiting in headings}
    assert len(listed) == 25
    rows = Tables(rest_part).tables[0][1:]
    rest = {targets(site, path, row[0][1], "sources")[0]: int(row[2][0]) for row in rows}
    assert set(listed) | set(rest) == set(site.corpus.sources) and not set(listed) & set(rest)
    # The ones listed are those with the most sentences waiting.
    assert min(listed.values()) >= max(rest.values())
    assert f"{N_SOURCES - 25} other sources" in parse(html).text


def test_the_review_page_lists_the_mentions_of_at_most_25_topics(site: Site) -> None:
    html = article_html(page(site, "maintainers/review"))
    part = section_html(html, 'id="topic-mentions"')
    shown = len(re.findall(r"<h3", part))
    assert 0 < shown <= 25
    more = re.search(r"(\d+) more topics have such sentences", parse(part).text)
    assert (more is None) == (shown < 25), "a count of the others exactly when some are left out"
