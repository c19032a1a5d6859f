"""Scale: the same analysis in bounded memory (chunks) and on a Dask cluster."""

from .chunked import (
    MemoryEstimate,
    ScaleResult,
    StreamingTopicModel,
    analyze_chunked,
    estimate_memory,
    iter_article_chunks,
    score_stance_chunked,
    timeline_counts,
    timeline_tables,
)
from .distributed import analyze_dask, find_duplicates_dask, read_articles_dask, score_stance_dask
from .quotes_chunked import extract_quotes_chunked

__all__ = ["iter_article_chunks", "estimate_memory", "MemoryEstimate", "score_stance_chunked",
           "StreamingTopicModel", "timeline_counts", "timeline_tables", "analyze_chunked",
           "ScaleResult", "read_articles_dask", "score_stance_dask", "analyze_dask",
           "find_duplicates_dask",
           "extract_quotes_chunked"]
