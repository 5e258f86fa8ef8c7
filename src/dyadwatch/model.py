"""The one data model every stage reads and writes.

``Document`` -> ``Sentence`` -> ``Event``; ``Actor`` and ``Location`` are parts
of an event.  The JSON form (``to_dict``) is a stable contract: keys may be
added, never renamed.  See ``docs/data-model.md``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any


class Modality(str, Enum):
    """How the text presents an event.  Only ``ASSERTED`` events are factual."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    CONDITIONAL = "conditional"
    FUTURE = "future"


class CountryFrom(str, Enum):
    """Where an actor's country came from, strongest first (the order the actor stage
    tries them; see ``docs/eval/actors.md``)."""

    MENTION = "mention"  # the mention names it: "Pakistan", "Tehran", a known person or group
    POSSESSIVE = "possessive"  # "Zimbabwe's opposition", "the armed forces of Pakistan"
    DEMONYM = "demonym"  # "Iraqi Kurds", "Pakistani police"
    COREFERENCE = "coreference"  # "it", "the country's air force", a surname repeated
    PLACE = "place"  # where the actor acts: "police in Lahore", "gunmen ... in Mosul"
    DATELINE = "dateline"  # "KABUL (Reuters) - Gunmen ..."
    STORY = "story"  # the story's subject country (title and lead)


