"""How well stance scores agree with hand codes: the numbers a reviewer asks for.

:func:`validate_stance` turns scores into labels with a threshold (``score > hi``: pro,
``score < lo``: anti, otherwise none; an item without a score: none), compares them with the
hand codes and reports precision, recall and F1 per class, macro-F1 over pro and anti (as in
SemEval-2016 Task 6), accuracy, coverage and the confusion matrix, each with a bootstrap
confidence interval over the coded items. :func:`plot_validation` draws the measures.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_int, require_columns
from ..errors import DataError, InvalidParameterError
from .learn import code_sides
from .score import StanceResult

__all__ = ["validate_stance", "StanceValidation", "plot_validation", "validation_table"]

CLASSES = ("pro", "anti", "none")


@dataclass(frozen=True)
class StanceValidation:
    """What :func:`validate_stance` returns.

    Attributes
    ----------
    metrics : DataFrame
        One row per measure: ``metric`` (``precision``, ``recall``, ``f1``, ``macro_f1``,
        ``accuracy``, ``coverage``), ``label`` (the class for per-class measures, else
        ``""``), ``value``, ``ci_low``, ``ci_high`` (bootstrap percentile interval).
    confusion : DataFrame
        Counts of coded (rows) against predicted (columns) classes, ``pro, anti, none``.
    items : DataFrame
        One row per coded item: ``id``, ``target`` (when known), ``label`` (the code as a
        class), ``score`` (NaN when the item got none), ``predicted``.
    threshold : tuple of float
        ``(lo, hi)``: scores above ``hi`` are pro, below ``lo`` anti.
    threshold_chosen : bool
        True when the threshold was chosen on the coded data (``threshold="best"``): the
        measures are then cross-validated (each fold labelled with a threshold chosen on the
        other folds), and ``threshold`` is the one chosen on all of them, for later use.
    n_boot, ci : int, float
        The bootstrap resamples and the confidence level behind the intervals.
    """

    metrics: pd.DataFrame
    confusion: pd.DataFrame
    items: pd.DataFrame
    threshold: tuple[float, float]
    threshold_chosen: bool
    n_boot: int
    ci: float

    def __repr__(self) -> str:
        m = self.metrics.set_index(["metric", "label"])["value"]
        how = "chosen on the codes, cross-validated" if self.threshold_chosen else "given"
        return (
            f"StanceValidation(n={len(self.items):,}, macro_f1={m[('macro_f1', '')]:.3f}, "
            f"accuracy={m[('accuracy', '')]:.3f}, coverage={m[('coverage', '')]:.3f}, "
            f"threshold=({self.threshold[0]:.3g}, {self.threshold[1]:.3g}) {how})"
        )


def validate_stance(
    stance: StanceResult | pd.DataFrame,
    coded: pd.DataFrame,
    *,
    label_column: str = "code",
    id_column: str = "id",
    target: str | None = None,
    labels: Mapping[str, str | None] | None = None,
    threshold: float | tuple[float, float] | str = 0.0,
    n_splits: int = 5,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int = 0,
) -> StanceValidation:
    """Compare stance scores with hand codes: per-class and overall measures with CIs.

    Parameters
    ----------
    stance : StanceResult or DataFrame
        The output of :func:`mediastudy.score_stance`, or a frame with ``id``, ``score``
        (and ``target``) columns, one row per item.
    coded : DataFrame
        The hand codes: ``id`` (and ``target``, joined when both sides have it) and the
        code in ``label_column``, e.g. a sample from :func:`mediastudy.sample_evidence`
        after coding (several coded rows of one article each compare with its score).
        It is not modified.
    label_column, id_column : str
        Columns of ``coded`` holding the code and the item's id.
    target : str or None
        Compare only this target's scores (and codes, when ``coded`` has a target column).
    labels : dict or None
        The coding scheme: each code to ``"pro"``, ``"anti"`` or None (takes no side), as
        in :func:`mediastudy.learn_lexicon` (default: favor / against / none and common
        spellings).
    threshold : float, (float, float) or "best", default 0.0
        A number ``t >= 0``: scores above ``t`` are pro, below ``-t`` anti. A pair
        ``(lo, hi)``: below ``lo`` anti, above ``hi`` pro. ``"best"``: the pair with the
        best macro-F1 on the coded data; the measures are then cross-validated over
        ``n_splits`` folds, so they do not flatter the choice.
    n_splits : int, default 5
        Folds for ``threshold="best"``.
    n_boot : int, default 1000
        Bootstrap resamples of the coded items for the confidence intervals (0: none).
    ci : float, default 0.95
        Confidence level of the intervals.
    random_state : int, default 0
        Seed of the folds and the bootstrap.

    Returns
    -------
    StanceValidation
        ``.metrics``, ``.confusion``, ``.items``, ``.threshold``: see
        :class:`StanceValidation`.

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> scores = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6], "score": [0.5, 0.6, -0.5, 0.2, 0.0, None]})
    >>> coded = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6],
    ...                       "code": ["favor", "favor", "against", "against", "none", "none"]})
    >>> val = ms.validate_stance(scores, coded, threshold=0.3, n_boot=200)
    >>> val.metrics.round(2)[["metric", "label", "value"]]
          metric label  value
    0  precision   pro   1.00
    1     recall   pro   1.00
    2         f1   pro   1.00
    3  precision  anti   1.00
    4     recall  anti   0.50
    5         f1  anti   0.67
    6  precision  none   0.67
    7     recall  none   1.00
    8         f1  none   0.80
    9   macro_f1         0.83
    10  accuracy         0.83
    11  coverage         0.83
    >>> val.confusion
          pro  anti  none
    pro     2     0     0
    anti    0     1     1
    none    0     0     2
    """
    func = "validate_stance"
    articles = stance.articles if isinstance(stance, StanceResult) else stance
    require_columns(articles, ["id", "score"], func=func, param="stance")
    require_columns(coded, [id_column, label_column], func=func, param="coded")
    _check_params(threshold, n_splits, n_boot, ci, random_state, func)
    if len(coded) == 0:
        raise DataError(f"{func}: 'coded' has no rows; code some items first.", param="coded")
    scores = articles
    if target is not None:
        if "target" in scores.columns:
            if target not in set(scores["target"]):
                raise InvalidParameterError(
                    f"The 'target' parameter of {func}: no scores for {target!r}. Targets "
                    f"scored: {sorted(map(str, pd.unique(scores['target'])))}.",
                    param="target", value=target,
                    allowed=sorted(map(str, pd.unique(scores["target"]))),
                )  # fmt: skip
            scores = scores[scores["target"] == target]
        if "target" in coded.columns:
            coded = coded[coded["target"] == target]
            if len(coded) == 0:
                raise DataError(f"{func}: no coded item is about target {target!r}.",
                                param="coded", value=target)  # fmt: skip
    keys = ["id"]
    left = coded[[id_column, label_column] + (["target"] if "target" in coded.columns else [])]
    left = left.rename(columns={id_column: "id", label_column: "label"})
    if "target" in left.columns and "target" in scores.columns:
        keys.append("target")
    elif "target" in scores.columns and scores["target"].nunique() > 1:
        raise InvalidParameterError(
            f"{func}: the scores are for several targets "
            f"({sorted(map(str, pd.unique(scores['target'])))}) and 'coded' has no target "
            "column. Pass target= to say which one was coded.",
            param="target", value=None,
        )  # fmt: skip
    dup = scores.duplicated(keys)
    if dup.any():
        raise InvalidParameterError(
            f"{func}: the scores have {int(dup.sum())} repeated {'/'.join(keys)} row(s); "
            "give one score per item.",
            param="stance",
        )  # fmt: skip
    sides = code_sides(left["label"], labels, func, label_column, need_both=False)
    items = left.assign(label=sides.to_numpy()).merge(
        scores[keys + ["score"]], on=keys, how="left", validate="many_to_one"
    )
    y = _codes(items["label"].to_numpy())
    s = items["score"].to_numpy(dtype=float)
    chosen = isinstance(threshold, str)
    if chosen:
        lo_hi = best_threshold(s, y)
        pred = _cross_validated(s, y, n_splits, random_state, func)
    else:
        lo_hi = (-float(threshold), float(threshold)) if np.ndim(threshold) == 0 else (
            float(threshold[0]), float(threshold[1]))  # fmt: skip
        pred = _predict(s, *lo_hi)
    names = np.array(CLASSES, dtype=object)
    items = items.assign(predicted=names[pred])

    counts = np.bincount(y * 3 + pred, minlength=9).astype(float)
    values = _measures(counts[None, :], np.isfinite(s).mean())[0]
    if n_boot:
        rng = np.random.default_rng(random_state)
        n = len(y)
        draws = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
        pair = np.zeros((n, 9))
        pair[np.arange(n), y * 3 + pred] = 1.0
        boot = _measures(draws @ pair, (draws @ np.isfinite(s)) / n)
        half = (1 - ci) / 2 * 100
        with warnings.catch_warnings():  # a measure undefined in every resample stays NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            low, high = np.nanpercentile(boot, [half, 100 - half], axis=0)
    else:
        low = high = np.full(len(values), np.nan)
    metric_names, metric_labels = _metric_index()
    metrics = pd.DataFrame({"metric": metric_names, "label": metric_labels, "value": values,
                            "ci_low": low, "ci_high": high})  # fmt: skip
    confusion = pd.DataFrame(counts.reshape(3, 3).astype(np.int64), index=list(CLASSES),
                             columns=list(CLASSES))  # fmt: skip
    return StanceValidation(metrics, confusion, items.reset_index(drop=True),
                            (float(lo_hi[0]), float(lo_hi[1])), chosen, int(n_boot), float(ci))  # fmt: skip


def best_threshold(scores, codes) -> tuple[float, float]:
    """The ``(lo, hi)`` with the best macro-F1 (pro, anti) of ``scores`` against ``codes``
    (classes ``pro``, ``anti``, ``none`` or their indices 0, 1, 2); ties go to the pair
    closest to ``(0, 0)``.

    Examples
    --------
    >>> best_threshold([0.5, 0.1, -0.4, -0.05], ["pro", "none", "anti", "none"])
    (-0.225, 0.3)
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(codes)
    if y.dtype.kind not in "iu":
        y = _codes(y)
    s = np.where(np.isfinite(s), s, 0.0)
    values = np.unique(s)
    if len(values) > 200:  # candidates between quantiles keep the search small
        values = np.unique(np.quantile(s, np.linspace(0, 1, 201)))
    mids = (values[:-1] + values[1:]) / 2
    cands = np.concatenate([[0.0], mids, [values[0] - 1e-9, values[-1] + 1e-9]])
    his = np.unique(cands[cands >= 0])
    los = np.unique(cands[cands <= 0])
    best, best_key = (0.0, 0.0), None
    pro, anti = y == 0, y == 1
    n_pro, n_anti = pro.sum(), anti.sum()
    for hi in his:
        said_pro = s > hi
        tp = np.sum(said_pro & pro)
        f_pro = 2 * tp / (said_pro.sum() + n_pro) if tp else 0.0
        for lo in los:
            said_anti = s < lo
            ta = np.sum(said_anti & anti)
            f_anti = 2 * ta / (said_anti.sum() + n_anti) if ta else 0.0
            key = (round((f_pro + f_anti) / 2, 12), -(hi - lo))
            if best_key is None or key > best_key:
                best, best_key = (float(lo), float(hi)), key
    return best


