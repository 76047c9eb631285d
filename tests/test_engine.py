"""Unit tests of the engine: normalising, anchoring, verdicts and links, on plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import ConcordanceError, build_analysis
from concordance.analyse import verdict
from concordance.model import Claim, Position
from concordance.render import relative
from concordance.text import normalise, normalise_with_map, sentences

SOURCE = """---
title: A test article
publisher: Test Press
kind: newspaper feature
interests: No commercial interest is visible in the text.
---
## The “party drug” — revisited

Caffeine’s effects fade within days – sometimes weeks.  It is   NOT a cure.

- First item says relief comes fast.
- Second item.

It is not a cure, says another paragraph.
"""


def corpus(tmp_path: Path, claims: str, source: str = SOURCE) -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "topics").mkdir(exist_ok=True)
    (tmp_path / "sources" / "test-article.md").write_text(source, encoding="utf-8")
    (tmp_path / "topics" / "a-topic.md").write_text(
        f"---\ntitle: A topic\nclaims:\n{claims}\n---\nA neutral summary.\n", encoding="utf-8")
    return tmp_path


def analyse_dir(root: Path):
    return build_analysis(root / "sources", root / "topics")


def claim_yaml(quote: str, stance: str = "supports", extra: str = "") -> str:
    return (f"  - id: c1\n    statement: A statement.\n    positions:\n      - source: test-article\n"
            f"        stance: {stance}\n        quote: {quote}\n{extra}")


def test_normalise_folds_case_space_quotes_and_dashes() -> None:
    assert normalise("Caffeine’s  “Effects”\n— fade") == "caffeine's \"effects\" - fade"
    assert normalise("a – b") == normalise("A - B")


def test_normalised_offsets_map_back_to_the_original() -> None:
    text = "One  “two”\tthree"
    n = normalise_with_map(text)
    start = n.text.index('"two"')
    s, e = n.span(start, start + len('"two"'))
    assert text[s:e] == "“two”"


def test_every_shortcut_of_normalising_agrees_with_the_character_by_character_way() -> None:
    """Articles are normalised by whole-string operations, with shortcuts for text whose spacing is already
    regular: on random text of spaces, block breaks, tabs, other white space, curly quotes and letters, each
    normalised character must come from the same original character as the slow way says."""
    import random

    from concordance.text import _normalise_slowly

    pieces = ["a", "B", " ", "  ", "\u2029", "\t", "\n", "\xa0", "\u3000", "é", "’", "“", "—", "`", "\u200b", "x y"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        fast, slow = normalise_with_map(text), _normalise_slowly(text)
        assert fast.text == slow.text, repr(text)
        assert [fast.origin(i) for i in range(len(fast.text))] == [slow.origin(i) for i in range(len(slow.text))]


def test_quote_typed_with_straight_quotes_and_hyphens_anchors_to_curly_text(tmp_path: Path) -> None:
    a = analyse_dir(corpus(tmp_path, claim_yaml("\"caffeine's effects fade within days - sometimes weeks.\"")))
    passage = a.passages["test-article"][0]
    source = a.corpus.sources["test-article"]
    assert source.text[passage.start:passage.end] == "Caffeine’s effects fade within days – sometimes weeks."
    assert passage.id == "q-caffeine-s-effects-fade-within-days"


def test_quote_in_a_heading_and_a_list_item_anchor(tmp_path: Path) -> None:
    claims = claim_yaml("'The “party drug”'") + (
        "  - id: c2\n    statement: Relief comes fast.\n    positions:\n      - source: test-article\n"
        "        stance: supports\n        quote: relief comes fast\n")
    a = analyse_dir(corpus(tmp_path, claims))
    blocks = [a.corpus.sources["test-article"].blocks[p.block].kind for p in a.passages["test-article"]]
    assert blocks == ["heading", "item"]


def test_ambiguous_quote_is_an_error_unless_an_occurrence_is_given(tmp_path: Path) -> None:
    with pytest.raises(ConcordanceError, match=r"stands 2 times .* ambiguous"):
        analyse_dir(corpus(tmp_path, claim_yaml("not a cure")))
    a = analyse_dir(corpus(tmp_path, claim_yaml("not a cure", extra="        occurrence: 2\n")))
    passage = a.passages["test-article"][0]
    assert a.corpus.sources["test-article"].blocks[passage.block].text.startswith("It is not a cure, says")


def test_quote_not_found_shows_the_closest_passage_and_the_difference(tmp_path: Path) -> None:
    with pytest.raises(ConcordanceError) as e:
        analyse_dir(corpus(tmp_path, claim_yaml("effects fade within hours")))
    message = str(e.value)
    assert "topics/a-topic.md:" in message and "claim 'c1'" in message
    assert "Closest passage" in message and '"hours" where the article has "days' in message
    assert "\n" not in message


def test_quote_across_a_paragraph_break_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ConcordanceError, match="spans a paragraph break"):
        analyse_dir(corpus(tmp_path, claim_yaml("\"Second item. It is not a cure, says\"")))


@pytest.mark.parametrize(("stances", "sources", "expected"), [
    (["supports", "supports"], ["a", "b"], "agreed"),
    (["supports", "contradicts"], ["a", "b"], "disputed"),
    (["supports", "qualifies"], ["a", "b"], "qualified"),
    (["supports"], ["a"], "single source"),
    (["supports", "qualifies"], ["a", "a"], "single source"),
    (["supports", "contradicts"], ["a", "a"], "disputed"),  # a source at odds with itself
    (["supports", "supports", "qualifies", "contradicts"], ["a", "b", "c", "d"], "disputed"),
])
def test_verdict_is_derived_from_the_stances(stances: list[str], sources: list[str], expected: str) -> None:
    claim = Claim("c", "t", "s", [Position(source=s, stance=st, quote="q") for s, st in zip(sources, stances)])
    assert verdict(claim) == expected


@pytest.mark.parametrize(("here", "to", "expected"), [
    ("topics/x/", "sources/y/#q-1", "../../sources/y/#q-1"),
    ("topics/x/", "topics/x/#c", "#c"),
    ("", "topics/x/", "topics/x/"),
    ("topics/x/", "", "../../"),
    ("topics/x.html", "sources/y.html#q", "../sources/y.html#q"),
    # A passage followed from a claim: the claim rides in the query, on another page or the passage's own.
    ("topics/x/", "sources/y/?from=c-1#q-1", "../../sources/y/?from=c-1#q-1"),
    ("sources/y/", "sources/y/?from=c-1#q-1", "?from=c-1#q-1"),
    ("sources/y/z/", "sources/y/?from=c-1#q", "../?from=c-1#q"),
    ("topics/x.html", "sources/y.html?from=c#q", "../sources/y.html?from=c#q"),
])
def test_relative_links_between_pages(here: str, to: str, expected: str) -> None:
    assert relative(here, to) == expected


def test_sentences_split_at_sentence_ends_only() -> None:
    text = "Dr. Yun says it works. It costs $350 to $750. “Really?” she asks."
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == ["Dr. Yun says it works.", "It costs $350 to $750.", "“Really?” she asks."]
