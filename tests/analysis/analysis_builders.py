"""Synthetic events for the analysis tests: Arrow frames (no store) and stored events."""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa

from dyadwatch._resources import cameo_table
from dyadwatch.analysis.frame import FRAME_COLUMNS, frame_from_table
from dyadwatch.model import Actor, Document, Event, Location, Modality, Result, Sentence
from dyadwatch.store import Dyad

D0 = date(2024, 1, 1)

_TYPES = {"sentence_index": pa.int32(), "quad_class": pa.int32(), "goldstein": pa.float64(),
          "date": pa.date32(), "date_end": pa.date32(), "published": pa.date32(),
          "n_sources": pa.int32()}


def row(day: int, src: str = "NOR", tgt: str = "SWE", cameo: str = "195", *,
        precision: str = "day", span: int = 0, doc: str | None = None, sentence: int = 0,
        published: int | None = None, eid: str | None = None, d0: date = D0) -> dict:
    """One event row ``day`` days after ``d0``: ``src`` acts on ``tgt`` with ``cameo``."""
    info = cameo_table()[cameo]
    d = d0 + timedelta(days=day)
    doc = doc or f"doc-{src}-{tgt}-{day}-{cameo}-{sentence}"
    return {
        "event_id": eid or f"e-{doc}-{sentence}-{cameo}", "doc_id": doc,
        "sentence_index": sentence, "source_code": src + "GOV", "source_country": src,
        "target_code": tgt + "GOV", "dyad_target": tgt, "cameo": cameo, "root": cameo[:2],
        "quad_class": info.quad_class, "goldstein": info.goldstein, "date": d,
        "date_end": d + timedelta(days=span) if span else None, "date_precision": precision,
        "published": d + timedelta(days=published if published is not None else 1),
        "n_sources": 1}


def table(rows: list[dict]) -> pa.Table:
    return pa.table({c: pa.array([r[c] for r in rows], type=_TYPES.get(c, pa.string()))
                     for c in FRAME_COLUMNS})


def frame(rows: list[dict], dyad: str = "NOR-SWE", since: date | None = None,
          until: date | None = None, **kw):
    return frame_from_table(Dyad.parse(dyad), table(rows), since, until, **kw)


def stored_event(doc: str, idx: int, day: date, src: str, tgt: str, cameo: str, *,
                 precision: str = "day", end: date | None = None,
                 published: date | None = None, k: int = 0,
                 place: Location | None = None) -> Event:
    """A coded report as the pipeline would emit it (actor codes are country + GOV)."""
    info = cameo_table()[cameo]
    return Event(
        event_id=f"{doc}-{idx}-{k}", doc_id=doc, sentence_index=idx,
        sentence=f"Sentence {idx} of {doc}.", source=Actor(src + "GOV", src, "GOV", src),
        target=Actor(tgt + "GOV", tgt, "GOV", tgt), cameo=cameo, root=cameo[:2],
        quad_class=info.quad_class, goldstein=info.goldstein, plover_type=info.plover_type,
        plover_mode=info.plover_mode, date=day, date_precision=precision, date_end=end,
        location=place, modality=Modality.ASSERTED, confidence=0.8,
        published=published or day + timedelta(days=1), evidence={"pattern": "test"})


def result(doc: str, events: list[Event], published: date | None = None) -> Result:
    body = " ".join(e.sentence for e in events) or "Nothing happened."
    d = Document(doc_id=doc, body=body, published=published, title=doc, url=f"https://x.test/{doc}",
                 outlet="x.test")
    return Result(d, events, [Sentence(doc, i, e.sentence, 0, 1) for i, e in enumerate(events)],
                  coder={"dyadwatch": "test"})
