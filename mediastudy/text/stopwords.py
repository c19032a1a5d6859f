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

__all__ = ["NEWS_BOILERPLATE", "NEWS_STOP_WORDS", "TOPICAL_IN_NEWS"]
