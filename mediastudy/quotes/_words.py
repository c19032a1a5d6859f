"""Word lists and patterns for finding quotations, reporting cues and speakers (private).

General English only: reporting verbs, titles, speaker nouns, pronouns. Nothing here comes
from any corpus; the rules must hold on articles nobody has seen.
"""

from __future__ import annotations

import re

# Reporting verbs. Regular ones are inflected by rule (say -> says, said...); the others list
# their third person, past and gerund.
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "admit": ("admits", "admitted", "admitting"),
    "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"),
    "agree": ("agrees", "agreed", "agreeing"),
    "quip": ("quips", "quipped", "quipping"),
    "testify": ("testifies", "testified", "testifying"),
    "worry": ("worries", "worried", "worrying"),
    "snap": ("snaps", "snapped", "snapping"),
    "guess": ("guesses", "guessed", "guessing"),
    "dub": ("dubs", "dubbed", "dubbing"),
    "beg": ("begs", "begged", "begging"),
    "read": ("reads", "read", "reading"),
    "point out": ("points out", "pointed out", "pointing out"),
    "refer to": ("refers to", "referred to", "referring to"),
    "go on": ("goes on", "went on", "going on"),
    "shoot back": ("shoots back", "shot back", "shooting back"),
    "fire back": ("fires back", "fired back", "firing back"),
}
_REGULAR = """tweet add note claim argue warn insist state declare explain announce stress emphasize
emphasise suggest acknowledge assert contend maintain respond answer ask recall conclude continue
complain allege confirm predict promise pledge vow report remark observe comment believe
concede boast joke caution reveal disclose indicate estimate wonder hint mention
shout chant exclaim whisper reiterate counter retort lament accuse fear recount proclaim
scoff muse hope call describe label brand yell scream plead posit demand bark mock retaliate""".split()
_VERBS: dict[str, tuple[str, ...] | None] = {**_IRREGULAR, **dict.fromkeys(_REGULAR)}
# verbs that introduce a clause of reported speech without quotation marks; the others
# (ask, read, put, continue, go on ...) only attribute a quotation
_REPORTED_ONLY = set("""say tell write think add note claim argue warn insist state declare explain
announce stress emphasize emphasise suggest admit acknowledge assert contend maintain reply
respond recall conclude complain allege deny confirm predict promise pledge vow report remark
observe comment believe agree concede boast testify caution reveal disclose indicate estimate
hint mention reiterate counter retort lament point_out fear worry recount proclaim hope
tweet""".split())


def _forms(base: str, given) -> list[str]:
    if given:
        return [base, *given]
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith(("s", "sh", "ch")):
        return [base, base + "es", base + "ed", base + "ing"]
    return [base, base + "s", base + "ed", base + "ing"]


_FORM_BASE: dict[str, str] = {}
for _b, _g in _VERBS.items():
    for _f in _forms(_b, _g):
        _FORM_BASE.setdefault(_f, _b.replace(" ", "_"))

_TITLE_WORDS = set("""president vice prime minister foreign defense defence interior finance secretary
senator sen sen. rep rep. representative gov gov. governor mayor spokesman spokeswoman spokesperson
press chief deputy former general gen gen. adviser advisor aide ambassador envoy chairman chairwoman
chair head leader director commander candidate nominee lawmaker congressman congresswoman judge
justice attorney lawyer professor prof prof. dr dr. mr mr. mrs mrs. ms ms. economist analyst expert
editor executive ceo founder co-founder manager strategist pollster official officer minister's
speaker majority minority whip state national security senior top campaign white house presidential
republican democratic democrat gop military army navy kremlin pentagon party host anchor columnist
correspondent reporter author activist pastor rev rev. pope king queen prince chancellor sheriff
miss
commissioner inspector master sergeant lt lt. col col. maj maj. capt capt. adm adm. sec sec.
u.s. us counsel czar tsar premier negotiator""".split())

# a noun before a quotation that names a work, not a speaker's words: "his book “...”"
_TITLE_NOUNS = frozenset("""show program programme book film movie documentary series column
podcast song album novel memoir play""".split())

# the head word of an organisation's name: "the Defence Ministry", "the White House"
_ORG_HEADS = frozenset("""ministry department office house council committee party agency service
bank union commission court government administration campaign team group institute association
federation company corporation network news times post journal foundation board bureau
parliament assembly congress senate army police alliance organization organisation center centre
staff press media tv television radio embassy intelligence
""".split())

