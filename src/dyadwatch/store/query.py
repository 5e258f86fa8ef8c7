"""The one query layer over stored events: ``EventQuery`` and its SQL.

Every reader -- the CLI, the demo, analysis, the report and the web API --
describes what it wants as an ``EventQuery`` and hands it to a ``Store``
method.  The query validates its values when it is built (a bad dyad, code
or date raises ``QueryError`` naming the field) and compiles to a WHERE
clause with ``?`` parameters only: no value from a user is ever pasted into
SQL text.  Column names come from fixed tables in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from .._resources import country_codes
from ..errors import QueryError

#: sort names a caller may ask for -> SQL expression (a leading "-" sorts descending)
SORTS = {
    "date": "date",
    "published": "published",
    "goldstein": "goldstein",
    "sources": "n_sources",
    "confidence": "confidence",
    "code": "cameo",
    "id": "event_id",
}
#: the largest page a caller may ask for at once
MAX_LIMIT = 1_000_000
#: OFFSET beyond this is refused (DuckDB takes 64-bit offsets; this keeps it sane)
MAX_OFFSET = 10**12

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ACTOR = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_CODE = re.compile(r"^\d{2,4}$")


def _country(value: str, what: str) -> str:
    code = value.strip().upper()
    if not _COUNTRY.match(code):
        raise QueryError(what, f"{value!r} is not a 3-letter country code such as IRN or PAK")
    if code not in country_codes():
        raise QueryError(what, f"{code} is not a known country or international code")
    return code


@dataclass(frozen=True)
class Dyad:
    """A pair of countries: ``IRN-PAK`` (either direction) or ``IRN>PAK`` (Iran on Pakistan)."""

    a: str
    b: str
    directed: bool = False

    @classmethod
    def parse(cls, text: str, directed: bool | None = None) -> Dyad:
        """``"IRN-PAK"``, ``"IRN>PAK"`` or ``"IRN_PAK"``; ``directed`` overrides the separator."""
        raw = (text or "").strip()
        sep = ">" if ">" in raw else ("-" if "-" in raw else ("_" if "_" in raw else None))
        parts = raw.split(sep) if sep else [raw]
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise QueryError("dyad", f"{text!r} is not a dyad: write two country codes like "
                                     "IRN-PAK (either direction) or IRN>PAK (directed)")
        try:
            a, b = (_country(p, "dyad") for p in parts)
        except QueryError as exc:
            raise QueryError("dyad", f"{text!r}: {exc.reason}; write two country codes like "
                                     "IRN-PAK (either direction) or IRN>PAK (directed)") from None
        return cls(a, b, (sep == ">") if directed is None else directed)

    def __str__(self) -> str:
        return f"{self.a}{'>' if self.directed else '-'}{self.b}"

    @property
    def undirected(self) -> str:
        """The stored ``dyad`` column value: the two codes sorted."""
        return f"{min(self.a, self.b)}-{max(self.a, self.b)}"


def _tuple(v: Any) -> tuple:
    if v is None:
        return ()
    if isinstance(v, (str, int)):
        return (v,)
    return tuple(v)


@dataclass(frozen=True)
class EventQuery:
    """Which events to read, in what order, and which page.

    ``canonical`` True reads consolidated events (one per real event, with all
    their sources); False reads the coded reports as they were stored.
    ``factual`` True keeps asserted events only, False non-factual ones only,
    None both.  Dates filter on the event date: ``since`` keeps events whose
    date (or interval end) is on or after it, ``until`` those that start on or
    before it.  ``max_date_span`` keeps events whose date is known to within
    that many days (``date_end - date``; 0 keeps single days, 6 up to a week);
    undated events never pass it.  ``text`` is a case-insensitive substring
    of the sentence.
    """

    dyad: Dyad | None = None
    actor: str | None = None  # actor code prefix, either side: "IRN", "IRNMIL"
    source: str | None = None  # source actor code prefix
    target: str | None = None  # target actor code prefix
    country: str | None = None  # either side's country, or where the event was directed
    roots: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # CAMEO code prefixes: "19", "195", "0411"
    quad_classes: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None
    max_date_span: int | None = None  # dated to within N days (date_end - date <= N)
    factual: bool | None = True
    text: str | None = None
    #: a lower bound on ``date`` itself (not the interval end), for callers that know the
    #: longest stored date span (``Store.longest_date_span``): ``since`` minus that span
    #: changes no answer but lets DuckDB skip row groups by their date range
    date_floor: date | None = None
    doc_id: str | None = None
    event_ids: tuple[str, ...] = ()
    coder_id: str | None = None
    canonical: bool = True
    sort: str = "date"
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if isinstance(self.dyad, str):
            set_(self, "dyad", Dyad.parse(self.dyad))
        for name in ("actor", "source", "target"):
            v = getattr(self, name)
            if v is not None:
                code = str(v).strip().upper()
                if not _ACTOR.match(code):
                    raise QueryError(name, f"{v!r} is not an actor code such as IRN or "
                                           "IRNMIL (three-letter parts)")
                set_(self, name, code)
        if self.country is not None:
            set_(self, "country", _country(self.country, "country"))
        roots = []
        for r in _tuple(self.roots):
            r = str(r).strip()
            r = r.zfill(2) if r.isdigit() and len(r) < 2 else r
            if not (r.isdigit() and len(r) == 2 and 1 <= int(r) <= 20):
                raise QueryError("root", f"{r!r} is not a CAMEO root (01 to 20)")
            roots.append(r)
        set_(self, "roots", tuple(roots))
        codes = []
        for c in _tuple(self.codes):
            c = str(c).strip()
            if not _CODE.match(c):
                raise QueryError("code", f"{c!r} is not a CAMEO code such as 19, 195 or 0411")
            codes.append(c)
        set_(self, "codes", tuple(codes))
        quads = []
        for q in _tuple(self.quad_classes):
            try:
                qi = int(q)
            except (TypeError, ValueError):
                qi = 0
            if qi not in (1, 2, 3, 4):
                raise QueryError("quad_class", f"{q!r} is not a QuadClass (1 to 4)")
            quads.append(qi)
        set_(self, "quad_classes", tuple(quads))
        for name in ("since", "until", "date_floor"):
            v = getattr(self, name)
            if isinstance(v, str):
                try:
                    set_(self, name, date.fromisoformat(v))
                except ValueError:
                    raise QueryError(name, f"{v!r} is not a date like 2024-01-16") from None
            elif v is not None and not isinstance(v, date):
                raise QueryError(name, f"{v!r} is not a date")
        if self.max_date_span is not None and not (
                isinstance(self.max_date_span, int) and 0 <= self.max_date_span <= 366_000):
            raise QueryError("max_date_span", f"{self.max_date_span!r} is not a number of days "
                                              "(0 or more)")
        if self.since and self.until and self.since > self.until:
            raise QueryError("since", f"{self.since} is after until={self.until}")
        set_(self, "event_ids", tuple(str(x) for x in _tuple(self.event_ids)))
        key = self.sort.lstrip("-") if isinstance(self.sort, str) else None
        if key not in SORTS:
            raise QueryError("sort", f"{self.sort!r} is not a sort; choose one of "
                                     f"{', '.join(sorted(SORTS))} (prefix - to reverse)")
        if self.limit is not None and not (isinstance(self.limit, int) and
                                           0 <= self.limit <= MAX_LIMIT):
            raise QueryError("limit", f"{self.limit!r} is not a page size from 0 to {MAX_LIMIT}")
        if not (isinstance(self.offset, int) and 0 <= self.offset <= MAX_OFFSET):
            raise QueryError("offset", f"{self.offset!r} is not an offset from 0 to {MAX_OFFSET}")

    @classmethod
    def build(cls, **filters: Any) -> EventQuery:
        """An ``EventQuery`` from keyword filters; unknown names are an error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(filters) - known)
        if unknown:
            raise QueryError(unknown[0], f"not a filter; known filters: {', '.join(sorted(known))}")
        return cls(**filters)

    def page(self, limit: int | None, offset: int = 0) -> EventQuery:
        return replace(self, limit=limit, offset=offset)

    # -- SQL --------------------------------------------------------------
    def where(self) -> tuple[str, list[Any]]:
        """``WHERE ...`` (or an empty string) and its parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.dyad is not None:
            if self.dyad.directed:
                where.append("source_country = ? AND dyad_target = ?")
                params += [self.dyad.a, self.dyad.b]
            else:
                where.append("dyad = ?")
                params.append(self.dyad.undirected)
        if self.actor:
            where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
            params += [self.actor, self.actor]
        if self.source:
            where.append("starts_with(source_code, ?)")
            params.append(self.source)
        if self.target:
            where.append("starts_with(target_code, ?)")
            params.append(self.target)
        if self.country:
            where.append("(source_country = ? OR target_country = ? OR dyad_target = ?)")
            params += [self.country] * 3
        if self.roots:
            where.append(f"root IN ({', '.join('?' * len(self.roots))})")
            params += list(self.roots)
        if self.codes:
            where.append("(" + " OR ".join("starts_with(cameo, ?)" for _ in self.codes) + ")")
            params += list(self.codes)
        if self.quad_classes:
            where.append(f"quad_class IN ({', '.join('?' * len(self.quad_classes))})")
            params += list(self.quad_classes)
        if self.since:
            where.append("coalesce(date_end, date) >= ?")
            params.append(self.since)
        if self.until:
            where.append("date <= ?")
            params.append(self.until)
        if self.date_floor:
            where.append("date >= ?")
            params.append(self.date_floor)
        if self.max_date_span is not None:
            where.append("date IS NOT NULL AND date_diff('day', date, coalesce(date_end, date))"
                         " <= ?")
            params.append(self.max_date_span)
        if self.factual is not None:
            where.append("factual = ?")
            params.append(bool(self.factual))
        if self.text:
            where.append("contains(lower(sentence), lower(?))")
            params.append(self.text)
        if self.doc_id:
            where.append("event_id IN (SELECT event_id FROM event_reports WHERE doc_id = ?)"
                         if self.canonical else "doc_id = ?")
            params.append(self.doc_id)
        if self.event_ids:
            where.append(f"event_id IN ({', '.join('?' * len(self.event_ids))})")
            params += list(self.event_ids)
        if self.coder_id:
            if self.canonical:
                where.append("event_id IN (SELECT er.event_id FROM event_reports er JOIN reports r"
                             " ON r.event_id = er.report_id WHERE r.coder_id = ?)")
            else:
                where.append("coder_id = ?")
            params.append(self.coder_id)
        return ("WHERE " + " AND ".join(where)) if where else "", params

    def order_by(self) -> str:
        desc = self.sort.startswith("-")
        col = SORTS[self.sort.lstrip("-")]
        if col == "n_sources" and not self.canonical:
            col = "1"
        direction = "DESC" if desc else "ASC"
        return f"ORDER BY {col} {direction} NULLS LAST, event_id ASC"

    def page_sql(self) -> tuple[str, list[Any]]:
        if self.limit is None and not self.offset:
            return "", []
        return "LIMIT ? OFFSET ?", [self.limit if self.limit is not None else MAX_LIMIT * 1000,
                                     self.offset]

    @property
    def table(self) -> str:
        # reports through the view of published documents' rows: the reports of a
        # document still being coded in chunks are in ``reports`` already, hidden
        return "events" if self.canonical else "published_reports"
