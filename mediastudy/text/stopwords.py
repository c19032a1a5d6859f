"""Stop words for news text (private).

:func:`news_stop_words` is scikit-learn's English list plus words that news
articles use everywhere whatever the story ("said", "told", "Read more",
weekdays, months, wire agencies). Left in, they end up as the "top terms" of every
topic and say nothing about what a topic is about. Words with a second, topical
meaning ("march", "share", "sign", "report") are deliberately kept.
"""

from __future__ import annotations

import functools

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

__all__ = ["NEWS_BOILERPLATE", "TOPICAL_IN_NEWS", "english_stop_words", "news_stop_words",
           "stop_word_set"]

@functools.lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``ENGLISH_STOP_WORDS``), read from its source file
    without importing scikit-learn (which takes about 0.8 s, with SciPy): a report's second
    process needs the list and nothing else of scikit-learn. The file is parsed, never run;
    if it is not the plain list it has always been, scikit-learn is imported instead."""
    import ast
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("sklearn")
        path = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] \
                    == ["ENGLISH_STOP_WORDS"] and isinstance(node.value, ast.Call) \
                    and getattr(node.value.func, "id", None) == "frozenset":
                words = ast.literal_eval(node.value.args[0])
                if words and all(isinstance(w, str) for w in words):
                    return frozenset(words)
    except (AttributeError, TypeError, ValueError, SyntaxError, OSError, IndexError):
        pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@functools.lru_cache(maxsize=1)
def news_stop_words() -> frozenset[str]:
    """The "news" stop words: scikit-learn's English list less :data:`TOPICAL_IN_NEWS`, plus
    :data:`NEWS_BOILERPLATE`."""
    return (english_stop_words() - TOPICAL_IN_NEWS) | NEWS_BOILERPLATE


def stop_word_set(stop_words, *, func: str) -> frozenset[str]:
    """The words a ``stop_words`` setting names: "news" (:func:`news_stop_words`), "english"
    (scikit-learn's list), a collection of words (lower-cased) or None (no word).

    Raises InvalidParameterError naming ``func`` for anything else."""
    from ..errors import InvalidParameterError

    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str) and stop_words == "news":
        return news_stop_words()
    if isinstance(stop_words, str) and stop_words == "english":
        return english_stop_words()
    if not isinstance(stop_words, str) and hasattr(stop_words, "__iter__"):
        stop_words = list(stop_words)  # (an iterator is read once)
    if isinstance(stop_words, str) or not isinstance(stop_words, list) \
            or not all(isinstance(w, str) for w in stop_words):
        raise InvalidParameterError(
            f"The 'stop_words' parameter of {func} must be 'news', 'english', None or a "
            f"collection of words. Got {stop_words!r} instead.",
            param="stop_words", value=stop_words)
    return frozenset(w.lower() for w in stop_words)
