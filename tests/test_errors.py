"""Every kind of maintainer slip stops the build with one line: the file, the line, the claim, the fix.

These run the engine directly (fast); tests/test_safety.py runs a few through `mkdocs build` to show the
same line reaches the terminal without a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import ConcordanceError, build_analysis

GOOD_SOURCE = """---
title: A good article
publisher: Good Press
kind: newspaper feature
interests: No commercial interest is visible in the text.
---
Caffeine can lift mood within hours.

It is not a cure. It is not a cure for everyone.

Relief often fades within weeks.
"""

CLAIM = """  - id: lifts-mood-fast
    statement: Caffeine can lift mood within hours.
    positions:
      - source: good
        stance: supports
        quote: "lift mood within hours"
"""


def topic(claims: str = CLAIM, head: str = "title: A topic\n", body: str = "A neutral summary.\n") -> str:
    return f"---\n{head}claims:\n{claims}---\n{body}"


def run(tmp_path: Path, *, sources: dict[str, str | bytes] | None = None,
        topics: dict[str, str | bytes] | None = None):
    (tmp_path / "sources").mkdir()
    (tmp_path / "topics").mkdir()
    for folder, files in (("sources", sources if sources is not None else {"good": GOOD_SOURCE}),
                          ("topics", topics if topics is not None else {"a-topic": topic()})):
        for name, text in files.items():
            path = tmp_path / folder / (name if "." in name else f"{name}.md")
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return build_analysis(tmp_path / "sources", tmp_path / "topics")


def fails(tmp_path: Path, file: str, *parts: str, line: int | None = None, claim: str | None = None,
          **files) -> str:
    with pytest.raises(ConcordanceError) as caught:
        run(tmp_path, **files)
    # A build lists every mistake it finds, one per line: the one about this file is the one under test.
    errors = getattr(caught.value, "errors", [caught.value])
    assert all("\n" not in str(e) for e in errors), "one line each"
    about = [e for e in errors if str(e).startswith(str(tmp_path / file))]
    assert len(about) == 1, str(caught.value)
    error = about[0]
    message = str(error)
    if line is not None:
        assert error.line == line, message
    if claim is not None:
        assert f"claim '{claim}'" in message, message
    for part in parts:
        assert part in message, message
    return message


def position(quote: str, source: str = "good", stance: str = "supports", extra: str = "") -> str:
    return f"      - source: {source}\n        stance: {stance}\n        quote: \"{quote}\"\n{extra}"


def claim(positions: str, cid: str = "c-one", statement: str = "A statement.") -> str:
    return f"  - id: {cid}\n    statement: {statement}\n    positions:\n{positions}"


# ---------------------------------------------------------------- front matter and files

def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "not valid YAML", "quoting and indentation", line=4,
          topics={"a-topic": "---\ntitle: A topic\nclaims:\n  - id: [unclosed\n---\nA summary.\n"})


def test_missing_front_matter(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "has no front matter", "Start the file with a line '---'", line=1,
          sources={"good": "Just an article.\n"})


def test_front_matter_not_closed(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "front matter is not closed", sources={"good": "---\ntitle: x\n\nText\n"})


def test_empty_front_matter(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "front matter is empty", sources={"good": "---\n---\nText.\n"})


def test_front_matter_that_is_a_list(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "must be YAML fields", sources={"good": "---\n- a\n- b\n---\nText.\n"})


def test_missing_title_of_a_source(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "has no 'title'", "Add 'title: ...'",
          sources={"good": GOOD_SOURCE.replace("title: A good article\n", "")})


def test_missing_title_of_a_topic(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "the topic has no 'title'", topics={"a-topic": topic(head="")})


def test_missing_interests_of_a_source(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "has no 'interests'",
          sources={"good": GOOD_SOURCE.replace("interests: No commercial interest is visible in the text.\n", "")})


def test_tab_indentation(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "indented with a tab", "replace the tab with spaces", line=4,
          topics={"a-topic": topic(CLAIM.replace("  - id", "\t- id", 1))})


def test_unknown_field_suggests_the_known_one(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "unknown field 'publsher'", "Did you mean 'publisher'?",
          sources={"good": GOOD_SOURCE.replace("publisher:", "publsher:")})


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "is not UTF-8", "Save the file as UTF-8", line=7,
          sources={"good": GOOD_SOURCE.replace("within hours", "within h\xf6urs").encode("latin-1")})


def test_byte_order_mark_and_crlf_line_ends_are_read_as_plain_utf8(tmp_path: Path) -> None:
    # Editors on Windows save these; they are not the maintainer's mistake, so they just work.
    analysis = run(tmp_path, sources={"good": b"\xef\xbb\xbf" + GOOD_SOURCE.replace("\n", "\r\n").encode()},
                   topics={"a-topic": ("\ufeff" + topic()).replace("\n", "\r\n")})
    assert analysis.corpus.sources["good"].title == "A good article"
    assert analysis.passages["good"][0].id == "q-lift-mood-within-hours"


def test_empty_source(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "has no article text", "Paste the article",
          sources={"good": GOOD_SOURCE.split("---\n")[0] + "---\n" + GOOD_SOURCE.split("---\n")[1] + "---\n\n"})


def test_url_that_is_not_a_web_address(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "url 'www.example.org' is not a web address", "leave 'url' out",
          sources={"good": GOOD_SOURCE.replace("kind:", "url: www.example.org\nkind:")})


def test_source_file_name_that_is_not_an_id(tmp_path: Path) -> None:
    fails(tmp_path, "sources/Good Article.md", "is not a usable source id", "Rename the file",
          sources={"Good Article": GOOD_SOURCE})


def test_two_sources_with_one_slug(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "two sources cannot share the slug 'good'",
          sources={"Good": GOOD_SOURCE, "good": GOOD_SOURCE})


def test_source_named_like_the_sources_index(tmp_path: Path) -> None:
    fails(tmp_path, "sources/index.md", "'index' is reserved", sources={"index": GOOD_SOURCE})


def test_no_sources_at_all(tmp_path: Path) -> None:
    fails(tmp_path, "sources", "holds no sources", sources={})


# ---------------------------------------------------------------- topics and claims

def test_topic_with_no_claims(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "has no claims", topics={"a-topic": "---\ntitle: T\n---\nSummary.\n"})


def test_topic_with_no_summary(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "has no summary", topics={"a-topic": topic(body="\n")})


def test_claims_that_are_not_a_list(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "'claims' must be a list",
          topics={"a-topic": "---\ntitle: T\nclaims:\n  id: x\n---\nSummary.\n"})


def test_claim_with_no_id(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "a claim has no 'id'", line=4,
          topics={"a-topic": topic(CLAIM.replace("  - id: lifts-mood-fast\n    statement", "  - statement"))})


def test_claim_id_that_is_not_an_anchor(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "'Lifts Mood' is not a usable claim id", claim="Lifts Mood",
          topics={"a-topic": topic(CLAIM.replace("lifts-mood-fast", "Lifts Mood"))})


def test_claim_with_no_statement(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "the claim has no 'statement'", claim="lifts-mood-fast",
          topics={"a-topic": topic(CLAIM.replace("    statement: Caffeine can lift mood within hours.\n", ""))})


def test_claim_with_no_positions(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "has no positions", claim="c-one", line=4,
          topics={"a-topic": topic("  - id: c-one\n    statement: S.\n    positions: []\n")})


def test_duplicate_claim_ids_across_files(tmp_path: Path) -> None:
    fails(tmp_path, "topics/b-topic.md", "claim id 'lifts-mood-fast' is already used in", "a-topic.md",
          claim="lifts-mood-fast", topics={"a-topic": topic(), "b-topic": topic()})


def test_unknown_source_suggests_the_closest(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "unknown source 'goood'", "Did you mean 'good'?", claim="c-one", line=7,
          topics={"a-topic": topic(claim(position("lift mood", source="goood")))})


def test_stance_that_is_not_one_of_the_three(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "stance 'support' is not one of", "Did you mean 'supports'?",
          claim="c-one", topics={"a-topic": topic(claim(position("lift mood", stance="support")))})


def test_claim_no_source_supports(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "no position supports the statement", claim="c-one",
          topics={"a-topic": topic(claim(position("lift mood", stance="contradicts")))})


def test_position_with_no_quote(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "a position has no 'quote'", claim="c-one",
          topics={"a-topic": topic(claim("      - source: good\n        stance: supports\n"))})


def test_empty_quote(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "a position has no 'quote'", claim="c-one",
          topics={"a-topic": topic(claim(position("  ")))})


def test_quote_not_found_shows_the_closest_passage(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "quote not found in sources/good.md", "Closest passage",
          "quote has \"days.\" where the article has \"weeks.\"", claim="c-one", line=7,
          topics={"a-topic": topic(claim(position("Relief often fades within days.")))})


def test_quote_that_spans_a_paragraph_break(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "spans a paragraph break", claim="c-one",
          topics={"a-topic": topic(claim(position("for everyone. Relief often fades")))})


def test_ambiguous_quote(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "stands 2 times", "add 'occurrence: N'", claim="c-one",
          topics={"a-topic": topic(claim(position("It is not a cure")))})


def test_occurrence_beyond_the_quotes_places(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "occurrence 3 asked", claim="c-one",
          topics={"a-topic": topic(claim(position("It is not a cure", extra="        occurrence: 3\n")))})


def test_unknown_related_topic_suggests_the_closest(tmp_path: Path) -> None:
    fails(tmp_path, "topics/b-topic.md", "related topic 'a-topik' does not exist", "Did you mean 'a-topic'?",
          topics={"a-topic": topic(), "b-topic": topic(claim(position("lift mood")), head="title: B\nrelated: [a-topik]\n")})


def test_topic_related_to_itself(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "lists itself as a related topic",
          topics={"a-topic": topic(head="title: A\nrelated: [a-topic]\n")})


def test_source_nobody_cites_is_a_warning_not_an_error(tmp_path: Path) -> None:
    analysis = run(tmp_path, sources={"good": GOOD_SOURCE, "uncited": GOOD_SOURCE})
    assert len(analysis.corpus.warnings) == 1
    assert "no claim cites source 'uncited'" in str(analysis.corpus.warnings[0])
    assert analysis.corpus.warnings[0].path == "sources/uncited.md"


# ---------------------------------------------------------------- hostile or odd input (issue: close the holes)

def test_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    import time

    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    started = time.perf_counter()
    fails(tmp_path, "topics/a-topic.md", "YAML anchor ('&a0')", "Write the value out in full", line=2,
          topics={"a-topic": topic(head="\n".join(levels) + "\ntitle: A topic\n")})
    assert time.perf_counter() - started < 5, "a billion laughs must not be expanded"


def test_a_lone_alias_is_refused_with_its_line(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "YAML alias ('*x')", line=3,
          topics={"a-topic": topic(head="title: A topic\nrelated: *x\n")})


def test_an_asterisk_or_ampersand_in_quoted_text_is_fine(tmp_path: Path) -> None:
    analysis = run(tmp_path, topics={"a-topic": topic(head="title: \"Q&A: *what* it does\"\n")})
    assert analysis.corpus.topics["a-topic"].title == "Q&A: *what* it does"


@pytest.mark.parametrize("nesting", ["[" * 10000 + "]" * 10000, "{a: " * 10000 + "1" + "}" * 10000])
def test_deep_nesting_is_a_clear_error_not_a_recursion_error(tmp_path: Path, nesting: str) -> None:
    fails(tmp_path, "topics/a-topic.md", "nests", "indentation",
          topics={"a-topic": topic(head=f"title: A topic\nrelated: {nesting}\n")})


def test_the_nesting_limit_is_the_same_on_every_way_front_matter_is_read() -> None:
    """Front matter is read by a fast path, or by PyYAML's constructor when it holds something unusual (an
    explicit tag): both refuse the same nesting, whatever stands at the deepest level."""
    from concordance.errors import ConcordanceError
    from concordance.frontmatter import MAX_DEPTH, split_front_matter

    def outcome(yaml_text: str) -> str:
        try:
            split_front_matter(Path("topics/t.md"), f"---\n{yaml_text}\n---\nbody\n")
        except ConcordanceError as e:
            return "refused" if "nests" in str(e) else str(e)
        return "read"

    for depth in range(MAX_DEPTH - 2, MAX_DEPTH + 2):
        for deepest in ["{}", "[]", "1", "{a: 1}", "[1]"]:
            nested = "[" * (depth - 1) + deepest + "]" * (depth - 1)
            fast = outcome(f"a: {nested}")
            # A tag the fast path leaves to the constructor, read before the nesting so the fast path never sees it.
            slow = outcome(f"b: !!binary aGk=\na: {nested}")
            assert fast == slow, (depth, deepest, fast, slow)


def test_a_source_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(GOOD_SOURCE, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "sources").mkdir()
    (project / "sources" / "good.md").symlink_to(outside / "secret.md")
    (project / "topics").mkdir()
    (project / "topics" / "a-topic.md").write_text(topic(), encoding="utf-8")
    with pytest.raises(ConcordanceError) as caught:
        build_analysis(project / "sources", project / "topics", root=project)
    message = str(caught.value.relative_to(project))
    assert message.startswith("sources/good.md: is a link to a file outside the project"), message
    assert "Copy the file into the project" in message


def test_a_link_inside_the_project_is_fine(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "originals").mkdir()
    (tmp_path / "originals" / "good.md").write_text(GOOD_SOURCE, encoding="utf-8")
    (tmp_path / "sources" / "good.md").symlink_to(tmp_path / "originals" / "good.md")
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "a-topic.md").write_text(topic(), encoding="utf-8")
    assert "good" in build_analysis(tmp_path / "sources", tmp_path / "topics").corpus.sources


def test_a_claim_id_that_ends_in_a_new_line_is_refused(tmp_path: Path) -> None:
    bad = CLAIM.replace("  - id: lifts-mood-fast\n", "  - id: |\n      lifts-mood-fast\n")
    message = fails(tmp_path, "topics/a-topic.md", "is not a usable claim id", "on one line", line=4,
                    topics={"a-topic": topic(bad)})
    assert "lifts-mood-fast\\n" in message, "the new line is shown, not printed"


def test_a_nul_byte_in_an_article_is_refused_with_its_line(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "control character", "U+0000", line=7,
          sources={"good": GOOD_SOURCE.replace("within hours.", "within\x00 hours.")})


def test_order_true_is_not_a_number(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "'order' must be a whole number",
          topics={"a-topic": topic(head="title: A topic\norder: true\n")})


@pytest.mark.parametrize("given, kind", [("{source: good}", "mapping"), ("good", "text")])
def test_positions_given_as_a_mapping_or_text_say_so(tmp_path: Path, given: str, kind: str) -> None:
    fails(tmp_path, "topics/a-topic.md", f"'positions' must be a list, not a {kind}", claim="c-one",
          topics={"a-topic": topic(f"  - id: c-one\n    statement: A statement.\n    positions: {given}\n")})


def test_a_duplicate_claim_in_another_topic_names_it_relative_to_the_project(tmp_path: Path) -> None:
    message = fails(tmp_path, "topics/b-topic.md", "already used in topics/a-topic.md",
                    topics={"a-topic": topic(), "b-topic": topic()})
    assert str(tmp_path) not in message.removeprefix(str(tmp_path / "topics/b-topic.md"))


def test_every_bad_quote_is_reported_in_one_build(tmp_path: Path) -> None:
    claims = "".join(claim(position(f"a quote that is nowhere number {n}"), cid=f"c-{n}") for n in range(10))
    with pytest.raises(ConcordanceError) as caught:
        run(tmp_path, topics={"a-topic": topic(claims)})
    lines = str(caught.value).splitlines()
    assert len(lines) == 10, lines
    assert [f"claim 'c-{n}'" in line for n, line in enumerate(lines)] == [True] * 10
    assert all("quote not found" in line for line in lines)


def test_errors_of_several_kinds_and_files_come_together(tmp_path: Path) -> None:
    with pytest.raises(ConcordanceError) as caught:
        run(tmp_path, topics={"a-topic": topic(claim(position("not in the article"))),
                              "b-topic": topic(claim(position("lift mood within hours", stance="agrees"),
                                                     cid="c-two")),
                              "c-topic": "---\ntitle: [\n---\nA summary.\n"})
    text = str(caught.value)
    assert "a-topic.md" in text and "quote not found" in text
    assert "b-topic.md" in text and "stance 'agrees'" in text
    assert "c-topic.md" in text and "not valid YAML" in text


def test_a_short_heading_inside_the_quote_is_not_the_closest_passage(tmp_path: Path) -> None:
    source = GOOD_SOURCE.replace("Caffeine can lift mood", "## Caffeine\n\nCaffeine can lift mood")
    message = fails(tmp_path, "topics/a-topic.md", "Closest passage", claim="c-one",
                    sources={"good": source},
                    topics={"a-topic": topic(claim(position("caffeine can lift the mood within hours")))})
    assert "\"caffeine can lift mood within hours" in message, message
    assert "of the quote's words" in message


def test_a_quote_under_the_wrong_source_names_the_right_one(tmp_path: Path) -> None:
    other = GOOD_SOURCE.replace("Relief often fades within weeks.", "Benefits may persist for months.")
    message = fails(tmp_path, "topics/a-topic.md", "stands word for word in sources/other.md",
                    "change 'source: good' to 'source: other'",
                    sources={"good": GOOD_SOURCE, "other": other},
                    topics={"a-topic": topic(claim(position("Benefits may persist for months.")))})
    assert "alike" not in message


# ---------------------------------------------------------------- optional fields the maintainers write

def test_topic_answer_that_is_not_text(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "'answer' in the topic must be text, not a list",
          topics={"a-topic": topic(head="title: A topic\nanswer: [one, two]\n")})


def test_source_caveats_that_are_not_a_list_of_sentences(tmp_path: Path) -> None:
    fails(tmp_path, "sources/good.md", "'caveats' in the source must be a list of sentences",
          sources={"good": GOOD_SOURCE.replace("---\nCaffeine", "caveats:\n  - {a: b}\n---\nCaffeine")})


def test_position_measure_that_is_not_text(tmp_path: Path) -> None:
    fails(tmp_path, "topics/a-topic.md", "'measure' in a position must be text, not a dict", claim="c-one",
          topics={"a-topic": topic(claim(position("lift mood within hours", extra="        measure: {a: b}\n")))})


def test_answer_caveats_and_measure_are_read_as_plain_data(tmp_path: Path) -> None:
    analysis = run(tmp_path, sources={"good": GOOD_SOURCE.replace(
        "---\nCaffeine", "caveats:\n  - Its figures name no study.\n---\nCaffeine")},
        topics={"a-topic": topic(claim(position("lift mood within hours", extra="        measure: response rate\n")),
                                 head="title: A topic\nanswer: The article says it can.\n")})
    assert analysis.corpus.sources["good"].caveats == ["Its figures name no study."]
    topic_ = analysis.corpus.topics["a-topic"]
    assert topic_.answer == "The article says it can."
    assert topic_.claims[0].positions[0].measure == "response rate"


def test_a_headline_longer_than_one_line_is_refused(tmp_path: Path) -> None:
    long = "The articles agree on this, " * 4  # over 90 characters: more than the home page's one line
    fails(tmp_path, "topics/a-topic.md", "'headline' has", "at most 90", "'answer'",
          topics={"a-topic": topic(head=f"title: A topic\nheadline: {long.strip()}\n")})
