"""Analysis over the store, read through its query layer only (see docs/analysis.md).

Every function takes a ``Store`` and a dyad (``"IRN-PAK"``, ``"IRN>PAK"`` or a
``Dyad``), optional ``since``/``until`` bounds and an ``EventQuery`` for further
filters, and returns typed values with ``to_dict()``:

* ``dyad_series`` -> ``DyadSeries`` (per day/week/month; Arrow via ``to_arrow()``)
* ``escalation_episodes`` -> ``list[Episode]`` (start, peak, end, de-escalation)
* ``retaliations`` -> ``list[RetaliationLink]``; ``reciprocity`` -> ``list[Reciprocity]``
* ``trend_arrows`` -> ``list[TrendArrow]`` (monthly or weekly verdicts of one dyad);
  ``arrows_board`` -> every dyad's arrow for one month or week
* ``crisis_view`` -> ``CrisisView``: all of the above from one read
* ``dyad_summaries`` -> ``list[DyadSummary]`` (one line per dyad)
"""

from .arrows import ArrowParams, TrendArrow, trend_arrows
from .board import arrows_board
from .crisis import CrisisView, Intensity, SuspectEvent, crisis_view
from .deescalation import DeescalationRules, deescalation_rules
from .dyads import DyadSummary, dyad_summaries
from .episodes import DeescalationEvent, Episode, EpisodeParams, escalation_episodes
from .frame import Placement
from .reciprocity import (
    Reciprocity,
    ReciprocityParams,
    RetaliationLink,
    reciprocity,
    retaliations,
)
from .series import SERIES_COLUMNS, DyadSeries, SeriesRow, dyad_series

__all__ = [
    "SERIES_COLUMNS", "ArrowParams", "CrisisView", "DeescalationEvent", "DeescalationRules",
    "DyadSeries", "DyadSummary", "Episode", "EpisodeParams", "Intensity", "Placement",
    "Reciprocity", "ReciprocityParams", "RetaliationLink", "SeriesRow", "SuspectEvent",
    "TrendArrow", "arrows_board", "crisis_view", "deescalation_rules", "dyad_series", "dyad_summaries",
    "escalation_episodes", "reciprocity", "retaliations", "trend_arrows",
]
