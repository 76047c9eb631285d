"""A live preview for maintainers that never hangs: `make serve [PORT=8000]`.

Each rebuild runs the site generator in a fresh process, so an edit to the hook under hooks/ or the engine under
src/ takes effect on the next rebuild, and a broken build can neither wedge the server nor leave old code
loaded. While the last build is broken, every page answers with the error (file, line, claim, message, closest
passage); every page, good or broken, reloads itself when the next build finishes. This is how Hugo's
server and Vite behave: MkDocs 1.6's own server holds every request until the build is fixed.

No generator import here: the generator is a command (`mkdocs` by default), so another one is one flag away.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# What a rebuild depends on, relative to the project.
WATCHED = ("mkdocs.yml", "docs", "sources", "hooks", "overrides", "src")
POLL_SECONDS = 0.4
# A page's reload script asks for the build number and is answered when it changes, or after this long.
LONG_POLL_SECONDS = 20.0
STATE_PATH = "/__preview__/build"

_RELOAD_SCRIPT = """<script>
(function () {{
  var build = {build};
  function wait() {{
    fetch("{path}?since=" + build, {{cache: "no-store"}})
      .then(function (r) {{ return r.json(); }})
      .then(function (s) {{ if (s.build !== build) {{ location.reload(); }} else {{ wait(); }} }})
      .catch(function () {{ setTimeout(wait, 1000); }});
  }}
  wait();
}})();
</script>"""


@dataclass
class BuildState:
    """The outcome of the latest build: the folder of the last good site, or the error of a broken one."""

    number: int = 0
    site: Path | None = None
    errors: list[str] = field(default_factory=list)
    output: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, *, site: Path | None, errors: list[str], output: str) -> None:
        with self.changed:
            self.number += 1
            if site is not None:
                self.site = site
            self.errors = errors
            self.output = output
            self.changed.notify_all()

    def wait_past(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.number != number, timeout=timeout)
            return self.number


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of everything a rebuild depends on."""
    times: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            times[name] = path.stat().st_mtime
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file() and "__pycache__" not in file.parts:
                    times[str(file.relative_to(root))] = file.stat().st_mtime
    return times


_ERROR_LINE = re.compile(r"^(?:ERROR\s*-\s*)(?P<text>.*)$")


def error_lines(output: str) -> list[str]:
    """The maintainer's errors in a failed build's output; the whole output when it has none (a crash)."""
    found = [m.group("text").strip() for line in output.splitlines() if (m := _ERROR_LINE.match(line.strip()))]
    return found or [line for line in output.splitlines() if line.strip()][-20:] or ["The build failed."]