_SPEAKER_HEADS = set("""spokesman spokeswoman spokesperson spokespeople official officials minister
ministry government statement report campaign senator president candidate source sources aide aides
police lawsuit study survey poll analyst analysts expert experts critic critics supporter supporters
opponent opponents leader leaders lawmaker lawmakers group groups organization organisation
committee agency department office administration company firm spokesmen prosecutor prosecutors
officer officers authorities authority army military court judge lawyer lawyers attorney attorneys
diplomat diplomats residents resident witness witnesses voters voter activist activists protesters
economist economists researchers researcher scientists scientist doctors doctor members member
advisers adviser advisor advisors strategist strategists insiders insider governor mayor ambassador
envoy chief head commander general secretary chairman chairwoman director executive executives
newspaper paper magazine outlet network website site post editorial article memo letter document
documents filing complaint release ad video book polls data union unions party parties
representative representatives congressman congresswoman host woman man people observers
pundits commentators reporters journalist journalists manager managers owner founder person
friend fan neighbor neighbour mother father wife husband son daughter boy girl student teacher
worker employee veteran user viewer reader caller attendee delegate donor tweet message email
posting spokesperson front-runner frontrunner businessman businesswoman billionaire mogul
narrator announcer moderator panelist protester demonstrator embassy soldier trader dealer
broker farmer politician media
""".split()) | {f"{n}-year-old" for n in range(1, 121)}  # "said the 46-year-old"
# a speaker noun, singular or plural
_ANY_HEADS = frozenset(_SPEAKER_HEADS) | {w + "s" for w in _SPEAKER_HEADS} | {
    w[:-1] + "ies" for w in _SPEAKER_HEADS if w.endswith("y") and w[-2:-1] not in "aeiou"}  # agencies
#: nouns that are plural without an "s" ("that police believe": "that" is no determiner there)
_PLURALS = frozenset(("police", "people", "media"))


def _plural(word: str) -> bool:
    """A plural noun by its ending, lower case ("officials", "police"; not "witness", "actress",
    "status", "analysis")."""
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))

_AUX_WORDS = set("""also later then again previously repeatedly once recently has have had would
will was is further publicly privately reportedly quickly flatly simply never often even still
initially first earlier separately has had reportedly already just only""".split())
_DAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
_LINKS = set("for of at from with".split())
#: prepositions not in _FUNCTION (which holds the commonest: of, to, in, on, at, for, with, by, from)
_PREPOSITIONS = frozenset("""after before over under during since until into onto upon about
against between among through without within across behind beyond near amid via per than""".split())
_PARTICLES = set("de van von der den al el bin da dos du la le del ibn zu y di ter ten".split())
_NOUN_MARKERS = set("the a an his her their its my our your this that these those".split())

_DETS = set("""the a an his her their its one some many other two three several another this that
these those""".split())
# nouns that end a phrase before a verb without being its speaker: "Trump at the time said"
_NOT_HEAD = set("""time times moment day days week weeks month months year years end past weekend
morning afternoon evening night start point while way case event meeting hearing interview
speech debate rally conference call session""".split())
_FUNCTION = set("""the a an and or but of to in on at for with by from that this these those it is was
are were be been has have had not no as if than then so very also just only more most""".split())
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s", "He": "m",
             "She": "f", "They": "p", "It": "n", "We": "p", "I": "s"}

# words that open a sentence but are no part of a name: "Then Trump said"
_NOT_NAME = set("""The A An And But Or So Then Now Later Also Still Yet However Meanwhile Instead
When While As If After Before Since Because Although Though On In At For With Without By From To
Of This That These Those There Here His Her Their Its Our My Your Speaking Asked Earlier
Last Next Both Even Only Just Again Indeed Moreover Furthermore Separately Similarly Finally
Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday According
What Who Why How Where Which Not No Nor Mr Mrs Ms Once Like Unlike Eventually Ultimately
Perhaps Upon Despite During Following Amid Whether Unless Until Thus Hence Therefore Otherwise
Nevertheless Nonetheless Additionally Currently Recently Initially Originally Previously
Subsequently Notably Apparently Clearly Obviously Overall""".split())
#: a reporting verb that opens a sentence before its speaker: "Said Trump: ..." (not in
#: _NOT_NAME: "Said" is a name too, as in Edward Said)
_INVERTED_OPENERS = frozenset("Said Says Added Adds Wrote Writes".split())

