"""Helpers for tests that build real sites and read their HTML as a browser would."""

from __future__ import annotations

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
    """A copy of this repository's site setup (config, hooks, hand-written pages) to change in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("topics"))
    (dest / "docs" / "topics").mkdir()
    (dest / "sources").mkdir()
    if sources:
        for f in (ROOT / "sources").glob("*.md"):
            shutil.copy(f, dest / "sources" / f.name)
    if topics:
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
