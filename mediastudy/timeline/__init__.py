"""Timelines: periods, and each plot beside the table it draws (volume, topic share,
stance), with events and peaks."""

from .events import mark_events, read_events
from .peaks import find_peaks_table, mark_peaks
from .stance_timeline import plot_stance_timeline, stance_timeline_table
from .topic_share import bootstrap_share_ci, plot_topic_share, topic_share_table
from .volume import plot_volume, plot_volume_grid, volume_table

__all__ = ["volume_table", "plot_volume", "plot_volume_grid",
           "topic_share_table", "plot_topic_share", "bootstrap_share_ci", "stance_timeline_table",
           "plot_stance_timeline", "read_events", "mark_events", "find_peaks_table", "mark_peaks"]
