"""Build bench/blind3's data files from the annotation source in this folder.

``python bench/blind3/build.py`` reads ``annotations_sentences.py`` and
``annotations_pages.py`` (one ``S(...)``/``P(...)`` per document, one ``E(...)`` per gold
line) and writes ``sentences.jsonl`` and ``pages_gold.jsonl``.  The annotation helpers
(``E``, ``S``, ``P``), the sentence splitter and the snippet expansion are those of
``bench/blind2/build.py`` (imported, not copied), so the two sets share one format: a page
snippet becomes the whole sentence of the page, and a snippet found in no sentence or in two
stops the build with its page and text.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BLIND2_BUILD = HERE.parent / "blind2" / "build.py"


def _blind2_build():
    key = "blind2_build"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, BLIND2_BUILD)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {BLIND2_BUILD}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


_b2 = _blind2_build()
E, S, P = _b2.E, _b2.S, _b2.P
BuildError = _b2.BuildError
split_sentences = _b2.split_sentences
expand = _b2.expand


def _load(name: str, folder: Path = HERE) -> dict[str, Any]:
    ns: dict[str, Any] = {"E": E, "S": S, "P": P}
    path = folder / name
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
    return ns


def build(out_dir: Path = HERE) -> tuple[int, int]:
    """Write ``sentences.jsonl`` and ``pages_gold.jsonl`` into ``out_dir``; returns the
    numbers of sentence and page records."""
    sents = _load("annotations_sentences.py")["SENTENCES"]
    pages = _load("annotations_pages.py")["PAGES"]
    for rec in pages:
        text = (HERE / rec["file"]).read_text(encoding="utf-8")
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
