"""Speaker phrases next to reporting cues (private).

A *site* is a reporting cue ("said", "told", "according to") with the noun phrase of its
speaker: before it ("Lavrov said"), after it ("said Lavrov", the inversion), across an
appositive ("Lavrov, the foreign minister, said"), a relative pronoun ("..., who said") or
the subject of the sentence for a participle ("..., adding that"). Every search looks at a
bounded window of tokens, so the work per cue is constant.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import itemgetter, methodcaller

from ._before import UNSURE, speaker_before
from ._extent import with_head, with_modifier, with_owner
from ._sentences import Doc, _sentence_start
from ._words import (
    _ABBREV,
    _ANY_HEADS,
    _AUX_WORDS,
    _CUE,
    _DAYS,
    _DETS,
    _FORM_BASE,
    _FUNCTION,
    _INVERTED_OPENERS,
    _LINKS,
    _NOT_HEAD,
    _NOT_NAME,
    _NOUN_MARKERS,
    _PARTICLES,
    _PRONOUNS,
    _SPEAKER_HEADS,
    _TITLE_WORDS,
    _WORD,
    _adjective,
    _adverb,
    _dated,
    _described,
    _describes,
    _in_relative_clause,
    _plural,
    _said_just_before,
)

_CLAUSE_STOP = set(';:!?"\u201c\u201d()\u2014\u2013')
_OBJECT_WORDS = set("reporters journalists me us him her them the press audience crowd supporters".split())


_CUE_BASE = {**_FORM_BASE, "according to": "according_to", "According to": "according_to"}
_STRONG = {"say", "tell", "add", "write", "tweet", "claim", "insist", "argue", "warn", "note", "explain"}
_OPENERS = set("""In On At After Before During When While As Since Despite Following Amid Asked
Speaking""".split())
# a word just before a cue that makes it a noun or an infinitive, not a reporting verb
_NOT_BEFORE_A_CUE = frozenset("""to the a an his her their its my our your this that these those
of for with without""".split())
_ASIDES = set("however though too meanwhile instead moreover furthermore nonetheless".split())
# "state" and "states" are nouns at least as often as reporting verbs ("state media", "member
# states", "swing states"): as cues they need what the verb takes after them (that, a colon or
# a quotation, in/on: "the Saudis state in the paper") or a quotation before their speaker
_STATE_FORMS = frozenset(("state", "states"))
_STATE_VERB_AFTER = re.compile(r'\s*(?:(?:that|in|on)\b|:|["\u201c]|[.,]\s*["\u201c])')
_NAMING = {"call", "describe", "dub", "label", "refer_to", "brand", "term"}
# what a speaker issues: "<speaker> issued a statement saying ..."
_DOCUMENTS = frozenset("""statement ad advert advertisement email e-mail message letter memo
release tweet post video text""".split())


class Site:
    __slots__ = ("cs", "ce", "cue", "base", "ss", "se", "kind", "inverted", "used")

    def __init__(self, cs, ce, cue, base, ss, se, kind, inverted):
        self.cs, self.ce, self.cue, self.base = cs, ce, cue, base
        self.ss, self.se, self.kind, self.inverted = ss, se, kind, inverted
        self.used = False


_GROUP = itemgetter(0)
_SPAN = methodcaller("span")


def _tokens(text, lo, hi):
    """The tokens of text[lo:hi]: their words, and their matches (for ``.start()`` and
    ``.end()``, asked for the few tokens of an answer). Both lists are built in C."""
    found = list(_WORD.finditer(text, lo, hi))
    return list(map(_GROUP, found)), found


def _is_cap(w):
    return w[:1].isupper()


def _ends_no_clause(text, k):
    """The full stop at k ends no clause: the last word of the 6 characters before it is an
    abbreviation or one character ("Mr.", "J.")."""
    word = text[max(0, k - 6):k].rsplit(None, 1)
    return bool(word) and (word[-1].lower() in _ABBREV or len(word[-1]) == 1)


def _subject_before(text, cs, lo, strong=False):
    """The speaker noun phrase ending just before a cue at cs: (start, end, kind) or None,
    looking back to the start of its clause (:func:`_clause_floor`, not before lo)."""
    if text[cs - 1:cs] == " ":
        j = text.rfind(" ", cs - 90 if cs - 90 > lo else lo, cs - 1)
        if j != -1:
            word = text[j + 1:cs - 1]
            # the commonest case, without tokenising: "he said", "she told"
            if j >= cs - 6 and word in _PRONOUNS:
                return j + 1, cs - 1, "pron"
            # next commonest: a plain lower-case word that ends no speaker ("and called", "to
            # continue"): the answer of the token scan below, without tokenising
            if _ends_no_speaker(word, strong):
                return None
            # a speaker of plain words: "Foreign Minister Sergey Lavrov said", "Trump also
            # said", "the Greek coast guard said", "she has said"
            got = speaker_before(text, j, cs, lo, strong)
            if got is not UNSURE:
                return got
        # Neither answer depends on where the clause starts: a clause start after the space
        # found would put a stop character inside the word, which is then no pronoun and no
        # plain word. So the clause start is looked up only here.
    lo = _clause_floor(text, cs, lo)
    near = max(lo, cs - 90)
    if near > lo and "," in text[near:cs]:
        near = max(lo, cs - 220)  # room for an appositive
    words, found = _tokens(text, near, cs)
    i = len(words) - 1
    adverb = False  # an adverb in -ly was skipped
    # skip auxiliaries and adverbs: "Trump also said", "he has said", "Trump on Monday said"
    while i >= 0:
        w = words[i].lower().rstrip(".")
        if w in _AUX_WORDS or (words[i].islower() and _adverb(w)):
            adverb = adverb or w not in _AUX_WORDS
            i -= 1
        elif w in _DAYS and i >= 1 and words[i - 1].lower() == "on":
            i -= 2
        elif w in _DAYS:
            i -= 1
        elif w == ")":
            # a parenthesis after the name: "Sen. Chuck Schumer (D-N.Y.) said"
            k = i - 1
            while k >= 0 and i - k < 8 and words[k] != "(":
                k -= 1
            if k < 1 or words[k] != "(":
                break
            i = k - 1
        else:
            break
    if i < 0:
        return None
    last = words[i]
    if last.lower() in _NOUN_MARKERS or last.endswith(("\u2019s", "'s")):
        return None  # "his claim", "Trump's remarks": the cue word is a noun here
    if last in ("who", "which") and i >= 2 and words[i - 1] == ",":
        got = _np_ending_at(words, found, i - 2)
        if got and got[2] in ("name", "desc"):
            return found[i].start(), found[i].end(), "rel"
        return None
    if last in _PRONOUNS:
        # "he said" but not "that he said" inside a clause: still a subject
        if adverb and _in_relative_clause(words, i):
            return None
        return found[i].start(), found[i].end(), "pron"
    if last == ",":
        # appositive: "Lavrov, the foreign minister, said", "Richards, secretary for x, y and z, said"
        j = i - 1
        inner = _inner_name(words, found, i)
        while j >= 1 and i - j < 45 and words[j] not in _CLAUSE_STOP:
            if words[j] == "," and i - j == 2 and words[j + 1].lower() in _ASIDES:
                # "Proponents of the bill, however, say"
                got = _np_ending_at(words, found, j - 1, strong)
                if got and got[2] in ("name", "desc", "pron"):
                    return got
            if words[j] == "," and i - j >= 2:
                got = _np_ending_at(words, found, j - 1, strong)
                if got and got[2] in ("name", "desc"):
                    if inner is not None and (got[2] == "desc" or any(map(_role, words[max(0, j - 6):j]))):
                        # "the foreign minister, Sergey Lavrov, said", "Minister for Arts and
                        # Sport, Dawn Bowden, said": the person, not the role
                        return inner
                    return got
            j -= 1
        return inner  # "Russian deputy foreign minister, Sergei Ryabkov, said"
    got = _np_ending_at(words, found, i, strong)
    if adverb and got is not None:
        p = i
        while p > 0 and found[p - 1].start() >= got[0]:
            p -= 1
        if _in_relative_clause(words, p):
            return None
    return got


def _role(word):
    """The word ends a role, not a person's name ("President", "minister")."""
    return word.lower().rstrip(".") in _TITLE_WORDS


