"""`make serve`: a preview that never hangs, shows a broken build's errors in the page, and recovers.

The preview runs on a copy of the project, on a free port, as `make serve PORT=...` runs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_tools import CHROMIUM, CHROMIUM_ARGS, ROOT, corpus_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """(status, body); a refused connection is status 0. Each request must answer within 3 s: never hang."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except (ConnectionError, urllib.error.URLError):
        return 0, ""


def wait_for(check, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Preview:
    project: Path
    url: str
    log: Path

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = corpus_project(tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(["make", "-s", "-C", str(ROOT), "serve", f"PORT={port}",
                                   f"PREVIEW_ROOT={project}"], stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url)[0] == 200, what="the first build")
        yield Preview(project, url, log)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def test_a_broken_build_shows_its_errors_on_every_page_and_the_preview_recovers(preview: Preview) -> None:
    topic_url = preview.url + "topics/weight-loss/"
    status, page = fetch(topic_url)
    assert status == 200 and "__preview__" in page, "pages carry the reload script"

    preview.edit("docs/topics/weight-loss.md", "stance: supports", "stance: agrees")
    wait_for(lambda: fetch(topic_url)[0] == 500, what="the error page")
    for url in (topic_url, preview.url, preview.url + "no/such/page/"):
        started = time.monotonic()
        status, body = fetch(url)
        assert time.monotonic() - started < 3, "a request never hangs on a broken build"
        assert status == 500 and "The site did not build" in body, url
        assert "docs/topics/weight-loss.md:" in body and "stance &#x27;agrees&#x27;" in body
    assert "Traceback" not in preview.log.read_text()

    preview.edit("docs/topics/weight-loss.md", "stance: agrees", "stance: supports")
    preview.edit("docs/topics/weight-loss.md", "\ntitle: ", "\ntitle: Edited — ")
    wait_for(lambda: "Edited — " in fetch(topic_url)[1], what="the fixed page")
    assert fetch(topic_url)[0] == 200


def test_the_error_page_shows_file_line_claim_and_closest_passage(preview: Preview) -> None:
    text = (preview.project / "docs/topics/weight-loss.md").read_text(encoding="utf-8")
    quote_line = next(line for line in text.splitlines() if line.strip().startswith("quote:"))
    words = quote_line.split()
    broken = quote_line.replace(words[-1], "zebra" + words[-1][-1], 1)
    preview.edit("docs/topics/weight-loss.md", quote_line, broken)
    wait_for(lambda: fetch(preview.url)[0] == 500, what="the error page")
    body = fetch(preview.url)[1]
    assert "Closest passage" in body and "<blockquote>" in body
    assert "claim <code>" in body


def test_an_edit_to_the_hook_code_takes_effect_on_the_next_rebuild(preview: Preview) -> None:
    # Each rebuild is a fresh process: code under hooks/ (and the engine under src/) is read anew.
    preview.edit("hooks/mkdocs_adapter.py", "    return rendered.markdown\n",
                 "    return rendered.markdown + '\\n\\nEdited hook code.\\n'\n")
    wait_for(lambda: "Edited hook code." in fetch(preview.url + "topics/weight-loss/")[1],
             what="the hook edit")


def test_an_open_page_turns_into_the_error_and_back_by_itself(preview: Preview) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(preview.url + "topics/weight-loss/")
        assert page.locator("h1").first.is_visible()
        preview.edit("docs/topics/weight-loss.md", "stance: supports", "stance: agrees")
        page.locator("#preview-error").wait_for(timeout=60_000)
        assert "weight-loss.md" in page.locator("ol.errors").inner_text()
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "preview-error.png"), full_page=True)
        preview.edit("docs/topics/weight-loss.md", "stance: agrees", "stance: supports")
        page.locator("article h1").wait_for(timeout=60_000)
        assert page.locator("#preview-error").count() == 0
        browser.close()
