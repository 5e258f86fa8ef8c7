"""Actor-level benchmark: are the gold actors found, with the right country?

Usage: python bench/actors_gold.py [--json] [--shared DIR] [--details N] [--plover-only]
                                   [--news-only]

Two data sets (read-only, in ``<shared>``; the script skips with a message when absent):

* ``benchmarks/news_events_gold`` -- every document is run through the full ``Pipeline``
  (the mentions ``ActorDictionary.tag`` returns are captured, and the events).  Each gold
  source/target actor of a gold line is a *slot* (one per distinct document, sentence and
  code).  A slot is found when a mention inside the gold sentence has

  - ``country``: the gold code's first three characters (ISO3, or IGO/NGO/IMG),
  - ``role``: the first six characters (country + role: ``IRQCVL``),
  - ``exact``: the whole code.

  ``countryless``: a slot not found by country+role while the sentence has a mention of
  that role with no country (``---CVL`` for ``IRQCVL``): the actor was seen but left
  without the country the document gives (every gold document names its actors'
  countries).  Mention precision: of the
  mentions inside gold sentences, the share whose country is among the countries of that
  sentence's gold actors (a proxy: an actor that takes part in no gold event counts as
  wrong, and so does a place tagged as an actor).  Event view: system events (factual or
  not) with a source or target that has no country.

  The set is split: ``holdout`` = the 201 AG leads of the 2026-12-03 extension (ids read
  from ``tools/batches/batch_05..07.py``), ``tune`` = the rest.  Errors are listed
  (``--details``) for ``tune`` only; ``holdout`` figures are reported, never its errors.

* ``reference/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt`` -- the CAMEO manual's
  example sentences with their actors (``actorText``, ``code``, ``sector``).  Each sentence
  is parsed and tagged on its own (no document context) as the pipeline does.  An actor is found by ``span`` when a mention
  overlapping its text has its country, by ``sentence`` when any mention of the sentence
  has it; ``sector`` also needs the role (where the sector is a CAMEO role).  Development
  figure: the manual defines the codebook.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWS = Path("benchmarks") / "news_events_gold"
PLOVER = Path("reference") / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
HOLDOUT_BATCHES = ("batch_05.py", "batch_06.py", "batch_07.py")
_INTL = ("IGO", "NGO", "IMG")
#: PLOVER-GSR country codes that are not ISO3 -> ISO3
PLOVER_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
CAMEO_ROLES = frozenset("COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI "
                        "ENV HLH HRI LAB LEG MED REF MOD RAD".split())


def find_shared(shared: str | None) -> Path | None:
    for base in (shared, os.environ.get("DYADWATCH_SHARED"), str(ROOT.parent / "shared")):
        if base and (Path(base) / "reference").is_dir():
            return Path(base)
    return None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def holdout_ids(set_dir: Path) -> set[str]:
    """Ids of the 2026-12-03 extension (batch_05..07), read from the batch files."""
    ids: set[str] = set()
    for name in HOLDOUT_BATCHES:
        path = set_dir / "tools" / "batches" / name
        text = path.read_text(encoding="utf-8")
        ids.update(re.findall(r"\bD\(\s*\d+\s*,\s*['\"](ag-\d+)['\"]", text))
    return ids


# --------------------------------------------------------------------------- scoring
@dataclass
class Tally:
    slots: int = 0
    country: int = 0
    role: int = 0
    exact: int = 0
    countryless: int = 0
    unlocated: int = 0
    mentions: int = 0
    mentions_ok: int = 0
    mentions_no_country: int = 0
    events: int = 0
    events_no_country: int = 0
    misses: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {
            "slots": self.slots, "unlocated_sentences": self.unlocated,
            "recall_country": r(self.country, self.slots),
            "recall_country_role": r(self.role, self.slots),
            "recall_exact": r(self.exact, self.slots),
            "countryless_rate": r(self.countryless, self.slots),
            "mentions_in_gold_sentences": self.mentions,
            "mention_precision_country": r(self.mentions_ok, self.mentions),
            "mentions_without_country": r(self.mentions_no_country, self.mentions),
            "events": self.events,
            "events_with_countryless_actor": r(self.events_no_country, self.events),
        }


def _country(code: str | None) -> str | None:
    if not code or code.startswith("---"):
        return None
    return code[:3]


def score_document(doc_id: str, body: str, mentions: list[tuple[int, int, str]],
                   gold: list[dict[str, Any]], t: Tally, details: bool) -> None:
    """Score one document's mentions (char start, char end, code) against its gold lines."""
    # the body whitespace-normalised, with the original offset of each character
    idx: list[int] = []
    out: list[str] = []
    for i, ch in enumerate(body):
        if ch.isspace():
            if not out or out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        idx.append(i)
    flat = "".join(out)
    by_sentence: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_sentence.setdefault(g["sentence"], []).append(g)
    for sentence, lines in by_sentence.items():
        pos = flat.find(_norm(sentence))
        slots = list(dict.fromkeys(c for g in lines for c in (g["source"], g.get("target")) if c))
        if pos < 0:
            t.unlocated += 1
            t.slots += len(slots)
            continue
        a, b = idx[pos], idx[min(pos + len(_norm(sentence)), len(idx)) - 1] + 1
        inside = [(s, e, c) for s, e, c in mentions if s < b and e > a]
        codes = [c for _, _, c in inside]
        countries = {_country(c) for c in codes} - {None}
        gold_countries = {s[:3] for s in slots}
        t.mentions += len(inside)
        t.mentions_ok += sum(1 for c in codes if _country(c) in gold_countries)
        t.mentions_no_country += sum(1 for c in codes if _country(c) is None)
        for slot in slots:
            t.slots += 1
            ok_c = slot[:3] in countries
            ok_r = any(c[:6] == slot[:6] for c in codes)
            t.country += ok_c
            t.role += ok_r
            t.exact += slot in codes
            if not ok_r and any(c[:3] == "---" and c[3:6] == slot[3:6] for c in codes):
                t.countryless += 1
            if details and not ok_c:
                t.misses.append(f"{doc_id}: {slot} not found; mentions {codes} | {sentence[:110]}")


