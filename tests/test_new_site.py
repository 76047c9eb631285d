"""`make new-site`: a working site on a new subject in minutes, with no word of the default subject in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_tools import ROOT, build, parse

ARTICLE = ROOT / "tests" / "fixtures" / "import" / "fibre-and-appetite.md"
DEFAULT_SUBJECT = re.compile(r"ketamine|esketamine|spravato|depress", re.IGNORECASE)


def concordance(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "concordance.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("new") / "fibre"
    made = subprocess.run(["make", "-s", "-C", str(ROOT), "new-site", f"DIR={site}", "SUBJECT=dietary fibre"],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    return site


def test_the_new_site_speaks_only_of_its_own_subject(new_site: Path) -> None:
    for relative in ("mkdocs.yml", "docs/index.md", "docs/about.md", "docs/topics/example.md", "README.md"):
        text = (new_site / relative).read_text(encoding="utf-8")
        assert not DEFAULT_SUBJECT.search(text), relative
    assert "dietary fibre" in (new_site / "mkdocs.yml").read_text(encoding="utf-8")
    assert list((new_site / "sources").glob("*.md")) == [], "sources/ starts empty"
    for tool in ("Makefile", "hooks/mkdocs_adapter.py", "src/concordance/load.py", ".ci/run",
                 ".github/workflows/site.yml", "tests/test_engine.py"):
        assert (new_site / tool).is_file(), tool


def test_before_its_first_source_the_build_says_what_to_do(new_site: Path, tmp_path: Path) -> None:
    built = build(new_site, tmp_path / "site")
    assert not built.ok and "Traceback" not in built.output
    assert "sources: holds no sources. Add an article as sources/<id>.md." in built.output


def test_one_imported_article_and_one_claim_build_on_the_first_try(new_site: Path, tmp_path: Path) -> None:
    imported = concordance("import", str(ARTICLE), "--out", str(new_site / "sources"), "--id", "your-first-article")
    assert imported.returncode == 0, imported.stderr
    topic = new_site / "docs" / "topics" / "example.md"
    text = topic.read_text(encoding="utf-8")
    text = text.replace('"REPLACE with words copied exactly from the article"',
                        '"naturally consumed fewer calories at lunch"')
    text = text.replace("A neutral statement, one proposition, that at least one source supports.",
                        "A high-fibre breakfast is followed by a smaller lunch.")
    topic.write_text(text, encoding="utf-8")
    built = build(new_site, tmp_path / "site")
    assert built.ok, built.output
    page = parse(tmp_path / "site" / "topics" / "example" / "index.html")
    assert "A high-fibre breakfast is followed by a smaller lunch." in page.text
    assert "naturally consumed fewer calories at lunch" in page.text
    checked = concordance("check", "--root", str(new_site))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Every rule of the site's policy holds." in checked.stdout, "a new site starts lenient"


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    made = concordance("new", str(tmp_path), "--subject", "sleep")
    assert made.returncode != 0 and "is not empty; nothing was written" in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
