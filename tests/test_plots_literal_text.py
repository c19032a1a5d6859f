"""Every string from the data is drawn as written: an outlet named ``Cash$$Flow``, a title or
an event label with dollar signs, a topic label ``$x^2$`` never become matplotlib math text
(``$$`` used to stop the whole report with a ParseException)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import cbook  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import mediastudy as ms  # noqa: E402
from mediastudy.style import literal_text  # noqa: E402

OUTLETS = {"CapitalWire": "Cash$$Flow", "KestrovaToday": "$x^2$ Today", "MeridianPost": "Price $5"}


@pytest.fixture(scope="module")
def data():
    corpus = ms.load_demo()
    corpus["outlet"] = corpus["outlet"].map(OUTLETS)
    corpus["title"] = "Costs $5 or $6: " + corpus["title"]
    model = ms.TopicModel(n_topics=3, random_state=0).fit(corpus)
    model.topic_labels_ = ["$a$ / b", "c$$d", "plain"]  # labels are data too (assign_topics copies them)
    assigned = ms.assign_topics(corpus, model)
    stance = ms.score_stance(corpus, ms.demo_path("lexicon"))
    target = stance.articles.loc[stance.articles["n_mentions"] > 0, "target"].iloc[0]
    events = pd.DataFrame({"date": [pd.Timestamp("2023-03-01")], "label": ["Price cap $$ at $60"]})
    return corpus, model, assigned, stance, target, events


def _draw(fig) -> list[str]:
    fig.canvas.draw()  # a math-text error would raise here
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    shown = []
    for t in texts:
        assert not cbook.is_math_text(t.get_text()), t.get_text()
        shown.append(t.get_text().replace(r"\$", "$"))  # what matplotlib draws
    return shown


def _plots(data):
    corpus, model, assigned, stance, target, events = data
    return {
        "volume": lambda ax: ms.plot_volume(corpus, freq="M", ax=ax, title="Volume of Cash$$Flow"),
        "volume table": lambda ax: ms.plot_volume(ms.volume_table(corpus, freq="M"), ax=ax),
        "volume grid": lambda ax: ms.plot_volume_grid(corpus, freq="M", fig=ax.figure),
        "topic share lines": lambda ax: ms.plot_topic_share(assigned, outlet="Cash$$Flow", freq="Q",
                                                            kind="lines", ax=ax),
        "topic share area": lambda ax: ms.plot_topic_share(assigned, outlet="Cash$$Flow", freq="Q", ax=ax),
        "stance timeline": lambda ax: ms.plot_stance_timeline(stance, corpus, target=target, freq="Q",
                                                              min_articles=1, ax=ax),
        "topic map": lambda ax: ms.plot_topic_map(corpus, model, ax=ax),
        "events": lambda ax: ms.mark_events(ms.plot_volume(corpus, freq="M", ax=ax), events),
        "peaks": lambda ax: ms.mark_peaks(ms.plot_volume(corpus, freq="W", by=None, ax=ax),
                                          ms.find_peaks_table(corpus, freq="W").assign(terms="cash $$ flow")),
    }


EXPECTED = {
    "volume": ["Cash$$Flow", "$x^2$ Today", "Volume of Cash$$Flow"],
    "volume table": ["Cash$$Flow", "Price $5"],
    "volume grid": ["Cash$$Flow", "$x^2$ Today"],
    "topic share lines": ["Topic share: Cash$$Flow", "$a$ / b", "c$$d"],
    "topic share area": ["Topic share: Cash$$Flow", "$a$ / b", "c$$d"],
    "stance timeline": ["Cash$$Flow"],
    "topic map": ["0: $a$ / b", "1: c$$d"],
    "events": ["Price cap $$ at $60"],
    "peaks": ["cash $$ flow"],
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_plot_shows_dollar_signs_from_the_data_as_written(data, name):
    fig = plt.figure(figsize=(9, 6))
    if name == "volume grid":
        ax = fig.add_subplot()
        fig.delaxes(ax)  # the grid makes its own Axes in the figure
    else:
        ax = fig.add_subplot()
    _plots(data)[name](ax)
    shown = " | ".join(_draw(fig))
    for text in EXPECTED[name]:
        assert text in shown, (text, shown)


def test_literal_text_keeps_a_written_backslash_dollar():
    fig, ax = plt.subplots()
    ax.set_title(literal_text(r"a \$ b $$"))
    _draw(fig)
    assert ax.title.get_text().replace(r"\$", "$") == r"a \$ b $$"
