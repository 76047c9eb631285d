"""Every field that comes from a source or a topic file reaches every page as text, never as markup.

A hostile value goes into each field (source title, author, publisher, kind, interests, cites, caveats,
published, short name, and its quoted speaker's name, role and interests; topic title, answer, claim statement,
note, quote), with payloads that close the element around them
(`</title>`, `</textarea>`, `"><svg onload>`), attribute lists, abbreviation and snippet syntax. Then every
context MkDocs and Material put them in is read back: each HTML file's <title>, headings, navigation,
table of contents, tooltips and 404 page, and the search index Material renders as HTML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_tools import build, copy_project, parse

PAYLOADS = {
    "title-close": "</title><script>alert('T')</script> x",
    "textarea-close": "</textarea><script>alert('A')</script>",
    "attr-break": "\"><svg onload=alert('S')>",
    "attr-list": "Asana { onclick=alert('C') }",
    "attr-list-colon": "Name {: .evil-class #evil-id }",
    "abbr": "*[HTML]: Hyper Text",
    "snippet": "--8<-- \"mkdocs.yml\"",
    "img": "<img src=x onerror=alert('I')>",
}


def yaml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def source_file(n: int, payload: str) -> str:
    fields = {"title": f"Title {payload}", "author": f"Author {payload}", "publisher": f"Publisher {payload}",
              "kind": f"Kind {payload}", "interests": f"Interests {payload}", "published": f"2024 {payload}",
              "short": f"Short{n} {payload}"}
    head = "\n".join(f"{k}: {yaml_string(v)}" for k, v in fields.items())
    speaker = (f"speakers:\n  p{n}:\n    name: {yaml_string('Speaker ' + payload)}\n"
               f"    role: {yaml_string('Role ' + payload)}\n    interests: {yaml_string('Sells ' + payload)}\n")
    return (f"---\n{head}\nurl: \"https://example.org/{n}?q=%22%3E%3Cscript%3E\"\ncites:\n"
            f"  - {yaml_string('Cites ' + payload)}\ncaveats:\n  - {yaml_string('Caveat ' + payload)}\n{speaker}---\n"
            f"Sentence {n} of the article says {payload.replace(chr(10), ' ')} plainly.\n\nAnother paragraph {n}.\n")


def topic_file(names: list[str]) -> str:
    claims = []
    for n, name in enumerate(names):
        payload = PAYLOADS[name]
        claims.append(f"""  - id: claim-{n}
    statement: {yaml_string(f'Statement {payload}')}
    positions:
      - source: s{n}
        stance: supports
        quote: {yaml_string(f'Sentence {n} of the article says')}
        speaker: p{n}
        note: {yaml_string(f'Note {payload}')}
""")
    title = PAYLOADS["title-close"] + " " + PAYLOADS["attr-list"]
    answer = "Answer " + " ".join(PAYLOADS.values())
    return (f"---\ntitle: {yaml_string(title)}\nanswer: {yaml_string(answer)}\nclaims:\n{''.join(claims)}---\n"
            "A plain summary.\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fields") / "p", sources=False, topics=False)
    names = sorted(PAYLOADS)
    for n, name in enumerate(names):
        (project / "sources" / f"s{n}.md").write_text(source_file(n, PAYLOADS[name]), encoding="utf-8")
    (project / "docs" / "topics" / "hostile.md").write_text(topic_file(names), encoding="utf-8")
    built = build(project, project / "site")
    assert built.ok, built.output
    return built.site


def live_markup(html: str) -> list[str]:
    """What in a piece of HTML would act or restyle: injected scripts, event handlers, injected ids/classes."""
    found = []
    for tag, attrs in parse(html).elements:
        if tag in ("script", "svg", "img", "textarea") and ("alert" in json.dumps(attrs) or tag != "script"):
            if tag == "svg" and "onload" not in attrs:
                continue  # Material's icons are inline SVGs
            if tag == "img" and attrs.get("src") != "x":
                continue
            found.append(f"<{tag} {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            # `{: .evil-class #evil-id }` applied (a heading's slug may hold the words, harmlessly)
            if (name == "class" and "evil-class" in value.split()) or (name == "id" and value == "evil-id"):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def test_no_page_carries_live_markup_from_any_field(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert hostile_site / "404.html" in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert live_markup(text) == [], page


def test_titles_are_shown_as_text_in_title_headings_and_nav(hostile_site: Path) -> None:
    page = hostile_site / "topics" / "hostile" / "index.html"
    text = page.read_text(encoding="utf-8")
    title = text[text.index("<title>") + 7:text.index("</title>")]
    # The whole hostile title stands inside <title>, escaped: the element was not closed early.
    assert "&lt;/title&gt;&lt;script&gt;alert(&#39;T&#39;)&lt;/script&gt; x Asana { onclick=alert(&#39;C&#39;) }" in title
    html = parse(text)
    assert "</title><script>alert('T')</script> x Asana { onclick=alert('C') }" in html.text
    source = parse(hostile_site / "sources" / "s0" / "index.html")
    assert f"Title {PAYLOADS[sorted(PAYLOADS)[0]]}" in source.text


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_each_payload_is_visible_text_in_its_claim_and_source(hostile_site: Path, name: str) -> None:
    payload = " ".join(PAYLOADS[name].split())
    topic = parse(hostile_site / "topics" / "hostile" / "index.html").text
    assert f"Statement {payload}" in topic
    assert f"Note {payload}" in topic
    assert f"— Speaker {payload}, Role {payload}, quoted in Short" in topic, "the quote's attribution"
    assert payload in parse(hostile_site / "index.html").text, "the answer on the home page"
    n = sorted(PAYLOADS).index(name)
    source = parse(hostile_site / "sources" / f"s{n}" / "index.html").text
    for field in ("Author", "Publisher", "Kind", "Interests", "Cites", "Caveat", "Speaker", "Role", "Sells"):
        assert f"{field} {payload}" in source, field


def test_search_index_holds_text_not_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert live_markup(doc[key]) == [], doc
            assert "<script" not in doc[key] and "<svg" not in doc[key] and "<img" not in doc[key], doc
