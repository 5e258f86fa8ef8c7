"""The canonical events of one published document, derived in bounded memory.

``staging.publish`` derives, inside its one transaction, the canonical events of
every segment a huge document's reports fall in.  Read whole, a block of such a
document held every report twice (DuckDB's materialized result, then the Python
reports) and every link until the commit: about 6.5 KB of RSS per report of the
largest block, +327 MB on a 31.5 MB line.  Here, per block of the document:

1. **Segments from dates alone.**  The block's segments (``consolidate.segments``)
   are computed from one aggregate per distinct start date (its latest end), not from
   the reports; the segments holding the document's reports are then done one by one.
2. **Reports read in bounded pages, in consolidation order.**  A segment's reports
   are read narrow (as ``Store._load_reports`` reads them), ``_FETCH_ROWS`` at a time:
   each page is the next rows after the last one read, in ``consolidate.order_key``
   order (``ORDER BY ... LIMIT``: DuckDB keeps a heap of one page, where an ``ORDER
   BY`` of the whole segment sorted it all in memory, and a materialized result held
   it all again).
3. **A streaming clusterer.**  ``consolidate.SegmentClusterer`` puts each report in
   its cluster as it arrives and keeps per cluster only running aggregates
   (``ClusterTally``), never the reports.
4. **Links in bounded batches.**  A report's cluster is known when it is read, its
   event id only when the segment ends (the id hashes the cluster's anchor); so each
   page's (cluster number, report) pairs go to a temporary table, and when the segment
   ends one ``INSERT ... SELECT`` joins them to the clusters' ids into
   ``event_reports``.

The events and ids are those of the in-memory path (``Store._reconsolidate``) and of a
pure ``consolidate``: the tests compare them.  Everything happens on the publish
transaction's connection, so it commits or rolls back with it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..model import CountryFrom
from . import consolidate as cons
from .rows import (COUNTRY_FROM_KEY, EVENT_COLUMN_NAMES, EVENT_COLUMNS, row_to_event,
                   row_values)

if TYPE_CHECKING:
    import duckdb

    from .duck import Store

_LINKS = "_publish_links"
#: reports read per page: each page scans the block once more (the cost grows with the
#: square of the segment over the page), and holds this many narrow reports (about 1.3 KB
#: each in Python) and DuckDB's heap of as many rows
PAGE_ROWS = 4000
#: consolidate.order_key as SQL (a NULL date or publication date sorts last, as date.max)
_RANK_SQL = ("CASE WHEN date IS NULL THEN 10 ELSE CASE coalesce(nullif(date_precision, ''), "
             "'article') " + " ".join(f"WHEN '{p}' THEN {r}"
                                      for p, r in cons.PRECISION_RANK.items())
             + " ELSE 9 END END")
_ORDER_SQL = (f"({_RANK_SQL}), coalesce(date, DATE '9999-12-31'), "
              "coalesce(published, DATE '9999-12-31'), doc_id, sentence_index, event_id")


def block_segments(con: duckdb.DuckDBPyConnection, src: str, block: str
                   ) -> list[tuple[date, date]]:
    """The dated segments of ``block``, as (first, last) start dates: the same cuts as
    ``consolidate.segments`` over the block's dated reports, from one row per date."""
    out: list[tuple[date, date]] = []
    reach: date | None = None
    for start, end in con.execute(
            f"SELECT date, max(coalesce(date_end, date)) FROM {src} "
            "WHERE block = ? AND date IS NOT NULL GROUP BY date ORDER BY date",
            [block]).fetchall():
        if reach is None or start - timedelta(days=cons.DAY_TOLERANCE) > reach:
            out.append((start, start))
            reach = end
        out[-1] = (out[-1][0], start)
        reach = max(reach, end)
    return out

#: the columns of a page: no sentence, no evidence (not even where the actors' countries
#: came from: computing that for every row a page's ``ORDER BY ... LIMIT`` considers
#: read the whole evidence column into DuckDB's cache, +91 MB for 160,000 reports); the
#: few reports the events take them from are read afterwards
_PAGE_COLUMNS = ["'' AS sentence" if c == "sentence" else "'{}' AS evidence"
                 if c == "evidence" else c for c in EVENT_COLUMN_NAMES]


def _country_from(evidence: str | None, side: str) -> CountryFrom | None:
    """Where a stored report's ``side`` actor got its country (``rows.row_to_event``)."""
    how = (json.loads(evidence) if evidence else {}).get(COUNTRY_FROM_KEY) or {}
    return CountryFrom(how[side]) if how.get(side) else None


