"""`concordance`: the maintainers' command, one subcommand per job. The Makefile's targets call it.

    concordance import RAW [--id ID] [--url URL]   a web article into sources/<id>.md (see importer/)
    concordance preview [--port N]                 the live preview `make serve` runs (see preview.py)
    concordance new DIR --subject "..."            a working site on a new subject (see newsite.py)
    concordance coverage                           how much of each source the claims quote (see __main__.py)
    concordance check                              the site's editorial policy, with figures (see checks.py)
    concordance suggest SOURCE [--format json]     likely claims for each sentence no claim quotes yet
    concordance claims                             every claim on one line, for grep
    concordance reviewed TOPIC... | --all          record that a topic's summary and answer fit its claims now

Reports that read the whole corpus live in __main__.py; commands with their own options in their modules.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import ConcordanceError, build_analysis, checks, review
from .config import load_site_config
from .errors import print_errors

# Subcommands that are whole programs with their own options.
PROGRAMS = {"import": "concordance.importer", "preview": "concordance.preview", "new": "concordance.newsite"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "check":
        return check(args[1:])
    if args and args[0] == "reviewed":
        return reviewed(args[1:])
    if args and args[0] in PROGRAMS:
        program = importlib.import_module(PROGRAMS[args[0]])
        return int(program.main(args[1:]))
    from .__main__ import main as reports

    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args else 2
    return reports(args)


def check(argv: list[str]) -> int:
    """`concordance check [--root DIR]`: the site's own rules (extra.concordance.policy), with figures."""
    parser = argparse.ArgumentParser(prog="concordance check", description=check.__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    args = parser.parse_args(argv)
    root = args.root
    try:
        site = load_site_config(root)
        analysis = build_analysis(root / "sources", root / "docs" / "topics", root=root)
    except ConcordanceError as e:
        return print_errors(e, root)
    report = checks.check(analysis, site, root)
    sys.stdout.write(report.text())
    return 0 if report.ok else 1


def reviewed(argv: list[str]) -> int:
    """`concordance reviewed TOPIC... | --all`: after reading a topic's summary and answer against its claims,
    record the claims' fingerprint in its `reviewed:` field, so the build can tell when they go stale."""
    parser = argparse.ArgumentParser(prog="concordance reviewed", description=reviewed.__doc__)
    parser.add_argument("topics", nargs="*", help="topic ids (file names in docs/topics/ without .md)")
    parser.add_argument("--all", action="store_true", help="every topic")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    args = parser.parse_args(argv)
    root = args.root
    try:
        analysis = build_analysis(root / "sources", root / "docs" / "topics", root=root)
        topics = list(analysis.corpus.topics) if args.all else args.topics
        if not topics:
            parser.error("name a topic (make reviewed TOPIC=<id>) or pass --all")
        for tid in topics:
            if tid not in analysis.corpus.topics:
                print(f"error: no topic '{tid}' in docs/topics/.", file=sys.stderr)
                return 2
            topic = analysis.corpus.topics[tid]
            stamp = review.fingerprint(analysis, topic)
            review.mark_reviewed(topic.path, stamp)
            print(f"docs/topics/{tid}.md: reviewed: {stamp}")
    except ConcordanceError as e:
        return print_errors(e, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
