"""The figure reader, checked against phrasings copied verbatim from the four seed articles."""

import dataclasses
import math

import pytest

from concordance.figures import Figure, read_figures

INF = math.inf

# (phrase taken word for word from an article, every figure expected in it as (kind, low, high, unit))
SEED_PHRASES = [
    # Dr. Priya Varma, "Ketamine Therapy for Depression: What the Research Actually Shows"
    ("estimates range from 30 to 50 percent of people diagnosed with major depressive disorder",
     [("percent", 30, 50, "%")]),
    ("They typically require four to six weeks before meaningful symptom relief appears",
     [("duration", 4, 6, "weeks")]),
    ("received FDA approval in 2019 specifically for treatment-resistant depression",
     [("year", 2019, 2019, "year")]),
    ("A 2020 multicenter trial published in the American Journal of Psychiatry",
     [("year", 2020, 2020, "year")]),
    # Asana Recovery, "Ketamine for Depression Treatment"
    ("with an estimated 30% of patients failing to respond to traditional antidepressants",
     [("percent", 30, 30, "%")]),
    ("Initially developed as an anesthetic in the 1960s", [("year", 1960, 1969, "year")]),
    ("ketamine’s antidepressant properties were discovered serendipitously in the early 2000s",
     [("year", 2000, 2003, "year")]),
    ("Sessions typically last 40–60 minutes and are conducted in clinics",
     [("duration", 40, 60, "minutes")]),
    ("Approved by the FDA in 2019, esketamine nasal spray is a derivative of ketamine",
     [("year", 2019, 2019, "year")]),
    ("requiring a two-hour monitoring period post-dose", [("duration", 2, 2, "hours")]),
    ("with effects onset within 15–20 minutes", [("duration", 15, 20, "minutes")]),
    ("Asana Recovery works with most PPO plans, covering up to 100%", [("percent", 0, 100, "%")]),
    ("You could save up to 100% of your treatment using your Insurance.", [("percent", 0, 100, "%")]),
    ("diminished suicidal thoughts within 24 hours", [("duration", 24, 24, "hours")]),
    ("Clinical trials highlight remission rates of 50–70% after a single infusion series, with effects "
     "lasting several weeks to months", [("percent", 50, 70, "%")]),
    ("Post-infusion, patients rest for 30–60 minutes before discharge.", [("duration", 30, 60, "minutes")]),
    ("Over two decades of research underscore ketamine’s efficacy.", [("duration", 20, INF, "years")]),
    ("found 70% of treatment-resistant patients responded positively to IV ketamine",
     [("percent", 70, 70, "%")]),
    ("A standard protocol involves six ketamine infusions for depression over two to three weeks, "
     "followed by maintenance sessions tailored to the patient’s response.",
     [("sessions", 6, 6, "sessions"), ("duration", 2, 3, "weeks")]),
    ("six ketamine infusions", [("sessions", 6, 6, "sessions")]),
    ("for depression over two to three weeks", [("duration", 2, 3, "weeks")]),
    ("Studies show success rates of 70–80% in treatment-resistant depression",
     [("percent", 70, 80, "%")]),
    # Well+Good, "Can Ketamine Therapy Really Cure Depression?"
    ("While ketamine has been FDA-approved for half a century as an anesthetic",
     [("duration", 50, 50, "years")]),
    ("Yet a 2023 study found that subanesthetic intravenous ketamine was at least as effective as ECT",
     [("year", 2023, 2023, "year")]),
    ("potentially cause psychoactive effects for up to two hours", [("duration", 0, 2, "hours")]),
    ("prices ranged from $350 to $750 a session, with six sessions often recommended based on "
     "clinical trials", [("price", 350, 750, "USD"), ("sessions", 6, 6, "sessions")]),
    ("prices ranged from $350 to $750 a session", [("price", 350, 750, "USD")]),
    ("with six sessions often recommended", [("sessions", 6, 6, "sessions")]),
    # "Ketamine and Depression: Beyond the Hype and Headlines"
    ("Originally developed in the 1960s as an anesthetic for humans and animals",
     [("year", 1960, 1969, "year")]),
    ("these fade over several hours, and then—remarkably—mood lifts significantly by the 24-hour mark.",
     [("duration", 24, 24, "hours")]),
    ("For over 50 years, all antidepressants on the market worked the same way",
     [("duration", 50, INF, "years")]),
    ("the first fundamentally new antidepressant mechanism discovered in over five decades",
     [("duration", 50, INF, "years")]),
    ("Most recently, in January 2025, Spravato was approved as the first and only monotherapy",
     [("year", 2025, 2025, "year")]),
    ("showing rapid improvement in depressive symptoms as early as 24 hours",
     [("duration", 24, 24, "hours")]),
    ("Esketamine is two to five times more potent than regular ketamine",
     [("count", 2, 5, "times")]),
    ("This distinction became particularly relevant in 2023, when Elon Musk publicly discussed",
     [("year", 2023, 2023, "year")]),
    ("The typical clinical protocol involves treatments twice a week for three weeks",
     [("duration", 3, 3, "weeks")]),
    ("The standard effective antidepressant dose is approximately 0.5 mg/kg given intravenously "
     "over 40 minutes.", [("dose", 0.5, 0.5, "mg/kg"), ("duration", 40, 40, "minutes")]),
    ("The standard effective antidepressant dose is approximately 0.5 mg/kg",
     [("dose", 0.5, 0.5, "mg/kg")]),
    ("given intravenously over 40 minutes", [("duration", 40, 40, "minutes")]),
    ("the medication is delivered intravenously over 40-60 minutes in a controlled medical setting",
     [("duration", 40, 60, "minutes")]),
    ("I've seen people get ketamine prescribed after a 15-minute video call",
     [("duration", 15, 15, "minutes")]),
    ("Recent clinical trials have shown rapid symptom relief within 24 hours with sustained "
     "improvement through 28 days", [("duration", 24, 24, "hours"), ("duration", 28, 28, "days")]),
]

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
    "These effects resolve as the drug metabolizes, typically within an hour.",
    "Esketamine is one of the two full forms the ketamine molecule can take.",
    "Depression is one of the most common and most devastating mental health conditions",
    "the supervised use of ketamine in sub-anesthetic doses",
    "It's been FDA-approved as an anesthetic for decades",
    "a trial in 2000 patients",
    "support 24/7",
    "support 24/7 days a week",
    "after a normal 9-to-5 day",
    "https://example.org/blog/ketamine-relief-in-24-hours-30-percent",
    "Am J Psychiatry. 2019;176(6):428-438.",
]


def _shape(figures: list[Figure]) -> list[tuple[str, float, float, str]]:
    return [(f.kind, f.low, f.high, f.unit) for f in figures]


@pytest.mark.parametrize(("phrase", "expected"), SEED_PHRASES + OTHER_PHRASES)
def test_reads_figures(phrase: str, expected: list[tuple[str, float, float, str]]) -> None:
    assert _shape(read_figures(phrase)) == [(k, float(lo), float(hi), u) for k, lo, hi, u in expected]


@pytest.mark.parametrize("phrase", [p for p, _ in SEED_PHRASES + OTHER_PHRASES])
def test_offsets_point_at_the_text(phrase: str) -> None:
    figures = read_figures(phrase)
    assert figures
    for figure in figures:
        assert phrase[figure.start:figure.end] == figure.text
        assert figure.text == figure.text.strip()
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(a.end <= b.start for a, b in zip(figures, figures[1:]))


@pytest.mark.parametrize("phrase", NON_FIGURES)
def test_non_figures(phrase: str) -> None:
    assert read_figures(phrase) == []


def test_seed_table_is_large_enough() -> None:
    assert len(SEED_PHRASES) >= 40


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