def run_news(shared: Path, details: bool) -> dict[str, Any]:
    from dyadwatch.pipeline import Pipeline

    sys.path.insert(0, str(ROOT / "bench"))
    import news_events_gold as neg  # the page reader of the event benchmark

    set_dir = shared / NEWS
    docs = _read_jsonl(set_dir / "docs.jsonl")
    gold = _read_jsonl(set_dir / "gold.jsonl")
    hold = holdout_ids(set_dir)
    pipeline = Pipeline()
    captured: list[Any] = []
    tag = pipeline.actors.tag

    def capture(doc, when=None, **kw):  # the mentions the pipeline really uses
        ms = tag(doc, when=when, **kw)
        captured.append((doc, ms))
        return ms

    pipeline.actors.tag = capture  # type: ignore[method-assign]
    tallies = {"tune": Tally(), "holdout": Tally()}
    t0 = time.perf_counter()
    truth: dict[str, Any] = {}
    system: list[Any] = []
    for rec in docs:
        doc_id = rec["id"]
        part = "holdout" if doc_id in hold else "tune"
        document, scope = neg.load_document(shared, rec, truth)
        captured.clear()
        events = pipeline.process(document).events
        doc, ms = captured[-1]
        spans = [(doc[m.start:m.end].start_char, doc[m.start:m.end].end_char, m.actor.code)
                 for m in ms]
        t = tallies[part]
        score_document(doc_id, document.body, spans, [g for g in gold if g["doc"] == doc_id], t,
                       details and part == "tune")
        system += [neg.system_from_event(doc_id, e) for e in events if e.factual
                   and (scope is None or neg.in_scope(e.sentence or "", scope))]
        t.events += len(events)
        t.events_no_country += sum(
            1 for e in events if not _country(e.source.code)
            or (e.target is not None and not _country(e.target.code)))
    run_s = time.perf_counter() - t0
    both = Tally()
    for t in tallies.values():
        for k in ("slots", "country", "role", "exact", "countryless", "unlocated", "mentions",
                  "mentions_ok", "mentions_no_country", "events", "events_no_country"):
            setattr(both, k, getattr(both, k) + getattr(t, k))
    rep = {"documents": len(docs), "holdout_documents": len(hold), "seconds": round(run_s, 1),
           "tune": tallies["tune"].report(), "holdout": tallies["holdout"].report(),
           "all": both.report()}
    # the event benchmark's key (factual events), per part: the end measure
    golds = [neg.gold_from_record(g) for g in gold]
    ids = [d["id"] for d in docs]
    for part, keep in (("tune", lambda d: d not in hold), ("holdout", lambda d: d in hold),
                       ("all", lambda d: True)):
        rep[part]["event_key"] = neg.score(golds, system, [d for d in ids if keep(d)])["key"]
    if details:
        rep["tune_misses"] = tallies["tune"].misses
    return rep


