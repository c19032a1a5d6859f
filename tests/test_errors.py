"""One error tree: every deliberate error is a MediaStudyError that carries its facts."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy import errors

PACKAGE = Path(ms.__file__).parent


@pytest.mark.parametrize(("cls", "builtins"), [
    (ms.InvalidParameterError, (ValueError, TypeError)),
    (ms.SchemaError, (ValueError,)),
    (ms.LoadError, (ValueError,)),
    (ms.LexiconError, (ValueError,)),
    (ms.ConfigError, (ValueError,)),
    (ms.ModelFileError, (ValueError,)),
    (ms.DataError, (ValueError,)),
    (ms.NotFittedError, (ValueError, AttributeError)),
])
def test_each_error_is_a_mediastudy_error_and_its_builtin(cls, builtins):
    assert issubclass(cls, ms.MediaStudyError)
    for builtin in builtins:
        assert issubclass(cls, builtin)
    assert cls.__name__ in errors.__doc__  # the tree in the module docstring names it


def test_errors_keep_their_facts_across_processes():
    error = ms.LoadError("rt/1.txt line 3: no date", path="rt/1.txt", line=3)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is ms.LoadError
    assert (str(back), back.path, back.line, back.param) == ("rt/1.txt line 3: no date", "rt/1.txt", 3, None)


def test_a_bad_choice_names_param_value_and_what_is_allowed():
    with pytest.raises(ms.InvalidParameterError) as info:
        ms.volume_table(ms.load_demo(), freq="weekly")
    assert (info.value.param, info.value.value) == ("freq", "weekly")
    assert "W" in info.value.allowed and "weekly" not in info.value.allowed


def test_a_missing_column_names_the_frame_and_the_columns():
    with pytest.raises(ms.SchemaError) as info:
        ms.kwic(pd.DataFrame({"id": ["a"], "body": ["NATO"]}), "NATO")
    assert info.value.param == "corpus"
    assert info.value.value == ["text"]
    assert "body" in info.value.allowed


def _bare_raises(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        # A raise with a message is an error for a person to read; a bare `raise TypeError`
        # caught a few lines below is control flow and is left alone.
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            exc = node.exc.func
            if isinstance(exc, ast.Name) and exc.id in {"ValueError", "TypeError", "KeyError",
                                                         "RuntimeError", "Exception"}:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} raise {exc.id}")
    return found


def test_no_deliberate_error_escapes_the_tree():
    # A raise of a bare built-in in library code is an error the CLI cannot map and a
    # caller cannot tell from a bug; raise the mediastudy error that says what happened.
    bare = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _bare_raises(path)]
    assert bare == []
