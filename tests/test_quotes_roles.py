"""Where an article names a role's holder ("Defence Secretary Ben Wallace"): the substring
search of ``Entities._role_sites`` finds what the role's own pattern finds."""

import pytest

from mediastudy.quotes._names import Entities, _role_pattern

TEXTS = [
    "President Biden met president Putin. Ex-president Trump; PRESIDENT Macron, vice-President X.",
    "the defence secretary Ben Wallace and Defence  Secretary Two Spaces and defence secretary-general"
    " Y, defence secretary J. R. Smith Jones Fourth Fifth",
    "_president Under, apresident Inside, president lower, president\u2019s Possessive, president",
    "\u0130stanbul's president Erdogan and president Aliyev",  # lower-casing moves offsets here
    "Pr\u00e9sident Macron, pr\u00e9sident Other, president \u00c9mile",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("key", ["president", "defence secretary", "pr\u00e9sident"])
def test_role_sites_are_the_role_patterns_matches(text, key):
    ents = Entities(text)
    ents.lower = text.lower()
    want = [(m.start(), m.start(1), m.group(1)) for m in _role_pattern(key).finditer(text)]
    assert ents._role_sites(key) == want


def test_role_sites_find_each_kind():
    ents = Entities(TEXTS[0])
    ents.lower = TEXTS[0].lower()
    assert [name for _, _, name in ents._role_sites("president")] == ["Biden", "Putin", "Macron"]
    assert Entities("The president said. President Joe Biden said. The president added.") \
        .role_holder("The president", 48) == "Joe Biden"
