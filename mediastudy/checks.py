"""Argument checks shared by the public functions of every stage."""

from __future__ import annotations

import numbers
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


def check_int(value: object, *, func: str, param: str, low: int = 1,
              optional: bool = False) -> None:
    """Raise :class:`InvalidParameterError` unless ``value`` is an int >= ``low``
    (``None`` too when ``optional``). ``True``/``False`` are not ints here."""
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise InvalidParameterError(
            f"The '{param}' parameter of {func} must be {'None or ' if optional else ''}an "
            f"int >= {low}. Got {value!r} instead.",
            param=param, value=value,
        )


def refuse_table_options(plot, table_func: str, given: dict, *, freq: str | None = None) -> None:
    """A plot given a finished table cannot apply options that build a table: raise.

    ``given`` maps each table-building option of ``plot`` (a function; column names
    included) to what the caller passed. An option equal to the plot's default counts as
    not set (a default cannot be told from an option left out), and so does ``freq`` equal
    to the table's own period (``freq``); any other raises :class:`InvalidParameterError`
    saying to build the table with it or to pass the corpus.
    """
    import inspect

    defaults = {name: p.default for name, p in inspect.signature(plot).parameters.items()}
    func = plot.__name__
    changed = []
    for name, value in given.items():
        if _same(value, defaults[name]):
            continue
        if name == "freq" and value == freq:
            continue  # the period the table has
        changed.append(name)
    if changed:
        shown = ", ".join(f"{name}={given[name]!r}" for name in changed)
        raise InvalidParameterError(
            f"{func} was given a finished table (from {table_func}), which it draws as it is: "
            f"it cannot apply {shown}. Build the table with them, "
            f"{func}({table_func}(corpus, {shown}), ...), or pass the corpus: "
            f"{func}(corpus, {shown}, ...).",
            param=changed[0], value=given[changed[0]],
        )


def _same(value: object, default: object) -> bool:
    if value is default:
        return True
    if isinstance(value, bool) or isinstance(default, bool) or value is None or default is None:
        return False
    try:
        return bool(value == default)
    except (TypeError, ValueError):  # e.g. an array of several values
        return False


def follow_variants(variants: dict[str, str], *, func: str, what: str = "words",
                    given: object = None) -> dict[str, str]:
    """Each variant mapped to the end of its chain: ``{"a": "b", "c": "a"}`` gives ``{"a": "b",
    "c": "b"}``. A key mapped to itself, or keys mapped round in a cycle (``a -> b -> a``), are
    an :class:`InvalidParameterError` on ``variants`` naming the entries; the message calls the
    keys ``what`` ("words", "names"); ``given`` (the mapping as the caller wrote it) goes in it."""
    for key, value in variants.items():
        if key == value:
            raise InvalidParameterError(
                f"The 'variants' parameter of {func} maps {key!r} to itself; remove that entry.",
                param="variants", value={key: value},
            )
    resolved: dict[str, str] = {}
    for key in variants:
        if key in resolved:
            continue
        chain = [key]
        on_chain = {key}
        value = variants[key]
        while value in variants and value not in resolved:
            if value in on_chain:
                cycle = " -> ".join([*chain[chain.index(value):], value])
                raise InvalidParameterError(
                    f"The 'variants' parameter of {func} maps {what} round in a cycle ({cycle}), "
                    f"so none of them is the canonical one. Map each variant to one of the {what} "
                    "that is not itself a key.",
                    param="variants", value=dict(variants) if given is None else given,
                )
            chain.append(value)
            on_chain.add(value)
            value = variants[value]
        end = resolved.get(value, value)
        for link in chain:  # every key on the way ends where this one does (each key walked once)
            resolved[link] = end
    return {key: resolved[key] for key in variants}
