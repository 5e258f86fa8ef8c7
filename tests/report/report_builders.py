"""A small invented crisis between Armenia and Azerbaijan, stored without NLP, for the
report tests: codes, actors, dates, places and documents are set by hand, so each test
knows what the report must say."""

from __future__ import annotations

from datetime import date

from dyadwatch._resources import cameo_table
from dyadwatch.model import Actor, Document, Event, Location, Modality, Result, Sentence
from dyadwatch.store import Store

KHANKENDI = Location("Khankendi", "AZE", "Karabakh", 39.82, 46.75, 174875, "city")
JERMUK = Location("Jermuk", "ARM", "Vayots Dzor", 39.84, 45.67, 616631, "city")
YEREVAN = Location("Yerevan", "ARM", "Yerevan", 40.18, 44.51, 616052, "city")
ARMENIA = Location("Armenia", "ARM", None, 40.07, 45.04, 174982, "country")


def ev(doc: str, idx: int, source: str, target: str | None, cameo: str, d: date | None,
       precision: str = "day", *, loc: Location | None = None, published: date | None = None,
       sentence: str | None = None, source_name: str | None = None,
       target_name: str | None = None, conf: float = 0.8, k: int = 0,
       modality: Modality = Modality.ASSERTED, end: date | None = None) -> Event:
    info = cameo_table()[cameo]
    src = Actor(source, source[:3], source[3:6] or None, source_name or source[:3])
    tgt = (Actor(target, target[:3], target[3:6] or None, target_name or target[:3])
           if target else None)
    return Event(
        event_id=f"{doc}-{idx}-{k}", doc_id=doc, sentence_index=idx,
        sentence=sentence or f"Sentence {idx} of {doc} ({source} {cameo} {target}).",
        source=src, target=tgt, cameo=cameo, root=info.root, quad_class=info.quad_class,
        goldstein=info.goldstein, plover_type=info.plover_type, plover_mode=info.plover_mode,
        date=d, date_precision=precision, date_end=end, location=loc, modality=modality,
        confidence=conf, published=published,
        evidence={"pattern": "test", "date": {"text": f"on day {d.day}" if d else None}})


def result(doc: str, published: date, events: list[Event], outlet: str,
           title: str, url: str | None = None) -> Result:
    body = " ".join(e.sentence for e in events) or "Nothing happened."
    for e in events:
        e.published = e.published or published
    document = Document(doc_id=doc, body=body, published=published, title=title,
                        outlet=outlet, url=url, authors=["A. Writer"],
                        published_from="html-meta", source_path=f"/x/{doc}.html")
    sents = [Sentence(doc, e.sentence_index, e.sentence, 0, len(e.sentence)) for e in events]
    return Result(document, events, sents, coder={"dyadwatch": "test", "patterns": "p1"})


D = date


def crisis_results() -> list[Result]:
    """Azerbaijan strikes Armenia on 12 Sep (two reports, two outlets), Armenia protests and
    answers with artillery on 14 Sep, both ministers talk on 16 Sep, a statement with no
    date, envoys meet on 20 Sep; plus an unrelated domestic event."""
    strike = "Azerbaijani forces shelled positions near Jermuk on 12 September."
    return [
        result("d1", D(2022, 9, 13), [
            ev("d1", 0, "AZEMIL", "ARMMIL", "195", D(2022, 9, 12), loc=JERMUK, sentence=strike,
               source_name="Azerbaijani forces"),
            ev("d1", 1, "ARMGOV", "AZEGOV", "111", D(2022, 9, 12),
               sentence="Yerevan condemned the attack on 12 September.", source_name="Yerevan"),
        ], "Caucasus Wire", "Shelling near Jermuk", "https://caucasuswire.example/a"),
        result("d2", D(2022, 9, 15), [
            ev("d2", 0, "AZEMIL", "ARMMIL", "195", D(2022, 9, 12), loc=JERMUK,
               sentence="The shelling of 12 September hit army posts near Jermuk."),
            ev("d2", 1, "ARMMIL", "AZEMIL", "194", D(2022, 9, 14), loc=KHANKENDI,
               sentence="Armenian artillery fired on Azerbaijani positions on 14 September."),
            ev("d2", 2, "ARMGOV", "AZEGOV", "112", D(2022, 9, 15), precision="article",
               sentence="Armenia accused Baku of planning more attacks."),
        ], "Yerevan Evening", "Artillery duel on the border"),
        result("d3", D(2022, 9, 21), [
            ev("d3", 0, "ARMGOV", "AZEGOV", "041", D(2022, 9, 16),
               sentence="The two foreign ministers spoke by phone on 16 September."),
            ev("d3", 1, "AZEGOV", "ARMGOV", "041", D(2022, 9, 16),
               sentence="The two foreign ministers spoke by phone on 16 September.", k=1),
            ev("d3", 2, "AZEGOV", "ARMGOV", "040", D(2022, 9, 20), loc=YEREVAN,
               sentence="Envoys of both sides met in Yerevan on 20 September."),
            ev("d3", 3, "ARMGOV", "ARMCVL", "020", D(2022, 9, 18), loc=ARMENIA,
               sentence="The government appealed to citizens to stay calm."),
        ], "Baku Observer", "Ministers talk, envoys meet"),
    ]


def crisis_store(path: str = ":memory:") -> Store:
    store = Store(path)
    for r in crisis_results():
        store.save(r)
    return store
