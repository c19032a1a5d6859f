"""The words section: the words that set each outlet apart (keyness against the rest)."""

from __future__ import annotations

import pandas as pd

from ..html import esc, n_of, table
from .base import Section

#: Words shown per outlet and side, and the fewest articles an outlet needs to be compared.
N_WORDS = 10
MIN_ARTICLES = 5


def build(job) -> None:
    from ...text.keyness import keyness

    corpus = job.corpus
    sizes = corpus["outlet"].value_counts()
    big = sizes[sizes >= MIN_ARTICLES].index
    job.words_outlets = len(big)
    if len(big) < 2:
        return
    chosen = corpus[corpus["outlet"].isin(big)]
    found = keyness(chosen, by="outlet", measure="logodds", n_terms=N_WORDS)
    job.add_table("keyness", found)


def _summary(found: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for outlet, part in found.groupby("outlet", sort=True, observed=True):
        more = part[part["keyness"] > 0].head(N_WORDS)
        less = part[part["keyness"] < 0].sort_values("keyness").head(N_WORDS)
        rows.append({"outlet": outlet, "uses more than the others": ", ".join(more["term"]),
                     "uses less": ", ".join(less["term"])})
    return pd.DataFrame(rows)


def render(job) -> str:
    n = getattr(job, "words_outlets", 0)
    if "keyness" not in job.tables:
        return (f"<p>Not computed: keyness compares outlets, and {esc(n_of(n, 'outlet'))} "
                f"{'has' if n == 1 else 'have'} {MIN_ARTICLES} articles or more.</p>")
    return "\n".join([
        f"<p>For each outlet with at least {MIN_ARTICLES} articles, the words it uses more (and "
        "less) than all the other outlets together, ranked by the z-score of the log-odds ratio "
        "with an informative prior (Monroe, Colaresi &amp; Quinn 2008; "
        "<code>keyness(corpus, by=\"outlet\")</code>; common words such as \u201cthe\u201d and "
        "\u201csaid\u201d left out, as in the topics). Distinctive words often name the "
        "outlet's own beat, places and bylines before any framing: read them with the "
        "articles. Counts and p-values in <code>tables/keyness.csv</code>.</p>",
        table(_summary(job.tables["keyness"]), "keyness_summary", 60),
    ])


# It needs only the corpus: with two processes it runs while the topics are fitted.
SECTION = Section("words", "Words that set outlets apart", render, early=build)
