"""When are two coded events the same real-world event?

Two events are merged when they have the same source actor code, the same
target actor code, the same CAMEO root and the same factuality, and their
dates are compatible:

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
from typing import NamedTuple

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
