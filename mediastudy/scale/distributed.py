"""The same analysis on a Dask cluster: articles in partitions, results reduced across them.

Dask is an optional extra: ``pip install "mediastudy[scale]"``. Without it, mediastudy
imports and works as before; the functions here raise ``ImportError`` saying what to
install.

- :func:`read_articles_dask` loads files into a ``dask.dataframe.DataFrame`` in the corpus
  schema, one partition per chunk of files (as :func:`mediastudy.scale.chunked.iter_article_chunks`
  cuts them).
- :func:`score_stance_dask` scores stance per partition (lazily);
  :func:`mediastudy.scale.chunked.score_stance_chunked` accepts a Dask DataFrame too and returns
  the computed :class:`mediastudy.StanceResult`.
- :class:`mediastudy.scale.chunked.StreamingTopicModel` fits on a Dask DataFrame (each partition
  gives its document frequencies and sample candidates, merged in a tree on the workers)
  and predicts per partition.
- :func:`find_duplicates_dask` finds copies (:func:`mediastudy.find_duplicates`): the
  fingerprints are taken per partition on the workers, the candidates and clusters are
  formed here, and only the candidates' texts come back.
- :func:`analyze_dask` runs load, stance, topics and timeline tables; the results equal
  those of :func:`mediastudy.scale.chunked.analyze_chunked` and of the in-memory functions.

Running on a cluster
--------------------
Start a scheduler and workers on the cluster (``dask scheduler`` on one machine,
``dask worker tcp://scheduler-host:8786`` on each of the others; or a ``dask-jobqueue`` /
Kubernetes deployment), make the corpus readable from every worker under the same path
(a shared file system, or an ``s3://``-style URL is *not* read by :func:`load_articles`),
and connect from the notebook::

    from dask.distributed import Client
    client = Client("tcp://scheduler-host:8786")
    result = analyze_dask("/shared/corpus", "lexicon.yaml", n_topics=20, client=client)

On one machine, ``Client(LocalCluster(n_workers=4, threads_per_worker=1))`` uses four
processes. One thread per worker is best: the work is Python code that holds the GIL.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..checks import require_columns
from ..copies.steps import check_duplicate_options, duplicates_from_fingerprints, text_fingerprints
from ..deprecation import renamed_parameters
from ..errors import InvalidParameterError
from ..stance.lexicon import Lexicon, load_lexicon
from ..stance.score import StanceResult, score_stance
from ._chunk_loading import (
    _discover_files,
    _duplicate_keys,
    _flag_duplicates,
    _load_units,
    _plan_chunks,
    renumber_slice,
)
from ._dispatch import is_dask_collection, register_dask_steps
from ._memory_estimate import estimate_memory
from ._stance_chunks import _combine_stance, _empty_like, _keep_mentions, _mentions_folder
from ._timeline_counts import timeline_counts, timeline_tables
from .chunked import ScaleResult
from .streaming_topics import StreamingTopicModel, _merge_stats

__all__ = ["read_articles_dask", "score_stance_dask", "analyze_dask", "find_duplicates_dask"]

_INSTALL = 'pip install "mediastudy[scale]"'


def _require_dask():
    """Import dask and dask.dataframe, or say how to install them."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError(
            f"This mediastudy function needs Dask, which is not installed: {_INSTALL} "
            f"(or pip install \"dask[dataframe,distributed]\"). ({exc})"
        ) from None
    return dask, dd


def _load_partition(units, load_kwargs: dict) -> pd.DataFrame:
    """Load one partition; ``is_duplicate`` (and ``drop_duplicates``) within it only."""
    from ..io.corpus import load_articles

    # A partition does not see the slices of a big file read before it: the ids of rows
    # repeating one of an earlier slice are numbered afterwards (see renumber_slice).
    df = _load_units(units, load_articles, dict(load_kwargs), {})
    df.attrs = {}
    return df


def _flag_partition(df: pd.DataFrame, earlier, drop: bool, errors: str, keys) -> pd.DataFrame:
    out = _flag_duplicates(df, earlier, drop, errors, keys)
    out.attrs = {}
    return out


