"""What the hooks find by themselves: topic mentions, figures compared, previews and deep links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_tools import build, corpus_project, page_file, parse

from concordance.figures import read_figures
from concordance.model import Position
from concordance.numbers import Row, common, disjoint
from concordance.render import text_fragment

NEW_SOURCE = """---
title: A new article nobody has curated
publisher: New Press
kind: newspaper feature
interests: No commercial interest is visible in the text.
---
This new article talks about {phrase} in a sentence of its own.

It also has a sentence about nothing in particular.
"""


def first_mention_phrase(topic_file: Path) -> str:
    import yaml

    meta = yaml.safe_load(topic_file.read_text(encoding="utf-8").split("---\n")[1])
    return meta["mentions"][0]


@pytest.fixture(scope="module")
def with_new_source(tmp_path_factory: pytest.TempPathFactory):
    project = corpus_project(tmp_path_factory.mktemp("new") / "p")
    topic_file = sorted((project / "docs" / "topics").glob("*.md"))[0]
    phrase = first_mention_phrase(topic_file)
    (project / "sources" / "new-article.md").write_text(NEW_SOURCE.format(phrase=phrase.upper()), encoding="utf-8")
    built = build(project, project / "site", quiet=False)
    assert built.ok, built.output
    return built, topic_file.stem, phrase


def test_a_new_uncited_source_shows_up_in_the_mentions_of_its_topic_for_maintainers_only(with_new_source) -> None:
    built, topic_id, phrase = with_new_source
    data = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    topic = next(t for t in data["topics"] if t["id"] == topic_id)
    mentions = [m for m in topic["mentions"] if m["source"] == "new-article"]
    assert len(mentions) == 1 and mentions[0]["phrase"] == phrase.lower()
    assert mentions[0]["text"].startswith("This new article talks about")
    # Readers do not see unreviewed sentences: they would take them for positions.
    assert "This new article talks about" not in parse(page_file(built.site, topic["page"])).text
    html = page_file(built.site, "maintainers/review/").read_text(encoding="utf-8")
    start = html.index('id="topic-mentions"')
    review = parse(html[start:html.index("<h2", start)])
    assert topic["title"] in review.text and f"mentions “{phrase.lower()}”" in review.text
    links = [link for link in review.links if link.get("href", "").endswith(mentions[0]["page"].split("/", 2)[2])]
    assert links and "This new article talks about" in links[0]["_text"]
    target = parse(page_file(built.site, mentions[0]["page"]))
    assert mentions[0]["page"].partition("#")[2] in target.ids


def test_an_uncited_source_is_a_warning_that_does_not_fail_the_strict_build(with_new_source) -> None:
    built, _, _ = with_new_source
    assert "INFO" in built.output and "concordance: sources/new-article.md: no claim cites source 'new-article'" in built.output


def test_mentions_match_whole_words_only(with_new_source) -> None:
    built, _topic_id, _ = with_new_source
    data = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    assert not any("nothing in particular" in m["text"] for t in data["topics"] for m in t["mentions"])


@pytest.mark.parametrize("sentence", [
    "The café’s staff say TIME-RESTRICTED EATING helps, “they think”.",  # not ASCII: read in lower case
    "Some say time-reſtricted eating works.",  # a long s, which an ignore-case search equates with "s"
    "TİME-RESTRICTED EATING is popular.",  # a dotted capital I, which lower() makes two characters
])
def test_mentions_are_found_in_any_case_and_spelling_that_ignoring_case_allows(tmp_path: Path, sentence: str) -> None:
    project = corpus_project(tmp_path / "p")
    topic_file = project / "docs" / "topics" / "how-it-works.md"
    assert "time-restricted eating" in topic_file.read_text(encoding="utf-8")
    text = NEW_SOURCE.replace("This new article talks about {phrase} in a sentence of its own.", sentence)
    (project / "sources" / "new-article.md").write_text(text, encoding="utf-8")
    built = build(project, project / "site", quiet=False)
    assert built.ok, built.output
    data = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    topic = next(t for t in data["topics"] if t["id"] == "how-it-works")
    assert [m["phrase"] for m in topic["mentions"] if m["source"] == "new-article"] == ["time-restricted eating"]


def row(text: str, source: str = "a") -> Row:
    figure = read_figures(text)[0]
    _, low, high = common(figure)
    return Row(Position(source=source, stance="supports", quote=text), figure, low, high)


@pytest.mark.parametrize(("a", "b", "apart"), [
    ("50–70%", "70–80%", True),           # two ranges that only touch
    ("30%", "30 to 50 percent", False),   # a value at the edge of a range
    ("four to six weeks", "28 days", False),  # 28 days is four weeks
    ("within 24 hours", "six weeks", True),
    ("$350 to $750", "$400–$800", False),
])
def test_ranges_that_do_not_overlap_are_apart(a: str, b: str, apart: bool) -> None:
    assert disjoint(row(a), row(b)) is apart


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): the fixture corpus, built."""
    project = corpus_project(tmp_path_factory.mktemp("corpus") / "p")
    built = build(project, project / "site")
    assert built.ok, built.output
    return project, built.site


