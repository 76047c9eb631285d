"""The built site in a real browser, as readers meet it: Debian's Chromium driven by Playwright, on localhost.

One site build (shared with other test files), one local server and one browser serve every test here. Screenshots go to test-artifacts/.
`make test` installs Chromium (apt-get) and axe-core (npm) first; run alone, these tests fail with a hint.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Request, Route, sync_playwright
from site_tools import CHROMIUM, CHROMIUM_ARGS, ROOT, build

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 390, "height": 844}
# Material shows the repository's stars and forks, asked of GitHub's API by every page. The tests answer for
# GitHub (this machine has no network); any other request off this machine is a failure.
GITHUB_API = "https://api.github.com/"


# ---------------------------------------------------------------- the site, its server, the browser


@pytest.fixture(scope="module")
def site(seed_site: Path) -> Path:
    return seed_site  # conftest.py: the default site, built once per test run


@pytest.fixture(scope="module")
def data(site: Path) -> dict[str, Any]:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    """The site served over HTTP on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` (or `make browser`) installs Debian's Chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Problems:
    """What a reader's browser complained about: console errors, uncaught errors, failed or foreign requests."""

    items: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __str__(self) -> str:
        return "\n".join(self.items)


@contextmanager
def visit(browser: Browser, base: str, *, github: bool = True, **options: Any) -> Iterator[tuple[Page, Problems]]:
    """A fresh browser context (no cache, no storage) and a page in it, with every problem recorded.

    Requests off `base` are problems, but for GitHub's API (answered for GitHub) when `github` is true."""
    context = browser.new_context(**options)
    problems = Problems()

    def route(route: Route) -> None:  # only requests off the site's server come here
        url = route.request.url
        if github and url.startswith(GITHUB_API):
            answer = {"stargazers_count": 12, "forks_count": 3, "tag_name": "v1.0.0"}
            route.fulfill(status=200, content_type="application/json", body=json.dumps(answer))
        else:
            problems.items.append(f"request off this machine: {url}")
            route.abort()

    def failed(request: Request) -> None:
        problems.items.append(f"failed request: {request.url} ({request.failure})")

    context.route(lambda url: not url.startswith(base), route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.items.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.items.append(f"uncaught error: {e}"))
    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and problems.items.append(f"HTTP {r.status}: {r.url}"))
    try:
        yield page, problems
    finally:
        context.close()


def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def pages(data: dict[str, Any]) -> dict[str, str]:
    """The four kinds of page a reader meets, by site-relative address."""
    topic = max(data["topics"], key=lambda t: sum(c["topic"] == t["id"] for c in data["claims"]))
    return {"home": "", "topic": topic["page"], "source": data["sources"][0]["page"], "overview": "overview/",
            "about": "about/"}


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize("kind", ["home", "topic", "source", "overview"])
def test_page_loads_with_no_console_error_and_no_failed_request(browser: Browser, base: str, data: dict[str, Any],
                                                                kind: str) -> None:
    with visit(browser, base) as (page, problems):
        response = page.goto(base + pages(data)[kind], wait_until="networkidle")
        assert response is not None and response.ok
        assert page.locator("article h1").count() == 1
        screenshot(page, f"{kind}", full_page=kind != "source")
        assert not problems, str(problems)


# ---------------------------------------------------------------- search


def quote_only_word(site: Path, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A word found in a claim's quote but in no claim's statement or note, and on as few pages as possible."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words = [set(re.findall(r"[a-z]+", (d["title"] + " " + d["text"]).lower())) for d in index]
    said = " ".join(c["statement"] + " " + " ".join(p.get("note") or "" for p in c["positions"])
                    for c in data["claims"]).lower()
    best: tuple[int, str, dict[str, Any]] | None = None
    for claim in data["claims"]:
        for position in claim["positions"]:
            for word in set(re.findall(r"\b[a-z]{7,}\b", position["quote"])):
                if word in said:
                    continue
                hits = sum(1 for w in words if word in w)
                if best is None or hits < best[0]:
                    best = (hits, word, claim)
    assert best is not None, "no claim quotes a word of its own"
    return best[1], best[2]


def test_search_finds_a_claim_from_a_word_only_its_quote_contains(browser: Browser, base: str, site: Path,
                                                                  data: dict[str, Any]) -> None:
    word, claim = quote_only_word(site, data)
    with visit(browser, base) as (page, problems):
        page.goto(base, wait_until="networkidle")
        page.get_by_role("textbox", name="Search").click()
        page.keyboard.type(word, delay=20)
        result = page.locator(f'.md-search-result a[href$="#{claim["id"]}"]')
        result.first.wait_for(state="attached", timeout=10_000)
        screenshot(page, "search")
        if not result.first.is_visible():  # folded under "N more on this page"
            result.first.locator("xpath=ancestor::details[1]/summary").click()
        result.first.click()
        page.wait_for_url(re.compile(rf"#{re.escape(claim['id'])}$"))
        heading = page.locator(f'[id="{claim["id"]}"]')
        assert claim["statement"] in heading.inner_text()
        assert not problems, str(problems)


# ---------------------------------------------------------------- from quote to passage and back


def in_view(page: Page, selector: str) -> dict[str, float]:
    """Where an element is relative to the visible part of the page below Material's sticky header."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector), r = el.getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return {top: r.top, bottom: r.bottom, header, height: innerHeight, scrolled: scrollY};
        }""", selector)


def test_a_quote_leads_to_its_passage_and_back_to_the_same_claim(browser: Browser, base: str,
                                                                  data: dict[str, Any]) -> None:
    topic = pages(data)["topic"]
    claims = [c for c in data["claims"] if c["page"].startswith(topic + "#")]
    # A passage cited by more than one claim, where one exists: the way back must lead to the claim used.
    cited: dict[str, list[str]] = {}
    for c in data["claims"]:
        for p in c["positions"]:
            cited.setdefault(p["page"], []).append(c["id"])
    claim, position = max(((c, p) for c in claims for p in c["positions"]),
                          key=lambda cp: (len(cited[cp[1]["page"]]), cp[1]["position"]["start"]))
    passage = position["page"].split("#")[1]
    with visit(browser, base) as (page, problems):
        page.goto(base + topic, wait_until="networkidle")
        assert page.locator("blockquote.cc-quote a").count() == 0, "quotes read as quotations, not links"
        link = page.locator(f'[id="{claim["id"]}"] ~ * a.cc-context-link[href$="#{passage}"]').first
        assert "in context" in link.inner_text().lower()
        link.click()
        page.wait_for_url(re.compile(rf"\?from={re.escape(claim['id'])}#{re.escape(passage)}$"))
        mark = f'mark.cc-passage:has([id="{passage}"])'
        assert page.locator(mark).count() == 1, "the passage is highlighted"
        assert position["quote"].split()[0] in page.locator(mark).inner_text()
        page.wait_for_function(f"() => document.activeElement === document.querySelector('{mark}')", timeout=5_000)
        where = in_view(page, mark)
        assert where["scrolled"] > 0 and where["header"] <= where["top"] < where["height"], where
        others = page.locator("mark.cc-passage:not(.cc-arrived)").first
        assert others.evaluate("e => getComputedStyle(e).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent"), \
            "only the passage arrived at stands out"
        screenshot(page, "quote-lands-on-passage")
        back = page.locator("a.cc-back")
        assert back.count() == 1 and back.is_visible(), "the passage offers the way back"
        back.click()
        page.wait_for_url(re.compile(rf"#{re.escape(claim['id'])}$"))
        assert page.url.startswith(base + topic)
        where = in_view(page, f'[id="{claim["id"]}"]')
        assert where["header"] <= where["top"] < where["height"], where
        assert not problems, str(problems)


def test_without_javascript_a_passage_lists_the_claims_that_cite_it(browser: Browser, base: str,
                                                                    data: dict[str, Any]) -> None:
    source = data["sources"][0]
    citing: dict[str, list[dict[str, Any]]] = {}
    for c in data["claims"]:
        for p in c["positions"]:
            if p["source"] == source["id"]:
                citing.setdefault(p["page"].split("#")[1], []).append(c)
    passage, claims = max(citing.items(), key=lambda kv: len(kv[1]))
    with visit(browser, base, java_script_enabled=False) as (page, problems):
        page.goto(f"{base}{source['page']}#{passage}", wait_until="load")
        cited = page.locator(f'mark.cc-passage:has([id="{passage}"]) + .cc-cited-by')
        assert cited.is_visible(), "the passage arrived at shows the claims citing it"
        hrefs = cited.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert {h.rpartition("#")[2] for h in hrefs} == {c["id"] for c in claims}
        assert page.locator(".cc-cited-by:visible").count() == 1, "the other passages' lists stay hidden"
        in_text = page.locator(".cc-article a:visible").count()
        assert in_text == len(hrefs), f"{in_text} links in the article's text: passages themselves are not links"
        assert not problems, str(problems)


# ---------------------------------------------------------------- phones and the dark palette


WIDE = """() => {
    const cut = [];
    for (const table of document.querySelectorAll('article table')) {
        const box = table.closest('.cc-scroll, .md-typeset__table, article');
        if (table.getBoundingClientRect().width > box.getBoundingClientRect().width + 1)
            cut.push((table.closest('[aria-label]') || table).getAttribute('aria-label') || table.className);
    }
    return {page: [document.scrollingElement.scrollWidth, innerWidth], cut};
}"""


def reader_pages(data: dict[str, Any]) -> list[str]:
    return ["", "overview/", "topics/", *(t["page"] for t in data["topics"])]


def test_no_table_is_cut_off_on_a_laptop(browser: Browser, base: str, data: dict[str, Any]) -> None:
    cut = []
    with visit(browser, base, viewport={"width": 1280, "height": 800}) as (page, _):
        for address in reader_pages(data):
            page.goto(base + address, wait_until="load")
            found = page.evaluate(WIDE)
            cut += [f"{address or 'home'}: {name}" for name in found["cut"]]
    assert cut == [], f"tables wider than their box at 1280 px: {cut}"


def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, base: str, data: dict[str, Any]) -> None:
    too_wide = []
    with visit(browser, base, viewport=PHONE, is_mobile=True, has_touch=True) as (page, _):
        for address in reader_pages(data):
            page.goto(base + address, wait_until="load")
            # Against the phone's width, not innerWidth: on a phone, content wider than the screen widens the
            # layout viewport (and innerWidth) with it.
            width = [page.evaluate(WIDE)["page"][0], PHONE["width"]]
            if width[0] > width[1]:
                too_wide.append(f"{address or 'home'}: {width[0]}px wide on a {width[1]}px screen")
            if address == pages(data)["topic"]:
                screenshot(page, "topic-phone", full_page=True)
    assert too_wide == []


def test_on_a_phone_the_glance_table_becomes_cards(browser: Browser, base: str, data: dict[str, Any]) -> None:
    with visit(browser, base, viewport=PHONE, is_mobile=True, has_touch=True) as (page, _):
        page.goto(base + pages(data)["topic"], wait_until="load")
        row = page.locator("table.cc-glance tbody tr").first
        assert row.evaluate("e => getComputedStyle(e).display") == "block", "each claim is a card"
        chip = row.locator("td[data-source]").first
        assert chip.evaluate("e => getComputedStyle(e, '::before').content").strip('"') == chip.get_attribute(
            "data-source"), "each chip names its source"


CONTRAST = """(el) => {
    const rgba = (c) => {
        const m = c.match(/^rgba?\\(([^)]+)\\)$/);
        if (!m) throw new Error('unexpected colour ' + c);
        const v = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
    };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.unshift(bg);
        if (bg[3] === 1) break;
    }
    if (!layers.length || layers[0][3] !== 1) throw new Error('no opaque background behind ' + el.className);
    const back = layers.reduce((under, top) => over(top, under), [0, 0, 0, 1]);
    const fore = over(rgba(getComputedStyle(el).color), back);
    const lum = (c) => c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
    return Math.round((a + 0.05) / (b + 0.05) * 100) / 100;
}"""


def contrast(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate(CONTRAST))


def test_the_dark_palette_is_readable(browser: Browser, base: str, data: dict[str, Any]) -> None:
    topic, source = pages(data)["topic"], pages(data)["source"]
    with visit(browser, base, color_scheme="dark", viewport=PHONE) as (page, problems):
        page.goto(base + topic, wait_until="networkidle")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
        screenshot(page, "topic-dark")
        ratios = {"body text": contrast(page, "article p"),
                  "quote": contrast(page, "blockquote.cc-quote p"),
                  "source kind": contrast(page, ".cc-kind")}
        for stance in ("supports", "contradicts", "qualifies", "silent"):
            label = f'.cc-positions .cc-stance[data-stance="{stance}"], .cc-silent .cc-stance[data-stance="{stance}"]'
            if page.locator(label).count():
                ratios[f"stance {stance}"] = contrast(page, label)
        for verdict in page.locator(".cc-verdict").evaluate_all("els => [...new Set(els.map(e => e.dataset.verdict))]"):
            ratios[f"verdict {verdict}"] = contrast(page, f'.cc-verdict[data-verdict="{verdict}"]')
        passage = next(p["page"] for c in data["claims"] for p in c["positions"] if p["page"].startswith(source))
        page.goto(base + passage, wait_until="networkidle")
        ratios["highlighted passage"] = contrast(page, "mark.cc-passage.cc-arrived")
        screenshot(page, "source-dark")
        assert len([k for k in ratios if k.startswith("stance")]) >= 3
        low = {k: v for k, v in ratios.items() if v < 4.5}
        assert low == {}, f"below WCAG AA (4.5:1) in the dark palette: {low} (all: {ratios})"
        assert not problems, str(problems)


# ---------------------------------------------------------------- glossary tooltips


def tooltip_text(page: Page) -> str:
    tip = page.locator(".md-tooltip2--active")
    tip.first.wait_for(state="visible", timeout=5_000)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-tooltip2--active')).opacity === '1'")
    return tip.first.inner_text().strip()


def glossary_page(site: Path, data: dict[str, Any]) -> str:
    for topic in data["topics"]:
        if "<abbr" in (site / topic["page"] / "index.html").read_text(encoding="utf-8"):
            return str(topic["page"])
    raise AssertionError("no topic page uses a glossary abbreviation")


def test_glossary_tooltips_show_on_hover(browser: Browser, base: str, site: Path, data: dict[str, Any]) -> None:
    with visit(browser, base) as (page, problems):
        page.goto(base + glossary_page(site, data), wait_until="networkidle")
        abbr = page.locator("article abbr").first
        expected = abbr.get_attribute("title") or ""  # Material moves the title into the tooltip
        abbr.hover()
        assert len(expected) > 5 and tooltip_text(page) == expected
        screenshot(page, "tooltip-hover")
        assert not problems, str(problems)


def test_glossary_tooltips_show_on_keyboard_focus(browser: Browser, base: str, site: Path,
                                                  data: dict[str, Any]) -> None:
    with visit(browser, base) as (page, problems):
        page.goto(base + glossary_page(site, data), wait_until="networkidle")
        meaning = dict(page.locator("article abbr").evaluate_all("els => els.map(e => [e.textContent, e.title])"))
        for _ in range(300):  # Tab through the page as a keyboard user does, until an abbreviation has focus
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.tagName") == "ABBR":
                break
        else:
            raise AssertionError("no glossary abbreviation can be reached with the Tab key")
        term = page.evaluate("() => document.activeElement.closest('article') && document.activeElement.textContent")
        assert term in meaning and len(meaning[term]) > 5
        assert tooltip_text(page) == meaning[term]
        screenshot(page, "tooltip-focus")
        assert not problems, str(problems)


# ---------------------------------------------------------------- accessibility


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of any impact on the page as it stands."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: `make test` (or `make browser`) installs axe-core with npm")
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n')[1])}));
    }""")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "topic", "source", "overview", "about"])
def test_axe_finds_no_violation_at_all(browser: Browser, base: str, data: dict[str, Any], kind: str,
                                                    scheme: str) -> None:
    with visit(browser, base, color_scheme=scheme) as (page, problems):
        page.goto(base + pages(data)[kind], wait_until="networkidle")
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
        assert not problems, str(problems)


STRUCTURE = """() => {
    const visible = (e) => e.checkVisibility();
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible)
        .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)]);
    const skip = document.querySelector('a.md-skip');
    const target = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
    return {
        h1: document.querySelectorAll('h1').length, headings,
        skipTarget: target ? target.closest('main') !== null : false,
        labels: [...document.querySelectorAll('.cc-stance, .cc-verdict')].map(e => e.textContent.trim()),
    };
}"""
WORDS = re.compile(r"\b(Supports|Contradicts|Qualifies|Mixed|Silent|All that speak agree|Sources split|"
                   r"Partly agree|One source only)\b")


@pytest.mark.parametrize("kind", ["home", "topic", "source", "overview"])
def test_page_structure_serves_screen_reader_and_keyboard_users(browser: Browser, base: str, data: dict[str, Any],
                                                                kind: str) -> None:
    with visit(browser, base) as (page, _):
        page.goto(base + pages(data)[kind], wait_until="networkidle")
        found = page.evaluate(STRUCTURE)
        assert found["h1"] == 1, "one h1 per page"
        levels = [level for level, _ in found["headings"]]
        assert levels[0] == 1
        jumps = [(a, b) for a, b in zip(found["headings"], found["headings"][1:]) if b[0] > a[0] + 1]
        assert jumps == [], f"headings skip a level: {jumps}"
        for role in ("banner", "navigation", "contentinfo", "search"):
            assert page.get_by_role(role).count() >= 1, f"no {role} landmark"
        assert page.get_by_role("main").count() == 1
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.className]")
        assert focused[0] == "Skip to content" and found["skipTarget"], "the first Tab offers a skip link into main"
        unlabeled = [label for label in found["labels"] if not WORDS.search(label)]
        assert unlabeled == [], "a stance or verdict shown by colour and icon alone"


# ---------------------------------------------------------------- the offline copy, from file://


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build(ROOT, tmp_path_factory.mktemp("offline") / "site-offline", "-f", "mkdocs.offline.yml")
    assert built.ok, built.output + "\n(`make test` or `make offline` fills the privacy plugin's cache from npm)"
    return built.site


def test_the_offline_copy_refers_to_nothing_off_the_site(offline_site: Path) -> None:
    fetched = re.compile(r"<(?:script|img|source|iframe)\b[^>]*\ssrc=\"(?:https?:)?//|"
                         r"<link\b(?=[^>]*\srel=\"(?:stylesheet|preload|modulepreload|icon|manifest)\")[^>]*\shref=\"(?:https?:)?//")
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 10
    offenders = [p.relative_to(offline_site).as_posix() for p in pages if fetched.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], f"pages that load something from another host: {offenders}"


def test_the_offline_copy_works_from_disk_with_no_network(browser: Browser, offline_site: Path,
                                                          data: dict[str, Any]) -> None:
    root = offline_site.as_uri() + "/"
    topic = data["topics"][0]
    with visit(browser, root, github=False, offline=True) as (page, problems):
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(root + "index.html", wait_until="load")
        assert page.locator("article h1").count() == 1
        screenshot(page, "offline-home")
        page.locator(".md-nav").get_by_role("link", name=topic["title"], exact=True).first.click()
        page.wait_for_load_state("load")
        assert page.url == root + topic["page"].rstrip("/") + ".html"
        assert page.locator("article h1").inner_text().strip().removesuffix("¶") == topic["title"]

        quote = page.locator("a.cc-context-link").first
        passage = (quote.get_attribute("href") or "").rpartition("#")[2]
        quote.click()
        page.wait_for_url(re.compile(rf"\.html\?from=[^#]+#{re.escape(passage)}$"))
        assert page.locator(f'mark.cc-passage:has([id="{passage}"])').count() == 1

        page.get_by_role("textbox", name="Search").click()
        page.keyboard.type(topic["title"].split()[-1].strip("?"), delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        screenshot(page, "offline-search")
        off_disk = [url for url in requested if not url.startswith(("file:", "data:", "blob:"))]
        assert off_disk == [], f"requests off the disk: {off_disk}"
        assert not problems, str(problems)


# ---------------------------------------------------------------- previews (data-tip, docs/assets/concordance.js)


def preview_text(page: Page, owner: Locator) -> str:
    """The preview shown for `owner`, which points screen readers to it while it shows."""
    tip = page.locator("#cc-tip[role=tooltip]")
    tip.wait_for(state="visible", timeout=5_000)
    assert owner.get_attribute("aria-describedby") == "cc-tip", "screen readers are told of the preview"
    box, screen = tip.bounding_box(), page.viewport_size
    assert box and screen and 0 <= box["x"] and box["x"] + box["width"] <= screen["width"], "the preview fits the screen"
    return tip.inner_text().strip()


def test_claim_link_previews_show_the_quote_on_hover_and_on_focus(browser: Browser, base: str,
                                                                  data: dict[str, Any]) -> None:
    with visit(browser, base) as (page, problems):
        page.goto(base + "overview/", wait_until="networkidle")
        link = page.locator("article a.cc-claim-link").first
        claim_id = (link.get_attribute("href") or "").rpartition("#")[2]
        claim = next(c for c in data["claims"] if c["id"] == claim_id)
        words = " ".join(claim["positions"][0]["quote"].split())[:40]
        link.hover()
        assert words in preview_text(page, link), "hovering shows the quote without leaving the page"
        screenshot(page, "preview-hover")
        page.mouse.move(0, 0)
        assert page.locator("#cc-tip").is_hidden() and link.get_attribute("aria-describedby") is None
        second = page.locator("article a.cc-claim-link").nth(1)
        second.focus()
        claim2 = next(c for c in data["claims"] if (second.get_attribute("href") or "").endswith("#" + c["id"]))
        assert " ".join(claim2["positions"][0]["quote"].split())[:40] in preview_text(page, second), "so does focus"
        page.keyboard.press("Escape")
        assert page.locator("#cc-tip").is_hidden(), "Esc hides the preview"
        assert page.url.endswith("/overview/")
        assert not problems, str(problems)


def test_context_link_and_verdict_previews(browser: Browser, base: str, data: dict[str, Any]) -> None:
    with visit(browser, base, viewport=PHONE) as (page, problems):
        page.goto(base + pages(data)["topic"], wait_until="networkidle")
        link = page.locator("article a.cc-context-link").first
        expected = link.get_attribute("data-tip") or ""
        link.focus()
        assert len(expected) > 20 and preview_text(page, link) == expected, "focusing shows where the link leads"
        page.keyboard.press("Tab")  # on to the next link: the preview follows the focus or goes
        assert link.get_attribute("aria-describedby") is None
        verdict = page.locator("article .cc-claim .cc-verdict").first
        verdict.hover()
        assert preview_text(page, verdict) == verdict.get_attribute("data-tip"), "a verdict explains itself on hover"
        assert not problems, str(problems)


def test_only_glossary_terms_carry_a_title(browser: Browser, base: str, data: dict[str, Any]) -> None:
    """Material turns every `title` in the page into a tooltip at load; the largest page would be slow."""
    with visit(browser, base) as (page, _):
        page.goto(base + pages(data)["topic"], wait_until="load")
        titled = page.locator("article [title]:not(abbr)").evaluate_all("els => els.map(e => e.outerHTML.slice(0, 80))")
        assert titled == []
        assert page.locator("article [data-tip]").count() > 20, "the previews are there, as data-tip"


# ---------------------------------------------------------------- answers, counts and care


def test_answers_come_first_on_home_and_topic_pages(browser: Browser, base: str, site: Path,
                                                     data: dict[str, Any]) -> None:
    with visit(browser, base) as (page, problems):
        page.goto(base, wait_until="networkidle")
        answers = page.locator("dl.cc-answers")
        assert answers.is_visible()
        first_h2 = page.locator("article h2").first.bounding_box()
        assert answers.bounding_box()["y"] < page.locator("table").first.bounding_box()["y"], "answers before tables"
        assert first_h2 is not None and first_h2["y"] < 900, "the answers start in the first screen"
        questions = answers.locator("dt a").all_inner_texts()
        assert questions and questions == [t["title"] for t in data["topics"]][:len(questions)]
        topic = data["topics"][0]
        answers.locator("dt a").first.click()
        page.wait_for_url(re.compile(re.escape(topic["page"]) + "$"))
        answer = page.locator(".cc-answer")
        h1, summary = page.locator("article h1").bounding_box(), page.locator("article > p").first.bounding_box()
        assert answer.is_visible() and h1 and summary and h1["y"] < answer.bounding_box()["y"] < summary["y"]
        assert not problems, str(problems)


ANSWERS = """() => {
    const box = document.querySelector('dl.cc-answers').getBoundingClientRect();
    const rows = [...document.querySelectorAll('dl.cc-answers > div')].map(d => {
        const line = parseFloat(getComputedStyle(d.querySelector('dd')).lineHeight);
        return d.getBoundingClientRect().height / line;
    });
    return {top: box.top, bottom: box.bottom, height: innerHeight, rows: rows.length, lines: Math.max(...rows)};
}"""


@pytest.mark.parametrize(("screen", "size"), [("laptop", {"width": 1280, "height": 800}), ("phone", PHONE)])
def test_the_answers_fit_the_first_screen(browser: Browser, base: str, data: dict[str, Any], screen: str,
                                          size: dict[str, int]) -> None:
    phone = screen == "phone"
    with visit(browser, base, viewport=size, is_mobile=phone, has_touch=phone) as (page, problems):
        page.goto(base, wait_until="networkidle")
        found = page.evaluate(ANSWERS)
        screenshot(page, f"home-answers-{screen}")
        assert found["rows"] == len(data["topics"]), "every question is answered"
        assert 0 < found["top"] < found["height"] * 0.6, f"the answers start high in the first screen: {found}"
        if phone:
            assert found["lines"] <= 4.2, f"each answer is compact: a question and a short line or two: {found}"
        else:
            assert found["bottom"] <= found["height"], f"every answer shows without scrolling: {found}"
            assert found["lines"] <= 2.2, f"question and answer share a line or two: {found}"
        assert not problems, str(problems)


def test_verdicts_count_sources_and_mark_support_only_from_interested_sources(browser: Browser, base: str,
                                                                               data: dict[str, Any]) -> None:
    marked = [c for c in data["claims"] if c["interested_support_only"]]
    if not marked:
        pytest.skip("no claim of this site is supported only by sources with a commercial interest")
    claim = marked[0]
    sources = {p["source"] for p in claim["positions"]}
    assert claim["speaking_sources"] == len(sources)
    with visit(browser, base) as (page, problems):
        page.goto(base + claim["page"].split("#")[0], wait_until="networkidle")
        block = page.locator(f'[id="{claim["id"]}"] + .cc-claim')
        sentence = block.locator(".cc-counts").inner_text()
        assert f"{len(sources)} of {len(data['sources'])} articles" in sentence or (
            len(sources) == len(data["sources"]) and f"All {len(sources)} articles" in sentence), sentence
        assert block.locator(".cc-interest-only").count() == 1, "the claim's verdict carries the mark"
        row = page.locator(f'table.cc-glance tr:has(a[href="#{claim["id"]}"])')
        assert row.locator(".cc-interest-only").count() == 1, "so does its row at a glance"
        assert page.locator(".cc-key .cc-interest-only").count() == 1, "and the page's key explains it"
        unmarked = next(c for c in data["claims"] if not c["interested_support_only"]
                        and c["page"].split("#")[0] == claim["page"].split("#")[0])
        assert page.locator(f'[id="{unmarked["id"]}"] + .cc-claim .cc-interest-only').count() == 0
        assert not problems, str(problems)


def test_a_quoted_speakers_interest_shows_by_their_words_and_leads_to_them(browser: Browser, base: str,
                                                                         data: dict[str, Any]) -> None:
    found = [(c, p) for c in data["claims"] for p in c["positions"] if p["speaker"] and p["has_interest"]]
    if not found:
        pytest.skip("no quote of this site is a speaker's with a commercial interest")
    claim, position = found[0]
    source = next(s for s in data["sources"] if s["id"] == position["source"])
    speaker = next(k for k in source["speakers"] if k["id"] == position["speaker"])
    with visit(browser, base) as (page, problems):
        page.goto(base + claim["page"].split("#")[0], wait_until="networkidle")
        attribution = page.locator(f'[id="{claim["id"]}"] + .cc-claim .cc-speaker').first
        assert attribution.is_visible() and speaker["name"] in attribution.inner_text()
        flag = attribution.locator("a.cc-interest")
        flag.focus()
        assert preview_text(page, flag) == speaker["interests"], "focusing the $ shows whose interest, and what it is"
        flag.click()
        page.wait_for_url(re.compile(re.escape(source["page"]) + f"#speaker-{speaker['id']}$"))
        entry = page.locator(f"#speaker-{speaker['id']}")
        assert entry.is_visible() and speaker["name"] in entry.inner_text()
        assert page.evaluate(f"document.getElementById('speaker-{speaker['id']}').getBoundingClientRect().top") < 844
        assert not problems, str(problems)


def test_the_crisis_note_shows_where_the_text_mentions_a_crisis(browser: Browser, base: str, site: Path,
                                                                 data: dict[str, Any]) -> None:
    from concordance.config import load_site_config

    crisis = load_site_config(ROOT).crisis
    if crisis is None:
        pytest.skip("this site sets no crisis note (extra.concordance.crisis)")
    words = re.compile(r"\b(" + "|".join(map(re.escape, crisis.words)) + ")", re.I)
    with visit(browser, base) as (page, problems):
        shown = 0
        for topic in data["topics"]:
            page.goto(base + topic["page"], wait_until="networkidle")  # no request cut short by the next visit
            text = page.locator("article").evaluate("e => e.textContent")  # folded caveats count too
            mentions = bool(words.search(" ".join(text.split()).replace(" ".join(crisis.note.split()), "")))
            note = page.locator("aside.cc-crisis")
            if note.count():
                shown += 1
                assert " ".join(crisis.note.split()[:4]) in note.inner_text() and note.is_visible()
            assert bool(note.count()) == mentions, topic["page"]
        assert shown, "some topic mentions a crisis"
        assert not problems, str(problems)
