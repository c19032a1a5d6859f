"""The README's Python examples run as written (a newcomer copies them first)."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
TOUR = next(b for b in BLOCKS if b.startswith("import matplotlib.pyplot as plt\nimport mediastudy"))


def test_the_tour_is_found():
    assert "ms.TopicModel" in TOUR
    assert "ms.save_figure" in TOUR


def test_the_tour_runs_and_draws_one_plot_per_axes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(TOUR, "README.md (tour)", "exec"), namespace)
    axes = namespace["axes"]
    # each plot drew on its own Axes: none of them is left empty
    for ax in axes:
        assert ax.lines or ax.collections or ax.patches, ax.get_title()
    assert (tmp_path / "figures" / "tour.png").stat().st_size > 10_000
    assert (tmp_path / "figures" / "tour.svg").exists()
    # boilerplate was taken out before the topics were fitted
    assert "n_boilerplate" in namespace["corpus"].columns
