"""Helpers for tests that build real sites and read their HTML as a browser would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Browser tests drive Debian's Chromium (never a browser download of its own).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Built:
    ok: bool
    output: str
    site: Path


def build(project: Path, site: Path, *extra: str, env: dict[str, str] | None = None, quiet: bool = True) -> Built:
    """`mkdocs build --strict` of a project folder, as a maintainer runs it (with `env` added to the environment);
    quiet=False keeps the INFO lines, where the build's notes to maintainers are."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    flags = ["-q"] if quiet else []
    run = subprocess.run([*MKDOCS, "build", "--strict", *flags, "-d", str(site), *extra], cwd=project, env=environ,
                         capture_output=True, text=True, timeout=300)
    return Built(run.returncode == 0, run.stdout + run.stderr, site)


def copy_project(dest: Path, *, sources: bool = True, topics: bool = True) -> Path:
    """A copy of this repository's site setup (config, hooks, hand-written pages) to change in a test; with
    sources=False and topics=False nothing of the default corpus is read (folders that are missing are fine)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("topics"))
    (dest / "docs" / "topics").mkdir()
    (dest / "sources").mkdir()
    if sources and (ROOT / "sources").is_dir():
        for f in (ROOT / "sources").glob("*.md"):
            shutil.copy(f, dest / "sources" / f.name)
    if topics and (ROOT / "docs" / "topics").is_dir():
        for f in (ROOT / "docs" / "topics").glob("*.md"):
            shutil.copy(f, dest / "docs" / "topics" / f.name)
    return dest


@dataclass
class Html:
    ids: set[str] = field(default_factory=set)
    links: list[dict[str, str]] = field(default_factory=list)  # every <a> with its attributes and text
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html = Html()
        self._chunks: list[str] = []
        self._open_links: list[dict[str, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.html.elements.append((tag, a))
        if "id" in a:
            self.html.ids.add(a["id"])
        if tag == "a":
            link = {**a, "_text": ""}
            self.html.links.append(link)
            self._open_links.append(link)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open_links:
            self._open_links.pop()
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._chunks.append(data)
        for link in self._open_links:
            link["_text"] += data


def parse(path: Path | str) -> Html:
    """Ids, links, elements and visible text of a page (a file) or of a piece of HTML (a string)."""
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8") if isinstance(path, Path) else path)
    parser.html.text = " ".join("".join(parser._chunks).split())
    return parser.html


def article_html(path: Path) -> str:
    """The <article> of a Material page: what the page says, without navigation."""
    text = path.read_text(encoding="utf-8")
    start = text.index('<article class="md-content__inner')
    return text[start:text.index("</article>", start)]


def page_file(site: Path, page: str) -> Path:
    """The HTML file of a site-relative address like 'topics/x/' or 'topics/x/#anchor'."""
    path = unquote(page.split("#", 1)[0])
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def resolve(site: Path, from_page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    base = from_page.relative_to(site).as_posix()
    joined = urljoin("/" + base, parts.path or "/" + base)
    target = site / unquote(joined.lstrip("/"))
    if target.is_dir() or joined.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


# ---------------------------------------------------------------- a small site on another subject
# The engine's tests build this corpus instead of the default one, so they pass on any valid site. Three sources
# (one sells the practice), three topics whose claims between them give every verdict, one claim whose figures
# disagree (time to onset: within 24 hours against 8 to 12 weeks), topic mentions, and one passage (the
# note on hunger in family-health-weekly) that no claim quotes.

SUBJECT = "intermittent fasting"

SOURCES = {
    "nutrition-lab": """---
short: "Nutrition Lab"
title: What the trials say about intermittent fasting
author: Dr. Lena Okafor
publisher: University Nutrition Lab
url: https://nutrition-lab.example.org/fasting-trials
kind: researcher's explainer
interests: No commercial interest is visible in the text.
cites:
  - "A 2020 randomised trial of time-restricted eating in 116 adults"
caveats:
  - "It names the trials it relies on by year only."
---
Intermittent fasting means eating only during a set window of the day, or on set days of the week. The most
studied plan is time-restricted eating (TRE), where all meals fall within an eight-hour eating window.

## Does it help you lose weight?

In controlled trials, people who fast lose about as much weight as people who simply eat fewer calories. The
fasting itself adds little once total calories are the same.

Weight changes usually take eight to twelve weeks to show up on the scale. Early drops are mostly water.

## Who should avoid it

People with diabetes who take insulin should not fast without medical supervision, because their blood sugar
can fall too low. Pregnant women and people with a history of eating disorders should also avoid fasting.

## Side effects

Headaches and irritability are common in the first two weeks, and usually fade as the body adjusts.

A 2020 trial of 116 adults found that time-restricted eating led to only a small weight loss, no larger than
in the control group.
""",
    "fastpath-app": """---
