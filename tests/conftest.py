"""Shared fixtures. The engine is installed in the virtual environment (`make setup`: pip install -e .)."""

from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Slow tests still run in `make test` (CI runs them); `pytest -m "not slow"` leaves them out while working.
    config.addinivalue_line("markers", "slow: takes minutes (a whole `make test` in a clone); runs by default")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site, built once per test run as `make site` builds it."""
    from site_tools import ROOT, build

    built = build(ROOT, tmp_path_factory.mktemp("seed") / "site")
    assert built.ok, built.output
    assert "WARNING" not in built.output and "ERROR" not in built.output, built.output
    return built.site
