"""The real default site, built as `make site` builds it, read as a reader and another tool would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_tools import ROOT, article_html, build, copy_project, page_file, parse, resolve

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


def test_claims_json_has_the_corpus(data: dict) -> None:
    assert len(data["sources"]) >= 4
    assert len(data["topics"]) >= 8
    assert len(data["claims"]) >= 20
    cited = {p["source"] for c in data["claims"] for p in c["positions"]}
    assert cited == {s["id"] for s in data["sources"]}, "every source is cited by some claim"
    verdicts = {c["verdict"] for c in data["claims"]}
    assert {"agreed", "disputed"} <= verdicts, "the site shows agreement and disagreement"
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
    assert checked > 500


def test_topic_page_shows_claims_positions_quotes_and_silence(site: Path, data: dict) -> None:
    claim = next(c for c in data["claims"] if c["verdict"] == "disputed")
    page = page_file(site, claim["page"])
    html = parse(page)
    article = article_html(page)
    assert claim["id"] in html.ids
    for p in claim["positions"]:
        links = [link for link in html.links if link.get("href", "").endswith("#" + p["page"].partition("#")[2])]
        assert links, f"quote of {p['source']} links to its passage"
        assert "in context" in links[0]["_text"].lower(), "the link says where it leads; the quote is not a link"
        assert f"?from={claim['id']}#" in links[0]["href"], "the link carries the claim, for the way back"
        assert normalise(p["quote"]) in normalise(article)
    assert "Sources split" in html.text and "Contradicts" in html.text and "Supports" in html.text
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
    for heading in ("Topics by sources", "Sources by sources", "Disputed claims"):
        assert heading in overview.text
    disputed = [c for c in data["claims"] if c["verdict"] == "disputed"]
    for claim in disputed:
        assert any(link.get("href", "").endswith("#" + claim["id"]) for link in overview.links), claim["id"]
    home = parse(site / "index.html")
    assert "not medical advice" in home.text.lower()
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


def test_every_page_says_it_is_not_medical_advice(site: Path) -> None:
    for page in site.rglob("index.html"):
        assert "not medical advice" in page.read_text(encoding="utf-8"), page