short: "FastPath"
title: "Why fasting works: the FastPath guide"
publisher: FastPath
url: https://fastpath.example.com/guide
kind: fasting app's marketing page
interests: >-
  FastPath sells a subscription app for intermittent fasting; the page asks readers to start a paid trial.
---
Intermittent fasting is the simplest way to lose weight without counting a single calorie. Our members love
the 16:8 plan, where you fast for sixteen hours and eat within an eight-hour window.

## Fast results

Most members feel the benefits within 24 hours of starting. Fasting flips a metabolic
switch that burns fat faster than any diet.

## Anyone can fast

Intermittent fasting is safe for almost everyone, and the app reminds you when your window opens. Headaches
in the first days are rare and pass quickly.

Start your free seven-day trial of FastPath today.
""",
    "family-health-weekly": """---
short: "Family Health Weekly"
title: Is intermittent fasting worth a try?
author: Sam Reyes
publisher: Family Health Weekly
kind: magazine feature
interests: No commercial interest is visible in the text.
---
Intermittent fasting has become one of the most popular diets of the decade. Plans range from the 16:8
method to eating normally five days a week and cutting back sharply on two.

Studies suggest it can help some people lose weight, mainly because they end up eating fewer calories. It
works best for people who find a fixed eating window easier than counting.

People with diabetes who take insulin should speak to a doctor before they try fasting. Pregnant women
should not fast at all.

Hunger is the main reason people give up, and it is worst in the first few weeks.
""",
}



def _one_line_per_paragraph(text: str) -> str:
    """Articles as the importer writes them: the body's paragraphs each on one line."""
    _, front, body = text.split("---\n", 2)
    paragraphs = [" ".join(p.split("\n")) for p in body.strip().split("\n\n")]
    return f"---\n{front}---\n" + "\n\n".join(paragraphs) + "\n"


SOURCES = {name: _one_line_per_paragraph(text) for name, text in SOURCES.items()}

TOPICS = {
    "weight-loss": """---
title: Fasting and weight loss
answer: >-
  The sources agree that people lose weight on fasting plans. They differ on why, and on how soon.
order: 1
related: [safety]
mentions: [lose weight, weight loss, calories, metabolic switch]
claims:
  - id: fasting-leads-to-weight-loss
    statement: People who follow an intermittent fasting plan lose weight.
    positions:
      - source: nutrition-lab
        stance: supports
        quote: "people who fast lose about as much weight as people who simply eat fewer calories"
      - source: fastpath-app
        stance: supports
        quote: "Intermittent fasting is the simplest way to lose weight without counting a single calorie."
      - source: family-health-weekly
        stance: supports
        quote: "Studies suggest it can help some people lose weight"
  - id: fasting-beats-calorie-counting
    statement: Fasting leads to more weight loss than eating the same number of calories at any time.
    positions:
      - source: fastpath-app
        stance: supports
        quote: "Fasting flips a metabolic switch that burns fat faster than any diet."
      - source: nutrition-lab
        stance: contradicts
        quote: "The fasting itself adds little once total calories are the same."
      - source: family-health-weekly
        stance: qualifies
        quote: "mainly because they end up eating fewer calories"
  - id: results-come-within-a-day
    statement: The effects of fasting are felt within a day.
    positions:
      - source: fastpath-app
        stance: supports
        quote: "Most members feel the benefits within 24 hours of starting."
      - source: nutrition-lab
        stance: contradicts
        quote: "Weight changes usually take eight to twelve weeks to show up on the scale."
---
The sources agree that fasting plans lead to weight loss; the app's page says fasting does more than cutting
calories, which the [safety](safety.md) topic does not touch.
""",
    "safety": """---
title: Who should not fast
answer: >-
  Two sources say people on insulin and pregnant women should not fast without a doctor. The app says
  fasting is safe for almost everyone.
order: 2
related: [weight-loss, how-it-works]
mentions: [insulin, pregnant, side effects, headaches, eating disorders]
claims:
  - id: insulin-users-need-supervision
    statement: People with diabetes who take insulin should not fast without a doctor's supervision.
    positions:
      - source: nutrition-lab
        stance: supports
        quote: "People with diabetes who take insulin should not fast without medical supervision"
      - source: family-health-weekly
        stance: supports
        quote: "People with diabetes who take insulin should speak to a doctor before they try fasting."
  - id: fasting-is-safe-for-most
    statement: Intermittent fasting is safe for almost everyone.
    positions:
      - source: fastpath-app
        stance: supports
        quote: "Intermittent fasting is safe for almost everyone"
      - source: family-health-weekly
        stance: qualifies
        quote: "Pregnant women should not fast at all."
  - id: early-side-effects-fade
    statement: Headaches in the first weeks of fasting fade as the body adjusts.
    positions:
      - source: nutrition-lab
        stance: supports
        quote: "Headaches and irritability are common in the first two weeks, and usually fade as the body adjusts."
      - source: fastpath-app
        stance: qualifies
        quote: "Headaches in the first days are rare and pass quickly."
---
Both independent sources name the same groups who should not fast without a doctor.
""",
    "how-it-works": """---
title: What fasting plans involve
answer: >-
  The sources describe plans that limit eating to a set window, most often eight hours a day.
order: 3
related: [weight-loss]
mentions: ["16:8", eating window, time-restricted eating]
claims:
  - id: eight-hour-window
    statement: The most common plan, time-restricted eating (TRE), limits eating to an eight-hour window a day.
    positions:
      - source: nutrition-lab
        stance: supports
        quote: "all meals fall within an eight-hour eating window"
      - source: fastpath-app
        stance: supports
        quote: "you fast for sixteen hours and eat within an eight-hour window"
  - id: two-day-plans-exist
    statement: Some plans restrict eating on two days a week instead of every day.
    positions:
      - source: family-health-weekly
        stance: supports
        quote: "eating normally five days a week and cutting back sharply on two"
---
Plans differ in how they set the window; the [weight-loss](weight-loss.md) topic compares their results.
""",
}

