"""The stop-word lists: scikit-learn's English list read without importing scikit-learn."""

import subprocess
import sys

import pytest

from mediastudy.errors import InvalidParameterError
from mediastudy.text import stopwords


def test_the_english_list_is_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert stopwords.english_stop_words() == ENGLISH_STOP_WORDS
    assert stopwords.news_stop_words() == (
        (ENGLISH_STOP_WORDS - stopwords.TOPICAL_IN_NEWS) | stopwords.NEWS_BOILERPLATE)


def test_the_english_list_is_read_without_importing_scikit_learn():
    code = ("import sys; from mediastudy.text.stopwords import english_stop_words; "
            "print(len(english_stop_words()), 'sklearn' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert done.stdout.split() == [str(len(ENGLISH_STOP_WORDS)), "False"]


def test_an_unreadable_list_falls_back_to_importing_it(monkeypatch):
    import importlib.util

    stopwords.english_stop_words.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # no file to read
    try:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        assert stopwords.english_stop_words() == ENGLISH_STOP_WORDS
    finally:
        stopwords.english_stop_words.cache_clear()


@pytest.mark.parametrize(("value", "size"), [("news", len(stopwords.news_stop_words())),
                                             ("english", len(stopwords.english_stop_words())),
                                             (None, 0), (["The", "a"], 2)])
def test_stop_word_set(value, size):
    got = stopwords.stop_word_set(value, func="f")
    assert len(got) == size and all(w == w.lower() for w in got)


@pytest.mark.parametrize("value", ["french", 3, [1, 2]])
def test_stop_word_set_refuses(value):
    with pytest.raises(InvalidParameterError, match="'stop_words' parameter of f must be"):
        stopwords.stop_word_set(value, func="f")


def test_stop_word_set_reads_an_iterator_once():
    assert stopwords.stop_word_set(iter(["The", "is"]), func="f") == {"the", "is"}
