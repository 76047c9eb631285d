"""Lighthouse (mobile) on the built site's home page and its largest topic page: `make audit`.

Each page is audited --runs times (5 by default) and the run with the median performance score is kept:
performance swings with how busy the machine is, the other scores and the weights do not.
The site is served on 127.0.0.1 the way GitHub Pages serves it (text compressed with gzip, cached for ten
minutes), and Lighthouse drives Debian's Chromium (CHROME_PATH). Writes <out>.json and <out>.md, prints the table.
A benchmark, not a test: the figures go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import mimetypes
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: gzip for text, a short cache lifetime."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the redirect to the address with a slash
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: PagesLikeHandler(*a, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def largest_topic(site: Path) -> str:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    topic = max(data["topics"], key=lambda t: sum(c["topic"] == t["id"] for c in data["claims"]))
    return str(topic["page"])


def lighthouse(binary: str, url: str, report: Path) -> dict[str, Any]:
    subprocess.run([binary, url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, timeout=600, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH",
                                                                                       "/usr/bin/chromium")})
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def uncounted_worker_bytes(site: Path, requests: list[dict[str, Any]]) -> int:
    """Lighthouse counts a few hundred bytes for Material's search worker script: add what it really weighs."""
    extra = 0
    for r in requests:
        path = r["url"].split("/", 3)[-1]
        if "/workers/" in r["url"] and (site / path).is_file():
            extra += max(0, len(gzip.compress((site / path).read_bytes(), compresslevel=6)) - r.get("transferSize", 0))
    return extra


def summary(page: str, lhr: dict[str, Any], site: Path) -> dict[str, Any]:
    requests = lhr["audits"]["network-requests"]["details"]["items"]
    worker = uncounted_worker_bytes(site, requests)
    failed = [a["id"] for c in CATEGORIES for ref in lhr["categories"][c]["auditRefs"]
              if ref["weight"] > 0 and (a := lhr["audits"][ref["id"]])["score"] is not None and a["score"] < 1]
    document = next(r for r in requests if r.get("resourceType") == "Document")
    return {
        "page": page or "(home)",
        "scores": {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES},
        "total_kb": round((lhr["audits"]["total-byte-weight"]["numericValue"] + worker) / 1024, 1),
        "before_fonts_kb": round((sum(r.get("transferSize", 0) for r in requests
                                      if r.get("resourceType") != "Font") + worker) / 1024, 1),
        "search_index_kb": round(sum(r.get("transferSize", 0) for r in requests
                                     if "search_index" in r["url"]) / 1024, 1),
        "html_kb": round(document.get("transferSize", 0) / 1024, 1),
        "requests": len(requests),
        "metrics": {short: lhr["audits"][key]["displayValue"] for key, short in METRICS.items()},
        "failed_audits": sorted(set(failed)),
        "lighthouse": lhr["lighthouseVersion"],
        "browser": lhr["environment"]["hostUserAgent"],
    }


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| page | performance | accessibility | best practices | SEO | weight (KB, compressed) "
             "| before fonts (KB) | HTML (KB) | search index (KB) | requests |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s = r["scores"]
        lines.append(f"| {r['page']} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
                     f"| {r['total_kb']} | {r['before_fonts_kb']} | {r['html_kb']} | {r['search_index_kb']} | {r['requests']} |")
    lines.append("")
    for r in rows:
        lines.append(f"{r['page']}: " + ", ".join(f"{k} {v}" for k, v in r["metrics"].items())
                     + f"; performance in {r['runs']} runs: {r['performance_runs']}")
    for r in rows:
        if r["failed_audits"]:
            lines.append(f"{r['page']}: audits not passed: {', '.join(r['failed_audits'])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command")
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("bench-results/lighthouse"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for page in ("", largest_topic(args.site)):
            runs = sorted((summary(page, lighthouse(args.lighthouse, base + page, Path(tmp) / "report.json"), args.site)
                           for _ in range(args.runs)), key=lambda r: r["scores"]["performance"])
            median = runs[len(runs) // 2]
            median.update(runs=len(runs), performance_runs=[r["scores"]["performance"] for r in runs])
            rows.append(median)
    server.shutdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    args.out.with_suffix(".json").write_text(json.dumps({"measured": when, "pages": rows}, indent=1) + "\n",
                                             encoding="utf-8")
    text = (f"Lighthouse {rows[0]['lighthouse']}, mobile (simulated Moto G Power, slow 4G), {when}; weights are "
            f"compressed transfer sizes, Material's search worker script added (Lighthouse counts ~0.2 KB of it)\n"
            f"{rows[0]['browser']}\n\n{table(rows)}\n")
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