def run_plover(shared: Path, details: bool) -> dict[str, Any]:
    from dyadwatch.pipeline import Pipeline

    records = json.loads((shared / PLOVER).read_text(encoding="utf-8"))
    pipeline = Pipeline()  # the pipeline's parser (entity patterns) and place lookup
    actors, nlp = pipeline.actors, pipeline.nlp
    n = span_ok = sent_ok = sector_n = sector_ok = 0
    misses: list[str] = []
    for rec in records:
        text = rec.get("text")
        if not text:
            continue
        want = []
        for side in ("source", "target"):
            v = rec.get(side)
            if isinstance(v, list):
                want += [a for a in v if a.get("code")]
        if not want:
            continue
        doc = nlp(text)
        try:
            ms = actors.tag(doc, when=None, place_country=pipeline.gazetteer.country_of_place)
        except TypeError:  # an older dyadwatch without the place lookup (before/after runs)
            ms = actors.tag(doc, when=None)
        spans = [(doc[m.start:m.end].start_char, doc[m.start:m.end].end_char, m.actor.code)
                 for m in ms]
        countries = {_country(c) for _, _, c in spans}
        for a in want:
            code = PLOVER_CODES.get(a["code"][:3], a["code"][:3])
            n += 1
            pos = text.lower().find((a.get("actorText") or "").strip().lower())
            over = [c for s, e, c in spans
                    if pos >= 0 and s < pos + len(a["actorText"].strip()) and e > pos]
            ok_span = any(_country(c) == code for c in over)
            span_ok += ok_span
            sent_ok += code in countries
            sector = (a.get("sector") or "")[:3]
            if sector in CAMEO_ROLES and code not in _INTL:
                sector_n += 1
                sector_ok += any(c[:6] == code + sector for c in over)
            if details and not ok_span:
                misses.append(f"{rec['id']}: {a.get('actorText')!r} {code}{sector} got {over} "
                              f"| {text[:100]}")
    rep = {"actors": n, "country_by_span": round(span_ok / n, 4) if n else None,
           "country_in_sentence": round(sent_ok / n, 4) if n else None,
           "with_cameo_sector": sector_n,
           "sector_by_span": round(sector_ok / sector_n, 4) if sector_n else None}
    if details:
        rep["misses"] = misses
    return rep


def _print(rep: dict[str, Any], limit: int) -> None:
    if "news" in rep:
        r = rep["news"]
        print(f"news_events_gold actors: {r['documents']} documents ({r['holdout_documents']} held "
              f"out), {r['seconds']} s")
        keys = [("slots", "gold actor slots"), ("recall_country", "found, country"),
                ("recall_country_role", "found, country+role"), ("recall_exact", "found, exact code"),
                ("countryless_rate", "left without country"),
                ("mention_precision_country", "mention precision (country)"),
                ("mentions_without_country", "mentions without country"),
                ("events", "system events"),
                ("events_with_countryless_actor", "events with a country-less actor")]
        print(f"  {'':36} {'tune':>8} {'holdout':>8} {'all':>8}")
        for k, label in keys:
            cells = [r[p][k] for p in ("tune", "holdout", "all")]
            print(f"  {label:36} " + " ".join(f"{c if c is not None else '-':>8}" for c in cells))
        for p in ("tune", "holdout", "all"):
            k = r[p]["event_key"]
            print(f"  events ({p}): P {k['precision']:.3f} R {k['recall']:.3f} F1 {k['f1']:.3f} "
                  f"(tp {k['tp']}, system {k['system']}, gold {k['gold']})")
        for m in r.get("tune_misses", [])[:limit]:
            print("   miss", m)
    if "plover" in rep:
        p = rep["plover"]
        print(f"PLOVER GSR actors: {p['actors']} actors; country by span {p['country_by_span']}, "
              f"in sentence {p['country_in_sentence']}; sector by span {p['sector_by_span']} "
              f"(of {p['with_cameo_sector']})")
        for m in p.get("misses", [])[:limit]:
            print("   miss", m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", type=int, default=0, help="list N misses (tune part only)")
    ap.add_argument("--plover-only", action="store_true")
    ap.add_argument("--news-only", action="store_true")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("actors_gold: ../shared not found; skipped")
        return 0
    rep: dict[str, Any] = {"taken_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if not args.plover_only and (shared / NEWS / "docs.jsonl").is_file():
        rep["news"] = run_news(shared, bool(args.details))
    if not args.news_only and (shared / PLOVER).is_file():
        rep["plover"] = run_plover(shared, bool(args.details))
    if args.json:
        print(json.dumps(rep, indent=1))
    else:
        _print(rep, args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
