"""Quoted speakers: a commercial interest follows the person whose words a position quotes, not the whole article.

A magazine with no interest of its own quotes an app's head of growth. A claim only the app's man supports is
marked $; a claim the magazine supports in its own words is not; the quote names him, with his $ flag, on the
topic page and in claims.json; the source page lists him. Mistakes in `speakers:` or `speaker:` stop with one
line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from site_tools import build, corpus_project, page_file, parse
from test_errors import GOOD_SOURCE, claim, fails, position, topic

SOURCE = "family-health-weekly"  # the fixture corpus's magazine: no commercial interest of its own
QUOTED = "“Our members lose weight in the very first week,” says Dana Cole of FastPath."
OWN_WORDS = "For most readers, weight comes off slowly."
SPEAKERS = """speakers:
  cole:
    name: Dana Cole
    role: head of growth at FastPath, a fasting app
    interests: >-
      Dana Cole works for FastPath, which sells a subscription app for intermittent fasting.
"""
NEW_TOPIC = f"""---
title: The first week
claims:
  - id: weight-drops-in-first-week
    statement: Weight drops in the first week of fasting.
    positions:
      - source: {SOURCE}
        stance: supports
        quote: "Our members lose weight in the very first week"
        speaker: cole
      - source: nutrition-lab
        stance: contradicts
        quote: "Weight changes usually take eight to twelve weeks to show up on the scale."
  - id: weight-comes-off-slowly
    statement: For most people, weight comes off slowly.
    positions:
      - source: {SOURCE}
        stance: supports
        quote: "weight comes off slowly"
---
What a fasting app's staff and the magazine that quotes them say about the first week.
"""


@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    project = corpus_project(tmp_path_factory.mktemp("speakers") / "p")
    path = project / "sources" / f"{SOURCE}.md"
    text = path.read_text(encoding="utf-8").replace("\n---\n", f"\n{SPEAKERS}---\n", 1)
    path.write_text(text.rstrip("\n") + f"\n\n{QUOTED} {OWN_WORDS}\n", encoding="utf-8")
    (project / "docs" / "topics" / "first-week.md").write_text(NEW_TOPIC, encoding="utf-8")
    built = build(project, project / "site")
    assert built.ok, built.output
    return built.site, json.loads((built.site / "claims.json").read_text(encoding="utf-8"))


def claim_block(html: str, claim_id: str) -> str:
    """A claim's part of its topic page: from its heading to the next heading."""
    start = html.index(f'id="{claim_id}"')
    end = html.find("<h2", start)
    return html[start:end if end != -1 else len(html)]


def test_support_only_from_an_interested_speaker_is_marked_and_the_sources_own_words_are_not(
        quoted_site: tuple[Path, dict[str, Any]]) -> None:
    site, data = quoted_site
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["weight-drops-in-first-week"]["interested_support_only"] is True
    assert claims["weight-comes-off-slowly"]["interested_support_only"] is False
    html = page_file(site, claims["weight-drops-in-first-week"]["page"]).read_text(encoding="utf-8")
    assert "cc-interest-only" in claim_block(html, "weight-drops-in-first-week")
    assert "cc-interest-only" not in claim_block(html, "weight-comes-off-slowly")
    glance = parse(html[html.index("cc-glance"):html.index("</table>", html.index("cc-glance"))])
    listed = {link["href"].rpartition("#")[2] for link in glance.links if "cc-claim-link" in link.get("class", "")}
    assert listed == {"weight-drops-in-first-week", "weight-comes-off-slowly"}
    rows = html[html.index("cc-glance"):html.index("</table>", html.index("cc-glance"))].split("<tr>")
    row = {r.count("cc-interest-only") for r in rows if "#weight-drops-in-first-week" in r}
    assert row == {1}, "the row at a glance carries the mark too"
    # The magazine itself stays unflagged: next to its name, no "$ has an interest".
    own = claim_block(html, "weight-comes-off-slowly")
    assert "has an interest" not in parse(own).text


