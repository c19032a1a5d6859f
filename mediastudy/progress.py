"""Progress bars that work in a terminal and in Jupyter, without warnings.

:func:`progress_bar` is tqdm's notebook widget when ipywidgets can be imported (tqdm
then draws a widget in Jupyter and a text bar in a terminal), and tqdm's plain text
bar otherwise: tqdm's automatic choice alone warns ``TqdmWarning: IProgress not
found`` in a Jupyter kernel without ipywidgets.
"""

from __future__ import annotations

import functools

__all__ = ["progress_bar"]


def progress_bar(iterable=None, **kwargs):
    """A tqdm progress bar: the Jupyter widget where ipywidgets is installed, else text.

    Parameters
    ----------
    iterable : iterable, optional
        What to count, as for ``tqdm``.
    **kwargs
        Passed to ``tqdm`` (``total``, ``desc``, ``unit``, ``disable``...).

    Returns
    -------
    tqdm.tqdm

    Examples
    --------
    >>> sum(progress_bar(range(3), disable=True))
    3
    """
    try:
        import ipywidgets  # noqa: F401  (only to know whether the widget can be drawn)
    except ImportError:
        return _bar_class(widgets=False)(iterable, **kwargs)
    return _bar_class(widgets=True)(iterable, **kwargs)


@functools.cache
def _bar_class(*, widgets: bool):
    """tqdm's text bar (or its automatic choice, with widgets) without a monitor thread:
    the monitor thread would keep a report from forking its second process safely."""
    if widgets:
        from tqdm.auto import tqdm
    else:
        from tqdm.std import tqdm
    return type("ProgressBar", (tqdm,), {"monitor_interval": 0})
