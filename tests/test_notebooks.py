"""Every notebook runs top to bottom: the four tutorials on the demo corpus, the case study on
the shared corpus. A cell that raises fails the test. Notebooks are committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install 'mediastudy[test]' (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="pip install 'mediastudy[test]' (nbclient)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TUTORIALS = ["01_load_and_explore.ipynb", "02_topics.ipynb", "03_stance.ipynb", "04_timelines.ipynb",
             "06_copies.ipynb", "07_quotes.ipynb"]
CASE_STUDY = "05_case_study_ukraine_nato_sanctions.ipynb"
TIMEOUT = 900  # per cell, generous: a hung kernel must not hang CI


@pytest.fixture(autouse=True)
def _inline_figures(monkeypatch):
    # .ci/run exports MPLBACKEND=Agg for the tests; a kernel inheriting it would draw
    # no inline figures, and the notebooks must show theirs.
    monkeypatch.delenv("MPLBACKEND", raising=False)


def all_notebooks() -> list[str]:
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def execute(name: str, workdir: Path, **parameters) -> nbformat.NotebookNode:
    """Run a notebook in ``workdir``, with ``parameters`` injected after its parameters cell."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    if parameters:
        at = parameters_cell(nb)
        source = "# injected by the test\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        cell = nbformat.v4.new_code_cell(source)
        cell.id = "injected-parameters"
        nb.cells.insert(at + 1, cell)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute()  # raises CellExecutionError when a cell raises
    return nb


def parameters_cell(nb) -> int:
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "a notebook needs exactly one cell tagged 'parameters'"
    return tagged[0]


def test_every_notebook_is_covered_here():
    assert all_notebooks() == sorted([*TUTORIALS, CASE_STUDY])


@pytest.mark.parametrize("name", all_notebooks())
def test_notebook_is_committed_clean_and_parameterised(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), f"{name} holds outputs"
    source = nb.cells[parameters_cell(nb)].source
    for name_ in ("CORPUS", "OUTLETS", "LEXICON", "K", "PERIOD"):
        assert f"{name_} =" in source
    text = "\n".join(c.source for c in code)
    assert "from mediastudy." not in text and "ms._" not in text  # public API only


@pytest.mark.parametrize("name", TUTORIALS)
def test_tutorial_runs_on_the_demo_corpus(name, tmp_path):
    # 02_topics shows the choice of k; the others are given k to keep the test quick
    nb = execute(name, tmp_path) if name == "02_topics.ipynb" else execute(name, tmp_path, K=5)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # the run made figures, so the notebook shows what it promises
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images


def test_tutorial_runs_with_other_parameters(tmp_path):
    """The same notebook on a different selection: the parameters are really used."""
    nb = execute("03_stance.ipynb", tmp_path, OUTLETS=["MeridianPost", "KestrovaToday"],
                 PERIOD=("2023-06-01", "2024-06-30"))
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "from 2 outlets, 2023-06" in printed


@pytest.mark.corpora
def test_case_study_runs_on_the_shared_corpus(corpora, tmp_path):
    nb = execute(CASE_STUDY, tmp_path, CORPUS=str(corpora / "news_ukraine_2022.parquet"),
                 SAMPLE_PER_OUTLET=150, K=6)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "news_ukraine_2022.parquet" in printed
