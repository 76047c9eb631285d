"""`make suggest`, `make claims` and the review page's suggestions: where a new source's sentences fit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from site_tools import ROOT, VERDICT_OF, article_html, build, corpus_project, page_file, parse, resolve

from concordance import build_analysis
from concordance.coverage import QUOTED_SHARE, coverage
from concordance.model import STANCES, VERDICTS
from concordance.suggest import ClaimIndex, Weights, stance_hint, suggest

HINTS = {*STANCES, "unsure"}


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concordance", *args, "--root", str(project)],
                          capture_output=True, text=True, timeout=300)


# A new author on the fixture corpus's subject, in words of their own (the ranking's quality on the default
# site is measured by `make bench-suggest`, not here).
NEW_AUTHOR = [
    "Time-restricted eating asks you to have every meal inside a fixed number of hours.",
    "The popular 16:8 schedule means sixteen hours without food and eight hours to eat.",
    "Some people prefer the 5:2 approach, with two low-calorie days each week.",
    "Most people on these plans do lose some weight over a few months.",
    "Trials comparing fasting with ordinary calorie cutting find the two give similar weight loss.",
    "Any extra fat burning from a metabolic switch is small once calories match.",
    "Do not expect the scale to move in the first day; real changes take weeks.",
    "Anyone using insulin for diabetes needs a doctor's supervision before fasting.",
    "Pregnancy is a reason not to fast.",
    "People with a past eating disorder should stay away from fasting plans.",
    "Headaches are common at the start and tend to fade after a week or two.",
    "Irritability in the first weeks usually eases as the body adjusts to the new routine.",
]
CONTRADICTION = "On this plan you eat within a two-hour window each day."


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus plus a source just imported with `make import`'s importer: no position cites it.
    Its text is a new author's sentences, four to a paragraph, one with a figure unlike its claim's, and one
    line of markup."""
    project = corpus_project(tmp_path_factory.mktemp("suggest") / "p")
    paragraphs = [" ".join(NEW_AUTHOR[i:i + 4]) for i in range(0, len(NEW_AUTHOR), 4)]
    paragraphs.append(CONTRADICTION)
    paragraphs.append('Fasting is not a cure <script>alert("x")</script> for diabetes.')
    raw = project / "raw.txt"
    raw.write_text("Fasting: Questions and Answers\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus_project(tmp_path_factory.mktemp("corpus") / "p")


def test_json_for_a_cited_source_lists_only_the_sentences_no_claim_quotes_yet(corpus: Path) -> None:
    done = run(corpus, "suggest", "nutrition-lab", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    check_shape(doc, corpus, "nutrition-lab")
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    unquoted = [(s.start, s.end) for s in coverage(analysis)["nutrition-lab"].sentences if s.quoted < QUOTED_SHARE]
    assert [(s["start"], s["end"]) for s in doc["sentences"]] == unquoted and unquoted


def test_make_suggest_json_prints_one_json_document_and_nothing_else(corpus: Path) -> None:
    # This project's Makefile and virtual environment, run in the corpus's folder (the lock files' checksums
    # name the install stamps: the same content, so nothing is installed again).
    for lock in ROOT.glob("requirements*.lock"):
        (corpus / lock.name).write_bytes(lock.read_bytes())
    done = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), f"VENV={ROOT / '.venv'}", "suggest",
                           "SOURCE=family-health-weekly", "FORMAT=json"], cwd=corpus,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == "family-health-weekly"


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


def test_an_unknown_source_is_one_line_naming_the_known_ones(corpus: Path) -> None:
    done = run(corpus, "suggest", "no-such-source")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert all(name in done.stderr for name in ("nutrition-lab", "fastpath-app", "family-health-weekly"))


def test_claims_lists_every_claim_once_on_one_line(corpus: Path) -> None:
    done = run(corpus, "claims")
    assert done.returncode == 0, done.stderr
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    assert len(analysis.corpus.claims) == len(VERDICT_OF)
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert [r[0] for r in rows] == [c.id for c in analysis.corpus.claims]
    for (_cid, topic, verdict, speakers, statement), claim in zip(rows, analysis.corpus.claims):
        assert topic == claim.topic and verdict in VERDICTS and statement == " ".join(claim.statement.split())
        assert set(speakers.split(",")) == {p.source for p in claim.positions}
        assert verdict == VERDICT_OF[claim.id]


# ---------------------------------------------------------------- ranking and stance cues


def test_a_figure_unlike_the_claims_is_a_likely_contradiction(corpus: Path) -> None:
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    claim = next(c for c in analysis.corpus.claims if c.id == "eight-hour-window")
    hint = stance_hint(CONTRADICTION, claim)
    assert hint.stance == "contradicts" and "two-hour" in hint.cue
    assert stance_hint("On this plan you eat within an eight-hour window each day.", claim).stance == "supports"
    assert stance_hint("You eat within an eight-hour window each day, though it varies.",
                       claim).stance == "qualifies"


def test_a_left_out_sources_quotes_find_their_claims(corpus: Path) -> None:
    """Leave one source's positions out: most of its quotes rank a claim it was cited on among the first three."""
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    index = ClaimIndex(analysis.corpus, skip_source="nutrition-lab")
    cited = [(p.quote, c.id) for c in analysis.corpus.claims for p in c.positions if p.source == "nutrition-lab"]
    ranked = index.rank([q for q, _ in cited], top=3)
    hits = sum(cid in [index.claims[i].id for i, _ in row] for (_, cid), row in zip(cited, ranked))
    assert hits >= 0.7 * len(cited)


def test_scores_are_the_same_with_or_without_numpy(corpus: Path) -> None:
    pytest.importorskip("numpy")
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    texts = list(NEW_AUTHOR)
    contexts = texts[1:] + texts[:1]
    slow = ClaimIndex(analysis.corpus, Weights(), use_numpy=False).rank(texts, contexts=contexts)
    fast = ClaimIndex(analysis.corpus, Weights(), use_numpy=True).rank(texts, contexts=contexts)
    for a, b in zip(slow, fast):
        assert [i for i, _ in a] == [i for i, _ in b]
        assert [round(s, 9) for _, s in a] == [round(s, 9) for _, s in b]


def test_suggestions_skip_what_is_already_quoted(corpus: Path) -> None:
    analysis = build_analysis(corpus / "sources", corpus / "docs" / "topics")
    found = suggest(analysis, "fastpath-app")
    quoted = {(s.start, s.end) for s in coverage(analysis)["fastpath-app"].quoted}
    assert quoted
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
    # A two-hour window against the claim's eight-hour one.
    contradictions = parse(html.split('id="likely-contradictions"', 1)[1].split("<h2>", 1)[0]).text
    assert CONTRADICTION in contradictions
    assert "eight-hour" in contradictions
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


def test_review_page_in_a_browser_leads_from_a_suggestion_to_its_claim(review) -> None:
    import functools
    import re
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _Quiet, axe_violations, screenshot, visit

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` (or `make browser`) installs Debian's Chromium")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(review[0])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            with visit(browser, base) as (page, problems):
                page.goto(base + "maintainers/review/", wait_until="networkidle")
                headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
                # Stale summaries, then likely contradictions, come before any source's sentences.
                assert headings[:2] == ["Summaries to re-read", "Likely contradictions"], headings
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
