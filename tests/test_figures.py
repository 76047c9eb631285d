"""The figure reader and the comparison of figures: what a reader sees in a claim's number panel.

The reader is scored on the labelled set in tests/fixtures/figures/ (real phrasings from four subjects);
the exact cases below pin single rules, each a form articles use.
"""

import dataclasses
import math
import re
from pathlib import Path

import pytest

from bench.figures import load, score  # the labelled set and its scoring
from concordance.figures import Figure, read_figures

ROOT = Path(__file__).resolve().parent.parent

INF = math.inf

# Forms the brief names that the seeds do not happen to use.
OTHER_PHRASES = [
    ("a dose of 0.5 to 1 mg/kg", [("dose", 0.5, 1, "mg/kg")]),
    ("$400–$800 per session", [("price", 400, 800, "USD")]),
    ("70 to 80 percent of patients", [("percent", 70, 80, "%")]),
    ("50%–70% of patients", [("percent", 50, 70, "%")]),
    ("between 30 and 50 percent", [("percent", 30, 50, "%")]),
    ("at least 30% respond", [("percent", 30, INF, "%")]),
    ("six weeks or longer", [("duration", 6, INF, "weeks")]),
    ("twenty-four hours later", [("duration", 24, 24, "hours")]),
    ("half an hour", [("duration", 0.5, 0.5, "hours")]),
    ("a 50 mg dose", [("dose", 50, 50, "mg")]),
    ("about $1,200 per infusion", [("price", 1200, 1200, "USD")]),
    ("in the late 1990s", [("year", 1997, 1999, "year")]),
    ("Approval came in March 2019.", [("year", 2019, 2019, "year")]),
    # bounds: "within N" is an upper bound like "up to"; "about" keeps the value
    ("within a month", [("duration", 0, 1, "months")]),
    ("diminished suicidal thoughts within 24 hours", [("duration", 0, 24, "hours")]),
    ("about 30 minutes", [("duration", 30, 30, "minutes")]),
    ("roughly $1,200", [("price", 1200, 1200, "USD")]),
    ("under 50 calories", [("energy", 0, 50, "kcal")]),
    ("more than six months", [("duration", 6, INF, "months")]),
    # words for numbers
    ("an eight-hour window", [("duration", 8, 8, "hours")]),
    ("two to four weeks", [("duration", 2, 4, "weeks")]),
    ("a third of participants", [("percent", 100 / 3, 100 / 3, "%")]),
    ("half of patients", [("percent", 50, 50, "%")]),
    ("a dozen sessions", [("sessions", 12, 12, "sessions")]),
    ("a couple of sessions", [("sessions", 2, 2, "sessions")]),
    # frequencies are not durations
    ("five days a week", [("frequency", 5, 5, "times")]),
    ("three times a week", [("frequency", 3, 3, "times")]),
    ("twice daily", [("frequency", 2, 2, "times")]),
    # money, mass, energy, doses
    ("£9,000 to £18,000", [("price", 9000, 18000, "GBP")]),
    ("€40 per month", [("price", 40, 40, "EUR")]),
    ("lost 5.4 kilograms", [("mass", 5.4, 5.4, "kg")]),
    ("1.5–2 lbs", [("mass", 1.5, 2, "lb")]),
    ("a 500–600 calorie meal", [("energy", 500, 600, "kcal")]),
    ("2,000 kJ", [("energy", 2000, 2000, "kJ")]),
    ("2000 IU/day", [("dose", 2000, 2000, "IU")]),
    ("141 participants", [("count", 141, 141, "people")]),
    ("more than 50 million Americans", [("count", 50e6, INF, "people")]),
    # a change is two values, not a range
    ("the share increased from 24 to 30%", [("percent", 24, 24, "%"), ("percent", 30, 30, "%")]),
    ("restricted to 5 or 6 hours per night for 12 nights",
     [("duration", 5, 6, "hours"), ("duration", 12, 12, "days")]),
]