def _codes(labels) -> np.ndarray:
    index = {c: i for i, c in enumerate(CLASSES)}
    return np.array([index[v] for v in labels], dtype=np.int64)


def _predict(s: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(s > hi, 0, np.where(s < lo, 1, 2)).astype(np.int64)


def _cross_validated(s, y, n_splits, random_state, func) -> np.ndarray:
    from sklearn.model_selection import KFold, StratifiedKFold

    smallest = np.bincount(y, minlength=3)
    smallest = smallest[smallest > 0].min()
    if len(y) < 2 * n_splits:
        raise DataError(
            f"{func}: threshold='best' needs at least {2 * n_splits} coded items for "
            f"{n_splits}-fold cross-validation. Got {len(y)}; code more or pass a threshold.",
            param="coded", value=len(y),
        )  # fmt: skip
    folds = (StratifiedKFold if smallest >= n_splits else KFold)(
        n_splits, shuffle=True, random_state=random_state
    )
    pred = np.empty(len(y), dtype=np.int64)
    for train, test in folds.split(s, y):
        pred[test] = _predict(s[test], *best_threshold(s[train], y[train]))
    return pred


def _metric_index():
    names, labels = [], []
    for c in CLASSES:
        for m in ("precision", "recall", "f1"):
            names.append(m)
            labels.append(c)
    names += ["macro_f1", "accuracy", "coverage"]
    labels += ["", "", ""]
    return names, labels


def _measures(counts: np.ndarray, coverage) -> np.ndarray:
    """Rows of confusion counts (coded * 3 + predicted) to the measures of _metric_index."""
    cm = counts.reshape(-1, 3, 3)
    tp = cm[:, [0, 1, 2], [0, 1, 2]]
    said = cm.sum(axis=1)
    truth = cm.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(said > 0, tp / said, 0.0)
        recall = np.where(truth > 0, tp / truth, np.nan)
        f1 = np.where(said + truth > 0, 2 * tp / (said + truth), np.nan)
    f1 = np.where((truth > 0) & (tp == 0), 0.0, f1)
    macro = np.nanmean(f1[:, :2], axis=1)
    accuracy = tp.sum(axis=1) / cm.sum(axis=(1, 2))
    cols = []
    for k in range(3):
        cols += [precision[:, k], recall[:, k], f1[:, k]]
    cols += [macro, accuracy, np.broadcast_to(coverage, macro.shape)]
    return np.stack(cols, axis=1)


def _check_params(threshold, n_splits, n_boot, ci, random_state, func):
    ok = False
    if isinstance(threshold, str):
        ok = threshold == "best"
    elif isinstance(threshold, numbers.Real) and not isinstance(threshold, bool):
        ok = np.isfinite(threshold) and threshold >= 0
    elif isinstance(threshold, (tuple, list)) and len(threshold) == 2:
        ok = all(isinstance(v, numbers.Real) and np.isfinite(v) for v in threshold) and (
            threshold[0] <= threshold[1]
        )
    if not ok:
        raise InvalidParameterError(
            f"The 'threshold' parameter of {func} must be a number >= 0, a pair (lo, hi) with "
            f"lo <= hi, or 'best'. Got {threshold!r} instead.",
            param="threshold", value=threshold,
        )  # fmt: skip
    check_int(n_splits, func=func, param="n_splits", low=2)
    check_int(n_boot, func=func, param="n_boot", low=0)
    if not isinstance(ci, numbers.Real) or isinstance(ci, bool) or not 0 < ci < 1:
        raise InvalidParameterError(
            f"The 'ci' parameter of {func} must be a number between 0 and 1 (e.g. 0.95). "
            f"Got {ci!r} instead.",
            param="ci", value=ci,
        )  # fmt: skip


def validation_table(validation: StanceValidation) -> pd.DataFrame:
    """The measures :func:`plot_validation` draws, one row each (``metric, label, value,
    ci_low, ci_high``, the per-class rows as ``"f1 (pro)"`` in ``name``).

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> val = ms.validate_stance(pd.DataFrame({"id": [1, 2], "score": [0.5, -0.5]}),
    ...                          pd.DataFrame({"id": [1, 2], "code": ["favor", "against"]}),
    ...                          n_boot=0)
    >>> ms.validation_table(val)["name"].tolist()[:3]
    ['precision (pro)', 'recall (pro)', 'f1 (pro)']
    """
    if not isinstance(validation, StanceValidation):
        raise InvalidParameterError(
            "The 'validation' parameter of validation_table must be what validate_stance "
            f"returns. Got {type(validation).__name__} instead.",
            param="validation", value=type(validation).__name__,
        )  # fmt: skip
    m = validation.metrics
    name = np.where(m["label"] == "", m["metric"], m["metric"] + " (" + m["label"] + ")")
    return m.assign(name=name)


def plot_validation(validation: StanceValidation | pd.DataFrame, *, ax=None, **kwargs):
    """Each measure of a validation as a point with its confidence interval.

    Parameters
    ----------
    validation : StanceValidation or DataFrame
        What :func:`validate_stance` returns, or :func:`validation_table` of it.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes by default.
    **kwargs
        Passed to ``Axes.errorbar``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> import mediastudy as ms
    >>> val = ms.validate_stance(pd.DataFrame({"id": [1, 2, 3], "score": [0.5, -0.5, 0.0]}),
    ...                          pd.DataFrame({"id": [1, 2, 3],
    ...                                        "code": ["favor", "against", "favor"]}),
    ...                          n_boot=100)
    >>> ax = ms.plot_validation(val)
    >>> len(ax.get_yticklabels())
    12
    """
    import matplotlib.pyplot as plt

    table = validation_table(validation) if isinstance(validation, StanceValidation) else validation
    require_columns(table, ["name", "value", "ci_low", "ci_high"], func="plot_validation",
                    param="validation")  # fmt: skip
    if ax is None:
        ax = plt.gca()
    table = table.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(table))
    value = table["value"].to_numpy(dtype=float)
    low = np.nan_to_num(value - table["ci_low"].to_numpy(dtype=float))
    high = np.nan_to_num(table["ci_high"].to_numpy(dtype=float) - value)
    options = {"fmt": "o", "capsize": 3, "color": "#333333"}
    options.update(kwargs)
    ax.errorbar(value, y, xerr=np.vstack([np.maximum(low, 0), np.maximum(high, 0)]), **options)
    ax.set_yticks(y)
    # names come from the data's classes: shown literally, never as math text
    ax.set_yticklabels([str(n).replace("$", r"\$") for n in table["name"]])
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("value (bars: bootstrap CI)")
    ax.grid(axis="x", alpha=0.3)
    return ax
