"""Stance by voice: the outlet's own words told from the people it quotes.

``score_stance(corpus, lexicon, voices=True)`` gives each mention a ``voice``: ``"outlet"``
when the sentence is the outlet's own, else the name of the speaker whose quotation or
reported speech holds the mention (found by :func:`mediastudy.extract_quotes`; ``"quoted"``
when the words are quoted but nobody is named, e.g. the corpus' block quotes).

The article scores of :func:`score_stance` include **every voice**: the outlet's own and all
it quotes (``StanceResult.voice == "all"``). :func:`stance_by_voice` scores again from the
mentions of one voice only, and ``aggregate_stance`` / ``stance_timeline_table`` take
``voice=`` for the same split:

* ``voice="outlet"``: only the outlet's own sentences;
* ``voice="quoted"``: only the words of the people it quotes (any speaker);
* ``voice="<a speaker>"``: one speaker's words, as ``speaker`` names them;
* ``voice=None``: every voice (the default scores).

Without ``voices=True`` the split uses quotation marks only: a mention inside ``"..."`` (or a
block quote) is ``"quoted"``, the rest ``"outlet"``; reported speech ("Marren told parliament
the deployment was defensive") then counts as the outlet's voice.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import is_dataclass, replace

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError, SchemaError

__all__ = ["stance_by_voice", "mention_voices", "OUTLET", "QUOTED"]

OUTLET = "outlet"
QUOTED = "quoted"


def mention_voices(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    *,
    text_column: str = "text",
    id_column: str = "id",
) -> pd.Series:
    """The voice of each mention (aligned with ``mentions``): "outlet", a speaker's name, or
    "quoted" (quoted words with nobody named).

    ``quotes`` is the :func:`mediastudy.extract_quotes` table of ``corpus``; it is computed
    when None. A mention in the article text takes the voice of the attribution whose words
    (or speaker phrase) cover its start; a mention in a block quote (``part`` "quotes[i]") is
    "quoted".
    """
    if quotes is None:
        from ..quotes import extract_quotes

        quotes = extract_quotes(corpus, text_column=text_column, id_column=id_column)
    spans: dict[object, tuple[list[int], list[tuple[int, int, str]]]] = {}
    if len(quotes):
        # Python numbers, not numpy scalars: tens of thousands of quotes, and arithmetic on
        # numpy scalars costs several times more (the values and the float64 sums are the same)
        lo = quotes["start"].to_numpy().tolist()
        hi = quotes["end"].to_numpy().tolist()
        sp_s = quotes["speaker_start"].to_numpy(dtype="float64", na_value=np.nan).tolist()
        sp_e = quotes["speaker_end"].to_numpy(dtype="float64", na_value=np.nan).tolist()
        speakers = quotes["speaker"].tolist()
        mentioned = set(mentions["id"].tolist())  # the attributions of other articles go unused
        for k, article_id in enumerate(quotes["id"].tolist()):
            if article_id not in mentioned:
                continue
            s, e = int(lo[k]), int(hi[k])
            # the speaker phrase next to the quote is part of the attribution's sentence
            # ("NATO is reckless, Velin said"), unless it stands far away (a continuation)
            if not math.isnan(sp_s[k]) and abs(sp_s[k] - e) < 80:
                s, e = min(s, int(sp_s[k])), max(e, int(sp_e[k]))
            name = speakers[k] if isinstance(speakers[k], str) and speakers[k] else QUOTED
            spans.setdefault(article_id, ([], []))[1].append((s, e, name))
        for starts, items in spans.values():
            items.sort()
            starts.extend(s for s, _, _ in items)
    out = []
    for article_id, part, start, quoted in zip(
        mentions["id"].tolist(), mentions["part"].tolist(), mentions["start"].tolist(),
        mentions["quoted"].tolist(), strict=True,
    ):
        if part != "text":
            out.append(QUOTED)
            continue
        voice = QUOTED if quoted else OUTLET
        found = spans.get(article_id)
        if found is not None:
            starts, items = found
            i = bisect_right(starts, start) - 1
            # overlapping attributions: the latest that still covers the mention
            while i >= 0 and starts[i] > start - 5000:
                s, e, name = items[i]
                if s <= start < e:
                    voice = name
                    break
                i -= 1
        out.append(voice)
    return pd.Series(out, index=mentions.index, dtype=object, name="voice")


def stance_by_voice(stance, voice: str | None):
    """Scores again from the mentions of one voice: a :class:`StanceResult` whose
    ``articles`` count only those mentions (``voice`` says which), ``mentions`` filtered.

    Parameters
    ----------
    stance : StanceResult
        From :func:`mediastudy.score_stance`; with ``voices=True`` for speakers' names.
    voice : str or None
        ``"outlet"``, ``"quoted"``, a speaker's name, or None (every voice: ``stance``
        itself).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediastudy import score_stance
    >>> corpus = pd.DataFrame({"id": ["a"], "text": [
    ...     "NATO is reckless. Ilse Marren told parliament NATO was defensive."]})
    >>> lexicon = {"targets": {"NATO": ["NATO"]},
    ...            "cues": {"pro": ["defensive"], "anti": ["reckless"]}}
    >>> stance = score_stance(corpus, lexicon, voices=True)
    >>> stance.mentions[["mention", "voice", "weight"]]
      mention        voice  weight
    0    NATO       outlet    -1.0
    1    NATO  Ilse Marren     1.0
    >>> stance_by_voice(stance, "outlet").articles[["id", "n_mentions", "score"]]
      id  n_mentions  score
    0  a           1   -0.5
    """
    if voice is None:
        return stance
    if not (is_dataclass(stance) and hasattr(stance, "mentions") and hasattr(stance, "voice")):
        raise InvalidParameterError(
            "voice= needs the whole result of score_stance (a StanceResult, with its "
            f"mentions), not only its articles table. Got {type(stance).__name__}.",
            param="voice", value=voice,
        )
    if not isinstance(voice, str) or not voice:
        raise InvalidParameterError(
            f"The 'voice' parameter must be None, 'outlet', 'quoted' or a speaker's name. "
            f"Got {voice!r} instead.", param="voice", value=voice,
        )
    mentions = stance.mentions
    if "voice" in mentions.columns:
        voices = mentions["voice"]
    elif "quoted" in mentions.columns:
        voices = pd.Series(np.where(mentions["quoted"], QUOTED, OUTLET), index=mentions.index)
    else:
        raise SchemaError("stance.mentions has neither a 'voice' nor a 'quoted' column.",
                          param="stance", value=["voice"])
    if voice == OUTLET:
        keep = voices == OUTLET
    elif voice == QUOTED:
        keep = voices != OUTLET
    else:
        keep = voices == voice
    chosen = mentions[keep.to_numpy()]
    articles = stance.articles
    sums = chosen.groupby(["id", "target"], sort=False).agg(
        n_mentions=("pro", "size"), n_quoted=("quoted", "sum"), pro=("pro", "sum"),
        anti=("anti", "sum"),
    )
    key = pd.MultiIndex.from_frame(articles[["id", "target"]])
    got = sums.reindex(key)
    n = got["n_mentions"].fillna(0).astype(np.int64).to_numpy()
    pro = got["pro"].fillna(0.0).to_numpy()
    anti = got["anti"].fillna(0.0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (pro - anti) / (pro + anti + stance.smoothing)
    score = np.where(n > 0, np.where(pro + anti == 0, 0.0, score), np.nan)
    quoted_part = voice != OUTLET
    new = articles.assign(
        n_mentions=n,
        n_quoted=got["n_quoted"].fillna(0).astype(np.int64).to_numpy(),
        pro=pro, anti=anti, score=score,
        pro_quoted=pro if quoted_part else 0.0,
        anti_quoted=anti if quoted_part else 0.0,
    )
    return replace(stance, articles=new, mentions=chosen.reset_index(drop=True), voice=voice)


def with_voices(stance, corpus: pd.DataFrame, voices, *, text_column: str, id_column: str):
    """``stance`` with a ``voice`` column on its mentions (``voices``: True to run
    extract_quotes, or its table)."""
    if isinstance(voices, pd.DataFrame):
        quotes = voices
    elif voices is True:
        quotes = None
    else:
        raise InvalidParameterError(
            "The 'voices' parameter of score_stance must be False, True or the table of "
            f"extract_quotes(corpus). Got {type(voices).__name__} instead.",
            param="voices", value=voices,
        )
    ids = corpus[[id_column, text_column]].rename(columns={id_column: "id", text_column: "text"})
    voice = mention_voices(stance.mentions, ids, quotes)
    return replace(stance, mentions=stance.mentions.assign(voice=voice.to_numpy()))
