"""Topic model quality on the real corpora with known labels (issue 3's "Done when").

- BBC News (5 categories, k=5): NMI >= 0.85 mean over 5 seeds, std <= 0.02;
  the sport topic's distinctive terms are sport words, etc.
- 20 Newsgroups, the 4 categories of scikit-learn's example (k=4): NMI >= 0.60.
- Same seed twice: identical topics; a saved model assigns identically in a new process.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from mediastudy import TopicModel, assign_topics, choose_k, representative_articles, topic_terms

pytestmark = pytest.mark.corpora

SEEDS = range(5)
NG_CATEGORIES = ["alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"]
# words that a reader would take as a sign of each BBC category
CATEGORY_WORDS = {
    "sports": {
        "match",
        "game",
        "cup",
        "win",
        "team",
        "players",
        "club",
        "coach",
        "season",
        "injury",
        "champion",
    },
    "business": {
        "growth",
        "economy",
        "shares",
        "market",
        "company",
        "profits",
        "bank",
        "sales",
        "firm",
        "prices",
    },
    "politics": {"labour", "election", "blair", "party", "tory", "tories", "government", "minister", "brown"},
    "tech": {"users", "technology", "software", "mobile", "digital", "computer", "net", "phone", "online"},
    "entertainment": {
        "film",
        "music",
        "awards",
        "award",
        "band",
        "star",
        "album",
        "actor",
        "festival",
        "oscar",
    },
}


@pytest.fixture(scope="module")
def bbc(corpora) -> pd.DataFrame:
    df = pd.read_parquet(corpora / "bbc_news.parquet")
    # the corpus schema's metadata, so representative articles can show it
    return df.assign(outlet="BBC", id=df["category"] + "/" + df["file"])


@pytest.fixture(scope="module")
def bbc_models(bbc) -> list[TopicModel]:
    return [TopicModel(5, random_state=seed).fit(bbc) for seed in SEEDS]


@pytest.fixture(scope="module")
def newsgroups(corpora) -> pd.DataFrame:
    df = pd.read_parquet(corpora / "20newsgroups.parquet")
    return df[df["label"].isin(NG_CATEGORIES)].reset_index(drop=True)


def test_bbc_nmi_is_high_and_steady_across_seeds(bbc, bbc_models):
    scores = [normalized_mutual_info_score(bbc["category"], m.labels_) for m in bbc_models]
    print(f"BBC k=5 NMI per seed {np.round(scores, 3)}, mean {np.mean(scores):.3f}, std {np.std(scores):.3f}")
    assert np.mean(scores) >= 0.85
    assert np.std(scores) <= 0.02


def test_20newsgroups_four_categories_nmi(newsgroups):
    scores = [
        normalized_mutual_info_score(
            newsgroups["label"], TopicModel(4, random_state=seed).fit(newsgroups).labels_
        )
        for seed in SEEDS
    ]
    print(f"20NG 4 categories k=4 NMI per seed {np.round(scores, 3)}, mean {np.mean(scores):.3f}")
    assert np.mean(scores) >= 0.60


def test_bbc_topics_read_as_the_five_categories(bbc, bbc_models):
    model = bbc_models[0]
    majority = pd.crosstab(model.labels_, bbc["category"]).idxmax(axis=1)
    assert sorted(majority) == sorted(CATEGORY_WORDS)  # one topic per category
    terms = topic_terms(model, n_terms=10)
    for topic, category in majority.items():
        top = set(terms.loc[terms["topic"] == topic, "term"])
        found = top & CATEGORY_WORDS[category]
        assert len(found) >= 3, f"topic {topic} ({category}) has top terms {sorted(top)}"
        label_words = set(model.topic_labels_[topic].split(" / "))
        assert label_words & CATEGORY_WORDS[category], model.topic_labels_[topic]


def test_bbc_topics_are_stable_and_the_same_for_the_same_seed(bbc, bbc_models):
    assert (bbc_models[0].topic_stability_ >= 0.6).all()
    again = TopicModel(5, random_state=0).fit(bbc)
    np.testing.assert_array_equal(again.labels_, bbc_models[0].labels_)
    assert again.topic_labels_ == bbc_models[0].topic_labels_
    np.testing.assert_array_equal(again.term_weights_, bbc_models[0].term_weights_)


def test_bbc_representative_articles_carry_metadata(bbc, bbc_models):
    reps = representative_articles(bbc, bbc_models[0], n=3)
    assert len(reps) == 15
    assert {"title", "outlet", "id"} <= set(reps.columns)
    assert reps["title"].notna().all() and (reps["title"].str.len() > 0).all()
    # the most typical articles of a topic come from the category the topic stands for
    majority = pd.crosstab(bbc_models[0].labels_, bbc["category"]).idxmax(axis=1)
    category = reps["id"].str.split("/").str[0]
    assert (category == reps["topic"].map(majority)).mean() >= 0.9


def test_bbc_saved_model_assigns_identically_in_a_new_process(bbc, bbc_models, tmp_path):
    model = bbc_models[1]
    folder = model.save(tmp_path / "bbc_topics")
    script = (
        "import sys, pandas as pd\n"
        "from mediastudy import TopicModel\n"
        "m = TopicModel.load(sys.argv[1])\n"
        "df = pd.read_parquet(sys.argv[2])\n"
        "print(''.join(map(str, m.predict(df))))\n"
    )
    path = str(tmp_path.parent / "bbc.parquet")
    bbc.to_parquet(path)
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), path],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    assert done.stdout.strip() == "".join(map(str, model.labels_))
    assigned = assign_topics(bbc, model)
    assert "".join(map(str, assigned["topic"])) == done.stdout.strip()


def test_choose_k_recommends_five_for_bbc(bbc):
    table = choose_k(bbc, ks=[3, 4, 5, 6, 7], random_state=0)
    assert table.attrs["recommended_k"] == 5, table.to_string()


def test_bbc_topic_map_takes_the_corpus_first(bbc, bbc_models):
    import matplotlib.pyplot as plt

    from mediastudy import plot_topic_map, topic_map_table

    model = bbc_models[0]
    table = topic_map_table(bbc, model)
    assert len(table) == len(bbc)
    np.testing.assert_array_equal(table["topic"], model.labels_)
    assert np.isfinite(table[["x", "y"]].to_numpy()).all()
    # the topics are clouds: articles lie nearer their own topic's centre than to the others'
    centres = table.groupby("topic")[["x", "y"]].mean().to_numpy()
    xy = table[["x", "y"]].to_numpy()
    dist = np.linalg.norm(xy[:, None, :] - centres[None, :, :], axis=2)
    own = dist[np.arange(len(xy)), table["topic"].to_numpy()]
    assert np.median(own) < np.median(np.sort(dist, axis=1)[:, 1:].mean(axis=1))
    fig, ax = plt.subplots()
    assert plot_topic_map(bbc, model, ax=ax) is ax
    assert sorted(len(c.get_offsets()) for c in ax.collections) == sorted(np.bincount(model.labels_).tolist())
    with pytest.raises(TypeError, match=r"plot_topic_map\(corpus, model\)"):
        plot_topic_map(model, bbc, ax=ax)
