"""The importer: raw articles saved from web pages become source files, chrome stripped by general rules.

The four seed articles must come out as the shipped sources' article text. The seeds are copied into
tests/fixtures/seeds so the test stands alone; when the shared originals sit beside the clone
(../shared/seeds), they are imported too and the copies are checked against them.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import tomllib
from pathlib import Path

import pytest

from concordance import importer
from concordance.importer import Imported, convert, main, match_rule, render, slugify
from concordance.importer import lines as importer_lines
from concordance.importer import markdown as importer_markdown
from concordance.load import load_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"
FIXTURE_IMPORT = ROOT / "tests" / "fixtures" / "import"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SHIPPED = {"000": "varma-research", "001": "asana-recovery", "002": "can-ketamine-cure", "003": "beyond-the-hype"}
# What the importer must give back for each seed: the article as curated when the seeds were imported, kept with
# the fixtures (not read from sources/, which is whatever site this clone holds).
EXPECTED = FIXTURE_SEEDS / "expected"


def _seed_params() -> list[object]:
    params: list[object] = [pytest.param(p, id=f"fixtures/{p.name[:3]}") for p in sorted(FIXTURE_SEEDS.glob("*.txt"))]
    if SHARED_SEEDS.is_dir():
        params += [pytest.param(p, id=f"shared/{p.name[:3]}") for p in sorted(SHARED_SEEDS.glob("*.txt"))]
    return params


def blocks_of(path: Path) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in load_source(path).blocks]


def imp(text: str) -> Imported:
    return convert(text)


def kept(text: str) -> list[str]:
    return [t for _, t, _ in imp(text).blocks]


def removed(text: str) -> dict[str, str]:
    return {r.text: r.rule for r in imp(text).removed}


ARTICLE = """Why Sleep Matters More Than You Think

{chrome}

Sleep is not a luxury. Adults who slept less than six hours a night reported worse mood the next day, and the
effect grew over a week of short nights, according to a study that followed adults at home.

What the Study Found

