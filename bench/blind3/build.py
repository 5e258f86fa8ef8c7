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
import sys
from pathlib import Path

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


def build(out_dir: Path = HERE) -> tuple[int, int]:
    """Write this set's ``sentences.jsonl`` and ``pages_gold.jsonl`` into ``out_dir`` (the
    builder of bench/blind2, run on this folder); returns the numbers of records."""
    return _b2.build(out_dir, folder=HERE)


if __name__ == "__main__":
    try:
        n_s, n_p = build()
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"wrote {n_s} sentences and {n_p} pages")
