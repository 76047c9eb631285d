"""Make the engine importable as ``concordance`` without installing it."""

import sys
from pathlib import Path

_HOOKS = Path(__file__).resolve().parent.parent / "hooks"
if str(_HOOKS) not in sys.path:
    sys.path.insert(0, str(_HOOKS))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site, built once per test run as `make site` builds it."""
    from site_tools import ROOT, build

    built = build(ROOT, tmp_path_factory.mktemp("seed") / "site")
    assert built.ok, built.output
    assert "WARNING" not in built.output and "ERROR" not in built.output, built.output
    return built.site