def _inner_name(words, found, i):
    """The name written whole between the last two commas before a cue (``words[i]``: the
    last comma), as (start, end, "name"), or None."""
    if i < 3 or not _is_cap(words[i - 1]):
        return None
    got = _np_ending_at(words, found, i - 1)
    if got is None or got[2] != "name":
        return None
    k = i - 1
    while k > 0 and found[k - 1].start() >= got[0]:
        k -= 1
    m = k  # the name's first word; lower-case words before it describe the person: ", billionaire X,"
    while k > 1 and m - k < 2 and _describes(words[k - 1]):
        k -= 1
    if k < 2 or words[k - 1] != "," or _role(words[i - 1]) or words[m] in _PLACE_OPENERS:
        return None
    head = words[k - 2].lower().rstrip(".")
    if i - k < 2 and not (head in _TITLE_WORDS or head in _ANY_HEADS):
        # one word after a name is the state or country of a town ("the mayor of Springfield,
        # Illinois, said"), after a speaker noun a name ("his mother, Luda, said"); nor are
        # "New Hampshire" and the like people
        return None
    return got


_PLACE_OPENERS = frozenset("New North South East West Rhode Los Las San Santa Saint St.".split())


_KEEP_LOOKING = _AUX_WORDS | _DAYS | {"who", "which"} | {p for p in _PRONOUNS if p.islower()}


