"""Untrusted source text never becomes live markup, and a maintainer's slip stops the build clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_tools import SOURCES, article_html, build, copy_project, corpus_project, parse

HOSTILE_BODY = """## Heading with <script>alert('h')</script>

Plain start. <script>alert('x')</script> and <img src=x onerror="alert('img')"> then <iframe src="https://evil.example"></iframe>.

A [markdown link](javascript:alert('md')) and <a href="javascript:alert('a')">html link</a> and [data](data:text/html;base64,PHNjcmlwdD4=).

<style>body { display: none }</style> <form action="https://evil.example"><input name=q></form>

Attribute list here { onclick="alert('attr')" } and {: .evil onmouseover="alert(1)" }

--8<-- "mkdocs.yml"

;--8<-- "mkdocs.yml"

<svg onload="alert('svg')"></svg> <body onload=alert(1)>

The end of a hostile article.
"""

HOSTILE_FRONT = """---
title: "<script>alert('title')</script> Hostile"
publisher: "<img src=x onerror=alert('pub')>"
kind: "<b onmouseover=alert(1)>kind</b>"
interests: "[x](javascript:alert('i')) { onclick=alert(2) }"
author: "--8<-- \\"mkdocs.yml\\""
url: "https://example.org/a?x=<script>"
---
"""

TOPIC = """---
title: Hostile topic
claims:
  - id: hostile-script
    statement: The article contains a script tag.
    positions:
      - source: hostile
        stance: supports
        quote: "Plain start. <script>alert('x')</script> and <img src=x onerror=\\"alert('img')\\">"
  - id: hostile-snippet
    statement: The article has a snippet line.
    positions:
      - source: hostile
        stance: supports
        quote: '--8<-- "mkdocs.yml"'
        occurrence: 1
  - id: hostile-attr
    statement: The article has an attribute list.
    positions:
      - source: hostile
        stance: supports
        quote: "Attribute list here { onclick=\\"alert('attr')\\" }"
---
A summary.
"""

LIVE_ATTRS = ("onerror", "onload", "onclick", "onmouseover")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = corpus_project(tmp_path_factory.mktemp("hostile") / "p")
    for page in (project / "docs" / "topics").glob("*.md"):
        page.unlink()  # the hostile topic and the filler are the only topics
    (project / "sources" / "hostile.md").write_text(HOSTILE_FRONT + HOSTILE_BODY, encoding="utf-8")
    (project / "docs" / "topics" / "hostile.md").write_text(TOPIC, encoding="utf-8")
    (project / "docs" / "topics" / "filler.md").write_text(FILLER, encoding="utf-8")
    built = build(project, project / "site")
    assert built.ok, built.output
    return built.site


FILLER = """---
title: Filler
claims:
  - id: filler
    statement: Every source is quoted somewhere.
    positions:
""" + "".join(f"""      - source: {s}
        stance: supports
        quote: "{q}"
