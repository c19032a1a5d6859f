"""Stance timelines: means per period with CI, article counts, sparse periods, rolling mean."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, PolyCollection

from mediastudy import (
    SchemaError,
    outlet_colors,
    plot_stance_timeline,
    plot_volume,
    stance_timeline_table,
)


@pytest.fixture
def corpus() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 120
    dates = pd.Timestamp("2022-02-07") + pd.to_timedelta(rng.integers(0, 42, n), unit="D")
    return pd.DataFrame({"id": [f"s{i:03d}" for i in range(n)],
                         "outlet": rng.choice(["RT", "BBC"], n, p=[0.7, 0.3]),
                         "date": dates, "title": "t", "text": "x"})  # fmt: skip


@pytest.fixture
def scores(corpus) -> pd.DataFrame:
    """Article-level scores for two targets, shaped like score_stance(...).articles."""
    rng = np.random.default_rng(3)
    rows = []
    for target, shift in (("NATO", -0.3), ("EU", 0.2)):
        mentions = rng.integers(0, 3, len(corpus))
        score = np.clip(rng.normal(shift, 0.3, len(corpus)), -1, 1)
        rows.append(pd.DataFrame({"id": corpus["id"], "target": target, "n_mentions": mentions,
                                  "pro": 0.0, "anti": 0.0,
                                  "score": np.where(mentions > 0, score, np.nan)}))  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def _expected(scores, corpus, target):
    j = scores[(scores["target"] == target) & (scores["n_mentions"] > 0)].merge(corpus, on="id")
    j = j.assign(period=j["date"].dt.to_period("W-SUN").dt.start_time)
    return j.groupby(["outlet", "period"])["score"].agg(["mean", "count", "std"])


def test_means_and_counts_match_a_plain_groupby(scores, corpus):
    t = stance_timeline_table(scores, corpus, freq="W", min_articles=3)
    expected = _expected(scores, corpus, "NATO")
    got = t[(t["target"] == "NATO") & (t["n_articles"] > 0)].set_index(["outlet", "period"])
    got.index = got.index.set_levels(got.index.levels[0].astype(str), level=0)
    got = got.loc[expected.index]
    np.testing.assert_allclose(got["mean_score"], expected["mean"])
    np.testing.assert_array_equal(got["n_articles"], expected["count"])
    # t interval: mean +- t * sd / sqrt(n)
    from scipy import stats

    half = stats.t.ppf(0.975, expected["count"] - 1) * expected["std"] / np.sqrt(expected["count"])
    np.testing.assert_allclose(got["ci_high"], np.clip(expected["mean"] + half, -1, 1))


def test_ci_contains_mean_and_sparse_periods_are_flagged(scores, corpus):
    t = stance_timeline_table(scores, corpus, freq="W", min_articles=8)
    ok = t["ci_low"].notna()
    assert (t.loc[ok, "ci_low"] <= t.loc[ok, "mean_score"]).all()
    assert (t.loc[ok, "mean_score"] <= t.loc[ok, "ci_high"]).all()
    assert (t["too_few"] == (t["n_articles"] < 8)).all()
    assert t["too_few"].any() and (~t["too_few"]).any()
    # One article: a mean but no interval.
    single = t[t["n_articles"] == 1]
    assert single["ci_low"].isna().all()


def test_periods_without_scored_articles_are_zero_filled():
    corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "X"],
                           "date": pd.to_datetime(["2022-01-03", "2022-01-24"])})  # fmt: skip
    scores = pd.DataFrame({"id": ["a", "b"], "target": "NATO", "n_mentions": [1, 2],
                           "score": [0.5, -0.5]})  # fmt: skip
    t = stance_timeline_table(scores, corpus, freq="W", min_articles=1)
    assert t["n_articles"].tolist() == [1, 0, 0, 1]
    assert t["n_mentions"].tolist() == [1, 0, 0, 2]
    assert t["mean_score"].isna().tolist() == [False, True, True, False]
    assert t["too_few"].tolist() == [False, True, True, False]


def test_rolling_mean_weights_each_article_the_same():
    corpus = pd.DataFrame({"id": list("abcd"), "outlet": "X",
                           "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-05",
                                                   "2022-01-11"])})  # fmt: skip
    scores = pd.DataFrame({"id": list("abcd"), "target": "T", "n_mentions": 1,
                           "score": [0.0, 0.0, 0.0, 1.0]})  # fmt: skip
    t = stance_timeline_table(scores, corpus, freq="W", rolling=2, min_articles=1)
    assert t["mean_score"].tolist() == [0.0, 1.0]
    assert t["rolling_mean"].tolist() == [0.0, 0.25]  # 1 of 4 articles, not (0 + 1) / 2
    assert t["rolling_n"].tolist() == [3, 4]
    sparse = stance_timeline_table(scores, corpus, freq="W", rolling=2, min_articles=4)
    assert sparse["rolling_mean"].isna().tolist() == [True, False]


def test_more_outlets_than_an_int8_code_holds():
    # 300 outlets, two targets: target codes are int8, and once multiplied by the number
    # of outlets they overflowed (issue 7: allsides_news has 491 outlets).
    n = 300
    weeks = pd.to_timedelta(np.arange(n) % 3, unit="W")
    corpus = pd.DataFrame({"id": [f"a{i}" for i in range(n)], "outlet": [f"o{i:03d}" for i in range(n)],
                           "date": pd.Timestamp("2022-01-03") + weeks})  # fmt: skip
    scores = pd.DataFrame({"id": list(corpus["id"]) * 2, "target": ["A"] * n + ["B"] * n,
                           "n_mentions": 1, "score": np.linspace(-1, 1, 2 * n)})  # fmt: skip
    t = stance_timeline_table(scores, corpus, freq="W", min_articles=1)
    assert len(t) == 2 * n * 3
    hit = t[t["n_articles"] > 0].set_index(["target", "outlet"])["mean_score"]
    expected = scores.merge(corpus, on="id").set_index(["target", "outlet"])["score"]
    assert len(hit) == 2 * n
    np.testing.assert_allclose(hit.loc[expected.index].to_numpy(), expected.to_numpy())


def test_accepts_stance_result_and_frames_with_outlet_and_date(scores, corpus):
    a = stance_timeline_table(SimpleNamespace(articles=scores), corpus, freq="M")
    merged = scores.merge(corpus[["id", "outlet", "date"]], on="id")
    b = stance_timeline_table(merged, freq="M")
    pd.testing.assert_frame_equal(a, b)


def test_inputs_are_not_changed(scores, corpus):
    s0, c0 = scores.copy(deep=True), corpus.copy(deep=True)
    stance_timeline_table(scores, corpus, freq="W", rolling=3)
    fig, ax = plt.subplots()
    plot_stance_timeline(scores, corpus, target="EU", ax=ax)
    pd.testing.assert_frame_equal(scores, s0)
    pd.testing.assert_frame_equal(corpus, c0)


def test_unmatched_ids_count_as_undated(scores, corpus):
    with pytest.warns(UserWarning, match="left out .* without a date"):
        t = stance_timeline_table(scores, corpus.iloc[10:], freq="M")
    assert t.attrs["n_no_date"] > 0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"freq": "week"}, ValueError, r"'freq' parameter of stance_timeline_table"),
        ({"targets": ["Russia"]}, ValueError, r"names \['Russia'\], not in the scores.*'EU'"),
        ({"min_articles": 0}, ValueError, r"'min_articles' parameter .* integer >= 1"),
        ({"rolling": 0}, ValueError, r"'rolling' parameter .* number of periods >= 1"),
        ({"ci": 1.5}, ValueError, r"'ci' parameter of stance_timeline_table"),
    ],
)
def test_bad_arguments(scores, corpus, kwargs, error, message):
    with pytest.raises(error, match=message):
        stance_timeline_table(scores, corpus, **kwargs)


def test_schema_errors(scores, corpus):
    with pytest.raises(SchemaError, match=r"\['score'\] in 'stance'"):
        stance_timeline_table(scores.drop(columns="score"), corpus)
    with pytest.raises(SchemaError, match="duplicate ids"):
        stance_timeline_table(scores, pd.concat([corpus, corpus.iloc[:1]]))
    with pytest.raises(SchemaError, match=r"no \['date', 'outlet'\] column\(s\); pass the corpus"):
        stance_timeline_table(scores)


def test_plot_draws_band_line_and_sized_markers(scores, corpus):
    fig, ax = plt.subplots()
    out = plot_stance_timeline(scores, corpus, target="NATO", freq="W", min_articles=6, ax=ax)
    assert out is ax
    labelled = [ln.get_label() for ln in ax.lines if not ln.get_label().startswith("_")]
    assert labelled == ["BBC", "RT"]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    sizes = np.concatenate([c.get_sizes() for c in dots])
    assert sizes.min() < sizes.max()  # marker area follows the article count
    # Sparse periods: hollow markers (no face colour).
    hollow = [c for c in dots if len(c.get_facecolors()) == 0 or c.get_facecolors()[0][3] == 0]
    assert hollow
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "fewer than 6 articles" in legend
    low, high = ax.get_ylim()  # fitted to what is drawn (and 0), not -1..1
    assert -1.05 <= low < 0 < high <= 1.05 and (low, high) != (-1.05, 1.05)
    _, ax2 = plt.subplots()
    plot_stance_timeline(scores, corpus, target="NATO", freq="W", min_articles=6, ylim=(-1, 1), ax=ax2)
    assert ax2.get_ylim() == (-1, 1)
    assert ax.get_ylabel().startswith("Mean stance toward NATO per week")


def test_plot_with_rolling_mean_and_one_target_required(scores, corpus):
    fig, ax = plt.subplots()
    plot_stance_timeline(scores, corpus, target="EU", rolling=3, ax=ax)
    thick = [ln for ln in ax.lines if ln.get_linewidth() > 2]
    assert len(thick) == 2
    assert "3-week rolling mean" in ax.get_title(loc="left")
    with pytest.raises(ValueError, match=r"one target per Axes; pass target= one of"):
        plot_stance_timeline(scores, corpus, ax=ax)


def test_same_outlet_same_colour_in_two_different_plots(scores, corpus):
    fig, (ax1, ax2) = plt.subplots(2)
    plot_volume(corpus, freq="W", ax=ax1)
    plot_stance_timeline(scores, corpus, target="NATO", ax=ax2)

    def colour(ax, name):
        return [ln.get_color() for ln in ax.lines if ln.get_label() == name][0]

    for name in ("RT", "BBC"):
        assert colour(ax1, name) == colour(ax2, name) == outlet_colors([name])[name]
    assert colour(ax1, "RT") != colour(ax1, "BBC")


# ------------------------------------------------- what is missing when nothing is scored
@pytest.fixture
def unmentioned(scores, corpus) -> pd.DataFrame:
    """The scores plus a target 'OSCE' that no article mentions, and BBC never names NATO."""
    bbc = corpus.loc[corpus["outlet"] == "BBC", "id"]
    nato_bbc = (scores["target"] == "NATO") & scores["id"].isin(bbc)
    quiet = scores.assign(
        n_mentions=scores["n_mentions"].where(~nato_bbc, 0),
        score=scores["score"].where(~nato_bbc),
    )
    osce = scores[scores["target"] == "EU"].assign(target="OSCE", n_mentions=0, score=np.nan)
    return pd.concat([quiet, osce], ignore_index=True)


def test_a_target_no_article_mentions_is_named_not_the_dates(unmentioned, corpus):
    # every article has a date: the error must not blame them
    with pytest.raises(ValueError, match=r"no article mentions the target\(s\) \['OSCE'\]") as err:
        stance_timeline_table(unmentioned, corpus, targets="OSCE")
    message = str(err.value)
    assert "usable date" not in message
    assert "'EU'" in message and "'NATO'" in message  # the targets that can be drawn
    assert "targets=" in message
    # the plot goes through the same check
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"no article mentions the target\(s\) \['OSCE'\]"):
        plot_stance_timeline(unmentioned, corpus, target="OSCE", ax=ax)


def test_an_outlet_that_never_mentions_the_target_is_named(unmentioned, corpus):
    with pytest.raises(ValueError, match=r"'outlets' parameter") as err:
        stance_timeline_table(unmentioned, corpus, targets="NATO", outlets=["RT", "BBC"])
    message = str(err.value)
    assert "['BBC'] (dated articles, but none that mentions the target)" in message
    assert "no dated articles" not in message
    assert "that mention it: ['RT']" in message
    # an outlet that is not in the corpus at all is told apart, with the outlets there are
    absent = r"\['Reuters'\] \(no dated article at all; outlets with dated articles: \['BBC', 'RT'\]\)"
    with pytest.raises(ValueError, match=absent):
        stance_timeline_table(unmentioned, corpus, targets="NATO", outlets=["RT", "Reuters"])
    # BBC still has a stance toward the EU
    t = stance_timeline_table(unmentioned, corpus, targets="EU", outlets=["RT", "BBC"], freq="M")
    assert set(t["outlet"].astype(str)) == {"RT", "BBC"}
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"\['BBC'\] \(dated articles, but none that mentions"):
        plot_stance_timeline(unmentioned, corpus, target="NATO", outlets=["BBC"], ax=ax)


def test_scored_articles_without_dates_are_named(scores, corpus):
    with pytest.raises(ValueError, match=r"the \d+ scored articles that mention \['NATO'\] have no date"):
        stance_timeline_table(scores, corpus.assign(date=pd.NaT), targets="NATO")


def test_scores_join_on_their_id_column_whatever_the_corpus_calls_it(scores, corpus):
    # score_stance(corpus, lexicon, id_column="doc_id") still names its id column "id"
    renamed = corpus.rename(columns={"id": "doc_id"})
    expected = stance_timeline_table(scores, corpus, freq="W")
    got = stance_timeline_table(scores, renamed, freq="W", id_column="doc_id")
    pd.testing.assert_frame_equal(got, expected)
    # a scores frame of one's own that uses the corpus' name works as before
    own = scores.rename(columns={"id": "doc_id"})
    pd.testing.assert_frame_equal(stance_timeline_table(own, renamed, freq="W", id_column="doc_id"), expected)


@pytest.mark.parametrize("target", [["NATO", "EU"], ("NATO",), {"NATO"}])
def test_plot_takes_one_target_and_says_what_to_do_with_a_list(scores, corpus, target):
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match=r"'target' parameter of plot_stance_timeline takes one target name"):
        plot_stance_timeline(scores, corpus, target=target, ax=ax)
    with pytest.raises(TypeError, match=r"pass target= \(singular\) one name, e.g. target='NATO'"):
        plot_stance_timeline(scores, corpus, targets=target, ax=ax)
    assert not ax.lines  # nothing half-drawn


# ------------------------------------------------------------------ the real corpus
@pytest.mark.corpora
def test_real_corpus_errors_say_which_outlet_or_target_has_no_scores(corpora):
    from mediastudy import score_stance

    frame = pd.read_parquet(corpora / "news_ukraine_2022.parquet")
    frame = frame[frame["outlet"].isin(["RT", "BBC", "CBS"])].reset_index(drop=True)
    frame = frame.assign(id=[f"u{i:05d}" for i in range(len(frame))])
    lexicon = {
        "targets": {"Minsk agreements": ["Minsk"], "Atlantis Accord": ["Atlantis Accord"]},
        "cues": {"pro": ["peace*"], "anti": ["violat*", "sabotag*"]},
    }
    scores = score_stance(frame, lexicon)
    mentions = scores.articles[scores.articles["n_mentions"] > 0].merge(frame, on="id")
    by_outlet = mentions.groupby("outlet").size()
    # RT and BBC name Minsk; CBS, with dated articles of its own, never does
    assert by_outlet["RT"] > 50 and by_outlet["BBC"] > 0 and "CBS" not in by_outlet
    assert frame.loc[frame["outlet"] == "CBS", "date"].notna().sum() > 20

    with pytest.raises(ValueError, match=r"\['CBS'\] \(dated articles, but none that mentions the target\)"):
        stance_timeline_table(scores, frame, targets="Minsk agreements", outlets=["RT", "CBS"], freq="M")
    with pytest.raises(ValueError, match=r"no article mentions the target\(s\) \['Atlantis Accord'\]") as err:
        stance_timeline_table(scores, frame, targets="Atlantis Accord", freq="M")
    assert "'Minsk agreements'" in str(err.value)

    t = stance_timeline_table(scores, frame, targets="Minsk agreements", outlets=["RT", "BBC"], freq="M",
                              min_articles=1)  # fmt: skip
    dated = mentions[mentions["date"].notna()]
    assert t["n_articles"].sum() == len(dated)
    assert (
        t.groupby("outlet", observed=True)["n_articles"].sum().to_dict()
        == dated.groupby("outlet").size().to_dict()
    )


@pytest.mark.parametrize("as_result", [True, False])
def test_corpus_first_by_mistake_names_the_order(scores, corpus, as_result):
    from mediastudy import StanceResult, aggregate_stance

    stance = StanceResult(scores.assign(n_quoted=0), pd.DataFrame()) if as_result else scores
    fig, ax = plt.subplots()
    for func, call in [
        ("stance_timeline_table", lambda: stance_timeline_table(corpus, stance)),
        ("plot_stance_timeline", lambda: plot_stance_timeline(corpus, stance, target="NATO", ax=ax)),
        ("aggregate_stance", lambda: aggregate_stance(corpus, stance)),
    ]:
        with pytest.raises(TypeError, match=rf"{func} takes the scores first .*{func}\(stance, corpus\)"):
            call()
    # the right order works, and a corpus that also carries scores is not mistaken for a swap
    stance_timeline_table(stance, corpus, freq="M")
    both = corpus.merge(scores[scores["target"] == "NATO"], on="id")
    stance_timeline_table(scores, both[["id", "date", "outlet", "score", "target", "n_mentions"]], freq="M")


def test_table_takes_one_target_as_the_plot_does(scores, corpus):
    one = stance_timeline_table(scores, corpus, freq="M", target="EU")
    pd.testing.assert_frame_equal(one, stance_timeline_table(scores, corpus, freq="M", targets=["EU"]))
    assert set(one["target"]) == {"EU"}
    with pytest.raises(TypeError, match="target= .one. or targets= .several., not both"):
        stance_timeline_table(scores, corpus, target="EU", targets=["NATO"])
    with pytest.raises(TypeError, match=r"'target' parameter of stance_timeline_table .* targets=\[...\]"):
        stance_timeline_table(scores, corpus, target=["EU", "NATO"])
    # the plot passes its target on, so an unknown one is named as the caller wrote it
    with pytest.raises(ValueError, match=r"'target' parameter of stance_timeline_table names \['Nato'\]"):
        plot_stance_timeline(scores, corpus, target="Nato")



def test_the_score_axis_fits_the_bands_of_periods_with_enough_articles():
    """A band of fewer than BAND_FIT_FACTOR x min_articles articles runs past the edge; one of
    that many widens the axis (the report's caption states the rule with the same constant)."""
    from mediastudy.timeline.stance_timeline import BAND_FIT_FACTOR, _fitted_limits

    def limits(n_wide):
        part = pd.DataFrame({"mean_score": [0.05, 0.1], "ci_low": [0.0, -0.9],
                             "ci_high": [0.1, 0.95], "too_few": [False, False],
                             "n_articles": [40, n_wide]})
        return _fitted_limits(part, False, 5)

    narrow, wide = limits(BAND_FIT_FACTOR * 5 - 1), limits(BAND_FIT_FACTOR * 5)
    assert narrow[1] < 0.5 and -0.5 < narrow[0]  # the wide band of 9 articles runs past
    assert wide[0] < -0.9 and 0.95 < wide[1] <= 1.05  # the band of 10 is inside