# Text that holds numbers but no figure at all.
NON_FIGURES = [
    "& Charney, D. S. (2019). Efficacy of ketamine in treatment-resistant major depression.",
    "Nature, 566(7743), 63-67.",
    "Neuropsychopharmacology, 43(11), 2199-2220.",
    "Journal of Clinical Psychiatry, 83(2), 19-27.",
    "Annual Review of Neuroscience, 41, 1-25.",
    "& Krystal, J. H. (2018). Ketamine and rapid-acting antidepressants",
    "https://www.nature.com/articles/s41386-023-01629-w",
    "https://pubmed.ncbi.nlm.nih.gov/35509843/",
    "Call Us\n\n(949) 763-3440\n\nText Us\n\n(949) 763-3440",
    "call 949-763-3440 today",
    "While you technically can work your normal 9-to-5 before and potentially after a ketamine session",
    "a nasal spray form of ketamine's S-enantiomer marketed as Spravato",
    'earning it the street name "Special K."',
    'Ketamine also has a history of being a drug people abuse (known as "special K").',
    "1. It works differently from common treatments for depression",
    "3\n\n1. It works differently from common treatments for depression",
    "3 min read",
    "5 important FYIs about ketamine for depression",
    "Photo: Getty Images/deepart386",
    "Original_Page_01 1(1)",
    "these fade over several hours",
    "A single infusion may produce dramatic symptom relief that lasts days to weeks",
    "The effects of ketamine depression treatment can last from several days to weeks.",
    "many patients report significant reduction in depressive symptoms within hours to days",
    "Esketamine is one of the two full forms the ketamine molecule can take.",
    "Depression is one of the most common and most devastating mental health conditions",
    "the supervised use of ketamine in sub-anesthetic doses",
    "It's been FDA-approved as an anesthetic for decades",
    "Similarly, variations like 12:12, 14:10, 15:9, and 16:8 exist.",
    "Most people follow an 11–7 eating timeframe.",
    "The 50/30/20 rule splits your after-tax (take-home) income into three buckets",
    "(95% CI, 1.2 to 3.4)",
    "Updated 2 hours ago",
    "adults with a BMI between 25.0 and 39.9 kg/m2",
    "support 24/7",
    "support 24/7 days a week",
    "after a normal 9-to-5 day",
    "https://example.org/blog/ketamine-relief-in-24-hours-30-percent",
    "Am J Psychiatry. 2019;176(6):428-438.",
]


def _shape(figures: list[Figure]) -> list[tuple[str, float, float, str]]:
    return [(f.kind, f.low, f.high, f.unit) for f in figures]


@pytest.mark.parametrize(("phrase", "expected"), OTHER_PHRASES)
def test_reads_figures(phrase: str, expected: list[tuple[str, float, float, str]]) -> None:
    assert _shape(read_figures(phrase)) == [(k, float(lo), float(hi), u) for k, lo, hi, u in expected]


@pytest.mark.parametrize("phrase", [p for p, _ in OTHER_PHRASES] + [t for _, t, e in load() if e])
def test_offsets_point_at_the_text(phrase: str) -> None:
    figures = read_figures(phrase)
    for figure in figures:
        assert phrase[figure.start:figure.end] == figure.text
        assert figure.text == figure.text.strip()
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(a.end <= b.start for a, b in zip(figures, figures[1:]))


@pytest.mark.parametrize("phrase", NON_FIGURES)
def test_non_figures(phrase: str) -> None:
    assert read_figures(phrase) == []


def test_labelled_set_is_large_and_varied() -> None:
    items = load()
    assert len(items) >= 150
    subjects = {subject for subject, _, _ in items}
    assert len(subjects) >= 3 and "ketamine" in subjects
    assert sum(1 for _, _, expected in items if not expected) >= 25, "hard negatives are part of the set"


