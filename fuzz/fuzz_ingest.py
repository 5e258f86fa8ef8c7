"""An atheris fuzz target for the readers and the text stage's chunker.

Usage:  python fuzz/fuzz_ingest.py -runs=10000 [corpus_dir]
        (any libFuzzer flag works: -max_total_time=60, -max_len=4096 ...)

Each input is routed (by its first byte) to one reader: byte decoding, a text dump, an
HTML page, an RSS/Atom feed, a JSONL stream, the date resolver, or ``text.chunks``.  The
target fails only on an exception that is not a ``DyadwatchError`` (a reader must turn
bad input into a ``Rejection`` or a typed error, never crash).
"""

from __future__ import annotations

import io
import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["dyadwatch"]):
    from dyadwatch.dates import resolve_expression
    from dyadwatch.errors import DyadwatchError
    from dyadwatch.ingest import IngestOptions, document_from_html, document_from_text
    from dyadwatch.ingest.common import decode_bytes
    from dyadwatch.ingest.containers import read_feed, read_jsonl
    from dyadwatch.text import chunks

OPTS = IngestOptions(max_bytes=1 << 20)


def one_input(data: bytes) -> None:
    if not data:
        return
    route, raw = data[0] % 7, data[1:]
    try:
        if route == 0:
            decode_bytes(raw)
        elif route == 1:
            document_from_text(decode_bytes(raw)[0], source_path="fuzz.txt")
        elif route == 2:
            document_from_html(raw, source_path="fuzz.html")
        elif route == 3:
            list(read_feed(raw, "fuzz.xml"))
        elif route == 4:
            list(read_jsonl(io.BytesIO(raw), "fuzz.jsonl", OPTS))
        elif route == 5:
            resolve_expression(decode_bytes(raw)[0][:300], date(2024, 1, 20), date(2024, 1, 21))
        else:
            text = decode_bytes(raw)[0]
            pieces = chunks(text, 2 + len(raw) % 64)
            assert "".join(text[s:e] for s, e in pieces) == text
    except DyadwatchError:
        pass


def main(argv: list[str]) -> None:
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
