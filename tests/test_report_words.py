"""The report's 'Words that set outlets apart' section (keyness by outlet)."""

from __future__ import annotations

import pandas as pd

from mediastudy.report.sections import SECTIONS, words


class _Job:
    def __init__(self, corpus):
        self.corpus = corpus
        self.tables = {}

    def add_table(self, name, table):
        self.tables[name] = table


def test_words_section_lists_each_outlets_words_escaped():
    corpus = pd.DataFrame({
        "outlet": ["<b>A</b>"] * 5 + ["B"] * 5,
        "text": ["tanks and guns here"] * 5 + ["peace and talks here"] * 5,
    })  # fmt: skip
    job = _Job(corpus)
    words.build(job)
    html = words.render(job)
    assert "tanks" in html and "peace" in html
    assert "<b>A</b>" not in html and "&lt;b&gt;A&lt;/b&gt;" in html
    assert set(job.tables["keyness"]["outlet"]) == {"<b>A</b>", "B"}
    assert words.SECTION in SECTIONS


def test_words_section_needs_two_outlets_with_enough_articles():
    job = _Job(pd.DataFrame({"outlet": ["A"] * 5 + ["B"], "text": ["tanks"] * 6}))
    words.build(job)
    assert "keyness" not in job.tables
    assert "Not computed" in words.render(job)
