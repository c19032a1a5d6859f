"""How the scale core hands a Dask collection to :mod:`mediastudy.scale.distributed`.

:func:`~mediastudy.scale.chunked.score_stance_chunked` and
:class:`~mediastudy.scale.streaming_topics.StreamingTopicModel` accept a Dask DataFrame, yet
the core modules import neither Dask nor the distributed module (which builds on them, so
importing it from them would close a circle). They recognise a Dask collection by Dask's
collection protocol and call the step that :mod:`mediastudy.scale.distributed` registers
here when it is imported. ``mediastudy.scale`` imports it (cheaply: it imports Dask only
inside its functions), so the steps are registered before any core function can run.
"""

from __future__ import annotations

from collections.abc import Callable

_DASK_STEPS: dict[str, Callable] = {}


def is_dask_collection(obj) -> bool:
    """Whether ``obj`` is a Dask collection (a Dask DataFrame or Series...).

    Checked by the protocol every Dask collection implements (a ``__dask_graph__``
    method), so neither Dask nor its types need to be imported; unlike
    ``dask.is_dask_collection``, the graph is not built.
    """
    return not isinstance(obj, type) and callable(getattr(obj, "__dask_graph__", None))


def register_dask_steps(**steps: Callable) -> None:
    """Record the functions that run a core step on a Dask collection, by step name."""
    _DASK_STEPS.update(steps)


def dask_step(name: str) -> Callable:
    """The function registered for step ``name`` (see :func:`register_dask_steps`)."""
    try:
        return _DASK_STEPS[name]
    except KeyError:
        raise ImportError(
            f"A Dask DataFrame was passed, but the Dask step {name!r} is not registered: "
            "import mediastudy.scale.distributed first."
        ) from None
