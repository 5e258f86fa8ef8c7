"""The REST API, version 1 (``/api/v1``): documents, events, dyads, exports, extract.

Every filter a caller gives is checked by ``EventQuery`` (a ``QueryError`` names the
field and becomes a 400); FastAPI checks types and bounds (a 422).  Pages are bounded:
``limit`` at most ``MAX_PAGE`` (``MAX_EXPORT`` for exports), ``offset`` at most
``query.MAX_OFFSET``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import jobs
from ..analysis import dyad_series, escalation_episodes, reciprocity, retaliations
from ..errors import QueryError
from ..store import FORMATS, Dyad, EventQuery, write_events
from ..store.query import MAX_OFFSET
from .app import error, state_of
from .views import dyad_rows, event_detail, event_row, floored

router = APIRouter(prefix="/api/v1", tags=["api"])

#: the largest page of events
MAX_PAGE = 1000
#: the most events one export returns
MAX_EXPORT = 100_000
#: the longest query string value accepted
MAX_TEXT = 200

_Code = Annotated[str | None, Query(max_length=64)]
_Day = Annotated[str | None, Query(max_length=32, description="a date like 2024-01-16")]
_Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="events to skip")]


def parse_day(value: str | None, name: str) -> date | None:
    """``value`` as a date, or a ``QueryError`` naming ``name``."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(name, f"{value!r} is not a date like 2024-01-16") from None


def parse_dyad(value: str, directed: bool = False) -> Dyad:
    return Dyad.parse(value, directed=True if directed else None)


def event_filters(
    dyad: Annotated[str | None, Query(max_length=64, description=(
        "IRN-PAK (either direction) or IRN>PAK (directed)"))] = None,
    directed: Annotated[bool, Query(description="read dyad IRN-PAK as IRN on PAK only")] = False,
    actor: _Code = None, source: _Code = None, target: _Code = None,
    country: Annotated[str | None, Query(max_length=8)] = None,
    root: Annotated[list[str] | None, Query(max_length=20, description="CAMEO root 01..20")] = None,
    code: Annotated[list[str] | None, Query(max_length=20,
                                            description="CAMEO code prefix: 19, 195")] = None,
    quad_class: Annotated[list[int] | None, Query(max_length=4, description="1..4")] = None,
    since: _Day = None, until: _Day = None,
    max_date_span: Annotated[int | None, Query(ge=0, le=366_000)] = None,
    factual: Annotated[Literal["true", "false", "all"], Query(
        description="true: asserted events only; false: the others; all: both")] = "true",
    text: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    doc_id: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    reports: Annotated[bool, Query(description="coded reports, not canonical events")] = False,
    sort: Annotated[str, Query(max_length=16, description=(
        "date, published, goldstein, sources, confidence, code or id; - reverses"))] = "date",
) -> EventQuery:
    """The ``EventQuery`` of the common event filters (validated)."""
    return EventQuery(
        dyad=parse_dyad(dyad, directed) if dyad else None, actor=actor or None,
        source=source or None, target=target or None, country=country or None,
        roots=tuple(root or ()), codes=tuple(code or ()), quad_classes=tuple(quad_class or ()),
        since=parse_day(since, "since"), until=parse_day(until, "until"),
        max_date_span=max_date_span,
        factual={"true": True, "false": False, "all": None}[factual],
        text=text or None, doc_id=doc_id or None, canonical=not reports, sort=sort)


Filters = Annotated[EventQuery, Depends(event_filters)]


@router.get("/status", summary="What the store holds")
def status(request: Request) -> dict[str, Any]:
    st = state_of(request)
    return {"db": Path(st.config.db_path).name, "counts": st.store.counts(),
            "writable": bool(st.config.token)}


@router.get("/documents", summary="Stored documents, newest first (no bodies)")
def documents(request: Request,
              limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
              offset: _Offset = 0,
              search: Annotated[str | None, Query(max_length=MAX_TEXT)] = None
              ) -> dict[str, Any]:
    rows = state_of(request).store.documents(limit, offset, search or None).to_pylist()
    return {"limit": limit, "offset": offset, "documents": [_jsonable(r) for r in rows]}


@router.get("/documents/{doc_id}", summary="One document with its sentences and reports")
def document(request: Request, doc_id: str) -> Any:
    store = state_of(request).store
    with store.session():
        doc = store.document(doc_id)
        if doc is None:
            return error(404, f"no document {doc_id!r} in this store", "doc_id")
        sentences = store.sentences(doc_id)
        reps = store.events(EventQuery(doc_id=doc_id, canonical=False, factual=None, sort="id"))
    return {"document": doc.to_dict(), "sentences": sentences,
            "reports": [e.to_dict() for e in reps]}