def read_articles_dask(source, *, chunk_size: int = 10_000, **load_kwargs):
    """Load articles into a Dask DataFrame, one partition per chunk of files.

    Partitions are cut as :func:`mediastudy.scale.chunked.iter_article_chunks` cuts chunks, and
    each is loaded by :func:`mediastudy.load_articles` on a worker, so the rows, ids and
    ``is_duplicate`` flags are those of ``load_articles(source)``: an article repeating one
    of an earlier partition is flagged (or, with ``drop_duplicates=True``, left out), as
    the keys of each partition's articles (one 8-byte hash per article) are handed on to
    the partitions after it. The first partition is loaded once here to learn the columns
    (the ``meta``).

    Parameters
    ----------
    source : path, glob or list of these
        Readable under the same path by every worker.
    chunk_size : int, default=10_000
        About how many articles one partition holds.
    **load_kwargs
        Options of :func:`mediastudy.load_articles`.

    Returns
    -------
    dask.dataframe.DataFrame

    Examples
    --------
    >>> from mediastudy import demo_path
    >>> ddf = read_articles_dask(demo_path(), chunk_size=40)
    >>> ddf.npartitions, len(ddf.compute(scheduler="sync"))
    (3, 91)
    """
    import numpy as np

    dask, dd = _require_dask()
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise InvalidParameterError(
            "The 'chunk_size' parameter of read_articles_dask must be a positive integer. "
            f"Got {chunk_size!r} instead.", param="chunk_size"
        )
    load_kwargs = dict(load_kwargs)
    drop = bool(load_kwargs.get("drop_duplicates", False))
    errors = load_kwargs.get("errors", "raise")
    plan = list(_plan_chunks(_discover_files(source), chunk_size))
    meta = _empty_like(_load_partition(plan[0], load_kwargs))  # shares no memory with it
    load = dask.delayed(_load_partition, pure=True)
    hashes = dask.delayed(_duplicate_keys, pure=True)
    flag = dask.delayed(_flag_partition, pure=True)
    union = dask.delayed(np.union1d, pure=True)
    renumber = dask.delayed(renumber_slice, pure=True, nout=2)
    parts, seen = [], np.empty(0, dtype=np.uint64)
    sliced: dict = {}  # big file -> row hashes of its slices so far (a delayed array)
    for units in plan:
        raw = load(units, load_kwargs)
        if len(units) == 1 and units[0][3] is not None:
            raw, sliced[units[0][0]] = renumber(raw, units, sliced.get(units[0][0]), load_kwargs)
        keys = hashes(raw)
        parts.append(flag(raw, seen, drop, errors, keys))
        seen = union(seen, keys)
    # Keep pandas' own "str" dtype: Dask would turn it into "string" (pd.NA), and the
    # results would no longer equal the in-memory ones.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(parts, meta=meta, verify_meta=False, prefix="load-articles")


def _stance_meta(ddf, lex: Lexicon, stance_kwargs) -> pd.DataFrame:
    return score_stance(ddf._meta, lex, **stance_kwargs).articles.iloc[:0]


@renamed_parameters(ddf="corpus")
def score_stance_dask(corpus, lexicon, **stance_kwargs):
    """Article-level stance scores of a Dask DataFrame, scored per partition (lazy).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        The corpus as a Dask DataFrame (e.g. from :func:`read_articles_dask`).
    lexicon : Lexicon, dict or path
        As for :func:`mediastudy.score_stance`.
    **stance_kwargs
        Options of :func:`mediastudy.score_stance`.

    Returns
    -------
    dask.dataframe.DataFrame
        The ``articles`` table of :func:`mediastudy.score_stance`, one partition per input
        partition. :func:`mediastudy.scale.chunked.score_stance_chunked` gives the evidence too.

    Examples
    --------
    >>> from mediastudy import demo_path
    >>> ddf = read_articles_dask(demo_path(), chunk_size=40)
    >>> scores = score_stance_dask(ddf, demo_path("lexicon"))
    >>> sorted(scores.compute(scheduler="sync")["target"].unique())
    ['NATO', 'Northway', 'Sentinel', 'sanctions']
    """
    _require_dask()
    ddf = corpus
    if not is_dask_collection(ddf):
        raise InvalidParameterError(
            f"score_stance_dask takes a dask DataFrame. Got {type(ddf).__name__}; use "
            "mediastudy.score_stance for a pandas DataFrame."
        )
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    return ddf.map_partitions(_stance_articles, lex, stance_kwargs,
                              meta=_stance_meta(ddf, lex, stance_kwargs), enforce_metadata=False)


