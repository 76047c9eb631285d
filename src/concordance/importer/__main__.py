"""`python -m concordance.importer`: the same as `concordance import`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
