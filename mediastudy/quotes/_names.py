"""Who a speaker mention names (private): a full name for a surname or a pronoun, the
whole name of an organisation or a role, as the article wrote it earlier.

:func:`speaker_name` turns the speaker phrase of one attribution into the speaker's name;
:class:`Entities` holds what one article has named so far. General English only (see
:mod:`._words`).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ._phrases import _is_cap, _np_ending_at, _tokens, _trim_end
from ._words import (
    _ANY_HEADS,
    _DEMONYMS,
    _NOT_NAME,
    _ORG_HEADS,
    _PARTICLES,
    _PRONOUNS,
    _TITLE_WORDS,
    _dated,
    _described,
)

__all__ = ["Entities", "speaker_name"]

_NAME_RUN = re.compile(r"(?<![\w'\u2019\-])[A-Z][\w'\u2019\-]++(?:[ \t]++[A-Z][\w'\u2019\-]++){1,5}")


def speaker_name(ents, written, site):
    kind = site.kind
    if kind == "rel":
        words, found = _tokens(ents.text, max(0, site.ss - 220), site.ss)
        got = _np_ending_at(words, found, len(words) - 2) if len(words) >= 2 else None
        if got is None:
            return written
        written = ents.text[got[0]:_trim_end(ents.text, got[0], got[1])]
        kind = got[2]
    if kind == "pron":
        got = ents.resolve_pronoun(written, site.ss)
        if got is None:
            return None  # no one named: the pronoun as written is at speaker_start:end
        name, _ = got
        g = _PRONOUNS[written]
        # remember the gender the pronoun gave this person
        ents.add(site.ss, name, g if g in "mf" else None, "name" if g in "mf" else "desc")
        return name
    holder = ents.role_holder(written, site.ss)
    if holder is not None:
        ents.add(site.ss, holder, None, "name")
        return holder  # "the Defence Secretary": the person the article named in that role
    if kind == "name":
        name = ents.full_name(written, site.ss)
        if name.startswith(("the ", "The ")):
            name = name[4:]
        if name in _DEMONYMS:
            name = "the " + name  # "the Russian replied": someone described, not named
            ents.add(site.ss, name, None, "desc")
            return name
        if not _may_be_a_person(name):
            ents.add(site.ss, name, "n", "desc")  # "it said" may be it, "he said" never
            return name
        gender = None
        low = written.lower()
        if low.startswith(("mr.", "mr ", "sir ")):
            gender = "m"
        elif low.startswith(("mrs", "ms", "miss ", "dame ")):
            gender = "f"
        ents.add(site.ss, name, gender, "name")
        return name
    if " " not in written and written[:1].isupper() and written.lower() in _ANY_HEADS:
        written = written.lower()  # "Analysts said" at a sentence start: analysts
    elif written.startswith(("The ", "A ", "An ", "This ", "That ", "These ", "Those ")):
        written = written[0].lower() + written[1:]  # as in mid-sentence: "the Russian president"
    ents.add(site.ss, written, "p" if written.endswith("s") else "n", "desc")
    return written


def _may_be_a_person(name):
    """Whether a name may be a person's, for "he" and "she" to point back to: not when it ends
    in a word that names organisations and no one ("Defence Intelligence", "the Foreign
    Ministry"; "Margaret Court" and "Emily Post" are people) or holds a lower-case word other
    than a particle ("Georgian news Channel"; "Charles de Gaulle", "Bashar al-Assad" are people)."""
    words = name.split()
    return not (words[-1].lower() in _ONLY_ORGS
                or any(w[:1].islower() and w not in _PARTICLES and not w.startswith(("al-", "el-"))
                       for w in words[1:]))


#: organisation words that are no one's surname (unlike court, post, house, bank, press, union)
_ONLY_ORGS = frozenset("""ministry department office council committee agency service commission
government administration institute association federation company corporation network news
foundation bureau parliament assembly congress senate army police alliance organization
organisation embassy intelligence media tv television radio""".split())


_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w\u2019'\-]*)"
#: The name after a role: up to four capitalised words or initials (a full stop only after an
#: initial, so the name ends with its sentence).
_ROLE_NAME = re.compile(_NAME_WORD + r"(?: " + _NAME_WORD + r"){0,3}")


def _role_pattern(role):
    """Where an article writes ``role`` (its words, any case) before a name: "Defence
    Secretary Ben Wallace", "Kremlin spokesman Dmitry Peskov". Group 1: the name (see
    :data:`_ROLE_NAME`). Used only for a text whose lower-case form has other offsets
    (:meth:`Entities._role_sites` reads the others without a pattern per role)."""
    words = r" ".join(re.escape(w) for w in role.split())
    return re.compile(r"(?<![\w\-])(?i:" + words + r") (" + _ROLE_NAME.pattern + ")")


_ROLE_PATTERNS: dict = {}
#: How far back (characters) a role's holder is looked for ("the president" after "President X")
ROLE_WINDOW = 20_000
#: How far back (characters) a surname's first name is looked for (an article of 5,000 words is
#: about 30,000 characters): beyond, the surname stays as written.
FIRST_NAME_WINDOW = 30_000
#: words before a role that make it another one: "former President X", "the late president X"
_QUALIFIERS = frozenset("""former ex late then acting outgoing incoming interim shadow future
would-be assistant associate junior""".split())
#: the title words that end a role one person holds ("secretary", "spokesman"), not those of
#: an institution, a country or a rank in a phrase ("state", "u.s.", "kremlin", "senior")
_PERSON_ROLES = _TITLE_WORDS - frozenset("""us u.s. state national security senior top campaign
white house presidential republican democratic democrat gop military army navy kremlin pentagon
party press majority minority former deputy foreign defense defence interior finance vice
minister's""".split())
#: roles that name no one person in particular: "a minister said"
_NOT_ONE_HOLDER = ("a ", "an ", "A ", "An ")