@router.get("/events", summary="Events matching the filters, one page")
def events(request: Request, q: Filters,
           limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
           offset: _Offset = 0) -> JSONResponse:
    st = state_of(request)
    store, q = st.store, floored(st, q)
    with store.session():
        total = store.count(q)
        evs = store.events(q.page(limit, offset)) if offset < total else []
    nxt = offset + len(evs)
    # already JSON-ready: skip FastAPI's generic encoder (the larger part of the overhead)
    return JSONResponse({"total": total, "limit": limit, "offset": offset,
                         "next_offset": nxt if nxt < total and evs else None,
                         "events": [event_row(e) for e in evs]})


@router.get("/events/{event_id}", summary="One event: its sentence in its document, and why")
def event(request: Request, event_id: str) -> Any:
    detail = event_detail(state_of(request).store, event_id)
    if detail is None:
        return error(404, f"no event or report {event_id!r} in this store", "event_id")
    return detail


@router.get("/events/{event_id}/reports", summary="The coded reports (mentions) of an event")
def event_reports(request: Request, event_id: str) -> Any:
    store = state_of(request).store
    with store.session():
        reps = store.reports_of(event_id)
        if not reps and store.event(event_id) is None:
            return error(404, f"no event {event_id!r} in this store", "event_id")
        info = store.document_info({r.doc_id for r in reps})
    return {"event_id": event_id,
            "reports": [{**r.to_dict(), "document": _jsonable(info.get(r.doc_id) or {})}
                        for r in reps]}


@router.get("/dyads", summary="Every dyad with its event counts")
def dyads(request: Request) -> dict[str, Any]:
    return {"dyads": dyad_rows(state_of(request))}


_DyadParam = Annotated[str, Query(max_length=64, description="IRN-PAK or IRN>PAK")]


@router.get("/series", summary="A dyad's series: events per day, week or month")
def series(request: Request, dyad: _DyadParam,
           freq: Annotated[Literal["D", "W", "M"], Query()] = "D",
           since: _Day = None, until: _Day = None,
           directed: bool = False) -> JSONResponse:
    st = state_of(request)
    begin = parse_day(since, "since")
    s = dyad_series(st.store, parse_dyad(dyad, directed), freq, begin,
                    parse_day(until, "until"), count_unplaced=False,
                    query=floored(st, EventQuery(since=begin)))
    return JSONResponse(s.to_dict())


@router.get("/episodes", summary="A dyad's escalation episodes")
def episodes(request: Request, dyad: _DyadParam, since: _Day = None, until: _Day = None,
             directed: bool = False) -> dict[str, Any]:
    d = parse_dyad(dyad, directed)
    eps = escalation_episodes(state_of(request).store, d, parse_day(since, "since"),
                              parse_day(until, "until"))
    return {"dyad": str(d), "episodes": [_jsonable(e.to_dict()) for e in eps]}


@router.get("/retaliations", summary="A dyad's reciprocity links (action -> response)")
def links(request: Request, dyad: _DyadParam, since: _Day = None,
          until: _Day = None) -> dict[str, Any]:
    d = parse_dyad(dyad)
    found = retaliations(state_of(request).store, d, parse_day(since, "since"),
                         parse_day(until, "until"))
    return {"dyad": str(d), "links": [_jsonable(k.to_dict()) for k in found]}


@router.get("/reciprocity", summary="How each side of a dyad answers the other")
def recip(request: Request, dyad: _DyadParam, since: _Day = None,
          until: _Day = None) -> dict[str, Any]:
    d = parse_dyad(dyad)
    found = reciprocity(state_of(request).store, d, parse_day(since, "since"),
                        parse_day(until, "until"))
    return {"dyad": str(d), "reciprocity": [_jsonable(r.to_dict()) for r in found]}


_MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson",
          "parquet": "application/vnd.apache.parquet", "gdelt": "text/tab-separated-values",
          "icews": "text/tab-separated-values", "plover": "application/x-ndjson"}
_SUFFIX = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "gdelt": "gdelt.tsv",
           "icews": "icews.tsv", "plover": "plover.jsonl"}


@router.get("/export", summary="Matching events as a file: csv, jsonl, parquet, gdelt, icews, "
                               "plover", response_class=Response,
            responses={200: {"content": {m: {} for m in sorted(set(_MEDIA.values()))}}})
