"""One person, several spellings: candidate speaker names to count as one.

Outlets transliterate and shorten names their own way ("Volodymyr Zelensky", "Volodymyr
Zelenskyy", "Vladimir Zelensky", "Zelensky" alone), so :func:`speakers_table` counts one person
as several speakers and the most quoted come out in the wrong order. :func:`find_speaker_variants`
lists the names that look like another spelling of a more quoted one, for a person to review;
``speakers_table(quotes, corpus, variants=...)`` then counts each variant as its name. Nothing
is merged without being asked.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from ..checks import check_int, require_columns

__all__ = ["find_speaker_variants", "spelling_key"]

SPEAKER_VARIANT_COLUMNS = ["speaker", "variant", "n_speaker", "n_variant", "reason"]

# Letters that transliterations spell differently, written one way before the vowels go
_SAME_SOUND = (("x", "ks"), ("ph", "f"), ("w", "v"), ("kh", "h"))
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")
_ARTICLES = frozenset({"The", "A", "An"})  # "The Kremlin" is not a first name and a surname
_NOT_LETTER = re.compile(r"[\W\d_]+")
#: Fewest letters a one-word name's key must keep to be compared at all: shorter keys ("UN" and
#: "One" both give "n") join names that have nothing in common.
MIN_KEY_LETTERS = 4
#: The same for a surname matched to a full name ("Biden" gives "bdn").
MIN_SURNAME_LETTERS = 3


def spelling_key(word: str) -> str:
    """A word as transliterations agree on it: lower case, letters only, "x" as "ks", "ph" as
    "f", "w" as "v", "kh" as "h", without vowels (a, e, i, o, u, y) and doubled letters.

    >>> [spelling_key(w) for w in ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr", "Vladimir"]]
    ['zlnsk', 'zlnsk', 'zlnsk', 'vldmr', 'vldmr']
    """
    word = _NOT_LETTER.sub("", word.casefold())
    for written, said in _SAME_SOUND:
        word = word.replace(written, said)
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", word))


def find_speaker_variants(quotes: pd.DataFrame, *, top_n: int | None = 50) -> pd.DataFrame:
    """Speaker names that look like another spelling of a more quoted name.

    Three kinds of pair are listed (``reason``):

    * ``"case"``: the same letters in other capitals ("Nato" and "NATO");
    * ``"spelling"``: names of capitalised words (the first and the last at least) whose words
      agree word by word once transliteration is set aside (:func:`spelling_key`: "Volodymyr
      Zelenskyy", "Vladimir Zelensky" and "Volodymyr Zelensky"; "Sergei" and "Sergey"); a one-word
      name only when its key keeps at least 4 letters (``MIN_KEY_LETTERS``);
    * ``"surname"``: one capitalised word ("Biden", "Zelenskiy") that is the last word of exactly
      one full name quoted in the table ("Joe Biden"), spelt the same or, failing that, alike. A
      surname shared by two people ("Johnson": Boris and Lyndon) is not listed.

    In each group the most quoted spelling is ``speaker``, the one to count the others as. The
    rules know nothing of particular names, so a pair can be two people (two brothers; "Ann Lee"
    and "Anne Lee"): read the list before passing it on.

    Parameters
    ----------
    quotes : DataFrame
        The result of :func:`extract_quotes` (a ``speaker`` column). Rows without a speaker are
        left out.
    top_n : int or None, default=50
        Keep the pairs whose variant is quoted most; None keeps all.

    Returns
    -------
    DataFrame
        One row per variant, the most quoted variants first: ``speaker`` (the name to count it
        as), ``variant``, ``n_speaker`` and ``n_variant`` (rows of ``quotes`` attributed to each)
        and ``reason``. ``dict(zip(table["variant"], table["speaker"]))`` is a ``variants``
        mapping for :func:`speakers_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"speaker": ["Volodymyr Zelensky"] * 3 + ["Vladimir Zelensky"] * 2
    ...                        + ["Zelenskyy", "Joe Biden", "Biden", "NATO", "Nato", None]})
    >>> find_speaker_variants(quotes)
                  speaker            variant  n_speaker  n_variant    reason
    0  Volodymyr Zelensky  Vladimir Zelensky          3          2  spelling
    1           Joe Biden              Biden          1          1   surname
    2                NATO               Nato          1          1      case
    3  Volodymyr Zelensky          Zelenskyy          3          1   surname
    """
    func = "find_speaker_variants"
    require_columns(quotes, ["speaker"], func=func, param="quotes")
    check_int(top_n, func=func, param="top_n", optional=True)
    names = quotes["speaker"].dropna()
    names = names[names.map(lambda s: isinstance(s, str) and s.strip() != "")]
    counts = names.value_counts(sort=False)
    # the most quoted first, then by name: which spelling leads a group does not depend on order
    order = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    n = dict(order)
    head: dict[str, str] = {}  # name -> the name its group is counted as
    reason: dict[str, str] = {}
    first: dict[object, str] = {}
    for name, _ in order:  # same letters, other capitals
        lead = first.setdefault(name.casefold(), name)
        if lead != name:
            head[name], reason[name] = lead, "case"
    for name, _ in order:  # alike word by word
        key = _name_key(name)
        if key is None or name in head:
            continue
        lead = first.setdefault(key, name)
        if lead != name:
            head[name], reason[name] = lead, "spelling"
    _surnames(order, head, reason)
    rows = []
    for name, count in order:
        if name in head:  # to the end of the chain, named by its last link that is not "case"
            links = [reason[name]]
            lead = head[name]
            while lead in head:
                links.append(reason[lead])
                lead = head[lead]
            rows.append((lead, name, n[lead], count, next((r for r in links[::-1] if r != "case"),
                                                           "case")))
    table = pd.DataFrame(rows, columns=SPEAKER_VARIANT_COLUMNS)
    table["n_speaker"] = table["n_speaker"].astype("int64")
    table["n_variant"] = table["n_variant"].astype("int64")
    return (table if top_n is None else table.head(top_n)).reset_index(drop=True)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_key(name: str) -> tuple[str, ...] | None:
    """The words' spelling keys, for a name whose first and last words are capitalised, or None
    (descriptions such as "the ministry" are not names)."""
    words = name.split()
    if not words or not (_capitalised(words[0]) and _capitalised(words[-1])):
        return None
    key = tuple(spelling_key(w) for w in words)
    if len(key) == 1 and len(key[0]) < MIN_KEY_LETTERS or not all(key):
        return None
    return key


def _surnames(order, head: dict[str, str], reason: dict[str, str]) -> None:
    """A one-word name counts as the one full name ending in it (spelt the same or, failing
    that, alike) that is quoted at least as often: a name with a stray word in front ("Especially
    Poland", from a sentence's first word) is quoted far less than the word alone."""
    total: dict[str, int] = defaultdict(int)  # a group's quotes, under the name it counts as
    for name, count in order:
        total[_lead(name, head)] += count
    exact: dict[str, set[str]] = defaultdict(set)
    alike: dict[str, set[str]] = defaultdict(set)
    for name, _ in order:
        words = name.split()
        if len(words) >= 2 and all(_capitalised(w) for w in words) and words[0] not in _ARTICLES:
            exact[words[-1].casefold()].add(_lead(name, head))
            alike[spelling_key(words[-1])].add(_lead(name, head))
    for name, _ in order:
        if " " in name.strip() or not _capitalised(name) or name in head:
            continue
        key = spelling_key(name)
        if len(key) < MIN_SURNAME_LETTERS:
            continue
        enough = total[name]
        leads = {lead for lead in exact.get(name.casefold(), ()) if total[lead] >= enough}
        if not leads and len(key) >= MIN_KEY_LETTERS:
            leads = {lead for lead in alike.get(key, ()) if total[lead] >= enough}
        if len(leads) == 1:
            head[name], reason[name] = next(iter(leads)), "surname"


def _lead(name: str, head: dict[str, str]) -> str:
    while name in head:
        name = head[name]
    return name
