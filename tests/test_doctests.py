"""Run the docstring examples of every module of the installed package.

The examples are run from the imported package rather than by pytest's
``--doctest-modules`` on the source folder: the README's test command installs the
package without ``-e``, and collecting ``mediastudy/*.py`` from the checkout would then
meet a second, installed copy of each module ("import file mismatch").
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import mediastudy

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(mediastudy.__path__, prefix="mediastudy.")
    if not info.name.startswith("mediastudy.data")
)


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder(exclude_empty=True).find(module, name) if t.examples]


WITH_EXAMPLES = [name for name in MODULES if _examples(name)]


def test_every_module_is_found():
    # A broken walk (e.g. a package path that points nowhere) would make every
    # parametrised case below vanish and the file pass with nothing run.
    assert "mediastudy.io.corpus" in MODULES
    assert "mediastudy.stance" in MODULES
    assert len(MODULES) >= 30
    assert len(WITH_EXAMPLES) >= 15


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    tests = _examples(name)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test, out=out.write)
    result = runner.summarize(verbose=False)
    if result.failed:
        pytest.fail(f"{result.failed} of {result.attempted} examples failed in {name}:\n{out.getvalue()}")
