"""The one mapping between ``Event`` and a flat row of the store.

Reports (``reports`` table) and canonical events (``events`` table) share these
columns; the Parquet files Spark writes use the same names and types.  Every
reader and writer of events goes through ``event_to_row`` / ``row_to_event``,
so a new Event field is added here once.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..model import Actor, CountryFrom, Event, Location, Modality

#: (column, DuckDB type) of an event row, in table order.
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("source_code", "VARCHAR"), ("source_country", "VARCHAR"),
    ("source_role", "VARCHAR"), ("source_name", "VARCHAR"),
    ("target_code", "VARCHAR"), ("target_country", "VARCHAR"),
    ("target_role", "VARCHAR"), ("target_name", "VARCHAR"),
    # the country the event is directed at (Event.dyad_target) and the undirected
    # pair "AAA-BBB" (sorted) it belongs to; NULL when either side has no country
    ("dyad_target", "VARCHAR"),
    ("dyad", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("date_end", "DATE"),
    ("date_reason", "VARCHAR"),
    ("loc_name", "VARCHAR"), ("loc_admin1", "VARCHAR"), ("loc_country", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonames_id", "BIGINT"), ("loc_feature", "VARCHAR"),
    ("modality", "VARCHAR"),
    ("factual", "BOOLEAN"),
    ("confidence", "DOUBLE"),
    ("published", "DATE"),
    ("evidence", "JSON"),
    # typed links into the parsed document (Event.trigger & co.), for --explain
    ("trigger", "INTEGER"),
    ("trigger_noun", "INTEGER"),
    ("source_tokens", "INTEGER[]"),
    ("target_tokens", "INTEGER[]"),
]

EVENT_COLUMN_NAMES = [c for c, _ in EVENT_COLUMNS]


def undirected(a: str | None, b: str | None) -> str | None:
    """``"IRN-PAK"`` for (PAK, IRN) or (IRN, PAK); None when a side is missing."""
    if not a or not b:
        return None
    return f"{min(a, b)}-{max(a, b)}"


def event_to_row(ev: Event) -> dict[str, Any]:
    """The flat row of ``ev`` (keys: ``EVENT_COLUMN_NAMES``)."""
    s, t, loc = ev.source, ev.target, ev.location
    dyad_target = ev.dyad_target
    return {
        "event_id": ev.event_id, "doc_id": ev.doc_id, "sentence_index": ev.sentence_index,
        "sentence": ev.sentence,
        "source_code": s.code, "source_country": s.country, "source_role": s.role,
        "source_name": s.name,
        "target_code": t.code if t else None, "target_country": t.country if t else None,
        "target_role": t.role if t else None, "target_name": t.name if t else None,
        "dyad_target": dyad_target, "dyad": undirected(s.country, dyad_target),
        "cameo": ev.cameo, "root": ev.root, "quad_class": ev.quad_class,
        "goldstein": ev.goldstein, "plover_type": ev.plover_type, "plover_mode": ev.plover_mode,
        "date": ev.date, "date_precision": ev.date_precision, "date_end": ev.date_end,
        "date_reason": ev.date_reason,
        "loc_name": loc.name if loc else None, "loc_admin1": loc.admin1 if loc else None,
        "loc_country": loc.country if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "geonames_id": loc.geonames_id if loc else None,
        "loc_feature": loc.feature if loc else None,
        "modality": ev.modality.value, "factual": ev.factual, "confidence": ev.confidence,
        "published": ev.published,
        "evidence": json.dumps(_with_country_from(ev), ensure_ascii=False, default=str,
                               sort_keys=True),
        "trigger": ev.trigger, "trigger_noun": ev.trigger_noun,
        "source_tokens": list(ev.source_tokens) if ev.source_tokens else None,
        "target_tokens": list(ev.target_tokens) if ev.target_tokens else None,
    }


#: evidence key under which the store keeps where each actor's country came from
COUNTRY_FROM_KEY = "_country_from"


def _with_country_from(ev: Event) -> dict[str, Any]:
    """The evidence to store: ``ev.evidence`` plus the actors' ``country_from`` (the
    events table has no column for it; ``row_to_event`` puts it back on the actors)."""
    how = {side: a.country_from.value for side, a in (("source", ev.source),
                                                      ("target", ev.target))
           if a is not None and a.country_from is not None}
    return {**ev.evidence, COUNTRY_FROM_KEY: how} if how else dict(ev.evidence)


def row_values(ev: Event) -> list[Any]:
    """``event_to_row`` as a list in column order (for INSERT ... VALUES)."""
    row = event_to_row(ev)
    return [row[c] for c in EVENT_COLUMN_NAMES]


def _date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def row_to_event(r: dict[str, Any]) -> Event:
    """The ``Event`` of a row (extra keys are ignored)."""
    def actor(prefix: str) -> Actor | None:
        if not r.get(f"{prefix}_code"):
            return None
        return Actor(r[f"{prefix}_code"], r.get(f"{prefix}_country"), r.get(f"{prefix}_role"),
                     r.get(f"{prefix}_name"))

    loc = None
    if r.get("loc_name"):
        gid = r.get("geonames_id")
        loc = Location(r["loc_name"], r.get("loc_country"), r.get("loc_admin1"), r.get("lat"),
                       r.get("lon"), int(gid) if gid is not None else None, r.get("loc_feature"))
    src = actor("source")
    if src is None:
        src = Actor(code="", country=None)
    evidence = r.get("evidence")
    if isinstance(evidence, str):
        evidence = json.loads(evidence) if evidence else {}
    evidence = dict(evidence or {})
    how = evidence.pop(COUNTRY_FROM_KEY, None) or {}
    tgt = actor("target")
    for a, side in ((src, "source"), (tgt, "target")):
        if a is not None and how.get(side):
            a.country_from = CountryFrom(how[side])
    return Event(
        event_id=r["event_id"], doc_id=r["doc_id"], sentence_index=r["sentence_index"],
        sentence=r["sentence"], source=src, target=tgt, cameo=r["cameo"],
        root=r["root"], quad_class=r.get("quad_class"), goldstein=r.get("goldstein"),
        plover_type=r.get("plover_type"), plover_mode=r.get("plover_mode"),
        date=_date(r.get("date")), date_precision=r.get("date_precision") or "article",
        date_end=_date(r.get("date_end")), date_reason=r.get("date_reason"), location=loc,
        modality=Modality(r.get("modality") or "asserted"),
        confidence=float(r["confidence"]) if r.get("confidence") is not None else 0.0,
        published=_date(r.get("published")), evidence=evidence,
        trigger=r.get("trigger"), trigger_noun=r.get("trigger_noun"),
        source_tokens=_pair(r.get("source_tokens")), target_tokens=_pair(r.get("target_tokens")))


def _pair(v: Any) -> tuple[int, int] | None:
    if v is None or len(v) != 2:
        return None
    return (int(v[0]), int(v[1]))
