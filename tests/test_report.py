"""The main job: report contents, reproducibility, run record, config, hostile input."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from _seed_corpus import seed_article, write_outlets

import mediastudy as ms
from mediastudy.report import read_config, run_report
from mediastudy.report.html import highlight as _highlight
from mediastudy.report.run_record import file_fingerprints

FIXED = {"k": 4, "random_state": 3}  # a given k keeps the tests quick (no choice of k)


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory):
    """The demo report, twice, into two folders."""
    first = run_report(out=tmp_path_factory.mktemp("report_a"), **FIXED)
    second = run_report(out=tmp_path_factory.mktemp("report_b"), **FIXED)
    return first.parent, second.parent


class _Tags(HTMLParser):
    """Collects every tag and attribute of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


# ------------------------------------------------------------------------------- contents
def test_report_writes_page_tables_figures_and_record(demo_reports):
    out, _ = demo_reports
    page = (out / "report.html").read_text(encoding="utf-8")
    for section in ("Load report", "Topics", "Representative articles", "Stance", "Evidence",
                    "Timelines"):
        assert section in page
    tags = _tags(page)
    images = [a["src"] for t, a in tags if t == "img"]
    files = sorted((out / "figures").iterdir())
    figures = sorted(p.stem for p in files)
    # one file per figure, in the format the page embeds: SVG, or PNG for the dense topic map
    assert len(images) == len(figures) == len(set(figures)) >= 6
    assert all(src.startswith(("data:image/svg+xml;base64,", "data:image/png;base64,"))
               for src in images)  # self-contained
    assert sum(src.startswith("data:image/svg+xml") for src in images) >= 6
    assert not [t for t, _ in tags if t in ("script", "iframe", "object", "link")]
    for path in files:
        assert path.stat().st_size > 1000
    for name in ("articles", "load_report", "outlets", "topics", "topic_terms", "representative_articles",
                 "stance_articles", "stance_by_outlet", "stance_evidence", "volume", "topic_share",
                 "stance_timeline", "events"):
        csv = pd.read_csv(out / "tables" / f"{name}.csv")
        parquet = pd.read_parquet(out / "tables" / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns)
        assert len(csv) == len(parquet)
    articles = pd.read_csv(out / "tables" / "articles.csv")
    assert len(articles) == len(ms.load_demo())
    assert sorted(articles["topic"].unique()) == list(range(FIXED["k"]))
    topics = pd.read_csv(out / "tables" / "topics.csv")
    assert topics["n_articles"].sum() == len(articles)
    # every evidence row shown in the page is in the evidence table
    evidence = pd.read_csv(out / "tables" / "stance_evidence.csv")
    assert set(evidence["target"]) <= set(ms.load_lexicon(ms.demo_path("lexicon")).targets)
    assert (evidence["weight"] != 0).all()
    n_events = len(pd.read_csv(out / "tables" / "events.csv"))
    assert f"Vertical lines and shaded spans: {n_events} events from events.csv" in page


def test_report_says_in_words_which_topics_to_read_with_care(demo_reports):
    import html

    out, _ = demo_reports
    flags = pd.read_csv(out / "tables" / "topic_flags.csv", keep_default_na=False)
    assert len(flags) == FIXED["k"]
    assert {"outlet", "share", "corpus_share", "dominant", "stability", "low_stability",
            "note"} <= set(flags.columns)
    page = (out / "report.html").read_text(encoding="utf-8")
    notes = [n for n in flags["note"] if n]
    for note in notes:
        assert html.escape(note) in page
    assert ("Read these topics with care" in page) == bool(notes)


def test_run_record_has_parameters_hashes_versions_seeds_times(demo_reports):
    out, _ = demo_reports
    record = json.loads((out / "run_record.json").read_text())
    assert record["command"] == "mediastudy report"
    assert record["parameters"]["k"] == FIXED["k"]
    assert record["parameters"]["k_chosen"] == FIXED["k"]
    assert record["seeds"]["topic_model"] == FIXED["random_state"]
    for package in ("mediastudy", "pandas", "numpy", "scikit-learn", "matplotlib", "python"):
        assert record["versions"][package]
    assert record["started"] <= record["finished"]
    corpus, lexicon, events = record["inputs"]
    assert corpus["kind"] == "folder" and corpus["n_files"] == len(list(ms.demo_path().rglob("*.txt")))
    one = corpus["files"][0]
    digest = hashlib.sha256((Path(corpus["path"]) / one["path"]).read_bytes()).hexdigest()
    assert one["sha256"] == digest
    assert lexicon["sha256"] == hashlib.sha256(ms.demo_path("lexicon").read_bytes()).hexdigest()
    assert "report.html" in record["outputs"] and "tables/topics.csv" in record["outputs"]


