"""The "Who is quoted" section: the people each outlet quotes, directly or in reported
speech, and (with a lexicon) the outlet's own stance told from that of the people it quotes."""

from __future__ import annotations

import pandas as pd

from ..html import esc, figure, n_of, table
from ..steps import MIN_CUES
from .base import Section, new_figure

_TOP = 12
#: The rules of find_speaker_variants whose names the figure and the speakers table count as
#: one: the same letters in other capitals, and each word of a name transliterated otherwise.
MERGED_RULES = ("case", "spelling")


def build(job) -> None:
    """The quotes, the speakers and their figure, then the stance of the outlet's own voice
    and of the voices it quotes."""
    find_quotes(job)
    voices(job)


def find_quotes(job) -> None:
    """The quotes, the speakers and their figure: they need only the corpus."""
    from ...quotes import extract_quotes, find_speaker_variants, plot_speakers, speakers_table

    corpus = job.corpus
    quotes = extract_quotes(corpus)
    job.add_table("quotes", quotes)
    variants = find_speaker_variants(quotes, corpus, top_n=None)
    job.add_table("speaker_variants", variants)
    # One person spelt several ways counts once ("Volodymyr Zelenskyy", "Vladimir Zelensky"):
    # other capitals and transliterations of a whole name; a surname alone stays apart (it
    # may be someone else).
    same = variants[variants["rule"].isin(MERGED_RULES)]
    by = "outlet" if "outlet" in corpus.columns else None
    speakers = speakers_table(quotes, corpus, by=by, top_n=10, variants=same)
    job.add_table("speakers", speakers)
    if len(speakers):
        n = min(_TOP, speakers["speaker"].nunique())
        fig = new_figure((8.0, max(3.5, 0.45 * n + 1.5)))
        # drawn from every speaker's counts: the table keeps each outlet's 10 most quoted only
        plot_speakers(speakers_table(quotes, corpus, by=by, variants=same), by=by or "outlet",
                      top_n=_TOP, ax=fig.subplots())
        spelt = " (a name spelt several ways counted once)" if len(same) else ""
        job.add_figure("speakers", fig, f"The {n} most quoted speakers{spelt}: quotations and "
                       "reported statements attributed to each, by outlet.")


def voices(job) -> None:
    """The stance of the outlet's own voice and of the voices it quotes (with a lexicon)."""
    corpus, quotes = job.corpus, job.tables["quotes"]
    stance = getattr(job, "stance", None)
    if stance is not None and "outlet" in corpus.columns and len(quotes):
        job.add_table("stance_by_voice", _stance_by_voice(stance, corpus, quotes))


def _stance_by_voice(stance, corpus, quotes) -> pd.DataFrame:
    from ...stance.aggregate import aggregate_stance
    from ...stance.voice import with_voices

    voiced = with_voices(stance, corpus, quotes, text_column="text", id_column="id")
    keys = ["outlet", "target"]
    parts = []
    for voice, label in (("outlet", "own"), ("quoted", "quoted")):
        # as the stance table: no pooled score from fewer than MIN_CUES cues (one gives +-1)
        agg = aggregate_stance(voiced, corpus, by="outlet", voice=voice, min_cues=MIN_CUES)
        parts.append(agg[keys + ["n_mentions", "n_cues", "pooled_score"]].rename(
            columns={"n_mentions": f"{label}_mentions", "n_cues": f"{label}_cues",
                     "pooled_score": f"{label}_score"}))
    return parts[0].merge(parts[1], on=keys, how="outer")


