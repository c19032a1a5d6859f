"""Topics: the TF-IDF + LSA topic model, choosing k, and what describes each topic."""

from .choose_k import choose_k, plot_choose_k
from .describe import assign_topics, representative_articles, topic_sizes, topic_terms
from .merge import merge_topics
from .model import TopicModel
from .outlet_makeup import topic_flags_table, topic_outlets_table
from .topic_map import plot_topic_map, topic_map_table
from .variants import find_variants

__all__ = ["TopicModel", "assign_topics", "topic_terms", "topic_sizes", "representative_articles",
           "choose_k", "plot_choose_k", "topic_map_table", "plot_topic_map", "find_variants",
           "topic_outlets_table", "topic_flags_table", "merge_topics"]
