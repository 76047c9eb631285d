"""The site generator's adapter: calls the engine (the `concordance` package, src/concordance) at the right build
events.

This is the only module that knows the site generator. Two can run it: MkDocs 1.6 (`mkdocs build`) and ProperDocs
1.6 (`properdocs build`, a fork of MkDocs by its former maintainers, with the same classes under its own package
name). The classes this module checks against and creates are taken from the package of the config object the
generator passes to on_config, never assumed: an `isinstance` against the other package's classes would be false.
"""

from __future__ import annotations

import gc
import gzip
import importlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape as escape_html
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from concordance import ConcordanceError, build_analysis, collector_paused
from concordance.analyse import Analysis
from concordance.config import SiteConfig, read_glossary
from concordance.errors import display_path
from concordance.export import dumps, export
from concordance.load import split_outside
from concordance.render import Addresses, Page, Renderer, markdown_text
from concordance.review import stale_notes

if TYPE_CHECKING:  # for the signatures only: at run time the classes are the running generator's (Generator)
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation, Section
    from mkdocs.structure.pages import Page as MkPage


@dataclass(frozen=True)
class Generator:
    """The classes of the generator that runs the build, from its own package ("mkdocs" or "properdocs")."""

    package: str
    File: Any
    InclusionLevel: Any
    Section: type[Section]  # the running generator's classes; these are MkDocs' names for the type checker
    Page: type[MkPage]
    PluginError: type[Exception]
    logger: Any  # the generator's plugin logger: its warnings count in --strict

    @classmethod
    def of(cls, package: str) -> Generator:
        files = importlib.import_module(f"{package}.structure.files")
        return cls(package=package, File=files.File, InclusionLevel=files.InclusionLevel,
                   Section=importlib.import_module(f"{package}.structure.nav").Section,
                   Page=importlib.import_module(f"{package}.structure.pages").Page,
                   PluginError=importlib.import_module(f"{package}.exceptions").PluginError,
                   logger=importlib.import_module(f"{package}.plugins").get_plugin_logger("concordance"))


def _default_package() -> str:
    """Before on_config names it: MkDocs, unless only ProperDocs is loaded (whose command line also answers
    `import mkdocs` with its own modules)."""
    return "properdocs" if "properdocs" in sys.modules and "mkdocs" not in sys.modules else "mkdocs"


_gen = Generator.of(_default_package())
# Notes for maintainers ("no claim cites this source yet") print at INFO: advice, which a --strict build
# must not turn into a failure. Warnings through this logger do count in --strict.
log = _gen.logger
# Errors before the last one: a logger under the generator's with no prefix, printed as the generator prints the last.
_errors = logging.getLogger(f"{_gen.package}.plugins.concordance.errors")


def _use_generator(package: str) -> None:
    global _gen, log, _errors
    if package != _gen.package:
        _gen = Generator.of(package)
        log = _gen.logger
        _errors = logging.getLogger(f"{package}.plugins.concordance.errors")


def _engine_modules() -> dict[str, ModuleType]:
    return {name: module for name, module in list(sys.modules.items())
            if (name == "concordance" or name.startswith("concordance.")) and getattr(module, "__file__", None)}


def _mtime(module: ModuleType) -> int | None:
    try:
        return Path(str(module.__file__)).stat().st_mtime_ns
    except OSError:  # the file was deleted or renamed: stale too
        return None


# Each engine module's file time when it was first seen loaded.
_engine_seen: dict[str, int | None] = {name: _mtime(m) for name, m in _engine_modules().items()}


def _engine_name(value: object) -> tuple[str, str] | None:
    """(module, qualified name) of a class or function the engine defines; None for anything else."""
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if isinstance(module, str) and isinstance(name, str) and module.split(".")[0] == "concordance":
        return module, name
    return None


def _rebind_engine_names() -> None:
    """This module's names imported from the engine (the imports at the top), bound to the fresh modules'."""
    namespace = globals()
    for key, value in list(namespace.items()):
        if found := _engine_name(value):
            namespace[key] = getattr(importlib.import_module(found[0]), found[1])


def _reload_engine_if_changed() -> list[str]:
    """The generator keeps this module for the whole process (`mkdocs serve` rebuilds in it), and Python keeps
    the engine's modules: an engine file edited since it was loaded would not count until a restart. When one
    has changed, every engine module is dropped and imported afresh (its neighbours hold names from it, so
    reloading it alone would leave them with the old ones), then this module's names are bound anew.
    Returns the changed modules' names."""
    global _engine_seen
    loaded = _engine_modules()
    changed = sorted(name for name, module in loaded.items()
                     if name in _engine_seen and _mtime(module) != _engine_seen[name])
    if changed:
        for name in loaded:
            del sys.modules[name]
        _rebind_engine_names()
        _engine_seen = {}
    _engine_seen |= {name: _mtime(m) for name, m in _engine_modules().items() if name not in _engine_seen}
    return changed


