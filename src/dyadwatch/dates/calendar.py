"""Calendar arithmetic and year inference for the date resolver (pure functions)."""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta

#: how many days each relative unit stands for when counted in days
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


@dataclass(frozen=True)
class DateResolution:
    """What one date expression means.

    ``date`` is the (first) day; ``end`` the last day of the range for every
    precision except ``day`` (``None`` there).  ``rule`` names the rule that
    fired.  ``future`` is true when the expression itself points after its
    reference time ("tomorrow", "next week", an explicit date after
    publication).  ``relative_to`` is ``published``, ``anchor`` or
    ``absolute`` (what the result was computed from).
    """

    date: date
    precision: str
    end: date | None
    rule: str
    future: bool = False
    relative_to: str = "absolute"
    explicit_year: bool = False

    @property
    def last(self) -> date:
        """The last day the expression covers."""
        return self.end or self.date


def month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (day clipped to the month's length)."""
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def week_bounds(d: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week containing ``d``."""
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def period_bounds(d: date, unit: str, n: int = 0) -> tuple[date, date]:
    """The calendar week/month/year containing ``d``, moved by ``n`` such periods."""
    if unit == "week":
        s, e = week_bounds(d + timedelta(days=7 * n))
        return s, e
    if unit == "month":
        x = add_months(date(d.year, d.month, 1), n)
        return x, month_end(x.year, x.month)
    if unit == "year":
        return date(d.year + n, 1, 1), date(d.year + n, 12, 31)
    if unit == "day":
        x = d + timedelta(days=n)
        return x, x
    raise ValueError(f"unknown period unit {unit!r}")


def shift(d: date, unit: str, n: int) -> date:
    if unit in UNIT_DAYS:
        return d + timedelta(days=UNIT_DAYS[unit] * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    raise ValueError(f"unknown unit {unit!r}")


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, published: date | None, anchor: date | None,
               future: bool) -> int | None:
    """The year of a "January 16" / "in January" that names no year.

    Not future: the year whose date is on or before publication and closest to
    the anchor (the previous dated event; publication when there is none), so a
    narrative about last December read in January stays in last December.
    Future: the first such date on or after publication.  ``None`` when there is
    no reference at all.
    """
    ref = published or anchor
    if ref is None:
        return None
    near = anchor or ref
    years = sorted({ref.year - 1, ref.year, ref.year + 1, near.year - 1, near.year, near.year + 1})
    options: list[tuple[date, date, int]] = []  # (first day, last day, year)
    for y in years:
        if day is None:
            options.append((date(y, month, 1), month_end(y, month), y))
        else:
            d = safe_date(y, month, day)
            if d is None and month == 2 and day == 29:
                continue
            if d is not None:
                options.append((d, d, y))
    if not options:
        return None
    if future and published is not None:
        later = [o for o in options if o[1] >= published]
        return min(later)[2] if later else options[-1][2]
    if published is not None:
        options = [o for o in options if o[0] <= published] or options[:1]
    return min(options, key=lambda o: (abs((o[0] - near).days), -o[2]))[2]
