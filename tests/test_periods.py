"""Calendar binning: period starts, full ranges, incomplete flags, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediastudy.periods import FREQS, period_range, period_start


@pytest.mark.parametrize(
    ("freq", "day", "expected"),
    [
        ("D", "2022-02-24 23:59", "2022-02-24"),
        ("W", "2022-02-27 12:00", "2022-02-21"),  # a Sunday belongs to the week from Monday
        ("W", "2022-02-28", "2022-02-28"),  # a Monday starts its own week
        ("W", "1970-01-01", "1969-12-29"),  # before/after numpy's epoch day
        ("W", "1969-12-31", "1969-12-29"),
        ("M", "2024-02-29", "2024-02-01"),
        ("Q", "2022-12-31", "2022-10-01"),
        ("Q", "1987-04-01", "1987-04-01"),
        ("Y", "1987-10-19", "1987-01-01"),
    ],
)
def test_period_start_known_dates(freq, day, expected):
    got = period_start(pd.Series(pd.to_datetime([day])), freq)
    assert got[0] == pd.Timestamp(expected)


@pytest.mark.parametrize("freq", FREQS)
def test_period_start_matches_pandas_periods(freq):
    days = pd.Series(pd.date_range("2019-12-20", "2023-01-10", freq="37h"))
    pandas_freq = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}[freq]
    expected = days.dt.to_period(pandas_freq).dt.start_time.to_numpy()
    got = period_start(days, freq).to_numpy()
    np.testing.assert_array_equal(got.astype("datetime64[D]"), expected.astype("datetime64[D]"))


def test_period_start_keeps_nat_and_ignores_time_zone():
    s = pd.Series(pd.to_datetime(["2022-03-02 10:00", None])).dt.tz_localize("Europe/Kyiv")
    got = period_start(s, "M")
    assert got[0] == pd.Timestamp("2022-03-01")
    assert pd.isna(got[1])


def test_period_range_lists_every_period_and_flags_partial_ends():
    table = period_range("2022-01-05", "2022-03-31", "M")
    assert table["period"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-01-01", "2022-02-01", "2022-03-01",
    ]  # fmt: skip
    assert table["period_end"].dt.strftime("%m-%d").tolist() == ["01-31", "02-28", "03-31"]
    assert table["incomplete"].tolist() == [True, False, False]


def test_period_range_weeks_cross_years_without_gaps():
    table = period_range("2021-12-20", "2022-01-16", "W")
    steps = table["period"].diff().dropna().unique()
    assert list(steps) == [pd.Timedelta(days=7)]
    assert len(table) == 4
    assert not table["incomplete"].any()


def test_days_are_never_incomplete():
    table = period_range("2022-01-01", "2022-01-03", "D")
    assert len(table) == 3 and not table["incomplete"].any()


def test_bad_freq_names_the_parameter_and_choices():
    with pytest.raises(ValueError, match=r"The 'freq' parameter of period_start must be one of "
                       r"'D', 'W', 'M', 'Q', 'Y'\. Got 'weekly' instead\."):  # fmt: skip
        period_start(pd.Series(pd.to_datetime(["2022-01-01"])), "weekly")
    with pytest.raises(ValueError, match="'freq' parameter of period_range"):
        period_range("2022-01-01", "2022-02-01", "2W")


def test_period_range_end_before_start():
    with pytest.raises(ValueError, match="is before 'start'.*swap"):
        period_range("2022-02-01", "2022-01-01", "W")


@settings(max_examples=80, deadline=None)
@given(
    days=st.lists(st.integers(-40_000, 60_000), min_size=1, max_size=30),
    freq=st.sampled_from(FREQS),
)
def test_every_date_falls_inside_its_period(days, freq):
    dates = pd.Series(pd.to_datetime(np.array(days, dtype="datetime64[D]")))
    starts = period_start(dates, freq)
    table = period_range(dates.min(), dates.max(), freq)
    ends = table.set_index("period")["period_end"]
    assert set(starts) <= set(table["period"])  # the range holds every date's period
    for d, s in zip(dates, starts, strict=True):
        assert s <= d <= ends[s] + pd.Timedelta(hours=23, minutes=59)
        if freq == "W":
            assert s.weekday() == 0
    assert table["incomplete"].sum() <= 2
    assert not table["incomplete"].iloc[1:-1].any()