def test_reader_precision_and_recall_on_the_labelled_set() -> None:
    """A figure read wrongly draws a wrong chart; a figure missed leaves a disagreement unseen."""
    overall = score(load())["all"]
    assert overall.precision >= 0.95, overall.misses
    assert overall.recall >= 0.90, overall.misses


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("remission rates of 50–70% after", "50–70%"),
        ("psychoactive effects for up to two hours.", "up to two hours"),
        ("given intravenously over 40 minutes", "40 minutes"),  # "over" here means "across"
        ("For over 50 years, all", "over 50 years"),  # ... and here "more than"
        ("by the 24-hour mark", "24-hour"),
        ("in the early 2000s, sparking", "early 2000s"),
        ("FDA approval in 2019 specifically", "2019"),
        ("in January 2025, Spravato", "January 2025"),
        ("from $350 to $750 a session", "$350 to $750"),
        ("typically within an hour.", "within an hour"),
    ],
)
def test_matched_text(phrase: str, text: str) -> None:
    [figure] = read_figures(phrase)
    assert figure.text == text
    assert figure.start == phrase.index(text)


def test_citation_block_yields_nothing_but_the_article_still_does() -> None:
    article = (
        "Clinical trials highlight remission rates of 50–70% after a single infusion series.\n"
        "  • Feder, A., Parides, M. K., … & Charney, D. S. (2019). Efficacy of ketamine in "
        "treatment-resistant major depression. Nature, 566(7743), 63-67. "
        "https://www.nature.com/articles/s41386-023-01629-w\n"
    )
    assert _shape(read_figures(article)) == [("percent", 50.0, 70.0, "%")]


def test_citation_year_is_not_a_year_figure_but_an_event_year_is() -> None:
    text = "Feder, A. (2019). Efficacy of ketamine. Spravato received FDA approval in 2019."
    figures = read_figures(text)
    assert _shape(figures) == [("year", 2019.0, 2019.0, "year")]
    assert figures[0].start == text.rindex("2019")


def test_figure_is_frozen() -> None:
    figure = read_figures("30%")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.low = 1.0  # type: ignore[misc]


# --- figures compared: only like with like (issue 11, and the chart findings of the 2026-11-30 review) -----

from concordance.anchor import Anchoring  # noqa: E402
from concordance.model import Block, Claim, Passage, Position, Source  # noqa: E402
from concordance.numbers import (  # noqa: E402
    Row,
    common,
    compare_claim,
    figure_json,
    range_text,
    row_label,
)
from concordance.render.context import chart_svg  # noqa: E402


def corpus_with(*quotes: tuple[str, str], measures: dict[int, str] | None = None) -> tuple[Anchoring, Claim]:
    """Sources that say exactly the given (source, text) quotes, one claim citing each, and where each stands."""
    texts: dict[str, list[str]] = {}
    for source, text in quotes:
        texts.setdefault(source, []).append(text)
    sources = {sid: Source(sid, Path(f"sources/{sid}.md"), sid.title(), sid.title(), "article", "",
                           [Block("paragraph", t, 1) for t in ts]) for sid, ts in texts.items()}
    positions = []
    passage_of = {}
    for i, (source, text) in enumerate(quotes):
        start = sources[source].text.index(text)
        position = Position(source=source, stance="supports", quote=text,
                            measure=(measures or {}).get(i, ""))
        passage_of[position] = Passage(f"p{i}", source, 0, start, start + len(text), text)
        positions.append(position)
    claim = Claim("a-claim", "a-topic", "A statement.", positions)
    return Anchoring({}, passage_of), claim


def test_a_success_rate_and_a_remission_rate_are_never_compared() -> None:
    # H3/F2: "The numbers disagree" between Asana's success rate and its remission rate.
    corpus, claim = corpus_with(
        ("asana", "Studies show success rates of 70–80% in treatment-resistant depression"),
        ("other", "Clinical trials highlight remission rates of 50–70% after a single infusion series"))
    assert compare_claim(corpus, claim) == []


def test_figures_of_one_source_are_never_flagged_against_each_other() -> None:
    # F5: an infusion's rest and a nasal spray's monitoring, both from Asana, flagged as disagreeing.
    corpus, claim = corpus_with(
        ("asana", "Post-infusion, patients rest for 30–60 minutes before discharge."),
        ("asana", "requiring a two-hour monitoring period post-dose"),
        ("other", "Patients are monitored for 45 minutes after the dose."))
    [comparison] = compare_claim(corpus, claim)
    assert comparison.measure == "observation period"
    assert comparison.conflicts == []  # "other" overlaps Asana's 30–60 minutes; Asana's two never clash


