"""Helpers shared by the date tests and the evaluation script (not a test module)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.dates import assign_dates
from dyadwatch.model import Actor, Document, Event

CASES = Path(__file__).with_name("cases.jsonl")
#: a second set written after tuning was finished, scored once, never tuned on
BLIND = Path(__file__).with_name("cases_blind.jsonl")
#: a third set, written after the fixes that the first blind run prompted
BLIND2 = Path(__file__).with_name("cases_blind2.jsonl")


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(case_id: str) -> str:
    """Fixed split, decided before any tuning: a third of the ids (by hash) are held out."""
    return "heldout" if int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def token_index(doc: Doc, word: str, nth: int = 0) -> int:
    hits = [t.i for t in doc if t.text == word]
    if len(hits) <= nth:
        raise AssertionError(f"trigger word {word!r} not in {doc.text!r}")
    return hits[nth]


def make_event(doc: Doc, trigger: int, n: int = 0) -> Event:
    sent = doc[trigger].sent
    return Event(event_id=f"ev{n}", doc_id="case", sentence_index=0, sentence=sent.text,
                 source=Actor("XXX"), target=None, cameo="010", root="01", quad_class=1,
                 goldstein=0.0, trigger=trigger)


def run_case(nlp: Language, case: dict[str, Any]) -> Event:
    """Parse the case text, build events for its triggers, assign dates, return the checked one."""
    doc = nlp(case["text"])
    pub = date.fromisoformat(case["published"]) if case.get("published") else None
    document = Document(doc_id="case", body=case["text"], published=pub)
    words = case.get("events") or [case["check"]]
    events = [make_event(doc, token_index(doc, w), i) for i, w in enumerate(words)]
    assign_dates(events, doc, document)
    return events[words.index(case["check"])]


def date_events(nlp: Language, text: str, published: str,
                triggers: list[tuple[str, str]], nth: dict[str, int] | None = None) -> list[Event]:
    """Parse ``text``, build one event per ``(word, cameo)`` trigger (``nth`` picks the
    occurrence of a repeated word), run the dates stage on them in text order, and return
    them in the order of ``triggers``."""
    doc = nlp(text)
    nth = nth or {}
    events = []
    for i, (word, cameo) in enumerate(triggers):
        ev = make_event(doc, token_index(doc, word, nth.get(word, 0)), i)
        ev.cameo, ev.root = cameo, cameo[:2]
        events.append(ev)
    assign_dates(sorted(events, key=lambda e: e.trigger), doc,
                 Document(doc_id="case", body=text, published=date.fromisoformat(published)))
    return events


def outcome(ev: Event, case: dict[str, Any]) -> dict[str, bool]:
    exp_date = date.fromisoformat(case["date"]) if case.get("date") else None
    exp_end = date.fromisoformat(case["end"]) if case.get("end") else None
    same_date = ev.date == exp_date
    same_prec = ev.date_precision == case["precision"]
    same_end = (ev.date_end == exp_end) if case["precision"] != "day" else ev.date_end is None
    return {"exact": same_date and same_prec and (same_end or case["precision"] == "article"),
            "day_ok": same_date and same_prec}
