"""`concordance new DIR --subject "..."` (make new-site DIR=... SUBJECT="..."): a working site on a new subject.

A site is this repository with its own content: the tool (engine, hook, tests, Makefile, CI) is copied as it
is, and the site's own files are written new, with no word of another subject in them: the config (site name,
description, notice and a lenient policy in `extra.concordance`), an empty `sources/`, one example topic to
replace, home and about pages, and a README stub that walks a maintainer through the first source.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

# The tool's own files, copied into every new site as they are.
TOOL_FILES = ("Makefile", "pyproject.toml", "requirements.lock", "requirements-dev.lock", "requirements-import.lock",
              "requirements-suggest.lock", "requirements-properdocs.lock", ".gitignore", "mkdocs.offline.yml")
TOOL_DIRS = ("src", "hooks", "overrides", "tests", "bench", "tools", ".ci", ".github", "docs/assets")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")

EXAMPLE_SOURCE_ID = "your-first-article"

EXAMPLE_TOPIC = """---
title: What do the articles say first?
answer: The articles agree that ... (one or two short sentences a reader can take away).
claims:
  - id: first-claim                     # a stable anchor: never rename it once published
    statement: A neutral statement, one proposition, that at least one source supports.
    positions:
      - source: {source}                # the id of a file in sources/ (make import ... ID={source})
        stance: supports                # supports | contradicts | qualifies
        quote: "REPLACE with words copied exactly from the article"
---
A short neutral summary of what the sources say on this question, written by the maintainers. Replace this
topic: rename the file to your topic's id, and write its claims. (README: "Adding a topic or a claim".)
"""

HOME = """---
title: Home
---
# {name}

Concordance puts published articles on {subject} side by side, claim by claim. For every claim you see
which sources support it, which contradict or qualify it, which are silent, and the exact words each one
used, one click from where those words stand in the article.

<!-- concordance:notice -->

## Topics at a glance

<!-- concordance:topics -->

## The sources

<!-- concordance:sources -->

The [overview](overview.md) shows who covers what, how often each pair of sources agrees, and every
disputed claim in one list. [How to read this site](about.md) explains the verdicts. The full data is
published as <a href="claims.json"><code>claims.json</code></a>.
"""

ABOUT = """# How to read this site

**Topics** ask one question each. A topic page opens with a short answer and a neutral summary written by
the maintainers, then one block per claim.

**A claim** is a neutral statement. Each source that speaks to it has a **position**: it supports,
contradicts or qualifies the claim, in its own words, quoted exactly. A source that says nothing on it is
**silent**: silence is not disagreement.

**A verdict** describes how the articles agree with each other, never whether a claim is true: articles are
not studies, and several articles agreeing is not evidence that they are right.

**Sources** each have a page: who published it, who wrote it, what kind of text it is, and any commercial
interest visible in it or in the people it quotes.
"""

README = """# {name}

```sh
make site   # set up a virtual environment with pinned dependencies and build the site into site/
make test   # set up and run every test
```

Where published articles on {subject} agree and disagree, claim by claim, built with Concordance.

## Your first source and claim

1. Save an article as text, Markdown or HTML, then `make import FILE=article.html ID={source}` (check the
   removal report, then fill the fields listed in `review:` in `sources/{source}.md`).
2. Open `docs/topics/example.md`: replace the quote with words copied exactly from the article, and the
   statement with what they say, in neutral words. Rename the file to your topic's id.
3. `make serve` and open http://127.0.0.1:8000 to see the site; a mistake shows as an error page that names
   the file, the line and what to do.
4. `make suggest SOURCE=<id>` ranks the existing claims for each sentence of a new source; `make check` reports
   your site's own rules (`extra.concordance.policy` in mkdocs.yml: none yet).
"""


def tool_root() -> Path:
    """The Concordance repository this engine runs from (an editable install lives in its src/)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "hooks" / "mkdocs_adapter.py").is_file() or not (root / "Makefile").is_file():
        raise SystemExit("error: `concordance new` copies the tool from the Concordance repository, and this "
                         f"engine is not running from one ({root}). Run it from a clone: make new-site DIR=...")
    return root


def site_config(tool_config: str, name: str, subject: str) -> str:
    """The tool's mkdocs.yml with the new site's identity: name, description, footer and a lenient config."""
    text = re.sub(r"(?m)^site_name:.*$", f"site_name: {_yaml(name)}", tool_config)
    text = re.sub(r"(?ms)^site_description:.*?(?=^\S)", "site_description: " + _yaml(
        f"Where published articles on {subject} agree and disagree, claim by claim, in their own words.") + "\n",
        text)
    text = re.sub(r"(?ms)^copyright:.*?(?=^\S)", "copyright: " + _yaml(
        "Concordance compares what published articles say. It does not judge which article is right.") + "\n\n",
        text)
    notice = f"This site compares what published articles say about {subject}. It does not judge which is right."
    block = ("extra:\n  # The site's identity and editorial policy (src/concordance/config.py says what each field "
             "does).\n"
             "  concordance:\n"
             f"    subject: {_yaml(subject)}\n"
             "    glossary: docs/includes/abbreviations.md\n"
             f"    notice: {_yaml(notice)}\n"
             "    # Editorial rules for `make check` and `make test`: none yet. See README, \"Site checks\".\n"
             "    policy: {}\n\n")
    return re.sub(r"(?ms)^extra:\n.*?(?=^extra_css:)", block, text)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def create(dest: Path, subject: str, name: str | None = None) -> list[str]:
    """Write a new site into dest (which must not exist or be empty); return the files written, for the report."""
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"error: {dest} is not empty; nothing was written. Choose a new folder.")
    if not subject.strip():
        raise SystemExit("error: give the site's subject: make new-site DIR=... SUBJECT=\"intermittent fasting\"")
    root = tool_root()
    name = name or f"Concordance — {subject}"
    dest.mkdir(parents=True, exist_ok=True)
    for file in TOOL_FILES:
        if (root / file).is_file():
            shutil.copy2(root / file, dest / file)
    for folder in TOOL_DIRS:
        if (root / folder).is_dir():
            shutil.copytree(root / folder, dest / folder, ignore=SKIP)
    written = {
        "mkdocs.yml": site_config((root / "mkdocs.yml").read_text(encoding="utf-8"), name, subject),
        "docs/index.md": HOME.format(name=name, subject=subject),
        "docs/about.md": ABOUT,
        "docs/includes/abbreviations.md": "",
        "docs/topics/example.md": EXAMPLE_TOPIC.format(source=EXAMPLE_SOURCE_ID),
        "sources/.gitkeep": "",
        "README.md": README.format(name=name, subject=subject, source=EXAMPLE_SOURCE_ID),
    }
    for relative, text in written.items():
        path = dest / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="concordance new", description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the new site's folder (new or empty)")
    parser.add_argument("--subject", required=True, help='what the articles are about, e.g. "intermittent fasting"')
    parser.add_argument("--name", help="the site's name (default: Concordance — <subject>)")
    args = parser.parse_args(argv)
    written = create(args.dest, " ".join(args.subject.split()), args.name)
    print(f"Wrote a new site for {args.subject!r} into {args.dest}: the tool, and {', '.join(written)}.")
    print(f"Next: cd {args.dest} && make import FILE=<article> ID={EXAMPLE_SOURCE_ID}, then edit "
          "docs/topics/example.md (README.md walks through it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
