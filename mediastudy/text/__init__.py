"""Text units shared by every stage: sentences, tokens, quotation spans, stop words."""

from .keyness import keyness, plot_keyness
from .sentences import normalize_token, quote_spans, sentence_spans, split_sentences, tokenize

__all__ = ["sentence_spans", "split_sentences", "tokenize", "normalize_token", "quote_spans", "keyness",
           "plot_keyness"]