@pytest.mark.parametrize("which", ["corpus", "this project's site"])
def test_a_site_compares_figures_only_like_with_like(which: str, corpus_site: tuple[Path, Path],
                                                     seed_site: Path) -> None:
    site = corpus_site[1] if which == "corpus" else seed_site
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    if which == "corpus":
        assert any(c["compared_figures"] for c in data["claims"])
    compared = [c for c in data["claims"] if c["compared_figures"]]
    for claim in compared:
        assert all(claim["compared_measures"]), claim["id"]  # a figure of unknown measure is never compared
        for measure in claim["compared_measures"]:
            sources = {p["source"] for p in claim["positions"] if any(f["measure"] == measure for f in p["figures"])}
            assert len(sources) >= 2, (claim["id"], measure)


def test_a_disagreement_in_numbers_is_flagged_with_its_measure(corpus_site: tuple[Path, Path]) -> None:
    # The corpus's claim 'results-come-within-a-day': "within 24 hours" against "eight to twelve weeks".
    _, site = corpus_site
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["id"] == "results-come-within-a-day")
    assert claim["numbers_disagree"] and claim["compared_measures"] == ["time to onset"]
    html = page_file(site, claim["page"]).read_text(encoding="utf-8")
    claim_html = html[html.index('id="results-come-within-a-day"'):]
    claim_html = claim_html[:claim_html.index("</article>")]
    text = parse(claim_html).text
    assert "The numbers disagree" in text and "Durations (time to onset) compared" in text
    assert "8 to 12 weeks" in text and "up to 1 day" in text  # natural units, never "1344 hours"
    assert text.count(": time to onset") >= 2  # each row names its source and its measure
    assert '<svg class="cc-chart"' in claim_html and 'role="img"' in claim_html and "<script" not in claim_html
    for p in claim["positions"]:
        for f in p["figures"]:
            assert f["text"] in p["quote"] and f["text"] in text


def test_claims_json_gives_each_quotes_place_for_re_anchoring(corpus_site: tuple[Path, Path]) -> None:
    project, site = corpus_site
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    for claim in data["claims"]:
        for p in claim["positions"]:
            article = (project / "sources" / f"{p['source']}.md").read_text(encoding="utf-8")
            place = p["position"]
            assert place["prefix"] + p["quote"] + place["suffix"] in article.replace("\n\n", "\u2029") or (
                p["quote"] in article)
            assert place["end"] - place["start"] == len(p["quote"])


def test_claim_links_preview_the_quote_and_its_source(corpus_site: tuple[Path, Path]) -> None:
    _, site = corpus_site
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    overview = parse(site / "overview" / "index.html")
    previews = [link for link in overview.links if "cc-claim-link" in link.get("class", "")]
    assert previews
    for link in previews:
        claim = next(c for c in data["claims"] if link["href"].endswith("#" + c["id"]))
        first = claim["positions"][0]
        source = next(s for s in data["sources"] if s["id"] == first["source"])
        assert " ".join(first["quote"].split())[:60] in link["data-tip"]
        # A source is named by its short name, its author, publisher or title.
        names = [source.get(k) for k in ("short", "author", "publisher", "title")]
        assert any(name and name in link["data-tip"] for name in names), (link["data-tip"], source)


def test_text_fragment_links_to_the_quote_in_the_original() -> None:
    url = text_fragment("https://example.org/a", "Fasting can lift energy within hours, says a researcher today")
    assert url == "https://example.org/a#:~:text=Fasting%20can%20lift%20energy,says%20a%20researcher%20today"
    assert text_fragment("https://e.org/", "well-known fact").endswith("#:~:text=well%2Dknown%20fact")


def test_summaries_link_the_first_mention_of_another_topic(corpus_site: tuple[Path, Path]) -> None:
    _, site = corpus_site
    linked = 0
    for page in (site / "topics").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        summary = html[html.index("</h1>"):html.index('id="at-a-glance"')]
        linked += summary.count('href="../')
    assert linked >= 2  # the corpus's weight-loss and how-it-works summaries each link another topic


def test_each_source_page_says_whom_it_agrees_and_disagrees_with_most(corpus_site: tuple[Path, Path]) -> None:
    _, site = corpus_site
    pages = list((site / "sources").glob("*/index.html"))
    assert len(pages) == 3
    for page in pages:
        assert "Agrees most with" in parse(page).text, page
