"""`make bench`: how fast the site builds at 10, 100 and 1,000 sources, and what the hooks cost.

For each size it generates a synthetic corpus (bench/generate.py), then builds it several times, each build a
fresh `mkdocs build --strict` process:

* hooks: the real hooks, run through bench/timing_hook.py, which times every adapter event (and the
  engine's `build_analysis` inside `on_files`);
* floor: plain MkDocs + Material, no hooks, building the same pages written out as ordinary Markdown files
  (each page's final Markdown with its HTML fragments in place), with the same nav, the same theme and
  Markdown extensions, and claims.json as a static file.

It reports medians of wall time, time inside the hooks, peak memory (ru_maxrss of the build process) and the
site's size, plus the seed site's (this repository's own) build time and the hooks' share of it; writes
bench-results/results.json and the "Build speed" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import ROOT, copy_site_setup, generate

RESULTS = ROOT / "bench-results"
BENCHMARKS = ROOT / "BENCHMARKS.md"
TIMING_HOOK = Path(__file__).resolve().parent / "timing_hook.py"
SECTION = "## Build speed"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def run_build(project: Path, config: str, site: Path, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """One `mkdocs build --strict` in a fresh process: wall seconds, peak memory and its output."""
    if site.exists():
        shutil.rmtree(site)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env={**ENV, **(extra_env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project / config} failed ({proc.returncode}):\n{output[-4000:]}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    cpu = usage.ru_utime + usage.ru_stime  # the build's own CPU time: other work on the machine does not add to it
    return {"seconds": seconds, "cpu": cpu, "max_rss": rss, "output": output.strip()}


def site_size(site: Path) -> tuple[int, int]:
    """(bytes in files, number of files) of a built site."""
    total = count = 0
    for path in site.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            count += 1
    return total, count


def write_bench_config(project: Path) -> None:
    shutil.copy(TIMING_HOOK, project / "bench_timing_hook.py")
    (project / "mkdocs.bench.yml").write_text(
        "# The project's mkdocs.yml, with the adapter run through the benchmark's timing wrapper.\n"
        "INHERIT: mkdocs.yml\nhooks:\n  - bench_timing_hook.py\n", encoding="utf-8")


def write_floor(project: Path, capture: Path, claims_json: Path) -> None:
    """A hook-free project of the same pages: captured Markdown, nav written out, claims.json as a file."""
    floor = project / "floor-docs"
    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(project / "docs", floor, ignore=shutil.ignore_patterns("topics"))
    shutil.copytree(capture / "docs", floor, dirs_exist_ok=True)
    shutil.copy(claims_json, floor / "claims.json")
    nav = json.loads((capture / "nav.json").read_text(encoding="utf-8"))
    (project / "mkdocs.floor.yml").write_text(
        "# The floor: the same pages as plain Markdown files, no hooks.\n"
        "INHERIT: mkdocs.yml\ndocs_dir: floor-docs\nhooks: []\nwatch: []\n"
        "not_in_nav: |\n  /topics/*.md\n  /sources/*.md\n"
        f"nav: {json.dumps(nav, ensure_ascii=False)}\n", encoding="utf-8")


def timings(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    seconds = data["seconds"]
    hooks = sum(v for k, v in seconds.items() if k.startswith("on_"))
    hooks_cpu = sum(v for k, v in data.get("cpu", {}).items() if k.startswith("on_"))
    return {"hooks": hooks, "hooks_cpu": hooks_cpu, "events": seconds, "calls": data["calls"]}


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(n: int, runs: int, work: Path, seed: int) -> dict[str, Any]:
    project = work / f"n{n}"
    started = time.perf_counter()
    manifest = generate(project, n, seed=seed)
    generated = time.perf_counter() - started
    write_bench_config(project)
    capture = work / f"capture-{n}"
    shutil.rmtree(capture, ignore_errors=True)
    site = work / f"site-{n}"
    # One unmeasured build writes the floor's pages (and warms the file cache).
    run_build(project, "mkdocs.bench.yml", site, {"BENCH_CAPTURE": str(capture)})
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert len(claims["claims"]) == len(manifest.claims), "every generated claim is in claims.json"
    write_floor(project, capture, site / "claims.json")
    hooks_runs, floor_runs = [], []
    for i in range(runs):
        stamp = work / f"timings-{n}-{i}.json"
        r = run_build(project, "mkdocs.bench.yml", site, {"BENCH_TIMINGS": str(stamp)})
        r.update(timings(stamp))
        r["size"], r["files"] = site_size(site)
        hooks_runs.append(r)
        f = run_build(project, "mkdocs.floor.yml", work / f"floor-site-{n}")
        f["size"], f["files"] = site_size(work / f"floor-site-{n}")
        floor_runs.append(f)
        print(f"  {n} sources, run {i + 1}/{runs}: hooks build {r['seconds']:.2f} s "
              f"(in hooks {r['hooks']:.2f} s), floor {f['seconds']:.2f} s", flush=True)
    events = {k: median([r["events"].get(k, 0.0) for r in hooks_runs]) for k in hooks_runs[0]["events"]}
    result = {
        "sources": n, "topics": len(manifest.topics), "claims": len(manifest.claims),
        "positions": manifest.positions, "pages": hooks_runs[0]["calls"].get("on_page_markdown", 0),
        "generate_seconds": generated, "runs": runs,
        "build_seconds": median([r["seconds"] for r in hooks_runs]),
        "hooks_seconds": median([r["hooks"] for r in hooks_runs]),
        "floor_seconds": median([f["seconds"] for f in floor_runs]),
        "build_cpu": median([r["cpu"] for r in hooks_runs]),
        "hooks_cpu": median([r["hooks_cpu"] for r in hooks_runs]),
        "floor_cpu": median([f["cpu"] for f in floor_runs]),
        "max_rss": median([r["max_rss"] for r in hooks_runs]),
        "floor_max_rss": median([f["max_rss"] for f in floor_runs]),
        "site_bytes": median([r["size"] for r in hooks_runs]), "site_files": hooks_runs[0]["files"],
        "floor_site_bytes": median([f["size"] for f in floor_runs]),
        "events": events,
        "all_runs": {"hooks": [{k: v for k, v in r.items() if k != "output"} for r in hooks_runs],
                     "floor": [{k: v for k, v in f.items() if k != "output"} for f in floor_runs]},
    }
    result["overhead"] = result["build_seconds"] / result["floor_seconds"] - 1
    result["hooks_over_floor"] = result["hooks_seconds"] / result["floor_seconds"]
    result["hooks_share"] = result["hooks_seconds"] / result["build_seconds"]
    result["hooks_over_floor_cpu"] = result["hooks_cpu"] / result["floor_cpu"]
    for path in (site, work / f"floor-site-{n}", capture):
        shutil.rmtree(path, ignore_errors=True)
    return result


def profile_build(project: Path, site: Path, out: Path) -> list[dict[str, Any]]:
    """One more build with the real hooks under cProfile (not timed): the hooks' functions by cumulative time.
    The full report goes to `out` (text) and `out`.prof (pstats)."""
    prof = out.with_suffix(".prof")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "-q",
           "-f", "mkdocs.bench.yml", "-d", str(site)]
    subprocess.run(cmd, cwd=project, env=ENV, check=True, capture_output=True)
    shutil.rmtree(site, ignore_errors=True)
    with out.open("w", encoding="utf-8") as f:
        pstats.Stats(str(prof), stream=f).sort_stats("cumulative").print_stats(60)
    table = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    rows = [{"function": f"{Path(file).parent.name}/{Path(file).name}:{name}", "calls": calls, "own": own,
             "cumulative": cumulative}
            for (file, _, name), (_, calls, own, cumulative, _) in table.items()
            if f"{os.sep}hooks{os.sep}" in file and name != "<module>"]  # imports are not the hooks' work
    rows.sort(key=lambda r: -r["cumulative"])
    return rows[:16]


def bench_seed(runs: int, work: Path) -> dict[str, Any]:
    """This repository's own site, as it stands in the working tree."""
    project = work / "seed"
    shutil.rmtree(project, ignore_errors=True)
    copy_site_setup(project)
    shutil.copytree(ROOT / "docs" / "topics", project / "docs" / "topics")
    shutil.copytree(ROOT / "sources", project / "sources")
    write_bench_config(project)
    out = []
    for i in range(runs):
        stamp = work / f"timings-seed-{i}.json"
        r = run_build(project, "mkdocs.bench.yml", work / "site-seed", {"BENCH_TIMINGS": str(stamp)})
        r.update(timings(stamp))
        r["size"], r["files"] = site_size(work / "site-seed")
        out.append(r)
    shutil.rmtree(work / "site-seed", ignore_errors=True)
    build = median([r["seconds"] for r in out])
    hooks = median([r["hooks"] for r in out])
    return {"build_seconds": build, "hooks_seconds": hooks, "hooks_share": hooks / build,
            "max_rss": median([r["max_rss"] for r in out]), "site_bytes": median([r["size"] for r in out]),
            "sources": len(list((ROOT / "sources").glob("*.md"))),
            "topics": len(list((ROOT / "docs" / "topics").glob("*.md"))), "runs": runs}


