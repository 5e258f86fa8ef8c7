"""Dates, places and factuality of events on real news pages (hand-annotated set).

Usage: python bench/page_events.py [--mode oracle|pipeline|both] [--json] [--errors]
                                   [--misses] [--shared DIR]

The gold (``bench/pages_gold/gold.jsonl``, built by ``bench/pages_gold/build.py`` from
``annotations.py``) holds events on about 20 English political news pages of the htmldate
evaluation set (``<shared>/benchmarks/publication_date/html/``; the publication date of
each page comes from its ``eval_default.json``).  The pages are read and extracted at bench
time; no page text is stored here beyond the gold sentences.

Two modes:

* ``oracle``: the gold events are built on the page's own parse (gold trigger token, gold
  actors and their mention spans) and only the dates, place and modality stages run on
  them.  This measures those stages alone, on every gold event.
* ``pipeline``: the whole pipeline codes the page; system events are matched one-to-one to
  gold events of the same document by sentence (same or overlapping sentence) and actors
  (source and target country; a null target matches a null target), preferring the same
  CAMEO root.  Only matched pairs are scored for dates, places and factuality; the share
  of gold events found at all (a matched pair; same root or not) is the pipeline's
  recall of events on pages (issue 11), and ``--misses`` lists the gold events not found.

Scores (see ``score``): exact day where the gold gives a day; wrong-day rate (system
outputs of precision ``day`` that are not the gold day, over all day outputs; a day where the
gold has no date or a coarser one counts as wrong); place country (null = null counts as
right); non-factual precision and recall (positive class: gold ``factual: false``).

Skips with a message (exit 0) when ``../shared`` (or ``$DYADWATCH_SHARED``) is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "pages_gold" / "gold.jsonl"
PAGES = Path("benchmarks") / "publication_date"


# --------------------------------------------------------------------------- pages
def shared_pages(shared: str | None = None) -> Path | None:
    """The publication_date benchmark folder, or None when it is not there."""
    for base in (shared, os.environ.get("DYADWATCH_SHARED"), str(ROOT.parent / "shared")):
        if base and (Path(base) / PAGES / "eval_default.json").is_file():
            return Path(base) / PAGES
    return None


def page_index(pages: Path) -> dict[str, tuple[str, date]]:
    """file name -> (url, publication date) from eval_default.json."""
    raw = json.loads((pages / "eval_default.json").read_text(encoding="utf-8"))
    return {v["file"]: (url, date.fromisoformat(v["date"])) for url, v in raw.items()}


def read_page(pages: Path, name: str) -> str:
    data = gzip.open(pages / "html" / f"{name}.gz").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def load_document(pages: Path, name: str, index: dict[str, tuple[str, date]]) -> Any:
    from dyadwatch import ingest

    url, published = index[name]
    return ingest.document_from_html(read_page(pages, name), published=published, url=url,
                                     source_path=name)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --------------------------------------------------------------------------- records
@dataclass
class Out:
    """What a system said about one gold event (None: no system event for it)."""

    date: str | None  # ISO day of the system date (its start)
    precision: str | None  # day/week/month/year/interval/article or None
    end: str | None
    country: str | None
    factual: bool
    rule: str = ""


def gold_range(g: dict[str, Any]) -> tuple[date, date] | None:
    """The gold date as an inclusive day range (None when the gold has no date)."""
    d, p = g.get("date"), g.get("date_precision")
    if not d or p == "none":
        return None
    if p == "year":
        y = int(d[:4])
        return date(y, 1, 1), date(y, 12, 31)
    if p == "month":
        y, m = int(d[:4]), int(d[5:7])
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), date.fromordinal(nxt.toordinal() - 1)
    start = date.fromisoformat(d)
    end = date.fromisoformat(g["date_end"]) if g.get("date_end") else start
    return start, end


def score(pairs: list[tuple[dict[str, Any], Out]]) -> dict[str, Any]:
    """Scores over (gold, system output) pairs; see the module doc."""
    day_gold = [(g, o) for g, o in pairs if g["date_precision"] == "day"]
    exact = sum(1 for g, o in day_gold if o.precision == "day" and o.date == g["date"])
    day_out = [(g, o) for g, o in pairs if o.precision == "day"]
    wrong = [(g, o) for g, o in day_out
             if not (g["date_precision"] == "day" and o.date == g["date"])]
    contradicted = 0  # a day outside the gold's own range (the gold has a date)
    for g, o in wrong:
        rng = gold_range(g)
        if rng is not None and o.date and not rng[0] <= date.fromisoformat(o.date) <= rng[1]:
            contradicted += 1
    undated = [(g, o) for g, o in pairs if g["date_precision"] == "none"]
    undated_day = sum(1 for g, o in undated if o.precision == "day")
    place_ok = sum(1 for g, o in pairs if g.get("country") == o.country)
    with_place = [(g, o) for g, o in pairs if g.get("country")]
    place_ok_stated = sum(1 for g, o in with_place if g["country"] == o.country)
    tp = sum(1 for g, o in pairs if not g["factual"] and not o.factual)
    fp = sum(1 for g, o in pairs if g["factual"] and not o.factual)
    fn = sum(1 for g, o in pairs if not g["factual"] and o.factual)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "events": len(pairs),
        "exact_day": {"correct": exact, "of": len(day_gold), "rate": ratio(exact, len(day_gold))},
        "wrong_day": {"wrong": len(wrong), "of": len(day_out), "rate": ratio(len(wrong), len(day_out)),
                      "contradicting_gold_range": contradicted},
        "undated_gold_given_a_day": {"n": undated_day, "of": len(undated)},
        "precisions": dict(Counter(o.precision or "none" for _, o in pairs)),
        "place_country": {"correct": place_ok, "of": len(pairs), "rate": ratio(place_ok, len(pairs)),
                          "stated_correct": place_ok_stated, "stated_of": len(with_place)},
        "nonfactual": {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp),
                       "recall": ratio(tp, tp + fn)},
    }


def errors(pairs: list[tuple[dict[str, Any], Out]]) -> list[str]:
    out = []
    for g, o in pairs:
        probs = []
        gd = g["date"] if g["date_precision"] != "none" else None
        if g["date_precision"] == "day" and not (o.precision == "day" and o.date == g["date"]):
            probs.append(f"date {o.date}/{o.precision} gold {gd}/day")
        elif o.precision == "day" and g["date_precision"] != "day":
            probs.append(f"date {o.date}/day gold {gd}/{g['date_precision']}")
        if g.get("country") != o.country:
            probs.append(f"place {o.country} gold {g.get('country')}")
        if g["factual"] != o.factual:
            probs.append(f"factual {o.factual} gold {g['factual']}")
        if probs:
            out.append(f"{g['doc'][:22]:22} {g['trigger']:12} {'; '.join(probs)} [{o.rule}] "
                       f":: {g['sentence'][:90]}")
    return out


# --------------------------------------------------------------------------- system side
def _out(ev: Any) -> Out:
    loc = ev.location
    return Out(date=ev.date.isoformat() if ev.date else None, precision=ev.date_precision,
               end=ev.date_end.isoformat() if ev.date_end else None,
               country=loc.country if loc is not None else None, factual=bool(ev.factual),
               rule=str((ev.evidence.get("date") or {}).get("rule", "")))


def find_token(doc: Any, body_start: int, sentence_len: int, body: str, word: str,
               occurrence: int = 1) -> int | None:
    """Token index of the ``occurrence``-th whole-word ``word`` inside one sentence."""
    seg = body[body_start:body_start + sentence_len + 200]
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", seg)]
    if len(hits) < occurrence:
        return None
    span = doc.char_span(body_start + hits[occurrence - 1],
                         body_start + hits[occurrence - 1] + len(word), alignment_mode="expand")
    return span.root.i if span is not None else None


def locate(body: str, sentence: str) -> int | None:
    """Character offset in ``body`` of a whitespace-normalised sentence."""
    pat = r"\s+".join(re.escape(w) for w in sentence.split())
    m = re.search(pat, body)
    return m.start() if m else None


def oracle_events(pipe: Any, document: Any, gold: list[dict[str, Any]]) -> list[tuple[dict, Any]]:
    """Gold events built on the page's parse, run through dates, place and modality only."""
    from dyadwatch import dates as dates_stage, modality as modality_stage, place as place_stage
    from dyadwatch import text as text_stage
    from dyadwatch.model import Actor, Event

    doc, sentences = text_stage.parse(pipe.nlp, document)
    mentions = pipe.actors.tag(doc, when=document.published)
    built = []
    for n, g in enumerate(gold):
        start = locate(document.body, g["sentence"])
        if start is None:
            raise SystemExit(f"gold sentence not in the body of {g['doc']}: {g['sentence'][:60]}")
        word, _, occ = g["trigger"].partition("@")
        trig = find_token(doc, start, len(g["sentence"]), document.body, word, int(occ or 1))
        if trig is None:
            raise SystemExit(f"trigger {g['trigger']!r} not found in {g['sentence'][:60]}")
        spans: dict[str, tuple[int, int]] = {}
        for role in ("source", "target"):
            text = g.get(f"{role}_text")
            if text:
                t0 = find_token(doc, start, len(g["sentence"]), document.body, text.split()[0])
                if t0 is not None:
                    spans[f"{role}_tokens"] = (t0, t0 + len(text.split()))
        sent_i = next((s.index for s in sentences if s.start <= start < s.end + 1), 0)

        def actor(code: str | None, role: str) -> Actor | None:
            if not code:
                return None
            return Actor(code=code, country=code[:3], role=code[3:6] or None,
                         name=g.get(f"{role}_text"))

        ev = Event(event_id=f"gold-{n}", doc_id=document.doc_id, sentence_index=sent_i,
                   sentence=g["sentence"], source=actor(g["source"], "source"),  # type: ignore[arg-type]
                   target=actor(g["target"], "target"), cameo=g["cameo"], root=g["cameo"][:2],
                   quad_class=None, goldstein=None, trigger=trig,
                   source_tokens=spans.get("source_tokens"),
                   target_tokens=spans.get("target_tokens"))
        built.append((trig, g, ev))
    built.sort(key=lambda b: b[0])  # the stages read events in text order
    events = [ev for _, _, ev in built]
    dates_stage.assign_dates(events, doc, document)
    place_stage.assign_places(events, doc, document, pipe.gazetteer, mentions)
    modality_stage.assign_modality(events, doc)
    return [(g, ev) for _, g, ev in built]


