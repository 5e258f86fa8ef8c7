"""Per-dyad summaries of stored events, read through the store's query layer.

A dyad is an unordered pair of countries; events between actors of the same
country (Pakistan's prime minister praising its army) form the domestic
"dyad" ``PAK-PAK``.  An event belongs to the dyad of its source country and
the country it is directed at (``Event.dyad_target``): Iran striking Iranian
Baloch militants in their hideouts in Pakistan is an IRN-PAK event.  Events
with no country on either side are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Event
from ..store import EventQuery, Store


@dataclass
class DyadSummary:
    dyad: str  # "IRN-PAK", countries sorted
    events: int
    goldstein_sum: float
    quad_counts: dict[int, int]
    first: date | None
    last: date | None
    sources: int  # reports of its events by distinct documents, summed over events
    directed: dict[str, int] = field(default_factory=dict)  # "IRN>PAK" -> count
    top: list[Event] = field(default_factory=list)  # its first events by date


def dyad_summaries(store: Store, factual_only: bool = True, top: int = 6,
                   query: EventQuery | None = None) -> list[DyadSummary]:
    """One summary per dyad, most events first (canonical events; ``query`` narrows them)."""
    q = query or EventQuery(factual=True if factual_only else None)
    out = []
    for row in store.dyads(q).to_pylist():
        hist = row["directed"] or {}
        directed = {k: int(v) for k, v in (hist.items() if isinstance(hist, dict) else hist)}
        summary = DyadSummary(
            dyad=row["dyad"], events=int(row["events"]),
            goldstein_sum=float(row["goldstein_sum"] or 0.0),
            quad_counts={i: int(row[f"q{i}"]) for i in (1, 2, 3, 4)},
            first=row["first"], last=row["last"], sources=int(row["sources"] or 0),
            directed=directed)
        if top:
            from dataclasses import replace

            summary.top = store.events(replace(q, dyad=row["dyad"], limit=top, offset=0,
                                               sort="date"))
        out.append(summary)
    return out
