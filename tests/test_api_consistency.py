"""Conventions every public function follows, checked over the whole public API."""

from __future__ import annotations

import inspect

import pytest

import mediastudy


def _public_callables():
    for name in mediastudy.__all__:
        obj = getattr(mediastudy, name)
        if inspect.isclass(obj):
            if issubclass(obj, BaseException):
                continue
            yield f"{name}.__init__", obj.__init__
            for attr, value in vars(obj).items():
                if callable(value) and not attr.startswith("_"):
                    yield f"{name}.{attr}", value
        elif callable(obj):
            yield name, obj


CALLABLES = dict(_public_callables())


def test_the_api_is_found():
    # the check below must see the functions it is about
    assert {"sample_evidence", "topic_share_table", "TopicModel.__init__"} <= set(CALLABLES)


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_random_state_is_keyword_only(name):
    try:
        params = inspect.signature(CALLABLES[name]).parameters
    except (TypeError, ValueError):
        pytest.skip(f"{name} has no inspectable signature")
    if "random_state" in params:
        assert params["random_state"].kind is inspect.Parameter.KEYWORD_ONLY, (
            f"{name}: random_state must be keyword-only, as everywhere else"
        )
