"""What each subcommand of ``mediastudy`` does (the parser and the exit-code rule are in
:mod:`mediastudy.cli`).

Each ``*_command`` function takes the parsed arguments and returns the exit code; it imports
the analysis it needs when it runs, so that ``mediastudy --help`` stays instant.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from pathlib import Path

__all__ = ["report_command", "load_command", "topics_command", "stance_command",
           "duplicates_command", "quotes_command", "flag_of", "OPTION_OF",
           "EXIT_OK", "EXIT_INPUT", "EXIT_USAGE", "OUTPUT_SUFFIXES"]

OUTPUT_SUFFIXES = (".csv", ".parquet", ".tsv", ".jsonl", ".xlsx")
EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _errors():
    from . import errors

    return errors


def _input_error(message: str, *, path=None):
    """Bad input found by the command line itself: exit code 1."""
    return _errors().LoadError(message, path=path)


def _usage_error(message: str, *, param: str):
    """A command-line option the command refuses: exit code 2."""
    return _errors().InvalidParameterError(message, param=param)


# ------------------------------------------------------------------------------------- helpers
def _say(args, message: str) -> None:
    if not args.quiet:
        print(f"mediastudy {args.command}: {message}", file=sys.stderr, flush=True)


def _check_exists(path: str, what: str = "input") -> None:
    if not os.path.exists(path) and not (glob.has_magic(path) and glob.glob(path, recursive=True)):
        raise _input_error(f"{what} '{path}' does not exist (looked from {os.getcwd()}).", path=path)


def _check_output(path: str, option: str = "--out") -> Path:
    out = Path(path)
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise _usage_error(
            f"{option} '{path}': cannot tell the format; end the name with "
            f"{', '.join(OUTPUT_SUFFIXES)}.", param=option.lstrip("-"))
    if out.is_dir():
        raise _usage_error(f"{option} '{path}' is a folder; give a file name.", param=option.lstrip("-"))
    return out


def _distinct_outputs(outputs: dict[str, Path | None]) -> None:
    """Refuse two options naming one file: the second table would silently replace the first."""
    seen: dict[str, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        where = os.path.realpath(path)
        if where in seen:
            raise _usage_error(f"{seen[where]} and {option} name the same file '{path}'; give each "
                               "table its own file.", param=option.lstrip("-"))
        seen[where] = option


def _write_table(df, path: Path) -> None:
    """Write a table by the suffix of ``path``; a file that cannot be written stops the run
    with exit code 1 (a full disk or a read-only folder is no bug of mediastudy)."""
    try:
        _write(df, path)
    except OSError as exc:
        raise _input_error(f"cannot write '{path}' ({exc.strerror or exc}).", path=path) from None


def _write(df, path: Path) -> None:
    """Write a table by the suffix of ``path``; list cells survive in Parquet and JSON Lines."""
    import numpy as np

    out = df.copy()
    out.attrs = {}  # pandas cannot serialise a DataFrame held in attrs (the load report)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        out.to_parquet(path, index=False)
        return
    if suffix == ".jsonl":
        out.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
        return
    if suffix == ".xlsx":  # a sheet named after the file, with the header frozen
        from .io.workbook import write_workbook

        write_workbook({path.stem: out}, path)
        return
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    out.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",", lineterminator="\n")


def _load_kwargs(args) -> dict:
    kw = {}
    if getattr(args, "columns", None):
        kw["columns"] = dict(args.columns)
    if getattr(args, "outlet", None):
        kw["outlet"] = args.outlet
    if getattr(args, "outlet_from", None):
        kw["outlet_from"] = args.outlet_from
    if getattr(args, "dayfirst", None) is not None:
        kw["dayfirst"] = args.dayfirst
    if getattr(args, "drop_duplicates", None):
        kw["drop_duplicates"] = True
    if getattr(args, "encoding", None):
        kw["encoding"] = args.encoding
    if getattr(args, "bad_dates", None):
        kw["bad_dates"] = args.bad_dates
    return kw


# The command-line option that sets a library parameter, for an error whose ``param`` names
# one: the library's message advises the Python keyword, this line adds the flag.
OPTION_OF = {
    "dayfirst": "--dayfirst (dd/mm/yyyy) or --monthfirst (mm/dd/yyyy)",
    "bad_dates": "--bad-dates keep",
    "encoding": "--encoding NAME, e.g. --encoding latin-1",
    "errors": "--errors skip",
    "columns": "--column FROM=TO",
    "outlet": "--outlet NAME",
    "random_state": "--seed",
    "lexicon": "--lexicon FILE",
}


def flag_of(param: str | None) -> str | None:
    """The option that sets ``param`` on the command line: dayfirst -> --dayfirst ..., k_min
    -> --k-min, out -> --out."""
    if param is None:
        return None
    return OPTION_OF.get(param, "--" + param.replace("_", "-"))


def _read_corpus(args):
    """A corpus table: read as is when it already has the schema, else through load_articles."""
    import pandas as pd

    from . import CORPUS_COLUMNS, load_articles, load_report

    path = args.corpus
    _check_exists(path)
    kw = _load_kwargs(args)
    if path.lower().endswith(".parquet") and os.path.isfile(path) and not kw:
        try:
            import pyarrow.parquet as pq

            names = pq.read_schema(path).names
        except Exception as exc:  # noqa: BLE001 - any reader failure is a bad input file
            raise _input_error(f"'{path}' cannot be read as Parquet ({exc}).", path=path) from None
        if set(CORPUS_COLUMNS) <= set(names):  # written by 'mediastudy load': keep its ids
            return pd.read_parquet(path)
    corpus = load_articles(path, errors="skip", **kw)
    _report_load(args, corpus, load_report(corpus))
    return corpus


def _report_load(args, corpus, report) -> None:
    s = report.attrs["summary"]
    _say(args, f"loaded {s['articles_loaded']:,} of {s['articles_found']:,} articles found "
               f"({s['articles_skipped']:,} skipped) in {s['files_found']:,} files "
               f"({s['files_read']:,} read, {s['files_failed']:,} failed, "
               f"{s['files_ignored']:,} ignored as not article files)")
    if len(corpus) == 0:
        first = report["problem"].iloc[0] if len(report) else (
            "no article files found (read: .txt in the seed layout, .csv, .tsv, .json, .jsonl, "
            ".parquet)")
        where = report["source_path"].iloc[0] if len(report) else ""
        raise _input_error(f"no article could be read; first problem: {where}: {first}".replace(": : ", ": "),
                           path=where or None)


def _record(path: Path, args, inputs, seeds, started, outputs) -> None:
    from .report.run_record import write_run_record

    params = {k: v for k, v in vars(args).items() if k not in ("func", "quiet", "parser")}
    try:  # inputs that cannot be read are recorded as such (see file_fingerprints)
        write_run_record(path, command=f"mediastudy {args.command}", parameters=params,
                         inputs=[p for p in inputs if os.path.lexists(p)], seeds=seeds,
                         started=started, outputs=outputs)
    except OSError as exc:
        raise _input_error(f"cannot write the run record '{path}' ({exc.strerror or exc}).",
                           path=path) from None


def _record_path(out: Path) -> Path:
    return out.with_name(out.stem + ".run.json")


# ------------------------------------------------------------------------------------- commands
def report_command(args) -> int:
    from .report.run import read_config, run_report

    config = {}
    if args.config:
        if os.path.isdir(args.config):
            raise _input_error(f"--config '{args.config}' is a folder; give a YAML file.", path=args.config)
        config = read_config(args.config)
    options = {}
    for name in ("start", "end", "sample", "k", "k_min", "k_max", "lexicon", "events", "boilerplate", "freq",
                 "share_freq", "stance_freq",
                 "min_articles", "max_outlets", "n_evidence", "random_state", "title", "dpi", "n_jobs"):
        value = getattr(args, name)
        if value is not None:
            options[name] = value
    options.update({k: v for k, v in _load_kwargs(args).items()})
    if args.outlet_map:
        options["outlet_map"] = dict(args.outlet_map)
    if args.outlets:
        options["outlets"] = [o.strip() for o in args.outlets.split(",") if o.strip()]
    source = args.path or config.get("source")
    if source is not None:
        _check_exists(os.fspath(source))
    for name in ("lexicon", "events"):
        value = options.get(name) or config.get(name)
        if value:
            _check_exists(os.fspath(value), f"{name} file")
    out = args.out or config.get("out") or "mediastudy-report"
    _say(args, f"analysing {source or 'the demo corpus'} into {out}/")
    start = time.perf_counter()
    page = run_report(source, out, config=config, progress=False if args.quiet else
                      (lambda m: _say(args, m)), **options)
    _say(args, f"done in {time.perf_counter() - start:.1f} s; open {page}")
    print(page)
    return EXIT_OK


def _flag(setting: str) -> str:
    """The command-line option of a report setting: random_state -> --seed, k_min -> --k-min."""
    return "--seed" if setting == "random_state" else "--" + setting.replace("_", "-")


def load_command(args) -> int:
    from . import load_articles, load_report
    from .report.run_record import now_utc

    started = now_utc()
    out = _check_output(args.out)
    report_path = Path(args.report) if args.report else out.with_name(out.stem + ".load_report.csv")
    _check_output(str(report_path), "--report")
    _distinct_outputs({"--out": out, "--report": report_path})
    for path in args.paths:
        _check_exists(path)
    sources = args.paths[0] if len(args.paths) == 1 else args.paths
    corpus = load_articles(sources, errors=args.errors, progress=False if args.quiet else None,
                           **_load_kwargs(args))
    report = load_report(corpus)
    _report_load(args, corpus, report)
    _write_table(corpus, out)
    _write_table(report, report_path)
    _record(_record_path(out), args, args.paths, {}, started, [out, report_path])
    _say(args, f"wrote {out} ({len(corpus):,} articles) and the load report {report_path}")
    print(out)
    return EXIT_OK


def topics_command(args) -> int:
    from . import TopicModel, assign_topics
    from .report.run_record import now_utc
    from .report.steps import k_candidates, quick_choose_k

    started = now_utc()
    out = _check_output(args.out)
    if args.info:
        _check_output(args.info, "--info")
    _distinct_outputs({"--out": out, "--info": args.info and Path(args.info)})
    corpus = _read_corpus(args)
    n = len(corpus)
    extra = {"random_state": args.seed}
    if args.min_df is not None:
        extra["min_df"] = args.min_df
    if n < 3:
        raise _input_error(f"'{args.corpus}' holds {n} articles; topics need at least 3.", path=args.corpus)
    if args.k is not None:
        if args.k >= n:
            raise _usage_error(f"-k {args.k} is not smaller than the number of articles ({n}).", param="k")
        k = args.k
    else:
        if args.k_min > args.k_max:
            raise _usage_error(f"--k-min {args.k_min} is larger than --k-max {args.k_max}.", param="k_min")
        ks = k_candidates(max(2, args.k_min), args.k_max, n)
        _say(args, f"choosing k among {', '.join(map(str, ks))}")
        k, _ = quick_choose_k(corpus, ks, extra)
    _say(args, f"fitting {k} topics on {n:,} articles")
    model = TopicModel(n_topics=k, **extra).fit(corpus)
    assigned = assign_topics(corpus, model)
    _write_table(assigned, out)
    outputs = [out]
    if args.info:
        _write_table(model.topic_info(n_terms=8), Path(args.info))
        outputs.append(Path(args.info))
    if args.model:
        model_dir = model.save(args.model)
        _record(Path(model_dir) / "run_record.json", args, [args.corpus], {"topic_model": args.seed},
                started, [model_dir])
        outputs.append(Path(model_dir))
    _record(_record_path(out), args, [args.corpus], {"topic_model": args.seed}, started, outputs)
    for label, size in zip(model.topic_labels_, model.topic_sizes_, strict=True):
        _say(args, f"  {int(size):5d}  {label}")
    print(out)
    return EXIT_OK


def stance_command(args) -> int:
    from . import aggregate_stance, load_lexicon, score_stance
    from .io import demo_path
    from .report.run_record import now_utc

    started = now_utc()
    out = _check_output(args.out)
    for option in ("evidence", "summary"):
        if getattr(args, option):
            _check_output(getattr(args, option), f"--{option}")
    lexicon_path = args.lexicon or demo_path("lexicon")
    _check_exists(os.fspath(lexicon_path), "lexicon file")
    lexicon = load_lexicon(lexicon_path)
    corpus = _read_corpus(args)
    if args.lexicon is None and not _is_demo(corpus, demo_path("corpus")):
        raise _usage_error(
            "no --lexicon given: the example lexicon names the targets of the fictional demo "
            "corpus and would score your articles against invented countries. Write a lexicon "
            "for your targets (see the example: mediastudy.demo_path('lexicon')) and pass "
            "--lexicon FILE.", param="lexicon"
        )
    result = score_stance(corpus, lexicon, window=args.window)
    _write_table(result.articles, out)
    outputs = [out]
    if args.evidence:
        _write_table(result.mentions, Path(args.evidence))
        outputs.append(Path(args.evidence))
    if args.summary:
        if "outlet" not in corpus.columns:
            raise _input_error(f"'{args.corpus}' has no outlet column, so --summary cannot group by outlet.",
                               path=args.corpus)
        _write_table(aggregate_stance(result, corpus, by="outlet"), Path(args.summary))
        outputs.append(Path(args.summary))
    _record(_record_path(out), args, [args.corpus, os.fspath(lexicon_path)], {}, started, outputs)
    scored = result.articles["n_mentions"].gt(0).groupby(result.articles["target"], sort=False).sum()
    _say(args, "articles mentioning each target: " + ", ".join(f"{t} {int(n):,}" for t, n in scored.items()))
    print(out)
    return EXIT_OK


def duplicates_command(args) -> int:
    from .copies import copy_flow_table, find_duplicates
    from .report.run_record import now_utc

    started = now_utc()
    out = _check_output(args.out)
    if args.flows:
        _check_output(args.flows, "--flows")
    _distinct_outputs({"--out": out, "--flows": args.flows and Path(args.flows)})
    corpus = _read_corpus(args)
    dups = find_duplicates(corpus, threshold=args.threshold, containment=args.containment,
                           window=args.window, random_state=args.seed)
    _write_table(dups, out)
    outputs = [out]
    if args.flows:
        _write_table(copy_flow_table(corpus, dups), Path(args.flows))
        outputs.append(Path(args.flows))
    _record(_record_path(out), args, [args.corpus], {"random_state": args.seed}, started, outputs)
    n_copies = int(dups["kind"].isin(["copy", "excerpt", "passage"]).sum())
    _say(args, f"{n_copies:,} of {len(corpus):,} articles are copies of another, in "
               f"{dups['cluster'].nunique():,} clusters")
    print(out)
    return EXIT_OK


def quotes_command(args) -> int:
    from .quotes import extract_quotes, find_speaker_variants, speakers_table
    from .report.run_record import now_utc

    started = now_utc()
    out = _check_output(args.out)
    if args.speakers:
        _check_output(args.speakers, "--speakers")
    if args.speaker_variants:
        _check_output(args.speaker_variants, "--speaker-variants")
    _distinct_outputs({"--out": out, "--speakers": args.speakers and Path(args.speakers),
                       "--speaker-variants": args.speaker_variants and Path(args.speaker_variants)})
    corpus = _read_corpus(args)
    quotes = extract_quotes(corpus)
    _write_table(quotes, out)
    outputs = [out]
    if args.speakers:
        by = "outlet" if "outlet" in corpus.columns else None
        _write_table(speakers_table(quotes, corpus, by=by), Path(args.speakers))
        outputs.append(Path(args.speakers))
    if args.speaker_variants:
        _write_table(find_speaker_variants(quotes, corpus, top_n=None), Path(args.speaker_variants))
        outputs.append(Path(args.speaker_variants))
    _record(_record_path(out), args, [args.corpus], {}, started, outputs)
    named = quotes["speaker"].notna()
    _say(args, f"{len(quotes):,} quotes in {quotes['id'].nunique():,} of {len(corpus):,} articles; "
               f"{int(named.sum()):,} with a speaker ({quotes.loc[named, 'speaker'].nunique():,} speakers)")
    print(out)
    return EXIT_OK


def _is_demo(corpus, demo_folder) -> bool:
    """Whether every article of ``corpus`` was read from the bundled demo corpus."""
    if "source_path" not in corpus.columns or not len(corpus):
        return False
    folder = os.path.realpath(demo_folder) + os.sep
    return all(os.path.realpath(str(p)).startswith(folder) for p in corpus["source_path"].unique())


