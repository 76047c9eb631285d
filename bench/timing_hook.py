"""A MkDocs hook module for benchmarks: runs the real adapter (hooks/mkdocs_adapter.py) and times it.

Configure it instead of the adapter (`hooks: [bench_timing_hook.py]` next to `hooks/`): every `on_*`
event the adapter defines is wrapped, and the seconds spent in each (wall and CPU time) are written as JSON
to the file named by $BENCH_TIMINGS at the end of the build. Two steps inside `on_files` are timed too: the
engine's analysis (`build_analysis`) and the rendering of every page (`_render_pages`). The production adapter
is not changed.

With $BENCH_CAPTURE set to a folder, it also writes each page as plain Markdown there (the page's final
Markdown with every slot replaced by its HTML fragment), and the final nav as `nav.json`: the material of
the benchmark's floor, a hook-free MkDocs build of the same pages.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ADAPTER_PATH = Path(__file__).resolve().parent / "hooks" / "mkdocs_adapter.py"
_spec = importlib.util.spec_from_file_location("concordance_mkdocs_adapter", _ADAPTER_PATH)
assert _spec is not None and _spec.loader is not None
adapter = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = adapter
_spec.loader.exec_module(adapter)

_seconds: dict[str, float] = {}  # wall time
_cpu: dict[str, float] = {}  # CPU time of this process: what other work on the machine does not inflate
_calls: dict[str, int] = {}
from concordance.render import SLOT_PATTERN as _SLOT  # noqa: E402  (after the adapter, as it loads)


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _seconds[name] = _seconds.get(name, 0.0) + time.perf_counter() - start
            _cpu[name] = _cpu.get(name, 0.0) + time.process_time() - cpu
            _calls[name] = _calls.get(name, 0) + 1
    return wrapper


# The engine's entry point, as the adapter calls it (the name it imported), and the rendering of every page
# (inside on_files too).
if hasattr(adapter, "build_analysis"):
    adapter.build_analysis = _timed("engine:build_analysis", adapter.build_analysis)
if hasattr(adapter, "_render_pages"):
    adapter._render_pages = _timed("engine:render_pages", adapter._render_pages)

_events = {name: getattr(adapter, name) for name in dir(adapter)
           if name.startswith("on_") and callable(getattr(adapter, name))}
for _name, _fn in _events.items():
    globals()[_name] = _timed(_name, _fn)


def _capture_dir() -> Path | None:
    where = os.environ.get("BENCH_CAPTURE")
    return Path(where) if where else None


def _nav_item(item: Any) -> Any:
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    if isinstance(item, Page):
        explicit = item.__dict__.get("title")  # a title given in mkdocs.yml, not one read from the page
        return {explicit: item.file.src_uri} if explicit else item.file.src_uri
    if isinstance(item, Section):
        return {item.title: [_nav_item(c) for c in item.children]}
    if isinstance(item, Link):
        return {item.title: item.url}
    raise TypeError(f"unknown nav item {item!r}")


if _capture_dir() is not None:
    _timed_nav = globals()["on_nav"]
    _timed_markdown = globals()["on_page_markdown"]

    def on_nav(nav: Any, config: Any, files: Any) -> Any:  # type: ignore[no-redef]
        nav = _timed_nav(nav, config=config, files=files)
        out = _capture_dir()
        assert out is not None
        out.mkdir(parents=True, exist_ok=True)
        (out / "nav.json").write_text(json.dumps([_nav_item(i) for i in nav.items], ensure_ascii=False),
                                      encoding="utf-8")
        return nav

    def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:  # type: ignore[no-redef]
        import yaml

        markdown = _timed_markdown(markdown, page=page, config=config, files=files)
        rendered = adapter._state().pages.get(page.file.src_uri)
        fragments = getattr(rendered, "fragments", {}) or {}

        def fill(m: re.Match[str]) -> str:
            return f"\n\n{fragments[m.group(1)]}\n\n" if m.group(1) in fragments else m.group(0)

        plain = _SLOT.sub(fill, markdown)
        if page.meta:
            plain = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n\n{plain}"
        out = _capture_dir()
        assert out is not None
        target = out / "docs" / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain, encoding="utf-8")
        return markdown


def _write_timings() -> None:
    target = os.environ.get("BENCH_TIMINGS")
    if target:
        Path(target).write_text(json.dumps({"seconds": _seconds, "cpu": _cpu, "calls": _calls}, indent=1),
                                encoding="utf-8")


_post_build = globals().get("on_post_build")


def on_post_build(config: Any) -> None:  # type: ignore[no-redef]
    if _post_build is not None:
        _post_build(config=config)
    _write_timings()