def test_two_sources_that_disagree_on_one_measure_are_flagged() -> None:
    corpus, claim = corpus_with(
        ("varma", "They typically require four to six weeks before meaningful symptom relief appears"),
        ("asana", "Many patients report lifted mood, renewed energy, and diminished suicidal thoughts "
                  "within 24 hours."))
    [comparison] = compare_claim(corpus, claim)
    assert comparison.measure == "time to onset"
    assert len(comparison.conflicts) == 1


def test_acute_effects_are_not_read_from_the_hour_mood_lifts() -> None:
    # F1: Beyond's "24-hour" (when mood lifts) charted as how long the acute effects last.
    corpus, claim = corpus_with(
        ("beyond", "these fade over several hours, and then—remarkably—mood lifts significantly by the "
                   "24-hour mark."),
        ("wellgood", "potentially cause psychoactive effects for up to two hours"),
        ("varma", "These effects resolve as the drug metabolizes, typically within an hour."))
    comparisons = compare_claim(corpus, claim)
    assert [c.measure for c in comparisons] == ["duration of acute effects"]
    [acute] = comparisons
    assert {r.position.source for r in acute.rows} == {"wellgood", "varma"}
    assert acute.conflicts == []  # "within an hour" and "up to two hours" overlap


def test_how_long_relief_lasts_is_not_compared_with_how_fast_it_comes() -> None:
    # F3: "28 days" of sustained improvement charted beside "24 hours" to a mood lift.
    corpus, claim = corpus_with(
        ("beyond", "Recent clinical trials have shown rapid symptom relief within 24 hours with sustained "
                   "improvement through 28 days"),
        ("asana", "Many patients report lifted mood, renewed energy, and diminished suicidal thoughts "
                  "within 24 hours."))
    [comparison] = compare_claim(corpus, claim)
    assert comparison.measure == "time to onset"
    assert all(r.figure.text != "28 days" for r in comparison.rows)


def test_rates_of_other_outcomes_do_not_fill_a_panel() -> None:
    # F4: remission and response rates shown as "Rates compared" under a claim about how long relief lasts.
    corpus, claim = corpus_with(
        ("asana", "Clinical trials highlight remission rates of 50–70% after a single infusion series"),
        ("other", "found 70% of treatment-resistant patients responded positively to IV ketamine"))
    assert compare_claim(corpus, claim) == []


def test_the_maintainer_names_the_measure_on_the_position() -> None:
    quotes = (("a", "Patients improved after 24 hours."), ("b", "Most felt better in 3 days."))
    corpus, claim = corpus_with(*quotes)
    assert compare_claim(corpus, claim) == []  # no cue says what these measure: not compared
    corpus, claim = corpus_with(*quotes, measures={0: "time to onset", 1: "time to onset"})
    [comparison] = compare_claim(corpus, claim)
    assert comparison.measure == "time to onset" and comparison.conflicts


def row_of(text: str, source: str = "a") -> Row:
    figure = next(f for f in read_figures(text) if f.kind == "duration")
    _, low, high = common(figure)
    return Row(Position(source=source, stance="supports", quote=text), figure, low, high)


@pytest.mark.parametrize(("text", "shown"), [
    ("through 28 days", "4 weeks"),  # F3: "672 hours"
    ("six infusions over two to three weeks", "2 to 3 weeks"),
    ("within 24 hours", "up to 1 day"),
    ("rest for 30–60 minutes", "30 to 60 minutes"),
    ("for 90 minutes", "1.5 hours"),
    ("at least 150 minutes a week", "2.5 hours a week or more"),
])
def test_durations_read_in_natural_units(text: str, shown: str) -> None:
    row = row_of(text)
    assert range_text(row, common(row.figure)[0]) == shown


def comparison_of(*texts: str, kind: str = "", names: list[str] | None = None):
    quotes = [(f"s{i}", t) for i, t in enumerate(texts)]
    corpus, claim = corpus_with(*quotes)
    [comparison] = compare_claim(corpus, claim)
    return comparison