def _ends_no_speaker(word, strong):
    """What :func:`_subject_before` decides for a cue whose last token before it is ``word``,
    a plain lower-case word: True when it finds no speaker. False when it would look further
    (an auxiliary, a day, a pronoun, "who"/"which", a speaker noun) or the word is no plain
    lower-case word."""
    if not (word.isascii() and word.isalpha() and word.islower()) or word in _KEEP_LOOKING \
            or _adverb(word):
        return False
    if word in _NOUN_MARKERS or word in _NOT_HEAD:
        return True
    return not (word in _SPEAKER_HEADS or (word.endswith("s") and word[:-1] in _SPEAKER_HEADS)
                or (strong and word not in _FUNCTION))


def _np_ending_at(words, found, i, strong=False):
    """A noun phrase whose last token is words[i] (``found``: the tokens' matches)."""
    w = words[i]
    wl = w.lower().rstrip(".")
    end = found[i].end()
    if w[:2] in ("I'", "I\u2019") and len(w) <= 4:
        return found[i].start(), found[i].start() + 1, "pron"  # "I'm", "I've": the pronoun I
    if _is_cap(w) and w not in ("I",) and wl not in _DAYS:
        j = i
        while j - 1 >= 0:
            p = words[j - 1]
            pl = p.lower().rstrip(".")
            if (_is_cap(p) and p.rstrip(".") not in _NOT_NAME) or pl in _TITLE_WORDS or pl in _PARTICLES:
                j -= 1
            else:
                break
        while j < i and words[j].rstrip(".") in _NOT_NAME:
            j += 1
        if j < i and j > 0 and _dated(words[j], words[j - 1].lower(), words[j - 2].lower() if j > 1 else ""):
            j += 1  # "in April Romney said": Romney
        if words[j].rstrip(".") in _NOT_NAME:
            return None
        if j == i and (wl in _SPEAKER_HEADS or (wl.endswith("s") and wl[:-1] in _SPEAKER_HEADS)):
            return found[i].start(), end, "desc"  # "Analysts said": a sentence-initial common noun
        # "a spokesman for the Kremlin", "the leader of Hamas"
        k = j
        has_the = k >= 1 and words[k - 1].lower() == "the"
        if has_the:
            k -= 1
        if k >= 2 and words[k - 1].lower() in _LINKS:
            d = _desc_ending_at(words, found, k - 2)
            if d:
                return d[0], end, "desc"
        return found[k].start(), end, "name"
    if wl in _NOT_HEAD:
        return None
    if wl in _SPEAKER_HEADS or (wl.endswith("s") and wl[:-1] in _SPEAKER_HEADS) or (
            strong and wl.isalpha() and wl not in _FUNCTION):
        d = _desc_ending_at(words, found, i)
        if d:
            return d[0], end, "desc"
        if _plural(wl) and wl in _SPEAKER_HEADS:
            return found[i].start(), end, "desc"  # bare plural: "officials said"
    return None


def _desc_ending_at(words, found, i):
    """'the Florida senator', 'a White House spokesman': determiner + up to 4 words."""
    for j in range(i, max(-1, i - 6), -1):
        t = words[j]
        if t.lower() in _DETS:
            if t.lower() == "that" and _plural(words[i].lower()):
                return None  # "a farm that officials say": a relative pronoun
            return found[j].start(), found[i].end()
        if not t[:1].isalnum():
            return None
    return None