def export(request: Request, q: Filters,
           format: Annotated[Literal["csv", "jsonl", "parquet", "gdelt", "icews", "plover"],
                             Query()] = "csv",
           limit: Annotated[int, Query(ge=0, le=MAX_EXPORT)] = 10_000,
           offset: _Offset = 0) -> Response:
    assert format in FORMATS
    st = state_of(request)
    store, q = st.store, floored(st, q)
    with store.session():
        evs = store.events(q.page(limit, offset))
        docs = (store.document_info({d for e in evs for d in (e.sources or [e.doc_id])})
                if format in ("gdelt", "icews", "plover") else None)
    name = f"dyadwatch-events.{_SUFFIX[format]}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "parquet":
        with tempfile.TemporaryDirectory(prefix="dyadwatch-export-") as tmp:
            out = Path(tmp) / name
            write_events(evs, format, out, docs)
            data = out.read_bytes()
        return Response(data, media_type=_MEDIA[format], headers=headers)
    text = write_events(evs, format, None, docs) or ""
    return Response(text, media_type=_MEDIA[format] + "; charset=utf-8", headers=headers)


class ExtractRequest(BaseModel):
    """An article to code: ``text`` or ``html`` (one of them)."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=1_000_000, description="the article as text")
    html: str | None = Field(None, max_length=1_000_000, description="the article as a page")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=32,
                                  description="publication date, e.g. 2024-01-20")


_EXTRACT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "maxLength": 1_000_000}},
        "text/html": {"schema": {"type": "string", "maxLength": 1_000_000}},
    },
}


@router.post("/extract", summary="Code an article (text or HTML) and return its events",
             openapi_extra={"requestBody": _EXTRACT_BODY},
             responses={400: {"description": "the body or a parameter is not valid"},
                        401: {"description": "store=true without the write token"},
                        403: {"description": "store=true on a read-only server"},
                        413: {"description": "the body is too large"}})
async def extract(request: Request,
                  store: Annotated[bool, Query(description="also store it (needs the token)")
                                   ] = False,
                  explain: Annotated[bool, Query(description="each event's evidence")] = True,
                  all_events: Annotated[bool, Query(alias="all", description=(
                      "also non-factual events (negated, hypothetical...)"))] = True,
                  published: _Day = None) -> Any:
    from starlette.concurrency import run_in_threadpool

    st = state_of(request)
    if store and not st.config.token:
        return error(403, "this server is read-only: start `dyadwatch serve` with "
                          "--token-env VAR to allow storing", "store")
    if store and not st.authorised(request):
        return error(401, "store=true needs the write token: send Authorization: Bearer "
                          "<token>", "store", headers={"WWW-Authenticate": "Bearer"})
    raw = await request.body()
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        return error(400, "the body is not UTF-8 text", "body")
    meta: dict[str, Any] = {}
    if ctype in ("application/json", ""):
        try:
            req = ExtractRequest.model_validate(json.loads(body))
        except json.JSONDecodeError as exc:
            return error(400, f"the body is not valid JSON ({exc.msg} at line {exc.lineno} "
                              f"column {exc.colno})", "body")
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "body"
            return error(422, f"{where}: {first.get('msg')}", where)
        if (req.text is None) == (req.html is None):
            return error(422, "send exactly one of 'text' and 'html'", "body")
        kind, content = ("html", req.html) if req.html is not None else ("text", req.text)
        published = req.published or published
        meta = {k: v for k, v in (("title", req.title), ("url", req.url)) if v}
    elif ctype in ("text/plain", "text/html"):
        kind, content = ("html" if ctype == "text/html" else "text"), body
    else:
        return error(415, f"content type {ctype!r} is not accepted; send application/json, "
                          "text/plain or text/html", "content-type")
    assert content is not None
    if not content.strip():
        return error(422, "the article is empty", "body")
    pub = parse_day(published, "published")

    def code() -> Any:
        with st.extract_lock:
            return jobs.extract_submitted(content, kind, pub, st.config.pipeline, **meta)

    result = await run_in_threadpool(code)
    out = result.to_dict(explain=explain, include_all=all_events)
    out["sentences"] = [s.to_dict() for s in result.sentences]
    out["stored"] = None
    if store:
        outcome = await run_in_threadpool(_store, st, result)
        out["stored"] = {"stored": outcome.stored, "reports": outcome.reports,
                         "events_new": outcome.events_new,
                         "duplicate_of": outcome.duplicate_of, "error": outcome.error}
    return JSONResponse(json.loads(json.dumps(out, default=str)))


def _store(st: Any, result: Any) -> Any:
    from ..store import Store

    with Store(st.config.db_path, timeout=st.config.wait) as w:
        return jobs.store_result(w, result)


def _jsonable(v: Any) -> Any:
    """Dates and decimals as JSON-ready values."""
    return json.loads(json.dumps(v, default=str))
