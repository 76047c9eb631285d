"""The adapter's events in this process, as a generator calls them (the way oprypin/mkdocs-section-index tests
its plugin): load the config, list the files, make the navigation, and call the hook's on_config, on_files and
on_nav in between. Under MkDocs and under ProperDocs, whose classes live in their own package.

Also: an engine module edited while a process keeps the adapter (as `mkdocs serve` does) is loaded afresh."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
ADAPTER = ROOT / "hooks" / "mkdocs_adapter.py"
GENERATORS = ["mkdocs", pytest.param("properdocs", marks=pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed: `make test` installs it (requirements-properdocs.lock)"))]


def load_adapter(monkeypatch: pytest.MonkeyPatch, name: str = "concordance_adapter_under_test") -> ModuleType:
    """A fresh copy of hooks/mkdocs_adapter.py, imported from its path as the generator imports hooks."""
    spec = importlib.util.spec_from_file_location(name, ADAPTER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # as the generator does: dataclasses look the module up
    spec.loader.exec_module(module)
    return module


@dataclass
class Events:
    adapter: ModuleType
    config: Any
    files: Any
    nav: Any


def run_events(adapter: ModuleType, project: Path, generator: str, site: Path) -> Events:
    """What `<generator> build` does up to the navigation, calling the adapter's events itself."""
    load_config = importlib.import_module(f"{generator}.config").load_config
    get_files = importlib.import_module(f"{generator}.structure.files").get_files
    get_navigation = importlib.import_module(f"{generator}.structure.nav").get_navigation
    # No plugins: Material's subclass MkDocs' BasePlugin, which only the `properdocs` command maps onto its own
    # (the full build with Material under ProperDocs is tests/test_properdocs.py). The hook is all this tests.
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), plugins=[])
    config = adapter.on_config(config)
    # The generator names the running plugin while an event runs; File.generated records it.
    config.plugins._current_plugin = "hooks/mkdocs_adapter.py"
    files = adapter.on_files(get_files(config), config)
    nav = adapter.on_nav(get_navigation(files, config), config, files)
    config.plugins._current_plugin = None
    return Events(adapter, config, files, nav)


def section(nav: Any, index_uri: str) -> Any:
    """The top-level section whose index page is `index_uri`."""
    for item in nav.items:
        if item.is_section and item.children and getattr(item.children[0], "file", None) is not None \
                and item.children[0].file.src_uri == index_uri:
            return item
    raise AssertionError(f"no section has {index_uri} as its index page: {nav.items}")


def walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if item.is_page:
            yield item
        elif item.is_section:
            yield from walk(item.children)


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---", 2)[1])
    assert isinstance(data, dict)
    return data


def topic_order(project: Path) -> list[str]:
    """The maintainers' order: each topic's `order`, then its title."""
    topics = {p.stem: front_matter(p) for p in (project / "docs" / "topics").glob("*.md")}
    return sorted(topics, key=lambda t: (topics[t].get("order", 0), str(topics[t]["title"]).lower()))


