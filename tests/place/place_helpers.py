"""Helpers for the place tests and bench/gazetteer_load.py --cases: read the
annotated cases and turn one into an Event the way the coder would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyadwatch.model import Actor, Event

CASES = Path(__file__).with_name("cases.jsonl")


def load_cases(split: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(ln) for ln in CASES.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("//")]
    return [r for r in rows if split is None or r["split"] == split]


def find_tokens(doc, text: str) -> list[int]:
    """[start, end) of the ``n``-th occurrence of ``text`` ("word#2" = second)."""
    text, _, nth = text.partition("#")
    n = int(nth or 1)
    words = text.split()
    hits = 0
    for i in range(len(doc) - len(words) + 1):
        if [t.text for t in doc[i:i + len(words)]] == words:
            hits += 1
            if hits == n:
                return [i, i + len(words)]
    raise AssertionError(f"{text!r} not found in {doc.text!r}")


def _quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def make_event(doc, case: dict[str, Any]) -> Event:
    """An Event as the coder would make it: trigger index, actor spans, actors."""
    trig = find_tokens(doc, case["trigger"])[0]
    spans: dict[str, tuple[int, int] | None] = {"source": None, "target": None}
    actors = {}
    for role in ("source", "target"):
        spec = case.get(role)
        if spec:
            s, e = find_tokens(doc, spec["text"])
            spans[role] = (s, e)
            actors[role] = Actor(spec.get("code", spec["country"]), spec["country"],
                                 None, spec["text"].split("#")[0])
    cameo = case.get("cameo", "190")
    return Event(event_id=case["id"], doc_id="test", sentence_index=0, sentence=doc.text,
                 source=actors.get("source") or Actor("UNK"), target=actors.get("target"),
                 cameo=cameo, root=cameo[:2], quad_class=_quad(cameo[:2]), goldstein=0.0,
                 trigger=trig, source_tokens=spans["source"],
                 target_tokens=spans["target"])
