"""The corpus schema: the columns every mediastudy function accepts.

:func:`mediastudy.load_articles` returns one row per article with these columns
(in this order). Later functions (topics, stance, timelines) take a DataFrame
with at least the columns they name, so a frame built by hand works too.

========== ================ =====================================================
column     dtype            meaning
========== ================ =====================================================
id         str              stable unique id: a hash of the file (its path under
                            the loaded folder) and of the article's title and
                            text (and url, in a table), so it does not depend on
                            the order of rows or articles; identical articles of
                            one file are numbered in order of appearance
                            (``str`` columns are pandas' string dtype, Arrow-backed)
outlet     str              publisher, from a parameter, a column, the folder
                            name or the URL's domain
date       datetime64[ns]   publication date (naive, day precision for the
                            seed layout)
title      str              headline
text       str              body: paragraphs joined by one blank line; block
                            quotes and "Read more" lines are kept out of it
url        str or None      link to the article, where known
quotes     list[str]        block quotes (``*"..."*`` paragraphs) taken out of
                            the body, in order
related    list[dict]       "Read more" links: ``{"title": ..., "url": ...}``
source_path str             file the article was read from
source_line int             1-based line in that file where the article starts
                            (row number + 1 for tabular files)
n_words    int              words in ``text`` (``len(text.split())``)
is_duplicate bool           True for the 2nd and later copies of the same
                            (outlet, title, text)
========== ================ =====================================================

Any other columns of a tabular source (e.g. ``topic``, ``bias``) are kept after
these.
"""

from __future__ import annotations

CORPUS_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "date",
    "title",
    "text",
    "url",
    "quotes",
    "related",
    "source_path",
    "source_line",
    "n_words",
    "is_duplicate",
)

__all__ = ["CORPUS_COLUMNS"]