@dataclass
class BuildState:
    """What one build has learnt, event by event. Made anew in on_config: hook modules live for the whole
    process (mkdocs serve, tests that build twice), and nothing may leak from one build into the next."""

    root: Path
    sources_dir: Path
    topics_dir: Path
    site: SiteConfig
    analysis: Analysis | None = None
    addresses: Addresses | None = None
    renderer: Renderer | None = None
    pages: dict[str, Page] = field(default_factory=dict)  # engine's in on_files, hand-written in on_page_markdown
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # the page.meta an engine's page gets

    def ready(self) -> tuple[Analysis, Addresses, Renderer]:
        if self.analysis is None or self.addresses is None or self.renderer is None:
            raise _gen.PluginError("concordance: a page event came before on_files; is the hook configured twice?")
        return self.analysis, self.addresses, self.renderer


_build: BuildState | None = None


def _state() -> BuildState:
    if _build is None:
        raise _gen.PluginError("concordance: on_config did not run; configure the hook under 'hooks:' in mkdocs.yml")
    return _build

# Above this many sources the sidebar lists only the sources index: a sidebar is copied into every page.
MAX_SOURCES_IN_NAV = 25
# The same for topics: above this many, the sidebar lists only the topics index, which links them all.
MAX_TOPICS_IN_NAV = 25
# Each generated page's address and its kind (the renderer's PAGE_KINDS).
GENERATED = {"overview.md": "overview", "topics/index.md": "topics", "sources/index.md": "sources",
             "maintainers/review.md": "review"}
# Generated pages readers do not need in the sidebar.
OUT_OF_NAV = {"maintainers/review.md"}


