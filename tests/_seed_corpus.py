"""Small corpora in the seed layout (one ``.txt`` per article, a folder per outlet), for tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def seed_article(title: str, day: str, body: str) -> str:
    """One article as the seed layout writes it (title, day/month/year date, body)."""
    return f"\n{title}\n\n{day}\n\n{body}\n---\n"


def write_outlets(folder: Path, story: Callable[[str, int], tuple[str, str]],
                  outlets=("Alpha", "Beta"), n: int = 6) -> Path:
    """``n`` articles per outlet under ``folder``, dated across three months of 2023;
    ``story(outlet, i)`` gives article ``i``'s title and body."""
    for outlet in outlets:
        (folder / outlet).mkdir(parents=True)
        for i in range(n):
            title, body = story(outlet, i)
            (folder / outlet / f"{i}.txt").write_text(
                seed_article(title, f"1{i}/0{1 + i % 3}/2023", body), encoding="utf-8")
    return folder
