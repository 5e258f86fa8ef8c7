"""When are two coded events the same real-world event?

Two reports are merged when they have the same source country, the same
effective target country (the target's, or the country where a cross-border
action against the source's own nationals happened), the same CAMEO root and
the same factuality, and

* their roles do not conflict: "Iran" matches "Iran's Revolutionary Guards"
  (IRN ~ IRNMIL) but IRNGOV does not match IRNMIL; a target role is only
  compared when both targets are of the same country;
* their places do not conflict: different location countries, or different
  admin1 divisions, are different events;
* their dates are compatible:

* both day-precise: at most ``DAY_TOLERANCE`` days apart (reports of a night
  strike straddle midnight and time zones);
* otherwise their date ranges overlap (a ``month``/``week``/``interval``
  date covers ``date`` .. ``date_end``);
* ``article``-precision dates only merge with the same date, because they
  are publication dates, not event dates.

The kept record is the most specific one (longest CAMEO code, then highest
confidence); every report stays in ``event_sources``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..model import Event

DAY_TOLERANCE = 1


class DatedRange(NamedTuple):
    start: date | None
    end: date | None
    precision: str


def date_range(d: date | None, end: date | None, precision: str) -> DatedRange:
    if d is None:
        return DatedRange(None, None, precision)
    return DatedRange(d, end or d, precision)


def dates_compatible(a: DatedRange, b: DatedRange) -> bool:
    if a.start is None or b.start is None:
        return a.start is None and b.start is None
    if a.precision == "article" or b.precision == "article":
        return a.precision == b.precision and a.start == b.start
    if a.precision == "day" and b.precision == "day":
        return abs((a.start - b.start).days) <= DAY_TOLERANCE
    tol = timedelta(days=DAY_TOLERANCE if "day" in (a.precision, b.precision) else 0)
    assert a.end is not None and b.end is not None
    return a.start - tol <= b.end and b.start - tol <= a.end


def better(new_cameo: str, new_conf: float, old_cameo: str, old_conf: float) -> bool:
    """True when the new report is more specific than the stored one.

    Longer codes are more specific; among equal lengths a code ending in 0
    ("not specified below") is less specific than its siblings.
    """
    def key(code: str, conf: float) -> tuple[int, bool, float]:
        return len(code), not code.endswith("0"), conf

    return key(new_cameo, new_conf) > key(old_cameo, old_conf)


class Stored(NamedTuple):
    """The fields of a stored event that ``same_event`` compares."""

    dates: DatedRange
    source_role: str | None
    target_country: str | None
    target_role: str | None
    loc_country: str | None
    loc_admin1: str | None


def effective_target(ev: Event) -> str | None:
    """The country ``ev`` is directed at (same rule as ``duck.EFFECTIVE_TARGET``)."""
    tgt = ev.target.country if ev.target else None
    loc = ev.location.country if ev.location else None
    if loc is not None and loc != ev.source.country and tgt in (None, ev.source.country):
        return loc
    return tgt


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_event(ev: Event, stored: Stored) -> bool:
    """True when ``ev`` reports the stored event (candidates already share
    source country, effective target country, root and factuality)."""
    if not dates_compatible(date_range(ev.date, ev.date_end, ev.date_precision), stored.dates):
        return False
    if not _compatible(ev.source.role, stored.source_role):
        return False
    if ev.target is not None and ev.target.country == stored.target_country \
            and not _compatible(ev.target.role, stored.target_role):
        return False
    loc = ev.location
    if loc is not None and not (_compatible(loc.country, stored.loc_country)
                                and _compatible(loc.admin1, stored.loc_admin1)):
        return False
    return True
