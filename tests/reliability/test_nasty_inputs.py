"""A corpus of nasty inputs, and the atheris fuzz target run briefly: nothing crashes,
hangs past a time limit or blows the memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadwatch.ingest import IngestOptions, document_from_text
from dyadwatch.ingest.reader import read_file
from dyadwatch.model import Document, Rejection
from dyadwatch.text import chunks

from reliability_inputs import SENTENCES, article

ROOT = Path(__file__).resolve().parents[2]

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>Boom</title><description>&lol9;</description></item></channel></rss>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>X</title>
<item><title>Leak</title><description>&x;</description></item></channel></rss>"""


def _read(path: Path, **opts) -> list[Document | Rejection]:
    t = time.monotonic()
    out = list(read_file(path, IngestOptions(**opts)))
    assert time.monotonic() - t < 30, f"{path.name} took too long"
    return out


@pytest.mark.parametrize("payload, name", [(BOMB, "bomb.xml"), (EXTERNAL, "external.xml")])
def test_feeds_with_entities_are_refused_unparsed(tmp_path, payload, name):
    f = tmp_path / name
    f.write_bytes(payload)
    (rej,) = _read(f)
    assert isinstance(rej, Rejection) and "declares XML entities" in rej.reason
    assert "root:" not in rej.reason


def test_deeply_nested_html(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 20_000 + f"<p>{article(1)}</p>" + "</div>" * 20_000
                 + "</body></html>", encoding="utf-8")
    (item,) = _read(f)
    assert isinstance(item, (Document, Rejection))


def test_zero_width_and_right_to_left_characters_are_coded(pipeline):
    text = "\n\n".join(s.replace(" ", " \u200b", 3) + " \u200fمرز\u202e \u2066x\u2069"
                       for s in SENTENCES)
    res = pipeline.process(document_from_text(text, source_path="rtl.txt"))
    assert res.sentences and all(0 <= e.sentence_index < len(res.sentences) for e in res.events)


def test_mixed_encodings_in_one_file_are_decoded_with_a_warning(tmp_path):
    f = tmp_path / "mixed.txt"
    first = article(3).encode("utf-8") + "Der Präsident sagte ".encode("utf-8")
    f.write_bytes(first + "à Genève, déclaré".encode("cp1252") + " — ok".encode("utf-8"))
    (doc,) = _read(f)
    assert isinstance(doc, Document)
    assert f"first invalid byte at offset {len(first)}" in doc.meta["encoding_note"]


def test_a_50_mb_single_line(tmp_path):
    """Over the 50 MB read limit: refused unread, naming the file; cut into bounded chunks
    when given to the pipeline's chunker directly."""
    f = tmp_path / "huge.txt"
    line = (" ".join(SENTENCES) + " ").encode("ascii")
    with open(f, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (rej,) = _read(f)
    assert isinstance(rej, Rejection) and rej.error == "InputTooLarge"
    assert rej.where == str(f) and "over the size limit" in rej.reason
    t = time.monotonic()
    text = f.read_text(encoding="ascii")
    pieces = chunks(text)
    assert time.monotonic() - t < 30
    assert pieces[-1][1] == len(text) and max(e - s for s, e in pieces) <= 100_000
    assert len(pieces) < len(text) // 50_000 + 2  # cut in the second half of each window


def test_the_atheris_target_runs_clean_for_a_bounded_number_of_inputs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, seed in enumerate([b"\x03" + BOMB[:200], b"\x04" + b'{"id": 1, "text": "x"}\n',
                              b"\x02<html><p>Iran</p></html>", b"\x05last Monday",
                              b"\x06" + article(1).encode()]):
        (corpus / f"seed{n}").write_bytes(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    r = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_ingest.py"), "-runs=300",
                        "-max_len=2048", "-seed=15", str(corpus)],
                       capture_output=True, text=True, timeout=240, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Done 300 runs" in r.stderr
