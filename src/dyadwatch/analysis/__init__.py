"""Analysis over the store: dyad summaries (time series, episodes and reciprocity come later)."""

from .dyads import DyadSummary, dyad_summaries

__all__ = ["DyadSummary", "dyad_summaries"]