def _subject_after(text, ce, hi):
    """'said Trump', 'said the senator', 'said Foreign Minister Sergey Lavrov'."""
    # all that is looked at below lies in the first 10 tokens, except a name running on after
    # "a spokesman for", which reads the rest
    more = _WORD.finditer(text, ce, min(hi, ce + 100))
    found = list(islice(more, 10))
    words = list(map(_GROUP, found))
    if not words:
        return None
    w = words[0]
    if w in ("he", "she", "they", "it", "we", "I"):
        return found[0].start(), found[0].end(), "pron"
    if w == "that":
        return None  # "said that Moscow ...": what was said, not who said it
    i = 0
    if w.lower() in _DETS:
        i = 1
    elif w.islower() and w.isalpha() and w not in _FUNCTION:
        k = 0
        while k < 3 and k < len(words) and words[k].islower() and words[k].isalpha() \
                and words[k] not in _FUNCTION:
            k += 1
        if 0 < k < len(words) and _is_cap(words[k]) and words[k].rstrip(".") not in _NOT_NAME:
            # "said former Rep. Steve Israel", "said senior adviser John Smith": the name is
            # read as after a determiner, the lower-case words kept in the phrase
            i = k
    j = i
    while j < len(words) and j - i < 7:
        t = words[j]
        tl = t.lower().rstrip(".")
        if _is_cap(t) or tl in _TITLE_WORDS or (j > i and tl in _PARTICLES):
            j += 1
            if t.endswith(".") and len(t) > 2 and tl not in _ABBREV:
                break
        elif j > i and tl in _ANY_HEADS and t[-1] != "." and j + 1 < len(words) \
                and _is_cap(words[j + 1]) and words[j + 1].rstrip(".") not in _NOT_NAME:
            j += 1  # a speaker noun before a name: "wrote Russian journalist Alexander Sladkov"
        elif t == "of" and j > i and j + 1 < len(words) and _is_cap(words[j + 1]) \
                and all(words[k].lower().rstrip(".") in _TITLE_WORDS for k in range(i, j)):
            j += 1  # a title with "of": "Secretary of State Antony Blinken"
        else:
            break
    if j == i and i == 0 and (w.lower() in _SPEAKER_HEADS or w.lower()[:-1] in _SPEAKER_HEADS):
        return found[0].start(), found[0].end(), "desc"
    named = any(_is_cap(words[k]) and not _described(words[k]) for k in range(i, j))
    if i == 1 and (j == i or not named):
        # "said a spokesman", "said the senator", "said a spokesman for the Kremlin", "said the
        # Singapore-based trader"
        for k in range(1, min(len(words), 5)):
            tl = words[k].lower().rstrip(".")
            if not words[k][:1].isalnum():
                break
            if tl in _SPEAKER_HEADS:
                end = found[k].end()
                if k + 2 < len(words) and words[k + 1].lower() in _LINKS:
                    m = k + 2
                    if words[m].lower() == "the" and m + 1 < len(words):
                        m += 1
                    if _is_cap(words[m]):
                        while True:
                            if m + 1 == len(words):
                                _read_rest(more, found, words)
                            if m + 1 == len(words) or not _is_cap(words[m + 1]) or words[m].endswith("."):
                                break
                            m += 1
                        end = found[m].end()
                    elif words[m].lower().rstrip(".") in _SPEAKER_HEADS:
                        end = found[m].end()  # "a spokesman for the ministry"
                return found[0].start(), end, "desc"
        return None
    if j == i:
        return None
    if i == 1 and not any(_is_cap(words[k]) for k in range(i, j)):
        return None
    start = found[0].start()
    if i == 0 and words[0].rstrip(".") in _NOT_NAME:
        return None
    end = found[j - 1].end()
    # a trailing lowercase title word ("said the Kremlin spokesman") is part of the phrase
    return start, end, "name" if any(_is_cap(words[k]) for k in range(i, j)) else "desc"


def _read_rest(more, found, words):
    """Add the tokens left in the iterator ``more`` (none when all were read)."""
    rest = list(more)
    found += rest
    words += map(_GROUP, rest)


