"""Publishing: the GitHub workflow is valid and safe to run; two builds of one commit are byte-identical."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_tools import ROOT, build, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PAGES_ACTIONS = {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """GitHub's workflow schema (SchemaStore's, shipped inside check-jsonschema: no network needed)."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def test_the_workflow_is_valid_by_githubs_schema() -> None:
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    result = validate(broken)
    assert result.returncode != 0 and "run-on" in result.stdout, result.stdout


def test_pull_requests_run_every_test_and_a_strict_build(workflow: dict[str, Any]) -> None:
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["test"]
    assert "if" not in job, "the tests run on every event"
    assert "make test" in runs(job) and "make site" in runs(job)
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8"), "make site is strict"


def test_a_push_to_main_deploys_to_pages_only_after_the_tests(workflow: dict[str, Any]) -> None:
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    deploying = [name for name, job in jobs.items() if PAGES_ACTIONS & set(uses(job))]
    assert deploying, "the official Pages actions publish the site"
    assert PAGES_ACTIONS <= {u for name in deploying for u in uses(jobs[name])}

    def upstream(name: str) -> set[str]:
        needs = jobs[name].get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        return set(needs).union(*(upstream(n) for n in needs)) if needs else set()

    for name in deploying:
        assert "test" in upstream(name), f"job {name} publishes without waiting for the tests"
        condition = jobs[name].get("if", "") + "".join(jobs[n].get("if", "") for n in upstream(name))
        assert "refs/heads/main" in condition and "pull_request" in condition, "pull requests never publish"
    deploy = next(name for name in deploying if "actions/deploy-pages" in uses(jobs[name]))
    assert jobs[deploy]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs[deploy]["environment"]["name"] == "github-pages"
    assert jobs[deploy]["concurrency"]["cancel-in-progress"] is False, "a running deploy is never cut short"
    assert workflow["permissions"] == {"contents": "read"}, "every other job only reads"


def test_actions_are_pinned_to_a_commit_and_pip_downloads_are_cached(workflow: dict[str, Any]) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    pins = re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+)\s*#\s*(v\d+\.\d+\.\d+)", text)
    every = re.findall(r"uses:\s*(\S+)", text)
    assert len(pins) == len(every) >= 6, "every action is pinned, with its full version in a comment"
    for name, ref, _ in pins:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name} is pinned to a moving tag, not a commit: {ref}"
    for job in workflow["jobs"].values():
        for step in steps(job):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip" and step["with"]["cache-dependency-path"] == "requirements.lock"


def test_the_site_knows_its_address_and_repository_from_github(workflow: dict[str, Any]) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("CONCORDANCE_SITE_URL", "CONCORDANCE_REPO_URL"):
        assert f"!ENV [{name}," in config
        assert "${{ github." in workflow["env"][name]
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"


# ---------------------------------------------------------------- reproducible output


def test_two_builds_in_two_folders_are_byte_identical(tmp_path: Path) -> None:
    epoch = "1700000000"  # 2023-11-14: what `make` sets from the last commit
    sites = []
    for folder in ("one", "a-longer/second-place"):
        project = copy_project(tmp_path / folder / "project")
        built = build(project, tmp_path / folder / "out" / "site", env={"SOURCE_DATE_EPOCH": epoch})
        assert built.ok, built.output
        sites.append(built.site)
    first, second = ({p.relative_to(s).as_posix(): p for p in sorted(s.rglob("*")) if p.is_file()} for s in sites)
    assert first.keys() == second.keys()
    assert {"sitemap.xml", "sitemap.xml.gz", "claims.json", "index.html", "search/search_index.json"} <= first.keys()
    different = [name for name in first if first[name].read_bytes() != second[name].read_bytes()]
    assert different == [], f"files that differ between two builds: {different}"

    today = datetime.date.today().isoformat()
    leaks = [str(tmp_path), str(ROOT), today]
    for name, path in first.items():
        data = path.read_bytes()
        if name.endswith(".gz"):
            assert data[4:8] == b"\0\0\0\0", f"{name} carries a timestamp in its gzip header"
            data = gzip.decompress(data)
        for leak in leaks:
            assert leak.encode() not in data, f"{name} contains {leak!r} (a build path or today's date)"
    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap, "the sitemap dates pages by SOURCE_DATE_EPOCH"


def test_make_dates_the_build_by_the_last_commit() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH" and not k.startswith("MAKE")}
    made = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "show-epoch"],
                          input="show-epoch:\n\t@echo $$SOURCE_DATE_EPOCH\n", cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode != 0:
        pytest.skip("not a git checkout")
    assert made.stdout.strip() == commit.stdout.strip(), made.stderr