class Entities:
    """Person and organisation mentions seen so far, for resolving pronouns and surnames."""

    def __init__(self, text):
        self.text = text
        self.speakers = []  # (pos, name, gender, kind)
        self.full = {}
        self.unnamed = {}  # surname -> where its search for a first name may start again
        self.lower = None  # the text in lower case, made for the first role looked up
        self.roles = {}  # a role -> [(position, name)] of "<role> <Name>" in the text

    def full_name(self, written, pos):
        """The fullest earlier mention containing the last word of ``written``."""
        parts = _name_parts(written)
        if parts is None:
            return written
        name, last, surname = parts
        if last is None:
            return name  # an organisation
        if surname:
            if last in self.full:
                return self.full[last]
            full = self._first_full(last, pos)
            if full:
                self.full[last] = full
                return full
            return name
        self.full[last] = name
        return name

    def _first_full(self, last, pos):
        """'Sergey Lavrov' for 'Lavrov': the first earlier mention with a first name (and an
        optional initial) before the surname. A search that found none is not done again:
        the next one for the surname starts after the mentions it looked at. It looks back at
        most :data:`FIRST_NAME_WINDOW` characters, so that an article of many surnames costs
        time in proportion to its length."""
        text = self.text
        start = max(self.unnamed.get(last, 0), pos - FIRST_NAME_WINDOW)
        i = text.find(last, start, pos)
        while i != -1:
            after = text[i + len(last):i + len(last) + 1]
            if not (after.isalnum() or after in "'\u2019-") or after in ("'", "\u2019"):
                words = text[max(0, i - 40):i].split()
                if words and len(words[-1]) == 2 and words[-1][1] == "." and len(words) >= 2:
                    first = words[-2:]
                else:
                    first = words[-1:]
                if first and all(_is_cap(w) and w.rstrip(".") not in _NOT_NAME
                                 and w.lower().rstrip(".") not in _TITLE_WORDS for w in first) \
                        and first[0][0].isalpha() and first[0][-1].isalpha() and text[i - 1:i] == " ":
                    # (not across a sentence or a clause: "in Kyiv. Nikita ...", "February, Ivan")
                    return " ".join([*first, last])
            i = text.find(last, i + 1, pos)
        self.unnamed[last] = max(start, pos - len(last) + 1)
        return None

    def resolve_pronoun(self, pron, pos):
        g = _PRONOUNS[pron]
        if g in ("s",):
            return None
        want_person = g in ("m", "f")
        for spos, name, sg, kind in reversed(self.speakers[-40:]):  # the last few speakers
            if pos - spos > 3000:
                break
            if want_person and kind == "name" and sg in (g, None) and " " in name:
                return name, spos
            if not want_person and (kind in ("desc", "name")) and sg in ("n", "p", None):
                return name, spos
        if want_person:
            # nearest earlier two-word capitalised name
            lo = max(0, pos - 600)
            best = None
            for m in _NAME_RUN.finditer(self.text, lo, pos):
                if self.text[m.start() - 1:m.start()] in ("\u201c", '"'):
                    continue  # a title or quoted words, not a person: “Good Morning America”
                run = m.group().split()
                ws = [w for w in run if w not in _NOT_NAME and w.lower() not in _TITLE_WORDS]
                if ws:
                    i = run.index(ws[0])
                    before = run[i - 1].lower() if i else _word_before(self.text, m.start())
                    earlier = _word_before(self.text, m.start() - 3) if before == "of" and not i else ""
                    if _dated(ws[0], before, earlier):
                        ws = ws[1:]  # "in February Vladimir Putin": Vladimir Putin
                if len(ws) == 1 and " " in self.full.get(ws[0], ""):
                    best = self.full[ws[0]]  # "Once Kugelmass got ...": the Kugelmass named before
                elif len(ws) >= 2 and ws[-1].lower() not in _ORG_HEADS:
                    best = _without_possessive(" ".join(ws))  # "Vladimir Putin's"
            if best:
                return best, None
        return None

    def role_holder(self, written, pos):
        """The person an article named in a role before ``pos`` ("Ben Wallace" for "the
        Defence Secretary" after "Defence Secretary Ben Wallace"), or None. Only a role
        (its last word a title word, "the" at most before it), named with the role on its own
        in the :data:`ROLE_WINDOW` characters before (not "former Prime Minister X", "vice president X",
        "Russian President X" for "the President": see :meth:`_role_mentions`), and only when
        all those mentions name one person (two presidents: None)."""
        last = written[written.rfind(" ") + 1:].lower()
        if last not in _PERSON_ROLES and last.rstrip(".") not in _PERSON_ROLES:
            return None  # (nearly always: a name, a pronoun, a plural)
        if written.startswith(_NOT_ONE_HOLDER):
            return None
        role = written[4:] if written.startswith(("the ", "The ")) else written
        words = role.split()
        if len(words) == 1 and role == written:
            return None  # "Judge said": a surname as often as a role ("the judge said")
        if len(words) > 4 or not all(w.lower().rstrip(".") in _TITLE_WORDS or _is_cap(w) for w in words):
            return None
        key = " ".join(words).lower()
        mentions = self.roles.get(key)
        if mentions is None:
            mentions = self.roles[key] = self._role_mentions(key)
        # the holders named in the role in the window before: one person, or none
        i = bisect.bisect_left(mentions, (pos,)) - 1
        if i < 0 or mentions[i][0] < pos - ROLE_WINDOW:
            return None
        lo = bisect.bisect_left(mentions, (pos - ROLE_WINDOW,))
        if len({m[1].split()[-1] for m in mentions[lo:i + 1]}) > 1:
            return None  # two presidents in the article: which one is "the president"?
        start, name = mentions[i]
        return self.full_name(name, start)

    def _role_mentions(self, key):
        """[(position, name)] of every "<role> <Name>" of the article, in order: the role on its
        own (after a function word, a verb, a mark or nothing), not "former", "late", "deputy",
        "vice", "shadow" or a country's adjective before it."""
        if self.lower is None:
            self.lower = self.text.lower()
        if self.lower.find(key) == -1:
            return []
        text = self.text
        out = []
        for start, name_start, name in self._role_sites(key):
            before = text[max(0, start - 30):start].rsplit(None, 1)[-1:]
            before = before[0] if before and text[start - 1:start].isspace() else ""
            low = before.lower()
            if low in _QUALIFIERS or low.rstrip(".") in _TITLE_WORDS or low.endswith(("\u2019s", "'s")) \
                    or (_is_cap(before) and before not in _NOT_NAME):
                continue  # "former President X", "vice president X", "Labour's shadow chancellor X"
            names = name.split()
            while names and (names[-1] in _NOT_NAME or names[-1].lower() in _TITLE_WORDS):
                names.pop()
            first = names[0] if names else ""
            if len(first) > 1 and not first.isupper() and first not in _NOT_NAME \
                    and first.lower().rstrip(".") not in _TITLE_WORDS \
                    and not any(w.lower() in _ORG_HEADS for w in names):
                out.append((name_start, _without_possessive(" ".join(names))))
        return out

    def _role_sites(self, key):
        """(start, name start, name) of each "<role> <Name>" of the text, ``key`` the role in
        lower case, its words one space apart, found as ``_role_pattern(key).finditer`` finds
        them: the role in any case, not inside a word or after a hyphen, one space, the name.
        The role is looked for in the lower-case text (a plain substring search; a pattern per
        role took a tenth of extract_quotes' time), unless lower-casing moved offsets."""
        text, lower = self.text, self.lower
        if len(lower) != len(text):  # e.g. "\u0130" lower-cases to two characters
            pattern = _ROLE_PATTERNS.get(key)
            if pattern is None:
                if len(_ROLE_PATTERNS) > 4096:
                    _ROLE_PATTERNS.clear()
                pattern = _ROLE_PATTERNS[key] = _role_pattern(key)
            return [(m.start(), m.start(1), m.group(1)) for m in pattern.finditer(text)]
        out = []
        n = len(key)
        at = lower.find(key)
        while at != -1:
            end = at + n
            prev = text[at - 1] if at else " "
            m = None
            if text[end:end + 1] == " " and not (prev.isalnum() or prev == "_" or prev == "-"):
                m = _ROLE_NAME.match(text, end + 1)
                if m is not None:
                    out.append((at, end + 1, m.group()))
            at = lower.find(key, m.end() if m is not None else at + 1)
        return out

    def add(self, pos, name, gender, kind):
        self.speakers.append((pos, name, gender, kind))


