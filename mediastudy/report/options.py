"""The settings of a report, with their defaults and meanings.

A module of plain data, so that ``mediastudy --help`` can list the settings without
importing pandas or the analysis.
"""

__all__ = ["REPORT_OPTIONS"]

#: Every setting of :func:`run_report`: name -> (default, meaning). The YAML config
#: file and the command line use the same names.
REPORT_OPTIONS: dict[str, tuple[object, str]] = {
    "title": (None, "Title of the report (default: 'mediastudy report: <input name>')."),
    "columns": (None, "Mapping of table columns onto the corpus schema, e.g. "
                      "{Headline: title, Body: text, Source: outlet} (CSV/Parquet/JSON inputs)."),
    "outlet": (None, "One outlet name for every article (overrides the outlet column)."),
    "outlet_from": ("auto", "Where the outlet comes from: auto, column, folder or url."),
    "outlet_map": (None, "Renames outlets after loading, e.g. {nytimes.com: NYT}; several "
                         "names may map to one outlet."),
    "outlets": (None, "Keep only these outlets (names after outlet_map)."),
    "dayfirst": (None, "Read numeric table dates as dd/mm (true) or mm/dd (false)."),
    "start": (None, "First day to keep (yyyy-mm-dd)."),
    "end": (None, "Last day to keep (yyyy-mm-dd)."),
    "sample": (None, "Keep at most this many articles per outlet (a seeded random sample)."),
    "drop_duplicates": (False, "Leave out repeated copies of an article (same outlet, title, text)."),
    "boilerplate": ("remove", "Sentences an outlet repeats word for word in many of its articles "
                              "(at least 20 and 5%; see mediastudy.find_boilerplate): 'remove' them "
                              "before topics and stance, or 'keep' them."),
    "k": (None, "Number of topics; by default chosen between k_min and k_max."),
    "k_min": (4, "Smallest number of topics tried when k is not given."),
    "k_max": (10, "Largest number of topics tried when k is not given."),
    "topic_options": (None, "More TopicModel settings, e.g. {min_df: 5, n_init: 5}."),
    "lexicon": (None, "Stance lexicon (YAML file). The demo corpus uses its example lexicon by "
                      "default; any other corpus needs one, else the stance section is skipped."),
    "events": (None, "Events CSV (date,label[,end_date]) marked on timelines; by default the "
                     "demo events for the demo corpus and none otherwise."),
    "freq": (None, "Calendar period of the timelines: D, W, M, Q or Y (default: from the span)."),
    "share_freq": (None, "Period of the topic-share figures (default: freq, or coarser when the "
                         "outlets publish fewer than 4 articles per period)."),
    "stance_freq": (None, "Period of the stance timelines (default: freq, or coarser when fewer "
                          "than min_articles articles per outlet and period mention a target)."),
    "min_articles": (3, "Fewer scored articles than this in a period: drawn hollow, no band."),
    "max_outlets": (8, "Outlets drawn in the timelines and topic-share figures (the largest)."),
    "n_evidence": (8, "Evidence sentences shown per stance target (all are in the tables)."),
    "n_representative": (3, "Representative articles listed per topic."),
    "random_state": (0, "Seed of every random step (sampling, topic model, bootstrap)."),
    "dpi": (120, "Resolution of the PNG figures."),
    "colors": (None, "Outlet colours to use: a mapping {outlet: colour} or a JSON/YAML file of one "
                     "(e.g. outlet_colors.json of an earlier report); other outlets get their "
                     "palette colour. The report writes the colours it used to outlet_colors.json."),
    "n_jobs": (None, "Processes the report uses: 1 does everything in one; 2 (the default where "
                     "processes can be forked: on Linux with two cores or more, from a process running no "
                     "other thread, so not from Jupyter) draws and computes independent sections in "
                     "a second one, with the same results."),
    "figure_formats": (None, "More image files per figure besides the one the page embeds (SVG, "
                             "or PNG for dense scatter plots), e.g. [png, svg]."),
}
