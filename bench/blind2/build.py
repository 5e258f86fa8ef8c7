"""Build bench/blind2's data files from the annotation source in this folder.

``python bench/blind2/build.py`` reads ``annotations_sentences.py`` and
``annotations_pages.py`` (the hand annotation, one ``S(...)``/``P(...)`` per document) and
writes ``sentences.jsonl`` and ``pages_gold.jsonl``.  Page gold sentences are given as a
snippet and expanded to the whole sentence of the page (see ``split_sentences``); a snippet
that is absent, or found in more than one sentence, stops the build with its page and text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: abbreviations after which a full stop does not end a sentence
ABBREV = ("U.S.", "U.N.", "Mr.", "Mrs.", "Gen.", "Lt.", "Col.", "St.", "Dr.", "No.", "Jan.",
          "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


#: the dateline that opens a page's first paragraph; gold sentences leave it out (as bench/blind)
DATELINE = re.compile(r"^[A-Z][A-Z /.'-]+, [A-Z][a-z]+\.? \d{1,2} \(Wire\) - ")


class BuildError(Exception):
    """The annotation does not fit the text."""


def actor(spec: str | None) -> tuple[str | None, str | None]:
    """"USA GOV" -> ("USA", "GOV"); "IRN" -> ("IRN", None); None -> (None, None)."""
    if spec is None:
        return None, None
    parts = spec.split()
    if len(parts) not in (1, 2) or len(parts[0]) != 3 or not parts[0].isupper():
        raise BuildError(f"bad actor {spec!r}")
    return parts[0], (parts[1] if len(parts) == 2 else None)


def E(src: str, tgt: str | None, cameo: str, f: bool = True, n: str | None = None,
      **page: Any) -> dict[str, Any]:
    """One gold line.  Page lines also take ``s`` (sentence snippet), ``d`` (date),
    ``dp`` (date precision), ``pl`` (place country)."""
    s, sa = actor(src)
    t, ta = actor(tgt)
    ev: dict[str, Any] = {"source": s, "source_agent": sa, "target": t, "target_agent": ta,
                          "cameo": cameo, "root": cameo[:2], "factual": f}
    if n:
        ev["note"] = n
    if page:
        unknown = set(page) - {"s", "d", "dp", "pl"}
        if unknown:
            raise BuildError(f"unknown page fields {sorted(unknown)}")
        ev["_snippet"] = page["s"]
        ev["date"] = page.get("d")
        ev["date_precision"] = page.get("dp") or ("day" if page.get("d") else None)
        ev["place_country"] = page.get("pl")
    return ev


def S(sid: str, published: str, text: str, events: list[dict[str, Any]],
      note: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": sid, "text": text, "published": published, "events": events}
    if note:
        rec["note"] = note
    return rec


def P(pid: str, published: str, events: list[dict[str, Any]], scope: int = 3) -> dict[str, Any]:
    return {"id": pid, "file": f"pages/{pid}.txt", "published": published,
            "scope_paragraphs": scope,
            "scope_note": f"headline + first {scope} paragraphs after the headline",
            "events": events}


def split_sentences(text: str) -> list[str]:
    """The headline and the sentences of each paragraph (split after . ! ? and a closing
    quote, before an upper-case letter or a quote, except after ``ABBREV``); a dateline
    ("CITY, Mon D (Wire) - ") is not part of the first sentence."""
    out = []
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        para = DATELINE.sub("", para)
        start = 0
        for m in re.finditer(r"[.!?][\"']?\s+(?=[A-Z\"])", para):
            before = para[start:m.start() + 1]
            if before.split()[-1].rstrip("\"'") in ABBREV:
                continue
            out.append(para[start:m.end()].strip())
            start = m.end()
        out.append(para[start:].strip())
    return out


def expand(page_id: str, text: str, events: list[dict[str, Any]]) -> None:
    sents = split_sentences(text)
    for ev in events:
        snip = ev.pop("_snippet")
        hits = [s for s in sents if snip in s]
        if len(hits) != 1:
            raise BuildError(f"{page_id}: snippet {snip!r} found in {len(hits)} sentences")
        ev["sentence"] = hits[0]


def _load(name: str, folder: Path = HERE) -> dict[str, Any]:
    ns: dict[str, Any] = {"E": E, "S": S, "P": P}
    path = folder / name
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
    return ns


def build(out_dir: Path = HERE, folder: Path = HERE) -> tuple[int, int]:
    """Write ``sentences.jsonl`` and ``pages_gold.jsonl`` into ``out_dir`` from the
    annotation source in ``folder`` (this set's by default; bench/blind3 passes its own);
    returns the numbers of sentence and page records."""
    sents = _load("annotations_sentences.py", folder)["SENTENCES"]
    pages = _load("annotations_pages.py", folder)["PAGES"]
    for rec in pages:
        text = (folder / rec["file"]).read_text(encoding="utf-8")
        expand(rec["id"], text, rec["events"])
    ids = [r["id"] for r in sents + pages]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise BuildError(f"duplicate ids {dup}")
    for name, recs in (("sentences.jsonl", sents), ("pages_gold.jsonl", pages)):
        with open(out_dir / name, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(sents), len(pages)


if __name__ == "__main__":
    try:
        n_s, n_p = build()
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"wrote {n_s} sentences and {n_p} pages")
