"""Fuzzing the YAML readers: any text given as a lexicon or a report config either loads
or raises the reader's own error (LexiconError, ConfigError), quickly: never another
exception, never a hang or a blow-up (anchors and aliases are refused before anything
is built)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediastudy import ConfigError, LexiconError, load_lexicon, read_config

_SCALARS = st.one_of(
    st.sampled_from(["NATO", "no", "yes", "~", "null", "1", "-2.5", "2022-01-01", "2022-13-01",
                     "'quoted'", '"dq"', "*alias", "&anchor x", "!!python/object:os.system",
                     "!!binary aGk=", "[", "]", "{", "}", "- ", ": ", "threaten*", "\t", "",
                     "<<: *a", "? complex", "|", ">", "%YAML 1.1", "---", "...", "#c"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
_KEYS = st.sampled_from([
    "targets", "cues", "pro", "anti", "aliases", "case_sensitive", "negators", "contrast", "name",
    "cue", "weight", "NATO", "k", "freq", "outlets", "columns", "topic_options", "start", "end",
    "source", "lexicon", "dpi", "random_state", "title", "outlet_map", "boilerplate",
])


def _yaml_like(depth: int = 3):
    leaf = _SCALARS
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(st.tuples(_KEYS, inner), max_size=4).map(
                lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        ),
        max_leaves=12,
    )


_documents = st.one_of(
    st.lists(st.tuples(_KEYS, _yaml_like()), max_size=6).map(
        lambda kv: "".join(f"{k}: {v}\n" for k, v in kv)),
    st.lists(st.tuples(st.integers(0, 6), _KEYS, _SCALARS), max_size=10).map(
        lambda rows: "".join(f"{' ' * (2 * d)}{k}: {v}\n" for d, k, v in rows)),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_documents)
def test_any_text_as_a_lexicon_loads_or_raises_a_lexicon_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexicon.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_lexicon(path)
        except LexiconError:
            pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_documents)
def test_any_text_as_a_report_config_loads_or_raises_a_config_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            read_config(path)
        except ConfigError:
            pass
