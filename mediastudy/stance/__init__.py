"""Stance: lexicons, scores with the sentences behind them, and the evidence to check them."""

from .aggregate import aggregate_stance
from .by_outlet import plot_stance_by_outlet, stance_by_outlet_table
from .kwic import kwic, sample_evidence
from .learn import learn_lexicon
from .lexicon import Lexicon, load_lexicon
from .score import StanceResult, score_stance
from .validate import StanceValidation, plot_validation, validate_stance, validation_table
from .voice import stance_by_voice

__all__ = ["Lexicon", "load_lexicon", "score_stance", "StanceResult", "aggregate_stance", "kwic",
           "sample_evidence", "stance_by_voice", "stance_by_outlet_table", "plot_stance_by_outlet",
           "learn_lexicon", "validate_stance", "StanceValidation", "plot_validation",
           "validation_table"]
