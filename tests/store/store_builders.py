"""Builders of reports and coded documents for the store tests (no NLP)."""

from __future__ import annotations

from datetime import date

from dyadwatch.model import Actor, Document, Event, Location, Modality, Result, Sentence

PANJGUR = Location("Panjgur", "PAK", "Balochistan", 26.96, 64.09, 1168749, "city")


def make_event(doc_id: str, idx: int = 0, *, source="IRNMIL", target="PAKINS", cameo="195",
               root=None, d=date(2024, 1, 16), precision="day", modality=Modality.ASSERTED,
               conf=0.8, k: int = 0, location=PANJGUR, published=date(2024, 1, 20),
               sentence="Iran struck militant hideouts in Panjgur.") -> Event:
    """One coded report, as the pipeline would emit it."""
    return Event(
        event_id=f"{doc_id}-{idx}-{k}", doc_id=doc_id, sentence_index=idx, sentence=sentence,
        source=Actor(source, source[:3], source[3:] or None, "Iran"),
        target=Actor(target, target[:3], target[3:] or None, "Jaish al-Adl") if target else None,
        cameo=cameo, root=root or cameo[:2], quad_class=4, goldstein=-10.0,
        plover_type="ASSAULT", plover_mode="heavy-weapons", date=d, date_precision=precision,
        location=location, modality=modality, confidence=conf, published=published,
        evidence={"pattern": "strike.v1"}, trigger=3, trigger_noun=None,
        source_tokens=(0, 1), target_tokens=(5, 7) if target else None)


def make_result(doc_id: str, body: str, events: list[Event], *, coder=None,
                published=date(2024, 1, 20)) -> Result:
    doc = Document(doc_id=doc_id, body=body, published=published, title="t",
                   authors=["A. Writer"], source_path=f"/x/{doc_id}.txt")
    sents = [Sentence(doc_id, 0, body, 0, len(body))]
    return Result(doc, events, sents, coder=coder or {"dyadwatch": "test", "patterns": "p1"})
