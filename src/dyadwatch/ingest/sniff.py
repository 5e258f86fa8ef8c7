"""Decide what kind of input a file is: by extension AND by its first bytes."""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib

from .common import formats, looks_binary

KINDS = ("html", "text", "warc", "jsonl", "json", "feed", "urls")
_URL_LINE = re.compile(r"^(https?://\S+|#.*)$")


def is_project_file(name: str) -> bool:
    """README, LICENSE, CHANGELOG... : files that sit next to articles but are none."""
    stem = name.lower().split(".")[0]
    return stem in formats().get("skip_names", []) or name.lower() in formats().get("skip_names", [])


def kind_by_extension(name: str) -> str | None:
    """``html``/``text``/``warc``/``jsonl``/``feed``/``urls``/``skip``/``unsupported`` or None."""
    low = name.lower()
    if low.endswith(".gz") and not low.endswith((".warc.gz", ".arc.gz")):
        low = low[:-3]
    table = formats()
    for kind in (*KINDS, "skip"):
        if any(low.endswith(ext) for ext in table[kind]):
            return kind
    if any(low.endswith(ext) for ext in table["unsupported"]):
        return "unsupported"
    return None


def unsupported_reason(name: str) -> str:
    low = name.lower()
    for ext, reason in formats()["unsupported"].items():
        if low.endswith(ext):
            return str(reason)
    return "unsupported file type"


def gunzip_head(head: bytes, n: int = 8192) -> bytes | None:
    """The first decompressed bytes of a gzip stream, or None if it is not valid gzip."""
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return d.decompress(head, n)
    except zlib.error:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as g:
                return g.read(n)
        except (OSError, EOFError):
            return None


def sniff(head: bytes) -> str:
    """Kind of content from its first bytes: one of ``KINDS``, ``gzip``, ``binary``, ``empty``."""
    if not head.strip():
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        return "binary"
    s = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower()[:3000]
    if s.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")):
        if re.search(r"<(rss|feed|rdf:rdf)\b", s):
            return "feed"
        return "html" if re.search(r"<(html|body)\b", s) else "feed"
    lines = [ln.strip() for ln in s.splitlines() if ln.strip()]
    if lines and lines[0].startswith("["):
        return "json"
    if lines and lines[0].startswith("{"):
        first = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:  # an object spread over lines: one JSON document
            return "json" if len(lines) > 1 and "\n" in s else "jsonl"
    if s.startswith(("<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<div",
                     "<article", "<p>", "<p ", "<title")) or re.search(r"<(html|body)\b", s[:1000]):
        return "html"
    complete = lines[:-1] if len(lines) > 1 and len(s) >= 2900 else lines
    if complete and all(_URL_LINE.match(ln) for ln in complete) and any(
            ln.startswith("http") for ln in complete):
        return "urls"
    return "text"


def decide(name: str, head: bytes) -> str:
    """Combine extension and content: content wins, except that a ``.jsonl`` file whose
    first line is not JSON stays JSONL (so the bad line is reported by number)."""
    by_ext = kind_by_extension(name)
    by_content = sniff(head)
    if by_content == "text" and by_ext in ("jsonl", "json", "feed"):
        return by_ext
    if by_content == "jsonl" and by_ext == "json":
        return "json"
    return by_content
