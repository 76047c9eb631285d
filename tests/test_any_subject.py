"""Concordance is a tool for any subject: the default site (ketamine for depression) is only its first site.

The engine, the adapter, the templates and the assets never name that subject, and the whole test suite passes
on a clone of this project whose sources, topics and site config are a different, small corpus.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from site_tools import ROOT, write_corpus

from concordance.render import VERDICT_LABEL

# Words of the default site's subject and sources. They belong in the site's own files only: mkdocs.yml's
# extra.concordance, sources/, docs/topics/, docs/index.md, docs/about.md, docs/includes/.
SUBJECT_WORDS = ["ketamine", "esketamine", "depression", "depressive", "antidepressant", "spravato", "asana",
                 "varma", "priya", "beyond-the-hype", "suicid", "nmda"]
ENGINE_PARTS = ["src/concordance", "hooks", "overrides", "docs/assets"]
TEXT_SUFFIXES = {".py", ".html", ".css", ".js", ".svg", ".json", ".txt", ".md", ".yml", ".yaml"}
INNER = "CONCORDANCE_INNER_TEST"  # set for the suite run inside the clone, so that this test skips itself there


def test_the_engine_names_no_subject() -> None:
    pattern = re.compile("|".join(re.escape(w) for w in SUBJECT_WORDS), re.IGNORECASE)
    found, read = [], 0
    for part in ENGINE_PARTS:
        for path in sorted((ROOT / part).rglob("*")):
            if not path.is_file() or path.suffix not in TEXT_SUFFIXES or "__pycache__" in path.parts:
                continue
            read += 1
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if m := pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)!r} in {line.strip()[:100]}")
    assert read > 20, "the engine's files were read"
    assert found == [], "the default subject's words outside the site's own files:\n" + "\n".join(found)


def _copy_tracked(dest: Path) -> None:
    """This checkout's files as they are now (tracked, or new and not ignored), in a fresh git repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "a site on another subject"], cwd=dest, check=True)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="the run inside the clone does not clone again")
def test_make_test_passes_on_a_site_about_another_subject(tmp_path: Path) -> None:
    """The whole suite, linters first, on a clone holding the fixture corpus (intermittent fasting) and a
    lenient site config: no test may need the default corpus. Slow (a few minutes), and CI runs it."""
    venv = ROOT / ".venv"
    if not (venv / "bin" / "python").exists():
        pytest.skip("needs the project's .venv (make test sets it up)")
    clone = tmp_path / "clone"
    clone.mkdir()
    _copy_tracked(clone)
    write_corpus(clone)  # new sources/ and docs/topics/, extra.concordance with no policy
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    "commit", "-q", "-a", "-m", "fixture corpus"], cwd=clone, check=True)
    # Reuse what this checkout installed: its virtual environment (passed as VENV, and linked for the tests
    # that run make themselves), axe-core and the cached iframe-worker shim. Their stamps must be honoured.
    os.symlink(venv, clone / ".venv")
    installed_here = {"axe-core": (ROOT / "node_modules").is_dir(),
                      "iframe-worker": (ROOT / ".cache" / "plugin").is_dir()}
    if installed_here["axe-core"]:
        os.symlink(ROOT / "node_modules", clone / "node_modules")
    if installed_here["iframe-worker"]:
        shutil.copytree(ROOT / ".cache" / "plugin", clone / ".cache" / "plugin", symlinks=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "PYTEST_"))}
    env[INNER] = "1"
    started = time.monotonic()
    run = subprocess.run(["make", "test", f"VENV={venv}"], cwd=clone, env=env, capture_output=True, text=True,
                         timeout=1200)
    took = time.monotonic() - started
    output = run.stdout + run.stderr
    report = ROOT / "test-artifacts" / "any-subject-make-test.log"
    report.parent.mkdir(exist_ok=True)
    report.write_text(f"make test in a clone with the fixture corpus: exit {run.returncode}, {took:.0f} s\n\n"
                      + output, encoding="utf-8")
    assert run.returncode == 0, output[-6000:]
    assert re.search(r"\d+ passed", output), output[-2000:]
    assert "pip install" not in output, "the clone reinstalled into the project's .venv: a stamp was not honoured"
    if all(installed_here.values()):
        assert "npm " not in output, "the clone fetched axe-core or iframe-worker again"
    assert "test_make_test_passes_on_a_site_about_another_subject SKIPPED" in output or (
        "the run inside the clone does not clone again" in output), "the inner run skipped this test"


def test_a_site_of_one_source_and_one_claim_builds(tmp_path: Path) -> None:
    """The smallest site there is: every page builds, and its one claim stands on a single source."""
    import json

    from site_tools import build, copy_project, page_file, parse

    project = write_corpus(copy_project(tmp_path / "p", sources=False, topics=False), minimal=True)
    built = build(project, tmp_path / "site")
    assert built.ok, built.output
    data = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["verdict"]) for c in data["claims"]] == [("short-naps-refresh", "single source")]
    assert [s["id"] for s in data["sources"]] == ["nap-notes"]
    topic = parse(page_file(built.site, data["claims"][0]["page"]))
    assert "A nap of twenty minutes refreshes most adults" in topic.text and VERDICT_LABEL["single source"] in topic.text
    for page in ("index.html", "overview/index.html", "sources/index.html", "topics/index.html"):
        assert (built.site / page).is_file(), page
