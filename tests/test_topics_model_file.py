"""A saved topic model whose vocabulary lists a term twice is refused when it is loaded."""

from __future__ import annotations

import json

import pytest

import mediastudy as ms
from mediastudy import ModelFileError, TopicModel


def test_a_saved_model_with_a_repeated_term_is_refused_at_load(tmp_path):
    model = TopicModel(n_topics=3, random_state=0).fit(ms.load_demo())
    folder = model.save(tmp_path / "model")
    meta_path = folder / "topic_model.json"
    meta = json.loads(meta_path.read_text())
    terms = meta["terms"]
    repeated = terms[0]
    terms[5] = repeated
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match=rf"topic_model\.json: the term '{repeated}' is listed "
                                             r"twice in the vocabulary \(positions 0 and 5\)"):
        TopicModel.load(folder)
    meta["terms"] = [*terms[:5], 17, *terms[6:]]
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match="not text"):
        TopicModel.load(folder)