def test_same_input_twice_gives_the_same_tables(demo_reports):
    a, b = demo_reports
    names = sorted(p.name for p in (a / "tables").iterdir())
    assert names == sorted(p.name for p in (b / "tables").iterdir())
    for name in names:
        if name.endswith(".csv"):
            assert (a / "tables" / name).read_bytes() == (b / "tables" / name).read_bytes(), name
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(a / "tables" / name),
                                          pd.read_parquet(b / "tables" / name))


def test_fingerprint_of_a_folder_changes_with_any_file(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    before = file_fingerprints(tmp_path)[0]["sha256"]
    (tmp_path / "b.txt").write_text("two!")
    assert file_fingerprints(tmp_path)[0]["sha256"] != before
    with pytest.raises(FileNotFoundError, match="does not exist"):
        file_fingerprints(tmp_path / "missing")


# ------------------------------------------------------------------------------- hostile input
HOSTILE_TITLE = "<script>alert('title')</script> Sanctions <b>bite"
HOSTILE_TEXT = (
    "The sanctions are working, officials said. <img src=x onerror=alert(1)> "
    "</table></td><script>document.write('x')</script> The sanctions failed, critics said."
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    for outlet in ("Plain", "<i onclick=x>Evil"):  # a folder name cannot hold a slash
        folder = corpus / outlet
        folder.mkdir(parents=True)
        for i in range(7):
            title = HOSTILE_TITLE if i == 0 else f"Trade report {i} on sanctions and ports"
            body = HOSTILE_TEXT if i < 3 else (
                f"Ports and shipping volumes changed in month {i}. The sanctions are working, "
                "exporters said, while grain prices moved.")
            (folder / f"{i}.txt").write_text(
                seed_article(title, f"{10 + i:02d}/0{1 + i % 3}/2023", body), encoding="utf-8")
    lexicon = root / "lexicon.yaml"
    lexicon.write_text("targets:\n  sanctions: [sanctions]\ncues:\n  pro: [working]\n"
                       "  anti: [failed, '<script>']\n", encoding="utf-8")
    page = run_report(corpus, root / "out", lexicon=lexicon, k=2, min_articles=1,
                      title="<script>alert('t')</script>")
    return page.read_text(encoding="utf-8")


def test_report_escapes_titles_text_and_outlet_names(hostile_report):
    tags = _tags(hostile_report)
    assert not [t for t, _ in tags if t in ("script", "i")]
    assert "<b>bite" not in hostile_report
    assert all(a["src"].startswith(("data:image/png;base64,", "data:image/svg+xml;base64,"))
               for t, a in tags if t == "img")
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in hostile_report
    assert "&lt;i onclick=x&gt;Evil" in hostile_report
    # the evidence sentence holding the broken markup is shown, escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_report
    # the page's tables are intact: as many closing as opening table tags
    assert hostile_report.count("<table>") == hostile_report.count("</table>")


def test_highlight_marks_mention_and_cue_and_escapes_the_rest():
    out = _highlight("NATO <b>is</b> defensive & fine", ["NATO"], ["defensive"])
    assert out == ("<mark class='t'>NATO</mark> &lt;b&gt;is&lt;/b&gt; "
                   "<mark class='c'>defensive</mark> &amp; fine")


# ------------------------------------------------------------------------------- config
def test_config_maps_columns_and_outlets_of_a_table(tmp_path):
    rows = []
    for i in range(12):
        story = ["ships grain port harbour cargo", "voters parliament election ballot",
                 "gas prices winter heating"][i % 3]
        rows.append({"Headline": f"Story {i}: {story.split()[0]}",
                     "Body": f"{story} {story}. Sanctions are working, traders said.",
                     "Published": f"2023-0{1 + i % 4}-1{i % 9}", "Site": ["a.example", "b.example"][i % 2],
                     "Link": ["javascript:alert(1)", f"https://a.example/{i}' onmouseover='alert(1)"][i % 2]})
    pd.DataFrame(rows).to_csv(tmp_path / "news.csv", index=False)
    (tmp_path / "report.yaml").write_text(
        "source: news.csv\n"
        "columns: {Headline: title, Body: text, Published: date, Site: outlet, Link: url}\n"
        "outlet_map: {a.example: Alpha, b.example: Beta}\n"
        "k: 2\nfreq: M\nmin_articles: 1\ntopic_options: {min_df: 1, max_df: 1.0, n_init: 2}\n",
        encoding="utf-8")
    page = run_report(out=tmp_path / "out", config=tmp_path / "report.yaml")
    outlets = pd.read_csv(page.parent / "tables" / "outlets.csv")
    assert sorted(outlets["outlet"]) == ["Alpha", "Beta"]
    # links to articles: only http(s), quotes escaped so a URL cannot add attributes
    tags = _tags(page.read_text(encoding="utf-8"))
    hrefs = [a["href"] for t, a in tags if t == "a" and not a["href"].startswith("#")]
    assert hrefs and all(h.startswith("https://a.example/") for h in hrefs)
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert outlets["n_articles"].tolist() == [6, 6]
    record = json.loads((page.parent / "run_record.json").read_text())
    assert record["parameters"]["source"] == str(tmp_path / "news.csv")
    assert record["parameters"]["outlet_map"] == {"a.example": "Alpha", "b.example": "Beta"}
    assert record["parameters"]["topic_options"] == {"min_df": 1, "max_df": 1.0, "n_init": 2}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("k: [1\n", r"line \d+: not valid YAML"),
        ("- k\n- 5\n", "must be a YAML mapping"),
        ("topics: 5\n", "unknown setting 'topics'"),
        ("k: five\n", "'k' must be a whole number"),
        ("outlets: BBC\n", "'outlets' must be a list of outlet names"),
        ("freq: weekly\n", "'freq' must be one of D, W, M, Q, Y"),
        ("k: 1\n", "'k' must be at least 2"),
        ("start: 2022-13-01\n", r"'start' must be a date written yyyy-mm-dd.*month must be in 1\.\.12"),
        ("end: 2022-02-30\n", r"'end' must be a date written yyyy-mm-dd.*day is out of range"),
        ("start: last week\n", r"'start' must be a date written yyyy-mm-dd.*'last week'"),
        ("start: 2022-03-01\nend: 2022-02-01\n", r"'start' \(2022-03-01\) is after 'end'"),
        ("boilerplate: drop\n", "'boilerplate' must be 'remove' or 'keep'"),
        ("dpi: 0\n", "'dpi' must be at least 1"),
        ("random_state: -1\n", r"'random_state' must be a whole number from 0 to 2\*\*32 - 1"),
        ("topic_options: {nruns: 3}\n", "'topic_options' holds 'nruns', not a TopicModel setting"),
    ],
)
def test_bad_config_is_an_error_naming_file_and_key(tmp_path, text, match):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ms.ConfigError, match=match) as info:
        read_config(path)
    assert "bad.yaml" in str(info.value)
    assert isinstance(info.value, ValueError)  # callers catching ValueError still do


