"""The names of the columns of the tables mediastudy returns, and of its result records' fields.

The other half of :mod:`mediastudy.glossary` (which re-exports both): one name per concept in
the outputs too. ``tests/test_api_consistency.py`` checks that the tables of the demo corpus
use no column missing here, and that the result dataclasses have no field missing from
:data:`FIELDS`.

>>> from mediastudy.columns import COLUMNS
>>> COLUMNS["period"]
'First day of the calendar period (Timestamp).'
"""

from __future__ import annotations

__all__ = ["COLUMNS", "FIELDS"]

# Fields of the result records (dataclasses) are output names, not parameters: the walk
# checks them against this list instead of GLOSSARY.
FIELDS: dict[str, str] = {
    "articles": "StanceResult: one row per article and target.",
    "mentions": "StanceResult: one row per mention, with the evidence.",
    "smoothing": "StanceResult: the smoothing the scores used.",
    "voice": "StanceResult: whose words the scores count ('all', 'outlet', 'quoted', a name).",
    "stance": "ScaleResult: the StanceResult (None without a lexicon).",
    "topics": "ScaleResult: article topics.",
    "model": "ScaleResult: the fitted StreamingTopicModel.",
    "tables": "ScaleResult: the timeline tables by name.",
    "estimate": "ScaleResult: the memory estimate.",
    "problems": "LoadReport: one row per input that could not be read.",
    "summary": "LoadReport: counts of what was read and left out.",
    "metrics": "StanceValidation: agreement figures with their intervals.",
    "confusion": "StanceValidation: codes against predicted sides.",
    "items": "StanceValidation: one row per coded item.",
    "threshold": "StanceValidation: the score thresholds used (low, high).",
    "threshold_chosen": "StanceValidation: whether the threshold was chosen by cross-validation.",
    "n_boot": "StanceValidation: bootstrap replicates behind the intervals.",
    "ci": "StanceValidation: coverage of the intervals.",
    "n_articles": "MemoryEstimate: articles in the source.",
    "n_files": "MemoryEstimate: files in the source.",
    "bytes_on_disk": "MemoryEstimate: size of the source.",
    "text_bytes_per_article": "MemoryEstimate: mean text size.",
    "chunk_size": "MemoryEstimate: articles per chunk.",
    "chunk_bytes": "MemoryEstimate: memory of one chunk.",
    "kept_bytes": "MemoryEstimate: memory of what is kept across chunks.",
    "peak_bytes": "MemoryEstimate: estimated peak memory.",
}

COLUMNS: dict[str, str] = {
    # the corpus schema (mediastudy.schema)
    "id": "Article id (stable: a hash of source and content).",
    "outlet": "Publisher; 'all' where outlets are pooled (by=None).",
    "date": "Publication date (Timestamp).",
    "title": "Headline.",
    "text": "Body text.",
    "url": "Link to the article.",
    "quotes": "Block quotes taken out of the body (list of str).",
    "related": "'Read more' links (list of dict).",
    "source_path": "File the article (or problem) was read from.",
    "source_line": "1-based line in that file.",
    "n_words": "Words in text.",
    "is_duplicate": "True for the 2nd and later copies of an article.",
    # periods and groups
    "period": "First day of the calendar period (Timestamp).",
    "period_end": "Last day of the calendar period (Timestamp).",
    "incomplete": "The period is only partly covered by the data.",
    "topic": "Topic id (int; <NA> for the pooled 'other').",
    "topic_label": "Topic label: its three most distinctive terms, 'a / b / c'.",
    "target": "Stance target.",
    # counts and shares
    "n_articles": "Articles (matching the filter) in the group.",
    "n_total": "All articles of the group.",
    "share": "The group's part of a whole, in [0, 1]: n_articles / n_total; in speakers_table "
             "n_quotes / the group's attributed quotes.",
    "ci_low": "Lower end of the confidence interval.",
    "ci_high": "Upper end of the confidence interval.",
    "n_mentions": "Mentions of the target.",
    "n_mentioning": "Articles that mention the target.",
    "too_few": "Fewer than min_articles articles: no interval drawn.",
    # stance
    "score": "Article stance toward the target in [-1, 1] (NaN: no mention).",
    "mean_score": "Mean article score of the group (each article one vote).",
    "pooled_score": "(pro - anti) / (pro + anti) over the group.",
    "n_cues": "Cues the group's scores rest on.",
    "n_with_cues": "Articles naming the target that carry a cue (the others score 0).",
    "pro": "Weighted pro cues.",
    "anti": "Weighted anti cues.",
    "n_quoted": "Mentions of the target in quoted speech.",
    "pro_quoted": "Weighted pro cues in quoted speech.",
    "anti_quoted": "Weighted anti cues in quoted speech.",
    "rolling_n": "Articles in the trailing window.",
    "rolling_mean": "Mean score over the trailing window.",
    "rolling_low": "Lower end of the trailing window's interval.",
    "rolling_high": "Upper end of the trailing window's interval.",
    # peaks
    "baseline": "Recent level: median count of the periods before.",
    "ratio": "n_articles / baseline.",
    "z": "(n_articles - baseline) / sqrt(baseline).",
    "terms": "Distinctive words, comma-separated.",
    "headline": "The most typical headline.",
    # topics
    "rank": "1 = first (most typical, most distinctive).",
    "similarity": "Cosine similarity to the topic centre.",
    "term": "A term of the vocabulary.",
    "weight": "Term weight: mean TF-IDF in the topic minus outside.",
    "stability": "How often a topic comes back across seeds (0..1).",
    "lowest_stability": "choose_k: the stability of the weakest topic of a k.",
    # kwic, boilerplate
    "start": "Character offset where the match starts.",
    "end": "Character offset where the match ends.",
    "left": "Words before the match.",
    "match": "The matched text.",
    "right": "Words after the match.",
    "sentence": "A sentence (spaces normalised).",
    "outlet_articles": "All articles of the outlet.",
    # quotes: who said it
    "quote": "The quoted or reported words (text[start:end]).",
    "direct": "True for words in quotation marks; False for reported speech.",
    "speaker": "Who said it: the resolved name (missing when none is written).",
    "speaker_start": "Character offset where the speaker is written next to the cue.",
    "speaker_end": "Character offset where that mention ends.",
    "cue": "The reporting verb or phrase ('said', 'according to').",
    "rule": "The rule that found the row (extract_quotes, find_speaker_variants).",
    "confidence": "A rough prior for the rule, 0 to 1.",
    "n_quotes": "Quotes and reported statements attributed to the speaker.",
    "n_direct": "Of them, in quotation marks.",
    "n_reported": "Of them, reported speech.",
    "variant": "Another spelling of a name or word.",
    "n_speaker": "Quotes attributed to the speaker as written.",
    "n_variant": "Quotes (find_speaker_variants) or articles (find_variants) of the variant.",
    # validation (validate_quotes; StanceValidation.metrics)
    "metric": "The measure: found, speaker, precision; precision, recall, f1, ...",
    "label": "What the measure is of (a class; direct or reported); '' for all.",
    "value": "The measure's value.",
    "n": "validate_quotes: what the share is of (coded attributions, extracted rows).",
}
