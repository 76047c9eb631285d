"""This project's own site, built as `make site` builds it, read as a reader and another tool would.

Whatever site the clone holds: every expectation comes from its own files (sources/, docs/topics/, mkdocs.yml),
never from ids or counts of one corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_tools import ROOT, article_html, build, copy_project, page_file, parse, resolve

from concordance.config import load_site_config
from concordance.render import STANCE_WORD, VERDICT_LABEL
from concordance.text import normalise


@pytest.fixture(scope="session")
def site(seed_site: Path) -> Path:
    return seed_site


@pytest.fixture(scope="session")
def data(site: Path) -> dict:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


def test_the_build_is_strict_and_silent() -> None:
    # Warnings fail a strict build; the Material end-of-life banner must not print either.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        built = build(ROOT, Path(tmp) / "site")
    assert built.ok, built.output
    assert built.output.strip() == "", built.output


def _front_matter(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]) or {}


def _verdict(stances: set[str], speakers: set[str]) -> str:
    """The verdict rule as README states it, recomputed here from the topic files."""
    if {"supports", "contradicts"} <= stances:
        return "disputed"
    if len(speakers) == 1:
        return "single source"
    return "qualified" if stances & {"qualifies", "contradicts"} else "agreed"


def test_claims_json_has_the_corpus(data: dict) -> None:
    sources = {p.stem for p in (ROOT / "sources").glob("*.md")}
    topics = {p.stem: _front_matter(p) for p in (ROOT / "docs" / "topics").glob("*.md")}
    claims = {c["id"]: c for meta in topics.values() for c in meta.get("claims") or []}
    assert sources and topics and claims, "a site has sources, topics and claims"
    assert {s["id"] for s in data["sources"]} == sources
    assert {t["id"] for t in data["topics"]} == set(topics)
    assert [c["id"] for c in data["claims"]] and {c["id"] for c in data["claims"]} == set(claims)
    cited = {p["source"] for c in data["claims"] for p in c["positions"]}
    assert cited == {p["source"] for c in claims.values() for p in c["positions"]}, "every cited source is cited"
    for c in data["claims"]:  # agreement and disagreement as the topic files' stances give them
        positions = claims[c["id"]]["positions"]
        assert c["verdict"] == _verdict({p["stance"] for p in positions}, {p["source"] for p in positions}), c["id"]
    for s in data["sources"]:
        assert set(s) >= {"id", "title", "author", "publisher", "url", "kind", "interests", "page"}
    for c in data["claims"]:
        assert set(c) >= {"id", "topic", "statement", "verdict", "page", "positions"}
        for p in c["positions"]:
            assert p["stance"] in ("supports", "contradicts", "qualifies")


def test_every_page_link_in_claims_json_lands_on_its_anchor(site: Path, data: dict) -> None:
    pages = [s["page"] for s in data["sources"]] + [t["page"] for t in data["topics"]]
    pages += [c["page"] for c in data["claims"]] + [p["page"] for c in data["claims"] for p in c["positions"]]
    ids: dict[Path, set[str]] = {}
    for page in pages:
        target = page_file(site, page)
        assert target.is_file(), page
        anchor = page.partition("#")[2]
        if anchor:
            if target not in ids:
                ids[target] = parse(target).ids
            assert anchor in ids[target], page


def test_every_quote_is_word_for_word_in_its_article(data: dict) -> None:
    for claim in data["claims"]:
        for p in claim["positions"]:
            article = (ROOT / "sources" / f"{p['source']}.md").read_text(encoding="utf-8")
            assert p["quote"] in article, (claim["id"], p["quote"])
            start, end = p["position"]["start"], p["position"]["end"]
            assert end - start == len(p["quote"])


def test_every_internal_link_on_every_page_lands(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in site.rglob("*.html"):
        for link in parse(page).links:
            href = link.get("href", "")
            target = resolve(site, page, href) if href else None
            if target is None:
                continue
            path, anchor = target
            if path.name == "claims.json" or path.suffix in (".xml", ".gz", ".css", ".js", ".svg"):
                assert path.exists(), (page, href)
                continue
            assert path.is_file(), (page, href)
            if anchor:
                if path not in ids:
                    ids[path] = parse(path).ids
                assert anchor in ids[path], (page, href)
            checked += 1
    # At least every quote links to its passage and every passage back to its claim.
    positions = sum(len(c["positions"]) for c in json.loads((site / "claims.json").read_text())["claims"])
    assert checked >= 2 * positions




def test_topic_page_shows_claims_positions_quotes_and_silence(site: Path, data: dict) -> None:
    # One claim of each verdict the site has (a disputed one first, when there is one).
    firsts = {c["verdict"]: c for c in reversed(data["claims"])}
    for claim in sorted(firsts.values(), key=lambda c: c["verdict"] != "disputed"):
        page = page_file(site, claim["page"])
        html = parse(page)
        article = article_html(page)
        assert claim["id"] in html.ids
        for p in claim["positions"]:
            links = [link for link in html.links if link.get("href", "").endswith("#" + p["page"].partition("#")[2])]
            assert links, f"quote of {p['source']} links to its passage"
            assert "in context" in links[0]["_text"].lower(), "the link says where it leads; the quote is not a link"
            assert f"?from={claim['id']}#" in links[0]["href"], "the link carries the claim, for the way back"
            assert normalise(p["quote"]) in normalise(parse(article).text)
        assert VERDICT_LABEL[claim["verdict"]] in html.text
        for stance in {p["stance"] for p in claim["positions"]}:
            assert STANCE_WORD[stance] in html.text, (claim["id"], stance)
        speaking = {p["source"] for p in claim["positions"]}
        if len(speaking) < len(data["sources"]):
            assert "Silent" in article
        assert "At a glance" in html.text


def test_source_page_highlights_passages_that_link_back_to_their_claims(site: Path, data: dict) -> None:
    for source in data["sources"]:
        page = page_file(site, source["page"])
        html = parse(page)
        for field in ("publisher", "kind", "interests"):
            assert normalise(source[field]) in normalise(html.text), (source["id"], field)
        passages = {p["page"].partition("#")[2]: c for c in data["claims"] for p in c["positions"]
                    if p["source"] == source["id"]}
        assert passages, source["id"]
        assert set(passages) <= html.ids
        back = {link["href"].rsplit("/", 2)[-2] + "/" + link["href"].partition("#")[2]
                for link in html.links if "cc-passage-link" in link.get("class", "")}
        for claim in passages.values():
            topic_slug = claim["page"].rstrip("/").split("/")[1]
            assert f"{topic_slug}/{claim['id']}" in back or any(
                link.get("href", "").endswith("#" + claim["id"]) for link in html.links), claim["id"]


def test_overview_and_home(site: Path, data: dict) -> None:
    overview = parse(site / "overview" / "index.html")
    for heading in ("Topics by sources", "How pairs of sources compare", "Disputed claims"):
        assert heading in overview.text
    disputed = [c for c in data["claims"] if c["verdict"] == "disputed"]
    for claim in disputed:
        assert any(link.get("href", "").endswith("#" + claim["id"]) for link in overview.links), claim["id"]
    home = parse(site / "index.html")
    notice = load_site_config(ROOT).notice
    assert normalise(notice) in normalise(home.text)
    for topic in data["topics"]:
        assert topic["title"] in home.text
    for source in data["sources"]:
        assert source["kind"] in home.text


def test_without_a_repository_no_page_links_to_one(site: Path, data: dict) -> None:
    for page in (site / "index.html", page_file(site, data["sources"][0]["page"])):
        html = parse(page)
        assert not [link for link in html.links if "edit" in link.get("title", "").lower()], page
        assert "md-source" not in page.read_text(encoding="utf-8"), "no repository widget (it asks GitHub's API)"


def test_edit_link_of_a_source_page_opens_the_real_file(tmp_path: Path, data: dict) -> None:
    project = copy_project(tmp_path / "project")
    built = build(project, tmp_path / "site", env={"CONCORDANCE_REPO_URL": "https://github.com/example/site"})
    assert built.ok, built.output
    source = data["sources"][0]
    links = parse(page_file(built.site, source["page"])).links
    edit = [link["href"] for link in links if "edit" in link.get("title", "").lower()]
    assert edit and edit[0].endswith(f"/sources/{source['id']}.md") and "/docs/" not in edit[0]


def test_every_page_carries_the_sites_notice(site: Path) -> None:
    # The default site's notice says it is not medical advice; any site's notice is on every page.
    notice = normalise(load_site_config(ROOT).notice)
    if not notice:
        pytest.skip("this site sets no notice (extra.concordance.notice)")
    for page in site.rglob("index.html"):
        assert notice in normalise(parse(page).text), page