def test_missing_config_and_unknown_option():
    with pytest.raises(ms.ConfigError, match="does not exist"):
        read_config("no/such/config.yaml")
    with pytest.raises(ms.ConfigError, match="unknown setting 'n_topics'"):
        run_report(out="unused", n_topics=3)


def test_sample_and_dates_select_articles(tmp_path):
    page = run_report(out=tmp_path, k=3, sample=10, start="2023-03-01", end="2024-06-30",
                      max_outlets=1)
    articles = pd.read_csv(page.parent / "tables" / "articles.csv", parse_dates=["date"])
    assert articles.groupby("outlet").size().tolist() == [10, 10, 10]
    assert articles["date"].min() >= pd.Timestamp("2023-03-01")
    assert articles["date"].max() < pd.Timestamp("2024-07-01")


def test_too_few_articles_after_selection_is_an_error(tmp_path):
    with pytest.raises(ms.DataError, match=r"none of the outlets \['NoSuchOutlet'\] is in the corpus"):
        run_report(out=tmp_path, outlets=["NoSuchOutlet"], k=2)
    with pytest.raises(ms.DataError, match="Only 8 articles are left"):
        run_report(out=tmp_path, outlets=["CapitalWire"], start="2024-03-01", k=2)


@pytest.mark.corpora
def test_report_on_the_rt_corpus(corpora, tmp_path):
    page = run_report(corpora / "rt_2022_seed_format", tmp_path / "rt", k=6)
    articles = pd.read_parquet(page.parent / "tables" / "articles.parquet")
    assert len(articles) > 1500 and set(articles["outlet"]) == {"rt_2022_seed_format"}
    assert "<img" in page.read_text(encoding="utf-8")


