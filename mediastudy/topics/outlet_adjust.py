"""Topics by subject, not by house style: remove each outlet's own centre.

Each outlet writes in its own way: its spelling ("Kiev" or "Kyiv"), its bylines,
its boilerplate, its favourite words. In the LSA space where the topic model
clusters, these habits move every article of an outlet the same way, so k-means
can find "RT's articles" or "the Guardian's articles" instead of a subject.

``TopicModel(adjust_for="outlet")`` subtracts from each article's unit-length
LSA vector the centre of its outlet (the mean vector of the outlet's training
articles) before clustering. What is left is how an article differs from what
its outlet usually writes, so topics are defined by variation within and across
outlets rather than by each outlet's vocabulary. It is the reduced-space
analogue of fitting outlet fixed effects: a per-outlet offset in the space the
clusters live in. It costs one pass over the vectors (a fraction of a second
for 37,000 articles).

The residuals are not made unit length again. An article is assigned to a topic
by cosine, which ignores its length, so the length only sets how much the
article counts: in the topic centroids (a sum of the topic's vectors) and in
the Euclidean k-means runs of the ensemble. An article its outlet's centre
explains well (a short residual: the outlet's usual fare) counts little; one far
from its outlet's centre counts fully. Stretching every residual to unit length,
as the first version did, gave a near-zero residual (mostly noise) the weight of
a whole article. On AllSides (k=20, seeds 0-4) keeping the lengths moved both of
issue 16's figures the right way: NMI between topics and outlets 0.704x -> 0.696x
of the unadjusted model's, NMI against AllSides' topic labels -0.003 -> +0.003
(benchmarks/README.md, issue 16; on seeds 5-9 a prototype found -0.004 ->
-0.003: the gain on the labels is within the seeds' spread). A residual of zero
length (an article with no known word, or one exactly at its outlet's centre)
counts for nothing in the centroids and scores 0 against every topic; nothing
divides by its length. :class:`mediastudy.StreamingTopicModel` makes its
residuals unit length again: its k-means is Euclidean with no cosine stage, so
there the length would decide an article's cluster, not only its weight.

Shrinkage. An outlet's centre is shrunk towards the centre of the whole corpus
as if it had ``SHRINK_ARTICLES`` (5) more articles lying at the global centre:
``(sum of its vectors + 5 * global centre) / (n + 5)``. An outlet with one
article is therefore not reduced to a zero vector (its article minus itself):
its centre sits 1/6 of the way from the global centre to the article, and the
article keeps 5/6 of its own difference from the global centre. Outlets with
many articles get almost exactly their own mean. On AllSides (491 outlets, 203
with one article) the shrunk centring kept the NMI against AllSides' topic
labels at least as high as unshrunk centring (see benchmarks/README.md, issue
16). The 5 was chosen a priori (a handful of articles), not tuned.

New articles (``transform``/``predict``) are centred on their outlet's stored
centre; an outlet not seen in training, a missing outlet value, or texts given
without the column get the global centre (the mean of all training vectors),
which is what an outlet with no articles would get under the shrinkage. Their
topic is the nearest topic centre by cosine, as in training, so the residual's
length does not change it: a model saved before the residuals kept their
length (mediastudy 0.x models fitted with renormalised residuals) predicts
exactly as it did.

A corpus of one outlet: every article has the same centre, and subtracting one
vector from all articles before k-means changes the geometry; ``TopicModel``
skips the step entirely when the training corpus has a single outlet value, so
the adjustment is an exact no-op there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "SHRINK_ARTICLES", "OutletCentres", "fit_outlet_centres", "outlet_values", "require_groups", "unit_rows",
]

SHRINK_ARTICLES = 5


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` with each row divided by its length; a zero row stays zero (never NaN).

    What turns adjusted vectors (:meth:`OutletCentres.apply`) back into directions
    where a cosine is wanted: topic scores, the topic map.
    """
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1)).astype(np.float32, copy=False)


