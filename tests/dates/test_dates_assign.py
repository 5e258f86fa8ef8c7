"""``assign_dates`` on passages: attachment, anchors, inheritance, flags and evidence."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import make_event, token_index  # noqa: E402

from dyadwatch.dates import assign_dates  # noqa: E402
from dyadwatch.model import Document  # noqa: E402

# my own passage shaped like a typical crisis analysis piece (published on a Saturday)
PASSAGE = (
    "Relations between Ankara and Baghdad suffered a sharp blow this winter. "
    "On February 6, Turkish drones struck camps of the PKK near Sinjar. "
    "In the days that followed, the crisis escalated quickly. "
    "On February 12, both governments announced the resumption of security talks by the end of the month, "
    "after a phone call between the two leaders. "
    "The Iraqi premier also invited his Turkish counterpart to visit Baghdad later this month. "
    "Calling the strikes a violation of its sovereignty, Iraq vowed to respond. "
    "Baghdad first summoned the Turkish envoy. "
    "It subsequently filed a complaint at the UN Security Council. "
    "Historically, both states have quarrelled over the militants. "
)
PUB = date(2024, 2, 24)


def _run(nlp, text, pub, words):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    events = [make_event(doc, token_index(doc, w), i) for i, w in enumerate(words)]
    assign_dates(events, doc, Document("t", text, published=pub))
    return dict(zip(words, events))


def test_passage(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _run(nlp, PASSAGE, PUB, ["struck", "escalated", "announced", "invited", "vowed",
                                  "summoned", "filed", "quarrelled"])
    # absolute date in the event's own clause
    assert (ev["struck"].date, ev["struck"].date_precision) == (date(2024, 2, 6), "day")
    # a vague cue anchored to the previous dated event
    assert (ev["escalated"].date, ev["escalated"].date_precision) == (date(2024, 2, 7), "interval")
    # the announcement is dated by "On February 12", not by the deadline of what it announces
    assert (ev["announced"].date, ev["announced"].date_precision) == (date(2024, 2, 12), "day")
    assert ev["announced"].evidence["date"]["text"] == "February 12"
    # "later this month" for the invited visit: month precision
    assert (ev["invited"].date, ev["invited"].date_precision, ev["invited"].date_end) == (
        date(2024, 2, 1), "month", date(2024, 2, 29))
    # "the strikes" steps the narrative back to 6 February: undated events inherit an interval
    for w in ("vowed", "summoned"):
        assert ev[w].date_precision == "interval" and ev[w].date == date(2024, 2, 6), w
        assert ev[w].evidence["date"]["rule"] == "inherit"
    # "subsequently": an interval from the anchor, never a day
    assert ev["filed"].date_precision == "interval"
    assert ev["filed"].date == date(2024, 2, 6) and ev["filed"].date_end == PUB
    # habitual wording: no date, flagged as the article date
    assert ev["quarrelled"].date_precision == "article" and ev["quarrelled"].date is None
    assert ev["quarrelled"].evidence["date"]["reason"] == "background"


def test_undated_event_is_flagged_article(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _run(nlp, "The Greek navy shadowed a Turkish survey ship in the Aegean.", PUB,
              ["shadowed"])["shadowed"]
    assert (ev.date, ev.date_precision, ev.date_end) == (PUB, "article", None)
    assert ev.evidence["date"]["rule"] == "article-date"


def test_no_publication_date(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _run(nlp, "Rebels shelled the airport last week.", None, ["shelled"])["shelled"]
    assert ev.date is None and ev.date_precision == "article"


def test_event_without_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Troops clashed on 4 May.")
    ev = make_event(doc, 1)
    ev.trigger = None
    assign_dates([ev], doc, Document("t", doc.text, published=PUB))
    assert ev.date_precision == "article" and ev.date == PUB


def test_inheritance_stops_after_window(nlp) -> None:  # type: ignore[no-untyped-def]
    filler = " ".join(f"Analysts debated point number {i} at length." for i in range(8))
    text = f"Police dispersed the march on 3 February. {filler} The army deployed tanks."
    ev = _run(nlp, text, PUB, ["dispersed", "deployed"])
    assert ev["dispersed"].date == date(2024, 2, 3)
    assert ev["deployed"].date_precision == "article"


def test_every_event_of_a_long_passage_is_dated(nlp) -> None:  # type: ignore[no-untyped-def]
    # 40 sentences, one event per verb (the stage's share of the time is measured by
    # bench/throughput.py and bench/profile_stages.py, not by a timed test)
    text = " ".join([PASSAGE] * 4)
    doc = nlp(text)
    verbs = [t.i for t in doc if t.pos_ == "VERB"]
    events = [make_event(doc, i, n) for n, i in enumerate(verbs)]
    assign_dates(events, doc, Document("t", text, published=PUB))  # warm caches
    events = [make_event(doc, i, n) for n, i in enumerate(verbs)]
    assign_dates(events, doc, Document("t", text, published=PUB))
    assert all(e.evidence.get("date") for e in events)


def test_two_events_on_one_trigger_share_the_date(nlp) -> None:  # type: ignore[no-untyped-def]
    # the coder emits one event per dyad; "two days later" must not be counted twice
    text = "Clashes erupted on the border on 3 March. Two days later, India and China exchanged fire."
    doc = nlp(text)
    i = token_index(doc, "exchanged")
    events = [make_event(doc, token_index(doc, "erupted"), 0), make_event(doc, i, 1),
              make_event(doc, i, 2)]
    assign_dates(events, doc, Document("t", text, published=date(2024, 3, 13)))
    assert [e.date for e in events] == [date(2024, 3, 3), date(2024, 3, 5), date(2024, 3, 5)]


def test_doc_without_sentence_boundaries(nlp) -> None:  # type: ignore[no-untyped-def]
    # an unparsed Doc (no sentence boundaries, no dependencies) must not crash
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words="Rebels shelled the airport on 4 May .".split())
    ev = make_event(nlp("Rebels shelled the airport."), 1)  # sentence text only
    ev.trigger = 1
    assign_dates([ev], doc, Document("t", doc.text, published=PUB))
    # 4 May read on 24 February 2024 (not a future sentence): last year's
    assert (ev.date, ev.date_precision) == (date(2023, 5, 4), "day")