#: nationalities and the like: adjectives, not names, when written alone as a speaker
#: ("Western claims that ...", "according to Russian law", "British defence intelligence said")
_DEMONYMS = frozenset("""Afghan Albanian Algerian American Argentine Argentinian Armenian Australian
Austrian Azerbaijani Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian Cambodian
Canadian Chilean Chinese Colombian Croatian Cuban Cypriot Czech Danish Dutch Egyptian English
Estonian Ethiopian European Filipino Finnish French Georgian German Ghanaian Greek Hungarian
Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Japanese Jordanian Kazakh Kenyan
Korean Kurdish Kuwaiti Kyrgyz Latvian Lebanese Libyan Lithuanian Malaysian Mexican Moldovan
Mongolian Moroccan Nigerian Norwegian Pakistani Palestinian Peruvian Polish Portuguese Qatari
Romanian Russian Saudi Scottish Serbian Slovak Slovenian Somali Spanish Sudanese Swedish Swiss
Syrian Taiwanese Tajik Thai Turkish Turkmen Ugandan Ukrainian Uzbek Venezuelan Vietnamese Welsh
Yemeni Western Eastern Northern Southern African Asian Arab Baltic Nordic Scandinavian Soviet
Chechen Crimean Republican Democratic""".split())

def _adjective(text, word):
    """``word``, a speaker written as one capitalised word, is a nationality or the like used as
    an adjective ("Western claims that ...", "according to Russian law"): in
    :data:`_DEMONYMS` and nowhere in the text the surname of a name ("Mark Cuban",
    "Hugh Welsh": a capitalised first word before it that is no title, opener, direction or
    nationality). The text is read once, for all nationalities, however many cues ask."""
    if word not in _DEMONYMS:
        return False
    known = text.known_names() if hasattr(text, "known_names") else {}
    surnames = known.get("\0")  # the nationalities this text writes as surnames
    if surnames is None:
        surnames = known["\0"] = {
            m.group(2) for m in _DEMONYM_AFTER_A_WORD.finditer(text)
            if m.group(1) not in _NOT_NAME and m.group(1) not in _DEMONYMS
            and m.group(1) not in _DIRECTIONS and m.group(1).lower() not in _TITLE_WORDS}
    return word not in surnames


_DIRECTIONS = frozenset("North South East West Central Upper Lower Greater Pro Anti".split())
_DEMONYM_AFTER_A_WORD = re.compile(
    r"\b([A-Z][a-z]+) (" + "|".join(sorted(_DEMONYMS, key=len, reverse=True)) + r")\b")


#: month names: a month before a name is a date when a word of time or place comes before it
#: ("in April Romney said", "end of January Latinos say"; but "April Ryan said" is a person)
_MONTHS = frozenset("""January February March April May June July August September October
November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.""".split())
_BEFORE_A_DATE = frozenset("""in on since by until till of last early late mid next this from
through during before after each every""".split())
#: the words after which "of <Month>" is a date ("the end of June"; not "a daughter of June Carter")
_TIME_OF = frozenset("end beginning start middle rest half as".split())


def _dated(month: str, before: str, earlier: str = "") -> bool:
    """``month`` (a capitalised word) is a date, not a first name, after the word ``before``
    (lower case): "in April", "end of January"; after "of" only when the word before it,
    ``earlier`` (lower case), is a word of time ("a daughter of June Carter": a name)."""
    return month in _MONTHS and before in _BEFORE_A_DATE and (before != "of" or earlier in _TIME_OF)


def _described(word):
    """A capitalised word that describes, not names: "Harvard-educated", "Moscow-based",
    "President-elect" (a hyphen, then a word of :data:`_DESCRIBING`; not "Kim Jong-un")."""
    head, _, tail = word.rpartition("-")
    return head[:1].isupper() and tail in _DESCRIBING


#: the second part of a capitalised compound adjective: "Harvard-educated", "Kremlin-backed"
_DESCRIBING = frozenset("""educated based born backed led owned run era style made bred trained
funded linked allied affiliated aligned controlled installed appointed occupied held leaning
friendly oriented focused raised speaking elect designate sponsored supported inspired
registered headquartered area wide""".split())


