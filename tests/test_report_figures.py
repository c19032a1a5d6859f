"""Issue 18: figures an editor can publish (colours, uncertainty, labels) and the workbook."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.style import (
    MIN_COLOUR_DISTANCE,
    PALETTE,
    ciede2000,
    colour_distances,
    literal_text,
    to_lab,
)


@pytest.fixture
def fresh_colours():
    saved = ms.set_outlet_colors({})
    ms.set_outlet_colors(None)
    yield
    ms.set_outlet_colors(None)
    ms.set_outlet_colors(saved)


# ---------------------------------------------------------------- colours
def test_ciede2000_matches_published_pairs():
    # Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 17 and 34 with their distances.
    pairs = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
             ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
             ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
             ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082)]
    for a, b, expected in pairs:
        assert float(ciede2000(np.array(a), np.array(b))) == pytest.approx(expected, abs=1e-4)


def test_palette_keeps_14_outlets_apart_also_for_red_green_colour_blindness():
    assert len(PALETTE) == 14 and len(set(PALETTE)) == 14
    distances = colour_distances()
    assert set(distances) == {"normal", "deuteranopia", "protanopia"}
    assert min(distances.values()) >= MIN_COLOUR_DISTANCE >= 12
    # the simulation does something: pure red and green nearly merge for a deuteranope
    red_green = to_lab(["#d62728", "#2ca02c"], vision="deuteranopia")
    normal = to_lab(["#d62728", "#2ca02c"])
    assert ciede2000(red_green[0], red_green[1]) < 0.5 * ciede2000(normal[0], normal[1])
    # and the check can fail: the first 14 colours of the old (Tableau-based) palette keep
    # apart for normal vision, but two of them merge for a deuteranope (distance 0.7)
    old = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#1f3f66", "#a35a12", "#8c1d1f", "#2f6f6a")
    assert colour_distances(old)["normal"] > MIN_COLOUR_DISTANCE > colour_distances(old)["deuteranopia"]


def test_palette_colours_are_visible_on_white():
    lightness = to_lab(PALETTE)[:, 0]
    assert lightness.min() >= 30 and lightness.max() <= 76


def test_outlet_colours_do_not_depend_on_order_or_on_a_fresh_session(fresh_colours):
    names = ["NYT", "RT", "BBC", "HuffPost", "DailyMail", "AP", "Guardian", "Express", "NBC",
             "Reuters", "CBS", "CNN", "ABC", "Mirror"]
    first = ms.outlet_colors(names)
    assert len(set(first.values())) == 14  # 14 outlets, 14 colours
    ms.set_outlet_colors(None)
    assert ms.outlet_colors(list(reversed(names))) == first
    # registered once, any subset agrees afterwards
    assert ms.outlet_colors(["RT", "CNN"]) == {"RT": first["RT"], "CNN": first["CNN"]}


def test_an_outlet_without_a_collision_keeps_its_home_colour_in_any_subset(fresh_colours):
    from mediastudy.style import _home

    a = ms.outlet_colors(["BBC"])["BBC"]
    assert a == PALETTE[_home("BBC")]
    others = [n for n in ("RT", "NYT", "CNN", "AP", "ABC") if _home(n) != _home("BBC")]
    ms.set_outlet_colors(None)
    assert ms.outlet_colors(others + ["BBC"])["BBC"] == a


def test_outlet_colours_can_be_saved_and_passed_on(tmp_path, fresh_colours):
    import json

    colours = ms.outlet_colors(["RT", "BBC", "Guardian"])
    path = tmp_path / "colours.json"
    path.write_text(json.dumps(ms.outlet_colors()), encoding="utf-8")
    ms.set_outlet_colors(None)
    ms.set_outlet_colors(path)
    assert ms.outlet_colors(["Guardian", "BBC", "RT"]) == {k: colours[k] for k in ("Guardian", "BBC", "RT")}
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ms.InvalidParameterError, match="must hold a mapping"):
        ms.set_outlet_colors(bad)


def test_literal_text_keeps_dollars_literal():
    fig, ax = plt.subplots()
    ax.set_title(literal_text("Cash $5 and $6"))
    fig.canvas.draw()
    assert ax.title.get_text() == r"Cash \$5 and \$6"
    assert not ax.title._preprocess_math(ax.title.get_text())[1]  # not math text


# ---------------------------------------------------------------- stance by outlet
@pytest.fixture
def scores():
    corpus = pd.DataFrame({"id": list("abcdefgh"), "outlet": list("XXXYYYZ$") })
    stance = pd.DataFrame({
        "id": list("abcdefgh"), "target": "NATO", "n_mentions": [1, 2, 1, 1, 1, 1, 1, 0],
        "score": [-0.5, -0.3, -0.1, 0.2, 0.3, 0.1, 0.05, np.nan]})
    return corpus, stance


def test_stance_by_outlet_table_has_interval_and_n(scores):
    corpus, stance = scores
    before = corpus.copy()
    table = ms.stance_by_outlet_table(stance, corpus, min_articles=2)
    pd.testing.assert_frame_equal(corpus, before)
    assert list(table["outlet"]) == ["X", "Z", "Y"]  # sorted by mean score
    x = table.set_index("outlet").loc["X"]
    assert x["n_articles"] == 3 and x["mean_score"] == pytest.approx(-0.3)
    assert x["ci_low"] < x["mean_score"] < x["ci_high"]
    from scipy import stats  # the interval is the Student t interval of the mean

    half = stats.t.ppf(0.975, 2) * np.std([-0.5, -0.3, -0.1], ddof=1) / np.sqrt(3)
    assert x["ci_low"] == pytest.approx(x["mean_score"] - half)
    assert x["ci_high"] == pytest.approx(x["mean_score"] + half)
    z = table.set_index("outlet").loc["Z"]
    assert z["too_few"] and np.isnan(z["ci_low"])  # one article: no interval
    with pytest.raises(ms.InvalidParameterError, match="'target' parameter"):
        ms.stance_by_outlet_table(stance, corpus, target="EU")


def test_stance_by_outlet_table_counts_the_articles_that_carry_a_cue():
    lexicon = {"targets": {"NATO": ["NATO"]}, "cues": {"pro": ["defensive"], "anti": ["reckless"]}}
    corpus = pd.DataFrame({"id": list("abcde"), "outlet": ["X", "X", "X", "X", "Y"],
                           "text": ["NATO is defensive.", "NATO met today.", "NATO is reckless.",
                                    "NATO is defensive and reckless.", "NATO met."]})
    table = ms.stance_by_outlet_table(ms.score_stance(corpus, lexicon), corpus).set_index("outlet")
    # one article without a cue scores 0; one whose cues cancel scores 0 too, but carries cues
    assert table.loc["X", "n_articles"] == 4 and table.loc["X", "n_with_cues"] == 3
    assert table.loc["Y", "n_with_cues"] == 0
    bare = ms.score_stance(corpus, lexicon).articles[["id", "target", "n_mentions", "score"]]
    assert ms.stance_by_outlet_table(bare, corpus)["n_with_cues"].isna().all()  # not known


def test_plot_stance_by_outlet_draws_dots_whiskers_n_and_fits_the_axis(scores):
    corpus, stance = scores
    fig, ax = plt.subplots()
    ax = ms.plot_stance_by_outlet(stance, corpus, min_articles=2, ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X", "Z", "Y"]
    assert [t.get_text() for t in ax.texts] == ["n = 3", "n = 1", "n = 3"]
    lo, hi = ax.get_xlim()
    assert -1 < lo < -0.3 and 0.2 < hi < 1  # fitted, not -1..1
    fig2, ax2 = plt.subplots()
    ms.plot_stance_by_outlet(stance, corpus, xlim=(-1, 1), ax=ax2)
    assert ax2.get_xlim() == (-1, 1)


# ---------------------------------------------------------------- events
def _volume_axes():
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(pd.date_range("2022-01-01", periods=120), range(120), label="X")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig, ax


def test_event_labels_do_not_overlap_each_other_or_the_legend():
    fig, ax = _volume_axes()
    events = pd.DataFrame({"date": pd.date_range("2022-01-05", periods=8, freq="14D"),
                           "label": [f"A rather long event label number {i}" for i in range(8)]})
    ms.mark_events(ax, events)
    fig.canvas.draw()
    labels = [t for t in ax.texts if t.get_gid() == "event"]
    assert len(labels) == 8
    from matplotlib.text import Text

    boxes = [Text.get_window_extent(t) for t in labels]  # the text, without its connector
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    legend = ax.get_legend().get_window_extent()
    for box in boxes:
        assert not box.overlaps(legend)


def test_events_outside_the_dates_shown_are_named_in_a_warning():
    fig, ax = _volume_axes()
    events = pd.DataFrame({"date": ["2021-06-01", "2022-02-01"], "label": ["Before", "Inside"]})
    with pytest.warns(UserWarning, match="1 of 2 events fall outside.*'Before' \\(2021-06-01\\)"):
        ms.mark_events(ax, events)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "event"] == ["Inside"]


# ---------------------------------------------------------------- workbook
def test_workbook_cuts_long_tables_and_says_so(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    long = pd.DataFrame({"x": range(30)})
    path = ms.write_workbook({"long": long}, tmp_path / "w.xlsx", max_rows=10,
                             full_tables="tables/{name}.csv")
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["Contents"][2]] == ["long", "Long", 30, 10, "tables/long.csv"]
    assert book["Long"].max_row == 11  # header and 10 rows
    # the sheet says it too, right of its header (outside the filtered columns)
    assert [c.value for c in book["Long"][1]] == [
        "x", "First 10 of 30 rows; every row is in tables/long.csv"]
    assert book["Long"].auto_filter.ref == "A1:A11"
    assert book["Contents"].max_column == 5  # a whole table: no note


def test_workbook_has_a_sheet_per_table_frozen_header_and_real_dates(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    outlets = pd.DataFrame({"outlet": ["RT", "=HYPERLINK(\"x\")"], "n_articles": [3, 4],
                            "first_date": pd.to_datetime(["2022-03-01", "2022-04-02"]),
                            "terms": [["a", "b"], ["c"]], "share": [0.5, np.nan]})
    before = outlets.copy()
    path = ms.write_workbook({"outlets": outlets, "stance_by_outlet": outlets.head(1)},
                             tmp_path / "out.xlsx")
    pd.testing.assert_frame_equal(outlets, before)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Contents", "Outlets", "Stance by outlet"]
    contents = book["Contents"]
    assert [c.value for c in contents[1]] == ["table", "sheet", "rows", "rows_in_sheet"]
    assert [c.value for c in contents[2]] == ["outlets", "Outlets", 2, 2]
    sheet = book["Outlets"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["outlet", "n_articles", "first_date", "terms", "share"]
    assert sheet["C2"].is_date and sheet["C2"].value.date().isoformat() == "2022-03-01"
    assert sheet["A3"].value == "=HYPERLINK(\"x\")" and sheet["A3"].data_type == "s"  # text, not a formula
    assert sheet["D2"].value == "a; b" and sheet["E3"].value is None


def test_progress_bar_is_plain_text_without_ipywidgets(monkeypatch):
    import builtins

    from mediastudy.progress import progress_bar

    real_import = builtins.__import__

    def no_widgets(name, *args, **kwargs):
        if name == "ipywidgets":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_widgets)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress_bar(range(3), disable=True)
    assert type(bar).__bases__[0].__module__ == "tqdm.std"  # the text bar, not the widget


# ---------------------------------------------------------------- the report
@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    messages = []
    page = ms.run_report(out=out, k=3, progress=messages.append, figure_formats=["png"])
    return out, page.read_text(encoding="utf-8"), messages


def test_report_leads_with_corpus_and_findings_and_ends_with_the_load_report(demo_report):
    _, page, _ = demo_report
    headings = [h.split(">", 1)[1] for h in page.split("<h2 id=")[1:]]
    assert headings[0].startswith("Corpus and findings") and headings[-1].startswith("Load report")
    findings = page.split("class='findings'>", 1)[1].split("</ul>", 1)[0]
    assert "Largest of the 3 topics" in findings and "Stance toward NATO (outlets with at least" in findings
    assert "95% CI" in findings


def test_report_workbook_has_every_table_and_a_hand_coding_sheet(demo_report):
    openpyxl = pytest.importorskip("openpyxl")
    out, page, _ = demo_report
    tables = sorted(p.stem for p in (out / "tables").glob("*.csv"))
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    from mediastudy.io.workbook import sheet_name

    assert sorted(book.sheetnames) == sorted(["Contents", *(sheet_name(t) for t in tables)])
    assert "Hand coding" in book.sheetnames and "Stance by outlet" in book.sheetnames
    coding = book["Hand coding"]
    header = [c.value for c in next(coding.iter_rows(max_row=1))]
    assert header[-2:] == ["code", "comment"]
    assert "report.xlsx" in page


def test_report_workbook_cuts_long_tables_where_the_page_says(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    from mediastudy.report import outputs

    monkeypatch.setattr(outputs, "WORKBOOK_MAX_ROWS", 20)
    page = ms.run_report(out=tmp_path / "r", k=3, n_jobs=1).read_text(encoding="utf-8")
    assert "longer than 20 rows, the first 20, but for the sheet to code by hand)" in page
    articles = pd.read_csv(tmp_path / "r" / "tables" / "articles.csv")
    assert len(articles) > 20  # the demo's 91 articles, all in the CSV
    book = openpyxl.load_workbook(tmp_path / "r" / "report.xlsx", read_only=True)
    rows = list(book["Articles"].iter_rows(values_only=True))
    assert len(rows) == 21
    assert rows[0][-1] == f"First 20 of {len(articles)} rows; every row is in tables/articles.csv"
    coding = pd.read_csv(tmp_path / "r" / "tables" / "hand_coding.csv")
    assert len(coding) > 20  # and all of them in its sheet, to be coded there
    assert len(list(book["Hand coding"].iter_rows(values_only=True))) == len(coding) + 1


def test_workbook_max_rows_per_table_and_bad_values(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from mediastudy.errors import InvalidParameterError

    tables = {"long": pd.DataFrame({"x": range(30)}), "whole": pd.DataFrame({"y": range(30)})}
    path = ms.write_workbook(tables, tmp_path / "w.xlsx", max_rows={"long": 5})
    book = openpyxl.load_workbook(path)
    assert book["Long"].max_row == 6 and book["Whole"].max_row == 31
    assert [c.value for c in book["Contents"][3]] == ["whole", "Whole", 30, 30]
    for bad in (-1, 2.5, True, {"long": "5"}):
        with pytest.raises(InvalidParameterError, match="'max_rows' parameter of write_workbook"):
            ms.write_workbook(tables, tmp_path / "bad.xlsx", max_rows=bad)


def test_report_stance_by_outlet_has_intervals_and_a_dot_and_whisker_figure(demo_report):
    out, page, _ = demo_report
    table = pd.read_csv(out / "tables" / "stance_by_outlet.csv")
    assert {"ci_low", "ci_high", "n_articles", "too_few", "pooled_score"} <= set(table.columns)
    assert (out / "figures" / "stance_by_outlet_1.svg").exists()
    assert (out / "figures" / "stance_by_outlet_1.png").exists()  # asked for with figure_formats


def test_report_step_messages_give_each_steps_own_time(demo_report):
    _, _, messages = demo_report
    assert [m.split("]")[0] for m in messages] == [f"[{i}/5" for i in range(1, 6)]
    assert all("(this step " in m and m.endswith(" s)") for m in messages)


def test_load_problems_are_summarised_by_kind_and_listed_behind_a_fold(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    words = ["harbour ferry tides", "wheat harvest prices", "council budget vote"]
    good = "\nTitle {i}\n\n0{d}/03/2022\n\nA story on {w} and {w} again, number {i}.\n---\n"
    for i in range(12):
        (folder / f"ok{i}.txt").write_text(good.format(i=i, d=i % 9 + 1, w=words[i % 3]),
                                           encoding="utf-8")
    for i in range(3):
        (folder / f"bad{i}.txt").write_text("\nNo date here\n\nnot a date\n\nBody.\n---\n",
                                            encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = ms.run_report(folder, tmp_path / "out", k=2).read_text(encoding="utf-8")
    load = page.split("<h2 id='load'>", 1)[1]
    assert "Problems by kind" in load
    assert load.index("Problems by kind") < load.index("<details><summary>Each problem")


def test_topic_share_marks_sparse_periods_and_writes_n():
    corpus = pd.DataFrame({
        "outlet": ["A"] * 9,
        "date": pd.to_datetime(["2022-01-03", "2022-01-10", "2022-01-12", "2022-01-20",
                                "2022-01-25", "2022-01-26", "2022-02-12", "2022-02-13",
                                "2022-03-05"]),
        "topic": [0, 0, 1, 0, 1, 1, 1, 0, 1]})
    fig, ax = plt.subplots()
    ms.plot_topic_share(corpus, kind="line", freq="M", min_articles=5, ax=ax)
    n = [t.get_text() for t in ax.texts if t.get_gid() == "n_articles"]
    assert n[:3] == ["6", "2", "1"]
    assert len(ax.patches) == 2  # February and March hatched
    assert "fewer than 5 articles" in [t.get_text() for t in ax.get_legend().get_texts()]
    bands = [c for c in ax.collections if c.__class__.__name__ == "FillBetweenPolyCollection"
             or c.__class__.__name__ == "PolyCollection"]
    assert bands  # January's shares have their bootstrap band


def test_report_takes_outlet_colours_and_writes_the_ones_it_used(tmp_path, fresh_colours):
    import json

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = ms.run_report(out=tmp_path / "a", k=2, outlets=["CapitalWire", "MeridianPost"],
                             colors={"CapitalWire": "black"})
    used = json.loads((page.parent / "outlet_colors.json").read_text(encoding="utf-8"))
    assert used["CapitalWire"] == "#000000" and set(used) == {"CapitalWire", "MeridianPost"}
    ms.set_outlet_colors(None)
    assert ms.set_outlet_colors(page.parent / "outlet_colors.json") == used  # passed on


def test_peak_numbers_of_neighbouring_periods_do_not_overlap():
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    weeks = pd.date_range("2021-01-04", periods=104, freq="7D")
    counts = np.full(104, 5.0)
    hot = [50, 51, 52, 90]
    counts[hot] = [40, 41, 39, 38]
    fig, ax = plt.subplots(figsize=(5, 2.5))
    ax.plot(weeks + pd.Timedelta(days=3), counts)
    peaks = pd.DataFrame({"period": weeks[hot], "period_end": weeks[hot] + pd.Timedelta(days=6),
                          "outlet": "all", "n_articles": counts[hot], "z": [9.0, 9.5, 8.0, 7.0],
                          "terms": ["a", "b", "c", "d"], "headline": ["A", "B", "C", "D"]})
    ms.mark_peaks(ax, peaks)
    fig.canvas.draw()
    numbers = [t for t in ax.texts if t.get_gid() == "peak"]
    assert [t.get_text() for t in numbers] == ["1", "2", "3", "4"]
    boxes = [Text.get_window_extent(t) for t in numbers]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (numbers[i].get_text(), a, b)
    assert numbers[3].xyann[1] == 4  # a peak far from the others keeps its number at the peak
    # raised numbers stay inside the Axes (the event labels live above it)
    top = ax.get_window_extent().y1
    assert max(b.y1 for b in boxes) <= top + 1
    plt.close(fig)


def test_workbook_is_the_same_file_for_the_same_tables(tmp_path):
    import time

    table = pd.DataFrame({"outlet": ["RT", "BBC"], "date": pd.to_datetime(["2022-03-01", "2022-03-02"])})
    first = ms.write_workbook({"outlets": table}, tmp_path / "a.xlsx").read_bytes()
    time.sleep(1.1)  # XlsxWriter's own creation stamp has one-second resolution
    second = ms.write_workbook({"outlets": table}, tmp_path / "b.xlsx").read_bytes()
    assert first == second