def outlet_values(data: object, column: str | None, *, func: str, param: str = "X") -> np.ndarray | None:
    """The adjustment column of ``data`` as strings (missing values as None).

    ``None`` when there is no column to read: ``column`` is None, or ``data`` is
    not a DataFrame (texts given as a list; they get the global centre).
    """
    if column is None or not isinstance(data, pd.DataFrame):
        return None
    from ..checks import require_columns

    require_columns(data, [column], func=func, param=param)
    values = data[column].to_numpy(dtype=object)
    missing = pd.isna(data[column]).to_numpy()
    out = np.empty(len(values), dtype=object)
    for i, (value, gone) in enumerate(zip(values, missing, strict=True)):
        out[i] = None if gone else str(value)
    return out


def require_groups(groups: np.ndarray | None, column: str | None, data: object, model: str) -> None:
    """Fitting with ``adjust_for`` needs a DataFrame: a list of texts has no outlets."""
    from ..errors import InvalidParameterError

    if column is not None and groups is None:
        raise InvalidParameterError(
            f"{model}(adjust_for={column!r}) needs a corpus DataFrame with the column "
            f"{column!r}; fit got {type(data).__name__}. Pass the corpus DataFrame, or "
            "adjust_for=None.",
            param="adjust_for", value=column,
        )


@dataclass
class OutletCentres:
    """Per-outlet centres in the LSA space (what the adjustment subtracts).

    Attributes
    ----------
    outlets : list of str
        Outlet values seen in training, in row order of ``centres``.
    centres : ndarray of shape (n_outlets, n_components)
        Shrunk mean LSA vector of each outlet.
    global_centre : ndarray of shape (n_components,)
        Mean LSA vector of all training articles; used for unknown outlets.
    counts : ndarray of int
        Training articles per outlet.
    """

    outlets: list[str]
    centres: np.ndarray
    global_centre: np.ndarray
    counts: np.ndarray

    def centre_of(self, outlets: np.ndarray | None, n: int) -> np.ndarray:
        """The centre to subtract for each of ``n`` articles."""
        if outlets is None:
            return np.broadcast_to(self.global_centre, (n, len(self.global_centre)))
        row = {name: i for i, name in enumerate(self.outlets)}
        index = np.fromiter((row.get(o, -1) for o in outlets), dtype=np.int64, count=n)
        table = np.vstack([self.centres, self.global_centre[None, :]])
        return table[index]  # -1: the last row, the global centre

    def apply(self, lsa: np.ndarray, outlets: np.ndarray | None) -> np.ndarray:
        """Each article's vector minus its outlet's centre, kept at its own length.

        Not made unit length again (see the module docstring): an article near its
        outlet's centre gets a short vector and counts little in the clustering.
        Topic scores divide by the length where they need a cosine
        (:func:`unit_rows`). An article with no known word stays a zero vector.
        """
        if len(self.outlets) < 2:  # one outlet: nothing to adjust for
            return lsa
        adjusted = np.asarray(lsa - self.centre_of(outlets, lsa.shape[0]), dtype=np.float32)
        adjusted[~lsa.any(axis=1)] = 0.0  # an article with no known word stays empty
        return adjusted


def fit_outlet_centres(lsa: np.ndarray, outlets: np.ndarray) -> OutletCentres:
    """Shrunk outlet centres of training vectors ``lsa`` (see the module docstring).

    Articles with a missing outlet count towards the global centre only.
    """
    import scipy.sparse as sp

    known = np.asarray([o is not None for o in outlets], dtype=bool)
    codes, names = pd.factorize(pd.Series(outlets[known], dtype=object), sort=True)
    n_groups = len(names)
    global_centre = lsa.mean(axis=0).astype(np.float64)
    rows = np.flatnonzero(known)
    onehot = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (codes, rows)), shape=(n_groups, lsa.shape[0])
    )
    sums = np.asarray(onehot @ lsa, dtype=np.float64)
    counts = np.bincount(codes, minlength=n_groups)
    centres = (sums + SHRINK_ARTICLES * global_centre) / (counts + SHRINK_ARTICLES)[:, None]
    return OutletCentres(
        outlets=[str(name) for name in names],
        centres=centres.astype(np.float32),
        global_centre=global_centre.astype(np.float32),
        counts=counts.astype(np.int64),
    )
