"""The renderer on small corpora: verdict sentences count sources, the interest mark follows the site's policy,
cites link only real identifiers, labels for the table of contents stay text, and escaping is the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import build_analysis
from concordance.config import SiteConfig
from concordance.export import export
from concordance.render import Addresses, Renderer
from concordance.render.context import Context
from concordance.render.topic import toc_label

ARTICLE = """---
title: {title}
publisher: {publisher}
kind: blog
interests: {interests}
---
Ketamine can lift mood within hours. It is not a cure. Some people feel suicidal when it wears off.
"""


def corpus(tmp_path: Path, positions: str, *, sell: bool = True) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "topics").mkdir()
    for sid, interests in (("clinic", "Sells the treatment." if sell else "None visible."),
                           ("blog", "None visible."), ("paper", "None visible.")):
        (tmp_path / "sources" / f"{sid}.md").write_text(
            ARTICLE.format(title=f"The {sid}", publisher=f"{sid.title()} <b>Press</b>", interests=interests),
            encoding="utf-8")
    (tmp_path / "topics" / "speed.md").write_text(
        "---\ntitle: How fast?\nanswer: Within hours, <script>say</script> two of them.\nclaims:\n"
        f"  - id: fast\n    statement: It acts within hours.\n    positions:\n{positions}\n---\nA summary.\n",
        encoding="utf-8")
    return tmp_path


def position(source: str, stance: str = "supports", quote: str = "Ketamine can lift mood within hours.") -> str:
    return f"      - source: {source}\n        stance: {stance}\n        quote: \"{quote}\"\n"


def render(root: Path, site: SiteConfig | None = None) -> tuple[Renderer, Addresses, object]:
    analysis = build_analysis(root / "sources", root / "topics")
    at = Addresses(topics={"speed": "topics/speed/"}, sources={s: f"sources/{s}/" for s in analysis.corpus.sources},
                   overview="overview/", about="about/")
    return Renderer(analysis, at, site=site), at, analysis


def test_the_verdict_sentence_counts_sources_not_quotes(tmp_path: Path) -> None:
    root = corpus(tmp_path, position("clinic") + position("clinic", quote="It is not a cure.") + position("blog"))
    renderer, at, analysis = render(root)
    html = "".join(renderer.topic_page(analysis.corpus.topics["speed"], at.topics["speed"]).fragments.values())
    assert "2 of 3 articles speak to this" in html
    assert "2 support it" in html and "3 support" not in html


def test_support_only_from_interested_sources_is_marked_and_exported(tmp_path: Path) -> None:
    root = corpus(tmp_path, position("clinic") + position("blog", stance="qualifies", quote="It is not a cure."))
    renderer, at, analysis = render(root)
    page = renderer.topic_page(analysis.corpus.topics["speed"], at.topics["speed"])
    assert "All support comes from someone with a commercial interest" in page.fragments["fast"]
    assert "cc-interest-only" in page.fragments["glance"]
    claim = export(analysis, at)["claims"][0]
    assert claim["interested_support_only"] is True and claim["speaking_sources"] == 2
    assert claim["verdict"] == "qualified", "the data keeps the model's value"
    assert "Partly agree" in page.fragments["fast"], "readers see a label they cannot read as approval"


def test_the_interest_mark_follows_the_sites_policy(tmp_path: Path) -> None:
    root = corpus(tmp_path, position("clinic") + position("blog"), sell=True)
    renderer, at, analysis = render(root)
    page = renderer.topic_page(analysis.corpus.topics["speed"], at.topics["speed"])
    assert "cc-interest-only" not in page.fragments["fast"], "a source without an interest also supports it"
    lenient = SiteConfig(no_interest=("sells",))  # this site's profiles say "Sells ..." for no interest
    renderer, at, analysis = render(root, lenient)
    assert not export(analysis, at, lenient)["claims"][0]["interested_support_only"]


def test_the_answer_comes_first_escaped_and_the_crisis_note_only_where_words_appear(tmp_path: Path) -> None:
    from concordance.config import Crisis

    root = corpus(tmp_path, position("blog"))
    site = SiteConfig(crisis=Crisis("Call 988.", ("suicidal",)))
    renderer, at, analysis = render(root, site)
    page = renderer.topic_page(analysis.corpus.topics["speed"], at.topics["speed"])
    assert page.markdown.index('data-cc-slot="answer"') < page.markdown.index("A summary.")
    assert "&lt;script&gt;say&lt;/script&gt;" in page.fragments["answer"] and "<script>" not in page.fragments["answer"]
    assert "Call 988." not in page.fragments["answer"], "the topic's own words mention no crisis"
    source = renderer.source_page(analysis.corpus.sources["blog"], at.sources["blog"])
    assert "Call 988." in source.fragments["profile"], "the article says 'suicidal'"
    assert "Blog &lt;b&gt;Press&lt;/b&gt;" in source.fragments["profile"]


def test_cites_link_only_doi_pubmed_and_pmc_identifiers(tmp_path: Path) -> None:
    root = corpus(tmp_path, position("blog"))
    context = Context(*render(root)[2:3], Addresses({}, {}, ""))  # type: ignore[arg-type]
    html = str(context.cite('Doe (2020) doi:10.1000/xyz.123, PMID: 12345678 and PMC7654321; <a href="x">not</a>'))
    assert 'href="https://doi.org/10.1000/xyz.123"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/12345678/"' in html
    assert 'href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7654321/"' in html
    assert "&lt;a href=" in html and html.count("<a ") == 3


def test_toc_labels_are_short_and_cannot_break_out_of_their_attribute() -> None:
    assert toc_label("Ketamine can relieve depressive symptoms within hours or days of a treatment") == \
        "Ketamine can relieve depressive symptoms within…"
    hostile = toc_label('A "quote" } { #x } <img src=x onerror=alert(1)> & more')
    assert '"' not in hostile and "}" not in hostile and "<" not in hostile


def test_templates_escape_text_and_write_markup_as_it_is() -> None:
    """`{{ }}` in the templates escapes every value that is not Markup (text, numbers, objects with __html__
    through it); Markup, already safe, is written unchanged and not copied."""
    from markupsafe import Markup

    from concordance.render.context import ENV, escape_output

    class Html:
        def __html__(self) -> str:
            return "<i>made safe by its own __html__</i>"

    template = ENV.from_string("{{ text }}|{{ safe }}|{{ number }}|{{ html }}")
    out = template.render(text='<script>alert("x")</script> & more', safe=Markup("<b>bold</b>"), number=3,
                          html=Html())
    assert out == ("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more|<b>bold</b>|3"
                   "|<i>made safe by its own __html__</i>")
    mark = Markup("<em>x</em>")
    assert escape_output(mark) is mark
    assert escape_output("<em>") == "&lt;em&gt;" and escape_output(12) == "12" and escape_output(True) == "True"


def test_attribute_values_are_escaped_as_html_escape_does() -> None:
    """Links' attributes go through markupsafe's C escaper for speed: every hostile character still comes out as
    html.escape writes it, so no attribute can be closed early."""
    import html

    from concordance.render.context import _attr

    for value in ['"><script>', "it's & <b>", "&#34; &#39; &quot;", "plain words", "", "ünïcødé “quotes”"]:
        assert _attr(value) == html.escape(value, quote=True)


def test_templates_still_pass_the_context_to_functions_that_ask_for_it() -> None:
    """Macros and the renderer's methods are called straight away; anything else still goes through Jinja's
    Context.call, so a function marked pass_context gets the template's context."""
    from jinja2 import pass_context

    from concordance.render.context import ENV

    @pass_context
    def who(context: object, greeting: str) -> str:
        return f"{greeting} {context['name']}"  # type: ignore[index]

    template = ENV.from_string("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(who('hi')) }}")
    assert template.render(who=who, name="<Ada>") == "<hi &lt;Ada&gt;>"
    # The renderer's own methods are called straight away, so none of them may ask for the template context.
    marked = [name for name in dir(Context) if hasattr(getattr(Context, name), "jinja_pass_arg")]
    assert marked == []


def test_joined_escapes_a_text_separator_and_keeps_a_markup_one() -> None:
    from markupsafe import Markup

    from concordance.render.context import joined

    parts = [Markup("<b>a</b>"), Markup("<i>b</i>")]
    assert joined(parts, " & ") == "<b>a</b> &amp; <i>b</i>"
    assert joined(parts, Markup("<br>")) == "<b>a</b><br><i>b</i>"
    with pytest.raises(TypeError):
        joined(["<script>"])  # type: ignore[list-item]
