"""Exceptions raised by mediastudy.

Every error the package raises on purpose derives from :class:`MediaStudyError`
and also from the built-in it refines, so ``except ValueError`` keeps working::

    MediaStudyError
    ├── LoadError        (ValueError)   an input file or record cannot be read
    ├── SchemaError      (ValueError)   a DataFrame lacks the columns a function needs
    ├── LexiconError     (ValueError)   a stance lexicon is malformed
    ├── ModelFileError   (ValueError)   a saved model is corrupt or from another version
    ├── ConfigError      (ValueError)   a report setting (config file or option) is wrong
    └── NotFittedError   (sklearn.exceptions.NotFittedError)  a model was used before fit
"""

from __future__ import annotations

from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

__all__ = [
    "MediaStudyError",
    "LoadError",
    "SchemaError",
    "LexiconError",
    "ModelFileError",
    "ConfigError",
    "NotFittedError",
]


class MediaStudyError(Exception):
    """Base class of every error mediastudy raises on purpose."""


class LoadError(MediaStudyError, ValueError):
    """An input file or record cannot be read; the message names file and line."""


class SchemaError(MediaStudyError, ValueError):
    """A DataFrame lacks a column (or has a wrong type) that a function needs."""


class LexiconError(MediaStudyError, ValueError):
    """A stance lexicon is malformed; the message names file, line and entry."""


class ModelFileError(MediaStudyError, ValueError):
    """A saved model file is corrupt, incomplete or from an incompatible version."""


class ConfigError(MediaStudyError, ValueError):
    """A report setting is wrong: a config file that cannot be read, an unknown setting, or a
    value of the wrong type or range; the message names the file (or option) and setting."""


class NotFittedError(MediaStudyError, _SklearnNotFittedError):
    """A model was asked to transform or predict before ``fit`` was called."""
