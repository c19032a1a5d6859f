"""Out-of-core analysis on one machine: corpora larger than memory, read chunk by chunk.

Every step reads a bounded number of articles at a time, so peak memory depends on
``chunk_size`` and not on the size of the corpus:

- :func:`iter_article_chunks` streams a folder, a file or a list of them (seed-layout
  ``.txt``, Parquet, CSV, JSON) as DataFrames in the corpus schema, with the same ids, rows
  and duplicate flags as :func:`mediastudy.load_articles` gives for the whole corpus.
- :func:`score_stance_chunked` scores stance chunk by chunk (the article table is kept,
  the evidence table can be written to disk or dropped).
- :class:`StreamingTopicModel` is a topic model fitted in one pass over chunks: hashed term
  counts (no vocabulary to hold), document frequencies summed over chunks for the IDF, and
  an LSA projection plus k-means fitted on a fixed, seeded sample of articles. Its fit does
  not depend on how the corpus is cut into chunks or partitions.
- :func:`timeline_counts` and :func:`timeline_tables` build the timeline tables of
  :mod:`mediastudy.volume`, :mod:`mediastudy.topic_share` and
  :mod:`mediastudy.stance_timeline` from counts per outlet, day, topic and score summed
  across chunks.
- :func:`analyze_chunked` runs all of it; :func:`estimate_memory` says beforehand how much
  memory a run will need.

The same functions run on a Dask cluster: see :mod:`mediastudy.scale.distributed`.

The loading, the memory estimate, the topic model and the timeline counts live in
``_chunk_loading``, ``_memory_estimate``, ``streaming_topics`` and ``_timeline_counts``;
import them from here or from :mod:`mediastudy`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import DataError, InvalidParameterError
from ..stance.lexicon import Lexicon, load_lexicon
from ..stance.score import StanceResult, score_stance
from ._chunk_loading import iter_article_chunks
from ._dispatch import dask_step, is_dask_collection
from ._memory_estimate import MemoryEstimate, estimate_memory
from ._stance_chunks import _combine_stance, _keep_mentions, _mentions_folder
from ._timeline_counts import timeline_counts, timeline_tables
from .streaming_topics import StreamingTopicModel, _merge_stats

logger = logging.getLogger(__name__)

__all__ = [
    "iter_article_chunks",
    "estimate_memory",
    "MemoryEstimate",
    "score_stance_chunked",
    "StreamingTopicModel",
    "timeline_counts",
    "timeline_tables",
    "analyze_chunked",
    "ScaleResult",
]


# --------------------------------------------------------------------------------------
# Stance, chunk by chunk
# --------------------------------------------------------------------------------------
def _as_chunks(data) -> Iterator[pd.DataFrame]:
    if isinstance(data, pd.DataFrame):
        yield data
        return
    if isinstance(data, (str, os.PathLike)):
        raise InvalidParameterError(
            "Expected a DataFrame or an iterable of DataFrames (chunks), got a path. "
            "Pass iter_article_chunks(path) to stream a folder or file."
        )
    for i, chunk in enumerate(data):
        if not isinstance(chunk, pd.DataFrame):
            raise InvalidParameterError(f"Chunk {i} is a {type(chunk).__name__}, expected a DataFrame.")
        yield chunk


def _bare(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` without ``attrs`` (a load report there cannot be written to Parquet)."""
    if df.attrs:
        df = df.copy(deep=False)
        df.attrs = {}
    return df


