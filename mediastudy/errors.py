"""Exceptions raised by mediastudy.

Every error the package raises on purpose derives from :class:`MediaStudyError` and also
from the built-in it refines, so ``except ValueError`` keeps working::

    MediaStudyError
    ├── InvalidParameterError (ValueError, TypeError)  a parameter has a wrong value or type
    ├── SchemaError           (ValueError)   a DataFrame lacks the columns a function needs
    ├── LoadError             (ValueError)   an input file or record cannot be read
    ├── LexiconError          (ValueError)   a stance lexicon is malformed
    ├── ConfigError           (ValueError)   a report setting (config file or option) is wrong
    ├── ModelFileError        (ValueError)   a saved model is corrupt or from another version
    ├── DataError             (ValueError)   the articles cannot give what was asked
    │                                        (too few of them, nothing mentions the target)
    └── NotFittedError        (ValueError, AttributeError)  a model was used before fit

Errors carry their facts as attributes, so callers and the command line act on them
without reading the message: ``param`` (the parameter or setting), ``value`` (what
arrived), ``allowed`` (what would have been accepted), ``path`` and ``line`` (where in an
input file; ``line`` is 1-based). An attribute that does not apply is ``None``.

>>> import mediastudy as ms
>>> try:
...     ms.volume_table(ms.load_demo(), freq="weekly")
... except ms.InvalidParameterError as error:
...     print(error.param, error.value, error.allowed)
freq weekly ('D', 'W', 'M', 'Q', 'Y')
"""

from __future__ import annotations

__all__ = [
    "MediaStudyError",
    "InvalidParameterError",
    "SchemaError",
    "LoadError",
    "LexiconError",
    "ConfigError",
    "ModelFileError",
    "DataError",
    "NotFittedError",
]

_FACTS = ("param", "value", "allowed", "path", "line")


class MediaStudyError(Exception):
    """Base class of every error mediastudy raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, what was expected and what to do.
    param, value, allowed, path, line : optional
        The facts behind the message (see the module docstring).
    """

    def __init__(self, message: str = "", *, param: str | None = None, value: object = None,
                 allowed: object = None, path: object = None, line: int | None = None) -> None:
        super().__init__(message)
        self.param = param
        self.value = value
        self.allowed = allowed
        self.path = None if path is None else str(path)
        self.line = line

    def __reduce__(self):  # keep the facts when an error crosses processes (Dask, workers)
        return (_rebuild, (type(self), str(self), {k: getattr(self, k) for k in _FACTS}))


def _rebuild(cls: type, message: str, facts: dict) -> MediaStudyError:
    return cls(message, **facts)


class InvalidParameterError(MediaStudyError, ValueError, TypeError):
    """A parameter has a value or type the function does not accept (``param``, ``value``,
    ``allowed``)."""


class SchemaError(MediaStudyError, ValueError):
    """A DataFrame lacks a column (or has a wrong type) that a function needs; ``param``
    names the frame's parameter and ``value`` the missing columns."""


class LoadError(MediaStudyError, ValueError):
    """An input file or record cannot be read; ``path`` and ``line`` say where."""


class LexiconError(MediaStudyError, ValueError):
    """A stance lexicon is malformed; ``path`` and ``line`` say where, the message which entry."""


class ConfigError(MediaStudyError, ValueError):
    """A report setting is wrong: a config file that cannot be read, an unknown setting, or a
    value of the wrong type or range; ``path`` is the config file, ``param`` the setting."""


class ModelFileError(MediaStudyError, ValueError):
    """A saved model file is corrupt, incomplete or from an incompatible version (``path``)."""


class DataError(MediaStudyError, ValueError):
    """The articles cannot give what was asked: too few of them for the analysis, or none
    that mentions a target or falls in the chosen window. The message says what to widen."""


class NotFittedError(MediaStudyError, ValueError, AttributeError):
    """A model was asked to transform or predict before ``fit`` was called.

    It refines ``ValueError`` and ``AttributeError`` as scikit-learn's own NotFittedError
    does (without importing scikit-learn when mediastudy is imported).
    """