def _sentence_subject(text, s, e, depth=0):
    """The first pronoun or name of a sentence, skipping an opening phrase that ends in a comma."""
    # the subject is among the first words: all that is looked at below lies in the first 30
    # tokens of the 240 characters, except a name running on, which reads the rest. Without an
    # opening phrase, only a comma among the first 6 tokens counts and the subject is looked
    # for up to the 10th: 10 are read first, the other 20 only for a name running past them
    more = _WORD.finditer(text, s, min(e, s + 240))
    found = list(islice(more, 30 if depth else 10))
    words = list(map(_GROUP, found))
    opening = depth > 0 or (words and words[0] in _OPENERS)
    short = len(found) == 10 and not depth  # the first 10 read of more than 10
    if short and opening:
        _read_rest(islice(more, 20), found, words)
        short = False
    first = 0  # where the subject is looked for
    for k, w in enumerate(words[:25] if depth == 0 else ()):
        if w == ",":
            if (k < 6 or opening) and k + 2 < len(words):
                first = k + 1
            break
    for k in range(first, min(first + 4, len(words))):
        w = words[k]
        if w in _PRONOUNS:
            return found[k].start(), found[k].end(), "pron"
        if k == first and w in _INVERTED_OPENERS and k + 1 < len(words) and _is_cap(words[k + 1]):
            continue  # "Said Trump: ...": Trump
        if _is_cap(w) and w.rstrip(".") not in _NOT_NAME:
            m = k
            while True:
                if m + 1 == len(words) and short:
                    _read_rest(islice(more, 20), found, words)  # as if 30 were read at first
                    short = False
                if m + 1 == len(words):
                    _read_rest(more, found, words)
                if not (m + 1 < len(words) and (_is_cap(words[m + 1]) or words[m + 1].lower() in _PARTICLES)):
                    break
                m += 1
            if opening and k == first and m + 3 < len(words) and words[m + 1] == "," and depth < 2:
                # still the opening phrase ("Speaking in Salem, New Hampshire, Trump said"),
                # unless nothing follows that could be the subject ("Obama, the president,")
                later = _sentence_subject(text, found[m + 2].start(), e, depth + 1)
                if later is not None:
                    return later
            return found[k].start(), found[m].end(), "name"
        if not w[:1].isalnum():
            return None
    return None


def _trim_end(text, s, e):
    if text[e - 1:e] == "." and e - s > 2:
        word = text[s:e].rsplit(None, 1)[-1]
        if not (len(word) <= 4 and word[:-1].lower() in _ABBREV) and not (len(word) == 2):
            if word[:-1].lower() not in ("jr", "sr", "inc", "co", "corp", "ltd"):
                return e - 1
    return e


def find_sites(text, lo=0, hi=None, candidates=None):
    """Every reporting cue with its speaker phrase. ``candidates``: ascending positions where
    a cue may start (from :func:`._scan.cue_candidates`); None scans the text."""
    if not isinstance(text, Doc):
        text = Doc(text)
    hi = len(text) if hi is None else hi
    sites = []
    cues = map(_SPAN, _CUE.finditer(text, lo, hi)) if candidates is None \
        else _confirmed(text, lo, hi, candidates)
    for cs, ce in cues:
        cue = text[cs:ce]
        base, participle, strong = _CUE_INFO.get(cue) or _cue_info(cue)
        if cs > lo and text[cs - 1] == " ":
            before = text[cs - 12 if cs - 12 > lo else lo:cs].rsplit(None, 1)
            if before and before[-1].lower() in _NOT_BEFORE_A_CUE:
                continue  # "to say", "the report", "his claims": no attribution here
        if base == "according_to":
            if _said_just_before(text, cs, lo):
                continue  # "“...,” Lavrov said, according to TASS": Lavrov's words, TASS's report
            got = _subject_after(text, ce, hi)
            if got and got[2] == "name":
                got = with_head(text, *got, stop=hi)  # "according to Russian media"
            if got and not (got[2] == "name" and _adjective(text, text[got[0]:got[1]])):
                sites.append(Site(cs, ce, cue, base, got[0], _trim_end(text, got[0], got[1]), got[2], True))
            continue
        # the clause before the cue: cut at a sentence end or a quotation mark
        prev = text[cs - 4 if cs - 4 > lo else lo:cs].rstrip(" *")
        inverted = False
        got = None
        if participle:
            # "..., adding that ...", "Bradley apologized, saying ...": the sentence's subject;
            # a participle's subject never follows it
            if prev.endswith((",", "\u201d", '"', "\u2014")):
                got = _sentence_subject(text, _sentence_start(text, cs, lo), cs)
            if got is None and not prev.endswith(","):
                got = _subject_before(text, cs, lo, False)
                if got is not None and got[2] == "desc" and \
                        text[got[0]:got[1]].rsplit(None, 1)[-1].lower() in _DOCUMENTS:
                    # "Trump released an ad calling it ...": the ad's author speaks
                    author = _sentence_subject(text, _sentence_start(text, cs, lo), got[0])
                    if author is not None and author[2] in ("name", "pron"):
                        got = author
        else:
            # (what follows "told" is who was told: "..., told Russian media")
            inverts = base != "tell"
            if inverts and (prev.endswith(("\u201d", '"', "\u2014", "\n", ",\u201d", ',"')) or not prev):
                # a quotation or a dash just before: "...," said Trump
                got = _subject_after(text, ce, hi)
                inverted = got is not None
            if got is None:
                got = _subject_before(text, cs, lo, strong)
            if got is None and inverts and prev.endswith(","):
                got = _subject_after(text, ce, hi)
                inverted = got is not None
        if got is None:
            continue
        if base == "state" and cue.lower() in _STATE_FORMS and got[2] != "pron" \
                and not _states_something(text, cs, ce, got[0]):
            continue  # "Russian state media", "Baltic states" ("they state", "it states": verbs)
        ss, se, kind = got
        if kind != "pron" and ss < cs:
            # (with_head keeps a phrase that the cue follows within two characters, nearly
            # always: "Trump said"; neither call makes a pronoun nor moves the start on)
            if kind == "name" and se + 2 < cs:
                ss, se, kind = with_head(text, ss, se, kind, stop=cs)
            elif kind == "desc":
                ss, se, kind = with_modifier(text, ss, se, kind, lo)
            ss, se, kind = with_owner(text, ss, se, kind, lo)
        if kind == "name" and _adjective(text, text[ss:se]):
            continue  # "Western claims that ...": an adjective, no speaker
        if text[se - 1] == ".":
            se = _trim_end(text, ss, se)
        sites.append(Site(cs, ce, cue, base, ss, se, kind, inverted))
    return sites


