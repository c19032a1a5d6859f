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
#: but for scikit-learn and the topic model's modules (:data:`TOPIC_MODULES`): the sections'
#: early units, which a second process may run, do not need those.
SECTION_MODULES = (
    "matplotlib.backends.backend_agg", "matplotlib.dates", "matplotlib.figure", "mediastudy.copies",
    "mediastudy.quotes", "mediastudy.stance.aggregate", "mediastudy.stance.by_outlet",
    "mediastudy.stance.voice", "mediastudy.text.keyness", "mediastudy.timeline.events",
    "mediastudy.timeline.peaks", "mediastudy.timeline.stance_timeline",
    "mediastudy.timeline.topic_share", "mediastudy.timeline.volume", "mediastudy.io.workbook",
    "xlsxwriter",
)

#: What the topics step imports, in pieces of a tenth of a second or more (scikit-learn and
#: SciPy's statistics take about 1 s in all).
TOPIC_MODULES = ("scipy.sparse", "scipy.stats", "sklearn.base", "sklearn.metrics", "sklearn.cluster",
                 "sklearn.decomposition", "mediastudy.topics.describe", "mediastudy.topics.model")

#: Set by the ``mediastudy`` command: the objects made by the imports below are left out of the
#: garbage collector's later walks (``gc.freeze``): they live to the end of the process.
FREEZE_IMPORTS = False


def import_what_sections_use(topics: bool = False, enough=None) -> None:
    """Import :data:`SECTION_MODULES` now (before a second process is forked, so that the
    two processes do not both import them), with the garbage collector off (the imports make
    objects that live to the end, no garbage, which it would walk hundreds of times).

    ``topics``: :data:`TOPIC_MODULES` too, one piece at a time until ``enough()`` is true
    (the report's reading, in another process meanwhile, is done)."""
    import gc
    import importlib

    names = SECTION_MODULES + (TOPIC_MODULES if topics else ())
    enabled = gc.isenabled()
    gc.disable()
    try:
        for name in names:
            if name in TOPIC_MODULES and enough is not None and enough():
                break
            importlib.import_module(name)
    finally:
        if FREEZE_IMPORTS:
            gc.freeze()
        if enabled:
            gc.enable()