def assert_chain(nav: Any) -> None:
    """Next and previous links go through every page of the navigation once, in the order a reader sees it."""
    pages = list(walk(nav.items))
    assert nav.pages == pages
    assert pages[0].previous_page is None and pages[-1].next_page is None
    for before, after in zip(pages, pages[1:]):
        assert before.next_page is after, f"{before.file.src_uri} -> {before.next_page}, expected {after}"
        assert after.previous_page is before


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 sources and 30 topics: more than the sidebar lists."""
    project = tmp_path_factory.mktemp("big") / "project"
    generate(project, 30)
    return project


@pytest.mark.parametrize("generator", GENERATORS)
def test_topics_and_sources_sit_under_their_sections_in_order(generator: str, monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    adapter = load_adapter(monkeypatch)
    events = run_events(adapter, ROOT, generator, tmp_path / "site")
    # The objects the generator handed over are its own classes, and the adapter took those.
    assert type(events.config).__module__.split(".")[0] == generator
    assert type(events.nav.pages[0]).__module__.split(".")[0] == generator

    topics = section(events.nav, "topics/index.md")
    assert [p.file.src_uri for p in topics.children[1:]] == [f"topics/{t}.md" for t in topic_order(ROOT)]
    sources = section(events.nav, "sources/index.md")
    expected = sorted(p.stem for p in (ROOT / "sources").glob("*.md"))
    assert sorted(p.file.src_uri for p in sources.children[1:]) == [f"sources/{s}.md" for s in expected]
    for page in [*topics.children[1:], *sources.children[1:]]:
        assert page.parent is not None and page.parent.children[0].file.src_uri.endswith("index.md")
    assert_chain(events.nav)
    # A topic's next page is the next topic; the last topic leads on to the sources section.
    assert topics.children[-1].next_page is sources.children[0]
    # The review page is generated but stays out of the sidebar and of the chain.
    review = events.files.get_file_from_path("maintainers/review.md")
    assert review is not None and review.page not in events.nav.pages


@pytest.mark.parametrize("generator", GENERATORS)
def test_above_the_limits_the_sidebar_lists_only_the_indexes(generator: str, big_project: Path,
                                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    adapter = load_adapter(monkeypatch)
    n_sources = len(list((big_project / "sources").glob("*.md")))
    n_topics = len(list((big_project / "docs" / "topics").glob("*.md")))
    assert n_sources > adapter.MAX_SOURCES_IN_NAV and n_topics > adapter.MAX_TOPICS_IN_NAV
    events = run_events(adapter, big_project, generator, tmp_path / "site")
    for index in ("topics/index.md", "sources/index.md"):
        assert [p.file.src_uri for p in section(events.nav, index).children] == [index]
    in_nav = {p.file.src_uri for p in events.nav.pages}
    assert not {u for u in in_nav if u.count("/") == 1 and not u.endswith("index.md")}, in_nav
    # The pages are still built, and reachable from the indexes; only the sidebar leaves them out.
    for stem in ("sources", "docs/topics"):
        for path in (big_project / stem).glob("*.md"):
            file = events.files.get_file_from_path(f"{stem.removeprefix('docs/')}/{path.name}")
            assert file is not None and file.page is not None
    assert_chain(events.nav)


def test_the_two_limits_are_independent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """More sources than the sidebar takes, but few topics: the topics stay listed."""
    adapter = load_adapter(monkeypatch)
    monkeypatch.setattr(adapter, "MAX_SOURCES_IN_NAV", len(list((ROOT / "sources").glob("*.md"))) - 1)
    events = run_events(adapter, ROOT, "mkdocs", tmp_path / "site")
    assert [p.file.src_uri for p in section(events.nav, "sources/index.md").children] == ["sources/index.md"]
    assert len(section(events.nav, "topics/index.md").children) == 1 + len(topic_order(ROOT))
    assert_chain(events.nav)



def test_a_draft_topic_is_rendered_for_the_preview(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`serve` builds draft pages: a topic marked draft (draft_docs) is rendered with the others, not handed to
    Markdown raw."""
    import shutil

    project = tmp_path / "project"
    for part in ("sources", "docs", "hooks", "overrides"):
        shutil.copytree(ROOT / part, project / part)
    draft = topic_order(ROOT)[0]
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                                        + f"\ndraft_docs: topics/{draft}.md\n", encoding="utf-8")
    adapter = load_adapter(monkeypatch)
    events = run_events(adapter, project, "mkdocs", tmp_path / "site")
    file = events.files.get_file_from_path(f"topics/{draft}.md")
    assert file is not None and file.inclusion.name == "DRAFT"
    assert f"topics/{draft}.md" in adapter._state().pages

# ---------------------------------------------------------------- engine edits in a long-lived process


