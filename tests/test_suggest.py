"""`make suggest`, `make claims` and the review page's suggestions: where a new source's sentences fit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from site_tools import ROOT, article_html, build, copy_project, page_file, parse, resolve

from concordance import build_analysis
from concordance.coverage import QUOTED_SHARE, coverage
from concordance.model import STANCES, VERDICTS
from concordance.suggest import ClaimIndex, Weights, stance_hint, suggest

FIXTURE = ROOT / "tests" / "fixtures" / "suggest" / "hard.json"
HINTS = {*STANCES, "unsure"}


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concordance", *args, "--root", str(project)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project plus a source just imported with `make import`'s importer: no position cites it.
    Its text is the new-author fixture's sentences, four to a paragraph, and one line of markup."""
    project = copy_project(tmp_path_factory.mktemp("suggest") / "p")
    sentences = [s["text"] for s in json.loads(FIXTURE.read_text(encoding="utf-8"))["sentences"]]
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    paragraphs.append("An IV ketamine infusion session lasts about three hours.")
    paragraphs.append('Ketamine is not a cure <script>alert("x")</script> for depression.')
    raw = project / "raw.txt"
    raw.write_text("Ketamine Therapy: Questions and Answers\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "concordance.cli", "import", str(raw), "--out", str(project / "sources"),
                    "--id", "clinic-faq"], check=True, capture_output=True, text=True)
    return project


def check_shape(doc: dict, project: Path, source: str) -> None:
    """The documented shape, offsets into the article's text, article order, known claims."""
    assert set(doc) == {"source", "sentences"} and doc["source"] == source
    analysis = build_analysis(project / "sources", project / "docs" / "topics")
    text = analysis.corpus.sources[source].text
    topic_of = {c.id: c.topic for c in analysis.corpus.claims}
    previous_end = -1
    for s in doc["sentences"]:
        assert set(s) == {"start", "end", "text", "claims"}
        assert isinstance(s["start"], int) and isinstance(s["end"], int)
        assert text[s["start"]:s["end"]] == s["text"] and s["start"] >= previous_end
        previous_end = s["end"]
        assert len(s["claims"]) <= 5
        scores = [c["score"] for c in s["claims"]]
        assert scores == sorted(scores, reverse=True)
        for c in s["claims"]:
            assert set(c) == {"claim", "topic", "score", "stance"}
            assert topic_of[c["claim"]] == c["topic"]
            assert 0 < c["score"] <= 1 and c["stance"] in HINTS


