"""Renamed parameters kept for one release as deprecated aliases that warn.

Issue 13 gave every public parameter one name (see :mod:`mediastudy.glossary`). Code written
against the old names keeps working until 0.3: the old keyword is accepted, mapped to the
new one and a :class:`FutureWarning` says what to write instead.

>>> import warnings
>>> from mediastudy.deprecation import renamed_parameters
>>> @renamed_parameters(text="text_column")
... def words(corpus, *, text_column="text"):
...     return text_column
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     words(None, text="body")
'body'
>>> print(caught[0].message)
The 'text' parameter of words is deprecated; use text_column= (removed in 0.3).
>>> import inspect
>>> inspect.signature(words)
<Signature (corpus, *, text_column='text')>
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import InvalidParameterError

__all__ = ["renamed_parameters", "warn_renamed", "REMOVED_IN"]

REMOVED_IN = "0.3"

F = TypeVar("F", bound=Callable[..., Any])


def warn_renamed(func: str, old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` (a parameter of ``func``) is now called ``new``."""
    warnings.warn(
        f"The '{old}' parameter of {func} is deprecated; use {new}= (removed in {REMOVED_IN}).",
        FutureWarning, stacklevel=stacklevel,
    )


def renamed_parameters(**renames: str | tuple[str, Callable[[Any], Any]]) -> Callable[[F], F]:
    """Accept old keyword names of a function as deprecated aliases of the new ones.

    Parameters
    ----------
    **renames : str or (str, callable)
        ``old="new"``: the keyword ``old`` is passed on as ``new``. ``old=("new", convert)``
        also converts the value (e.g. ``by_outlet=True`` becomes ``by="outlet"``).

    Returns
    -------
    callable
        A decorator. The decorated function shows its own (new) signature to
        :func:`inspect.signature`, so the old names appear nowhere but in the warning.

    Raises
    ------
    InvalidParameterError
        When a call gives both the old and the new name.

    Examples
    --------
    >>> @renamed_parameters(by_outlet=("by", lambda v: "outlet" if v else None))
    ... def table(corpus, *, by="outlet"):
    ...     return by
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     print(table(None, by_outlet=False))
    None
    """
    table = {old: (new, None) if isinstance(new, str) else (new[0], new[1])
             for old, new in renames.items()}

    def decorate(func: F) -> F:
        name = getattr(func, "__qualname__", getattr(func, "__name__", "function"))
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old in table.keys() & kwargs.keys():
                new, convert = table[old]
                if new in kwargs:
                    raise InvalidParameterError(
                        f"{name} got both '{old}' and its new name '{new}'. "
                        f"Pass only {new}= ('{old}' is deprecated).",
                        param=new, value=kwargs[old],
                    )
                value = kwargs.pop(old)
                warn_renamed(name, old, new)
                kwargs[new] = convert(value) if convert is not None else value
            return func(*args, **kwargs)

        wrapper.__renamed_parameters__ = {old: new for old, (new, _) in table.items()}  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
