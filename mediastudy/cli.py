"""The ``mediastudy`` command: the report and the analysis steps for scripts and pipelines.

::

    mediastudy report [PATH] [--out DIR] [--config FILE] [options]
    mediastudy load PATH [PATH ...] -o corpus.parquet
    mediastudy topics corpus.parquet -o topics.parquet [--k K] [--model DIR]
    mediastudy stance corpus.parquet -o stance.csv [--lexicon FILE] [--evidence FILE]

Exit codes, one rule for every command (also in ``mediastudy --help``)::

    0  the run completed, inputs that could not be read included: they are skipped and
       listed in the load report, and the run record is written
    1  the input stopped the run: a missing path, no readable article, a bad config,
       lexicon or model file (a MediaStudyError that is not about the command line)
    2  the command line is wrong: an unknown option or argument, an option value that
       the command or the library refuses (InvalidParameterError or a setting error
       naming an option given on the command line)

The exit code is chosen by the type of the error and its fields (``param``, ``path``),
never by reading its message. Errors are one line on stderr; progress goes to stderr too,
so stdout stays free for the path of what was written. Any other exception is a bug in
mediastudy: it is not caught, and Python shows its traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Sequence

from .commands import (
    EXIT_INPUT,
    EXIT_USAGE,
    OPTION_OF,
    duplicates_command,
    flag_of,
    load_command,
    quotes_command,
    report_command,
    stance_command,
    topics_command,
)

__all__ = ["main"]



_EXIT_RULE = (
    "Exit codes: 0 the run completed (inputs that could not be read are skipped, listed in the "
    "load report, and the run record is written); 1 the input stopped it (a missing path, no "
    "readable article, a bad config, lexicon or model file); 2 the command line is wrong (an "
    "unknown option or a refused option value). Any other failure is a bug: it shows a Python "
    "traceback; please report it."
)


# ------------------------------------------------------------------------------------- parser
def _key_value(text: str) -> tuple[str, str]:
    if "=" not in text or text.startswith("="):
        raise argparse.ArgumentTypeError(f"expected FROM=TO, e.g. Headline=title; got {text!r}")
    key, value = text.split("=", 1)
    return key.strip(), value.strip()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _date(text: str) -> str:
    """A yyyy-mm-dd date, checked (the report filters on it)."""
    import pandas as pd

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, e.g. 2022-03-01; got {text!r}")
    try:
        pd.Timestamp(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a real date ({str(exc).split(':')[0]}); expected YYYY-MM-DD") from None
    return text.strip()


def _add_load_options(p: argparse.ArgumentParser, *, report: bool = False) -> None:
    g = p.add_argument_group("reading the input")
    g.add_argument("--column", dest="columns", action="append", type=_key_value, metavar="FROM=TO",
                   help="map a table column onto the corpus schema, e.g. --column Headline=title "
                        "--column Body=text (repeat for several; common names are mapped automatically)")
    g.add_argument("--outlet", metavar="NAME", help="one outlet name for every article")
    g.add_argument("--outlet-from", choices=("auto", "column", "folder", "url"),
                   help="where the outlet comes from: a table column, the folder holding the file, "
                        "or the URL's domain (default: auto, in that order)")
    dates = g.add_mutually_exclusive_group()
    dates.add_argument("--dayfirst", action="store_const", const=True, dest="dayfirst",
                       help="read numeric table dates such as 03/04/2022 as day/month")
    dates.add_argument("--monthfirst", action="store_const", const=False, dest="dayfirst",
                       help="read numeric table dates as month/day")
    g.add_argument("--drop-duplicates", action="store_true", default=None,
                   help="leave out repeated copies of an article (same outlet, title and text)")
    if report:
        return
    g.add_argument("--encoding", metavar="NAME",
                   help="text encoding of seed-layout .txt files (default: utf-8), e.g. latin-1")
    g.add_argument("--bad-dates", choices=("skip", "keep"),
                   help="articles with a missing or implausible date: skip them and list them in "
                        "the load report (default), or keep them with no date")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages, only errors")


def _add_corpus_in_out(p: argparse.ArgumentParser, out_help: str) -> None:
    """The CORPUS argument and -o/--out of the subcommands that read a corpus and write a table."""
    p.add_argument("corpus", metavar="CORPUS",
                   help="corpus from 'mediastudy load' (.parquet), or any input 'load' reads")
    p.add_argument("-o", "--out", required=True, metavar="FILE",
                   help=f"{out_help}: .parquet, .csv, .tsv, .jsonl or .xlsx")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mediastudy`` command (used by :func:`main` and the docs)."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="mediastudy",
        description="Study how news outlets cover the world: load articles, find topics, score "
                    "stance with evidence, draw timelines, and write it all up as a report.",
        epilog=_EXIT_RULE + " 'mediastudy COMMAND --help' explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"mediastudy {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # -- report ----------------------------------------------------------------------------
    from .report.options import REPORT_OPTIONS

    def opt_help(name: str) -> str:
        # The config file's wording, written as the other options' help is (lower case unless
        # it opens with an acronym, no final full stop); a default of 0 is shown too (0 ==
        # False, hence the "is").
        default, meaning = REPORT_OPTIONS[name]
        first = meaning.split(maxsplit=1)[0]
        text = (meaning if first.isupper() else meaning[:1].lower() + meaning[1:]).rstrip(".")
        return text + ("" if default is None or default is False else f" (default: {default})")

    p = sub.add_parser(
        "report", help="the whole analysis of a corpus as an HTML report with tables and figures",
        description="Load a corpus, find its topics, score stance with a lexicon and draw the "
                    "timelines; write report.html (self-contained), tables/ (CSV and Parquet), "
                    "figures/ (PNG and SVG), topic_model/ and run_record.json into --out. Files an "
                    "earlier report wrote into the same --out and this run does not write again "
                    "are deleted (only those listed in its run_record.json). Settings "
                    "come from --config (YAML) and the options below; options win over the config.",
        epilog="Config file: a YAML mapping with any of: source, out, " + ", ".join(REPORT_OPTIONS)
               + ". Example:  source: news.parquet / columns: {Headline: title} / "
                 "outlet_map: {nytimes.com: NYT} / outlets: [NYT, BBC] / k: 8",
    )
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="corpus file, folder or glob (default: the config's source, else the bundled "
                        "demo corpus)")
    p.add_argument("-o", "--out", metavar="DIR",
                   help="output folder (default: the config's out, else ./mediastudy-report)")
    p.add_argument("-c", "--config", metavar="FILE", help="YAML file of report settings (see below)")
    _add_load_options(p, report=True)
    g = p.add_argument_group("choosing articles")
    g.add_argument("--outlet-map", action="append", type=_key_value, metavar="FROM=TO",
                   help="rename an outlet after loading, e.g. --outlet-map nytimes.com=NYT (repeat)")
    g.add_argument("--outlets", metavar="A,B,...", help="keep only these outlets (comma-separated)")
    g.add_argument("--start", metavar="YYYY-MM-DD", type=_date, help=opt_help("start"))
    g.add_argument("--end", metavar="YYYY-MM-DD", type=_date, help=opt_help("end"))
    g.add_argument("--sample", type=_positive_int, metavar="N", help=opt_help("sample"))
    g = p.add_argument_group("analysis")
    g.add_argument("-k", "--k", type=_positive_int, metavar="K", help=opt_help("k"))
    g.add_argument("--k-min", type=_positive_int, metavar="K", help=opt_help("k_min"))
    g.add_argument("--k-max", type=_positive_int, metavar="K", help=opt_help("k_max"))
    g.add_argument("--keep-boilerplate", action="store_const", const="keep", dest="boilerplate",
                   help="keep the sentences an outlet repeats in many of its articles (by default "
                        "they are removed before topics and stance; see the report's Corpus section)")
    g.add_argument("--lexicon", metavar="FILE",
                   help="stance lexicon (YAML). The demo corpus uses its example lexicon by default; "
                        "for your own corpus write one for your targets, else the stance section is "
                        "skipped")
    g.add_argument("--events", metavar="FILE", help=opt_help("events"))
    g.add_argument("--freq", choices=("D", "W", "M", "Q", "Y"), help=opt_help("freq"))
    g.add_argument("--share-freq", choices=("D", "W", "M", "Q", "Y"), help=opt_help("share_freq"))
    g.add_argument("--stance-freq", choices=("D", "W", "M", "Q", "Y"), help=opt_help("stance_freq"))
    g.add_argument("--min-articles", type=_positive_int, metavar="N", help=opt_help("min_articles"))
    g.add_argument("--max-outlets", type=_positive_int, metavar="N", help=opt_help("max_outlets"))
    g.add_argument("--n-evidence", type=_positive_int, metavar="N", help=opt_help("n_evidence"))
    g.add_argument("--seed", type=int, dest="random_state", metavar="N", help=opt_help("random_state"))
    g.add_argument("--title", help=opt_help("title"))
    g.add_argument("--dpi", type=_positive_int, help=opt_help("dpi"))
    g.add_argument("--n-jobs", type=_positive_int, metavar="N", help=opt_help("n_jobs"))
    _add_common(p)
    p.set_defaults(func=report_command, parser=p)

    # -- load ------------------------------------------------------------------------------
    p = sub.add_parser(
        "load", help="read articles into one corpus table, with the load report",
        description="Read article files (seed-layout .txt, CSV, TSV, JSON, JSON Lines, Parquet; "
                    "folders are read recursively) into one table in the corpus schema. Files and "
                    "articles that cannot be used are left out and listed in the load report, "
                    "written beside the output as <OUT stem>.load_report.csv.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs to read")
    p.add_argument("-o", "--out", required=True, metavar="FILE",
                   help="corpus file to write: .parquet (keeps lists and types), .csv, .tsv, .jsonl or .xlsx")
    p.add_argument("--report", metavar="FILE",
                   help="where to write the load report (default: <OUT stem>.load_report.csv)")
    p.add_argument("--errors", choices=("skip", "raise"), default="skip",
                   help="skip: leave bad files/articles out and list them in the load report "
                        "(default); raise: stop at the first one with exit code 1")
    _add_load_options(p)
    _add_common(p)
    p.set_defaults(func=load_command, parser=p)

    # -- topics ----------------------------------------------------------------------------
    p = sub.add_parser(
        "topics", help="find the topics of a corpus and label each article",
        description="Fit a topic model (TF-IDF, LSA, consensus k-means) and write the corpus with "
                    "two more columns, topic and topic_label. Optionally save the topics table and "
                    "the model (with its run record) for scoring new articles the same way.",
    )
    _add_corpus_in_out(p, "corpus with topic columns")
    p.add_argument("-k", "--k", type=_positive_int, metavar="K",
                   help="number of topics (default: chosen between --k-min and --k-max)")
    p.add_argument("--k-min", type=_positive_int, default=4, metavar="K",
                   help="smallest number of topics tried when -k is not given (default: 4)")
    p.add_argument("--k-max", type=_positive_int, default=10, metavar="K",
                   help="largest number of topics tried when -k is not given (default: 10)")
    p.add_argument("--info", metavar="FILE",
                   help="also write one row per topic (label, size, stability, top terms)")
    p.add_argument("--model", metavar="DIR",
                   help="also save the fitted model (JSON + arrays, no pickle) and its run record here")
    p.add_argument("--min-df", type=_positive_int, metavar="N",
                   help="ignore words found in fewer articles than this (default: 2)")
    p.add_argument("--seed", type=int, default=0, metavar="N",
                   help="random seed of the model; same seed and data give the same topics (default: 0)")
    _add_load_options(p)
    _add_common(p)
    p.set_defaults(func=topics_command, parser=p)

    # -- stance ----------------------------------------------------------------------------
    p = sub.add_parser(
        "stance", help="score each article's stance toward the targets of a lexicon",
        description="Score every article's stance toward each target of a YAML lexicon (pro and "
                    "anti cue words near the target's mentions) and write one row per article and "
                    "target: id, target, n_mentions, pro, anti, score. The score is "
                    "(pro - anti) / (pro + anti + 1): 0 when the cues balance or there are none, "
                    "+0.5 for one pro cue, nearer +1 (or -1) only with many cues of one kind; empty "
                    "when the article does not mention the target.",
    )
    _add_corpus_in_out(p, "article scores")
    p.add_argument("--lexicon", metavar="FILE",
                   help="stance lexicon, YAML; required unless the corpus is the demo corpus, whose "
                        "example lexicon is the default")
    p.add_argument("--evidence", metavar="FILE",
                   help="also write every target mention with the cues found near it (the evidence)")
    p.add_argument("--summary", metavar="FILE",
                   help="also write the stance per outlet and target")
    p.add_argument("--window", type=_positive_int, metavar="N",
                   help="count a cue only within N words of the mention (default: anywhere in the sentence)")
    _add_load_options(p)
    _add_common(p)
    p.set_defaults(func=stance_command, parser=p)

    # -- duplicates ------------------------------------------------------------------------
    p = sub.add_parser(
        "duplicates", help="find near copies and wire stories across outlets, with their origin",
        description="Find articles that carry the same text (agency copy run by several outlets, "
                    "retitled, trimmed or lightly edited copies, a story pasted into a longer "
                    "article) and write one row per article in a cluster: id, outlet, date, "
                    "cluster, kind (origin, copy, excerpt, passage; 'not comparable' for texts "
                    "under 5 words), origin_id, origin_outlet, origin_date, similarity, containment.",
    )
    _add_corpus_in_out(p, "clusters of copies")
    p.add_argument("--threshold", type=float, default=0.5, metavar="X",
                   help="least Jaccard similarity of 5-word shingles for a near copy (default: 0.5)")
    p.add_argument("--containment", type=float, default=0.8, metavar="X",
                   help="least share of the shorter text found in the longer for an excerpt or a "
                        "pasted passage (default: 0.8)")
    p.add_argument("--window", type=_positive_int, default=30, metavar="DAYS",
                   help="compare articles at most this many days apart (default: 30)")
    p.add_argument("--flows", metavar="FILE",
                   help="also write the copies between outlets (origin outlet -> copying outlet)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default: 0)")
    _add_load_options(p)
    _add_common(p)
    p.set_defaults(func=duplicates_command, parser=p)

    # -- quotes ----------------------------------------------------------------------------
    p = sub.add_parser(
        "quotes", help="find who is quoted: quotations and reported speech with their speakers",
        description="Find quotations and reported speech (\"X said that ...\") in every article "
                    "and write one row per attribution: id, start, end, quote, direct, speaker, "
                    "speaker_start, speaker_end, cue, rule, confidence.",
    )
    _add_corpus_in_out(p, "quotes with their speakers")
    p.add_argument("--speakers", metavar="FILE",
                   help="also write who is quoted how often, per outlet")
    p.add_argument("--speaker-variants", metavar="FILE",
                   help="also write the speaker names that look like another spelling of a more "
                        "quoted one (find_speaker_variants), to review")
    _add_load_options(p)
    _add_common(p)
    p.set_defaults(func=quotes_command, parser=p)
    return parser


def _given_on_the_command_line(args, param: str | None) -> bool:
    """Whether ``param`` (a setting's name) came from an option of this command line."""
    if param is None:
        return False
    dest = {"out": "out", "random_state": "random_state"}.get(param, param)
    return getattr(args, dest, None) is not None


def _exit_code(exc, args) -> int:
    """The exit code of a MediaStudyError, by its type and fields (never its message)."""
    from . import errors

    if isinstance(exc, errors.InvalidParameterError) and exc.path is None:
        return EXIT_USAGE  # a value the command or the library refused
    if (isinstance(exc, errors.ConfigError) and exc.path is None
            and _given_on_the_command_line(args, exc.param)):
        return EXIT_USAGE  # a report setting given as an option
    return EXIT_INPUT


# ------------------------------------------------------------------------------------- main
def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"mediastudy: warning: {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mediastudy`` command; returns the exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when the run completed (skipped inputs included), 1 when the input stopped it,
        2 when the command line is wrong (see the module docstring).

    Examples
    --------
    >>> main(["report", "--k", "many"])  # the usage error goes to stderr
    2
    """
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # the subcommand's own usage says what it takes, not the top-level one
            getattr(args, "parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return int(exc.code or 0)
    from .errors import MediaStudyError

    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except MediaStudyError as exc:  # anything else is a bug: its traceback shows
        code = _exit_code(exc, args)
        message = " ".join(str(exc).split()) or type(exc).__name__
        flag = flag_of(exc.param)
        if code == EXIT_USAGE and flag is not None and exc.param not in ("out", "report"):
            message = f"{flag}: {message}"
        elif flag is not None and exc.param in OPTION_OF:
            message += f" (on the command line: {flag})"
        message = " ".join([message, *getattr(exc, "__notes__", ())])  # e.g. where partial output went
    except KeyboardInterrupt as exc:
        print(" ".join([f"mediastudy {args.command}: interrupted.", *getattr(exc, "__notes__", ())]),
              file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = previous
    print(f"mediastudy {args.command}: error: {message}", file=sys.stderr)
    return code


def _runs_a_report(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for a report and parses: not ``--help`` and no usage error, which
    :func:`main` then prints at once instead of after the report's imports (about 1.5 s).
    Nothing is printed here."""
    import contextlib
    import io

    if list(argv[:1]) != ["report"]:
        return False
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            _, unknown = build_parser().parse_known_args(argv)
        except SystemExit:  # --help, or a usage error
            return False
    return not unknown


def run() -> None:
    """The ``mediastudy`` command: :func:`main`, then a quick exit with its code.

    The exit handlers run (``logging.shutdown`` among them) and the output is flushed, as
    in a normal exit, but the interpreter does not take its modules apart one by one: that
    takes about 0.3 s after a report (pandas, scikit-learn, matplotlib), a tenth of the demo's.

    The garbage collector is kept out of the way of the imports: it does not run while the
    libraries of the report are imported (they make objects that live to the end, no
    garbage, and it would walk them hundreds of times), and what exists once they are
    imported is left out of its later walks (``gc.freeze``; the report's second processes,
    forked from this one, inherit that). Cycles made afterwards are collected as usual. About
    8% of the demo report's time and 2% of a large one's (benchmarks/README.md, issue 18).
    Here only what the report needs to read its corpus is imported: the report imports the
    rest itself (``import_what_sections_use``, which keeps the collector off and freezes as
    here: ``FREEZE_IMPORTS``), while a second process reads the corpus, or first with one
    process.
    """
    import atexit
    import gc
    import os

    gc.disable()
    try:
        if _runs_a_report(sys.argv[1:]):
            from .report import run as _  # noqa: F401  (the report and its reading)
            from .report import sections

            sections.FREEZE_IMPORTS = True
    finally:
        gc.freeze()
        gc.enable()
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)


if __name__ == "__main__":  # python -m mediastudy.cli
    run()