def build_once(root: Path, generator: list[str], out: Path) -> tuple[bool, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([*generator, "build", "--strict", "--site-dir", str(out)], cwd=root, env=env,
                         capture_output=True, text=True)
    return run.returncode == 0, run.stdout + run.stderr


def _error_item(line: str) -> str:
    m = re.match(r"^(?P<where>[^\s:]+(?::\d+)?): (?:claim '(?P<claim>[^']*)': )?(?P<message>.*)$", line)
    if not m:
        return f"<li><p>{html.escape(line)}</p></li>"
    message = m.group("message")
    closest = re.search(r'Closest passage \(([^)]*)\): "(.*?)"\. Differences: (.*?)\. ', message)
    parts = [f'<p class="where"><code>{html.escape(m.group("where"))}</code>']
    if m.group("claim"):
        parts.append(f' · claim <code>{html.escape(m.group("claim"))}</code>')
    parts.append("</p>")
    if closest:
        before = message[:closest.start()]
        after = message[closest.end():]
        parts.append(f"<p>{html.escape(before)}</p><p>Closest passage ({html.escape(closest.group(1))}):</p>"
                     f"<blockquote>{html.escape(closest.group(2))}</blockquote>"
                     f"<p>Differences: {html.escape(closest.group(3))}.</p><p>{html.escape(after)}</p>")
    else:
        parts.append(f"<p>{html.escape(message)}</p>")
    return f"<li>{''.join(parts)}</li>"


def error_page(errors: list[str], build: int) -> str:
    items = "".join(_error_item(line) for line in errors)
    count = f"{len(errors)} errors" if len(errors) > 1 else "An error"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed - preview</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #fff7f7; color: #1f1f1f; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #a00; font-size: 1.5rem; }} li {{ margin: 0 0 1.2rem; padding: .6rem .8rem; background: #fff;
border-left: 4px solid #c00; list-style: none; }} ol {{ padding: 0; }} .where {{ font-weight: 600; margin: 0; }}
blockquote {{ margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid #888; background: #f4f4f4; }}
</style></head>
<body><main>
<h1 id="preview-error">The site did not build</h1>
<p>{count} stopped the last build. Fix the file and save: this page reloads by itself when the next build
succeeds.</p>
<ol class="errors">{items}</ol>
</main>{_RELOAD_SCRIPT.format(build=build, path=STATE_PATH)}</body></html>"""


class Preview:
    """Watches the project, rebuilds it in a fresh process on each change, and serves the result."""

    def __init__(self, root: Path, generator: list[str], *, quiet: bool = False) -> None:
        self.root = root
        self.generator = generator
        self.state = BuildState()
        self.quiet = quiet
        self.workdir = Path(tempfile.mkdtemp(prefix="concordance-preview-"))
        self._stop = threading.Event()

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    def rebuild(self) -> None:
        out = self.workdir / f"site-{self.state.number + 1}"
        started = time.monotonic()
        ok, output = build_once(self.root, self.generator, out)
        seconds = time.monotonic() - started
        old = self.state.site
        if ok:
            self.state.publish(site=out, errors=[], output=output)
            if old is not None and old != out:
                shutil.rmtree(old, ignore_errors=True)
            self.say(f"Built in {seconds:.1f} s.")
        else:
            errors = error_lines(output)
            shutil.rmtree(out, ignore_errors=True)
            self.state.publish(site=None, errors=errors, output=output)
            self.say(f"The build failed ({len(errors)} error{'s' if len(errors) > 1 else ''}); every page shows "
                     "them until the next good build:")
            for line in errors:
                self.say(f"  {line}")

    def watch(self) -> None:
        seen = snapshot(self.root)
        while not self._stop.wait(POLL_SECONDS):
            now = snapshot(self.root)
            if now != seen:
                time.sleep(0.15)  # an editor may write a file in steps: let it finish
                seen = snapshot(self.root)
                self.rebuild()

    def handler(self) -> type[SimpleHTTPRequestHandler]:
        preview = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def translate_path(self, path: str) -> str:
                # The newest good site: a rebuild writes a new folder and swaps it in whole.
                self.directory = str(preview.state.site or preview.workdir)
                return super().translate_path(path)

            def do_GET(self) -> None:
                if self.path.startswith(STATE_PATH):
                    since = re.search(r"since=(\d+)", self.path)
                    number = preview.state.wait_past(int(since.group(1)) if since else -1, LONG_POLL_SECONDS)
                    self._send(200, "application/json", f'{{"build": {number}}}'.encode())
                    return
                if preview.state.errors and self._wants_page():
                    self._send(500, "text/html; charset=utf-8",
                               error_page(preview.state.errors, preview.state.number).encode())
                    return
                target = Path(self.translate_path(self.path))
                if target.is_dir():
                    target = target / "index.html"
                if target.suffix == ".html" and target.is_file():
                    page = target.read_text(encoding="utf-8")
                    script = _RELOAD_SCRIPT.format(build=preview.state.number, path=STATE_PATH)
                    page = page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script
                    self._send(200, "text/html; charset=utf-8", page.encode())
                    return
                super().do_GET()

            def _wants_page(self) -> bool:
                path = self.path.split("?", 1)[0]
                return path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]

            def _send(self, status: int, kind: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def serve(self, host: str, port: int) -> None:
        self.say(f"Building {self.root} ...")
        self.rebuild()
        server = ThreadingHTTPServer((host, port), self.handler())
        server.daemon_threads = True
        watcher = threading.Thread(target=self.watch, daemon=True)
        watcher.start()
        self.say(f"Serving the preview on http://{host}:{port}/ (Ctrl+C to stop). Watching: {', '.join(WATCHED)}.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._stop.set()
            server.server_close()
            shutil.rmtree(self.workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="concordance preview", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--generator", default=f"{sys.executable} -m mkdocs",
                        help="the command that builds the site (default: this Python's mkdocs)")
    args = parser.parse_args(argv)
    try:
        Preview(args.root.resolve(), args.generator.split()).serve(args.host, args.port)
    except OSError as e:
        print(f"error: cannot serve on {args.host}:{args.port} ({e.strerror}). Choose another port: "
              "make serve PORT=8001", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
