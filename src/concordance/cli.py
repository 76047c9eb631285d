"""`concordance`: the maintainers' command, one subcommand per job. The Makefile's targets call it.

    concordance import RAW [--id ID] [--url URL]   a web article into sources/<id>.md (see importer.py)
    concordance preview [--port N]                 the live preview `make serve` runs (see preview.py)
    concordance coverage                           how much of each source the claims quote (see __main__.py)

Reports that read the whole corpus live in __main__.py; commands with their own options in their modules.
"""

from __future__ import annotations

import importlib
import sys

# Subcommands that are whole programs with their own options.
PROGRAMS = {"import": "concordance.importer", "preview": "concordance.preview"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in PROGRAMS:
        program = importlib.import_module(PROGRAMS[args[0]])
        return int(program.main(args[1:]))
    from .__main__ import main as reports

    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args else 2
    return reports(args)


if __name__ == "__main__":
    sys.exit(main())
