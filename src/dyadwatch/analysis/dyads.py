"""Per-dyad summaries of stored factual events.

A dyad is an unordered pair of countries; events between actors of the same
country (e.g. Pakistan's PM praising its armed forces) form the domestic
"dyad" ``PAK-PAK``.  Events without a target are left out.

Cross-border actions count for the country where they happened: when the
target belongs to the source's own country (or there is none) but the event is
located in another country -- Iran striking Iranian Baloch militants in their
hideouts in Pakistan -- the event belongs to the source-country/location-country
dyad (``IRN-PAK``).  ``store.duck.EFFECTIVE_TARGET`` is that rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..store import Store
from ..store.duck import EFFECTIVE_TARGET


@dataclass
class DyadSummary:
    dyad: str  # "IRN-PAK", countries sorted
    events: int
    goldstein_sum: float
    quad_counts: dict[int, int]
    first: date | None
    last: date | None
    sources: int
    directed: dict[str, int] = field(default_factory=dict)  # "IRN>PAK" -> count
    top: list[tuple[date | None, str, str, str, str]] = field(default_factory=list)


def dyad_summaries(store: Store, factual_only: bool = True, top: int = 6) -> list[DyadSummary]:
    """One summary per dyad, most events first."""
    where = f"({EFFECTIVE_TARGET}) IS NOT NULL AND source_country IS NOT NULL"
    if factual_only:
        where += " AND factual"
    rows = store.con.execute(f"""
        SELECT least(source_country, {EFFECTIVE_TARGET}) || '-' ||
                 greatest(source_country, {EFFECTIVE_TARGET}) AS dyad,
               source_country, {EFFECTIVE_TARGET}, quad_class, goldstein, date, n_sources,
               source_code, target_code, cameo, sentence
        FROM events WHERE {where} ORDER BY date NULLS LAST""").fetchall()
    by: dict[str, DyadSummary] = {}
    for dyad, sc, tc, quad, gold, d, n, scode, tcode, cameo, sent in rows:
        s = by.setdefault(dyad, DyadSummary(dyad, 0, 0.0, {1: 0, 2: 0, 3: 0, 4: 0}, None, None, 0))
        s.events += 1
        s.goldstein_sum += gold or 0.0
        s.quad_counts[int(quad)] = s.quad_counts.get(int(quad), 0) + 1
        s.sources += n or 1
        key = f"{sc}>{tc}"
        s.directed[key] = s.directed.get(key, 0) + 1
        if d is not None:
            s.first = d if s.first is None or d < s.first else s.first
            s.last = d if s.last is None or d > s.last else s.last
        if len(s.top) < top:
            s.top.append((d, scode, tcode, cameo, sent))
    return sorted(by.values(), key=lambda s: (-s.events, s.dyad))