def _url(file: File) -> str:
    return "" if file.url in ("./", ".") else file.url


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _use_generator(type(config).__module__.split(".")[0])
    if changed := _reload_engine_if_changed():
        log.info(f"engine code changed since it was loaded ({', '.join(changed)}): loaded afresh")
    root = Path(config.config_file_path).parent
    try:
        site = SiteConfig.from_mapping(config.extra.get("concordance"), display_path(config.config_file_path, root))
    except ConcordanceError as e:
        raise _gen.PluginError(str(e)) from None
    if not config.repo_url:  # no repository configured: no "edit this page" link to a repository that is not there
        config.edit_uri = None
    _build = BuildState(root=root, sources_dir=root / "sources", topics_dir=Path(config.docs_dir) / "topics",
                        site=site)
    # The site's notice is on every page: in the footer, after mkdocs.yml's copyright unless that already says it.
    copyright = config.copyright or ""
    if site.notice and " ".join(site.notice.split()) not in " ".join(copyright.split()):
        config.copyright = f"{copyright} {escape_html(site.notice)}".strip()
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve` rebuilds when an engine file is saved too; on_config then loads the edited modules."""
    server.watch(str(Path(str(sys.modules["concordance"].__file__)).parent))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    with collector_paused():  # the analysis and every page: what they allocate lives on or is freed by refcount
        return _add_files(files, config)


def _add_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state()
    root = state.root
    _refuse_files_outside(files, Path(config.docs_dir), root)
    try:
        analysis = build_analysis(state.sources_dir, state.topics_dir, root=root)
    except ConcordanceError as e:
        *earlier, last = e.relative_to(root).lines()
        for line in earlier:  # every error on its own line, as MkDocs prints the last one
            _errors.error(line)
        raise _gen.PluginError(last) from None
    for note in [*analysis.corpus.warnings, *stale_notes(analysis)]:
        log.info(str(note))
    for source in analysis.corpus.sources.values():
        uri = f"sources/{source.id}.md"
        if files.get_file_from_path(uri) is not None:
            raise _gen.PluginError(f"docs/{uri}: a hand-written page has the address of source '{source.id}'. "
                              f"Move it, or rename sources/{source.id}.md.")
        file = _gen.File.generated(config, uri, content=f"# {markdown_text(source.title)}\n",
                              inclusion=_gen.InclusionLevel.NOT_IN_NAV)
        file.edit_uri = f"../sources/{source.id}.md"  # "edit this page" opens the real file, not a generated one
        files.append(file)
    for uri in GENERATED:
        if files.get_file_from_path(uri) is None:
            inclusion = _gen.InclusionLevel.NOT_IN_NAV if uri in OUT_OF_NAV else _gen.InclusionLevel.UNDEFINED
            file = _gen.File.generated(config, uri, content="\n", inclusion=inclusion)
            file.edit_uri = None
            files.append(file)

    def url(uri: str) -> str:
        file = files.get_file_from_path(uri)
        assert file is not None
        return _url(file)

    home = files.get_file_from_path("index.md")
    addresses = Addresses(topics={t: url(f"topics/{t}.md") for t in analysis.corpus.topics},
                          sources={s: url(f"sources/{s}.md") for s in analysis.corpus.sources},
                          overview=url("overview.md"), home=_url(home) if home else "",
                          about=url("about.md") if files.get_file_from_path("about.md") else "")
    state.analysis, state.addresses = analysis, addresses
    state.renderer = Renderer(analysis, addresses, read_glossary(root / state.site.glossary), state.site)
    _render_pages(state, files)
    # The analysis (and the pages, until MkDocs takes them) live on: kept out of the cycle collector's generations
    # (before it runs again), they are not walked by every collection the generator's own work triggers. Undone in
    # on_post_build/on_build_error.
    gc.freeze()
    return files


def _refuse_files_outside(files: Files, docs: Path, root: Path) -> None:
    """MkDocs copies whatever docs/ holds, links included: a link to a file elsewhere on the disk would
    publish it. Stop with the first such file. (The theme's own files come from outside, rightly.)"""
    paths = [Path(file.abs_src_path) for file in files if file.abs_src_path]
    _, errors = split_outside([path for path in paths if path.is_relative_to(docs)], root)
    if errors:
        raise _gen.PluginError(str(errors[0].relative_to(root)))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Put the topics (in the maintainers' order) and the sources under their sections, while they are few."""
    analysis, _, _ = _state().ready()
    wanted: dict[str, list[str]] = {}
    if len(analysis.corpus.topics) <= MAX_TOPICS_IN_NAV:
        wanted["topics/index.md"] = [f"topics/{t}.md" for t in analysis.corpus.topics]
    if len(analysis.corpus.sources) <= MAX_SOURCES_IN_NAV:
        wanted["sources/index.md"] = [f"sources/{s}.md" for s in analysis.corpus.sources]
    for item in nav.items:
        if not isinstance(item, _gen.Section):
            continue
        index = next((c for c in item.children if isinstance(c, _gen.Page)), None)
        if index is None or index.file.src_uri not in wanted:
            continue
        for uri in wanted[index.file.src_uri]:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and file.page not in item.children:
                file.page.parent = item
                item.children.append(file.page)
    nav.pages = [p for p in _walk(nav.items)]
    for before, after in zip([None, *nav.pages], [*nav.pages, None]):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
    return nav


def _walk(items: Sequence[object]) -> list[MkPage]:
    pages: list[MkPage] = []
    for item in items:
        if isinstance(item, _gen.Page):
            pages.append(item)
        elif isinstance(item, _gen.Section):
            pages.extend(_walk(item.children))
    return pages


def _render_pages(state: BuildState, files: Files) -> None:
    """Every page the engine makes, rendered at once right after the analysis. Page by page, between the
    generator's Markdown runs, the same work took a quarter longer at 1,000 sources: the analysis and the
    templates no longer stayed in the CPU's caches. (The fragments wait in state.pages until on_page_content;
    the generator holds every page's HTML until it writes them anyway.)"""
    analysis, _, renderer = state.ready()
    # Drafts too: `serve` builds them (and `build` just leaves theirs unused).
    for file in files.documentation_pages(inclusion=_gen.InclusionLevel.is_in_serve):
        src, here = file.src_uri, _url(file)
        stem = src.rsplit("/", 1)[-1].removesuffix(".md")
        if src.startswith("topics/") and stem in analysis.corpus.topics and src.count("/") == 1:
            # A topic's front matter is the engine's input, not the theme's: left in page.meta, its raw title
            # would be the page title in every page's navigation. The escaped heading gives the title instead.
            state.meta[src] = {}
            state.pages[src] = renderer.topic_page(analysis.corpus.topics[stem], here)
        elif src.startswith("sources/") and stem in analysis.corpus.sources and file.generated_by:
            state.pages[src] = renderer.source_page(analysis.corpus.sources[stem], here)
        elif src in GENERATED and file.generated_by:
            if src in OUT_OF_NAV:  # maintainers' pages: out of the readers' search (Material reads this) and of
                state.meta[src] = {"search": {"exclude": True}, "robots": "noindex"}  # search engines (main.html)
            state.pages[src] = renderer.generated(GENERATED[src], here)


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    state = _state()
    _, _, renderer = state.ready()
    src = page.file.src_uri
    if src in state.meta:
        page.meta = state.meta[src]
    rendered = state.pages.get(src)
    if rendered is None:  # a hand-written page (home, about): its markers filled
        rendered = state.pages[src] = renderer.fill_markers(markdown, _url(page.file))
    return rendered.markdown


def on_page_content(html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    # Each page's fragments are needed once: let them go, so a large site does not hold them all.
    rendered = _state().pages.pop(page.file.src_uri, None)
    return rendered.fill(html) if rendered else html


def on_post_build(config: MkDocsConfig) -> None:
    state = _state()
    analysis, addresses, _ = state.ready()
    with collector_paused():  # the export's records all live until they are written
        data = dumps(export(analysis, addresses, state.site))
    Path(config.site_dir, "claims.json").write_bytes(data)
    _write_sitemap_gzip(Path(config.site_dir))
    gc.unfreeze()


def on_build_error(error: Exception) -> None:
    gc.unfreeze()  # as on_post_build: a preview or a test that builds again starts with a clean collector


def _write_sitemap_gzip(site_dir: Path) -> None:
    """The sitemap's gzip copy again, with no timestamp: MkDocs stamps the build day into the gzip header, and
    two builds must be byte-identical. (overrides/sitemap.xml leaves out the pages marked noindex.)"""
    xml, gz = site_dir / "sitemap.xml", site_dir / "sitemap.xml.gz"
    if xml.is_file() and gz.is_file():
        gz.write_bytes(gzip.compress(xml.read_bytes(), mtime=0))
