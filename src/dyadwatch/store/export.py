"""Write events as a table, CSV, JSON Lines, Parquet (flat columns), or in the GDELT,
ICEWS and PLOVER layouts (``layouts.py``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import DyadwatchError
from ..model import Event
from .layouts import LAYOUTS, render

FORMATS = ("table", "csv", "jsonl", "parquet", "gdelt", "icews", "plover")

FLAT_COLUMNS = ["event_id", "date", "date_precision", "source", "target", "cameo", "root",
                "quad_class", "goldstein", "plover_type", "plover_mode", "location",
                "loc_country", "lat", "lon", "modality", "factual", "confidence",
                "n_sources", "doc_id", "sentence"]


def flat(ev: Event) -> dict[str, Any]:
    loc = ev.location
    return {
        "event_id": ev.event_id,
        "date": ev.date.isoformat() if ev.date else None,
        "date_precision": ev.date_precision,
        "source": ev.source.code,
        "target": ev.target.code if ev.target else None,
        "cameo": ev.cameo, "root": ev.root, "quad_class": ev.quad_class,
        "goldstein": ev.goldstein, "plover_type": ev.plover_type, "plover_mode": ev.plover_mode,
        "location": loc.name if loc else None, "loc_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "modality": ev.modality.value, "factual": ev.factual,
        "confidence": round(ev.confidence, 3), "n_sources": len(ev.sources) or 1,
        "doc_id": ev.doc_id, "sentence": ev.sentence,
    }


def render_table(events: Sequence[Event], width: int = 60) -> str:
    cols = ["date", "source", "target", "cameo", "goldstein", "location", "n_sources", "sentence"]
    rows = [[_cell(flat(e)[c], width if c == "sentence" else 24) for c in cols] for e in events]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
    return "\n".join(out) + "\n"


def _cell(v: Any, width: int) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= width else s[: width - 1] + "…"


def write_events(events: Sequence[Event], fmt: str, out: str | Path | None,
                 documents: Mapping[str, Mapping[str, Any]] | None = None) -> str | None:
    """Write events in ``fmt``; return the text when ``out`` is None (not for parquet).

    The GDELT, ICEWS and PLOVER layouts read the reporting documents' URL, outlet
    and dates from ``documents`` (``Store.document_info``)."""
    if fmt not in FORMATS:
        raise DyadwatchError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in LAYOUTS:
        text = render(events, fmt, documents)
        if out is None:
            return text
        Path(out).write_text(text, encoding="utf-8")
        return None
    if fmt == "parquet":
        if out is None:
            raise DyadwatchError("--format parquet needs --out FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [flat(e) for e in events]
        table = pa.Table.from_pylist(rows) if rows else pa.table(
            {c: pa.array([], type=pa.string()) for c in FLAT_COLUMNS})
        pq.write_table(table, str(out))
        return None
    if fmt == "table":
        text = render_table(events)
    elif fmt == "jsonl":
        text = "".join(json.dumps({**e.to_dict(), "sources": e.sources}, ensure_ascii=False) + "\n"
                       for e in events)
    else:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS)
        w.writeheader()
        for e in events:
            w.writerow(flat(e))
        text = buf.getvalue()
    if out is None:
        return text
    Path(out).write_text(text, encoding="utf-8")
    return None