def _stance_articles(part: pd.DataFrame, lex: Lexicon, stance_kwargs: dict) -> pd.DataFrame:
    return score_stance(part, lex, **stance_kwargs).articles


def _stance_part(part: pd.DataFrame, lex: Lexicon, stance_kwargs: dict, mentions, folder, i: int):
    res = score_stance(part, lex, **stance_kwargs)
    kept: list = []
    _keep_mentions(res.mentions, i, mentions, None if folder is None else Path(folder), kept)
    return res.articles, kept[0]


def _compute(objs: list, client=None) -> list:
    dask, _ = _require_dask()
    if client is not None:
        return client.gather(client.compute(objs))
    return list(dask.compute(*objs))


def _score_stance_dask(ddf, lex: Lexicon, *, mentions, folder, client=None, **stance_kwargs) -> StanceResult:
    dask, _ = _require_dask()
    fn = dask.delayed(_stance_part, pure=True)
    lex_d = dask.delayed(lex, pure=True)
    parts = ddf.to_delayed()
    out = _compute([fn(p, lex_d, stance_kwargs, mentions, None if folder is None else str(folder), i)
                    for i, p in enumerate(parts)], client)
    return _combine_stance([a for a, _ in out], [m for _, m in out], lex, stance_kwargs)


def _shared(obj, client=None):
    """``obj`` as an argument of many tasks, sent to the cluster once.

    With a client, ``obj`` is scattered to every worker and the tasks refer to it by key:
    the fitted topic model (its LSA projection is tens of MB) then does not travel in the
    task graph ("Sending large graph" warning) nor once per task. Without one (threads or
    the synchronous scheduler), it is one delayed value shared by the tasks.
    """
    dask, _ = _require_dask()
    if obj is None:
        return None
    if client is not None:
        return client.scatter(obj, broadcast=True, hash=False)
    return dask.delayed(obj, pure=True)


def _tree_merge(items: list, sample_size: int):
    dask, _ = _require_dask()
    merge = dask.delayed(_merge_stats, pure=True)
    while len(items) > 1:
        items = [merge(items[i], items[i + 1], sample_size) if i + 1 < len(items) else items[i]
                 for i in range(0, len(items), 2)]
    return items[0]


def _fit_stats_dask(model: StreamingTopicModel, ddf, client=None):
    dask, _ = _require_dask()
    stats = [dask.delayed(model.chunk_stats, pure=True)(p) for p in ddf.to_delayed()]
    return _compute([_tree_merge(stats, model.sample_size)], client)[0]


def _light(model: StreamingTopicModel) -> StreamingTopicModel:
    """The fitted model without its fitting statistics, to ship to the workers."""
    light = StreamingTopicModel(**model.get_params())
    for k, v in vars(model).items():
        if k.endswith("_") and k != "_stats_":
            setattr(light, k, v)
    return light


def _predict_part(part: pd.DataFrame, model: StreamingTopicModel) -> pd.Series:
    return pd.Series(model.predict(part), index=part.index, dtype="int64")


def _predict_dask(model: StreamingTopicModel, ddf):
    _require_dask()
    model._check_fitted()
    return ddf.map_partitions(_predict_part, _light(model), meta=pd.Series(dtype="int64"),
                              enforce_metadata=False)


def _assign_dask(model: StreamingTopicModel, ddf, *, column: str = "topic",
                 label_column: str = "topic_label"):
    _require_dask()
    light = _light(model)
    meta = ddf._meta.assign(**{column: pd.Series(dtype="int64"),
                               label_column: pd.Series(dtype="str")})
    return ddf.map_partitions(light.assign, topic_column=column, topic_label_column=label_column,
                              meta=meta, enforce_metadata=False)