def _states_something(text, cs, ce, ss):
    """The cue "state(s)" at ``cs:ce`` with its speaker at ``ss`` is the verb (see
    _STATE_FORMS): what follows is what the verb takes, or a quotation ends just before."""
    if _STATE_VERB_AFTER.match(text, ce):
        return True
    first = min(cs, ss)
    return text[first - 4 if first > 4 else 0:first].rstrip(" *").endswith(("\u201d", '"'))


def _cue_info(cue):
    """(base form, is it a participle ("adding", "referring to"), is it a strong cue)."""
    base = _CUE_BASE.get(cue, "")
    return base, cue.split(None, 1)[0].endswith("ing") and base != "according_to", base in _STRONG


_CUE_INFO = {cue: _cue_info(cue) for cue in _CUE_BASE}  # (one lookup per cue word)


def _confirmed(text, lo, hi, candidates):
    """The spans of the cue matches at the candidate positions (``[start, end, ...]`` of
    RE2's matches), as ``_CUE.finditer(text, lo, hi)`` finds them (a candidate inside an
    earlier match is passed over). RE2's match is taken as it is when the characters on both
    sides of it are ASCII (or the text's edges): there its ``\\b`` and Python's agree, and
    Python's, stricter elsewhere, would refuse no branch RE2 took nor take one RE2 refused."""
    match = _CUE.match
    n = len(text)
    last = lo
    for p, e in zip(candidates[::2], candidates[1::2], strict=True):
        if p < last:
            continue
        if p >= hi:
            break
        if (e < hi and text[e] < "\x80" or e == n == hi) and (p == 0 or text[p - 1] < "\x80"):
            last = e
            yield p, e
            continue
        m = match(text, p, hi)
        if m is not None:
            last = m.end()
            yield m.span()


def _clause_floor(text, cs, lo):
    """Where the clause holding cs starts: after the last clause stop (at most 220 characters
    back): a quotation mark, colon, semicolon, line break, ! or ?, or a full stop followed by
    a white space and a capital or an opening quotation mark, unless it ends an abbreviation or a
    one-character word ("Mr.", "J."). Searched back from cs, only for the cues that need it
    (about half): one ``rfind`` per stop character, then the full stops after the last one."""
    start = max(lo, cs - 220)
    window = text[start:cs]
    last = max(map(window.rfind, _STOP_CHARS))  # -1: none
    k = window.rfind(".")
    while k > last:
        p = start + k
        if text[p + 1:p + 2].isspace() and text[p + 2:p + 3] in _AFTER_STOP \
                and not _ends_no_clause(text, p):
            return p + 1
        k = window.rfind(".", 0, k)
    return start + last + 1 if last >= 0 else start


_STOP_CHARS = '!?;:"\u201c\u201d\n'
_AFTER_STOP = frozenset('"\u201cABCDEFGHIJKLMNOPQRSTUVWXYZ')
