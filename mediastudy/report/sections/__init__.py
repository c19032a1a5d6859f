"""The sections of a report's page, in the order they appear.

Each section is a module here defining ``SECTION``, a :class:`~.base.Section`: its
heading, a ``build(job)`` that draws its figures and computes its tables once the
analysis steps (load, topics, stance) are done, and a ``render(job)`` that returns its
HTML. To add a section, write its module (``quotes.py`` with ``SECTION =
Section("quotes", "Who is quoted", render, build)``) and add one line to
``SECTIONS`` below. Sections are built and rendered in this order; ``job`` is the
:class:`~mediastudy.report.run.Job` (``job.corpus``, ``job.assigned``, ``job.model``,
``job.stance``, ``job.tables``, ``job.add_table``, ``job.add_figure``, ``job.note``).
"""

from __future__ import annotations

from . import copies, corpus, load, quotes, stance, summary, timelines, topics, words
from .base import Section

__all__ = ["SECTIONS", "Section", "import_what_sections_use"]

SECTIONS: list[Section] = [
    summary.SECTION,
    corpus.SECTION,
    topics.SECTION,
    words.SECTION,
    stance.SECTION,
    quotes.SECTION,
    timelines.SECTION,
    copies.SECTION,
    load.SECTION,
]


#: The modules the sections' work imports (inside their functions, to keep imports cheap),
#: but for scikit-learn and the topic model's modules: the main process imports those when it
#: fits the topics, while the second process already works on the sections' early units, which
#: do not need them (importing scikit-learn takes about 0.9 s, with scipy.stats).
SECTION_MODULES = (
    "matplotlib.backends.backend_agg", "matplotlib.dates", "matplotlib.figure", "mediastudy.copies",
    "mediastudy.quotes", "mediastudy.stance.aggregate", "mediastudy.stance.by_outlet",
    "mediastudy.stance.voice", "mediastudy.text.keyness", "mediastudy.timeline.events",
    "mediastudy.timeline.peaks", "mediastudy.timeline.stance_timeline",
    "mediastudy.timeline.topic_share", "mediastudy.timeline.volume", "mediastudy.io.workbook",
    "xlsxwriter",
)


def import_what_sections_use() -> None:
    """Import :data:`SECTION_MODULES` now: before a second process is forked, so that the
    two processes do not both import them."""
    import importlib

    for name in SECTION_MODULES:
        importlib.import_module(name)
