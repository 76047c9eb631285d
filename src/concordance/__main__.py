"""`python -m concordance coverage`: maintainers' reports from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ConcordanceError, build_analysis
from .coverage import coverage, report_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="concordance")
    parser.add_argument("report", choices=["coverage"], help="coverage: how much of each source claims quote")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    parser.add_argument("--min", type=float, default=0.0, help="fail if any source is below this share (0-1)")
    args = parser.parse_args(argv)
    try:
        analysis = build_analysis(args.root / "sources", args.root / "docs" / "topics")
    except ConcordanceError as e:
        print(f"error: {e.relative_to(args.root)}", file=sys.stderr)
        return 1
    sys.stdout.write(report_text(analysis))
    low = [sid for sid, c in coverage(analysis).items() if c.share < args.min]
    if low:
        print(f"below {args.min:.0%}: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