The study followed 120 adults for two weeks and measured their mood every evening with a short questionnaire.
"""


def chrome_case(chrome: str) -> tuple[list[str], dict[str, str]]:
    text = ARTICLE.format(chrome=chrome)
    return kept(text), removed(text)


# ------------------------------------------------------------------ the four seeds


def test_fixture_seeds_are_the_four_seeds() -> None:
    assert sorted(p.name[:3] for p in FIXTURE_SEEDS.glob("*.txt")) == sorted(SHIPPED)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_fixture_seeds_match_the_shared_originals() -> None:
    for original in sorted(SHARED_SEEDS.glob("*.txt")):
        assert (FIXTURE_SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


@pytest.mark.parametrize("seed", _seed_params())
def test_importing_a_seed_reproduces_the_shipped_article_text(seed: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    slug = SHIPPED[seed.name[:3]]
    assert main([str(seed), "--id", slug, "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    made, shipped = tmp_path / f"{slug}.md", EXPECTED / f"{seed.name[:3]}-{slug}.md"
    assert blocks_of(made) == blocks_of(shipped)
    assert load_source(made).title == load_source(shipped).title


def test_seed_front_matter_is_filled_where_the_text_tells() -> None:
    varma = imp((FIXTURE_SEEDS / "000_d6e74598f4bedec1.txt").read_text(encoding="utf-8"))
    assert varma.fields["author"] == "Dr. Priya Varma"
    assert "publisher" in varma.review and "author" not in varma.review
    asana = imp((FIXTURE_SEEDS / "001_3b38b92591da954d.txt").read_text(encoding="utf-8"))
    assert asana.fields["publisher"] == "Asana Recovery"
    assert asana.review == ["author", "url", "kind", "interests"]
    # "“At Kure, we do not make any false promises…” Dr. Yun says": a quoted expert, not the publisher.
    magazine = imp((FIXTURE_SEEDS / "002_45ff1fb58682f7c1.txt").read_text(encoding="utf-8"))
    assert "publisher" in magazine.review


# ------------------------------------------------------------------ one test per kind of chrome


@pytest.mark.parametrize(("chrome", "rule"), [
    ("Call Us", "navigation"),
    ("Text Us", "navigation"),
    ("Contact", "navigation"),
    ("Send Us a Message", "navigation"),
    ("Table of Contents", "navigation"),
    ("Loading More Posts...", "navigation"),
    ("Skip to content", "navigation"),
    ("← Back to All Articles", "navigation (back link)"),
    ("Home › Treatments › Ketamine", "navigation (breadcrumb)"),
    ("Health | Mind | Sleep", "navigation (breadcrumb)"),
    ("3 min read", "reading time"),
    ("12 minute read", "reading time"),
    ("(555) 123-4567", "phone number"),
    ("Call 555-123-4567", "phone number"),
    ("Post on X Facebook Reddit", "share buttons"),
    ("Share on LinkedIn · Email", "share buttons"),
    ("✓ Free · No signup required", "sign-up box"),
    ("Sign up today to get our best tips delivered straight to your inbox.", "sign-up box"),
    ("Join our newsletter", "sign-up box"),
    ("Take the first step toward a better future—call us today!", "call to action"),
    ("Ready to start? Click below to get a free quote.", "call to action"),
    ("Covered?", "insurance banner"),
    ("Verify Now", "insurance banner"),
    ("We are in-network with Acme Health Insurance.", "insurance banner"),
    ("We use cookies to improve your experience on this site.", "cookie banner"),
    ("Accept All", "cookie banner"),
    ("Photo: Getty Images/someone123", "photo credit"),
    ("Image credit: Jane Roe for Example", "photo credit"),
    ("Clinic_Lobby_Photo_02 1(1)", "image file name"),
    ("Experts In This Article", "experts or related-posts box"),
    ("By Ana Ruiz, MD | May 1, 2024", "byline"),
    ("Published May 1, 2024", "date line"),
    ("© 2024 Example Health Media. All rights reserved.", "copyright line"),
])
def test_a_chrome_line_is_removed_and_the_article_kept(chrome: str, rule: str) -> None:
    blocks, gone = chrome_case(chrome)
    assert gone == {chrome: rule}
    assert blocks[0].startswith("Sleep is not a luxury.")
    assert blocks[1:] == ["What the Study Found", ("The study followed 120 adults for two weeks and measured their "
                          "mood every evening with a short questionnaire.")]


@pytest.mark.parametrize("line", [
    "By blocking NMDA receptors, ketamine acts fast.",  # "By" + lower case: a sentence, not a byline
    "Sessions cost $350 to $750 and six are often recommended.",  # prices are not phone numbers
    "Feder, A. (2019). Nature, 566(7743), 63-67.",  # a reference is not a phone number
    "Ketamine is sometimes covered by insurance, but often it is not.",
    "Is Ketamine Covered by Insurance?",
    "If symptoms worsen, contact your doctor today.",
    "Ketamine / Esketamine",  # one slash is not a breadcrumb
    "Fast Relief, Short Effect",
    "Others report nausea, dizziness and fear during a single session.",
])
def test_article_sentences_that_look_a_little_like_chrome_are_kept(line: str) -> None:
    assert match_rule(line) is None


def test_a_long_paragraph_with_a_call_to_action_is_the_publishers_text_and_stays() -> None:
    long_cta = ("Don't let depression hold you back any longer. Take the first step toward a brighter future and "
                "contact Example Clinic today to learn more about our ketamine treatment options and begin your "
                "personalized path to recovery.")
    blocks, gone = chrome_case(long_cta)
    assert long_cta in blocks and gone == {}


def test_a_back_link_to_a_person_names_the_author() -> None:
    result = imp(ARTICLE.format(chrome="← Back to Dr. Ana Ruiz"))
    assert result.fields["author"] == "Dr. Ana Ruiz" and "author" not in result.review
    # A back link to a section is navigation, not an author.
    assert "author" in imp(ARTICLE.format(chrome="← Back to Health News")).review


def test_a_byline_names_the_author_and_a_date_line_the_publication_date() -> None:
    result = imp(ARTICLE.format(chrome="By Ana Ruiz, MD\n\nPublished May 1, 2024"))
    assert result.fields["author"] == "Ana Ruiz"
    assert result.fields["published"] == "2024-05-01"


def test_a_box_heading_takes_its_short_lines_and_list_with_it() -> None:
    text = ARTICLE.format(chrome="") + (
        "\nMeet the Book That's\nChanging Lives\n\nThis guide has helped many readers, and we want you to have it.\n\n"
        "— The Most Common Misconceptions\n\n–And much more!\n\nThe Bottom Line\n\n"
        "Sleep loss adds up over a week, and a single long night does not undo it, the researchers concluded.\n")
    gone = removed(text)
    assert gone["Meet the Book That's"] == gone["Changing Lives"] == "book offer"
    assert gone["This guide has helped many readers, and we want you to have it."].startswith("in the book offer")
    assert gone["— The Most Common Misconceptions"].startswith("in the book offer under line")
    assert gone["–And much more!"].startswith("in the book offer under line")
    assert kept(text)[-2:] == ["The Bottom Line", ("Sleep loss adds up over a week, and a single long night does "
                                                   "not undo it, the researchers concluded.")]


@pytest.mark.parametrize("article_text", [
    " ".join(["You may find that sleep loss adds up over a week."] * 5),  # speaks to the reader, but 55 words
    "Sleep loss adds up over a week, the researchers found.",  # short, but speaks to no one
])
def test_a_box_ends_at_a_paragraph_that_does_not_sound_like_a_box(article_text: str) -> None:
    text = ARTICLE.format(chrome="") + f"\nTake the First Step\n\nWe are here when you are ready.\n\n{article_text}\n"
    assert removed(text) == {"Take the First Step": "call to action",
                             "We are here when you are ready.": "in the call to action under line 12"}
    assert kept(text)[-1] == article_text


def test_a_heading_whose_text_was_all_removed_goes_too() -> None:
    text = ARTICLE + ("\nThe Wellness Intel You Need\nSign up today to get our best tips delivered straight to your "
                      "inbox.\n\nLoading More Posts...\n")
    assert removed(text)["The Wellness Intel You Need"] == "heading left with no text under it"
    # A heading followed directly by another heading, with nothing removed between, is kept.
    faq = "Questions and Answers\n\nIs Sleep Optional?\n\nNo, adults need seven hours or more on most nights to stay well."
    assert kept(ARTICLE.format(chrome="") + "\n" + faq)[-3:-1] == ["Questions and Answers", "Is Sleep Optional?"]


def test_the_title_goes_to_the_front_matter_and_its_repeats_and_the_header_above_it_are_removed() -> None:
    text = "Health News\n\nWhy Sleep Matters More Than You Think\n\n" + ARTICLE.format(chrome="")
    result = imp(text)
    assert result.fields["title"] == "Why Sleep Matters More Than You Think"
    gone = {r.line: r.rule for r in result.removed}
    assert gone == {1: "above the title (page header)", 5: "repeats the title"}
    assert result.blocks[0][1].startswith("Sleep is not a luxury.")


def test_without_a_title_line_the_title_is_a_placeholder_to_review() -> None:
    result = imp("Sleep is not a luxury, and most adults need seven hours or more.\n")
    assert result.fields["title"].startswith("REVIEW:") and "title" in result.review


# ------------------------------------------------------------------ structure: headings, lists, wrapping


def test_headings_lists_and_paragraphs_are_told_apart() -> None:
    text = """A Short Guide to Sleep

