"""`make serve` (mkdocs serve) survives a broken edit, says why in the terminal, and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from site_tools import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(check, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_survives_a_broken_edit_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=project,
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        topic_url = f"http://127.0.0.1:{port}/topics/cost-and-access/"
        wait_for(lambda: fetch(topic_url) is not None, what="the first build")
        topic = project / "docs" / "topics" / "cost-and-access.md"
        original = topic.read_text(encoding="utf-8")
        assert "stance: supports" in original

        topic.write_text(original.replace("stance: supports", "stance: agrees", 1), encoding="utf-8")
        wait_for(lambda: "stance 'agrees' is not one of" in log.read_text(), what="the error in the terminal")
        error_lines = [line for line in log.read_text().splitlines() if "stance 'agrees'" in line]
        assert "docs/topics/cost-and-access.md:" in error_lines[0]
        assert "Traceback" not in log.read_text()
        time.sleep(1)
        assert server.poll() is None, "the server keeps running (MkDocs holds requests until the site builds)"

        # Fixing the file (here: the stance back, and a new title to see) brings the site back.
        topic.write_text(original.replace("\ntitle: ", "\ntitle: Edited — ", 1), encoding="utf-8")
        wait_for(lambda: "Edited — " in (fetch(topic_url) or ""), what="the fixed page")
        source = project / "sources" / "asana-recovery.md"
        # Sources are watched too: editing a source's front matter rebuilds its page.
        source.write_text(source.read_text(encoding="utf-8").replace("kind: ", "kind: edited ", 1), encoding="utf-8")
        wait_for(lambda: "edited treatment provider" in (fetch(f"http://127.0.0.1:{port}/sources/asana-recovery/") or ""),
                 what="the rebuilt source page")
    finally:
        server.terminate()
        server.wait(timeout=20)