def render(job) -> str:
    quotes = job.tables["quotes"]
    method = ("Quotations in quotation marks and reported speech (&ldquo;X said that ...&rdquo;, "
              "&ldquo;according to X&rdquo;) are attributed to the speaker named next to the "
              "reporting verb, before or after the quotation; a pronoun or a surname is resolved "
              "to the fullest earlier name in the article, a role (&ldquo;the foreign "
              "minister&rdquo;) to the person the article named in it, a quotation without a verb "
              "continues the previous speaker. Measured on 840 hand-annotated US news articles (PolNeAR), "
              "93% of direct quotations are found and 82% get the speaker right.")
    if quotes.empty:
        return f"<p>No quotations or reported speech found. {method}</p>"
    named = quotes["speaker"].notna()
    n_speakers = int(quotes.loc[named, "speaker"].nunique())
    parts = [
        f"<p>{esc(n_of(len(quotes), 'quote'))} in {esc(n_of(int(quotes['id'].nunique()), 'article'))} "
        f"({esc(n_of(int(quotes['direct'].sum()), 'direct quotation'))}, the rest reported "
        f"speech); {esc(f'{int(named.sum()):,}')} have a speaker, {esc(n_of(n_speakers, 'person'))} "
        f"or organisations in all. {method} Every quote is in <code>tables/quotes.csv</code>, "
        "with its offsets in the article text, its speaker as written and the rule that "
        "found it.</p>",
        figure(job, "speakers"),
        _variants_note(job.tables["speaker_variants"]),
        "<h3>Most quoted by each outlet</h3>",
        table(job.tables["speakers"], "speakers", 30),
    ]
    voice = job.tables.get("stance_by_voice")
    if voice is not None and len(voice):
        parts += [
            "<h3>The outlet's own voice and the voices it quotes</h3>",
            "<p>The stance scores above count every voice in an article. Here they are split: "
            "<em>own</em> counts only the outlet's own sentences, <em>quoted</em> only the words "
            "of the people it quotes (pooled score: (pro - anti) / (pro + anti) over the "
            f"outlet's mentions of the target; empty from fewer than {MIN_CUES} cues, as in the "
            "stance table). In Python: "
            "<code>aggregate_stance(score_stance(corpus, lexicon, voices=True), corpus, "
            "voice=\"outlet\")</code>.</p>",
            table(voice, "stance_by_voice", 40),
        ]
    return "\n".join(parts)


def _variants_note(variants: pd.DataFrame) -> str:
    """Which names the figure and the table count as one, and which apart that may be one."""
    if variants.empty:
        return ""
    merged = variants["rule"].isin(MERGED_RULES)
    parts = []
    if merged.any():
        same = variants[merged]
        parts.append(
            f"{esc(n_of(len(same), 'speaker name'))} ({esc(n_of(int(same['n_variant'].sum()), 'quote'))}) "
            f"{'is' if len(same) == 1 else 'are'} counted as a more quoted name spelt otherwise "
            f"(other capitals, or each word transliterated another way): {_examples(same)}.")
    if (~merged).any():
        apart = variants[~merged]
        parts.append(
            f"{esc(n_of(len(apart), 'surname'))} quoted alone "
            f"({esc(n_of(int(apart['n_variant'].sum()), 'quote'))}) may be a more quoted full name "
            f"and {'is' if len(apart) == 1 else 'are'} counted apart, as written: {_examples(apart)}.")
    return (
        "<p>" + " ".join(parts) + " The pairs are found by rules, not by knowing who these people "
        "are, so a pair can be two people: read <code>tables/speaker_variants.csv</code>, drop "
        "the rows that are wrong, and count the rest as one in Python with "
        "<code>speakers_table(quotes, corpus, variants=pd.read_csv(\"tables/speaker_variants.csv\"))"
        "</code>.</p><details><summary>The names counted as one, and the surnames</summary>"
        + table(variants, "speaker_variants", 40) + "</details>"
    )


def _examples(variants: pd.DataFrame) -> str:
    """The three names with the most quotes under other spellings, with those spellings."""
    moved = variants.groupby("speaker", sort=False)["n_variant"].sum().sort_values(
        ascending=False, kind="stable")
    examples = []
    for name in moved.index[:3]:
        rows = variants[variants["speaker"] == name]
        other = ", ".join(f"&ldquo;{esc(r.variant)}&rdquo; ({r.n_variant:,})"
                          for r in rows.head(3).itertuples())
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        examples.append(f"&ldquo;{esc(name)}&rdquo; ({int(rows['n_speaker'].iloc[0]):,}), also "
                        f"written {other}{more}")
    return "; ".join(examples)


# Finding the quotes needs only the corpus: with two processes it runs while the topics
# are fitted.
# finding the quotes is the costliest early work (about twice copies' or words')
SECTION = Section("quotes", "Who is quoted", render, build, early=find_quotes, parts=(voices,),
                  early_cost=2.5)