Good sleep has three parts, and each of them can be changed with a little effort and patience.

  • Regular hours.
• Dark rooms
- Cool air, around 18 degrees.
— No screens

5 habits worth trying

1. It starts with a fixed wake time

Getting up at the same time every day sets the body clock, even after a short night of sleep.

2. Keep the bedroom for sleep.
3. Get morning light.

Does napping help?

Short naps of twenty minutes can help, but long naps make the next night harder for many adults.
"""
    assert imp(text).blocks == [
        ("paragraph", "Good sleep has three parts, and each of them can be changed with a little effort and patience.",
         0),
        ("item", "Regular hours.", 0), ("item", "Dark rooms", 0), ("item", "Cool air, around 18 degrees.", 0),
        ("item", "No screens", 0),
        ("heading", "5 habits worth trying", 2),
        ("heading", "1. It starts with a fixed wake time", 2),
        ("paragraph", "Getting up at the same time every day sets the body clock, even after a short night of sleep.",
         0),
        ("item", "Keep the bedroom for sleep.", 2), ("item", "Get morning light.", 3),
        ("heading", "Does napping help?", 2),
        ("paragraph", ("Short naps of twenty minutes can help, but long naps make the next night harder for many "
                      "adults."), 0),
    ]


def test_wrapped_paragraphs_and_broken_headings_are_joined_but_menus_are_not() -> None:
    text = """Why Sleep Matters

Sleep is not a luxury. Adults who slept less than six hours
a night reported worse mood the next day.

Why the Body Clock
Matters So Much
The body clock sets when we feel awake, and it shifts when we sleep at irregular hours every week.