def _pass1(part, model: StreamingTopicModel, lex, stance_kwargs, mentions, folder, i,
           cache_dir=None, load_kwargs=None):
    """Per partition: topic statistics, stance scores and the stance counts.

    ``part`` is a partition, or (with ``load_kwargs``) the files to load it from. With
    ``cache_dir``, the hashed term counts and the id, outlet and date columns are written
    there, so pass 2 need not load and tokenise the partition again.
    """
    import scipy.sparse as sp

    if load_kwargs is not None:
        part = _load_partition(part, load_kwargs)
    stats, tf = model._chunk_stats(part)
    if cache_dir is not None:
        os.makedirs(cache_dir, exist_ok=True)
        sp.save_npz(os.path.join(cache_dir, f"tf-{i:06d}.npz"), tf, compressed=False)
        keep = list(dict.fromkeys(["id", "outlet", "date", *filter(None, [model.adjust_for])]))
        part[keep].to_parquet(os.path.join(cache_dir, f"meta-{i:06d}.parquet"))
    del tf
    if lex is None:
        return stats, None, None, None
    arts, ments = _stance_part(part, lex, stance_kwargs, mentions, folder, i)
    return stats, arts, ments, timeline_counts(part, arts)["stance"]


def _pass2(part, model: StreamingTopicModel, i=None, cache_dir=None, load_kwargs=None):
    """Per partition: topics, the few columns kept, and the article counts.

    Reads what pass 1 cached when this worker can see it (same machine or shared disk);
    otherwise loads (``load_kwargs`` given: ``part`` is the files) and tokenises again.
    """
    import numpy as np
    import scipy.sparse as sp

    if cache_dir is not None:
        tf_path = os.path.join(cache_dir, f"tf-{i:06d}.npz")
        meta_path = os.path.join(cache_dir, f"meta-{i:06d}.parquet")
        if os.path.exists(tf_path) and os.path.exists(meta_path):
            meta = pd.read_parquet(meta_path)
            topic = model._predict_counts(sp.load_npz(tf_path), model._groups(meta, "predict"))
            labels = np.asarray(model.topic_labels_, dtype=object)
            slim = meta[["id", "outlet", "date"]].assign(
                topic=topic, topic_label=pd.array(labels[topic], dtype="str"))
            return slim, timeline_counts(slim)["articles"]
    if load_kwargs is not None:
        part = _load_partition(part, load_kwargs)
    title = [model.title_column] if model.title_column in part.columns else []
    cols = ["id", "outlet", "date", model.text_column, *title]
    cols = list(dict.fromkeys([*cols, *filter(None, [model.adjust_for])]))
    slim = model.assign(part[cols])[["id", "outlet", "date", "topic", "topic_label"]]
    return slim, timeline_counts(slim)["articles"]


