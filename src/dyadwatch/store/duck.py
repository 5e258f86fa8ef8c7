"""The embedded DuckDB store: documents, sentences, events and their sources.

Every document is written in one transaction: a failure rolls back that
document only and never touches what is already stored.  Exact duplicates
(same content hash) add nothing; near-duplicate reposts are recorded as
extra sources of the document they repeat; the same event reported by
several documents is one ``events`` row with several ``event_sources`` rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Actor, Document, Event, Location, Modality, Rejection, Result
from . import merge
from .schema import DDL, MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "dyadwatch.duckdb"

#: The country an event is directed at, for dyad queries: the target's, or, for an
#: action inside another country against the source's own nationals (or nobody),
#: the country where it happened (Iran striking Iranian militants in Pakistan is
#: an IRN-PAK event).
EFFECTIVE_TARGET = """(CASE WHEN loc_country IS NOT NULL AND loc_country <> source_country
      AND (target_country IS NULL OR target_country = source_country)
    THEN loc_country ELSE target_country END)"""


@dataclass
class SaveOutcome:
    """What saving one result did."""

    stored: bool  # False: exact duplicate, nothing written
    sentences: int = 0
    events_new: int = 0
    events_merged: int = 0


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)


class Store:
    """A dyadwatch DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if not read_only:
            self._init_schema()
        self._check_version()
        self._near_index: Any = None

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _init_schema(self) -> None:
        try:
            for stmt in DDL:
                self.con.execute(stmt)
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)",
                                 [str(SCHEMA_VERSION)])
            else:
                version = int(row[0])
                while version < SCHEMA_VERSION:
                    for stmt in MIGRATIONS.get(version, []):
                        self.con.execute(stmt)
                    version += 1
                    self.con.execute("UPDATE meta SET value=? WHERE key='schema_version'",
                                     [str(version)])
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a usable dyadwatch store: {exc}") from exc

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a dyadwatch store (no meta table)") from exc
        if row is None:
            raise StoreError(f"{self.path} is not a dyadwatch store (no schema version)")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {row[0]}; this dyadwatch "
                             f"understands up to {SCHEMA_VERSION}: upgrade dyadwatch")

    # -- documents ---------------------------------------------------------
    def find_exact(self, content_hash: str) -> str | None:
        row = self.con.execute("SELECT doc_id FROM documents WHERE content_hash=?",
                               [content_hash]).fetchone()
        return row[0] if row else None

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_id=?",
                                [doc_id]).fetchone() is not None

    def is_known_source(self, document: Document) -> bool:
        """True when this file/URL was already stored (as an original or as a copy)."""
        keys = [k for k in (document.source_path, document.url) if k]
        if not keys:
            return False
        marks = ",".join("?" * len(keys))
        return self.con.execute(
            f"SELECT 1 FROM document_sources WHERE source_path IN ({marks}) OR url IN ({marks})",
            keys + keys).fetchone() is not None

    def _index(self) -> Any:
        """The near-duplicate index of stored documents (built on first use).

        Signatures are only comparable under one MinHash scheme; when the stored
        ones were made under another (older dyadwatch, other settings) they are
        recomputed from the stored bodies.
        """
        if self._near_index is None:
            from ..dedup import _SCHEME, NearDuplicateIndex

            idx = NearDuplicateIndex()
            scheme = f"{_SCHEME}/shingle={idx.shingle}/perm={idx.num_perm}/seed={idx.seed}"
            row = self.con.execute("SELECT value FROM meta WHERE key='minhash_scheme'").fetchone()
            if row is None or row[0] != scheme:
                for doc_id, body in self.con.execute(
                        "SELECT doc_id, body FROM documents").fetchall():
                    self.con.execute("UPDATE documents SET minhash=? WHERE doc_id=?",
                                     [idx.signature(body or ""), doc_id])
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('minhash_scheme', ?)",
                                 [scheme])
            for doc_id, sig in self.con.execute(
                    "SELECT doc_id, minhash FROM documents WHERE minhash IS NOT NULL").fetchall():
                idx.add(doc_id, list(sig))
            self._near_index = idx
        return self._near_index

    def find_near(self, document: Document) -> tuple[str | None, list[int], float | None]:
        """(earlier near-duplicate's doc_id or None, the document's signature, similarity)."""
        idx = self._index()
        sig = idx.signature(document)
        near = idx.find(sig)
        stored = idx.stored(near) if near else None
        sim = idx.similarity(sig, stored) if stored else None
        return near, sig, sim

    def add_source(self, doc_id: str, document: Document, kind: str,
                   similarity: float | None = None) -> bool:
        """Record that ``document`` repeats stored ``doc_id``.  False if already known."""
        try:
            self.con.execute("BEGIN")
            exists = self.con.execute(
                "SELECT 1 FROM document_sources WHERE doc_id=? AND seen_doc_id=?",
                [doc_id, document.doc_id]).fetchone()
            if not exists:
                self.con.execute(
                    "INSERT INTO document_sources VALUES (?,?,?,?,?,?,?,?)",
                    [doc_id, document.doc_id, kind, document.url, document.outlet,
                     document.published, document.source_path, similarity])
                # every event of the original is now also reported by the repost
                self.con.execute(
                    """INSERT INTO event_sources
                       SELECT es.event_id, ?, es.sentence_index, es.sentence, es.cameo,
                              es.confidence, ?
                       FROM event_sources es WHERE es.doc_id=?
                       ON CONFLICT DO NOTHING""",
                    [document.doc_id, document.published, doc_id])
                self._refresh_counts(document.doc_id)
            self.con.execute("COMMIT")
            return not exists
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not record {document.doc_id} as a source of {doc_id}: "
                             f"{exc}") from exc

    def save(self, result: Result, signature: list[int] | None = None) -> SaveOutcome:
        """Store a processed document, its sentences and events, in one transaction."""
        doc = result.document
        if self.find_exact(doc.content_hash) or self.has_document(doc.doc_id):
            return SaveOutcome(stored=False)
        try:
            self.con.execute("BEGIN")
            self.con.execute(
                """INSERT INTO documents (doc_id, content_hash, url, outlet, title, authors,
                   published, published_from, language, body, source_path, meta, minhash)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [doc.doc_id, doc.content_hash, doc.url, doc.outlet, doc.title, doc.authors,
                 doc.published, doc.published_from, doc.language, doc.body, doc.source_path,
                 _json(doc.meta), signature])
            self.con.execute("INSERT INTO document_sources VALUES (?,?,?,?,?,?,?,?)",
                             [doc.doc_id, doc.doc_id, "original", doc.url, doc.outlet,
                              doc.published, doc.source_path, 1.0])
            if result.sentences:
                self.con.executemany(
                    "INSERT INTO sentences VALUES (?,?,?,?,?)",
                    [[s.doc_id, s.index, s.text, s.start, s.end] for s in result.sentences])
            new = merged = 0
            for ev in result.events:
                if self._merge_or_insert(ev):
                    merged += 1
                else:
                    new += 1
            self._refresh_counts(doc.doc_id)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not store document {doc.doc_id} "
                             f"({doc.source_path or doc.url or 'no path'}): {exc}") from exc
        if signature is not None and self._near_index is not None:
            self._near_index.add(doc.doc_id, signature)
        return SaveOutcome(True, len(result.sentences), new, merged)

    def _merge_or_insert(self, ev: Event) -> bool:
        """Insert ``ev`` or attach it to a matching stored event.  True when merged.

        Candidates share source country, effective target country, CAMEO root and
        factuality; ``merge.same_event`` then checks dates, roles and places.
        """
        rows = self.con.execute(
            f"""SELECT event_id, cameo, confidence, date, date_end, date_precision,
                       source_role, target_country, target_role, loc_country, loc_admin1
                FROM events WHERE source_country IS NOT DISTINCT FROM ?
                  AND {EFFECTIVE_TARGET} IS NOT DISTINCT FROM ? AND root=? AND factual=?""",
            [ev.source.country, merge.effective_target(ev), ev.root, ev.factual]).fetchall()
        for (event_id, cameo, conf, d, d_end, prec, s_role, t_country, t_role, l_country,
             l_admin1) in rows:
            stored = merge.Stored(merge.date_range(d, d_end, prec), s_role, t_country, t_role,
                                  l_country, l_admin1)
            if not merge.same_event(ev, stored):
                continue
            self.con.execute(
                "INSERT INTO event_sources VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                [event_id, ev.doc_id, ev.sentence_index, ev.sentence, ev.cameo,
                 ev.confidence, ev.published])
            if merge.better(ev.cameo, ev.confidence, cameo, conf or 0.0):
                self.con.execute(
                    """UPDATE events SET cameo=?, quad_class=?, goldstein=?, plover_type=?,
                       plover_mode=?, confidence=? WHERE event_id=?""",
                    [ev.cameo, ev.quad_class, ev.goldstein, ev.plover_type, ev.plover_mode,
                     ev.confidence, event_id])
            # a report that names the role ("Iran's Revolutionary Guards") sharpens "Iran"
            if s_role is None and ev.source.role:
                self.con.execute("UPDATE events SET source_code=?, source_role=?, source_name=? "
                                 "WHERE event_id=?", [ev.source.code, ev.source.role,
                                                      ev.source.name, event_id])
            if (ev.target and t_role is None and ev.target.role
                    and ev.target.country == t_country):
                self.con.execute("UPDATE events SET target_code=?, target_role=?, target_name=? "
                                 "WHERE event_id=?", [ev.target.code, ev.target.role,
                                                      ev.target.name, event_id])
            return True
        s, t, loc = ev.source, ev.target, ev.location
        values = [ev.event_id, ev.doc_id, ev.sentence_index, ev.sentence,
             s.code, s.country, s.role, s.name,
             t.code if t else None, t.country if t else None, t.role if t else None,
             t.name if t else None,
             ev.cameo, ev.root, ev.quad_class, ev.goldstein, ev.plover_type, ev.plover_mode,
             ev.date, ev.date_precision, ev.date_end,
             loc.name if loc else None, loc.admin1 if loc else None, loc.country if loc else None,
             loc.lat if loc else None, loc.lon if loc else None,
             loc.geonames_id if loc else None, loc.feature if loc else None,
             ev.modality.value, ev.factual, ev.confidence, ev.published, _json(ev.evidence), 1]
        self.con.execute("INSERT INTO events VALUES (" + ",".join("?" * len(values)) + ")", values)
        self.con.execute("INSERT INTO event_sources VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                         [ev.event_id, ev.doc_id, ev.sentence_index, ev.sentence, ev.cameo,
                          ev.confidence, ev.published])
        return False

    def _refresh_counts(self, doc_id: str) -> None:
        """Recount ``n_sources`` of the events ``doc_id`` reports (not the whole table)."""
        self.con.execute(
            """UPDATE events SET n_sources = c.n FROM
               (SELECT event_id, count(DISTINCT doc_id) AS n FROM event_sources
                WHERE event_id IN (SELECT event_id FROM event_sources WHERE doc_id=?)
                GROUP BY event_id) c
               WHERE events.event_id = c.event_id AND events.n_sources <> c.n""", [doc_id])

    # -- runs and rejections ------------------------------------------------
    def record_rejection(self, run_id: str, rejection: Rejection) -> None:
        self.con.execute("INSERT INTO rejections (run_id, location, stage, reason) VALUES (?,?,?,?)",
                         [run_id, rejection.where, rejection.stage, rejection.reason])

    def record_run(self, run_id: str, started: Any, finished: Any, inputs: Iterable[str],
                   stats: dict[str, int]) -> None:
        self.con.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?)",
                         [run_id, started, finished, " ".join(inputs), stats.get("documents", 0),
                          stats.get("duplicates", 0), stats.get("sentences", 0),
                          stats.get("events", 0), stats.get("rejections", 0)])

    # -- reading -----------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "document_sources", "sentences", "events", "event_sources",
                      "rejections"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def query_events(self, dyad: str | None = None, since: date | None = None,
                     until: date | None = None, factual_only: bool = True,
                     limit: int | None = None) -> list[Event]:
        sql, params = _event_filter(dyad, since, until, factual_only)
        sql = f"SELECT * FROM events {sql} ORDER BY date NULLS LAST, event_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        cols = [c[0] for c in cur.description]
        events = [_row_to_event(dict(zip(cols, r))) for r in cur.fetchall()]
        if events:
            src = self.con.execute(
                "SELECT event_id, list(DISTINCT doc_id ORDER BY doc_id) FROM event_sources "
                "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY event_id",
                [[ev.event_id for ev in events]]).fetchall()
            by_id = dict(src)
            for ev in events:
                ev.sources = list(by_id.get(ev.event_id, [ev.doc_id]))
        return events

    def document(self, doc_id: str) -> Document | None:
        cur = self.con.execute("SELECT * FROM documents WHERE doc_id=?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        d = dict(zip([c[0] for c in cur.description], row))
        d["meta"] = json.loads(d["meta"]) if d.get("meta") else {}
        d["published"] = d["published"].isoformat() if d.get("published") else None
        return Document.from_dict(d)


def _event_filter(dyad: str | None, since: date | None, until: date | None,
                  factual_only: bool) -> tuple[str, list[Any]]:
    """WHERE clause for event queries.  ``IRN-PAK`` matches both directions,
    ``IRN>PAK`` only Iran acting on Pakistan (see ``EFFECTIVE_TARGET``)."""
    where, params = [], []
    if dyad:
        if ">" in dyad:
            a, b = (x.strip().upper() for x in dyad.split(">", 1))
            where.append(f"source_country=? AND {EFFECTIVE_TARGET}=?")
            params += [a, b]
        else:
            parts = [x.strip().upper() for x in dyad.replace("_", "-").split("-")]
            if len(parts) != 2 or not all(parts):
                raise StoreError(f"bad dyad {dyad!r}: write two country codes like IRN-PAK "
                                 "(either direction) or IRN>PAK (directed)")
            a, b = parts
            where.append(f"((source_country=? AND {EFFECTIVE_TARGET}=?) OR "
                         f"(source_country=? AND {EFFECTIVE_TARGET}=?))")
            params += [a, b, b, a]
    if since:
        where.append("coalesce(date_end, date) >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    if factual_only:
        where.append("factual")
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _row_to_event(r: dict[str, Any]) -> Event:
    def actor(prefix: str) -> Actor | None:
        if not r.get(f"{prefix}_code"):
            return None
        return Actor(r[f"{prefix}_code"], r[f"{prefix}_country"], r[f"{prefix}_role"],
                     r[f"{prefix}_name"])

    loc = None
    if r.get("loc_name"):
        loc = Location(r["loc_name"], r["loc_country"], r["loc_admin1"], r["lat"], r["lon"],
                       r["geonames_id"], r["loc_feature"])
    src = actor("source")
    assert src is not None
    return Event(
        event_id=r["event_id"], doc_id=r["doc_id"], sentence_index=r["sentence_index"],
        sentence=r["sentence"], source=src, target=actor("target"), cameo=r["cameo"],
        root=r["root"], quad_class=r["quad_class"], goldstein=r["goldstein"],
        plover_type=r["plover_type"], plover_mode=r["plover_mode"], date=r["date"],
        date_precision=r["date_precision"], date_end=r["date_end"], location=loc,
        modality=Modality(r["modality"]), confidence=r["confidence"], published=r["published"],
        evidence=json.loads(r["evidence"]) if r.get("evidence") else {})