def score_stance_chunked(
    chunks,
    lexicon,
    *,
    mentions: str | os.PathLike | None = "keep",
    **stance_kwargs,
) -> StanceResult:
    """Score stance chunk by chunk: :func:`mediastudy.score_stance` on each chunk.

    Articles are scored independently, so the result equals ``score_stance`` on the
    whole corpus (rows in the same order).

    Parameters
    ----------
    chunks : DataFrame, iterable of DataFrames or dask DataFrame
        The corpus, e.g. ``iter_article_chunks(folder)``; a ``dask.dataframe.DataFrame``
        is scored partition by partition on its cluster.
    lexicon : Lexicon, dict or path
        As for :func:`mediastudy.score_stance`.
    mentions : "keep", "drop" or path, default "keep"
        The evidence table (one row per mention, with its sentence) can outgrow memory:
        ``"keep"`` returns it, ``"drop"`` returns it empty, and a folder path writes one
        Parquet file per chunk there (read it back with ``pandas.read_parquet(folder)``)
        and returns it empty.
    **stance_kwargs
        Options of :func:`mediastudy.score_stance` (``text``, ``window``...).

    Returns
    -------
    StanceResult

    Examples
    --------
    >>> from mediastudy import demo_path, score_stance, load_articles
    >>> chunks = iter_article_chunks(demo_path(), chunk_size=30)
    >>> res = score_stance_chunked(chunks, demo_path("lexicon"))
    >>> whole = score_stance(load_articles(demo_path()), demo_path("lexicon"))
    >>> res.articles.equals(whole.articles), res.mentions.equals(whole.mentions)
    (True, True)
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    folder = _mentions_folder(mentions)
    if is_dask_collection(chunks):
        score_stance_dask = dask_step("score_stance")  # mediastudy.scale.distributed
        return score_stance_dask(chunks, lex, mentions=mentions, folder=folder, **stance_kwargs)
    arts, ments = [], []
    for i, chunk in enumerate(_as_chunks(chunks)):
        res = score_stance(chunk, lex, **stance_kwargs)
        arts.append(res.articles)
        _keep_mentions(res.mentions, i, mentions, folder, ments)
    return _combine_stance(arts, ments, lex, stance_kwargs)


# --------------------------------------------------------------------------------------
# The whole run
# --------------------------------------------------------------------------------------
@dataclass
class ScaleResult:
    """What :func:`analyze_chunked` (and :func:`mediastudy.scale.distributed.analyze_dask`) return.

    Attributes
    ----------
    stance : StanceResult or None
        Article-level scores (and the evidence, unless dropped or written to disk).
    topics : DataFrame
        ``id, outlet, date, topic, topic_label``: one row per article.
    model : StreamingTopicModel
        The fitted topic model.
    tables : dict of DataFrame
        ``"volume"``, ``"topic_share"`` and ``"stance"`` timeline tables.
    estimate : MemoryEstimate or None
        The memory estimate made before the run.
    """

    stance: StanceResult | None
    topics: pd.DataFrame
    model: StreamingTopicModel
    tables: dict
    estimate: MemoryEstimate | None = None


def analyze_chunked(
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
    progress: bool = False,
) -> ScaleResult:
    """Load, score stance, find topics and build timeline tables, out of core.

    Two passes over the source: the first loads each chunk, scores its stance, counts it
    for the timelines and feeds the topic model; the model is then fitted from what the
    chunks gave; the second pass places each chunk's articles in topics. Memory stays
    bounded by the chunk size (plus small per-article results: ids, outlet, date, topic and
    stance scores). The memory estimate is logged (``logging``, at INFO) before the run.

    Parameters
    ----------
    source : path, glob or list of these
        As for :func:`iter_article_chunks`.
    lexicon : Lexicon, dict, path or None
        Stance lexicon; ``None`` skips stance.
    n_topics : int, default=10
        Topics of the default :class:`StreamingTopicModel`.
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Period of the timeline tables.
    chunk_size : int, default=10_000
        Articles per chunk.
    mentions : "keep", "drop" or path, default "drop"
        What to do with the stance evidence (see :func:`score_stance_chunked`).
    topic_model : StreamingTopicModel, optional
        A configured (unfitted) model; by default ``StreamingTopicModel(n_topics,
        random_state=random_state)``.
    random_state : int or None, default=0
        Seed of the topic model and of the bootstrap of the topic shares.
    load_kwargs, stance_kwargs : dict, optional
        Options for :func:`mediastudy.load_articles` and :func:`mediastudy.score_stance`.
    n_boot : int, default=1000
        Bootstrap replicates of :func:`mediastudy.topic_share_table`.
    tables : iterable of str, default ("volume", "topic_share", "stance")
        Timeline tables to build (see :func:`timeline_tables`).
    progress : bool, default=False
        Show a progress bar per chunk.

    Returns
    -------
    ScaleResult

    Examples
    --------
    >>> from mediastudy import demo_path
    >>> res = analyze_chunked(demo_path(), demo_path("lexicon"), n_topics=3, freq="M",
    ...                       chunk_size=40, n_boot=50)
    >>> len(res.topics), sorted(res.tables)
    (91, ['stance', 'topic_share', 'volume'])
    """
    import tempfile

    from ..progress import progress_bar as tqdm

    load_kwargs = dict(load_kwargs or {})
    stance_kwargs = dict(stance_kwargs or {})
    estimate = estimate_memory(source, chunk_size=chunk_size)
    logger.info("analyze_chunked: %s", estimate)
    lex = None if lexicon is None else (lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon))
    model = topic_model if topic_model is not None else StreamingTopicModel(
        n_topics, random_state=random_state)
    folder = _mentions_folder(mentions)
    stats = None
    arts, ments, counts = [], [], []
    with tempfile.TemporaryDirectory(prefix="mediastudy-chunks-") as tmp:
        # Pass 1 reads the text once: stance, timeline counts and the topic model's
        # statistics; the hashed term counts and the few columns kept are cached on disk,
        # so pass 2 (placing articles in topics once the model is fitted) reads no text.
        n_chunks = 0
        chunks = iter_article_chunks(source, chunk_size=chunk_size, **load_kwargs)
        # The bar is updated by hand: tqdm wrapping the iterator would hold the previous
        # chunk while the next one loads.
        bar = tqdm(desc="load, stance, topic statistics", unit="chunk", disable=not progress)
        for i, chunk in enumerate(chunks):
            n_chunks += 1
            st, tf = model._chunk_stats(chunk)
            stats = _merge_stats(stats, st, model.sample_size)
            sp.save_npz(os.path.join(tmp, f"tf-{i:06d}.npz"), tf, compressed=False)
            keep = list(dict.fromkeys(["id", "outlet", "date", *filter(None, [model.adjust_for])]))
            _bare(chunk[keep]).to_parquet(os.path.join(tmp, f"meta-{i:06d}.parquet"))
            del tf, st
            if lex is not None:
                res = score_stance(chunk, lex, **stance_kwargs)
                arts.append(res.articles)
                _keep_mentions(res.mentions, i, mentions, folder, ments)
                counts.append({"stance": timeline_counts(chunk, res.articles)["stance"]})
                del res
            del chunk
            bar.update()
        bar.close()
        if stats is None:
            raise DataError(f"analyze_chunked: no articles found in {source!r}.")
        model._stats_ = stats
        model._finish_fit()
        topics = []
        labels = np.asarray(model.topic_labels_, dtype=object)
        for i in tqdm(range(n_chunks), desc="topics", unit="chunk", disable=not progress):
            tf = sp.load_npz(os.path.join(tmp, f"tf-{i:06d}.npz"))
            meta = pd.read_parquet(os.path.join(tmp, f"meta-{i:06d}.parquet"))
            topic = model._predict_counts(tf, model._groups(meta, "predict"))
            slim = meta[["id", "outlet", "date"]].assign(
                topic=topic, topic_label=pd.array(labels[topic], dtype="str"))
            counts.append({"articles": timeline_counts(slim)["articles"]})
            topics.append(slim)
    # The tables first, while the per-article results are still in their chunks.
    built = timeline_tables(counts, freq=freq, n_boot=n_boot, random_state=random_state,
                            tables=tables)
    del counts
    stance = _combine_stance(arts, ments, lex, stance_kwargs) if lex is not None else None
    del arts, ments
    topics_df = pd.concat(topics, ignore_index=True)
    del topics
    return ScaleResult(stance=stance, topics=topics_df, model=model, tables=built, estimate=estimate)
