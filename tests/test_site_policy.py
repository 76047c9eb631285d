"""This site's own editorial rules, at the levels it sets in mkdocs.yml (extra.concordance.policy).

The rules are the site's, not the tool's: a new site starts with none, and this test passes for any valid
site that meets its own policy. `make check` prints the same report with its figures.
"""

from __future__ import annotations

import subprocess
import sys

from site_tools import ROOT


def test_the_site_meets_its_own_policy() -> None:
    run = subprocess.run([sys.executable, "-m", "concordance.cli", "check", "--root", str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Share of each article's sentences that claims quote:" in run.stdout
