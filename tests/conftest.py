"""Shared fixtures.

Tests that read the real corpora carry ``@pytest.mark.corpora`` and take the
``corpora`` fixture: it skips them when the folder is absent, unless
``MEDIASTUDY_REQUIRE_CORPORA=1`` (set by ``.ci/run``), where absence fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def corpora_path() -> Path:
    """Where the shared real corpora live: $MEDIASTUDY_CORPORA or ../shared/corpora."""
    env = os.environ.get("MEDIASTUDY_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """Path of the real corpora; skip (or fail in CI) when they are missing."""
    path = corpora_path()
    if not (path / "README.md").exists():
        msg = f"real corpora not found at {path} (set MEDIASTUDY_CORPORA)"
        if os.environ.get("MEDIASTUDY_REQUIRE_CORPORA") == "1":
            pytest.fail(msg + "; MEDIASTUDY_REQUIRE_CORPORA=1 makes this a failure")
        pytest.skip(msg)
    return path


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(autouse=True)
def _fresh_outlet_colors():
    # The outlet colour registry lives for the Python session; without a reset a test's
    # colours would depend on which outlets earlier tests (and doctests) registered.
    from mediastudy import set_outlet_colors

    set_outlet_colors(None)
    yield
    set_outlet_colors(None)


@pytest.fixture
def count_calls(monkeypatch):
    """``count_calls(owner, name)`` wraps ``owner.name`` (a function of a module, or a method
    of a class) so that its calls are counted; returns the counter, ``counter["calls"]``.
    For tests that bound the work done (never the time taken)."""

    def wrap(owner, name):
        real = getattr(owner, name)
        counter = {"calls": 0}

        def counting(*args, **kwargs):
            counter["calls"] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)
        return counter

    return wrap
