"""The watch loop: poll every source, fetch and code the new articles, store them with
their seen marks, then evaluate the alert rules.

One cycle (``Watcher.cycle``):

1. For each source: read the feed (conditionally: ``If-None-Match`` /
   ``If-Modified-Since`` from its stored cursor) or the URL list; drop the
   items the store has seen (by the source's guid, or by the article URL from
   any source).
2. For each new item: fetch the linked page (robots.txt respected; when
   robots.txt forbids it, the feed's own summary is coded instead, if there
   is one), extract it, code it.  Nothing is written yet.
3. Commit every ``batch`` items in one short transaction: documents,
   sentences, reports, events, the items' seen marks and, with the source's
   last batch, its cursor (``store.watchstate``).  An item that failed for a
   passing reason (timeout, 5xx after the retries) is left unmarked and its
   feed's validators are not advanced, so the next poll sees it again.
4. Deliver any alert recorded but not delivered (a crash came between), then
   evaluate the rules and deliver what is new.

The library logs to the ``dyadwatch.watch`` logger and never prints.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from ..errors import DyadwatchError, InputError, StoreError
from ..model import Rejection
from ..store import Store
from ..store.watchstate import Cursor, ItemRecord, WatchState
from .alerts import Delivery, RuleSet, evaluate
from .fetch import Fetcher, FetchError, RobotsDisallowed
from .sources import Item, Source, UnsafeFeed, parse_feed, read_url_list

log = logging.getLogger("dyadwatch.watch")

#: items committed per transaction
BATCH_ITEMS = 16


@dataclass
class CycleSummary:
    cycle: int
    sources: int = 0
    not_modified: int = 0  # feeds that answered 304
    new_items: int = 0  # items not seen before
    stored: int = 0  # documents coded and stored
    known: int = 0  # items whose document the store had already
    rejected: int = 0  # items that cannot be read (recorded, not retried)
    deferred: int = 0  # items left for the next poll (a passing failure)
    reports: int = 0
    alerts: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"cycle {self.cycle}: {self.sources} sources ({self.not_modified} unchanged), "
                f"{self.new_items} new items: {self.stored} stored, {self.known} already "
                f"stored, {self.rejected} rejected, {self.deferred} left for the next poll; "
                f"{self.reports} event reports, {self.alerts} alerts, "
                f"{len(self.warnings)} warnings, {self.seconds:.1f} s")


def _today() -> date:
    return datetime.now(timezone.utc).date()


class Watcher:
    """Watches ``sources`` into ``store``.  ``pipeline`` is built on first need;
    ``today`` gives the date the alert windows end on (UTC today by default)."""

    def __init__(self, sources: Sequence[str], store: Store, pipeline: Any = None,
                 fetcher: Fetcher | None = None, rules: RuleSet | None = None,
                 today: Callable[[], date] = _today, batch: int = BATCH_ITEMS) -> None:
        self.sources = [Source.parse(s) for s in sources]
        self.store = store
        self._pipeline = pipeline
        self.fetcher = fetcher or Fetcher()
        self.rules = rules
        self.delivery = Delivery(rules.outputs, self.fetcher.settings.user_agent) if rules else None
        self.today = today
        self.batch = max(1, batch)
        self.state = WatchState(store)
        self.run_id = "watch-" + uuid.uuid4().hex[:8]
        self.cycles = 0
        self._signer: Any = None
        self._warned: set[str] = set()

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from ..jobs import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline

    # -- one cycle --------------------------------------------------------------
    def cycle(self) -> CycleSummary:
        """One poll of every source, then the alerts.  A poll that stored or rejected
        anything is recorded in the store's ``runs`` (``dyadwatch status`` lists it)."""
        t0 = time.perf_counter()
        started = datetime.now()
        self.cycles += 1
        s = CycleSummary(self.cycles, sources=len(self.sources))
        for source in self.sources:
            self._poll(source, s)
        if self.rules is not None:
            self._alerts(s)
        s.seconds = time.perf_counter() - t0
        if s.stored or s.rejected:
            self.store.record_run(f"{self.run_id}-{self.cycles}", started, datetime.now(),
                                  [x.name for x in self.sources],
                                  {"documents": s.stored, "events": s.reports,
                                   "rejections": s.rejected})
        return s

    def _warn(self, s: CycleSummary, where: str, kind: str, msg: str) -> None:
        log.warning(msg)
        s.warnings.append(msg)
        if msg not in self._warned:  # the store gets each distinct warning once per process
            self._warned.add(msg)
            try:
                self.store.record_notice(self.run_id, where, "watch", kind, msg)
            except StoreError as exc:
                log.warning("could not record the notice in the store: %s", exc)

    def _list(self, source: Source, s: CycleSummary) -> tuple[list[Item], Cursor | None]:
        """The source's items now, and the cursor to store (None: store nothing)."""
        if source.kind == "urls":
            items, bad = read_url_list(source.name)
            for b in bad:
                self._warn(s, source.name, "bad-url", b)
            return items, Cursor(source.name, "urls")
        if not source.remote:
            with open(source.name, "rb") as fh:
                raw = fh.read(self.fetcher.settings.max_bytes + 1)
            if len(raw) > self.fetcher.settings.max_bytes:
                raise InputError(source.name, "feed file is over the size limit")
            cursor = Cursor(source.name, "feed")
        else:
            etag, modified = self.state.cursor(source.name)
            res = self.fetcher.fetch(source.name, etag, modified)
            if res.not_modified:
                s.not_modified += 1
                return [], Cursor(source.name, "feed", status="not modified",
                                  keep_validators=True)
            raw = res.body
            cursor = Cursor(source.name, "feed", res.etag, res.last_modified)
        feed = parse_feed(raw, source.name)
        if feed.warning:
            self._warn(s, source.name, "malformed-feed", f"{source.name}: {feed.warning}")
            cursor.status = "read leniently"
        return feed.items, cursor

    def _poll(self, source: Source, s: CycleSummary) -> None:
        try:
            items, cursor = self._list(source, s)
        except UnsafeFeed as exc:
            self._warn(s, source.name, "unsafe-feed", f"warning: {exc}")
            self.state.commit([], [Cursor(source.name, source.kind, status="refused: unsafe XML",
                                          keep_validators=True)])
            return
        except (FetchError, InputError, OSError) as exc:
            self._warn(s, source.name, "source-error", f"warning: cannot poll {source.name}: {exc}")
            self.state.commit([], [Cursor(source.name, source.kind,
                                          status=f"error: {str(exc)[:200]}",
                                          keep_validators=True)])
            return
        assert cursor is not None
        seen = self.state.seen(source.name, [i.key for i in items],
                               [i.url_key for i in items if i.url_key])
        fresh, claimed = [], set()
        for it in items:
            if it.key in seen or (it.url_key and it.url_key in seen) or it.key in claimed \
                    or (it.url_key and it.url_key in claimed):
                continue
            claimed.update({it.key, it.url_key} - {None})
            fresh.append(it)
        s.new_items += len(fresh)
        pending: list[ItemRecord] = []
        for n, it in enumerate(fresh):
            rec = self._handle(it, s)
            if rec is None:
                cursor.keep_validators = True  # see this feed's items again next poll
            else:
                pending.append(rec)
            if len(pending) >= self.batch and n < len(fresh) - 1:
                self._commit(pending, [], s)
                pending = []
        self._commit(pending, [cursor], s)

    def _commit(self, records: list[ItemRecord], cursors: list[Cursor],
                s: CycleSummary) -> None:
        if not records and not cursors:
            return
        with self.store.session():
            out = self.state.commit(records, cursors)
        for rec, o in out.items:
            if rec.status == "stored":
                s.stored += 1
                s.reports += o.reports if o else 0
            elif rec.status == "known":
                s.known += 1
            else:
                s.rejected += 1
                self.store.record_rejection(self.run_id, Rejection(
                    rec.url or rec.item_key, "watch", rec.reason or "rejected"))
        for rec, why in out.failed:
            s.deferred += 1
            self._warn(s, rec.source, "store-error", f"warning: {why}; will retry next poll")

    def _handle(self, it: Item, s: CycleSummary) -> ItemRecord | None:
        """Fetch and code one item; None when it should be tried again next poll."""
        from ..ingest import document_from_html, document_from_text

        base = dict(source=it.source, item_key=it.key, url_key=it.url_key, url=it.url)
        note = None
        try:
            if it.url is None:
                raise RobotsDisallowed(it.key, "the item has no link")
            res = self.fetcher.fetch(it.url)
            doc = document_from_html(res.body, url=it.url)
        except RobotsDisallowed as exc:
            if not (it.summary and it.summary.strip()):
                return ItemRecord(**base, status="rejected", reason=exc.reason)
            note = f"{exc.reason}; coded the feed's summary instead"
            log.info("%s: %s", it.url or it.key, note)
            try:
                doc = document_from_text(_fragment_text(it.summary), url=it.url, title=it.title,
                                         source_path=it.url or f"{it.source}#{it.key}")
            except InputError as exc2:
                return ItemRecord(**base, status="rejected", reason=exc2.reason)
            doc.meta["watch_note"] = note
        except FetchError as exc:
            if exc.transient:
                s.deferred += 1
                self._warn(s, it.source, "fetch-deferred",
                           f"warning: {exc}; will try again next poll")
                return None
            return ItemRecord(**base, status="rejected", reason=exc.reason)
        except InputError as exc:
            return ItemRecord(**base, status="rejected", reason=exc.reason)
        if it.published is not None:
            if doc.published is not None and doc.published != it.published:
                doc.meta["extracted_published"] = doc.published.isoformat()
            doc.published, doc.published_from = it.published, "feed"
        if it.title and not doc.title:
            doc.title = it.title
        doc.meta["watch_source"] = it.source
        if it.guid:
            doc.meta["feed_guid"] = it.guid
        try:
            result = self.pipeline.process(doc)
        except DyadwatchError as exc:
            return ItemRecord(**base, status="rejected", reason=f"coding failed: {exc}")
        except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop the watch
            return ItemRecord(**base, status="rejected",
                              reason=f"internal error {type(exc).__name__}: {exc} (please report)")
        if self._signer is None:
            from ..dedup import NearDuplicateIndex

            self._signer = NearDuplicateIndex()
        return ItemRecord(**base, status="stored", result=result,
                          signature=self._signer.signature(doc))

    # -- alerts -------------------------------------------------------------------
    def _alerts(self, s: CycleSummary) -> None:
        assert self.rules is not None and self.delivery is not None
        for payload in self.state.undelivered():  # recorded before a crash, not delivered
            done = self.delivery.deliver(payload, retry=True)
            for w in done.warnings:
                self._warn(s, payload["rule"], "webhook", w)
            self.state.mark_delivered(payload["alert_key"], done.webhook.status,
                                      done.webhook.attempts, done.webhook.error)
        with self.store.session():
            alerts = evaluate(self.store, self.state, self.rules, self.today())
            payloads = []
            for a in alerts:
                a.fired_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
                payload = a.payload(self.store)
                if self.state.record_alert(a.key, a.rule.name, a.rule.kind, a.subject,
                                           [e.event_id for e in a.events], a.reports, payload):
                    payloads.append(payload)
        for payload in payloads:
            done = self.delivery.deliver(payload)
            for w in done.warnings:
                self._warn(s, payload["rule"], "webhook", w)
            self.state.mark_delivered(payload["alert_key"], done.webhook.status,
                                      done.webhook.attempts, done.webhook.error)
            s.alerts += 1

    # -- the loop -------------------------------------------------------------------
    def run(self, interval: float, once: bool = False,
            stop: threading.Event | None = None,
            on_cycle: Callable[[CycleSummary], None] | None = None) -> None:
        """Cycle every ``interval`` seconds until ``stop`` is set (or once).  A store
        that stays busy skips a cycle with a warning; the next one tries again."""
        stop = stop or threading.Event()
        while True:
            started = time.monotonic()
            try:
                summary = self.cycle()
            except StoreError as exc:
                if once:
                    raise
                log.warning("cycle skipped: %s", exc)
            else:
                if on_cycle:
                    on_cycle(summary)
            if once or stop.wait(max(0.0, interval - (time.monotonic() - started))):
                return


def _fragment_text(html: str) -> str:
    from ..ingest.containers import _fragment_text as frag

    return frag(html)