#: Precision values an event date may carry.  ``article`` means the text gave
#: nothing and the publication date stands in (never silently).
DATE_PRECISIONS = ("day", "week", "month", "year", "interval", "article")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def content_hash(text: str) -> str:
    """Hash of the whitespace-normalised, case-folded body (exact-duplicate key)."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Document:
    doc_id: str
    body: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    #: where ``published`` came from: ``first-published-note``, ``html-meta``,
    #: ``htmldate``, ``text-dateline``, ``jsonl``, ``feed``, ``warc-date``, ``caller``.
    published_from: str | None = None
    language: str | None = None
    content_hash: str = ""
    #: where the document was read from (file path, ``file#line``, WARC record).
    source_path: str | None = None
    #: free-form metadata from ingest (original outlet/title, repost info...).
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.body)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": _iso(self.published),
            "published_from": self.published_from,
            "language": self.language,
            "body": self.body,
            "content_hash": self.content_hash,
            "source_path": self.source_path,
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        pub = d.get("published")
        return cls(
            doc_id=d["doc_id"],
            body=d.get("body") or "",
            url=d.get("url"),
            outlet=d.get("outlet"),
            title=d.get("title"),
            authors=list(d.get("authors") or []),
            published=date.fromisoformat(pub) if pub else None,
            published_from=d.get("published_from"),
            language=d.get("language"),
            content_hash=d.get("content_hash") or "",
            source_path=d.get("source_path"),
            meta=dict(d.get("meta") or {}),
        )


@dataclass
class Sentence:
    doc_id: str
    index: int
    text: str
    start: int  # character offset in Document.body
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "index": self.index, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Dateline:
    """A wire dateline naming where (and sometimes when) a report was filed:
    "NAJAF, Iraq (Reuters) -", "WASHINGTON, Sept. 30, 2004 --", "GUWAHATI:".

    Recognised once, by the text stage, and read by the actor, coding and dates stages.
    Token spans are ``(start, end)`` indices in the parsed document; ``start``/``end`` are
    character offsets of the whole dateline in ``Document.body``.
    """

    place: str  # "NAJAF", "GAZA CITY"
    place_tokens: tuple[int, int]
    tokens: tuple[int, int]  # the whole dateline, its dash or colon included
    start: int
    end: int
    region: str | None = None  # "Iraq", "Palestinian Territories"
    region_tokens: tuple[int, int] | None = None
    date_text: str | None = None  # "Sept. 30, 2004", "Nov 2"
    agency: str | None = None  # "Reuters", "AFP"
    #: ended by a dash or colon; False for a dateline whose dash the feed dropped
    #: ("KATMANDU, Nepal The Nepali capital ..."): only a reader that can check the
    #: place name (the actor dictionary) should trust it
    closed: bool = True


@dataclass
class Actor:
    code: str  # e.g. "IRNGOV", "PAKMIL", "IGOUNO", "PAKINS"
    country: str | None = None  # ISO3, or IGO/NGO/IMG for international actors
    role: str | None = None  # GOV, MIL, REB, INS, ...
    name: str | None = None  # the text it came from, e.g. "Islamabad"
    #: character span of the mention in Document.body, if known
    span: tuple[int, int] | None = None
    #: where ``country`` came from (None: no country, or not recorded)
    country_from: CountryFrom | None = None

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "country": self.country, "role": self.role,
                             "name": self.name}
        if explain:
            d["country_from"] = self.country_from.value if self.country_from else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if not d:
            return None
        how = d.get("country_from")
        return cls(code=d["code"], country=d.get("country"), role=d.get("role"),
                   name=d.get("name"), country_from=CountryFrom(how) if how else None)


@dataclass
class Location:
    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # city / admin1 / country

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "admin1": self.admin1, "country": self.country,
                "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id,
                "feature": self.feature}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Location | None:
        if not d:
            return None
        return cls(name=d["name"], country=d.get("country"), admin1=d.get("admin1"),
                   lat=d.get("lat"), lon=d.get("lon"), geonames_id=d.get("geonames_id"),
                   feature=d.get("feature"))


@dataclass
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor
    target: Actor | None
    cameo: str
    root: str
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None = None
    plover_mode: str | None = None
    date: date | None = None
    date_precision: str = "article"
    #: for vague dates: the interval the event lies in (inclusive)
    date_end: date | None = None
    #: why the text gave no date (precision ``article``): ``not-in-text`` (the
    #: publication date stands in), ``no-trigger``, or, with ``date`` None,
    #: ``background``, ``anterior``, ``undated-reference`` (see ``dates.DateReason``)
    date_reason: str | None = None
    location: Location | None = None
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.5
    published: date | None = None
    #: why this record exists, for people: pattern id, trigger text, how the actors were
    #: found, date, place and modality rules.  Shown by ``extract --explain``.  Stages
    #: never read each other's explanations: what they share is typed (below).
    evidence: dict[str, Any] = field(default_factory=dict)
    #: documents that report this same event: for a canonical event read from the
    #: store, every document behind its reports (reposts included)
    sources: list[str] = field(default_factory=list)
    #: for a canonical event read from the store: the ids of the coded reports it
    #: consolidates (empty for a report, whose ``event_id`` is its own report id)
    reports: list[str] = field(default_factory=list)
    #: token index (in the parsed document) of the word the event hangs on: the verb,
    #: or the light verb governing a nominal trigger ("launched" in "launched strikes");
    #: the dates, place and modality stages start from it.  None when not known.
    trigger: int | None = None
    #: the nominal trigger under that light verb ("strikes"), if any
    trigger_noun: int | None = None
    #: token spans ``(start, end)`` of the source / target mentions
    source_tokens: tuple[int, int] | None = None
    target_tokens: tuple[int, int] | None = None

    @property
    def factual(self) -> bool:
        return self.modality == Modality.ASSERTED

    @property
    def dyad_target(self) -> str | None:
        """The country this event is directed at, for dyads.

        The target's country; but an action in another country against the
        source's own nationals, or against nobody named, is directed at the
        country where it happened: Iran striking Iranian Baloch militants in
        Panjgur, Pakistan, is an IRN -> PAK event.  This is the one place the
        rule lives; the store writes its value into the ``dyad_target`` column.
        """
        tgt = self.target.country if self.target else None
        loc = self.location.country if self.location else None
        if loc is not None and loc != self.source.country and tgt in (None, self.source.country):
            return loc
        return tgt

    @property
    def dyad(self) -> str | None:
        """``"IRN-PAK"``: source country, then the country the event is directed at."""
        tgt = self.dyad_target
        if not self.source.country or not tgt:
            return None
        return f"{self.source.country}-{tgt}"

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict(explain),
            "target": self.target.to_dict(explain) if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "date": _iso(self.date),
            "date_precision": self.date_precision,
            "date_end": _iso(self.date_end),
            "date_reason": self.date_reason,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality.value,
            "factual": self.factual,
            "confidence": round(self.confidence, 3),
            "published": _iso(self.published),
        }
        if self.reports:
            d["sources"] = list(self.sources)
            d["reports"] = list(self.reports)
        if explain:
            d["evidence"] = self.explanation()
        return d

    def explanation(self) -> dict[str, Any]:
        """``evidence`` with the trigger and actor token spans (the ``--explain`` form)."""
        return {**self.evidence, **_token_keys(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        def _d(v: str | None) -> date | None:
            return date.fromisoformat(v) if v else None

        plover = d.get("plover") or {}
        src = Actor.from_dict(d["source"])
        assert src is not None
        evidence = dict(d.get("evidence") or {})
        tokens = {k: evidence.pop(k, None) for k in _TOKEN_KEYS}
        return cls(
            event_id=d["event_id"], doc_id=d["doc_id"],
            sentence_index=d["sentence_index"], sentence=d["sentence"],
            source=src, target=Actor.from_dict(d.get("target")),
            cameo=d["cameo"], root=d["root"], quad_class=d["quad_class"],
            goldstein=d["goldstein"], plover_type=plover.get("type"),
            plover_mode=plover.get("mode"), date=_d(d.get("date")),
            date_precision=d.get("date_precision") or "article",
            date_end=_d(d.get("date_end")), date_reason=d.get("date_reason"),
            location=Location.from_dict(d.get("location")),
            modality=Modality(d.get("modality") or "asserted"),
            confidence=d.get("confidence") or 0.0, published=_d(d.get("published")),
            evidence=evidence, trigger=_int(tokens["trigger"]),
            trigger_noun=_int(tokens["trigger_noun"]),
            source_tokens=_pair(tokens["source_tokens"]),
            target_tokens=_pair(tokens["target_tokens"]),
            sources=list(d.get("sources") or []), reports=list(d.get("reports") or []),
        )


#: the typed token fields, as keys of the ``--explain`` evidence
_TOKEN_KEYS = ("trigger", "trigger_noun", "source_tokens", "target_tokens")


def _token_keys(ev: Event) -> dict[str, Any]:
    if ev.trigger is None and ev.source_tokens is None:
        return {}
    return {"trigger": ev.trigger, "trigger_noun": ev.trigger_noun,
            "source_tokens": list(ev.source_tokens) if ev.source_tokens else None,
            "target_tokens": list(ev.target_tokens) if ev.target_tokens else None}


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _pair(v: Any) -> tuple[int, int] | None:
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(_int(x) is not None for x in v):
        return (int(v[0]), int(v[1]))
    return None


@dataclass
class Rejection:
    """An input (or part of one) that could not be read, and why."""

    where: str  # file path, "file:line", "file#record"
    stage: str  # ingest / nlp / coding / store
    reason: str
    #: the name of the ``dyadwatch.errors`` class behind it (``InputTooLarge``,
    #: ``EncodingError``...), when one is known: the Python API raises that class
    error: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.reason} [{self.stage}]"


@dataclass
class Notice:
    """An input that was read, but with a warning the user must hear about: decoded with
    a guessed charset, a feed read leniently, a publication date that could not be read.
    ``kind`` is one of ``NOTICE_KINDS``."""

    where: str
    stage: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.kind}]"


#: the ``Document.meta`` keys the readers leave for what ``notices_of`` reports
_NOTICE_KEYS = (("encoding_note", "encoding"), ("feed_note", "feed"),
                ("unparsed_published", "date"), ("extractor_error", "extraction"))
NOTICE_KINDS = tuple(k for _, k in _NOTICE_KEYS)


def notices_of(document: Document, stage: str = "ingest") -> list[Notice]:
    """The warnings a reader left on ``document`` (in its ``meta``), as ``Notice``s."""
    where = document.source_path or document.url or document.doc_id
    out = []
    for key, kind in _NOTICE_KEYS:
        value = document.meta.get(key)
        if not value:
            continue
        msg = (f"published value {value!r} is not a date; dates are resolved without a "
               "publication date" if kind == "date" else str(value))
        out.append(Notice(where, stage, kind, msg))
    return out


@dataclass
class NoEvent:
    """A sentence that names two or more actors but gave no factual event, and why:
    what ``extract --explain`` shows to help extend the dictionaries."""

    sentence: int  # index into the document's sentences
    text: str
    actors: list[str]  # "PAK (Pakistan)": code and text of each distinct actor
    #: what was found: the matched triggers with their pattern and what they lacked, or
    #: the sentence's verbs when no pattern matched
    predicates: list[str]
    #: ``no pattern`` | ``no second actor`` | ``discarded`` | ``not factual``
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "text": self.text, "actors": list(self.actors),
                "predicates": list(self.predicates), "reason": self.reason}


#: the reasons a ``NoEvent`` may give
NO_EVENT_REASONS = ("no pattern", "no second actor", "discarded", "not factual")


@dataclass
class Result:
    """What ``extract`` returns for one document."""

    document: Document
    events: list[Event]
    sentences: list[Sentence] = field(default_factory=list)
    #: what the discard list silenced: {"level": "story"|"sentence", "phrase", "sentence"}
    discarded: list[dict[str, Any]] = field(default_factory=list)
    #: what coded it: dyadwatch version and the versions (digests) of the model,
    #: pattern, dictionary and gazetteer files (``Pipeline.fingerprint``)
    coder: dict[str, str] = field(default_factory=dict)
    #: sentences with two or more actors and no factual event, with the reason
    no_event: list[NoEvent] = field(default_factory=list)
    #: warnings about the input (a guessed charset, a lenient feed, an unreadable date)
    notices: list[Notice] = field(default_factory=list)
    #: spaCy tokens the body was parsed into (0 when not known); a document coded in
    #: chunks shifts the token positions of each chunk's events by the chunks before it
    tokens: int = 0

    def to_dict(self, explain: bool = False, include_all: bool = True) -> dict[str, Any]:
        evs = self.events if include_all else [e for e in self.events if e.factual]
        out = {"document": self.document.to_dict(),
               "events": [e.to_dict(explain=explain) for e in evs]}
        if explain and self.discarded:
            out["discarded"] = [dict(d) for d in self.discarded]
        if explain and self.no_event:
            out["no_event"] = [n.to_dict() for n in self.no_event]
        return out
