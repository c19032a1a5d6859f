"""find_duplicates: each copy-desk edit is found with its origin, bad input, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.copies import find_duplicates
from mediastudy.errors import InvalidParameterError, SchemaError


@pytest.fixture(scope="module")
def demo():
    return ms.load_demo()


def _paragraphs(text):
    return [p for p in text.split("\n\n") if p.strip()]


def _edits(demo):
    """One copy per edit a copy desk makes, each of a different demo article: (copy, source)."""
    arts = demo.sort_values("id").reset_index(drop=True)
    host = arts.iloc[-1]
    extra = arts.iloc[-2]
    rows = []

    def add(i, kind, text, days=2, title=None):
        src = arts.iloc[i]
        rows.append({"id": f"zz-{kind}", "outlet": "Copier", "date": src["date"] + pd.Timedelta(days=days),
                     "title": title or src["title"], "text": text, "source": src["id"], "kind": kind})

    t = arts.iloc[0]["text"]
    add(0, "retitle", t, title="A new headline")
    t = arts.iloc[1]["text"]
    p = _paragraphs(t)
    add(1, "cut", "\n\n".join(p[: max(1, len(p) // 3)]))
    t = arts.iloc[2]["text"]
    add(2, "add_paragraph", t + "\n\n" + _paragraphs(extra["text"])[0])
    words = arts.iloc[3]["text"].split(" ")
    for k in (5, 40, 90):
        words[k] = "changed"
    add(3, "change_words", " ".join(words))
    hp = _paragraphs(host["text"])
    add(4, "pasted", "\n\n".join(hp[:2] + _paragraphs(arts.iloc[4]["text"]) + hp[2:] * 3))
    add(5, "same_text_later", arts.iloc[5]["text"], days=6)
    copies = pd.DataFrame(rows)
    base = arts.iloc[:-2]  # the host and the extra paragraph's article are not in the corpus
    corpus = pd.concat([base, copies.drop(columns=["source", "kind"])], ignore_index=True)
    return corpus, copies


def test_each_copy_desk_edit_is_found_with_its_origin(demo):
    corpus, copies = _edits(demo)
    out = find_duplicates(corpus)
    found = out.set_index("id")
    for _, c in copies.iterrows():
        assert c["id"] in found.index, f"{c['kind']} copy not found"
        assert found.loc[c["id"], "origin_id"] == c["source"], c["kind"]
        assert found.loc[c["source"], "kind"] == "origin"
    kinds = found.loc[copies["id"], "kind"].tolist()
    assert kinds == ["copy", "excerpt", "copy", "copy", "passage", "copy"]
    # nothing else: the demo's distinct articles are not paired
    assert set(out["id"]) == set(copies["id"]) | set(copies["source"])
    assert (found.loc[copies["id"], "origin_outlet"] == corpus.set_index("id").loc[copies["source"], "outlet"].to_numpy()).all()


def test_output_columns_and_types(demo):
    corpus, _ = _edits(demo)
    out = find_duplicates(corpus)
    assert list(out.columns) == ["id", "outlet", "date", "cluster", "kind", "origin_id",
                                 "origin_outlet", "origin_date", "similarity", "containment"]
    assert out["cluster"].dtype == "Int64"
    assert out["similarity"].between(0, 1).all() and out["containment"].between(0, 1).all()
    origins = out[out["kind"] == "origin"]
    assert (origins["id"] == origins["origin_id"]).all()
    assert (origins["similarity"] == 1).all()
    # one origin per cluster, the earliest
    assert out.groupby("cluster")["kind"].apply(lambda k: (k == "origin").sum()).eq(1).all()
    assert (out["date"] >= out["origin_date"]).all()


def test_a_roundup_of_two_stories_merges_neither(demo):
    arts = demo.sort_values("id").reset_index(drop=True)
    a, b = arts.iloc[10], arts.iloc[20]
    roundup = {"id": "roundup", "outlet": "Digest", "date": max(a["date"], b["date"]) + pd.Timedelta(days=1),
               "title": "Roundup", "text": a["text"] + "\n\n" + b["text"]}
    corpus = pd.concat([arts, pd.DataFrame([roundup])], ignore_index=True)
    out = find_duplicates(corpus)
    assert set(out["id"]) <= {a["id"], b["id"], "roundup"}
    assert out.loc[out["id"] == "roundup", "kind"].item() == "passage"
    assert out["cluster"].nunique() == 1  # the roundup joins one story; the other stays alone


def test_short_and_empty_texts_are_not_comparable_and_never_matched():
    story = " ".join(f"word{i}" for i in range(60))
    corpus = pd.DataFrame({
        "id": ["e1", "e2", "s1", "s2", "n1", "ok1", "ok2"],
        "outlet": ["A", "B", "A", "B", "C", "A", "B"],
        "date": pd.to_datetime(["2024-01-01"] * 7),
        "text": ["", "", "Four words only here", "Four words only here", None, story, story],
    })
    out = find_duplicates(corpus)
    bad = out[out["kind"] == "not comparable"]
    assert set(bad["id"]) == {"e1", "e2", "s1", "s2", "n1"}
    assert bad["cluster"].isna().all() and bad["origin_id"].isna().all()
    matched = out[out["kind"] != "not comparable"]
    assert set(matched["id"]) == {"ok1", "ok2"}


def test_five_words_are_enough_for_a_near_copy():
    corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"],
                           "date": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                           "text": ["Five words make a shingle", "five words make a shingle."]})
    out = find_duplicates(corpus)
    assert out["kind"].tolist() == ["origin", "copy"]


def test_missing_dates_are_compared_with_all_and_come_last():
    story = " ".join(f"w{i}" for i in range(80))
    corpus = pd.DataFrame({
        "id": ["a", "b", "c"], "outlet": ["A", "B", "C"],
        "date": [pd.NaT, pd.Timestamp("2020-01-01"), pd.Timestamp("2024-01-01")],
        "text": [story, story, story],
    })
    out = find_duplicates(corpus).set_index("id")
    # b and c are 4 years apart (outside the window) but both match the undated a
    assert out.loc["b", "kind"] == "origin"
    assert out.loc["a", "origin_id"] == "b"
    assert "c" in out.index
    apart = find_duplicates(corpus.iloc[1:])
    assert apart.empty  # without the undated article, the window keeps b and c apart
    assert len(find_duplicates(corpus.iloc[1:], window=None)) == 2


def test_ties_on_the_date_go_to_the_smallest_id():
    story = " ".join(f"w{i}" for i in range(80))
    corpus = pd.DataFrame({"id": ["m", "k", "z"], "outlet": ["A", "B", "C"],
                           "date": pd.to_datetime(["2024-01-01"] * 3), "text": [story] * 3})
    out = find_duplicates(corpus)
    assert out.loc[out["kind"] == "origin", "id"].item() == "k"


def test_window(demo):
    corpus, copies = _edits(demo)
    later = copies.loc[copies["kind"] == "same_text_later", "id"].item()
    assert later in set(find_duplicates(corpus, window=7)["id"])
    assert later not in set(find_duplicates(corpus, window="5D")["id"])
    assert later in set(find_duplicates(corpus, window=None)["id"])


def test_outlet_boilerplate_does_not_make_copies():
    rng = np.random.default_rng(0)
    vocab = [f"v{i}" for i in range(5000)]
    gallery = " ".join(rng.choice(vocab, 300))
    texts = [" ".join(rng.choice(vocab, 60)) + "\n\n" + gallery for _ in range(6)]
    corpus = pd.DataFrame({"id": [f"a{i}" for i in range(6)], "outlet": ["A"] * 6,
                           "date": pd.date_range("2024-01-01", periods=6, freq="20D"),
                           "text": texts})
    assert find_duplicates(corpus, window=None).empty
    # the same gallery in fewer articles than the boilerplate rule needs links them
    assert not find_duplicates(corpus.iloc[:3], window=None).empty


def test_deterministic_and_input_unchanged(demo):
    corpus, _ = _edits(demo)
    before = corpus.copy(deep=True)
    first = find_duplicates(corpus, random_state=3)
    pd.testing.assert_frame_equal(corpus, before)
    pd.testing.assert_frame_equal(first, find_duplicates(corpus, random_state=3))
    pd.testing.assert_frame_equal(first, find_duplicates(corpus.sample(frac=1, random_state=1)))


def test_other_column_names(demo):
    corpus, copies = _edits(demo)
    renamed = corpus.rename(columns={"id": "key", "text": "body", "date": "when", "outlet": "site"})
    out = find_duplicates(renamed, id_column="key", text_column="body", date_column="when",
                          outlet_column="site")
    assert set(out["id"]) == set(find_duplicates(corpus)["id"])


def test_empty_corpus(demo):
    out = find_duplicates(demo.iloc[:0])
    assert out.empty and "origin_id" in out.columns


@pytest.mark.parametrize("kwargs, param", [
    ({"threshold": 0}, "threshold"), ({"threshold": 1.5}, "threshold"),
    ({"containment": "high"}, "containment"), ({"window": -1}, "window"),
    ({"window": "soon"}, "window"),
])
def test_bad_parameters(demo, kwargs, param):
    with pytest.raises(InvalidParameterError, match=f"'{param}' parameter of find_duplicates") as e:
        find_duplicates(demo, **kwargs)
    assert e.value.param == param


def test_missing_column(demo):
    with pytest.raises(SchemaError, match="find_duplicates"):
        find_duplicates(demo.drop(columns=["outlet"]))