def _overlap(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return a in b or b in a


def match(gold: list[dict[str, Any]], system: list[Any]) -> list[tuple[dict, Any]]:
    """One-to-one: same/overlapping sentence and same source/target countries; prefer the
    same CAMEO root, then the same factuality."""
    cands = []
    for gi, g in enumerate(gold):
        gs, gt = g["source"][:3], (g["target"] or "")[:3] or None
        for si, ev in enumerate(system):
            ss = (ev.source.code or "")[:3]
            st = (ev.target.code[:3] if ev.target is not None else None)
            if ss != gs or st != gt or not _overlap(g["sentence"], ev.sentence):
                continue
            pref = (ev.root == g["cameo"][:2]) * 2 + (bool(ev.factual) == g["factual"])
            cands.append((-pref, gi, si))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], system[si]))
    return out


def run(pages: Path, modes: Iterable[str]) -> dict[str, Any]:
    from dyadwatch.pipeline import Pipeline

    gold = read_gold()
    index = page_index(pages)
    pipe = Pipeline()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    pairs: dict[str, list[tuple[dict, Out]]] = {m: [] for m in modes}
    system_events = 0
    same_root = 0
    misses: list[str] = []
    for name, gs in by_doc.items():
        document = load_document(pages, name, index)
        if "oracle" in pairs:
            pairs["oracle"] += [(g, _out(ev)) for g, ev in oracle_events(pipe, document, gs)]
        if "pipeline" in pairs:
            res = pipe.process(document)
            system_events += len(res.events)
            found = match(gs, res.events)
            pairs["pipeline"] += [(g, _out(ev)) for g, ev in found]
            same_root += sum(1 for g, ev in found if ev.root == g["cameo"][:2])
            hit = {id(g) for g, _ in found}
            misses += [f"{g['doc'][:22]:22} {g['source']}->{g['target']} {g['cameo']} "
                       f"[{g['trigger']}] :: {g['sentence'][:100]}" for g in gs if id(g) not in hit]
    rep: dict[str, Any] = {"gold_events": len(gold), "documents": len(by_doc)}
    for m, ps in pairs.items():
        rep[m] = score(ps)
        rep[m]["errors"] = errors(ps)
    if "pipeline" in rep:
        rep["pipeline"]["system_events"] = system_events
        n = len(gold)
        rep["pipeline"]["found"] = {"events": len(pairs["pipeline"]), "same_root": same_root,
                                    "of": n, "recall": round(len(pairs["pipeline"]) / n, 4),
                                    "recall_same_root": round(same_root / n, 4)}
        rep["pipeline"]["misses"] = misses
    return rep