def test_the_quote_is_attributed_to_its_speaker_with_their_interest(quoted_site: tuple[Path, dict[str, Any]]) -> None:
    site, data = quoted_site
    claim_data = next(c for c in data["claims"] if c["id"] == "weight-drops-in-first-week")
    html = page_file(site, claim_data["page"]).read_text(encoding="utf-8")
    block = parse(claim_block(html, "weight-drops-in-first-week"))
    assert "— Dana Cole, head of growth at FastPath, a fasting app, quoted in Family Health Weekly" in block.text
    flags = [link for link in block.links if "cc-interest" in link.get("class", "").split()]
    assert len(flags) == 1 and flags[0]["data-tip"].startswith("Dana Cole works for FastPath"), flags
    target = page_file(site, "sources/" + SOURCE + "/")
    assert flags[0]["href"].endswith(f"sources/{SOURCE}/#speaker-cole")
    assert "speaker-cole" in parse(target).ids, "the flag lands on the speaker in the source's profile"
    assert "Dana Cole" not in parse(claim_block(html, "weight-comes-off-slowly")).text, "the own words name no one"


def test_claims_json_carries_speakers_and_each_positions_interest(quoted_site: tuple[Path, dict[str, Any]]) -> None:
    _, data = quoted_site
    source = next(s for s in data["sources"] if s["id"] == SOURCE)
    assert source["interests"] == "No commercial interest is visible in the text."
    assert source["speakers"] == [{"id": "cole", "name": "Dana Cole", "role": "head of growth at FastPath, a fasting app",
                                   "interests": "Dana Cole works for FastPath, which sells a subscription app for "
                                                "intermittent fasting.", "has_interest": True}]
    assert next(s for s in data["sources"] if s["id"] == "nutrition-lab")["speakers"] == []
    positions = {(c["id"], p["source"]): p for c in data["claims"] for p in c["positions"]}
    quoted = positions[("weight-drops-in-first-week", SOURCE)]
    assert quoted["speaker"] == "cole" and quoted["has_interest"] is True
    assert quoted["interests"] == source["speakers"][0]["interests"]
    own = positions[("weight-comes-off-slowly", SOURCE)]
    assert own["speaker"] is None and own["has_interest"] is False and own["interests"] == source["interests"]
    app = positions[("fasting-is-safe-for-most", "fastpath-app")]
    assert app["speaker"] is None and app["has_interest"] is True, "a source's own interest, as before"


def test_the_source_page_lists_the_people_it_quotes(quoted_site: tuple[Path, dict[str, Any]]) -> None:
    site, _ = quoted_site
    page = parse(page_file(site, f"sources/{SOURCE}/"))
    assert re.search(r"People it quotes ?Dana Cole, head of growth at FastPath, a fasting app\. Interests: Dana Cole "
                     r"works for FastPath, which sells a subscription app for intermittent fasting\. \$ has an "
                     r"interest", page.text), page.text[:800]
    assert "A person it quotes has a commercial interest: Dana Cole." in page.text
    assert "Commercial interest. Weigh what this source says" not in page.text, "the magazine itself has none"
    assert "quoting Dana Cole" in page.text, "its positions say whose words they quote"


# ---------------------------------------------------------------- mistakes, one line each

QUOTING_SOURCE = GOOD_SOURCE.replace("---\nCaffeine", """speakers:
  lee:
    name: Dr. A. Lee
    role: clinic director
    interests: Runs a clinic that sells the treatment.
  park:
    name: B. Park
---
Caffeine""")


def test_a_speaker_on_a_source_that_lists_none(tmp_path: Path) -> None:
    fails(tmp_path, "topics/t.md", "names speaker 'lee'", "sources/good.md lists no speakers",
          "remove 'speaker:'", claim="c-one", line=7,
          topics={"t": topic(claim(position("lift mood within hours", extra="        speaker: lee\n")))})