#: words in -ly that are nouns or adjectives, not adverbs of how something was said ("the family
#: said", "who backed Trump early argue")
_LY_NOT_ADVERBS = frozenset("""family ally rally assembly daily weekly monthly quarterly yearly hourly
nightly supply reply elderly anomaly monopoly bully early likely friendly costly deadly
lovely lonely holy ugly silly orderly""".split())


def _adverb(low: str) -> bool:
    """A lower-case word in -ly between a speaker and a cue that is an adverb, skipped like
    an auxiliary: "the minister falsely claimed", "the ministry formally announced" (not out
    of a relative clause: "Voters who supported Trump overwhelmingly said" is no speech of Trump's,
    see :func:`_in_relative_clause`)."""
    return low[-2:] == "ly" and len(low) > 4 and low.isalpha() and low not in _LY_NOT_ADVERBS


def _describes(word):
    """A lower-case word that may describe the person named after it between commas, a noun
    ("billionaire", "activist"), not a participle, an adverb, a preposition or a function word
    ("filed against Google", "formerly Twitter", "citing Reuters", "now Meta")."""
    return word.isalpha() and word.islower() and word not in _FUNCTION and word not in _PREPOSITIONS \
        and word not in _AUX_WORDS and word not in _NOT_DESCRIBING and not _adverb(word) \
        and not (len(word) > 4 and word.endswith(("ed", "ing")))


_NOT_DESCRIBING = frozenset("now like unlike including except namely".split())


def _in_relative_clause(words, p):
    """The phrase whose first token is ``words[p]`` is inside a relative clause whose verb comes
    before it, the object, not the subject ("Voters who supported Trump", "People who met
    Obama"; not "a farm that officials say", where the phrase is the clause's subject)."""
    for k in range(p - 2, max(-1, p - 8), -1):
        w = words[k]
        if w in ("who", "which", "that"):
            after = words[k + 1]
            return after.isalpha() and after.islower() and after not in _FUNCTION \
                and after not in _DETS and after not in _PREPOSITIONS
        if not w[:1].isalnum():
            return False  # a mark ends the clause
    return False


# a token: a word (letters or digits, joined by ' \u2019 . - _, e.g. "U.S", "Trump's", with one
# full stop after it), a punctuation mark, or a full stop. The runs are possessive: nothing
# is matched twice.
_WORD = re.compile(r"[^\W_]++(?:[_'\u2019.\-]++[^\W_]++)*+\.?|[,;:!?\"\u201c\u201d()\u2014\u2013]|\.")
# Every scan of a whole text is linear: runs are matched possessively and from their first
# character only, so a long run of dots, letters or quotation marks is read once.
_QUOTE_AFTER_OPEN = (
    "(?=[^\u201c\u201d\"\\n]*?[^\\W\\d_])(?P<body>[^\u201c\u201d\"\\n]*)(?P<close>[\u201d\"]|(?=\\n)|\\Z)"
)
_QUOTE = re.compile("(?P<open>[\u201c\"])" + _QUOTE_AFTER_OPEN)
# the same for a text that holds only one of the opening marks: a pattern that starts with one
# character, which the engine finds about twice as fast as a character class
_QUOTE_STRAIGHT = re.compile('(?P<open>")' + _QUOTE_AFTER_OPEN)
_QUOTE_CURLY = re.compile("(?P<open>\u201c)" + _QUOTE_AFTER_OPEN)
_ABBREV = set("""mr mrs ms dr prof gen sen rep gov lt col maj capt st jr sr rev hon pres sgt adm u.s
u.k no vs inc corp co""".split())


def trie_pattern(words):
    """A regular expression matching any of ``words``, factored by common prefixes so the
    engine tries one branch per character instead of every word (linear, no backtracking
    across words)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node):
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


_CUE = re.compile(r"\b(?:" + trie_pattern(list(_FORM_BASE) + ["according to", "According to"]) + r")\b")


def _said_just_before(text, cs, lo):
    """``cs`` follows a quotation, its speaker and reporting verb and a comma ("“...,” Lavrov
    said, according to", "“...,” he told reporters, according to"): the quotation has its own
    speaker. Not a plain clause ("Apple announced the plan, according to Bloomberg")."""
    window = text[cs - 120 if cs - 120 > lo else lo:cs].rstrip()
    if not window.endswith(","):
        return False
    close = max(window.rfind("\u201d"), window.rfind('"'))
    if close < 0:
        return False
    words = window[close + 1:-1].split()
    return 2 <= len(words) <= 6 and any(w in _FORM_BASE for w in words)