def print_report(rep: dict[str, Any], show_errors: bool, show_misses: bool = False) -> None:
    print(f"{rep['gold_events']} gold events on {rep['documents']} pages")
    for m in ("oracle", "pipeline"):
        if m not in rep:
            continue
        r = rep[m]
        ed, wd, pc, nf = r["exact_day"], r["wrong_day"], r["place_country"], r["nonfactual"]
        extra = f" (of {r['system_events']} system events)" if m == "pipeline" else ""
        print(f"\n== {m}: {r['events']} events scored{extra}")
        if m == "pipeline":
            f = r["found"]
            print(f"gold events found {f['events']}/{f['of']} = {f['recall']} "
                  f"(same CAMEO root: {f['same_root']} = {f['recall_same_root']})")
        print(f"exact day        {ed['correct']}/{ed['of']} = {ed['rate']}")
        print(f"wrong-day rate   {wd['wrong']}/{wd['of']} = {wd['rate']} "
              f"(contradicting a gold date range: {wd['contradicting_gold_range']})")
        u = r["undated_gold_given_a_day"]
        print(f"undated gold given a day: {u['n']}/{u['of']}")
        print(f"precisions       {r['precisions']}")
        print(f"place country    {pc['correct']}/{pc['of']} = {pc['rate']} "
              f"(stated places {pc['stated_correct']}/{pc['stated_of']})")
        print(f"non-factual      P {nf['precision']} R {nf['recall']} "
              f"(tp {nf['tp']} fp {nf['fp']} fn {nf['fn']})")
        if show_errors:
            for line in r["errors"]:
                print("  " + line)
        if show_misses and m == "pipeline":
            for line in r["misses"]:
                print("  missed " + line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("oracle", "pipeline", "both"), default="both")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the gold events not found")
    ap.add_argument("--shared")
    args = ap.parse_args()
    pages = shared_pages(args.shared)
    if pages is None:
        print("page_events: ../shared/benchmarks/publication_date not found "
              "(pass --shared or set $DYADWATCH_SHARED); skipped.")
        return 0
    modes = ("oracle", "pipeline") if args.mode == "both" else (args.mode,)
    rep = run(pages, modes)
    if args.json:
        print(json.dumps(rep, indent=1))
    else:
        print_report(rep, args.errors, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