""" for s, q in [("nutrition-lab", "Side effects"),
                 ("fastpath-app", "Fast results"),
                 ("family-health-weekly", "Pregnant women should not fast at all.")]) + "---\nA summary.\n"


@pytest.mark.parametrize("page", ["sources/hostile/index.html", "topics/hostile/index.html",
                                  "index.html", "overview/index.html", "sources/index.html"])
def test_hostile_text_is_shown_but_never_acts(hostile_site: Path, page: str) -> None:
    path = hostile_site / page
    content = article_html(path)
    html = parse(content)
    for tag, attrs in html.elements:
        assert tag not in ("script", "style", "iframe", "form", "input", "img", "body"), (tag, attrs)
        for name in attrs:
            assert name not in LIVE_ATTRS, (tag, attrs)
        for name in ("href", "src", "action"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, attrs)
    assert "alert(" not in "".join(a.get("href", "") for _, a in html.elements)
    assert "<script>alert" not in content and "<style>body" not in content
    assert "site_name:" not in content, "a snippet line pulled a file into the page"


def test_hostile_source_page_shows_the_text_as_text(hostile_site: Path) -> None:
    html = parse(hostile_site / "sources" / "hostile" / "index.html")
    for visible in ("<script>alert('x')</script>", '--8<-- "mkdocs.yml"', "{ onclick=\"alert('attr')\" }",
                    "[markdown link](javascript:alert('md'))", "<iframe src=\"https://evil.example\"></iframe>",
                    "<script>alert('title')</script> Hostile", "<img src=x onerror=alert('pub')>"):
        assert visible in html.text, visible


def test_hostile_quote_is_shown_as_text_on_the_topic_page(hostile_site: Path) -> None:
    html = parse(hostile_site / "topics" / "hostile" / "index.html")
    assert "<script>alert('x')</script>" in html.text
    assert '--8<-- "mkdocs.yml"' in html.text


# ---------------------------------------------------------------- maintainers' slips

GOOD_SOURCE = SOURCES["nutrition-lab"]
GOOD_QUOTE = "The fasting itself adds little once total calories are the same."


def topic(claims: str, extra: str = "") -> str:
    return f"---\ntitle: A topic\n{extra}claims:\n{claims}---\nA summary.\n"


def position(quote: str = GOOD_QUOTE, source: str = "nutrition-lab",
             stance: str = "supports") -> str:
    return f"      - source: {source}\n        stance: {stance}\n        quote: \"{quote}\"\n"


def claim(cid: str = "c-one", body: str | None = None) -> str:
    return f"  - id: {cid}\n    statement: A statement.\n    positions:\n{body if body is not None else position()}"


SLIPS = {
    "quote-not-found": (topic(claim(body=position(GOOD_QUOTE.replace("calories", "giraffes")))),
                        "docs/topics/t.md:", "claim 'c-one': quote not found in sources/nutrition-lab.md"),
    "unknown-source": (topic(claim(body=position(source="nutrition-lb"))),
                       "docs/topics/t.md:", "unknown source 'nutrition-lb'. Did you mean 'nutrition-lab'?"),
    "bad-stance": (topic(claim(body=position(stance="agrees"))),
                   "docs/topics/t.md:", "stance 'agrees' is not one of supports, contradicts, qualifies"),
    "duplicate-claim-id": (topic(claim() + claim()), "docs/topics/t.md:",
                           "claim 'c-one': claim id 'c-one' is already used earlier in this file"),
    "broken-front-matter": ("---\ntitle: A topic\nclaims: [\n---\nA summary.\n", "docs/topics/t.md:",
                            "front matter is not valid YAML"),
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_maintainers_slip_stops_the_build_with_one_clear_line(tmp_path: Path, slip: str) -> None:
    text, where, what = SLIPS[slip]
    project = copy_project(tmp_path / "p", sources=False, topics=False)
    (project / "sources" / "nutrition-lab.md").write_text(GOOD_SOURCE, encoding="utf-8")
    (project / "docs" / "topics" / "t.md").write_text(text, encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert not built.ok
    assert "Traceback" not in built.output
    errors = [line for line in built.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, built.output
    assert where in errors[0] and what in errors[0], errors[0]
    assert not (tmp_path / "site" / "topics").exists(), "no half-right pages"


def test_every_error_is_printed_on_its_own_line_in_one_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", sources=False, topics=False)
    (project / "sources" / "nutrition-lab.md").write_text(GOOD_SOURCE, encoding="utf-8")
    claims = "".join(claim(f"c-{n}", position(f"words the article never had, number {n}")) for n in range(3))
    (project / "docs" / "topics" / "t.md").write_text(topic(claims), encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert not built.ok and "Traceback" not in built.output
    errors = [line for line in built.output.splitlines() if line.startswith("ERROR")]
    assert [f"claim 'c-{n}': quote not found" in e for n, e in enumerate(errors)] == [True] * 3, built.output


def test_a_docs_file_linked_from_outside_the_project_stops_the_build(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("a private file", encoding="utf-8")
    project = corpus_project(tmp_path / "p")
    (project / "docs" / "notes.txt").symlink_to(secret)
    built = build(project, tmp_path / "site")
    assert not built.ok and "Traceback" not in built.output
    errors = [line for line in built.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "docs/notes.txt: is a link to a file outside the project" in errors[0], built.output
    assert not (tmp_path / "site" / "notes.txt").exists()