def machine() -> dict[str, str]:
    def cmd(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "unknown"
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(line.split()[1] for line in lines if line.startswith("MemTotal")))
        mem = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"nproc": cmd("nproc"), "python3 --version": cmd("python3", "--version"),
            "venv python": platform.python_version(), "cpu": cpu, "memory": mem,
            "platform": platform.platform(), "mkdocs": _version("mkdocs"), "material": _version("mkdocs-material")}


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    sizes = {r["sources"]: r for r in results["sizes"]}
    out = []
    if 1000 in sizes:
        r = sizes[1000]
        out.append(("Hooks' overhead over the floor at 1,000 sources ≤ 10% (build time − floor) / floor",
                    f"{r['overhead']:+.1%}", r["overhead"] <= 0.10))
        out.append(("Stricter: time inside the hooks at 1,000 sources, over the floor's build time ≤ 10% (wall)",
                    f"{r['hooks_over_floor']:.1%}", r["hooks_over_floor"] <= 0.10))
        out.append(("Stricter, in CPU time (not inflated by other work on the machine) ≤ 10%",
                    f"{r['hooks_over_floor_cpu']:.1%}", r["hooks_over_floor_cpu"] <= 0.10))
        out.append(("Peak memory at 1,000 sources < 1 GB", f"{r['max_rss'] / 1e6:.0f} MB", r["max_rss"] < 1e9))
    if 100 in sizes and 1000 in sizes:
        growth = sizes[1000]["hooks_seconds"] / sizes[100]["hooks_seconds"]
        out.append(("Hooks' time from 100 to 1,000 sources grows ≤ 11× (wall)", f"{growth:.1f}×", growth <= 11))
        growth = sizes[1000]["hooks_cpu"] / sizes[100]["hooks_cpu"]
        out.append(("Hooks' time from 100 to 1,000 sources grows ≤ 11× (CPU)", f"{growth:.1f}×", growth <= 11))
        size_growth = sizes[1000]["site_bytes"] / sizes[100]["site_bytes"]
        out.append(("Site size from 100 to 1,000 sources grows linearly (≤ 11×)", f"{size_growth:.1f}×",
                    size_growth <= 11))
    return out


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [SECTION, "",
             f"Measured by `make bench` on {results['date']}: {m['nproc']} CPUs (`nproc`), {m['cpu']}, "
             f"{m['memory']} RAM; `python3 --version`: {m['python3 --version']} (the build runs in the "
             f"virtual environment's Python {m['venv python']}); MkDocs {m['mkdocs']}, Material {m['material']}; "
             f"{m['platform']}.", "",
             "| Sources | Topics | Claims | Pages | Build (s) | In hooks (s) | Hooks' share | Floor (s) "
             "| Overhead over floor | Hooks ÷ floor | Peak memory | Site size | Floor site size |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results["sizes"]:
        lines.append(f"| {r['sources']:,} | {r['topics']:,} | {r['claims']:,} | {r['pages']:,} | "
                     f"{r['build_seconds']:.2f} | {r['hooks_seconds']:.2f} | {r['hooks_share']:.0%} | "
                     f"{r['floor_seconds']:.2f} | "
                     f"{r['overhead']:+.1%} | {r['hooks_over_floor']:.1%} | {mb(r['max_rss'])} | "
                     f"{mb(r['site_bytes'])} | {mb(r['floor_site_bytes'])} |")
    lines += ["", "The same builds in CPU time (user + system of the build process, medians), which other work on a "
              "shared machine does not inflate:", "",
              "| Sources | Build CPU (s) | Hooks CPU (s) | Floor CPU (s) | Hooks ÷ floor (CPU) |",
              "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['sources']:,} | {r['build_cpu']:.2f} | {r['hooks_cpu']:.2f} | {r['floor_cpu']:.2f} | "
              f"{r['hooks_over_floor_cpu']:.1%} |" for r in results["sizes"]]
    s = results.get("seed")
    lines.append("")
    if s and "error" not in s:
        lines.append(f"Seed site (this repository: {s['sources']} sources, {s['topics']} topics): build "
                     f"{s['build_seconds']:.2f} s, of which {s['hooks_seconds']:.2f} s in the hooks "
                     f"({s['hooks_share']:.0%}); peak memory {mb(s['max_rss'])}; site {mb(s['site_bytes'])}.")
    elif s:
        lines.append(f"Seed site: the build failed when measured ({s['error']}).")
    lines += ["", "Where the hooks' time goes at the largest size (median seconds per event, summed over pages; the `engine:` steps are parts of `on_files`):", ""]
    big = results["sizes"][-1]
    lines.append(", ".join(f"`{k}` {v:.2f}" for k, v in sorted(big["events"].items(), key=lambda kv: -kv[1])) + ".")
    prof = results.get("profile")
    if prof:
        lines += ["", f"The hooks' functions by cumulative time in one build of {prof['sources']:,} sources under "
                  "cProfile (`bench/run.py --profile`, as `make bench` runs it; the profiler slows Python code "
                  "about twofold, so read the shares; full report in "
                  f"`bench-results/profile-{prof['sources']}.txt`):", "",
                  "| Function | Calls | Cumulative (s) | Own (s) |", "|---|---:|---:|---:|"]
        lines += [f"| `{r['function']}` | {r['calls']:,} | {r['cumulative']:.2f} | {r['own']:.2f} |"
                  for r in prof["top"]]
    lines += ["", "| Target | Measured | Holds |", "|---|---:|:---:|"]
    lines += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in targets(results)]
    lines += ["", "### Reading the figures", "",
              "- The floor builds more slowly than the site with its hooks: Python-Markdown parses every HTML block "
              "it is given, and the floor's pages carry their tables and articles as HTML, while the hooks hand "
              "Markdown an empty slot and insert the HTML after it has run. So *overhead over floor* comes out "
              "negative and says little; *hooks ÷ floor* and *hooks' share* are the figures to watch.",
              "- Above 25 sources the sidebar lists only the sources index, and above 25 topics only the topics "
              "index (`MAX_SOURCES_IN_NAV`, `MAX_TOPICS_IN_NAV` in `hooks/mkdocs_adapter.py`); above 25 sources a "
              "page lists the sources that speak on its topic and counts the others (`MAX_LISTED_SOURCES` in "
              "`src/concordance/render/context.py`), the overview lists the 50 pairs of sources that share the most "
              "claims, and the review page the unquoted sentences of the 25 sources with most waiting and the "
              "mentions of the 25 topics with most. The indexes (topics, sources, disputed claims) grow with the "
              "corpus, a line per entry, and so can one topic's mentions on the review page (a maintainers' page).",
              "- Every engine step is linear (each text is normalised once, each quote found in its own source "
              "only, phrases matched by one tree-shaped pattern), yet time grows a little faster than the corpus: "
              "a working set ten times larger misses the CPU caches more often, in every step alike.",
              "- The machine is shared: other work running at the same time slows single runs (see every run in "
              "`bench-results/results.json`); the medians of three runs damp it.",
              "", "### Method", "",
              "- `bench/generate.py` writes a synthetic corpus in the project's real formats for N sources: articles "
              "of about 1,200 words (headings, paragraphs, bullet and numbered items, curly apostrophes, dashes, "
              "figures), N topics, 10 claims per source, 1–4 positions per claim (mostly *supports*, about one in "
              "five of the others *contradicts* or *qualifies*), every quote taken word for word from its source "
              "and unique in it; with a copy of this repository's `mkdocs.yml`, `hooks/` and hand-written `docs/`.",
              f"- Each size is built {results['runs']} time(s); the figures are medians. Every build is a fresh "
              "`python -m mkdocs build --strict` process, so times include Python's start-up and imports.",
              "- **Build**: wall time of the build with the real hooks. **In hooks**: time inside the adapter's "
              "event functions (engine and adapter), measured by `bench/timing_hook.py`, a hook module that "
              "imports `hooks/mkdocs_adapter.py` and times each event; the production adapter is unchanged.",
              "- **Floor**: plain MkDocs + Material, no hooks, building the same pages as ordinary Markdown files "
              "(each page's final Markdown with its HTML fragments in place, captured by an unmeasured build), the "
              "same nav, theme and extensions, and `claims.json` as a static file. **Overhead over floor** is "
              "(build − floor) ÷ floor; it can be negative, since the hooks hand their HTML to Markdown as slots "
              "while the floor's Markdown has to parse that HTML. **Hooks ÷ floor** is the stricter figure: "
              "all the time inside the hooks, over the floor's build time. **Hooks' share**: time inside the "
              "hooks over the whole build with hooks.",
              "- **Peak memory**: `ru_maxrss` of the build process (`os.wait4`). **Site size**: bytes of all files "
              "in the built site.",
              "- Raw figures, every run and the per-event times: `bench-results/results.json` (not committed).",
              ""]
    return "\n".join(lines)


