"""``create_app``: the FastAPI application behind ``dyadwatch serve``.

One process serves the REST API (``/api/v1``, spec at ``/openapi.json``) and
the dashboard (``/``, ``/events/{id}``, ``/extract``).  How it shares the store:

* reads go through one read-only ``Store`` opened with ``linger``: the DuckDB
  file stays open between requests while the server is busy, and is closed as
  soon as a ``run`` or ``watch`` process asks for it (the store's lock files),
  so a writer is never blocked for longer than the requests in flight; the
  next request reopens it and sees what was written;
* the one write (``POST /api/v1/extract`` with ``store=true`` and the write
  token) opens the store read-write for that document only;
* a little derived data (the dyad list) is cached per version of the file
  (its size and modification time, and its WAL's), never across a write.

Every malformed request gets a 4xx with a JSON ``{"error": ...}`` naming the
field; a store held by a writer longer than ``wait`` seconds gets a 503 with
``Retry-After``.  Nothing reaches the network.
"""

from __future__ import annotations

import hmac
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import DyadwatchError, InputError, InputTooLarge, QueryError, StoreBusy, StoreError
from ..store import Store

#: the largest request body accepted (bytes); an article of a few hundred KB fits easily
DEFAULT_MAX_BODY = 2 * 1024 * 1024
#: seconds a request waits for a store a writer holds, before a 503
DEFAULT_WAIT = 10.0
#: seconds the read connection stays open after the last request (unless a writer waits)
DEFAULT_LINGER = 2.0
#: how many derived values (dyad list, rendered dashboards) the cache keeps
CACHE_ENTRIES = 128


@dataclass
class WebConfig:
    """What a server was started with."""

    db_path: str
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    wait: float = DEFAULT_WAIT
    linger: float = DEFAULT_LINGER
    pipeline: Any = None  # a dyadwatch Pipeline for /extract (default: jobs' own)


@dataclass
class WebState:
    """The server's store handle, its small cache and the extract lock."""

    config: WebConfig
    _store: Store | None = None
    _cache: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    _store_lock: threading.Lock = field(default_factory=threading.Lock)
    extract_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def store(self) -> Store:
        """The shared read-only store (opened again after ``close``: an app may be
        started and stopped more than once, as test clients do)."""
        with self._store_lock:
            if self._store is None:
                c = self.config
                self._store = Store(c.db_path, read_only=True, timeout=c.wait, linger=c.linger)
            return self._store

    def close(self) -> None:
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def version(self) -> tuple[Any, ...]:
        """Changes whenever a writer changes the store file (or its WAL)."""
        out: list[Any] = []
        for p in (self.config.db_path, self.config.db_path + ".wal"):
            try:
                st = os.stat(p)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [None, None]
        return tuple(out)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()``'s value, kept until the store file changes."""
        version = self.version()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]
        value = build()
        with self._cache_lock:
            self._cache.pop(key, None)
            self._cache[key] = (version, value)
            while len(self._cache) > CACHE_ENTRIES:  # forget the oldest
                self._cache.pop(next(iter(self._cache)))
        return value

    def authorised(self, request: Request) -> bool:
        """The request carries the configured write token (``Authorization: Bearer ...``)."""
        if not self.config.token:
            return False
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8"), self.config.token.encode("utf-8"))


def state_of(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def error(status: int, message: str, field_name: str | None = None,
          headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if field_name:
        body["field"] = field_name
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes with 413, before the app reads them.

    A declared ``Content-Length`` over the limit is refused at once; a body sent
    without one (chunked) is read up to the limit and refused when it passes it."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                n = int(declared)
            except ValueError:
                await self._refuse(send, 400, "Content-Length is not a number")
                return
            if n > self.max_body:
                await self._too_large(send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await self._refuse(send, 413, f"request body larger than {self.max_body} bytes; "
                                      "send a shorter article")

    @staticmethod
    async def _refuse(send: Send, status: int, message: str) -> None:
        resp = error(status, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(resp.body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": resp.body})


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    parts = []
    first = None
    for e in exc.errors():
        loc = [x for x in e.get("loc", ()) if x not in ("query", "path", "body", "header")]
        name = ".".join(str(x) for x in loc) or "request"
        first = first or next((str(x) for x in loc if not isinstance(x, int)), name)
        value = e.get("input")
        shown = f" (got {value!r:.60})" if isinstance(value, (str, int, float)) else ""
        parts.append(f"{name}: {e.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request", first


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> JSONResponse:
        return error(400, str(exc), exc.field)

    @app.exception_handler(InputTooLarge)
    async def _large(request: Request, exc: InputTooLarge) -> JSONResponse:
        return error(413, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        return error(400, str(exc), exc.where)

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return error(503, f"the store is busy: {exc}; try again shortly",
                     headers={"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, name = _validation_message(exc)
        return error(422, message, name)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route {request.url.path}; the API is under /api/v1 (see /openapi.json)"
        return error(exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return error(500, f"store error: {exc}")

    @app.exception_handler(DyadwatchError)
    async def _other(request: Request, exc: DyadwatchError) -> JSONResponse:
        return error(400, str(exc))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dyadwatch")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def create_app(db_path: str | Path, token: str | None = None, *,
               max_body: int = DEFAULT_MAX_BODY, wait: float = DEFAULT_WAIT,
               linger: float = DEFAULT_LINGER, pipeline: Any = None) -> FastAPI:
    """The API and dashboard over the store at ``db_path`` (which must exist).

    ``token``: the write token; without one the server is read-only (``POST
    /api/v1/extract`` still codes an article, but never stores it).  ``max_body``
    bounds request bodies (413 beyond).  ``wait``: seconds a request waits for a
    writer before a 503.  ``linger``: seconds the read connection stays open
    after a request.  ``pipeline``: the coding pipeline for /extract (built on
    first use otherwise).
    """
    from . import api, pages

    config = WebConfig(str(db_path), token or None, max_body, wait, linger, pipeline)
    state = WebState(config)
    state.store  # noqa: B018 - open once now: a missing or unreadable store fails here

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(title="dyadwatch", version=_version(), docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  openapi_url="/openapi.json",
                  description="Political event data coded from news: events, dyads, "
                              "escalation episodes, exports and on-demand coding.")
    app.state.web = state
    app.add_middleware(BodyLimit, max_body=max_body)
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(pages.router)

    return app


__all__ = ["DEFAULT_MAX_BODY", "WebConfig", "WebState", "create_app", "error", "state_of"]