def test_json_for_a_source_just_imported_lists_every_sentence_with_likely_claims(imported: Path) -> None:
    done = run(imported, "suggest", "clinic-faq", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    check_shape(doc, imported, "clinic-faq")
    analysis = build_analysis(imported / "sources", imported / "docs" / "topics")
    assert len(doc["sentences"]) == len(coverage(analysis)["clinic-faq"].sentences)  # nothing cited yet
    # Most sentences of an article on the same subject find a claim.
    assert sum(bool(s["claims"]) for s in doc["sentences"]) >= 0.8 * len(doc["sentences"])


def test_json_for_a_cited_source_lists_only_the_sentences_no_claim_quotes_yet() -> None:
    done = run(ROOT, "suggest", "asana-recovery", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    check_shape(doc, ROOT, "asana-recovery")
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    unquoted = [(s.start, s.end) for s in coverage(analysis)["asana-recovery"].sentences if s.quoted < QUOTED_SHARE]
    assert [(s["start"], s["end"]) for s in doc["sentences"]] == unquoted and unquoted


def test_make_suggest_json_prints_one_json_document_and_nothing_else() -> None:
    done = subprocess.run(["make", "-s", "suggest", "SOURCE=varma-research", "FORMAT=json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == "varma-research"


def test_text_report_gives_a_position_block_that_loads_as_a_position(imported: Path) -> None:
    import yaml

    done = run(imported, "suggest", "clinic-faq", "--lexical")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "- source: clinic-faq")
    block = yaml.safe_load("\n".join(lines[at:at + 3]))
    assert block[0]["stance"] in STANCES
    analysis = build_analysis(imported / "sources", imported / "docs" / "topics")
    assert block[0]["quote"] in analysis.corpus.sources["clinic-faq"].text


def test_an_unknown_source_is_one_line_naming_the_known_ones() -> None:
    done = run(ROOT, "suggest", "no-such-source")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "varma-research" in done.stderr


def test_claims_lists_every_claim_once_on_one_line() -> None:
    done = run(ROOT, "claims")
    assert done.returncode == 0, done.stderr
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert [r[0] for r in rows] == [c.id for c in analysis.corpus.claims]
    for (_cid, topic, verdict, speakers, statement), claim in zip(rows, analysis.corpus.claims):
        assert topic == claim.topic and verdict in VERDICTS and statement == " ".join(claim.statement.split())
        assert set(speakers.split(",")) == {p.source for p in claim.positions}


# ---------------------------------------------------------------- ranking and stance cues


def test_a_figure_unlike_the_claims_is_a_likely_contradiction() -> None:
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    claim = next(c for c in analysis.corpus.claims if c.id == "infusion-session-lasts-40-to-60-minutes")
    hint = stance_hint("Each infusion takes about three hours.", claim)
    assert hint.stance == "contradicts" and "three hours" in hint.cue
    assert stance_hint("Each infusion takes about 45 minutes.", claim).stance == "supports"
    assert stance_hint("Each infusion takes about 45 minutes, though it varies.", claim).stance == "qualifies"


def test_a_left_out_sources_quotes_find_their_claims() -> None:
    """Leave one source's positions out: most of its quotes rank a claim it was cited on among the first three."""
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    index = ClaimIndex(analysis.corpus, skip_source="varma-research")
    cited = [(p.quote, c.id) for c in analysis.corpus.claims for p in c.positions if p.source == "varma-research"]
    ranked = index.rank([q for q, _ in cited], top=3)
    hits = sum(cid in [index.claims[i].id for i, _ in row] for (_, cid), row in zip(cited, ranked))
    assert hits >= 0.7 * len(cited)


def test_scores_are_the_same_with_or_without_numpy() -> None:
    pytest.importorskip("numpy")
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    texts = [s["text"] for s in json.loads(FIXTURE.read_text(encoding="utf-8"))["sentences"]]
    contexts = texts[1:] + texts[:1]
    slow = ClaimIndex(analysis.corpus, Weights(), use_numpy=False).rank(texts, contexts=contexts)
    fast = ClaimIndex(analysis.corpus, Weights(), use_numpy=True).rank(texts, contexts=contexts)
    for a, b in zip(slow, fast):
        assert [i for i, _ in a] == [i for i, _ in b]
        assert [round(s, 9) for _, s in a] == [round(s, 9) for _, s in b]


def test_suggestions_skip_what_is_already_quoted() -> None:
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    found = suggest(analysis, "beyond-the-hype")
    quoted = {(s.start, s.end) for s in coverage(analysis)["beyond-the-hype"].quoted}
    assert found and not quoted & {(f.sentence.start, f.sentence.end) for f in found}


# ---------------------------------------------------------------- the review page


@pytest.fixture(scope="module")
def review(imported: Path):
    built = build(imported, imported / "site")
    assert built.ok, built.output
    path = page_file(built.site, "maintainers/review/")
    return built.site, path


def test_review_page_puts_likely_contradictions_first_and_links_every_suggestion_to_its_claim(review) -> None:
    site, path = review
    html = article_html(path)
    page = parse(html)
    assert html.index('id="likely-contradictions"') < html.index('class="cc-source"')  # before any source
    # Three hours against the claim's 40 to 60 minutes.
    contradictions = parse(html.split('id="likely-contradictions"', 1)[1].split("<h2>", 1)[0]).text
    assert "An IV ketamine infusion session lasts about three hours." in contradictions
    assert "60 minutes" in contradictions
    suggested = [a for a in page.links if "cc-claim-link" in a.get("class", "")]
    assert len(suggested) > 30
    for link in suggested:
        target = resolve(site, path, link["href"])
        assert target is not None
        file, anchor = target
        assert anchor in parse(file).ids, link["href"]


def test_review_page_escapes_source_text(review) -> None:
    _, path = review
    html = path.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html and '<script>alert("x")' not in html


# ---------------------------------------------------------------- the review page in a browser (test_browser.py's way)


def test_review_page_in_a_browser_leads_from_a_suggestion_to_its_claim(seed_site: Path) -> None:
    import functools
    import re
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _Quiet, axe_violations, screenshot, visit

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` (or `make browser`) installs Debian's Chromium")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(seed_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            with visit(browser, base) as (page, problems):
                page.goto(base + "maintainers/review/", wait_until="networkidle")
                headings = page.locator("article h2")
                assert headings.first.inner_text().strip() == "Likely contradictions"
                suggestion = page.locator("article ul.cc-suggest a.cc-claim-link").first
                assert suggestion.is_visible()
                screenshot(page, "review-suggestions", full_page=True)
                assert axe_violations(page) == []
                href = suggestion.get_attribute("href") or ""
                claim_id = href.rpartition("#")[2]
                statement = suggestion.inner_text().strip()
                suggestion.click()
                page.wait_for_url(re.compile(rf"#{re.escape(claim_id)}$"))
                assert statement in page.locator(f'[id="{claim_id}"]').inner_text()
                assert not problems, str(problems)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