def publish_blocks(store: Store, con: duckdb.DuckDBPyConnection, doc_id: str
                   ) -> tuple[int, int]:
    """Re-derive the canonical events of every segment ``doc_id``'s reports fall in
    (its reports already visible on ``con``).  Returns (events of the document that did
    not exist before, its reports that joined an event other documents report too)."""
    src = store._src("published_reports")
    created = merged = 0
    # transaction-local: a publish that fails or is killed rolls it back with the rest
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_LINKS} "
                "(k INTEGER, report_id VARCHAR, doc_id VARCHAR)")
    con.execute(f"DELETE FROM {_LINKS}")
    dates: dict[str, list[date | None]] = {}
    for block, d in con.execute("SELECT DISTINCT block, date FROM reports WHERE doc_id = ?",
                                [doc_id]).fetchall():
        dates.setdefault(block, []).append(d)
    for block in sorted(dates):
        segs = block_segments(con, src, block)
        starts = [lo for lo, _ in segs]
        wanted = sorted({bisect_right(starts, d) - 1 for d in dates[block] if d is not None})
        where = [("block = ? AND date IS NOT NULL AND date BETWEEN ? AND ?",
                  [block, *segs[i]]) for i in wanted]
        if any(d is None for d in dates[block]):
            # undated reports only match reports of their own document
            where.append(("block = ? AND date IS NULL AND doc_id = ?", [block, doc_id]))
        for sql, params in where:
            c, m = _segment(store, con, src, sql, params, doc_id, PAGE_ROWS)
            created, merged = created + c, merged + m
    con.execute(f"DROP TABLE {_LINKS}")
    return created, merged


def _segment(store: Store, con: duckdb.DuckDBPyConnection, src: str, sql: str,
             params: list[Any], doc_id: str, page: int) -> tuple[int, int]:
    """Derive one segment's events (``sql``/``params`` select its reports)."""
    from .duck import _EVENT_EXTRA, _evidence, insert_rows

    members = f"SELECT event_id FROM {src} WHERE {sql}"
    old = {r[0] for r in con.execute(
        f"SELECT DISTINCT event_id FROM event_reports WHERE report_id IN ({members})",
        params).fetchall()}
    if old:
        con.execute("DELETE FROM events WHERE list_contains(?, event_id)", [sorted(old)])
        con.execute(f"DELETE FROM event_reports WHERE report_id IN ({members})", params)
    clusterer = cons.SegmentClusterer()
    select = (f"SELECT {', '.join(_PAGE_COLUMNS)} FROM {src} WHERE {sql} "
              f"AND ({_ORDER_SQL}) > (?, ?, ?, ?, ?, ?) ORDER BY {_ORDER_SQL} LIMIT {page}")
    after: tuple = (-1, date.min, date.min, "", -1, "")
    names = EVENT_COLUMN_NAMES
    while True:
        rows = con.execute(select, params + list(after)).fetchall()
        if not rows:
            break
        shared: dict[Any, Any] = {}
        links: list[list[Any]] = []
        for r in rows:
            r = [shared.setdefault(v, v) if i and isinstance(v, (str, date)) else v
                 for i, v in enumerate(r)]
            ev = row_to_event(dict(zip(names, r)))
            k = clusterer.add(ev)  # StoreError if the SQL order and order_key disagree
            links.append([k, ev.event_id, ev.doc_id])
        after = cons.order_key(ev)
        insert_rows(con, _LINKS, [("k", "INTEGER"), ("report_id", "VARCHAR"),
                                  ("doc_id", "VARCHAR")], links)
        del rows, links, shared
    tallies = clusterer.tallies
    for i in range(0, len(tallies), page):
        part = tallies[i:i + page]
        wanted = {t.rep.event_id for t in part}
        for t in part:
            wanted.update(r for r in t.actor_reports() if r is not None)
        full = {r[0]: (r[1], r[2]) for r in con.execute(
            "SELECT event_id, sentence, evidence FROM reports WHERE list_contains(?, event_id)",
            [sorted(wanted)]).fetchall()}
        rows = []
        for t in part:
            sentence, evidence = full[t.rep.event_id]
            ev = replace(t.canonical(), sentence=sentence, evidence=_evidence(evidence))
            src_id, tgt_id = t.actor_reports()
            ev.source.country_from = _country_from(full[src_id][1], "source")
            if ev.target is not None and tgt_id is not None:
                ev.target.country_from = _country_from(full[tgt_id][1], "target")
            rows.append(row_values(ev) + [cons.block_key(ev), t.n, len(ev.sources),
                                          ev.sources])
        insert_rows(con, "events", EVENT_COLUMNS + _EVENT_EXTRA, rows)
        del full, rows
    _write_links(con, [t.event_id() for t in tallies])
    return _counts(tallies, old, doc_id)


def _write_links(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """Move the segment's (cluster number, report) pairs into ``event_reports``, each
    with its cluster's event id, and empty the temporary table."""
    import pyarrow as pa

    ids = pa.table({"k": pa.array(range(len(event_ids)), type=pa.int32()),
                    "event_id": pa.array(event_ids, type=pa.string())})
    con.register("_publish_ids", ids)
    try:
        con.execute("INSERT INTO event_reports (event_id, report_id, doc_id) "
                    f"SELECT i.event_id, l.report_id, l.doc_id FROM {_LINKS} l "
                    "JOIN _publish_ids i USING (k)")
    finally:
        con.unregister("_publish_ids")
    con.execute(f"DELETE FROM {_LINKS}")


def _counts(tallies: list[cons.ClusterTally], old: set[str], doc_id: str) -> tuple[int, int]:
    created = merged = 0
    for t in tallies:
        mine = t.docs.get(doc_id, 0)
        if mine and t.event_id() not in old:
            created += 1
        if mine and len(t.docs) > 1:
            merged += mine
    return created, merged
