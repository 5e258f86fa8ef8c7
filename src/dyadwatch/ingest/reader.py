"""``read_path``: a file or a folder in, ``Document`` and ``Rejection`` out, in a fixed order."""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document, Rejection
from .common import decode_bytes
from .containers import read_feed, read_json, read_jsonl, read_warc
from .documents import document_from_html, document_from_text
from .options import IngestOptions
from .sniff import (decide, gunzip_head, is_project_file, kind_by_extension, sniff,
                    unsupported_reason)

STAGE = "ingest"
_HEAD = 8192


def _rej(where: str, reason: str, error: str | None = None) -> Rejection:
    return Rejection(where=where, stage=STAGE, reason=reason, error=error)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def iter_files(folder: Path, opts: IngestOptions) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, skipping hidden files and folders.  Symbolic
    links to folders are followed only with ``IngestOptions.follow_symlinks`` (loops)."""
    for root, dirs, files in os.walk(folder, followlinks=opts.follow_symlinks):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            yield Path(root) / name  # a linked file is read; linked folders need the option


def read_path(path: str | os.PathLike[str], options: IngestOptions | None = None
              ) -> Iterator[Document | Rejection]:
    """Read a file or a folder (recursively).  Yields ``Document`` or ``Rejection``; never raises
    for a bad input.  In a folder, hidden files and obvious non-inputs (images, fonts, ...) are
    skipped quietly; every other file yields at least one item."""
    opts = options or IngestOptions()
    p = Path(path)
    if p.is_dir():
        for f in iter_files(p, opts):
            yield from read_file(f, opts, in_folder=True)
    elif p.exists():
        yield from read_file(p, opts, in_folder=False)
    else:
        yield _rej(str(p), "no such file or folder")


def read_file(f: Path, opts: IngestOptions, in_folder: bool = False
              ) -> Iterator[Document | Rejection]:
    """One file; see ``read_path``."""
    where = str(f)
    by_ext = kind_by_extension(f.name)
    if in_folder and (by_ext == "skip" or is_project_file(f.name)):
        return
    if by_ext == "unsupported":
        yield _rej(where, unsupported_reason(f.name))
        return
    try:
        size = f.stat().st_size
        with open(f, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError as exc:
        yield _rej(where, f"cannot open file ({exc.strerror or exc})")
        return
    try:
        yield from _dispatch(f, where, size, head, by_ext, opts)
    except Exception as exc:  # noqa: BLE001 - the run must go on whatever one file does
        yield _rej(where, f"unexpected error while reading ({type(exc).__name__}: {exc})")


def _dispatch(f: Path, where: str, size: int, head: bytes, by_ext: str | None,
              opts: IngestOptions) -> Iterator[Document | Rejection]:
    kind = decide(f.name, head)
    if kind == "empty":
        yield _rej(where, "empty file" if size == 0 else "file contains only whitespace")
        return
    if kind == "warc":
        yield from read_warc(f, opts)
        return
    if kind == "gzip":
        inner = gunzip_head(head)
        if inner is not None and inner.startswith(b"WARC/"):
            yield from read_warc(f, opts)
            return
        if inner is None:
            yield _rej(where, "corrupt gzip file")
            return
        inner_kind = decide(f.name[:-3] if f.name.lower().endswith(".gz") else f.name, inner)
        if inner_kind == "jsonl":
            last = "the start"
            try:
                with gzip.open(f, "rb") as gz:
                    for item in read_jsonl(gz, where, opts):  # type: ignore[arg-type]
                        last = item.where if isinstance(item, Rejection) else \
                            (item.source_path or last)
                        yield item
            except (EOFError, OSError, zlib.error) as exc:
                yield _rej(where, f"gzip file is cut short or corrupt after {last} "
                                  f"({exc}); the lines before it were read")
            return
        try:
            with gzip.open(f, "rb") as gz:
                raw = gz.read(opts.max_bytes + 1)
        except (EOFError, OSError, zlib.error) as exc:
            yield _rej(where, f"corrupt or truncated gzip file ({exc})")
            return
        if len(raw) > opts.max_bytes:
            yield _rej(where, f"decompressed content is over the size limit of "
                              f"{_mb(opts.max_bytes)} (IngestOptions.max_bytes)", "InputTooLarge")
            return
        yield from _single(raw, inner_kind, where, opts)
        return
    if kind == "jsonl":
        with open(f, "rb") as fh:
            yield from read_jsonl(fh, where, opts)
        return
    if size > opts.max_bytes:
        yield _rej(where, f"file is {_mb(size)}, over the size limit of {_mb(opts.max_bytes)} "
                          "(IngestOptions.max_bytes); not read", "InputTooLarge")
        return
    raw = f.read_bytes()
    yield from _single(raw, kind, where, opts)


def _single(raw: bytes, kind: str, where: str, opts: IngestOptions
            ) -> Iterator[Document | Rejection]:
    """Files read whole: HTML, text, feeds, URL lists, and the rejections for the rest."""
    if kind == "binary":
        yield _rej(where, "binary file; not text, HTML, WARC, JSONL or an RSS/Atom feed")
        return
    if kind == "empty" or not raw.strip():
        yield _rej(where, "empty file")
        return
    if kind == "urls":
        n = sum(1 for ln in raw.splitlines() if ln.strip().startswith((b"http://", b"https://")))
        yield _rej(where, f"a list of {n} URL(s): ingest does not fetch pages; network fetching "
                          "is the watch command's job (or save the pages and ingest the files)")
        return
    if kind == "feed":
        yield from read_feed(raw, where)
        return
    if kind == "json":
        yield from read_json(raw, where, opts)
        return
    if kind == "jsonl":  # a gzip'ed JSONL already handled; keep for completeness
        yield from read_jsonl(io.BytesIO(raw), where, opts)
        return
    try:
        if kind == "html":
            yield document_from_html(raw, source_path=where,
                                     strict_encoding=opts.strict_encoding)
            return
        text, note = decode_bytes(raw, strict=opts.strict_encoding, where=where)
        doc = document_from_text(text, source_path=where)
        if note:
            doc.meta["encoding_note"] = note
        yield doc
    except InputError as exc:
        yield _rej(where, exc.reason, type(exc).__name__)


__all__ = ["read_path", "read_file", "iter_files", "sniff"]