def test_an_unknown_speaker_lists_the_known_ones(tmp_path: Path) -> None:
    message = fails(tmp_path, "topics/t.md", "unknown speaker 'leee' for source 'good'", "Did you mean 'lee'?",
                    "Its speakers are: lee, park", claim="c-one", line=7, sources={"good": QUOTING_SOURCE},
                    topics={"t": topic(claim(position("lift mood within hours", extra="        speaker: leee\n")))})
    assert message.startswith(str(tmp_path / "topics/t.md:7:"))


def test_a_known_speaker_loads(tmp_path: Path) -> None:
    from test_errors import run

    analysis = run(tmp_path, sources={"good": QUOTING_SOURCE},
                   topics={"t": topic(claim(position("lift mood within hours", extra="        speaker: lee\n")))})
    (position_,) = analysis.corpus.claims[0].positions
    assert position_.speaker == "lee"
    assert analysis.corpus.sources["good"].speakers["park"].interests == ""


@pytest.mark.parametrize(("speakers", "parts"), [
    ("speakers: [lee, park]\n", ("'speakers' must be a mapping of ids to people, not a list",)),
    ("speakers:\n  Dr Lee:\n    name: Lee\n", ("'Dr Lee' is not a usable speaker id",)),
    ("speakers:\n  lee: Dr. A. Lee\n", ("speaker 'lee' must be fields", "not a text")),
    ("speakers:\n  lee:\n    role: clinic director\n", ("speaker 'lee' has no 'name'", "Add 'name: ...'")),
    ("speakers:\n  lee:\n    name: Lee\n    intrests: sells it\n", ("unknown field 'intrests' in speaker 'lee'",
                                                                    "Did you mean 'interests'?")),
    ("speakers:\n  lee:\n    name: Lee\n    role: " + "a very long role " * 10 + "\n",
     ("the role of speaker 'lee' is 169 characters long; keep it under 120", "'interests'")),
])
def test_bad_speakers_stop_with_one_line(tmp_path: Path, speakers: str, parts: tuple[str, ...]) -> None:
    source = GOOD_SOURCE.replace("---\nCaffeine", f"{speakers}---\nCaffeine")
    message = fails(tmp_path, "sources/good.md", *parts, sources={"good": source})
    assert re.match(re.escape(str(tmp_path / "sources/good.md")) + r":\d+: ", message), message


def test_a_speaker_without_interests_speaks_with_the_sources(tmp_path: Path) -> None:
    """A clinic's page quoting a patient it chose: the quote keeps the clinic's interest, and its $ mark."""
    from test_errors import run

    from concordance.config import SiteConfig
    from concordance.export import export
    from concordance.model import position_interests
    from concordance.render import Addresses
    from concordance.render.context import Context, interested_support_only

    clinic = QUOTING_SOURCE.replace("interests: No commercial interest is visible in the text.",
                                    "interests: The clinic sells the treatment it describes.")
    topics = {"t": topic(claim(position("lift mood within hours", extra="        speaker: park\n")))}
    for source, interested in ((clinic, True), (QUOTING_SOURCE, False)):
        (tmp_path / str(interested)).mkdir()
        analysis = run(tmp_path / str(interested), sources={"good": source}, topics=topics)
        (claim_,) = analysis.corpus.claims
        said = position_interests(claim_.positions[0], analysis.corpus.sources)
        assert said == analysis.corpus.sources["good"].interests
        assert interested_support_only(claim_, analysis.corpus.sources, SiteConfig()) is interested
        # claims.json says the same of the speaker as of their positions.
        at = Addresses(topics={"t": "topics/t/"}, sources={"good": "sources/good/"}, overview="overview/")
        park = next(k for k in export(analysis, at)["sources"][0]["speakers"] if k["id"] == "park")
        assert park["interests"] == "" and park["has_interest"] is interested
        # And the pages: the $ beside the speaker's name, as on their claims.
        context = Context(analysis, at)
        source = analysis.corpus.sources["good"]
        assert bool(context.speaker_flag("topics/t/", source, source.speakers["park"])) is interested
