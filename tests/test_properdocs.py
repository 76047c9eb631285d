"""ProperDocs 1.6.7 (a fork of MkDocs 1.6 by its former maintainers) builds the same site as MkDocs: the same
files, byte for byte, but for the generator's name in each page's <meta name="generator">."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_tools import MKDOCS, ROOT, copy_project

pytestmark = pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                                reason="ProperDocs is not installed: `make test` and `make site-properdocs` install it "
                                       "(requirements-properdocs.lock)")
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="([^"]*)">')


def build(command: list[str], site: Path) -> None:
    # One date for both (the sitemap's lastmod), as `make` sets it from the last commit.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    run = subprocess.run([*command, "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr and "ERROR" not in run.stderr, run.stderr


def test_properdocs_builds_the_same_site_but_for_the_generator_tag(tmp_path: Path) -> None:
    build(MKDOCS, tmp_path / "mkdocs")
    build([sys.executable, "-m", "properdocs"], tmp_path / "properdocs")
    trees = {name: {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                    for p in (tmp_path / name).rglob("*") if p.is_file()} for name in ("mkdocs", "properdocs")}
    mk, pd = trees["mkdocs"], trees["properdocs"]
    assert sorted(mk) == sorted(pd), "the two generators wrote different files"
    tagged = 0
    for name in mk:
        if mk[name] == pd[name]:
            continue
        # The only allowed difference: the generator's own name, once per page.
        tags = GENERATOR_TAG.findall(mk[name]), GENERATOR_TAG.findall(pd[name])
        assert len(tags[0]) == len(tags[1]) == 1, f"{name} differs, and not in its generator tag"
        assert tags[0][0].startswith(b"mkdocs-1.6") and b"ProperDocs 1.6" in tags[1][0], tags
        assert GENERATOR_TAG.sub(b"", mk[name]) == GENERATOR_TAG.sub(b"", pd[name]), \
            f"{name} differs beyond its generator tag"
        tagged += 1
    pages = [n for n in mk if n.endswith(".html") and GENERATOR_TAG.search(mk[n])]
    assert tagged == len(pages) > 0, "every page names its generator, and nothing else differs"
    assert "claims.json" in mk and "sitemap.xml.gz" in mk and mk["claims.json"] == pd["claims.json"]


def test_a_maintainers_mistake_stops_properdocs_with_one_line(tmp_path: Path) -> None:
    """The adapter raises the running generator's own PluginError: one line, no traceback, under ProperDocs too."""
    project = copy_project(tmp_path / "project")
    source = sorted((project / "sources").glob("*.md"))[0].stem
    (project / "docs" / "sources").mkdir()
    (project / "docs" / "sources" / f"{source}.md").write_text("# Mine\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d",
                          str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f"docs/sources/{source}.md: a hand-written page has the address" in errors[0], \
        run.stderr
    assert "Traceback" not in run.stderr
