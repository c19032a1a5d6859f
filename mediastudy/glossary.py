"""The vocabulary of mediastudy: every public parameter and output column, one name per concept.

:data:`GLOSSARY` maps each parameter name used by a public callable (``mediastudy.__all__``)
to a :class:`Term`: its ``kind``, its one ``default`` and its meaning. ``tests/
test_api_consistency.py`` walks the public API and fails on a name the glossary does not know
or a default it does not allow, so the two cannot drift apart. :data:`COLUMNS` does the same
for the columns of the tables the functions return. CONTRIBUTING.md shows both as tables;
``python -m mediastudy.glossary`` writes that text (a test checks that the file matches).

The kinds:

* ``"data"``: what a function works on, first: ``corpus`` (articles), ``table`` (a table a
  ``*_table`` function returned), ``data`` (a plot's input: a corpus or its table), or the
  result's name (``stance``, ``model``).
* ``"column"``: names a column of the input; always ends in ``_column`` (``_columns`` for
  several), so it never shares a name with a filter.
* ``"filter"``: keeps rows by value (``outlets=["RT"]``, ``start="2022-01-01"``).
* ``"option"``: anything else.

>>> from mediastudy.glossary import GLOSSARY
>>> GLOSSARY["date_column"].kind, GLOSSARY["date_column"].default
('column', 'date')
>>> GLOSSARY["random_state"].default
0
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .columns import COLUMNS, FIELDS

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["Term", "GLOSSARY", "COLUMNS", "FIELDS", "REQUIRED", "VARIES", "KINDS", "param_doc",
           "shared_docs", "glossary_markdown"]

KINDS = ("data", "column", "filter", "option")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The parameter has no default (it must be given).
REQUIRED = _Marker("REQUIRED")
#: The default differs between functions, for the reason in ``Term.why``.
VARIES = _Marker("VARIES")


@dataclass(frozen=True)
class Term:
    """One parameter name of the public API.

    Attributes
    ----------
    kind : {"data", "column", "filter", "option"}
    default : object
        The one default of the name, :data:`REQUIRED` (no default) or :data:`VARIES`.
    meaning : str
        What it is, written once; docstrings may reuse it (:func:`param_doc`).
    why : str
        With ``default=VARIES``: why the default is not the same everywhere.
    allowed : tuple
        With ``default=VARIES``: the defaults the test accepts (empty: any, said in ``why``).
    exceptions : dict
        ``{"func": "why"}``: callables where the name means something else (a record's
        field); the test does not hold them to ``kind``/``default``.
    """

    kind: str
    default: object
    meaning: str
    why: str = ""
    allowed: tuple = ()
    exceptions: dict = field(default_factory=dict)


def _t(kind: str, default: object, meaning: str, **more: object) -> Term:
    return Term(kind, default, meaning, **more)


_COLUMN = "Name of the column holding "

GLOSSARY: dict[str, Term] = {
    # ------------------------------------------------------------------ data (first argument)
    "corpus": _t("data", VARIES, "Articles: a DataFrame with the corpus schema (id, outlet, "
                 "date, title, text, url, quotes, ...; see mediastudy.schema).",
                 why="required where the articles are the input; None where they are an "
                 "optional second argument (stance_timeline_table: the scores may carry "
                 "outlet and date already)", allowed=(REQUIRED, None)),
    "table": _t("data", REQUIRED, "A table a *_table function returned (plot_choose_k: "
                "choose_k's table)."),
    "data": _t("data", REQUIRED, "A plot's input: a corpus, or the table of the plot's "
               "*_table twin (the plot then draws that table; options that build a table "
               "raise)."),
    "stance": _t("data", VARIES, "Stance scores: a StanceResult or its articles table.",
                 why="required where the scores are the input; None in ScaleResult "
                 "(no lexicon, no scores) and timeline_counts (optional)",
                 allowed=(REQUIRED, None)),
    "model": _t("data", REQUIRED, "A fitted TopicModel."),
    "X": _t("data", REQUIRED, "scikit-learn's name for an estimator's input: a corpus "
            "DataFrame or a list of texts."),
    "y": _t("option", None, "Ignored; scikit-learn's estimator API."),
    "evidence": _t("data", REQUIRED, "The mentions table of a StanceResult (or the result)."),
    "peaks": _t("data", REQUIRED, "A find_peaks_table table."),
    "events": _t("data", REQUIRED, "Events: a read_events table or the path of its CSV file."),
    "duplicates": _t("data", VARIES, "The table find_duplicates returned.",
                     why="required by mark_duplicates; None (found from the corpus) in the copy "
                     "tables and plot", allowed=(REQUIRED, None)),
    "quotes": _t("data", REQUIRED, "The table extract_quotes returned (the corpus' column "
                 "of block quotes is quotes_column)."),
    "examples": _t("data", REQUIRED, "Hand-coded texts (one row per text, its code in "
                   "label_column) a lexicon is learned from."),
    "coded": _t("data", REQUIRED, "Hand codes the results are checked against (validate_stance: "
                "id and a code in label_column; validate_quotes: the coded attributions' spans)."),
    "validation": _t("data", REQUIRED, "What validate_stance returned (or its table)."),
    "counts": _t("data", REQUIRED, "Counts from timeline_counts, one dict per chunk."),
    "chunks": _t("data", REQUIRED, "An iterable of corpus chunks (DataFrames) or a Dask "
                 "DataFrame."),
    "source": _t("data", VARIES, "Where articles (or events, a lexicon) come from: a path, "
                 "a folder, a glob or a list of them; or a DataFrame.",
                 why="required to read; None in run_report (then the config file names it); "
                 "Lexicon's source is a description of where its entries came from",
                 allowed=(REQUIRED, None, "<dict>")),
    "lexicon": _t("data", VARIES, "A stance lexicon: a Lexicon, a dict or the path of a "
                  "YAML/JSON file.", why="required to score; None in analyze_* (no stance "
                  "scores)", allowed=(REQUIRED, None)),
    "ax": _t("option", VARIES, "The matplotlib Axes to draw on; the current Axes when None.",
             why="None in plots (draw on the current Axes); required by functions that "
             "mark an existing plot (mark_events, mark_peaks, format_date_axis, ...)",
             allowed=(None, REQUIRED)),
    "fig": _t("option", VARIES, "A matplotlib Figure.", why="None in plot_volume_grid (a new "
              "figure); required by save_figure", allowed=(None, REQUIRED)),
    # ------------------------------------------------------------------ columns
    "id_column": _t("column", "id", _COLUMN + "the article id."),
    "date_column": _t("column", "date", _COLUMN + "the publication date."),
    "outlet_column": _t("column", "outlet", _COLUMN + "the outlet (publisher) name."),
    "text_column": _t("column", "text", _COLUMN + "the article body."),
    "title_column": _t("column", "title", _COLUMN + "the headline (None: not used)."),
    "topic_column": _t("column", "topic", _COLUMN + "the integer topic id."),
    "topic_label_column": _t("column", "topic_label", _COLUMN + "the topic label."),
    "quotes_column": _t("column", "quotes", _COLUMN + "lists of block quotes (None: not used)."),
    "end_date_column": _t("column", "end_date", _COLUMN + "the last day of an event."),
    "label_column": _t("column", VARIES, _COLUMN + "the text that labels a row.",
                       why="each table labels with its own column: events by 'label', peaks "
                       "by the headline ('title') of the corpus, a peaks key by its 'terms', "
                       "coded texts by their 'stance' (learn_lexicon) or 'code' "
                       "(validate_stance, as sample_evidence names it)",
                       allowed=("label", "title", "terms", "stance", "code")),
    "y_column": _t("column", "n_articles", _COLUMN + "the height at which a mark is drawn."),
    "text_columns": _t("column", ("title", "text"), "Names of the columns a keyword filter "
                       "searches."),
    "columns": _t("column", VARIES, "Several column names: the columns to keep, or a mapping "
                  "{source column: corpus column}.", why="representative_articles lists the "
                  "metadata to show; load_articles maps a file's columns (None: none)",
                  allowed=(None, ("id", "title", "outlet", "date", "url"))),
    # ------------------------------------------------------------------ filters (by value)
    "outlet": _t("filter", None, "One outlet (a value, not a column): the outlet of every "
                 "article read (load_articles), the one outlet a plot draws."),
    "outlets": _t("filter", None, "The outlets to keep: a list of names, or an int N for the "
                  "N with most articles.",
                  exceptions={"outlet_colors": "the outlet names to give colours to (its "
                              "input)"}),
    "target": _t("filter", VARIES, "One stance target (a plot draws one per Axes).",
                 why="None (all, or the only one) where it selects; required by learn_lexicon, "
                 "which learns the cues of one target", allowed=(None, REQUIRED)),
    "targets": _t("filter", None, "Stance targets to keep; all by default.",
                  exceptions={"Lexicon.__init__": "the lexicon's target definitions (a "
                              "mapping of name to Target), a record's field"}),
    "topic": _t("filter", None, "Keep articles in this topic id (or these ids)."),
    "topics": _t("filter", None, "Topic ids or labels to draw.",
                 exceptions={"ScaleResult.__init__": "the result's table of article topics",
                             "topic_colors": "the topic ids to give colours to (its input)"}),
    "keyword": _t("filter", None, "Keep articles whose text_columns contain this keyword (or "
                  "any of these), case-insensitive plain text."),
    "start": _t("filter", VARIES, "First day of the study window (inclusive).",
                why="None (the data's first date) where it filters; required in "
                "period_range, which is built from it", allowed=(None, REQUIRED)),
    "end": _t("filter", VARIES, "Last day of the study window (inclusive, its whole day).",
              why="as start", allowed=(None, REQUIRED)),
    "pattern": _t("filter", REQUIRED, "Words or phrases to find (kwic)."),
    # ------------------------------------------------------------------ grouping and periods
    "by": _t("option", VARIES, "Group by this column (or these columns); None: no grouping.",
             why="'outlet' in timeline tables, their plots and aggregate_stance (comparing "
             "outlets is what they are for); None in find_peaks_table (the peaks of all "
             "coverage: events every outlet covered), topic_sizes, representative_articles "
             "and sample_evidence (the whole corpus unless asked)", allowed=("outlet", None)),
    "freq": _t("option", VARIES, "Calendar period: 'D' day, 'W' Monday-to-Sunday week, 'M' "
               "month, 'Q' quarter, 'Y' year (mediastudy.periods.FREQS). None: no time split.",
               why="'W' in every timeline table, plot and analyze function and in "
               "period_start/period_range; None in topic_sizes, representative_articles and "
               "aggregate_stance, whose tables are over the whole corpus unless a period is "
               "asked for", allowed=("W", None)),
    "span": _t("option", "common", "'common': every outlet gets every period of the window; "
               "'outlet': each outlet from its first to its last article."),
    # ------------------------------------------------------------------ counts and thresholds
    "n": _t("option", VARIES, "Rows to return per group (or in all).",
            why="required in sample_evidence (how many to hand-code is the question); 5 in "
            "representative_articles; None (all) in select_articles",
            allowed=(REQUIRED, 5, None)),
    "n_terms": _t("option", VARIES, "Terms per topic or group.",
                  why="10 in topic_terms and plot_keyness (a table or bars to read); 5 where "
                  "the terms share one cell (topic_info, find_peaks_table); 20 in keyness "
                  "(a table to choose from)", allowed=(10, 5, 20)),
    "top_n": _t("option", VARIES, "Keep the N largest (None: all).",
                why="None in topic_share_table (a table loses nothing); 8 in "
                "plot_topic_share (a legend one can read); 6 in mark_peaks (marks one can "
                "read); 10 in plot_speakers and 15 in plot_copy_flows (bars and matrix rows "
                "one can read); 1000 in learn_lexicon (the strongest cues kept); 50 in "
                "find_variants and find_speaker_variants (candidates to read)",
                allowed=(None, 8, 6, 10, 15, 1000, 50)),
    "min_articles": _t("option", VARIES, "Fewest articles a group needs before its number "
                       "is reported (fewer: flagged too_few / not drawn / left out).",
                       why="5 where a mean or a peak is reported per period (stance timelines, "
                       "peaks); 3 in stance_by_outlet_table and its plot (one mean per outlet "
                       "over the whole study); 1 in copy_flow_table, whose numbers are counts "
                       "(one copy is a fact); None in plot_topic_share (no period marked "
                       "unless asked); 10 in topic_flags_table and topic_outlets_table (an "
                       "outlet's share of a topic)", allowed=(5, 3, 1, None, 10)),
    "min_cues": _t("option", 0, "Fewest cues a score must rest on (fewer: NaN); 0 keeps "
                   "every score."),
    "min_topic_stability": _t("option", 0.5, "Stability below which a topic is flagged."),
    "min_similarity": _t("option", 0.5, "Smallest context similarity listed."),
    "min_split": _t("option", 0.3, "Smallest outlet split listed."),
    "max_distance": _t("option", 2, "Largest edit distance between two spellings."),
    "min_repeats": _t("option", 20, "Fewest articles of an outlet a sentence must recur in to "
                      "be boilerplate."),
    "min_share": _t("option", 0.05, "Fewest share of an outlet's articles a sentence must "
                    "recur in to be boilerplate."),
    "min_words": _t("option", 5, "Shortest sentence (in words) that can be boilerplate."),
    "min_stability": _t("option", 0.8, "Stability a number of topics needs to be "
                        "recommended."),
    "min_ratio": _t("option", 1.5, "Fewest times its recent level a peak period must reach."),
    "min_df": _t("option", 2, "Drop terms found in fewer articles (a share if a float)."),
    "max_df": _t("option", 0.5, "Drop terms found in more articles (a share if a float)."),
    "threshold": _t("option", VARIES, "The score a row must reach to count.",
                    why="find_peaks_table: Poisson standard deviations above the recent level "
                    "(3.0); find_duplicates: the similarity of two articles (0.5); "
                    "validate_stance: the score above which an article is pro (0.0)",
                    allowed=(3.0, 0.5, 0.0)),
    "containment": _t("option", 0.8, "Share of an article's shingles found in another for a "
                      "pasted passage."),
    "window": _t("option", VARIES, "A window, in words or periods.",
                 why="score_stance: words between cue and mention (None: the whole sentence); "
                 "kwic: words of context on each side (5); find_peaks_table: periods of "
                 "recent level (8); find_duplicates: days between copies (30)",
                 allowed=(None, 5, 8, 30)),
    "negation_window": _t("option", 3, "Words before a cue a negator may stand to flip it."),
    "n_boot": _t("option", 1000, "Bootstrap replicates."),
    "ci": _t("option", 0.95, "Coverage of a confidence interval."),
    "rolling": _t("option", None, "Also give a trailing mean over this many periods."),
    # ------------------------------------------------------------------ topic models
    "n_topics": _t("option", 10, "Number of topics (k)."),
    "ks": _t("option", range(2, 16), "Numbers of topics to try."),
    "n_init": _t("option", VARIES, "k-means runs (scikit-learn's name).",
                 why="10 in TopicModel (a consensus of runs, and its stability); 4 in "
                 "StreamingTopicModel, fitted on corpora too large for memory, where a run "
                 "costs more", allowed=(10, 4)),
    "sample_size": _t("option", 20_000, "Articles in a seeded sample the expensive step is "
                      "fitted on (None: all)."),
    "silhouette_sample": _t("option", 5000, "Articles in the sample the silhouette is "
                            "computed on."),
    "n_components": _t("option", 100, "Dimensions of the LSA space."),
    "n_features": _t("option", 2**18, "Hashed term columns."),
    "ngram_range": _t("option", (1, 1), "Smallest and largest n-gram."),
    "max_features": _t("option", None, "Keep only this many most frequent terms."),
    "stop_words": _t("option", "news", "Words left out: 'news', 'english', a collection or "
                     "None."),
    "sublinear_tf": _t("option", True, "Use 1 + log(count) instead of the count."),
    "adjust_for": _t("option", None, "A column (usually 'outlet') whose groups' centres are "
                     "removed before clustering, so topics follow subjects, not house style."),
    "variants": _t("option", None, "Spelling variants counted as one: {'kiev': 'kyiv'} (words, "
                   "TopicModel), {'Vladimir Zelensky': 'Volodymyr Zelensky'} (speakers)."),
    "topic_model": _t("option", None, "A StreamingTopicModel to use (a new one by default)."),
    # ------------------------------------------------------------------ stance
    "quoted": _t("option", "include", "Quoted speech: 'include', 'exclude' or 'only'."),
    "contrast": _t("option", ("but", "however", "nevertheless", "nonetheless"),
                   "Contrast words: a cue after one in its sentence weighs contrast_weight "
                   "times as much (a Lexicon's list)."),
    "contrast_weight": _t("option", 2.0, "How much more a cue after a contrast word weighs "
                          "(1 turns the rule off)."),
    "negators": _t("option", VARIES, "Words that flip the polarity of a cue after them.",
                   why="only Lexicon takes them (its default list)"),
    "cues": _t("data", REQUIRED, "A Lexicon's cues (a record's field)."),
    "smoothing": _t("option", 1.0, "Added to pro and anti in the score's denominator."),
    "mentions": _t("option", VARIES, "What to do with the mentions (evidence) table: 'keep' "
                   "it (in memory or a folder) or 'drop' it.",
                   why="score_stance_chunked keeps it (scoring is what it is for); analyze_* "
                   "drop it (tables only, bounded memory); a StanceResult holds it",
                   allowed=("keep", "drop", REQUIRED)),
    "voice": _t("option", VARIES, "Whose words count: None every voice, 'outlet' the outlet's "
                "own, 'quoted' the people it quotes, or one speaker's name.",
                why="None (every voice) in the tables; required by stance_by_voice, whose "
                "question it is", allowed=(None, REQUIRED)),
    "voices": _t("option", False, "Give each mention its voice ('outlet' or the speaker): "
                 "True, or an extract_quotes table."),
    "scope": _t("option", "sentence", "How far from a mention a cue counts: 'sentence', "
                "'paragraph' or 'article'."),
    "require_mention": _t("option", True, "Score only texts that name the target."),
    "labels": _t("option", None, "The coding scheme: each code to 'pro', 'anti' or None."),
    "aliases": _t("option", None, "How texts name the target (default: its name)."),
    "ngram": _t("option", VARIES, "Longest phrase, in words.",
                why="2 in learn_lexicon (cues are often phrases); 1 in keyness (words)",
                allowed=(2, 1)),
    "min_count": _t("option", VARIES, "Fewest texts a term must occur in.",
                    why="3 in learn_lexicon (few hand-coded texts); 5 in keyness and "
                    "find_variants (whole corpora)", allowed=(3, 5)),
    "reference": _t("filter", None, "The group (a value of by) the others are compared "
                    "with; None: each group against all the others."),
    "group": _t("filter", None, "The one group (a value of by) a plot draws."),
    "measure": _t("option", "logodds", "The keyness statistic: 'logodds', 'chi2', 'lr'."),
    "z_threshold": _t("option", 1.0, "Smallest z-score that makes a term a cue."),
    "prior": _t("option", 0.1, "Strength of the prior (a share of all term counts)."),
    "n_splits": _t("option", 5, "Cross-validation folds."),
    "name": _t("option", None, "A name for the record (shown in its file)."),
    "with_cues": _t("option", True, "Only mentions that matched a cue."),
    "case": _t("option", False, "Match case exactly."),
    "regex": _t("option", False, "Treat patterns as regular expressions."),
    # ------------------------------------------------------------------ loading
    "outlet_from": _t("option", "auto", "Where each article's outlet comes from."),
    "dayfirst": _t("option", None, "Read 01/02/2022 as 1 February (None: guess per file)."),
    "errors": _t("option", "raise", "A record that cannot be read: 'raise', 'warn' or "
                 "'ignore'."),
    "bad_dates": _t("option", "skip", "Articles whose date cannot be read: 'skip', 'keep', "
                    "'raise'."),
    "valid_dates": _t("option", ("1800-01-01", None), "Dates outside this range are errors."),
    "drop_duplicates": _t("option", False, "Drop the 2nd and later copies of an article."),
    "return_report": _t("option", False, "Also return the LoadReport: (corpus, report)."),
    "copies": _t("option", "each", "How copies of one story count: 'each' as published, "
                 "'outlet' once per outlet, 'once' once (see mark_duplicates)."),
    "encoding": _t("option", "utf-8", "Text encoding of the files."),
    "chunk_size": _t("option", VARIES, "Articles per chunk.", why="10,000 where chunks are "
                     "read; required in MemoryEstimate (a record)",
                     allowed=(10_000, REQUIRED)),
    "n_jobs": _t("option", VARIES, "Processes (or threads) to use; -1 all cores.",
                 why="load_articles: 1 (reading is light); TopicModel: None (joblib's "
                 "default, one unless a joblib context says more)", allowed=(1, None)),
    "what": _t("option", "corpus", "Which bundled demo file."),
    "boilerplate": _t("option", None, "A find_boilerplate table (found when None)."),
    "load_kwargs": _t("option", None, "Options of load_articles."),
    "stance_kwargs": _t("option", None, "Options of score_stance."),
    "n_targets": _t("option", 2, "Stance targets the memory estimate assumes."),
    # ------------------------------------------------------------------ randomness, progress
    "random_state": _t("option", 0, "Seed of every random step (keyword-only). 0 by default, "
                       "so the same inputs give the same output; None: a new seed each "
                       "time."),
    "progress": _t("option", VARIES, "Show a progress bar (or a callable taking messages).",
                   why="False everywhere but load_articles, where None shows a bar only when "
                   "reading takes long (many files)", allowed=(False, None)),
    "client": _t("option", None, "A dask.distributed Client (the current one by default)."),
    # ------------------------------------------------------------------ plots and figures
    "share": _t("option", False, "Plot the share (%) of each outlet's articles, not counts."),
    "kind": _t("option", "area", "'area' (stacked) or 'line' (pandas' words)."),
    "stacked": _t("option", None, "Bars of the groups end to end rather than side by side "
                  "(pandas' word; None: when side by side would be too thin to read)."),
    "colors": _t("option", VARIES, "Outlet -> colour.", why="None in plots (the study-wide "
                 "colours); required by set_outlet_colors", allowed=(None, REQUIRED)),
    "color": _t("option", VARIES, "A matplotlib colour.", why="each mark its own grey/black",
                allowed=("0.35", "black")),
    "title": _t("option", None, "Axes (or legend) title; a description by default, \"\" for "
                "none. (A headline column is title_column.)"),
    "legend": _t("option", True, "Draw a legend."),
    "xlim": _t("option", None, "Limits of the x axis (fitted to the data by default)."),
    "ylim": _t("option", None, "Limits of the y axis (fitted to the data by default)."),
    "show_n": _t("option", True, "Write the number of articles of each period above the Axes."),
    "ncols": _t("option", 3, "Panels per row."),
    "sharex": _t("option", None, "The same dates in every panel (None: unless span='outlet')."),
    "sharey": _t("option", True, "The same y scale in every panel."),
    "fontsize": _t("option", 7.5, "Font size of labels."),
    "span_alpha": _t("option", 0.12, "Opacity of shaded ranges."),
    "axis": _t("option", "x", "Which axis."),
    "dpi": _t("option", 300, "Resolution of raster files."),
    "formats": _t("option", ("png", "svg"), "File formats to write."),
    "path_stem": _t("option", REQUIRED, "File path without the suffix."),
    # ------------------------------------------------------------------ reports and files
    "out": _t("option", "mediastudy-report", "Folder to write the report to."),
    "config": _t("option", None, "A config file (YAML/JSON) or dict of report settings."),
    "path": _t("option", VARIES, "A file or folder path.", why="required where a file is "
               "read or written; None in Lexicon.to_yaml (return the text, write no file)",
               allowed=(REQUIRED, None)),
    "paths": _t("option", REQUIRED, "File paths."),
    "dates": _t("data", REQUIRED, "Dates (anything pandas.to_datetime reads)."),
    "tables": _t("option", VARIES, "Which timeline tables to build.",
                 why="a record's field in ScaleResult (the tables built)",
                 allowed=(("volume", "topic_share", "stance"), REQUIRED)),
    "groups": _t("option", REQUIRED, "Topics to merge: lists of topic ids, e.g. [[0, 3]]."),
    "max_rows": _t("option", None, "Write at most this many rows of a table (None: all)."),
    "full_tables": _t("option", None, "Where the full tables are, e.g. 'tables/{name}.csv'."),
    "estimate": _t("option", None, "A MemoryEstimate (a record's field)."),
    "n_articles": _t("data", REQUIRED, "Articles counted (output name; array input of "
                     "bootstrap_share_ci, a MemoryEstimate field)."),
    "n_total": _t("data", REQUIRED, "All articles of a cell (output name)."),
}

def param_doc(name: str, *, indent: int = 4) -> str:
    """The numpydoc entry of a parameter, written once here, for docstrings to reuse.

    >>> print(param_doc("date_column"))
        date_column : str, default "date"
            Name of the column holding the publication date.
    """
    term = GLOSSARY[name]
    default = "" if term.default in (REQUIRED, VARIES) else f", default {_show(term.default)}"
    pad = " " * indent
    return f"{pad}{name} : {_type(term)}{default}\n{pad}    {term.meaning}"


_MARK = re.compile(r"^(?P<indent>[ ]*)\.\. glossary:: (?P<names>.+)$", re.MULTILINE)


def shared_docs(func: F) -> F:
    """Write the glossary's entries into ``func``'s docstring (seaborn's DocstringComponents
    idea): a line ``.. glossary:: date_column outlet_column`` in the Parameters section
    becomes the numpydoc entry of each name, with the function's own default.

    >>> @shared_docs
    ... def f(corpus, *, date_column="date"):
    ...     '''Parameters
    ...     ----------
    ...     .. glossary:: date_column
    ...     '''
    >>> print(f.__doc__.splitlines()[2])
        date_column : str, default "date"
    """
    if not func.__doc__:
        return func
    params = inspect.signature(func).parameters

    def entries(match: re.Match) -> str:
        indent = match["indent"]
        out = []
        for name in match["names"].split():
            term, param = GLOSSARY[name], params[name]
            default = "" if param.default is param.empty else f", default {_show(param.default)}"
            kind = _type(term)
            if term.kind == "column":
                kind = "sequence of str" if isinstance(param.default, tuple) else "str"
            out.append(f"{indent}{name} : {kind}{default}\n{indent}    {term.meaning}")
        return "\n".join(out)

    func.__doc__ = _MARK.sub(entries, func.__doc__)
    return func


def _type(term: Term) -> str:
    if term.kind == "column":
        return "str"
    value = term.default
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str" if isinstance(value, str) else "object"


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def glossary_markdown() -> str:
    """The glossary as the Markdown of CONTRIBUTING.md's vocabulary section."""
    lines = [
        "| parameter | kind | default | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for name in sorted(GLOSSARY, key=lambda n: (KINDS.index(GLOSSARY[n].kind), n)):
        term = GLOSSARY[name]
        if term.default is VARIES:
            default = "varies: " + term.why
        elif term.default is REQUIRED:
            default = "(required)"
        else:
            default = f"`{term.default!r}`"
        meaning = term.meaning
        if term.exceptions:
            meaning += " " + " ".join(f"In {f}: {w}." for f, w in term.exceptions.items())
        lines.append(f"| `{name}` | {term.kind} | {_cell(default)} | {_cell(meaning)} |")
    lines += ["", "| output column | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {_cell(meaning)} |" for name, meaning in COLUMNS.items()]
    lines += ["", "| result field | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {_cell(meaning)} |" for name, meaning in FIELDS.items()]
    return "\n".join(lines) + "\n"


START = "<!-- glossary: generated by python -m mediastudy.glossary; do not edit by hand -->"
END = "<!-- glossary: end -->"


def update_file(path: str) -> bool:
    """Put the current glossary between the markers of ``path``; True if it changed."""
    from pathlib import Path

    from .errors import LoadError

    file = Path(path)
    text = file.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    if not rest:
        raise LoadError(f"{path} has no line {START!r}: add it where the glossary goes, and "
                        f"{END!r} below it.", path=path)
    new = f"{head}{START}\n{glossary_markdown()}{END}{tail}"
    file.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover - python -m mediastudy.glossary [--update FILE]
    import sys

    if sys.argv[1:2] == ["--update"]:
        update_file(sys.argv[2])
    else:
        sys.stdout.write(glossary_markdown())