@lru_cache(maxsize=8192)
def _name_parts(written):
    """(name, last word, is it a lone word of 3+ characters) of a speaker written as
    ``written``, its titles dropped; (name, None, False) for an organisation, which keeps its
    words; None when no word is left. Cached: the same speakers come back article after
    article."""
    toks = _without_byline(written.split())
    for k in range(len(toks) - 3, -1, -1):
        if toks[k] in ("Sir", "Dame"):
            # "MP Sir Keir Starmer": the name after the title; "Sir Keir" is a given name,
            # kept with its title (no surname to resolve)
            toks = toks[k + 1:]
            break
    named = toks[1:] if toks and toks[0] in ("the", "The") else toks
    head = toks[-1].lower().rstrip(".,") if toks else ""
    of = "of" in toks or "for" in toks  # "Ministry of Defence", "Governor of Sevastopol ..."
    if of:  # "House of Representatives": an organisation's name, unless a title follows in it
        i = toks.index("of") if "of" in toks else toks.index("for")
        if i and toks[i - 1].lower() in _ORG_HEADS and not any(
                w.lower().rstrip(".,") in _TITLE_WORDS for w in toks[i + 1:]):
            return " ".join(named), None, False
    if head in _ORG_HEADS or head in _TITLE_WORDS:
        # an organisation keeps its words: "the Defence Ministry", "the White House", "The
        # Associated Press"; so does a role or an institution that is no one's name: "the
        # Pentagon", "the Russian president", "The Ukrainian President", "the Foreign
        # Secretary", "a Biden aide" (not Joe Biden, nor a person called Russian or Associated),
        # "the Ministry of Defence". (A person whose surname is also a title word, "Angus
        # King", keeps the name as written, unresolved.)
        return " ".join(named), None, False
    words = [w for w in toks if w.lower().rstrip(".") not in _TITLE_WORDS and w.rstrip(".") not in _NOT_NAME
             and not _described(w)]
    # keep what follows the last title word: "Kremlin spokesman Dmitry Peskov"
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower().rstrip(".") in _TITLE_WORDS and k + 1 < len(toks):
            rest = [w for w in toks[k + 1:] if _is_cap(w)]
            if rest:
                words = toks[k + 1:]
                if of:
                    # "Governor of Sevastopol Mikhail Razvozhaev", "Director of National
                    # Intelligence John Ratcliffe": the person is the last two capitalised
                    # words (three with an initial: "Antony J. Blinken")
                    n = 3 if len(rest) >= 3 and len(rest[-2].rstrip(".")) == 1 else 2
                    words = rest[-n:]
            break
    if not any(map(_is_cap, words)):
        return None  # nothing named: "the Singapore-based" stays as written
    for k in range(len(words) - 2, -1, -1):
        if words[k].islower() and words[k] not in _PARTICLES:
            # a person's name is its capitalised words: "new details surrounding Matt Lauer"
            # is Matt Lauer ("some Republicans", "grid operator ValGas": one word after, stay)
            if k <= len(words) - 3 and _is_cap(words[-1]):
                words = words[k + 1:]
            break
    words[-1] = _without_possessive(words[-1])  # "Putin's": Putin, looked up as Putin
    name = " ".join(words)
    last = words[-1].rstrip(".,")
    return name, last, len(words) == 1 and len(last) > 2


def _without_byline(toks):
    """The words of a name after a run of two or more words in capitals (a byline or a
    heading run into it: "ANNA MARSH FOR THE DAILY POST Tom Bryce"), when a word not in
    capitals follows the run."""
    caps = [len(w) > 1 and w.isupper() for w in toks]
    for k in range(len(toks) - 1, 0, -1):
        if caps[k] and caps[k - 1] and not any(caps[k + 1:]) and k + 1 < len(toks):
            return toks[k + 1:]
    return toks


def _word_before(text, pos):
    """The word just before ``pos`` (one space between), lower case, or ""."""
    if text[pos - 1:pos] != " ":
        return ""
    piece = text[max(0, pos - 13):pos - 1].rsplit(None, 1)
    return piece[-1].lower() if piece else ""


def _without_possessive(name):
    """``name`` without a final "'s" ("Putin's", "Putin\u2019s": Putin)."""
    return name[:-2] if name.endswith(("\u2019s", "'s")) else name
