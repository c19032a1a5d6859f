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
import warnings
from collections import defaultdict

import pandas as pd

from ..checks import check_int, require_columns
from ..text.spelling import edit_distance
from ..text.stopwords import news_stop_words
from ._words import _ANY_HEADS, _NOT_NAME, _ORG_HEADS, _TITLE_WORDS

__all__ = ["find_speaker_variants", "spelling_key"]

SPEAKER_VARIANT_COLUMNS = ["speaker", "variant", "n_speaker", "n_variant", "rule"]

# Letters that transliterations spell differently ("Aleksandr" / "Alexander", "Sergey" /
# "Sergei", "Mykhailo" / "Mikhail"), written one way
_SAME_SOUND = (("x", "ks"), ("ph", "f"), ("w", "v"), ("kh", "h"), ("y", "i"))
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[\W_]+")  # digits stay: "G7" and "G20" are not one
_POSSESSIVE = re.compile(r"['\u2019]s?$")
#: Fewest letters a surname alone needs to be matched to a full name ("Obama" 5, "Lee" 3: too
#: common a word to tell one person).
MIN_SURNAME_LETTERS = 4
#: A full name's share of the quotes of the most quoted full name with the same surname under
#: which it no longer makes the surname alone ambiguous (Michelle Obama beside Barack Obama).
SURNAME_RIVAL_SHARE = 0.1
#: Most names of one spelling key compared with each other (the first, most quoted, ones): in
#: real news a key is shared by a handful of names; made-up text can give thousands (every vowel
#: pattern of "K_k_ L_l_"), whose pairs would grow with their square.
MAX_KEY_NAMES = 100
# titles of address before a given name ("Father Andriy"), beside the office titles of _words
_HONORIFICS = frozenset("""father mother sister brother bishop archbishop metropolitan patriarch imam
rabbi saint st sir dame lord lady""".split())


def _written(word: str) -> str:
    """Lower case, letters and digits only, the transliteration pairs written one way, no doubled
    letters: "Zelenskyy" and "Zelenskiy" -> "zelenski"."""
    word = _NOT_LETTER.sub("", word.casefold())
    for written, said in _SAME_SOUND:
        word = word.replace(written, said)
    return _DOUBLED.sub(r"\1", word)


def spelling_key(word: str) -> str:
    """A word as transliterations agree on it: its consonants, once "x" is written "ks", "ph"
    "f", "w" "v", "kh" "h" and doubled letters one (vowels, "y" included, are what
    transliterations disagree on most).

    >>> [spelling_key(w) for w in ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr", "Vladimir"]]
    ['zlnsk', 'zlnsk', 'zlnsk', 'vldmr', 'vldmr']
    """
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", _written(word)))


def _alike(a: str, b: str) -> bool:
    """Two words that are one name transliterated two ways: the same consonants, and the letters
    as written at most 1 edit apart in a word of 5 letters, 2 from 6 letters (Sergei / Sergey,
    Vladimir / Volodymyr, Oleksii / Aleksei), the same in a shorter word. English names one
    vowel apart are often two people (Dean / Dan, Tim / Tom, Mann / Mina, Bannon / Benen)."""
    a, b = _bare(a), _bare(b)
    wa, wb = _written(a), _written(b)
    if wa == wb:
        return True
    if _common(a) or _common(b):  # a title's or an organisation's word is spelt one way:
        return _one_slip(wa, wb)  # "Foreign Ministry" and "Foreign Minister" are two speakers
    shorter = min(len(wa), len(wb))
    if shorter < 5 or spelling_key(a) != spelling_key(b):
        return False
    return edit_distance(wa, wb) <= (1 if shorter == 5 else 2)


