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


# ---------------------------------------------------------------- the glossary (issue 13)
import dataclasses  # noqa: E402
from pathlib import Path  # noqa: E402

from mediastudy.glossary import COLUMNS, FIELDS, GLOSSARY, KINDS, REQUIRED, VARIES  # noqa: E402

# Names that were renamed: none may come back as a parameter.
OLD_NAMES = {"df", "ddf", "chunk", "by_outlet", "n_runs", "svd_sample", "text", "id", "date",
             "label", "end_date", "column", "topic_label", "top"}


def _parameters(func):
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return []
    return [p for p in params.values()
            if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _owner(name):
    return getattr(mediastudy, name.split(".")[0])


def _is_record(name):
    """The __init__ of a result dataclass: its parameters are the result's fields."""
    return name.endswith(".__init__") and dataclasses.is_dataclass(_owner(name))


PARAMS = [(name, p) for name, func in sorted(CALLABLES.items()) for p in _parameters(func)]


def test_the_walk_sees_the_renamed_functions():
    names = {f"{name}:{p.name}" for name, p in PARAMS}
    assert {"volume_table:corpus", "TopicModel.__init__:text_column", "score_stance:id_column",
            "read_events:date_column", "mark_peaks:top_n"} <= names


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_every_parameter_is_in_the_glossary_with_its_default(name):
    problems = []
    for p in _parameters(CALLABLES[name]):
        if _is_record(name):
            if p.name not in FIELDS:
                problems.append(f"field {p.name!r} is not in mediastudy.glossary.FIELDS")
            continue
        term = GLOSSARY.get(p.name)
        if term is None:
            problems.append(f"parameter {p.name!r} is not in mediastudy.glossary.GLOSSARY: use "
                            "the glossary's name for the concept, or add the new concept there")
            continue
        if name in term.exceptions:
            continue
        default = REQUIRED if p.default is inspect.Parameter.empty else p.default
        if term.default is VARIES:
            if term.allowed and not any(default is a or (a is not REQUIRED and default == a)
                                        for a in term.allowed):
                problems.append(f"{p.name}={default!r}: the glossary allows {term.allowed!r} "
                                f"({term.why})")
        elif not (default is term.default or (term.default is not REQUIRED
                                               and default == term.default)):
            problems.append(f"{p.name}={default!r}: the glossary's default is {term.default!r}")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_the_glossary_is_well_formed():
    for name, term in GLOSSARY.items():
        assert term.kind in KINDS, name
        assert term.meaning.strip(), name
        if term.default is VARIES:
            assert term.why.strip(), f"{name}: a default that varies says why"
        # a parameter that names a column ends in _column(s); nothing else does
        assert (term.kind == "column") == name.endswith("columns" if name == "columns"
                                                        else ("_column", "_columns")), name
        assert name not in OLD_NAMES, f"{name} was renamed (issue 13)"


def test_no_old_name_is_a_parameter():
    old = sorted(f"{name}({p.name}=)" for name, p in PARAMS
                 if p.name in OLD_NAMES and not _is_record(name))
    assert not old, f"renamed parameters are back: {old}"


def test_a_filter_never_names_a_column_and_a_column_parameter_is_a_string():
    for name, p in PARAMS:
        term = GLOSSARY.get(p.name)
        if term is None or _is_record(name) or name in term.exceptions:
            continue
        if term.kind == "filter":
            assert not p.name.endswith("_column"), (name, p.name)
        if term.kind == "column" and p.default is not inspect.Parameter.empty:
            default = p.default
            assert default is None or isinstance(default, (str, tuple)), (name, p.name)


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_the_first_parameter_is_the_data(name):
    params = _parameters(CALLABLES[name])
    if not params or _is_record(name) or name.endswith(".__init__"):
        return
    names = [p.name for p in params]
    first = GLOSSARY.get(names[0])
    if "corpus" in names and names[0] != "corpus":
        # functions taking a computed result first say so (stance, data of a plot, X)
        assert first is not None and first.kind == "data", (
            f"{name} takes articles: 'corpus' (or the result it works on) comes first, "
            f"not {names[0]!r}")


def test_contributing_shows_the_glossary():
    from mediastudy.glossary import glossary_markdown

    text = (Path(__file__).resolve().parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert glossary_markdown() in text, (
        "CONTRIBUTING.md's glossary is out of date: run python -m mediastudy.glossary and "
        "paste its output between the markers in CONTRIBUTING.md "
        "(or run python -m mediastudy.glossary --update CONTRIBUTING.md)"
    )


def test_output_columns_are_in_the_glossary(demo_tables):
    unknown = {f"{table}:{col}" for table, frame in demo_tables.items()
               for col in frame.columns if col not in COLUMNS}
    assert not unknown, f"output columns missing from mediastudy.glossary.COLUMNS: {sorted(unknown)}"


@pytest.fixture(scope="module")
def demo_tables():
    import warnings

    corpus = mediastudy.load_demo()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stance = mediastudy.score_stance(corpus, mediastudy.demo_path("lexicon"))
        model = mediastudy.TopicModel(3, n_init=2, n_components=10).fit(corpus)
        assigned = mediastudy.assign_topics(corpus, model)
        return {
            "corpus": corpus,
            "volume_table": mediastudy.volume_table(corpus),
            "topic_share_table": mediastudy.topic_share_table(assigned, n_boot=50),
            "stance_timeline_table": mediastudy.stance_timeline_table(stance, corpus, rolling=2),
            "find_peaks_table": mediastudy.find_peaks_table(corpus),
            "aggregate_stance": mediastudy.aggregate_stance(stance, corpus, freq="M"),
            "stance_by_outlet_table": mediastudy.stance_by_outlet_table(stance, corpus),
            "stance.articles": stance.articles,
            "topic_sizes": mediastudy.topic_sizes(corpus, model, by="outlet", freq="M"),
            "topic_terms": mediastudy.topic_terms(model),
            "representative_articles": mediastudy.representative_articles(corpus, model),
            "kwic": mediastudy.kwic(corpus, "NATO"),
            "extract_quotes": (quotes := mediastudy.extract_quotes(corpus)),
            "speakers_table": mediastudy.speakers_table(quotes, corpus, freq="M"),
            "find_speaker_variants": mediastudy.find_speaker_variants(quotes),
            "validate_quotes": mediastudy.validate_quotes(quotes, quotes.assign(
                direct=quotes["direct"].astype(bool)), n_boot=10),
        }
