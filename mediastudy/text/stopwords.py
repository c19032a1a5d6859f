"""Stop words for news text (private).

``NEWS_STOP_WORDS`` is scikit-learn's English list plus words that news
articles use everywhere whatever the story ("said", "told", "Read more",
weekdays, months, wire agencies). Left in, they end up as the "top terms" of every
topic and say nothing about what a topic is about. Words with a second, topical
meaning ("march", "share", "sign", "report") are deliberately kept.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

NEWS_BOILERPLATE: frozenset[str] = frozenset(
    """
    said says say saying told tell tells telling according added adding
    reported reporting reporter reporters statement
    read click subscribe newsletter advertisement advert tweet
    copyright reserved photo photos caption video videos getty reuters ap afp
    mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    today yesterday tomorrow week weeks month months year years day days
    time times ago just like including new news people don didn doesn isn
    wasn aren weren won wouldn couldn shouldn ve ll re
    http https www com html
    """.split()
)

# scikit-learn's list holds a few words that carry a story in news ("the bill
# passed", "interest rates", "forest fire"); they stay in.
TOPICAL_IN_NEWS: frozenset[str] = frozenset({"bill", "computer", "fire", "interest", "system"})

NEWS_STOP_WORDS: frozenset[str] = (frozenset(ENGLISH_STOP_WORDS) - TOPICAL_IN_NEWS) | NEWS_BOILERPLATE

__all__ = ["NEWS_BOILERPLATE", "NEWS_STOP_WORDS", "TOPICAL_IN_NEWS", "stop_word_set"]


def stop_word_set(stop_words, *, func: str) -> frozenset[str]:
    """The words a ``stop_words`` setting names: "news" (:data:`NEWS_STOP_WORDS`), "english"
    (scikit-learn's list), a collection of words (lower-cased) or None (no word).

    Raises InvalidParameterError naming ``func`` for anything else."""
    from ..errors import InvalidParameterError

    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str) and stop_words == "news":
        return NEWS_STOP_WORDS
    if isinstance(stop_words, str) and stop_words == "english":
        return frozenset(ENGLISH_STOP_WORDS)
    if isinstance(stop_words, str) or not hasattr(stop_words, "__iter__") \
            or not all(isinstance(w, str) for w in stop_words):
        raise InvalidParameterError(
            f"The 'stop_words' parameter of {func} must be 'news', 'english', None or a "
            f"collection of words. Got {stop_words!r} instead.",
            param="stop_words", value=stop_words)
    return frozenset(w.lower() for w in stop_words)
