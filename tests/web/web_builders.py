"""A small crisis store for the web tests, built without the NLP pipeline.

Iran and Pakistan in January 2024 (our own invented wording), one repost of the first
article (so one event has two reports), an India-Pakistan event in 2019, a
hypothetical threat (not factual) and an event dated only to a fortnight (counted in
the table, not in the daily chart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dyadwatch._resources import cameo_table
from dyadwatch.model import (Actor, CountryFrom, Document, Event, Location, Modality, Result,
                             Sentence)
from dyadwatch.store import Store

PANJGUR = Location("Panjgur", "PAK", "Balochistan", 26.96, 64.09, 1168749, "city")
SARAVAN = Location("Saravan", "IRN", "Sistan and Baluchestan", 27.37, 62.33, 118994, "city")
BALAKOT = Location("Balakot", "PAK", "Khyber Pakhtunkhwa", 34.55, 73.35, 1183880, "city")


@dataclass
class Ev:
    sentence: int  # index of the sentence in the document
    source: tuple[str, str, str]  # code, country, name
    target: tuple[str, str, str] | None
    cameo: str
    day: date | None
    location: Location | None = None
    modality: Modality = Modality.ASSERTED
    precision: str = "day"
    date_end: date | None = None
    trigger: str | None = None  # the trigger word (default: the sentence's third word)


def _actor(spec: tuple[str, str, str] | None, how: CountryFrom) -> Actor | None:
    if spec is None:
        return None
    code, country, name = spec
    return Actor(code, country, code[3:] or None, name, country_from=how)


def document(doc_id: str, sentences: list[str], published: date, events: list[Ev],
             title: str, outlet: str = "example.org") -> Result:
    body, spans, at = "", [], 0
    for i, s in enumerate(sentences):
        if i:
            body += " "
            at += 1
        spans.append(Sentence(doc_id, i, s, at, at + len(s)))
        body += s
        at += len(s)
    doc = Document(doc_id=doc_id, body=body, published=published, title=title,
                   outlet=outlet, url=f"https://{outlet}/{doc_id}", source_path=f"/x/{doc_id}")
    evs = []
    book = cameo_table()
    for k, e in enumerate(events):
        info = book[e.cameo]
        text = sentences[e.sentence]
        evs.append(Event(
            event_id=f"{doc_id}-{e.sentence}-{k}", doc_id=doc_id, sentence_index=e.sentence,
            sentence=text, source=_actor(e.source, CountryFrom.MENTION),  # type: ignore[arg-type]
            target=_actor(e.target, CountryFrom.DEMONYM), cameo=e.cameo, root=info.root,
            quad_class=info.quad_class, goldstein=info.goldstein,
            plover_type=info.plover_type, plover_mode=info.plover_mode, date=e.day,
            date_precision=e.precision if e.day else "article", date_end=e.date_end,
            location=e.location, modality=e.modality, confidence=0.8, published=published,
            evidence={"pattern": "test.pattern", "trigger_text": e.trigger or text.split()[2],
                      "why": f"test.pattern: -> {e.cameo} {info.label}",
                      "date": {"rule": "weekday", "text": "on Tuesday"},
                      "place": {"rule": "in-prep", "text": e.location.name if e.location
                                else None},
                      "modality": {"rule": "no-cue", "cue": None}},
            trigger=2, source_tokens=(0, 1), target_tokens=(3, 4)))
    return Result(doc, evs, spans, coder={"dyadwatch": "test", "patterns": "web"})


IRN_MIL = ("IRNMIL", "IRN", "Iran's Revolutionary Guards")
IRN_GOV = ("IRNGOV", "IRN", "Iran's foreign ministry")
PAK_GOV = ("PAKGOV", "PAK", "Pakistan's foreign office")
PAK_MIL = ("PAKMIL", "PAK", "Pakistan's air force")
PAK_INS = ("PAKINS", "PAK", "a militant group")
IND_MIL = ("INDMIL", "IND", "Indian jets")

STRIKE = ("Ardent News: Iran's Revolutionary Guards fired missiles at militant camps near "
          "Panjgur on Tuesday.")


def crisis_results() -> list[Result]:
    d16, d17, d18 = date(2024, 1, 16), date(2024, 1, 17), date(2024, 1, 18)
    d22, d24 = date(2024, 1, 22), date(2024, 1, 24)
    return [
        document("a1", ["TEHRAN, 17 January.", STRIKE,
                        "Pakistan's foreign office condemned the strikes on Wednesday.",
                        "Iran's foreign ministry defended them the same day."],
                 date(2024, 1, 17),
                 [Ev(1, IRN_MIL, PAK_INS, "195", d16, PANJGUR, trigger="fired"),
                  Ev(2, PAK_GOV, IRN_GOV, "111", d17),
                  Ev(3, IRN_GOV, PAK_GOV, "130", d17)],
                 "Iran fires missiles into Pakistan", "ardent.example"),
        document("a1copy", ["From our partners.",
                            "Iran's Revolutionary Guards fired missiles at militant camps in "
                            "Panjgur, Pakistan, on Tuesday night."],
                 date(2024, 1, 17), [Ev(1, IRN_MIL, PAK_INS, "195", d16, PANJGUR, trigger="fired")],
                 "Missiles hit Panjgur", "partner.example"),
        document("a2", ["ISLAMABAD, 18 January.",
                        "Pakistan's air force struck hideouts in Saravan on Thursday.",
                        "Pakistan's foreign office recalled its ambassador from Tehran."],
                 date(2024, 1, 18),
                 [Ev(1, PAK_MIL, ("IRNINS", "IRN", "separatists"), "195", d18, SARAVAN),
                  Ev(2, PAK_GOV, IRN_GOV, "161", d17)],
                 "Pakistan strikes back in Iran", "ledger.example"),
        document("a3", ["The two foreign ministers spoke by telephone on Monday.",
                        "Iran's foreign ministry said the ambassadors would return on "
                        "Wednesday.",
                        "A commentator warned that Iran's Revolutionary Guards might strike "
                        "again.",
                        "Officials from both sides met several times in the first half "
                        "of the month."],
                 date(2024, 1, 24),
                 [Ev(0, IRN_GOV, PAK_GOV, "041", d22),
                  Ev(1, IRN_GOV, PAK_GOV, "030", d24),
                  Ev(2, IRN_MIL, PAK_GOV, "138", d24, modality=Modality.HYPOTHETICAL),
                  Ev(3, IRN_GOV, PAK_GOV, "040", date(2024, 1, 1), precision="interval",
                     date_end=date(2024, 1, 14))],
                 "Iran and Pakistan talk again", "ardent.example"),
        document("b1", ["NEW DELHI, 27 February 2019.",
                        "Indian jets bombed a camp near Balakot on Tuesday."],
                 date(2019, 2, 27), [Ev(1, IND_MIL, PAK_INS, "195", date(2019, 2, 26),
                                        BALAKOT)],
                 "Jets strike Balakot", "ledger.example"),
    ]


def build_crisis_store(path: str | Path) -> Path:
    """Write the crisis store at ``path`` (a new file); returns the path."""
    with Store(path) as store:
        for res in crisis_results():
            store.save(res)
    return Path(path)


def extra_result(n: int) -> Result:
    """One more IRN-PAK document (for the tests that write while the server reads)."""
    return document(f"w{n}", [f"Dispatch {n}.",
                              "Iran's foreign ministry praised Pakistan's foreign office on "
                              "Friday."],
                    date(2024, 3, 1), [Ev(1, IRN_GOV, PAK_GOV, "051",
                                          date(2024, 2, 1) + timedelta(days=n))],
                    f"Dispatch {n}", "wire.example")