Related Articles
Ten Foods for Better Sleep
How Naps Affect Your Heart
"""
    result = imp(text)
    assert result.blocks[:3] == [
        ("paragraph", ("Sleep is not a luxury. Adults who slept less than six hours a night reported worse mood the "
                      "next day."), 0),
        ("heading", "Why the Body Clock Matters So Much", 2),
        ("paragraph", ("The body clock sets when we feel awake, and it shifts when we sleep at irregular hours every "
                      "week."), 0)]
    assert len(result.blocks) == 3  # the related-posts links are not joined into a heading, and go
    assert [why for _, _, why in result.joined] == ["a paragraph wrapped over two lines",
                                                    "a heading broken over two lines"]


def test_publisher_is_the_brand_the_page_speaks_for_not_a_quoted_expert() -> None:
    body = ARTICLE.format(chrome="")
    brand = body + "\nAt Example Clinic, we offer care.\n\nCall Example Clinic now.\n"
    assert imp(brand).fields["publisher"] == "Example Clinic"
    quoted = body + "\n“At Kure, we make no promises,” Dr. Yun says, and Kure Medical Group agrees.\n"
    assert "publisher" in imp(quoted).review
    once = body + "\nAt Example, we offer care.\n"  # named once: not enough to call it the publisher
    assert "publisher" in imp(once).review


# ------------------------------------------------------------------ the file it writes


def test_the_written_file_loads_and_marks_what_to_review(tmp_path: Path) -> None:
    result = imp("Call Us\n\n" + ARTICLE.format(chrome="3 min read"))
    path = tmp_path / "sleep.md"
    path.write_text(render(result, "raw.txt"), encoding="utf-8")
    source = load_source(path)
    assert source.title == "Why Sleep Matters More Than You Think"
    assert source.review == ["author", "publisher", "url", "kind", "interests"]
    assert source.publisher.startswith("REVIEW:") and source.kind.startswith("REVIEW:")
    assert [b.text for b in source.blocks] == [t for _, t, _ in result.blocks]


def test_a_title_with_a_colon_and_quotes_is_written_as_valid_yaml(tmp_path: Path) -> None:
    result = imp('The "Party Drug": What It Does\n\nKetamine has a history as a party drug and as a medicine.\n')
    path = tmp_path / "party.md"
    path.write_text(render(result, "raw.txt"), encoding="utf-8")
    assert load_source(path).title == 'The "Party Drug": What It Does'


def test_slug_from_title() -> None:
    assert slugify("Can Ketamine Therapy Really Cure Depression? Here’s What You Should Know") == (
        "can-ketamine-therapy-really-cure-depression-heres")


# ------------------------------------------------------------------ no word lost, none invented


def _written_words(path: Path) -> list[str]:
    source = load_source(path)
    return source.title.split() + [w for b in source.blocks for w in b.text.split()]


def test_seeds_are_checked_word_for_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for seed in sorted(FIXTURE_SEEDS.glob("*.txt")):
        assert main([str(seed), "--id", "seed", "--out", str(tmp_path), "--force"]) == 0
        out = capsys.readouterr().out
        checked = re.search(r"^Checked: the (\d+) words written", out, re.M)
        assert checked is not None, out
        assert int(checked.group(1)) == len(_written_words(tmp_path / "seed.md")) > 500


MARKDOWN_ARTICLE = FIXTURE_IMPORT / "fibre-and-appetite.md"


def _markdown_words_by_hand(text: str) -> list[str]:
    """The fixture's words as a reader sees them, worked out apart from the importer: no image line, no link
    definition, no "#", "-", "*", "1." marks, link text without its address, emphasis without its marks."""
    lines = [line for line in text.splitlines() if not re.match(r"^\s*(?:!\[|\[\w+\]:)", line)]
    text = "\n".join(lines)
    text = re.sub(r"\]\((?:[^()\s]|\([^()]*\))*(?: \"[^\"]*\")?\)|\]\[\w+\]", "", text).replace("[", "")
    text = re.sub(r"^\s*(?:#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", text)
    return text.split()


def test_a_markdown_article_comes_in_with_no_word_lost_or_doubled(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    raw = MARKDOWN_ARTICLE.read_text(encoding="utf-8")
    assert main([str(MARKDOWN_ARTICLE), "--id", "fibre", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    made = tmp_path / "fibre.md"
    assert _written_words(made) == _markdown_words_by_hand(raw)
    blocks = blocks_of(made)
    body = "\n".join(text for _, text, _ in blocks)
    # Hard-wrapped items are joined once: the continuation line is there, and only once.
    assert body.count("naturally consumed fewer calories") == 1
    assert ("item", "The effect was largest for viscous fibres such as beta-glucan, psyllium and guar gum, which "
                    "thicken in the gut.", 0) in blocks  # the item ending in "," goes on, not a new paragraph
    # Nested items are kept, numbered items keep their numbers, headings their levels.
    assert ("item", "on later intake, often no measurable difference.", 0) in blocks
    assert next(b for b in blocks if b[0] == "item" and b[2])[1].startswith("Participants ate a fixed breakfast")
    assert [(t, lvl) for k, t, lvl in blocks if k == "heading"] == [
        ("What the trials found", 2), ("How the studies measured intake", 3), ("What the survey asked", 2),
        ("The limits of the evidence", 2)]
    assert load_source(made).title == "Does Eating More Fibre Really Help You Eat Less?"
    # An en dash glued to a number is the text's own character, not a bullet.
    assert ("paragraph", "–4.1: How concerned are you about your weight?", 0) in blocks
    # No Markdown marks and no link addresses left as words; the link's text stays.
    assert not re.search(r"\*|__|\]\(|https?:|^#", body, re.M)
    assert "A 2019 review in The Lancet pooled 185 cohort studies and 58 trials." in body
    # The report lists the image, each heading, list item and join with its raw line.
    assert re.search(r"^  line +7  image", out, re.M)
    assert re.search(r"^  at line +24  heading, level 3: How the studies measured intake", out, re.M)
    assert re.search(r"^  at line +20  list item \(nested 1 deep", out, re.M)
    assert re.search(r"^  at line +17  joined to line 16: a list item wrapped", out, re.M)


def test_markdown_underlined_headings_and_rules_are_markup_not_words() -> None:
    text = ("Why Sleep Matters\n=================\n\nSleep is not a **luxury**, say researchers who followed "
            "adults for a week.\n\nWhat they found\n---------------\n\nMood was worse after short nights.\n\n"
            "* * *\n\nMore studies are coming.\n")
    result = convert(text, markdown=True)
    assert result.fields["title"] == "Why Sleep Matters"
    assert result.blocks == [("paragraph", "Sleep is not a luxury, say researchers who followed adults for a week.", 0),
                             ("heading", "What they found", 2), ("paragraph", "Mood was worse after short nights.", 0),
                             ("paragraph", "More studies are coming.", 0)]
    assert [(r.line, r.rule) for r in result.removed] == [(2, "heading underline (markup)"),
                                                          (7, "heading underline (markup)"),
                                                          (11, "thematic break (markup)")]


def test_a_list_marker_alone_on_its_line_takes_the_text_below() -> None:
    # Pages saved by some extractors put "-" on a line of its own and the item's text under it.
    result = convert("Changes in this release.\n\n-\n   Fixes a regression that caused\n   the spray to fail.\n\n-\n",
                     markdown=True)
    assert result.blocks == [("paragraph", "Changes in this release.", 0),
                             ("item", "Fixes a regression that caused the spray to fail.", 0)]
    assert [(r.line, r.rule) for r in result.removed] == [(7, "markup with no text (markup)")]


def test_an_injected_loss_is_refused_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    real = importer_markdown._md_inline

    def lossy(line: int, text: str, markup: list[importer.Markup], base: int = 0) -> str:
        return real(line, text, markup, base).replace("naturally ", "")  # a rule that drops one word

    monkeypatch.setattr(importer_markdown, "_md_inline", lossy)
    assert main([str(MARKDOWN_ARTICLE), "--id", "fibre", "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: fibre-and-appetite.md line 15: ") and "'naturally'" in captured.err
    assert not (tmp_path / "out").exists()


def test_markup_that_holds_a_word_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # A rule that drops a word and lists it as markup would pass a plain comparison: the shape check stops it.
    real = importer_markdown._md_inline

    def greedy(line: int, text: str, markup: list[importer.Markup], base: int = 0) -> str:
        words = real(line, text, markup, base)
        if text.startswith("psyllium"):
            markup.append(importer.Markup(line, base, base + len("psyllium"), "emphasis", "psyllium"))
            return words.removeprefix("psyllium ")
        return words

    monkeypatch.setattr(importer_markdown, "_md_inline", greedy)
    assert main([str(MARKDOWN_ARTICLE), "--id", "fibre", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: fibre-and-appetite.md line 17: 'psyllium' was dropped as emphasis")
    assert not (tmp_path / "out").exists()


def test_a_doubled_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    # The defect this check was built for: a wrapped item's continuation written twice.
    real = importer_lines._strip_marker

    def doubling(unit: importer.Unit, match: re.Match[str], markup: list[importer.Markup]) -> None:
        real(unit, match, markup)
        unit.lines = [(unit.line, unit.text)] + unit.lines[1:]  # the old bug: first line holds the whole item

    monkeypatch.setattr(importer_lines, "_strip_marker", doubling)
    raw = tmp_path / "raw.txt"
    raw.write_text(ARTICLE.format(chrome="") + "\n• People who eat more fibre feel full sooner and\n"
                   "naturally consume fewer calories.\n• They also sleep better.\n", encoding="utf-8")
    assert main([str(raw), "--id", "sleep", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: raw.txt line 13: ") and "adds 'naturally consume fewer calories.'" in err
    assert not (tmp_path / "out").exists()


def test_plain_text_list_items_wrap_once_and_continue_after_a_comma() -> None:
    text = ARTICLE.format(chrome="") + ("\n• People who eat more fibre feel full sooner and\nnaturally consume fewer "
                                        "calories.\n• Viscous fibres such as beta-glucan,\nPsyllium and guar gum "
                                        "work best.\n")
    items = [t for k, t, _ in imp(text).blocks if k == "item"]
    assert items == ["People who eat more fibre feel full sooner and naturally consume fewer calories.",
                     "Viscous fibres such as beta-glucan, Psyllium and guar gum work best."]


def test_a_markdown_heading_in_pasted_text_loses_its_hashes() -> None:
    result = imp(ARTICLE.format(chrome="") + "\n## Why the Body Clock Matters\n\nIt sets when we feel awake, and "
                 "it shifts when we sleep at irregular hours.\n")
    assert ("heading", "Why the Body Clock Matters", 2) in result.blocks
    assert any("dropped heading hashes '##'" in what for _, what in result.structure)


def test_a_dash_is_a_bullet_only_in_a_run_of_dash_led_lines() -> None:
    base = ARTICLE.format(chrome="")
    alone = imp(base + "\n–4.1: How concerned are you about your weight?\n").blocks
    assert alone[-1] == ("paragraph", "–4.1: How concerned are you about your weight?", 0)
    run = imp(base + "\nThe survey asked about three things.\n\n— Sleep at night\n— Mood in the evening\n"
              "— Weight concern\n").blocks
    assert [t for k, t, _ in run if k == "item"] == ["Sleep at night", "Mood in the evening", "Weight concern"]
    numbers = imp(base + "\nQuestions:\n\n–4.1: How concerned are you?\n–4.2: How often do you weigh yourself?\n")
    assert [t for k, t, _ in numbers.blocks][-2:] == ["–4.1: How concerned are you?",
                                                       "–4.2: How often do you weigh yourself?"]


# ------------------------------------------------------------------ a page saved as HTML

PAGES = {
    "magazine-sleep.html": {
        "fields": {"title": "Short Sleep and Mood: What a Two-Week Study Found", "author": "Hannah Okafor",
                   "publisher": "Wellspring Magazine", "published": "2024-03-18",
                   "url": "https://wellspring.example/health/short-sleep-and-mood"},
        "article": ["Sleep researchers have long suspected that a single short night",
                    "published in the Journal of Sleep Research, asked",
                    "how irritable they had been with family and colleagues;", "A cumulative effect",
                    "People adapt to feeling tired", "would be needed to settle the question."],
        "chrome": ["We use cookies", "Accept all", "Nutrition", "Search Wellspring", "Share on Facebook",
                   "Post on X", "Ten Foods That Help", "Related Articles", "Wellness Intel", "newsletter",
                   "All rights reserved", "Privacy policy", "Tags:", "6 min read"],
    },
    "clinic-ketamine.html": {
        "fields": {"title": "Is Ketamine Therapy Right for You?", "publisher": "Bayside Wellness Clinic",
                   "published": "2023-11-02"},
        "article": ["Ketamine was first approved as an anesthetic in 1970.",
                    "have depression with thoughts of suicide and need help quickly;", "What a session is like",
                    "Most insurance plans do not cover ketamine infusions for depression"],
        "chrome": ["Call Us", "(555) 201-4477", "Book a free consultation", "TMS Therapy", "Take the First Step",
                   "Request a Consultation", "Share this post", "Previous:", "Leave a Reply", "Recent Posts",
                   "in-network", "Harbor Road", "This website uses cookies", "All Rights Reserved"],
    },
    "news-esketamine.html": {
        "fields": {"title": "Nasal spray for depression approved for NHS use", "author": "Tom Ashworth",
                   "publisher": "The Northern Ledger", "published": "2025-06-04"},
        "article": ["A nasal spray that can lift severe depression within hours", "Side effects and supervision",
                    "“welcome but overdue”", "about £5,000 for a course of treatment."],
        "chrome": ["We value your privacy", "143 partners", "Sport", "Rail strike", "Advertisement",
                   "Private ketamine clinics are booming", "Share on WhatsApp", "Copy link", "Most read",
                   "Heatwave", "Advertise", "Photograph: Alamy"],
    },
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_saved_page_gives_its_article_and_leaves_the_chrome(page: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trafilatura", reason="`make test` installs requirements-import.lock")
    want = PAGES[page]
    assert main([str(FIXTURE_IMPORT / page), "--id", "page", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    written = (tmp_path / "page.md").read_text(encoding="utf-8")
    source = load_source(tmp_path / "page.md")
    body = "\n".join(b.text for b in source.blocks)
    for phrase in want["article"]:
        assert phrase in body, phrase
    for phrase in want["chrome"]:
        assert phrase.lower() not in written.lower(), phrase
    for key, value in want["fields"].items():
        assert str(getattr(source, key)) == value, key
        assert key not in source.review
    assert not re.search(r"[*#<>]|\]\(|https?://", body)  # no markup, tags or addresses in the text
    assert re.search(r"^Checked: the \d+ words written", out, re.M)
    shown = re.search(r"^Extracted (\d+) of the (\d+) words the page shows", out, re.M)
    assert shown is not None and 0 < int(shown.group(1)) < int(shown.group(2))


def test_a_page_is_checked_word_for_word_against_the_extracted_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trafilatura", reason="`make test` installs requirements-import.lock")
    real = importer_markdown._md_inline

    def lossy(line: int, text: str, markup: list[importer.Markup], base: int = 0) -> str:
        return real(line, text, markup, base).replace(" Blood pressure", "")  # a rule that drops two words

    monkeypatch.setattr(importer_markdown, "_md_inline", lossy)
    assert main([str(FIXTURE_IMPORT / "news-esketamine.html"), "--id", "page", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: news-esketamine.html line ") and "'Blood pressure" in err
    assert not (tmp_path / "out").exists()


def test_the_title_tag_loses_the_site_name() -> None:
    html = ("<html><head><title>Why Sleep Matters | Wellspring</title><meta property='og:site_name' "
            "content='Wellspring'><meta name='author' content='https://example.org/me'></head></html>")
    meta = importer.page_metadata(html)
    assert meta["title"] == "Why Sleep Matters" and meta["publisher"] == "Wellspring"
    assert "author" not in meta  # a link to a profile is not a name


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_alone_says_in_one_line_when_the_page_cannot_be_fetched(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/health/article"
    assert main(["--url", url, "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"error: cannot fetch {url}: this machine seems to be offline")
    assert "FILE=page.html" in captured.err
    assert not (tmp_path / "out").exists()


def test_url_alone_fetches_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trafilatura", reason="`make test` installs requirements-import.lock")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURE_IMPORT))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/news-esketamine.html"
        try:
            assert main(["--url", url, "--out", str(tmp_path)]) == 0
        finally:
            server.shutdown()
    source = load_source(tmp_path / "nasal-spray-for-depression-approved-for-nhs-use.md")
    assert source.url == url and "url" not in source.review
    assert source.blocks[-1].text.endswith("about £5,000 for a course of treatment.")


def test_the_import_lock_agrees_with_the_site_lock_and_pyproject() -> None:
    def pins(name: str) -> dict[str, str]:
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        return {k.lower().replace("_", "-"): v for k, v in (line.split("==") for line in lines
                                                              if line and not line.startswith("#"))}

    site, page = pins("requirements.lock"), pins("requirements-import.lock")
    assert {k: v for k, v in page.items() if k in site} == {k: site[k] for k in page if k in site}
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for requirement in extra["import"]:
        name, version = requirement.split("==")
        assert page[name.lower().replace("_", "-")] == version
    assert "trafilatura" not in site  # `make site` does not install it


# ------------------------------------------------------------------ the command


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "raw.txt"
    path.write_text("Call Us\n\n(555) 123-4567\n\n" + ARTICLE.format(chrome="Post on X Facebook Reddit"),
                    encoding="utf-8")
    return path


def test_the_command_prints_one_line_per_removed_line_with_its_rule(raw: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(raw), "--id", "sleep", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    removed_lines = [line.split() for line in out if line.startswith("  line ")]
    assert [(words[1], words[2]) for words in removed_lines] == [("1", "navigation"), ("3", "phone"), ("7", "share")]
    assert out[0] == "Removed from raw.txt (3 lines; check that none of it is article text):"
    assert any(line.startswith("Wrote ") and line.endswith("2 paragraphs, 1 headings, 0 list items.") for line in out)
    assert "To review in its front matter: author, publisher, url, kind, interests." in out


def test_the_command_never_overwrites_without_force(raw: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "sleep.md"
    existing.write_text("a maintainer's work\n", encoding="utf-8")
    assert main([str(raw), "--id", "sleep", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists; nothing was written" in err and "--force" in err
    assert existing.read_text(encoding="utf-8") == "a maintainer's work\n"
    assert main([str(raw), "--id", "sleep", "--out", str(out), "--force"]) == 0
    assert load_source(existing).title == "Why Sleep Matters More Than You Think"
    assert sorted(p.name for p in out.iterdir()) == ["sleep.md"]  # no temporary file left behind


@pytest.mark.parametrize("slug", ["My_Source", "Sleep", "sleep--study", "-sleep", "sleep study", "index", "sleep\n",
                                  "sleep\tstudy", "sl\x1beep"])
def test_the_command_refuses_a_slug_that_is_not_lower_case_hyphenated(slug: str, raw: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(raw), f"--id={slug}", "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_id_with_a_line_break_says_so(raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `--id $'x\n'` once wrote sources/x\n.md: "$" in the id pattern matches before a final line break.
    assert main([str(raw), "--id", "sleep\n", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "control character" in err
    assert not (tmp_path / "out").exists()


def test_the_command_names_the_slug_from_the_title(raw: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(raw), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "why-sleep-matters-more-than-you-think.md").is_file()


def test_the_command_reports_a_missing_file_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "cannot be read" in err and err.count("\n") == 1


def test_a_paragraph_the_source_format_would_read_as_a_heading_is_refused(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # The source format has no escapes: "# 1 in 3…" would come back as a heading without its "#".
    raw = tmp_path / "raw.txt"
    raw.write_text("Why Sleep Matters\n\nSleep matters a great deal for mood and for memory, say researchers.\n\n"
                   "# 1 in 3 adults sleeps less than six hours, and most of them know it.\n", encoding="utf-8")
    assert main([str(raw), "--id", "sleep", "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: raw.txt line 5: ") and "loses '#'" in captured.err
    assert not (tmp_path / "out").exists()


def _venv_is_set_up() -> bool:
    """The Makefile's stamps for the current lock files exist: `make import` will not reinstall anything."""
    if shutil.which("make") is None or shutil.which("cksum") is None:
        return False

    def checksum(name: str) -> str:
        lock = (ROOT / name).read_bytes()
        return subprocess.run(["cksum"], input=lock, capture_output=True, check=True).stdout.split()[0].decode()

    return ((ROOT / ".venv" / f".installed-{checksum('requirements.lock')}").exists()
            and (ROOT / ".venv" / f".import-{checksum('requirements-import.lock')}").exists())


