"""`concordance`: the maintainers' command, one subcommand per job. The Makefile's targets call it.

    concordance import RAW [--id ID] [--url URL]   a web article into sources/<id>.md (see importer.py)
    concordance preview [--port N]                 the live preview `make serve` runs (see preview.py)
    concordance coverage                           how much of each source the claims quote (see __main__.py)
    concordance check                              the site's editorial policy, with figures (see checks.py)
    concordance suggest SOURCE [--format json]     likely claims for each sentence no claim quotes yet
    concordance claims                             every claim on one line, for grep

Reports that read the whole corpus live in __main__.py; commands with their own options in their modules.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import ConcordanceError, build_analysis, checks
from .config import load_site_config

# Subcommands that are whole programs with their own options.
PROGRAMS = {"import": "concordance.importer", "preview": "concordance.preview"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "check":
        return check(args[1:])
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
        for line in e.relative_to(root).lines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    report = checks.check(analysis, site, root)
    sys.stdout.write(report.text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