# The verdict each claim's stances give (a check on the corpus itself, so that tests can rely on it).
VERDICT_OF = {"fasting-leads-to-weight-loss": "agreed", "fasting-beats-calorie-counting": "disputed",
              "results-come-within-a-day": "disputed", "insulin-users-need-supervision": "agreed",
              "fasting-is-safe-for-most": "qualified", "early-side-effects-fade": "qualified",
              "eight-hour-window": "agreed", "two-day-plans-exist": "single source"}
UNCITED_PASSAGE = "Hunger is the main reason people give up, and it is worst in the first few weeks."

CONFIG = f"""  concordance:
    subject: {SUBJECT}
    notice: >-
      A comparison of what published articles say about {SUBJECT}, not advice.
"""
# The rest of the site's identity in mkdocs.yml, and its glossary (docs/includes/abbreviations.md).
IDENTITY = {"site_name": f"Concordance: {SUBJECT}",
            "site_description": f"Where three articles on {SUBJECT} agree and disagree, claim by claim.",
            "copyright": "Compiled for the Concordance tests."}
GLOSSARY = "*[TRE]: Time-restricted eating, where all meals fall within a set window of the day\n"

MINIMAL_SOURCE = """---
title: A short note on naps
publisher: Nap Notes
kind: blog post
interests: No commercial interest is visible in the text.
---
A nap of twenty minutes refreshes most adults without leaving them groggy.
"""

MINIMAL_TOPIC = """---
title: Naps
claims:
  - id: short-naps-refresh
    statement: A short nap refreshes most adults.
    positions:
      - source: nap-notes
        stance: supports
        quote: "A nap of twenty minutes refreshes most adults"
---
One source on naps.
"""


def set_site_config(project: Path, block: str = CONFIG) -> None:
    """Replace the site's `extra: concordance:` block in mkdocs.yml (the default site's identity and policy)."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "  concordance:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i].startswith("   "))
    path.write_text("".join(lines[:start]) + block + "".join(lines[end:]), encoding="utf-8")


def set_identity(project: Path, identity: dict[str, str] = IDENTITY) -> None:
    """Replace top-level one-value settings of mkdocs.yml (a key's line and its indented continuation)."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        key = line.split(":", 1)[0]
        if skipping and line.startswith(" "):
            continue
        skipping = key in identity and not line.startswith(" ")
        out.append(f"{key}: {json.dumps(identity[key])}\n" if skipping else line)
    path.write_text("".join(out), encoding="utf-8")


def write_corpus(project: Path, *, minimal: bool = False, config: bool = True) -> Path:
    """Write the fixture corpus (or, minimal=True, one source with one claim) into a project's sources/ and
    docs/topics/, replacing what is there; config=True also makes the site's identity its own: mkdocs.yml's
    extra.concordance (no policy), name, description and footer, and the glossary."""
    for folder in (project / "sources", project / "docs" / "topics"):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    sources = {"nap-notes": MINIMAL_SOURCE} if minimal else SOURCES
    topics = {"naps": MINIMAL_TOPIC} if minimal else TOPICS
    for name, text in sources.items():
        (project / "sources" / f"{name}.md").write_text(text, encoding="utf-8")
    for name, text in topics.items():
        (project / "docs" / "topics" / f"{name}.md").write_text(text, encoding="utf-8")
    if config:
        set_site_config(project)
        set_identity(project)
        (project / "docs" / "includes").mkdir(parents=True, exist_ok=True)
        (project / "docs" / "includes" / "abbreviations.md").write_text(GLOSSARY, encoding="utf-8")
    return project


def corpus_project(dest: Path, **kwargs: bool) -> Path:
    """A copy of the site setup holding the fixture corpus and nothing of the default one."""
    return write_corpus(copy_project(dest, sources=False, topics=False), **kwargs)