def test_an_outlet_that_never_mentions_a_target_is_left_out_of_its_figure(tmp_path):
    corpus = write_outlets(tmp_path / "corpus", lambda outlet, i: (
        f"{outlet} report {i}",
        f"The sanctions are working, officials said in month {i}. Ports reopened." if outlet == "Alpha"
        else f"Grain prices moved in month {i}. Ports reopened."))
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("targets:\n  sanctions: [sanctions]\ncues:\n  pro: [working]\n  anti: [failed]\n",
                       encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", lexicon=lexicon, k=2, min_articles=1,
                      outlets=["Alpha", "Beta"]).read_text(encoding="utf-8")
    assert "no scored article of Beta, left out of the figure" in page
    assert (tmp_path / "out" / "figures" / "stance_1.svg").exists()


# ------------------------------------------------------------------------------- a user's own corpus
THEMES = ["Ships carried grain from the port; harbour cargo volumes rose.",
          "Voters went to the polls; parliament counted the election ballots.",
          "Gas prices climbed before winter as heating bills rose."]
BOILERPLATE = "Alpha News is an independent outlet founded in 1990 in Brenn."


def _own_corpus(root: Path, counts: dict[str, list[int]], body=None) -> Path:
    """Seed-layout files: ``counts[outlet][w]`` articles in week ``w`` from 2 Jan 2023.

    Alpha's articles all end with the same sentence (boilerplate); ``body(outlet, i)``
    may add a sentence to an article.
    """
    corpus = root / "own"
    for outlet, per_week in counts.items():
        (corpus / outlet).mkdir(parents=True)
        i = 0
        for week, n in enumerate(per_week):
            for _ in range(n):
                day = pd.Timestamp("2023-01-02") + pd.Timedelta(days=7 * week + i % 5)
                text = f"{THEMES[i % 3]} Report {i} of {outlet}. {body(outlet, i) if body else ''}"
                if outlet == "Alpha":
                    text += " " + BOILERPLATE
                (corpus / outlet / f"{i:03d}.txt").write_text(
                    seed_article(f"{outlet} story {i}", day.strftime("%d/%m/%Y"), text),
                    encoding="utf-8")
                i += 1
    return corpus


@pytest.fixture(scope="module")
def own_report(tmp_path_factory):
    """A report on a corpus that is not the demo, without a lexicon: Alpha has a peak week
    (10 articles after 20 weeks of one) and a boilerplate sentence in all 30 articles."""
    root = tmp_path_factory.mktemp("own")
    corpus = _own_corpus(root, {"Alpha": [1] * 20 + [10], "Beta": [1] * 10})
    with pytest.warns(UserWarning, match="no lexicon was given") as caught:
        page = run_report(corpus, root / "out", k=2)
    return page, [str(w.message) for w in caught]


def test_own_corpus_without_lexicon_skips_stance_and_says_how_to_add_one(own_report):
    page, warned = own_report
    text = page.read_text(encoding="utf-8")
    out = page.parent
    assert "Stance is not scored: no lexicon was given" in text
    for advice in ("--lexicon FILE", "lexicon: FILE"):
        assert advice in text and any(advice in w for w in warned)
    example = ms.load_lexicon(ms.demo_path("lexicon"))
    assert not any(f"Stance toward {t}" in text for t in example.targets)
    assert not list((out / "figures").glob("stance_*"))
    assert not (out / "tables" / "stance_articles.csv").exists()
    record = json.loads((out / "run_record.json").read_text())
    assert record["parameters"]["lexicon"] is None
    assert len(record["inputs"]) == 1  # the corpus only: no example lexicon or events


