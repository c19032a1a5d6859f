"""Save and load a fitted TopicModel without pickle (private).

A saved model is a folder with two files:

- ``topic_model.json``: format name and version, the mediastudy version that
  wrote it, the parameters, the vocabulary, topic labels, the shapes of the
  arrays and the SHA-256 of the arrays file;
- ``topic_model.npz``: the numeric arrays (idf, LSA axes, centroids, term
  weights, ...), read with ``allow_pickle=False`` so loading never runs code.

Loading checks the format name and version, the checksum, and every array's
presence, shape and values, and raises :class:`~mediastudy.errors.ModelFileError`
saying what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..errors import ModelFileError

# The model class comes in as an argument (TopicModel.load passes its own class): this
# module does not import topics.model, which saves and loads through it.
Model = TypeVar("Model")

FORMAT_NAME = "mediastudy.TopicModel"
FORMAT_VERSION = 1
JSON_NAME = "topic_model.json"
NPZ_NAME = "topic_model.npz"

# array name -> shape in terms of n_topics (k), n_terms (v), n_components (c), n_train (n)
_ARRAYS = {
    "idf_": ("v",),
    "svd_components_": ("c", "v"),
    "cluster_centers_": ("k", "c"),
    "labels_": ("n",),
    "term_weights_": ("k", "v"),
    "topic_sizes_": ("k",),
    "topic_stability_": ("k",),
    "map_components_": (2, "c"),
    "map_mean_": ("c",),
}
_MAY_BE_NAN = {"topic_stability_"}
# written only for a model fitted with adjust_for; o = number of outlets (JSON "outlets")
_OUTLET_ARRAYS = {
    "outlet_centres_": ("o", "c"),
    "outlet_global_centre_": ("c",),
    "outlet_counts_": ("o",),
}
_OLD_PARAMS = {"text": "text_column", "title": "title_column", "n_runs": "n_init",
               "svd_sample": "sample_size"}


def _package_version() -> str:
    from .. import __version__

    return __version__


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _json_params(model: Any) -> dict:
    params = model.get_params()
    rs = params["random_state"]
    params["random_state"] = int(rs) if isinstance(rs, int | np.integer) else None
    params["ngram_range"] = list(params["ngram_range"])
    if params.get("variants") is not None:
        params["variants"] = {str(k): str(v) for k, v in dict(params["variants"]).items()}
    sw = params["stop_words"]
    if sw is not None and not isinstance(sw, str):
        params["stop_words"] = sorted(sw)
    return params


def save_topic_model(model: Any, path: str | Path) -> Path:
    """Write ``model`` to the folder ``path`` (created if needed)."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ModelFileError(
            f"Cannot save the topic model to {folder}: it is a file, and a saved model is a "
            "folder. Pass a new folder name, e.g. 'topics_model'."
        )
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {name: np.asarray(getattr(model, name)) for name in _ARRAYS}
    arrays["labels_"] = arrays["labels_"].astype(np.int32)
    arrays["topic_sizes_"] = arrays["topic_sizes_"].astype(np.int64)
    centres = getattr(model, "outlet_centres_", None)
    if centres is not None:
        arrays["outlet_centres_"] = np.asarray(centres.centres, dtype=np.float32)
        arrays["outlet_global_centre_"] = np.asarray(centres.global_centre, dtype=np.float32)
        arrays["outlet_counts_"] = np.asarray(centres.counts, dtype=np.int64)
    npz_path = folder / NPZ_NAME
    with open(npz_path, "wb") as fh:
        # uncompressed: the arrays are float32 that zlib shrinks by 7% only, at 0.35 s for an
        # 11,000-article model (np.load reads either)
        np.savez(fh, **arrays)
    meta = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "mediastudy_version": _package_version(),
        "params": _json_params(model),
        "terms": [str(t) for t in model.terms_],
        "topic_labels": list(model.topic_labels_),
        "outlets": None if centres is None else list(centres.outlets),
        "consensus_nmi": None if np.isnan(model.consensus_nmi_) else float(model.consensus_nmi_),
        "shapes": {name: list(a.shape) for name, a in arrays.items()},
        "arrays_sha256": _sha256(npz_path),
    }
    with open(folder / JSON_NAME, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
    return folder


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("+")[0].split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _read_meta(folder: Path) -> dict:
    json_path = folder / JSON_NAME
    if not folder.is_dir() or not json_path.is_file():
        raise ModelFileError(
            f"No saved topic model at {folder}: expected a folder holding {JSON_NAME} and "
            f"{NPZ_NAME}, as written by TopicModel.save(path). Check the path."
        )
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(
            f"{json_path} is not valid JSON ({exc}); the file is corrupt or truncated. "
            "Copy the model folder again or re-save the model with TopicModel.save."
        ) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ModelFileError(
            f"{json_path} is not a mediastudy topic model (its 'format' is "
            f"{meta.get('format') if isinstance(meta, dict) else None!r}, expected "
            f"{FORMAT_NAME!r}). Pass the folder written by TopicModel.save."
        )
    version = meta.get("format_version")
    saved_by = meta.get("mediastudy_version", "an unknown version")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            advice = "upgrade mediastudy (pip install -U mediastudy) to read it"
        else:
            advice = "fit the model again with this version and save it"
        raise ModelFileError(
            f"{json_path} uses topic-model format version {version!r} (written by mediastudy "
            f"{saved_by}); this mediastudy ({_package_version()}) reads format version "
            f"{FORMAT_VERSION}: {advice}."
        )
    if _version_tuple(str(saved_by)) > _version_tuple(_package_version()):
        warnings.warn(
            f"{json_path} was written by mediastudy {saved_by}, newer than the installed "
            f"{_package_version()}; the format is the same, but consider upgrading.",
            UserWarning,
            stacklevel=3,
        )
    for key in ("params", "terms", "topic_labels", "shapes", "arrays_sha256"):
        if key not in meta:
            raise ModelFileError(
                f"{json_path} lacks the entry {key!r}; the file is incomplete. "
                "Re-save the model with TopicModel.save."
            )
    _check_terms(meta["terms"], json_path)
    return meta


def _check_terms(terms: object, json_path: Path) -> None:
    """The vocabulary must be distinct strings: a term listed twice would give two columns
    of one word, and new articles would be counted in one of them only."""
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        bad = next((t for t in terms if not isinstance(t, str)), terms) if isinstance(terms, list) else terms
        raise ModelFileError(
            f"{json_path}: the vocabulary ('terms') must be a list of words; it holds {bad!r}, "
            "which is not text. The file was edited or damaged: re-save the model.", path=json_path)
    first: dict[str, int] = {}
    for i, term in enumerate(terms):
        if term in first:
            raise ModelFileError(
                f"{json_path}: the term {term!r} is listed twice in the vocabulary (positions "
                f"{first[term]} and {i}). The file was edited or damaged: re-save the model.",
                path=json_path)
        first[term] = i


def _read_arrays(folder: Path, meta: dict) -> dict[str, np.ndarray]:
    npz_path = folder / NPZ_NAME
    if not npz_path.is_file():
        raise ModelFileError(
            f"{npz_path} is missing; a saved topic model needs both {JSON_NAME} and "
            f"{NPZ_NAME}. Copy the whole folder."
        )
    if _sha256(npz_path) != meta["arrays_sha256"]:
        raise ModelFileError(
            f"{npz_path} does not match the checksum recorded in {JSON_NAME}: it is corrupt, "
            "truncated, or from a different save. Copy the whole model folder again."
        )
    try:
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise ModelFileError(
            f"{npz_path} cannot be read as a NumPy .npz file ({exc}). Re-save the model."
        ) from exc
    sizes = {
        "k": len(meta["topic_labels"]),
        "v": len(meta["terms"]),
        "c": None,
        "n": None,
        "o": len(meta.get("outlets") or []),
    }
    expected = dict(_ARRAYS)
    if meta.get("outlets") is not None:
        expected.update(_OUTLET_ARRAYS)
    for name, dims in expected.items():
        if name not in arrays:
            raise ModelFileError(
                f"{npz_path} lacks the array {name!r}; the file is incomplete. Re-save the model."
            )
        arr = arrays[name]
        if arr.ndim != len(dims):
            raise ModelFileError(
                f"{npz_path}: array {name!r} has {arr.ndim} dimensions, expected {len(dims)}."
            )
        for dim, got in zip(dims, arr.shape, strict=True):
            want = dim if isinstance(dim, int) else sizes[dim]
            if want is None:
                sizes[dim] = got
            elif got != want:
                raise ModelFileError(
                    f"{npz_path}: array {name!r} has shape {arr.shape}, which does not fit the "
                    f"model described in {JSON_NAME} ({sizes['k']} topics, {sizes['v']} terms). "
                    "The two files come from different saves; copy the whole folder again."
                )
        if arr.dtype.kind == "f" and name not in _MAY_BE_NAN and not np.isfinite(arr).all():
            raise ModelFileError(
                f"{npz_path}: array {name!r} holds NaN or infinite values; re-save the model."
            )
    labels = arrays["labels_"]
    if labels.size and (labels.min() < 0 or labels.max() >= sizes["k"]):
        raise ModelFileError(f"{npz_path}: topic ids outside 0..{sizes['k'] - 1}; re-save the model.")
    return arrays


def load_topic_model(path: str | Path, cls: type[Model]) -> Model:
    """Read a model saved by :func:`save_topic_model`."""
    folder = Path(path)
    meta = _read_meta(folder)
    arrays = _read_arrays(folder, meta)
    params = dict(meta["params"])
    # Files written before 0.2 use the old parameter names.
    for old, new in _OLD_PARAMS.items():
        if old in params and new not in params:
            params[new] = params.pop(old)
    if isinstance(params.get("ngram_range"), list):
        params["ngram_range"] = tuple(params["ngram_range"])
    if isinstance(params.get("stop_words"), list):
        params["stop_words"] = frozenset(params["stop_words"])
    try:
        model = cls(**params)
        model._check_params()
    except (TypeError, ValueError) as exc:
        raise ModelFileError(
            f"{folder / JSON_NAME} holds parameters this mediastudy cannot use ({exc}). "
            "Re-save the model with this version."
        ) from exc
    for name, arr in arrays.items():
        if name in _ARRAYS:
            setattr(model, name, arr)
    model.outlet_centres_ = None
    if meta.get("outlets") is not None:
        from .outlet_adjust import OutletCentres

        model.outlet_centres_ = OutletCentres(
            outlets=[str(o) for o in meta["outlets"]],
            centres=arrays["outlet_centres_"],
            global_centre=arrays["outlet_global_centre_"],
            counts=arrays["outlet_counts_"],
        )
    model.terms_ = np.asarray(meta["terms"], dtype=object)
    model.topic_labels_ = [str(label) for label in meta["topic_labels"]]
    nmi = meta.get("consensus_nmi")
    model.consensus_nmi_ = float("nan") if nmi is None else float(nmi)
    return model