def _remove_cache(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def analyze_dask(
    source,
    lexicon=None,
    *,
    n_topics: int = 10,
    freq: str = "W",
    chunk_size: int = 10_000,
    mentions="drop",
    topic_model: StreamingTopicModel | None = None,
    random_state: int | None = 0,
    load_kwargs: Mapping | None = None,
    stance_kwargs: Mapping | None = None,
    n_boot: int = 1000,
    tables: Iterable[str] = ("volume", "topic_share", "stance"),
    client=None,
) -> ScaleResult:
    """Load, score stance, find topics and build timeline tables on a Dask cluster.

    The same analysis as :func:`mediastudy.scale.chunked.analyze_chunked`, with partitions
    processed in parallel by the workers: pass 1 loads each partition, scores its stance
    and collects the topic model's statistics (merged in a tree on the workers); the model
    is fitted here from the merged sample; pass 2 places each partition's articles in
    topics, from the term counts pass 1 left in a temporary folder (when the worker can
    see it; otherwise it loads and tokenises the partition again). Only small results
    travel back: stance rows, counts, and one ``id, outlet, date, topic, topic_label`` row
    per article.

    Parameters
    ----------
    source : path, glob, list of these, or dask DataFrame
        Files readable by every worker under the same path, or a corpus already in a Dask
        DataFrame (e.g. :func:`read_articles_dask`).
    client : dask.distributed.Client, optional
        The cluster to run on; by default Dask's current scheduler (the last ``Client``
        created, else threads in this process).
    lexicon, n_topics, freq, chunk_size, mentions, topic_model, random_state
        As for :func:`mediastudy.scale.chunked.analyze_chunked`.
    load_kwargs, stance_kwargs, n_boot, tables
        As for :func:`mediastudy.scale.chunked.analyze_chunked`. With ``mentions`` a folder,
        the workers write the evidence there: it must be shared with them. With
        ``load_kwargs={"drop_duplicates": True}``, repeats of an article of an earlier
        partition are left out too (through :func:`read_articles_dask`); pass 2 then loads
        the files again.

    Returns
    -------
    ScaleResult
        Its ``estimate`` is :func:`estimate_memory` of the files: the memory of *one*
        process running the analysis out of core, not of the client and its workers. On a
        2-worker LocalCluster (``benchmarks/README.md``, Scale) the client and workers
        together used 1.4x (250k articles) to 1.6x (1M) that estimate; at 1M the client
        alone used 1.74 GiB of the 1.93 GiB estimated.

    Examples
    --------
    >>> import dask
    >>> from mediastudy import demo_path
    >>> with dask.config.set(scheduler="sync"):  # or a Client(...) for a cluster
    ...     res = analyze_dask(demo_path(), demo_path("lexicon"), n_topics=3, freq="M",
    ...                        chunk_size=40, n_boot=50)
    >>> len(res.topics), res.stance.articles["id"].nunique()
    (91, 91)
    """
    import tempfile
    import uuid

    dask, dd = _require_dask()
    load_kwargs = dict(load_kwargs or {})
    stance_kwargs = dict(stance_kwargs or {})
    estimate = None
    lex = None if lexicon is None else (lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon))
    model = topic_model if topic_model is not None else StreamingTopicModel(
        n_topics, random_state=random_state)
    model._check_params()
    folder = _mentions_folder(mentions)
    folder = None if folder is None else str(folder)
    if not is_dask_collection(source) and load_kwargs.get("drop_duplicates"):
        # Which articles to leave out depends on the earlier partitions: load through
        # read_articles_dask, which hands their keys on (pass 2 then loads again).
        estimate = estimate_memory(source, chunk_size=chunk_size)
        source = read_articles_dask(source, chunk_size=chunk_size, **load_kwargs)
    if is_dask_collection(source):
        # A ready Dask DataFrame: pass 2 computes its partitions again.
        parts, files_kwargs, cache_dir = source.to_delayed(), None, None
    else:
        # From files: each task loads its own files, and pass 1 leaves its term counts in a
        # temporary folder for pass 2 (read back when the worker sees it, else recomputed).
        estimate = estimate_memory(source, chunk_size=chunk_size)
        parts = list(_plan_chunks(_discover_files(source), chunk_size))
        files_kwargs = load_kwargs
        cache_dir = os.path.join(tempfile.gettempdir(), f"mediastudy-dask-{uuid.uuid4().hex}")
    try:
        p1 = dask.delayed(_pass1, nout=4, pure=True)
        model_d = _shared(model, client)
        lex_d = _shared(lex, client)
        firsts = [p1(p, model_d, lex_d, stance_kwargs, mentions, folder, i, cache_dir, files_kwargs)
                  for i, p in enumerate(parts)]
        merged = _tree_merge([f[0] for f in firsts], model.sample_size)
        got = _compute([merged, [f[1] for f in firsts], [f[2] for f in firsts],
                        [f[3] for f in firsts]], client)
        stats, arts, ments, stance_counts = got
        del got, firsts
        model._stats_ = stats
        model._finish_fit()

        p2 = dask.delayed(_pass2, nout=2, pure=True)
        light_d = _shared(_light(model), client)
        seconds = [p2(p, light_d, i, cache_dir, files_kwargs) for i, p in enumerate(parts)]
        slims, art_counts = _compute([[s[0] for s in seconds], [s[1] for s in seconds]], client)
    finally:
        if cache_dir is not None:
            if client is not None:
                client.run(_remove_cache, cache_dir)
            _remove_cache(cache_dir)
    counts = [{"articles": c} for c in art_counts]
    if lex is not None:
        counts += [{"stance": c} for c in stance_counts]
    stance = _combine_stance(arts, ments, lex, stance_kwargs) if lex is not None else None
    built = timeline_tables(counts, freq=freq, n_boot=n_boot, random_state=random_state, tables=tables)
    topics = pd.concat(slims, ignore_index=True)
    return ScaleResult(stance=stance, topics=topics, model=model, tables=built, estimate=estimate)


def _fingerprint_part(part: pd.DataFrame, columns: list, text_column: str):
    values, owners, n_shingles = text_fingerprints(part, text_column=text_column)
    return values, owners, n_shingles, part[columns].reset_index(drop=True)