@pytest.mark.parametrize("generator", GENERATORS)
def test_pages_are_rendered_with_the_files_and_handed_out_page_by_page(generator: str,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    """on_files renders every page the engine makes; each page's Markdown event hands its page out (with the
    metadata it needs) and its content event fills the slots, then lets the fragments go. A maintainers' page
    is rendered from its own Markdown when its turn comes."""
    adapter = load_adapter(monkeypatch)
    events = run_events(adapter, ROOT, generator, tmp_path / "site")
    state = adapter._state()
    topic = next(iter(state.analysis.corpus.topics))
    engine_pages = {f"topics/{topic}.md", "sources/index.md", "overview.md", "maintainers/review.md"}
    assert engine_pages <= state.pages.keys() and "about.md" not in state.pages

    def page(uri: str) -> Any:
        found = events.files.get_file_from_path(uri)
        assert found is not None and found.page is not None
        found.page.meta = {"title": "left by the front matter"}
        return found.page

    topic_page = page(f"topics/{topic}.md")
    markdown = adapter.on_page_markdown("ignored: the engine's page stands", topic_page, events.config, events.files)
    assert markdown.startswith("# ") and 'data-cc-slot="answer"' in markdown
    assert topic_page.meta == {}  # the topic's front matter is the engine's input, not the theme's
    html = adapter.on_page_content(markdown.replace("# ", "<h1>", 1), topic_page, events.config, events.files)
    assert "cc-slot" not in html and 'class="cc-claim"' in html
    assert f"topics/{topic}.md" not in state.pages  # handed out once, then let go

    review = page("maintainers/review.md")
    adapter.on_page_markdown("", review, events.config, events.files)
    assert review.meta == {"search": {"exclude": True}, "robots": "noindex"}

    about = page("about.md")
    written = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert adapter.on_page_markdown(written, about, events.config, events.files).startswith(written[:20])
    assert "about.md" in state.pages and about.meta == {"title": "left by the front matter"}


@pytest.fixture
def engine_modules_restored() -> Iterator[None]:
    """The engine modules this test run imported, put back afterwards: other tests hold their classes."""
    before = {n: m for n, m in sys.modules.items() if n == "concordance" or n.startswith("concordance.")}
    yield
    for name in [n for n in sys.modules if n == "concordance" or n.startswith("concordance.")]:
        del sys.modules[name]
    sys.modules.update(before)


def test_an_engine_module_edited_since_it_was_loaded_is_loaded_afresh(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine_modules_restored: None) -> None:
    adapter = load_adapter(monkeypatch)
    first = run_events(adapter, ROOT, "mkdocs", tmp_path / "a")
    render_before = sys.modules["concordance.render"]
    loaded = {n: m for n, m in sys.modules.items() if n.startswith("concordance.")}
    assert isinstance(adapter._build.renderer, render_before.Renderer)

    # Nothing changed: the next build keeps the loaded modules.
    run_events(adapter, ROOT, "mkdocs", tmp_path / "b")
    assert sys.modules["concordance.render"] is render_before

    # An edit (its file's time moves on, as a save does): the next build runs the file as it is now.
    path = Path(str(render_before.__file__))
    stat = path.stat()
    try:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        second = run_events(adapter, ROOT, "mkdocs", tmp_path / "c")
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    render_after = sys.modules["concordance.render"]
    assert render_after is not render_before
    assert adapter.Renderer is render_after.Renderer
    # Every name the adapter took from the engine now comes from the fresh modules.
    taken = {k: v for k, v in vars(adapter).items() if str(getattr(v, "__module__", "")).startswith("concordance")}
    assert {"Renderer", "build_analysis", "SiteConfig", "export"} <= set(taken)
    for key, value in taken.items():
        assert sys.modules[value.__module__] is not loaded.get(value.__module__), key
    assert isinstance(adapter._build.renderer, render_after.Renderer)
    # Its neighbours were imported afresh too, so none holds a name from the old module.
    assert not [n for n, m in loaded.items() if sys.modules.get(n) is m]
    # The build with the fresh engine makes the same navigation.
    assert [p.file.src_uri for p in second.nav.pages] == [p.file.src_uri for p in first.nav.pages]


def test_serve_watches_the_engine_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Saving an engine file makes `mkdocs serve` rebuild (and the rebuild loads it afresh, above)."""
    adapter = load_adapter(monkeypatch)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config = run_events(adapter, ROOT, "mkdocs", tmp_path / "site").config
    server = Server()
    assert adapter.on_serve(server, config, builder=lambda: None) is server
    engine = Path(str(sys.modules["concordance"].__file__)).parent
    assert [Path(p) for p in watched] == [engine]