def test_only_the_demo_counts_as_the_demo(tmp_path):
    from mediastudy.report.config import is_demo_source as _is_demo_source

    assert _is_demo_source(ms.demo_path())
    assert _is_demo_source(next(ms.demo_path().rglob("*.txt")))
    assert not _is_demo_source(tmp_path)
    assert _is_demo_source([ms.demo_path()]) and not _is_demo_source([ms.demo_path(), tmp_path])


def test_peaks_caption_numbers_peaks_only_when_there_are_some(own_report, tmp_path):
    page, _ = own_report
    text = page.read_text(encoding="utf-8")
    peaks = pd.read_csv(page.parent / "tables" / "peaks.csv")
    assert len(peaks) == 1
    assert "numbered: 1 peak of coverage" in text and "no peak of coverage" not in text
    flat = run_report(_own_corpus(tmp_path, {"Alpha": [1] * 12}), tmp_path / "out", k=2,
                      boilerplate="keep", lexicon=ms.demo_path("lexicon"))
    text = flat.read_text(encoding="utf-8")
    assert len(pd.read_csv(flat.parent / "tables" / "peaks.csv")) == 0
    assert "no peak of coverage was found" in text and "numbered:" not in text
    # one outlet: no "1 outlets" anywhere in the page
    assert "from 1 outlet," in text and "(the only outlet)" in text
    assert not re.search(r"\b1 (outlets|articles|files|topics|peaks|sentences)\b", text)


def test_boilerplate_is_removed_and_counted(own_report):
    page, _ = own_report
    text = page.read_text(encoding="utf-8")
    table = pd.read_csv(page.parent / "tables" / "boilerplate.csv")
    assert table[["outlet", "sentence", "n_articles"]].values.tolist() == [["Alpha", BOILERPLATE, 30]]
    assert "1 sentence that an outlet repeats" in text
    assert "taken out 30 times from 30 articles" in text
    terms = pd.read_csv(page.parent / "tables" / "topic_terms.csv")
    assert not terms["term"].astype(str).isin(["brenn", "independent", "founded"]).any()


def test_header_states_the_periods_really_used(own_report):
    page, _ = own_report
    text = page.read_text(encoding="utf-8")
    record = json.loads((page.parent / "run_record.json").read_text())["parameters"]
    names = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
    assert f"volume per {names[record['freq_used']]}, topic share per " \
           f"{names[record['share_freq_used']]};" in text
    assert "3 outlets" not in text and "from 2 outlets," in text


