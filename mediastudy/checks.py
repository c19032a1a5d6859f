"""Argument checks shared by the public functions of every stage."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import InvalidParameterError, SchemaError


def require_columns(df: object, columns: Iterable[str], *, func: str, param: str = "df") -> None:
    """Raise :class:`SchemaError` unless ``df`` is a DataFrame holding ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(
            f"The '{param}' parameter of {func} must be a pandas DataFrame. "
            f"Got {type(df).__name__} instead.",
            param=param, value=type(df).__name__,
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = ", ".join(map(str, df.columns[:12]))
        raise SchemaError(
            f"{func} needs the column(s) {missing} in '{param}', which has: {have}. "
            "Rename your columns or pass the column names as parameters "
            "(e.g. text_column='body').",
            param=param, value=missing, allowed=list(map(str, df.columns)),
        )


def check_choice(value: object, choices: Iterable[object], *, func: str, param: str) -> None:
    """Raise :class:`InvalidParameterError` unless ``value`` is one of ``choices``."""
    choices = list(choices)
    if value not in choices:
        raise InvalidParameterError(
            f"The '{param}' parameter of {func} must be one of "
            f"{', '.join(repr(c) for c in choices)}. Got {value!r} instead.",
            param=param, value=value, allowed=tuple(choices),
        )