@pytest.mark.skipif(not _venv_is_set_up(), reason="needs make and the project's .venv set up for this lock file")
def test_make_import_writes_into_sources(tmp_path: Path) -> None:
    # A throw-away project: the real Makefile and engine, the real .venv, an empty sources/.
    for name in ("Makefile", "requirements.lock", "requirements-import.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)  # with their times: older than the stamps, nothing reinstalls
    (tmp_path / "hooks").symlink_to(ROOT / "hooks")
    raw = tmp_path / "raw.txt"
    raw.write_text(ARTICLE.format(chrome="3 min read"), encoding="utf-8")
    env = {**os.environ, "MAKEFLAGS": ""}
    run = subprocess.run(["make", "--no-print-directory", "import", f"FILE={raw}", "ID=sleep",
                          f"VENV={ROOT / '.venv'}"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "line    3  reading time" in run.stdout
    assert load_source(tmp_path / "sources" / "sleep.md").title == "Why Sleep Matters More Than You Think"
    again = subprocess.run(["make", "--no-print-directory", "import", f"FILE={raw}", "ID=sleep",
                            f"VENV={ROOT / '.venv'}"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
                           timeout=120)
    assert again.returncode != 0 and "already exists; nothing was written" in again.stderr
    url = f"http://127.0.0.1:{_closed_port()}/article"
    offline = subprocess.run(["make", "--no-print-directory", "import", f"URL={url}", f"VENV={ROOT / '.venv'}"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=120)
    assert offline.returncode != 0
    assert f"error: cannot fetch {url}: this machine seems to be offline" in offline.stderr
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["sleep.md"]