# ------------------------------------------------------------------------------- wording
def test_score_wording_matches_the_formula(tmp_path):
    def body(outlet, i):  # Alpha: one pro cue per article; Beta: none
        return "The sanctions are working." if outlet == "Alpha" else "The sanctions were discussed."

    corpus = _own_corpus(tmp_path, {"Alpha": [2] * 4, "Beta": [2] * 4}, body)
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("targets:\n  sanctions: [sanctions]\ncues:\n  pro: [working]\n  anti: [failed]\n",
                       encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", lexicon=lexicon, k=2, min_articles=1)
    text = page.read_text(encoding="utf-8")
    scores = pd.read_csv(page.parent / "tables" / "stance_articles.csv")
    one_pro = scores.loc[scores["pro"].eq(1) & scores["anti"].eq(0), "score"].unique()
    assert len(one_pro) == 1
    assert f"only pro cues give 1 cue {one_pro[0]:+.2f}" in text  # +0.50, not +1
    assert "+1 (only pro cues)" not in text
    assert "(pro &minus; anti) / (pro + anti + 1)" in text


def test_how_k_was_chosen_says_what_happened():
    import warnings

    from mediastudy import choose_k
    from mediastudy.report.steps import _k_account

    texts = ["goal match striker", "match goal team", "cup goal match", "bank rates inflation",
             "rates bank markets", "bank rates loans", "vote election party", "party vote poll"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no k reaches 1.0: choose_k warns, and says so in its table
        unstable = choose_k(texts, ks=[3, 4], min_stability=1.0, n_init=4, random_state=0,
                            min_df=1, max_df=1.0)
    k = int(unstable.loc[unstable["recommended"], "k"].iloc[0])
    text = _k_account(unstable, k)
    assert text.startswith("chosen among 3, 4: no k reached the stability of 1.0")
    assert "best silhouette" not in text
    stable = choose_k(texts, ks=[2, 3], min_stability=0.0, random_state=0, min_df=1, max_df=1.0)
    k = int(stable.loc[stable["recommended"], "k"].iloc[0])
    text = _k_account(stable, k)
    assert "best silhouette" in text and "(2, 3)" in text and "no k reached" not in text


# ------------------------------------------------------------------------------- inputs
def test_an_empty_folder_says_it_holds_no_articles(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK")
    with pytest.raises(ms.LoadError, match="holds no readable articles") as info:
        run_report(tmp_path / "empty", tmp_path / "out", k=2)
    message = str(info.value)
    assert str(tmp_path / "empty") in message and ".jsonl" in message and ".parquet" in message
    assert "Widen the selection" not in message


@pytest.mark.parametrize("broken", ["lexicon", "events"])
def test_a_broken_lexicon_or_events_file_stops_before_any_work(tmp_path, monkeypatch, broken):
    import mediastudy.report.steps as report

    def no_work(*args, **kwargs):
        raise AssertionError("the corpus was loaded before the lexicon and events were checked")

    monkeypatch.setattr(report, "load_articles", no_work)
    bad = tmp_path / ("lexicon.yaml" if broken == "lexicon" else "events.csv")
    bad.write_text("targets: []\n" if broken == "lexicon" else "when,what\nsoon,nothing\n",
                   encoding="utf-8")
    with pytest.raises(ms.MediaStudyError) as info:
        run_report(out=tmp_path / "out", **{broken: bad})
    assert bad.name in str(info.value)
    assert not (tmp_path / "out").exists()


def test_no_chosen_outlet_with_a_scored_article_means_no_stance_timeline(tmp_path):
    def body(outlet, i):  # only Beta, the smaller outlet, names the target
        return "The sanctions are working." if outlet == "Beta" else ""

    corpus = _own_corpus(tmp_path, {"Alpha": [2] * 5, "Beta": [1] * 4}, body)
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("targets:\n  sanctions: [sanctions]\ncues:\n  pro: [working]\n  anti: [failed]\n",
                       encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", lexicon=lexicon, k=2, min_articles=1, max_outlets=1)
    text = page.read_text(encoding="utf-8")
    timeline = pd.read_csv(page.parent / "tables" / "stance_timeline.csv")
    assert len(timeline) == 0  # not Beta's scores in place of Alpha's
    assert "none of the outlets drawn (Alpha) has a dated article that mentions a target" in text
    assert not list((page.parent / "figures").glob("stance_[0-9]*"))  # by outlet is drawn


# ------------------------------------------------------------------------------- a reused folder
def test_a_second_report_into_the_same_folder_leaves_no_stale_files(tmp_path):
    corpus = _own_corpus(tmp_path, {"Alpha": [1] * 12, "Beta": [1] * 8})
    out = tmp_path / "out"
    lexicon = ms.demo_path("lexicon")
    run_report(corpus, out, k=2, lexicon=lexicon)
    first = json.loads((out / "run_record.json").read_text())["outputs"]
    assert "figures/topic_share_2.svg" in first and "tables/boilerplate.csv" in first
    (out / "figures" / "my_own_plot.png").write_bytes(b"mine")  # files the report did not write
    (out / "notes.txt").write_text("mine")
    page = run_report(corpus, out, k=2, lexicon=lexicon, outlets=["Alpha"], boilerplate="keep")
    second = json.loads((out / "run_record.json").read_text())["outputs"]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert sorted(second) == sorted(set(written) - {"figures/my_own_plot.png", "notes.txt"})
    assert not (out / "figures" / "topic_share_2.svg").exists()
    assert not (out / "tables" / "boilerplate.csv").exists()
    assert (out / "figures" / "my_own_plot.png").read_bytes() == b"mine"
    assert (out / "notes.txt").read_text() == "mine"
    text = page.read_text(encoding="utf-8")
    assert "earlier report" in text and "figures/topic_share_2.svg" in text
