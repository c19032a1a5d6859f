"""Quotations and reported speech of one text, attributed to speakers (private).

:func:`attribute_text` finds the quotations (:func:`find_quotes`) and the reporting cues with
their speakers (:func:`._phrases.find_sites`), pairs them (speaker after the quotation, before
it, reported clause holding it, continuation of the previous speaker), adds reported speech
from the remaining cues, and resolves each speaker to a name (:class:`Entities`).
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from operator import attrgetter, itemgetter

from ._extent import with_head
from ._marks import single_as_double
from ._names import Entities, speaker_name
from ._phrases import (
    _AUX_WORDS,
    _DETS,
    _NAMING,
    Site,
    _is_cap,
    _sentence_subject,
    _tokens,
    _trim_end,
    find_sites,
)
from ._sentences import Doc, _sentence_end, _sentence_start
from ._words import (
    _QUOTE,
    _QUOTE_CURLY,
    _QUOTE_STRAIGHT,
    _REPORTED_ONLY,
    _TITLE_NOUNS,
    _WORD,
    _adjective,
)

# what may stand between a cue and the clause it reports: "on Tuesday", "in a statement",
# "in an interview with the Daily Post" (every repeat bounded: no backtracking blow-up)
# the words after "according to X" that start a clause, not words of X ("according to the UN more
# than 8 million fled", "according to officials there were no deaths"; but "according to people
# familiar with the matter", "according to officials who ...", "according to a letter the
# company sent": X runs on, and what comes before it is reported)
_CLAUSE_AFTER_SOURCE = re.compile(
    r"\s*(?:(?:more|fewer|less) than (?=[\d$])|(?:at least|nearly|almost|about|some|roughly|around"
    r"|approximately|over|up to|as many as|only|just) (?=[\d$])"
    r"|there (?:is|are|was|were|has|have|had|will|would)\b)")
_CUE_TAIL = re.compile(
    r"\s*(?:(?:on|last|this)\s+\w+\s+"
    r"|in\s+(?:a|an|his|her)\s+(?:\w+\s+){0,3}?(?:statement|interview|speech|letter|post|tweet|op-ed)"
    r"(?:\s+(?:with|on|to)\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*)?\s*,?\s*)?"
)
MIN_WORDS = 5  # an unattributed quotation shorter than this is a scare quote or a title
MAX_TEXT = 1_000_000  # characters of one article looked at (extract_quotes warns beyond)
MAX_QUOTE = 5_000  # a longer "quotation" in one paragraph is a stray mark


def find_quotes(text):
    """Spans (content start, content end, open, close) of quotations; quotes that run over
    paragraphs (no closing mark at the paragraph end, next paragraph opening with a mark) are
    joined; other unclosed marks are skipped."""
    out = []
    pending = None  # an unclosed quotation waiting for the next paragraph
    for m in _quote_pattern(text).finditer(text):
        o, end = m.span()
        body_s, body_e = m.span("body")
        closed = end != body_e  # (the closing mark, or nothing, ends the match)
        if pending is not None:
            # the next paragraph must open with this mark, right after the break
            between = text[pending[1]:o]
            if between.strip(" \t\r\n*") == "" and "\n" in between:
                if closed:
                    out.append((pending[0], body_e, pending[2], end))
                    pending = None
                    continue
                pending = (pending[0], body_e, pending[2])
                if body_e - pending[0] > MAX_QUOTE * 4:
                    pending = None
                continue
            pending = None
        if not closed:
            pending = (body_s, body_e, o)
            continue
        if body_e - body_s > MAX_QUOTE:
            continue
        # the seed's *"..."* markup: drop the asterisks
        out.append((body_s, body_e, o, end))
    return out


def _quote_pattern(text):
    """``_QUOTE``, or the same for a text that has only one kind of opening mark (faster)."""
    if '"' not in text:
        return _QUOTE_CURLY
    if "\u201c" not in text:
        return _QUOTE_STRAIGHT
    return _QUOTE


def _has_words(text, s, e, n):
    """text[s:e] holds at least n words (whitespace-separated pieces); splits no further."""
    return len(text[s:e].split(None, n - 1)) >= n


def _is_title(text, quote):
    """A quotation that names a show, a book or a film rather than quoting anyone: at most
    six title-case words after a possessive, "on" or a noun such as "book" ("on ABC's “Good
    Morning America”", "his book “The Art of the Deal”"). It gets no row and takes no cue."""
    qs, qe, qo, _ = quote
    # the word before first: it rarely fits, and it is read without copying the quotation
    before = text[qo - 40 if qo > 40 else 0:qo].rstrip(" *").rsplit(None, 1)
    if not before:
        return False
    word = before[-1]
    if not (word.endswith(("\u2019s", "'s", "s\u2019", "s'")) or word in ("on", "On")
            or word.lower() in _TITLE_NOUNS):
        return False
    words = text[qs:qe].rstrip(" ,.*").split(None, 6)  # (7 pieces: more than six words)
    return 0 < len(words) <= 6 and all(w[:1].isupper() or (len(w) <= 3 and w.islower()) for w in words)



def attribute_text(text, cue_candidates=None):
    """Rows (start, end, direct, speaker, speaker_start, speaker_end, cue, rule, confidence)
    of one text, in text order. ``cue_candidates``: see :func:`._phrases.find_sites`."""
    text = Doc(single_as_double(text[:MAX_TEXT]))  # the same length, the same offsets
    quotes = [q for q in find_quotes(text) if not _is_title(text, q)]
    sites = _outside_quotes(find_sites(text, candidates=cue_candidates), quotes)
    cue_starts = [s.cs for s in sites]  # (in cue order)
    rows = [_attribute_quote(text, q, sites, cue_starts) for q in quotes]
    reported = _reported_rows(text, sites)
    rep_starts = [r[0] for r in reported]
    last_site, last_end = None, -1
    para = "\n\n" if "\n\n" in text else "\n"  # what separates paragraphs
    out = []
    for s0, e0, direct, site, rule in sorted(rows + reported, key=_START):
        if site is None:
            i = bisect.bisect_right(rep_starts, s0) - 1
            if i >= 0 and e0 <= reported[i][1] + 2:
                site, rule = reported[i][3], "inside_reported"  # merged into it below
            elif last_site is not None and _continues(text, last_end, s0, para) and _opens_sentence(text, s0):
                site, rule = last_site, "continuation"
            else:
                site = _subject_site(text, s0)
                if site is not None:
                    rule = "subject"
                    stop = s0
                    s0, e0 = _subject_clause(text, site, s0, e0)
                    if site.kind == "name":  # the clause read as before; then the noun
                        site.ss, site.se, site.kind = with_head(
                            text, *_SPEAKER_PHRASE(site), min(stop, s0), stop)
                elif last_site is not None and _continues(text, last_end, s0, para):
                    site, rule = last_site, "continuation"
                elif not _has_words(text, s0, e0, MIN_WORDS):
                    continue  # a scare quote or a title, not an attribution
                else:
                    rule = "unattributed"
        if site is not None:
            last_site, last_end = site, e0
        out.append((s0, e0, direct, site, rule))
    return _finish(text, _drop_contained(out, text))


def _outside_quotes(sites, quotes):
    """Drop cues inside a quotation: they are the speaker's words, not an attribution."""
    if not quotes or not sites:
        return sites
    opens = [q[2] for q in quotes]
    keep = []
    for s in sites:
        i = bisect.bisect_right(opens, s.cs) - 1
        if i >= 0 and s.cs < quotes[i][3] and quotes[i][2] <= s.ss < quotes[i][3]:
            continue
        keep.append(s)
    return keep


def _attribute_quote(text, quote, sites, cue_starts):
    """[start, end, True, site or None, rule] for one quotation (``cue_starts``: the sites'
    ``cs``)."""
    qs, qe, qo, qc = quote
    j = _bisect_left(cue_starts, qc)  # the first site whose cue starts at or after qc
    site = rule = None
    if j < len(sites):
        # after the quotation: ,” he said / ,” said Trump
        s = sites[j]
        first = s.ss if qc <= s.ss < s.cs else s.cs
        if first - qc <= 5:
            gap = text[qc:first]
            body_end = text[max(qs, qe - 2):qe].rstrip(" *")
            new_sentence = (body_end.endswith(".") or gap.strip(" ") == ".") \
                and text[first:first + 1].isupper() and not _says_only(text, s)
            if not new_sentence and gap.strip(" ,.*\u2014-") == "" and "\n" not in gap:
                site, rule = s, "after"
    if site is None and j > 0:
        # before it: Lavrov said: “...” / Lavrov told reporters that “...” / X agreed. “...”
        s = sites[j - 1]
        end = s.se if s.inverted else s.ce
        if end <= qo and qo - end <= 90:  # (a longer gap is never taken)
            gap = text[end:qo]
            bare = gap.strip(" *")
            words = gap.split()
            # "X agreed. “...”": only when no cue follows the quotation in its own sentence
            cue_after = j < len(sites) and sites[j].cs - qc < 80 and "." not in text[qc:sites[j].cs]
            ends_clause = bare.endswith((":", ",")) or (
                words and words[-1] == "that" and len(words) <= 5) or (
                bare == "." and not s.used and not cue_after)
            short = (s.base in _NAMING and len(gap) <= 60) or len(words) <= 1
            if ("\n" not in gap.rstrip(" *\n") or bare.endswith(":")) and len(gap) <= 90 \
                    and not any(ch in bare for ch in "!?\u201d") and ("." not in gap or bare == ".") \
                    and (ends_clause or (short and "." not in gap)):
                site, rule = s, "before"
    if site is not None:
        site.used = True
        # a quotation that is only part of the sentence: the clause around it is the content
        if rule == "after":
            ss0 = _sentence_start(text, qo, 0)
            if _has_words(text, ss0, qo, 3) and not text[ss0:qo].rstrip(" *").endswith(":"):
                qs = ss0
        elif text[s.se if s.inverted else s.ce:qo].strip(" *") != "." \
                and text[qs:qe].rstrip(" *")[-1:] not in (".", "!", "?"):
            # (a quotation that ends its sentence is not continued by the next one)
            se0 = _sentence_end(text, qc, len(text))
            tail = text[qc:se0]
            if _has_words(tail, 0, len(tail), 2) and tail.lstrip()[:1].isalnum():
                qe = se0
    return [qs, qe, True, site, rule]


def _says_only(text, site):
    """The cue's sentence says no more than who spoke ("Trump said.", "he said Tuesday."):
    it attributes the quotation before it even when that quotation ended with a full stop."""
    tail = text[max(site.ce, site.se):max(site.ce, site.se) + 30]
    end = tail.find(".")
    return site.kind != "rel" and end != -1 and "\n" not in tail[:end] and len(tail[:end].split()) <= 2 \
        and all(ch.isalnum() or ch in " -" for ch in tail[:end])


_bisect_left = bisect.bisect_left
_START = itemgetter(0)
_SPEAKER_PHRASE = attrgetter("ss", "se", "kind")


def _reported_rows(text, sites):
    """Reported speech from the cues no quotation took."""
    out = []
    for s in sites:
        if s.used or (s.base not in _REPORTED_ONLY and s.base != "according_to"):
            continue
        span = _reported_content(text, s)
        if span is None:
            continue
        start, end = span
        if end - start >= 12 and _has_words(text, start, end, 3):
            out.append([start, end, False, s, "reported"])
    return out


# a rough prior for each rule, 0.1 less when the speaker is written as a pronoun
_CONFIDENCE = {"after": 0.9, "before": 0.85, "reported": 0.7, "inside_reported": 0.7,
               "continuation": 0.6, "subject": 0.4}
_CONFIDENCE_PRONOUN = {rule: round(conf - 0.1, 2) for rule, conf in _CONFIDENCE.items()}


def _finish(text, out):
    """Resolve the speakers, in text order (pronouns look back at earlier speakers)."""
    ents = Entities(text)
    result = []
    for s0, e0, direct, site, rule in out:
        if site is None:
            result.append((s0, e0, direct, None, None, None, None, rule, 0.3))
            continue
        written = text[site.ss:site.se]
        speaker = speaker_name(ents, written, site)
        conf = (_CONFIDENCE_PRONOUN if site.kind == "pron" else _CONFIDENCE)[rule]
        cue = text[site.cs:site.ce] or None
        result.append((s0, e0, direct, speaker, site.ss, site.se, cue, rule, conf))
    return result


def _continues(text, prev_end, start, paragraph):
    """The quotation continues the previous speaker: it opens the next paragraph, or
    follows in the same paragraph (``paragraph``: the text's paragraph break)."""
    if start - prev_end > 1200:
        return False
    between = text[prev_end:start]
    breaks = between.count(paragraph)
    if breaks == 0:
        return True
    if breaks == 1:
        return between.rstrip(" *\u201c\"").endswith("\n")
    return False



def _reported_content(text, s):
    """The clause a cue reports: after it ("X said that ..."), or before it ("..., X said")."""
    first = s.cs if s.cs < s.ss else s.ss
    last = s.ce if s.ce > s.se else s.se
    sent_s = _sentence_start(text, first, 0)
    sent_e = _sentence_end(text, last, len(text))
    before = text[sent_s:first].rstrip()
    after = text[last:sent_e]
    source_then_clause = s.base == "according_to" and _CLAUSE_AFTER_SOURCE.match(after)
    if before.endswith(",") and len(before) > 15 and not source_then_clause and (
            not _has_words(after, 0, len(after), 5) or after.lstrip().startswith(",")
            or s.base == "according_to"):
        # ("..., according to officials who worked with him.": what comes before is reported;
        # not "Since the war began, according to the UN more than 8 million fled": the clause)
        # "The move is reckless, Lavrov said." or "Now, Lavrov said, ..."
        rest = after.strip(" .,")
        if len(rest) > len(before) and after.lstrip().startswith(","):
            return last + (len(after) - len(after.lstrip(" ,"))), sent_e
        return sent_s, sent_s + len(before) - 1
    if s.base == "according_to":
        lead = after.lstrip(" ,")
        return last + (len(after) - len(lead)), sent_e
    # "X said (that) ...", "X told reporters (that) ..."
    m = _CUE_TAIL.match(after)
    k = m.end() if m else 0
    if s.base == "tell":
        # the person told: "told reporters", "told the Senate", "told CNN"
        words, found = _tokens(text, last + k, min(sent_e, last + k + 80))
        if not words or not words[0][:1].isalpha():
            return None
        w0 = words[0]
        n_obj = 1
        if w0.lower() in _DETS:
            n_obj = 2
            while n_obj < 4 and n_obj < len(words) and _is_cap(words[n_obj]):
                n_obj += 1
        elif _is_cap(w0):
            while n_obj < 4 and n_obj < len(words) and _is_cap(words[n_obj]):
                n_obj += 1
        if n_obj > len(words):
            return None
        k = found[n_obj - 1].end() - last
    rest = text[last + k:sent_e]
    rest2 = rest.lstrip(" ,:")
    lead = len(rest) - len(rest2)
    if rest2.startswith("that "):
        lead += 5

    elif not rest2 or not (rest2[0].isalpha() or rest2[0] in "\u201c\""):
        return None
    start = last + k + lead
    if sent_e - start < 12:
        return None
    return start, sent_e


def _drop_contained(rows, text):
    """One row per attribution: a quotation inside a longer attributed row is part of it."""
    rows = sorted(rows, key=lambda r: (r[0], -r[1]))
    kept = []
    for r in rows:
        if kept:
            p = kept[-1]
            if r[0] >= p[0] and r[1] <= p[1] + 2 and p[3] is not None:
                if r[2] and not p[2]:
                    kept[-1] = (p[0], p[1], True, p[3], p[4])
                continue
        kept.append(r)
    return kept


def _subject_site(text, start):
    """A quotation with no cue inside a sentence: its words are most likely the subject's
    ("Trump also embraced waterboarding -- "I think ...""). None when the quotation opens
    the sentence or the subject is no name or pronoun."""
    sent = _sentence_start(text, start, 0)
    if start - sent < 8:
        return None
    got = _sentence_subject(text, sent, start)
    if got is None:
        return None
    written = text[got[0]:got[1]]
    if written in ("it", "It") or any(ch in text[sent:got[0]] for ch in "\"\u201c\u201d"):
        return None
    if got[2] == "name" and " " not in written and not _proper_noun(text, written):
        return None
    if got[2] == "name" and _adjective(text, written) and with_head(text, *got, start)[1] == got[1]:
        return None  # a nationality alone is an adjective: "A Russian warship ..." (but
        # "Democratic presidential candidate Bernie Sanders ...": the noun or the name after it)
    return Site(got[0], got[0], "", "", got[0], _trim_end(text, got[0], got[1]), got[2], False)


def _opens_sentence(text, start):
    """The quotation (content starting at ``start``) is a sentence of its own."""
    return start - _sentence_start(text, start, 0) <= 3


def _subject_clause(text, site, start, end):
    """For a quotation attributed to its sentence's subject: the words from after the
    subject's verb to the end of the sentence."""
    # the tokens are read 8 at a time, as far as needed: past the auxiliaries and one more
    more = _WORD.finditer(text, site.se, start)
    found = []
    k = 0
    while True:
        if len(found) < k + 2:
            found += islice(more, 8)
        if not (k < len(found) and found[k][0].lower() in _AUX_WORDS):
            break
        k += 1
    if k < len(found) and found[k][0][:1].islower() and k + 1 < len(found):
        new_start = found[k + 1].start()
        if not any(ch in text[new_start:start] for ch in ".!?\n"):
            start = new_start
    tail_end = _sentence_end(text, end, len(text))
    if _has_words(text, end, tail_end, 2):
        end = tail_end
    return start, end


def _proper_noun(text, word):
    """A capitalised word that also appears capitalised inside a sentence (after a lower-case
    word or a comma) is a name, not a sentence-initial common word ("More", "Nothing")."""
    word = word.rstrip(".")
    if len(word) < 2:
        return False
    # one answer per word and text: asked at every quotation, the search over the whole text
    # would grow with the square of the text
    known = text.known_names()
    if word not in known:
        known[word] = _find_proper_noun(text, word)
    return known[word]


def _find_proper_noun(text, word):
    i = text.find(" " + word)
    while i != -1:
        if i > 0 and (text[i - 1].islower() or text[i - 1] == ","):
            end = i + 1 + len(word)
            if not text[end:end + 1].isalnum():
                return True
        i = text.find(" " + word, i + 1)
    return False