def update_benchmarks(section: str) -> None:
    """Replace (or add) only the "Build speed" section of BENCHMARKS.md: other sections stay as they are."""
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## (?!#)|\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    BENCHMARKS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Build-speed benchmark (make bench).")
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of sources, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where to build (default: a temporary folder, removed)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one build of the largest size (cProfile) and report where the time goes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="concordance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "runs": args.runs,
                               "sizes": []}
    try:
        print(f"seed site, {args.runs} builds", flush=True)
        try:
            results["seed"] = bench_seed(args.runs, work)
        except RuntimeError as e:  # the working tree's content may be mid-edit: report, go on
            results["seed"] = {"error": str(e).splitlines()[-1][:300]}
            print(f"  seed site did not build: {e}", flush=True)
        for n in sizes:
            print(f"{n} sources: generating and building {args.runs} times", flush=True)
            results["sizes"].append(bench_size(n, args.runs, work, args.seed))
        if args.profile and sizes:
            n = max(sizes)
            print(f"{n} sources: one more build under cProfile", flush=True)
            RESULTS.mkdir(exist_ok=True)
            results["profile"] = {"sources": n, "top": profile_build(work / f"n{n}", work / "site-profile",
                                                                     RESULTS / f"profile-{n}.txt")}
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    section = markdown(results)
    print("\n" + section)
    if not args.no_write:
        update_benchmarks(section)
        print(f"wrote {RESULTS / 'results.json'} and the '{SECTION[3:]}' section of {BENCHMARKS.name}")
    failed = [name for name, _, ok in targets(results) if not ok]
    if failed:
        print("targets missed: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
