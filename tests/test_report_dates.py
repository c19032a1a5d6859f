"""The report's note on a few articles far from the dates of the rest (report.stray_dates)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mediastudy import run_report
from mediastudy.report.stray_dates import stray_dates_note


def _dates(core=("2022-03-01", "2022-12-31"), extra=()) -> pd.Series:
    days = pd.date_range(*core, freq="D")
    return pd.Series(days.append(pd.DatetimeIndex(list(extra))))


def test_a_few_early_articles_are_named_with_the_start_that_leaves_them_out():
    note = stray_dates_note(_dates(extra=["2019-06-01", "2020-02-03", "2020-11-30"]))
    assert note.startswith("306 of the 309 articles date from 2022-03-01 to 2022-12-31. The 3 before "
                           "(2019-06-01 to 2020-11-30) stretch every timeline")
    assert "set start: 2022-03-01 in the config file (--start 2022-03-01 on the command line)" in note
    assert "end:" not in note  # nothing lies after the rest


def test_strays_at_both_ends_name_both_settings_unless_one_was_given():
    dates = _dates(extra=["2019-06-01", "2025-01-09"])
    assert "The 1 before (2019-06-01) and the 1 after (2025-01-09) stretch" in stray_dates_note(dates)
    assert "set start: 2022-03-01 and end: 2022-12-31" in stray_dates_note(dates)
    only_end = stray_dates_note(dates, start_given=True)
    assert "set end: 2022-12-31 in the config file (--end 2022-12-31 on" in only_end
    assert stray_dates_note(dates, start_given=True, end_given=True) is None


def test_articles_just_before_the_rest_stay_inside_it():
    dense = pd.date_range("2022-03-01", "2022-10-31 16:00", freq="8h")
    dates = pd.Series(dense.append(pd.DatetimeIndex(["2022-02-27", "2022-02-28", "2019-01-01"])))
    assert "date from 2022-02-27 to 2022-10-31. The 1 before (2019-01-01)" in stray_dates_note(dates)


@pytest.mark.parametrize("dates", [
    _dates(),  # no stray
    _dates(core=("2022-03-01", "2022-04-15")),  # too few periods to say
    pd.Series(pd.to_datetime(["2019-01-01"] * 3 + ["2022-05-01"] * 40)),  # too few articles
    # one article in 20 over two years before: a sparse stretch of coverage, not a few strays
    _dates(extra=list(pd.date_range("2019-01-01", "2020-12-31", periods=40))),
    # a year at one article a day before a year at 30 a day: a study period, not strays
    pd.Series(pd.date_range("2021-01-01", "2021-12-31", freq="D").append(
        pd.date_range("2022-01-01", "2022-12-31 23:00", freq="48min"))),
    # a dense cluster far away (a second study period), 4% of the articles
    pd.Series(pd.date_range("2014-03-01", "2014-04-30", periods=400).append(
        pd.date_range("2022-01-01", "2022-12-31", periods=9600))),
    # a few articles a week after the rest: barely longer axes
    _dates(extra=["2023-01-06", "2023-01-07"]),
])
def test_no_note_without_a_few_articles_far_from_the_rest(dates):
    assert stray_dates_note(dates) is None


def test_a_thin_month_next_to_the_rest_is_kept_in_its_range():
    dense = pd.date_range("2022-03-01", "2022-10-31", freq="6h")
    thin = pd.date_range("2022-11-01", "2022-11-30", freq="D")  # a tenth of a dense month or more
    note = stray_dates_note(pd.Series(dense.append(thin).append(pd.DatetimeIndex(["2018-01-01"]))))
    assert "to 2022-11-30. The 1 before (2018-01-01)" in note


def test_dates_in_a_time_zone_are_read_in_utc_over_a_short_span_too():
    local = _dates(core=("2022-03-01", "2022-07-31"), extra=["2021-06-01"]).dt.tz_localize("Europe/Kyiv")
    assert "The 1 before (2021-05-31)" in stray_dates_note(local)  # midnight in Kyiv, 21:00 UTC


def test_missing_dates_are_left_out_and_the_input_is_untouched():
    dates = _dates(extra=["2019-06-01"])
    with_missing = pd.concat([dates, pd.Series([pd.NaT] * 5)], ignore_index=True)
    before = with_missing.copy()
    assert stray_dates_note(with_missing) == stray_dates_note(dates)
    pd.testing.assert_series_equal(with_missing, before)


def test_the_ukraine_corpus_gets_the_note(corpora):
    table = pd.read_parquet(corpora / "news_ukraine_2022.parquet", columns=["date"])
    dates = pd.to_datetime(table["date"], errors="coerce", utc=True).dt.tz_localize(None)
    note = stray_dates_note(dates)
    # the HuffPost articles of 2019-21, before the 2022 collection; none after it is far
    assert note is not None and "set start: 2022-01-24 in the config file" in note and "end:" not in note
    n_before = int(note.split(". The ")[1].split(" ")[0].replace(",", ""))
    assert n_before == (dates < "2022-01-24").sum() and n_before <= 0.05 * dates.notna().sum()
    assert (dates[dates < "2022-01-24"].dt.year < 2022).all()


def test_the_report_says_so_and_the_setting_it_names_works(tmp_path):
    rng = np.random.default_rng(0)
    topics = ["ships grain port harbour cargo", "voters parliament election ballot",
              "gas prices winter heating"]
    days = list(pd.date_range("2022-03-01", "2022-12-20", periods=60).strftime("%Y-%m-%d"))
    days += ["2019-05-02", "2020-07-14"]
    rows = [{"title": f"Story {i}", "date": d, "outlet": ["A", "B"][i % 2],
             "text": " ".join(rng.permutation(topics[i % 3].split() * 3).tolist()) + f" report {i}."}
            for i, d in enumerate(days)]
    pd.DataFrame(rows).to_csv(tmp_path / "news.csv", index=False)
    options = dict(k=2, min_articles=1, topic_options={"min_df": 1, "max_df": 1.0, "n_init": 2})
    page = run_report(tmp_path / "news.csv", tmp_path / "one", **options).read_text(encoding="utf-8")
    assert "60 of the 62 articles date from 2022-03-01 to 2022-12-20. The 2 before (2019-05-02 to 2020-07-14)" in page
    assert "--start 2022-03-01 on the command line" in page
    again = run_report(tmp_path / "news.csv", tmp_path / "two", start="2022-03-01", **options)
    assert "The 2 before" not in again.read_text(encoding="utf-8")


@pytest.mark.parametrize("baseline, shown, warned", [(1.0, "1", True), (2.5, "2.5", True),
                                                    (1234.0, "1,234", False)])
def test_the_largest_peak_says_its_recent_level_and_when_it_looks_like_a_collection_start(baseline, shown,
                                                                                          warned):
    from types import SimpleNamespace

    from mediastudy.report.sections.summary import _findings

    peaks = pd.DataFrame({"period": pd.to_datetime(["2022-03-01"]), "n_articles": [1258],
                          "baseline": [baseline], "z": [30.0], "terms": ["oligarchs, biden"]})
    found = _findings(SimpleNamespace(tables={"peaks": peaks}, freq="M"))
    assert found[0].startswith(f"Largest peak of coverage: the month of 2022-03-01, 1,258 articles "
                               f"(oligarchs, biden), against a recent level of {shown} a month")
    assert ("more than 20 times it, so check whether the collection grows there" in found[0]) == warned


def test_a_peak_after_nothing_says_the_collection_may_start_there():
    from types import SimpleNamespace

    from mediastudy.report.sections.summary import _findings

    peaks = pd.DataFrame({"period": pd.to_datetime(["2020-06-01"]), "n_articles": [60],
                          "baseline": [0.0], "z": [60.0], "terms": [""]})
    found = _findings(SimpleNamespace(tables={"peaks": peaks}, freq="M"))[0]
    assert "60 articles, after none in the months before it: check whether the collection starts" in found
    assert "times it" not in found


@pytest.mark.filterwarnings("ignore:load_articles", "ignore:Stance is not scored", "ignore:assign_topics")
def test_the_report_says_why_loaded_articles_were_not_kept(tmp_path):
    topics = ["ships grain port harbour cargo", "voters parliament election ballot",
              "gas prices winter heating"]
    (tmp_path / "news").mkdir()
    pd.DataFrame({"title": [f"Story {i}" for i in range(16)],
                  "date": [f"2023-03-{1 + i:02d}" for i in range(16)],
                  "outlet": ["A"] * 12 + ["B"] * 4,
                  "text": [f"{topics[i % 3]} {topics[i % 3]} report {i}." for i in range(16)]}
                 ).to_csv(tmp_path / "news" / "dated.csv", index=False)
    pd.DataFrame({"title": ["Late story", "Other story", "Third story"], "outlet": ["A"] * 3,
                  "text": [f"{t} {t}." for t in topics]}).to_csv(tmp_path / "news" / "undated.csv", index=False)
    page = run_report(tmp_path / "news", tmp_path / "out", outlets=["A"], k=2, min_articles=1,
                      topic_options={"min_df": 1, "max_df": 1.0, "n_init": 2})
    assert ("12 of 19 loaded articles kept: 4 left out by the outlets/start/end/sample settings; "
            "3 without a date (the timelines need one).") in page.read_text(encoding="utf-8")