def _one_slip(a: str, b: str) -> bool:
    """Two spellings of one common word: British and American ("Centre" / "Center", two
    letters swapped) or a typing slip in a long word ("Secretery", one letter of 7 or more).
    Never a word made another ("Ministry" / "Minister", "Mayor" / "Major")."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return len(a) >= 7
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def find_speaker_variants(
    quotes: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    top_n: int | None = 50,
    text_column: str = "text",
    id_column: str = "id",
) -> pd.DataFrame:
    """Speaker names that look like another spelling of a more quoted name.

    Three kinds of pair are listed (``rule``):

    * ``"case"``: the same letters in other capitals, both spellings capitalised ("Nato" and
      "NATO"; not "us" and "US", nor "some experts" and "Some experts");
    * ``"spelling"``: names of two or more words, the first and the last capitalised, whose
      words agree one by one once transliteration is set aside: the same consonants
      (:func:`spelling_key`) and few other letters (at most 1 in a word of 5 letters, 2 from 6;
      the same word if shorter): "Volodymyr Zelenskyy", "Vladimir Zelensky" and "Volodymyr
      Zelensky"; "Sergei Lavrov" and "Sergey Lavrov"; "U.S. State Department" and "US State
      Department". A title's, an organisation's or a common word is spelt one way, but for two
      letters swapped or one letter of a word of 7 or more ("Wilson Centre" and "Wilson
      Center", "Defense Secretery"): "Foreign Ministry" and "Foreign Minister", "Mayor Brown"
      and "Major Brown" are two speakers;
    * ``"surname"``: one capitalised word of at least 4 letters ("Biden") that is the last
      word, capitals and a possessive aside, of a full name ("Joe Biden") quoted at least as
      often as the word alone, when no other full name ending in it has a tenth of that name's
      quotes (``SURNAME_RIVAL_SHARE``: "Johnson" is left alone beside Boris and Lyndon Johnson).
      A full name here is two or three capitalised words, not all in capitals, not starting with
      a sentence word ("Especially Poland"), none of them a title, an organisation's head word or
      a common word ("Father Andriy", "Security Council", "Fox News", "Ministry Spokesman"); the
      word alone is not a common word either ("News", "More"). Only names quoted in ``quotes``
      count as rivals: a surname alone can still be another person of that name who is never
      quoted in full. Given ``corpus``, the articles that quote the surname alone are read
      too, and a pair is left out when at least half of them write one other given name before
      it, and more of them than write the full name's ("Andy Murray" where the full name quoted
      elsewhere is "Patty Murray").

    In each group the most quoted spelling is ``speaker``, the one to count the others as. The
    rules know no names, so a pair can be two people (two English names one vowel apart, "Steven"
    and "Stephen"; a surname alone that meant someone else): read the list before passing it on.

    Parameters
    ----------
    quotes : DataFrame
        The result of :func:`extract_quotes` (a ``speaker`` column). Rows without a speaker are
        left out.
    corpus : DataFrame or None
        The articles (``id_column``, ``text_column``), to check a surname alone against the
        names its own articles write (recommended); None: the quotes alone.
    top_n : int or None, default=50
        Keep the pairs whose variant is quoted most; None keeps all.
    text_column, id_column : str
        Names of the body-text and article-id columns of ``corpus`` (and the id of ``quotes``).

    Returns
    -------
    DataFrame
        One row per variant, the most quoted variants first: ``speaker`` (the name to count it
        as), ``variant``, ``n_speaker`` and ``n_variant`` (rows of ``quotes`` attributed to each)
        and ``rule``. ``speakers_table(quotes, variants=table)`` counts each variant as its
        speaker (after the rows that are two people are dropped).

    Examples
    --------
    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"speaker": ["Volodymyr Zelensky"] * 3 + ["Vladimir Zelensky"] * 2
    ...                        + ["Zelensky", "Joe Biden", "Biden", "NATO", "Nato", None]})
    >>> find_speaker_variants(quotes)
                  speaker            variant  n_speaker  n_variant      rule
    0  Volodymyr Zelensky  Vladimir Zelensky          3          2  spelling
    1           Joe Biden              Biden          1          1   surname
    2                NATO               Nato          1          1      case
    3  Volodymyr Zelensky           Zelensky          3          1   surname
    """
    func = "find_speaker_variants"
    require_columns(quotes, ["speaker"], func=func, param="quotes")
    check_int(top_n, func=func, param="top_n", optional=True)
    given_names = None
    if corpus is not None:
        require_columns(quotes, [id_column], func=func, param="quotes")
        require_columns(corpus, [id_column, text_column], func=func, param="corpus")
        given_names = _given_names(quotes, corpus, text_column, id_column)
    names = quotes["speaker"].dropna().astype(object)
    names = names[names.map(lambda s: isinstance(s, str) and s.strip() != "")]
    counts = names.value_counts(sort=False)
    # the most quoted first, then by name: which spelling leads a group does not depend on order
    order = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    n = dict(order)
    head: dict[str, str] = {}  # name -> the name its group is counted as
    rule: dict[str, str] = {}
    first: dict[str, str] = {}
    for name, _ in order:  # same letters, other capitals
        if not name[:1].isupper():
            continue
        lead = first.setdefault(name.casefold(), name)
        if lead != name:
            head[name], rule[name] = lead, "case"
    leads: dict[tuple[str, ...], list[str]] = defaultdict(list)
    crowded: set[tuple[str, ...]] = set()
    for name, _ in order:  # alike word by word
        key = _name_key(name)
        if key is None or name in head:
            continue
        words = name.split()
        lead = next((other for other in leads[key]
                     if all(_alike(a, b) for a, b in zip(words, other.split(), strict=True))), None)
        if lead is not None:
            head[name], rule[name] = lead, "spelling"
        elif len(leads[key]) < MAX_KEY_NAMES:
            leads[key].append(name)
        else:
            crowded.add(key)
    if crowded:
        warnings.warn(
            f"{func}: {len(crowded)} spelling key(s) are shared by more than {MAX_KEY_NAMES} names "
            f"(made-up or garbled names?); the other names of such a key were compared only with "
            f"its {MAX_KEY_NAMES} most quoted.",
            stacklevel=2,
        )
    _surnames(order, head, rule, given_names)
    rows = []
    for name, count in order:
        if name in head:  # to the end of the chain, named by its last link that is not "case"
            links = [rule[name]]
            lead = head[name]
            while lead in head:
                links.append(rule[lead])
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
    """The words' spelling keys, for a name of two words or more whose first and last words are
    capitalised, or None (one word is too little to tell two people apart by spelling, and
    descriptions such as "the ministry" are not names)."""
    words = name.split()
    if len(words) < 2 or not (_capitalised(words[0]) and _capitalised(words[-1])):
        return None
    key = tuple(spelling_key(_bare(w)) for w in words)
    return key if all(key) else None


def _bare(word: str) -> str:
    """A word without a possessive ending or stray marks: "News'" and "Trump’s" -> "News",
    "Trump"."""
    return _POSSESSIVE.sub("", word).strip(".,;:'\"’")


def _common(word: str) -> bool:
    """A word that is a description's or an organisation's, not a surname: "News", "More",
    "Spokesman", "Ministry"."""
    word = word.lower()
    return (word in news_stop_words() or word in _ORG_HEADS or word in _ANY_HEADS
            or word in _TITLE_WORDS or word in _HONORIFICS)


def _full_name(words: list[str]) -> bool:
    """Two or three capitalised words that can end in a surname: not "The Kremlin", "Father
    Andriy", "Especially Poland", "Security Council", "Ministry Spokesman" or "READ MORE"."""
    words = [_bare(w) for w in words]
    return (2 <= len(words) <= 3 and all(_capitalised(w) for w in words)
            and not all(w.isupper() for w in words)
            and words[0] not in _NOT_NAME and not any(_common(w) for w in words))