def _svg_text(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_percent_axis_runs_from_0_to_100() -> None:
    # The review saw an axis from 48.5% to 81.5%, which magnifies small differences.
    comparison = comparison_of("remission rates of 50–70%", "remission rates of 75–80%")
    labels = _svg_text(chart_svg(comparison, ["a", "b"]))
    assert labels[-2:] == ["0%", "100%"]


def test_each_row_says_whose_figure_and_what_it_measures() -> None:
    comparison = comparison_of("remission rates of 50–70%", "remission rates of 75–80%")
    names = [row_label(r, n) for r, n in zip(comparison.rows, ["Asana Recovery", "Asana Recovery"])]
    assert names == ["Asana Recovery: remission rate"] * 2
    assert set(names) <= set(_svg_text(chart_svg(comparison, names)))


def test_chart_text_stays_readable_on_a_phone() -> None:
    comparison = comparison_of("remission rates of 50–70%", "remission rates of 75–80%")
    svg = chart_svg(comparison, ["a", "b"])
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * 350 / view_width >= 12  # px, with the chart 350 px wide


def test_no_chart_where_it_would_mislead() -> None:
    open_only = comparison_of("at least 30% remission", "remission in up to 50%")
    assert chart_svg(open_only, ["a", "b"]) == ""
    single = comparison_of("remission rates of 50–70%", "remission rates of 75–80%")
    single.rows = single.rows[:1]
    assert chart_svg(single, ["a"]) == ""


def test_chart_text_is_escaped() -> None:
    comparison = comparison_of("remission rates of 50–70%", "remission rates of 75–80%")
    svg = chart_svg(comparison, ['<script>alert(1)</script>', 'A & "B"'])
    assert "<script" not in svg and "&lt;script&gt;" in svg and "A &amp; " in svg and '"B"' not in svg


def test_claims_json_figures_carry_their_measure() -> None:
    [figure] = read_figures("remission rates of 50–70% after a series")
    assert figure_json(figure)["measure"] == "remission rate"


@pytest.mark.parametrize(("a", "b", "apart"), [
    ("2–4 weeks", "within a month", False),  # a bound overlaps a range inside it
    ("within an hour", "up to two hours", False),
    ("about 30 minutes", "32 minutes", False),  # an approximate figure is no precise claim
    ("30 minutes", "32 minutes", True),
    ("five days a week", "twice daily", True),  # 5 a week against 14 a week
    ("1.5–2 lbs", "0.9 kg", False),  # 0.68–0.91 kg
])
def test_ranges_and_bounds_compare_correctly(a: str, b: str, apart: bool) -> None:
    from concordance.numbers import disjoint

    def row(text: str) -> Row:
        figure = read_figures(text)[0]
        _, low, high = common(figure)
        return Row(Position(source="x", stance="supports", quote=text), figure, low, high)

    assert common(row(a).figure)[0] == common(row(b).figure)[0]
    assert disjoint(row(a), row(b)) is apart


def test_duration_axis_ends_on_a_round_number_in_natural_units() -> None:
    comparison = comparison_of("relief appears after four to six weeks", "relief appears within 24 hours")
    labels = _svg_text(chart_svg(comparison, ["a", "b"]))
    assert labels[-2:] == ["0 weeks", "8 weeks"]  # not "0 hours" to "1,108.8 hours"


@pytest.mark.parametrize(("plain", "other"), [
    ("Last year 30% of patients responded.", "Laſt year 30% of patients responded."),  # a long s: every pattern
    ("The cafe's infusions cost $400 to $800 a session.", "The café’s infusions cost $400 to $800 a session."),
    ("In trials, 4 to 6 weeks of relief.", "İn trials, 4 to 6 weeks of relief."),  # a dotted capital I
    ("A DOSE OF 0.5 MG/KG OVER 40 MINUTES", "A DOSE OF 0.5 MG/KG OVER 40 MINUTES — “IV”"),
])
def test_text_that_is_not_ascii_reads_the_same_figures(plain: str, other: str) -> None:
    """The reader looks for what each pattern needs in lower case first; text with accents, curly quotes or a
    character an ignore-case search equates with an ASCII letter loses no figure to that shortcut."""
    def reading(text: str) -> list[tuple[str, float, float, str, str, str]]:
        return [(f.kind, f.low, f.high, f.unit, f.text, f.measure) for f in read_figures(text)]

    assert reading(other) == reading(plain) != []


@pytest.mark.parametrize("sentence", [
    "Remission rates reached 30% after six infusions.",
    "Each session lasts about 40 minutes, and the course costs $400 to $800 per infusion.",
    "Relief came within 24 hours and lasted 4 to 6 weeks.",
])
def test_measures_read_the_same_whatever_the_case(sentence: str) -> None:
    """Measures are read from cue words in lower case (the cues lowered too, escapes kept); capitals, and a
    character that makes the reader ignore case instead, read the same measures."""
    def measures(text: str) -> list[tuple[str, str]]:
        return [(f.kind, f.measure) for f in read_figures(text)]

    expected = measures(sentence)
    assert any(measure for _, measure in expected)
    assert measures(sentence.upper()) == expected
    assert measures("ſ " + sentence) == expected  # a long s: the ignore-case cues


@pytest.mark.parametrize(("sentence", "measure"), [
    ("The APR of 5% applies to the balance.", "interest rate"),  # a cue written in capitals
    ("CRP fell 30% in the trial.", "biomarker change"),
    ("The UL is 4,000 IU a day.", "upper limit"),
    ("Sessions usually last about 40 minutes.", "session length"),  # a cue with \\W between its words
])
def test_cues_written_in_capitals_or_with_escapes_still_name_the_measure(sentence: str, measure: str) -> None:
    assert [f.measure for f in read_figures(sentence)] == [measure]
    assert [f.measure for f in read_figures(sentence.lower())] == [measure]


def test_lower_case_cues_match_where_the_ignore_case_cues_do() -> None:
    """Every cue, lowered for lower-cased text, matches at the same places as the cue ignoring case."""
    import random

    from concordance.figures.measures import _CUES, _CUES_BY_KIND
    from concordance.figures.patterns import _c

    ignoring_case: dict[str, list[tuple[int, re.Pattern[str], str, int]]] = {}
    for order, (kind, cue, measure, penalty) in enumerate(_CUES):
        ignoring_case.setdefault(kind, []).append((order, _c(cue), measure, penalty))

    rng = random.Random(3)
    words = ["APR", "apr", "CRP", "UL", "ul", "Session", "SESSIONS", "last", "Lasts", "weight", "Loss", "remission",
             "Respond", "did not", "INFUSION", "per", "dose", "é", "’", "-", " ", "  ", "\n", "Σ", "ß", "30%"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for kind, cues in ignoring_case.items():
        for (_, exact, _, _), (_, lowered, _, _) in zip(cues, _CUES_BY_KIND[kind], strict=True):
            for text in texts:
                assert [m.span() for m in exact.finditer(text)] == [m.span() for m in lowered.finditer(text.lower())], (
                    exact.pattern, text)


@pytest.mark.parametrize(("plain", "spelt"), [
    ("It took half an hour.", "It took Half an hour."),
    ("It took half an hour.", "IT TOOK HALF AN HOUR."),
    ("30 minutes a day", "30 mınutes a day"),  # a dotless i
    ("12 sessions", "12 ſeſſions"),  # long s in the word the pattern needs
])
def test_a_figure_reads_the_same_in_any_case_or_spelling_that_ignoring_case_allows(plain: str, spelt: str) -> None:
    """Capitals, and the letters an ignore-case search equates with ASCII ones, read as the plain text does (they
    once stopped the build: "Half an hour" and "mınutes" raised an error)."""
    def reading(text: str) -> list[tuple[str, float, float, str, str]]:
        return [(f.kind, f.low, f.high, f.unit, f.measure) for f in read_figures(text)]

    assert reading(spelt) == reading(plain) != []
    assert read_figures(spelt)[0].text in spelt  # the figure's words are the text's own