def _texts_of_part(part: pd.DataFrame, rows, text_column: str) -> list:
    return [t if isinstance(t, str) else "" for t in part[text_column].iloc[rows].tolist()]


def find_duplicates_dask(corpus, *, threshold: float = 0.5, containment: float = 0.8,
                         window=30, random_state: int = 0, text_column: str = "text",
                         date_column: str = "date", outlet_column: str = "outlet",
                         id_column: str = "id", client=None) -> pd.DataFrame:
    """:func:`mediastudy.find_duplicates` on a Dask DataFrame, with the same result.

    Each partition's fingerprints (about 2 bytes per word of text) and its id, outlet and
    date columns are taken on the workers and gathered here; the candidates and clusters
    are formed as :func:`mediastudy.find_duplicates_chunked` forms them, and the texts of
    the candidates alone are fetched from the partitions (computed a second time) for the
    exact comparison. Memory grows with the number of articles, never of pairs.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        The articles (e.g. from :func:`read_articles_dask`).
    threshold, containment, window, random_state, text_column, date_column, outlet_column, id_column
        As in :func:`mediastudy.find_duplicates`.
    client : dask.distributed.Client, optional
        The cluster to run on; by default Dask's current scheduler.

    Returns
    -------
    DataFrame
        What :func:`mediastudy.find_duplicates` returns on the computed corpus.

    Examples
    --------
    >>> import dask
    >>> from mediastudy import demo_path, find_duplicates, load_articles
    >>> ddf = read_articles_dask(demo_path(), chunk_size=40)
    >>> with dask.config.set(scheduler="sync"):
    ...     found = find_duplicates_dask(ddf)
    >>> found.equals(find_duplicates(load_articles(demo_path())))
    True
    """
    import numpy as np

    dask, _ = _require_dask()
    func = "find_duplicates_dask"
    if not is_dask_collection(corpus):
        raise InvalidParameterError(
            f"The 'corpus' parameter of {func} must be a dask DataFrame. Got "
            f"{type(corpus).__name__} instead; use mediastudy.find_duplicates for a pandas "
            "DataFrame.", param="corpus", value=type(corpus).__name__)
    columns = [id_column, outlet_column, date_column]
    require_columns(corpus._meta, [*columns, text_column], func=func, param="corpus")
    window_days = check_duplicate_options(threshold, containment, window, func)
    parts = corpus.to_delayed()
    take = dask.delayed(_fingerprint_part, pure=True)
    got = _compute([take(p, columns, text_column) for p in parts], client)
    sizes = [len(meta) for *_, meta in got]
    bounds = np.cumsum([0, *sizes])
    owners = [(o + b).astype(np.int32) for (_, o, *_), b in zip(got, bounds[:-1], strict=True)]
    fingerprints = (np.concatenate([v for v, *_ in got]), np.concatenate(owners),
                    np.concatenate([n for _, _, n, _ in got]))
    meta = pd.concat([m for *_, m in got], ignore_index=True)
    del got

    def texts_of(docs):
        docs = np.asarray(docs, dtype=np.int64)
        fetch = dask.delayed(_texts_of_part, pure=True)
        wanted = [(k, docs[(docs >= lo) & (docs < hi)]) for k, (lo, hi)
                  in enumerate(zip(bounds[:-1], bounds[1:], strict=True))]
        wanted = [(k, inside) for k, inside in wanted if inside.size]
        texts = _compute([fetch(parts[k], inside - bounds[k], text_column)
                          for k, inside in wanted], client)
        found = {int(d): t for (_, inside), part in zip(wanted, texts, strict=True)
                 for d, t in zip(inside.tolist(), part, strict=True)}
        return [found.get(int(d), "") for d in docs]

    return duplicates_from_fingerprints(
        meta, fingerprints, texts_of, threshold=threshold, containment=containment,
        window_days=window_days, random_state=random_state, id_column=id_column,
        outlet_column=outlet_column, date_column=date_column)


# score_stance_chunked and StreamingTopicModel hand a Dask DataFrame to these steps (they
# cannot import this module, which builds on them).
register_dask_steps(
    score_stance=_score_stance_dask,
    fit_stats=_fit_stats_dask,
    predict=_predict_dask,
    assign=_assign_dask,
)