def _given_names(quotes: pd.DataFrame, corpus: pd.DataFrame, text_column: str, id_column: str):
    """A function: one-word speaker -> for each article that quotes it alone, the capitalised
    words written right before it there ({"Andy"} for "Murray"), titles and sentence words left
    out."""
    texts = dict(zip(corpus[id_column].tolist(), corpus[text_column].tolist(), strict=True))
    speakers: dict[str, dict[object, None]] = defaultdict(dict)  # one-word speaker -> its articles
    for article, name in zip(quotes[id_column].tolist(), quotes["speaker"].tolist(), strict=True):
        if isinstance(name, str) and " " not in name.strip():
            speakers[name][article] = None

    def before(word: str) -> list[set[str]]:
        pattern = re.compile(r"\b([^\W\d_][\w'\u2019.\-]*)[ \t]+" + re.escape(word) + r"\b")
        out = []
        for article in speakers.get(word, ()):
            text = texts.get(article)
            found = {m.group(1) for m in pattern.finditer(text)} if isinstance(text, str) else set()
            out.append({w for w in map(_bare, found)
                        if _capitalised(w) and w not in _NOT_NAME and not _common(w)})
        return out

    return before


def _surnames(order, head: dict[str, str], rule: dict[str, str], given_names=None) -> None:
    """A one-word name counts as the full name ending in the same word (capitals aside) that is
    quoted at least as often (a name with a stray word in front is quoted far less than the
    word alone), when no other full name ending in it has a tenth of that one's quotes."""
    total: dict[str, int] = defaultdict(int)  # a group's quotes, under the name it counts as
    for name, count in order:
        total[_lead(name, head)] += count
    ending: dict[str, set[str]] = defaultdict(set)
    for name, _ in order:
        words = name.split()
        if _full_name(words):
            ending[_bare(words[-1]).casefold()].add(_lead(name, head))
    for name, _ in order:
        word = _bare(name.strip())
        if " " in word or not _capitalised(word) or name in head or _common(word):
            continue
        if len(_NOT_LETTER.sub("", word)) < MIN_SURNAME_LETTERS:
            continue
        rivals = sorted(ending.get(word.casefold(), ()), key=lambda lead: (-total[lead], lead))
        if not rivals or total[rivals[0]] < total[name]:
            continue
        if len(rivals) > 1 and total[rivals[1]] >= SURNAME_RIVAL_SHARE * total[rivals[0]]:
            continue
        if given_names is not None and _someone_else(name, rivals[0], head, given_names):
            continue
        head[name], rule[name] = rivals[0], "surname"


def _someone_else(word: str, full: str, head: dict[str, str], given_names) -> bool:
    """Whether one other given name ("Andy" before "Murray") is written before ``word`` in at
    least half of the articles that quote it alone, and in more of them than the given name of
    ``full`` (or of its spellings). A stray capitalised word ("Pyongyang Tillerson", a
    headline run into the text) is rarely the same twice."""
    mine = [n.split()[0] for n in (full, *(n for n in head if _lead(n, head) == full)) if " " in n]
    articles = given_names(word)
    ours = 0
    theirs: dict[str, int] = defaultdict(int)
    for names in articles:
        if any(_alike(n, m) for n in names for m in mine):
            ours += 1
        for n in names:
            if not any(_alike(n, m) for m in mine):
                theirs[n] += 1
    most = max(theirs.values(), default=0)
    return most > ours and most * 2 >= len(articles)


def _lead(name: str, head: dict[str, str]) -> str:
    while name in head:
        name = head[name]
    return name
