"""Plots, suspicions and refuted reports are not factual; a threat or offer that was made
is (issue 11 item 6, issue 12).  Sentences written for these tests; each row says why it is
here.  ``nonfactual`` = anything but ASSERTED."""

from __future__ import annotations

import pytest

from dyadwatch.model import Actor, Event, Modality
from dyadwatch.modality import assign_modality, classify

CASES = [
    # a plot's object: the attack was planned, not carried out
    ("The cell plotted an attack on the parliament.", "attack", False),
    ("Police arrested four men suspected of plotting attacks.", "attacks", False),
    ("Prosecutors accused him of plotting to assassinate the mayor.", "assassinate", False),
    ("The alleged plot to kill the president was foiled.", "kill", False),
    # suspicion, on the verb or through its object ("suspect X of Y")
    ("Three students were suspected of attacking the consulate.", "attacking", False),
    ("Kenya suspects Somali gunmen of kidnapping the doctors.", "kidnapping", False),
    ("Two men were held on suspicion of smuggling rifles.", "smuggling", False),
    # refuted reports: a denied, rejected, dismissed or refuted report/claim/allegation
    ("The ministry denied reports that its troops had crossed the border.", "crossed", False),
    ("Beijing rejected claims that its ships rammed a Philippine vessel.", "rammed", False),
    ("The army dismissed allegations that soldiers had looted the town.", "looted", False),
    ("Ghana rejected Togo's claim that its soldiers crossed the border.", "crossed", False),
    ("The government refuted reports that it had arrested the opposition leader.", "arrested",
     False),
    ("State media carried false reports that rebels had seized the airport.", "seized", False),
    # negated subjects
    ("Not a single state has sent aid to the region.", "sent", False),
    ("Neither side fired a shot.", "fired", False),
    # protases, questions and purposes
    ("What would happen if Israel struck Iran?", "struck", False),
    ("Will China invade Taiwan?", "invade", False),
    ("The navy sent two frigates to the strait to deter Iranian boats.", "deter", False),
    # a present tense with a future time is scheduled ("when X visits Y next week")
    ("Protests are planned for when the king visits Lagos next week.", "visits", False),
    ("The minister is meeting rebel leaders tomorrow.", "meeting", False),
    # a coordination kept negated past a later "but" clause
    ("The donors were neither thanked nor paid at the time, but the charity promised a "
     "review.", "paid", False),
    # look-alikes that stay factual
    ("The minister meets rebel leaders every week.", "meets", True),
    # the future time belongs to the plan's content, not to the planning
    ("Chad plans to withdraw its soldiers from Mali from early next year.", "plans", True),
    ("The envoy who arrives next week met the rebels yesterday.", "met", True),
    ("Police arrested four men suspected of plotting attacks.", "arrested", True),
    ("The army denied the reports.", "denied", True),  # the denial itself happened
    ("Serbian police arrested a man who plotted to kill the prime minister.", "arrested", True),
    ("The report that troops had fired on protesters was confirmed.", "fired", True),
    ("The ministry repeated reports that its troops had crossed the border.", "crossed", True),
    ("Iran insists it only targeted militants, not Pakistani citizens.", "targeted", True),
    ("Officials suspect the militia, and the army has arrested its leader.", "arrested", True),
]


@pytest.mark.parametrize("text,trigger,factual", CASES,
                         ids=[f"{c[1]}-{n}" for n, c in enumerate(CASES)])
def test_plot_suspicion_refutation(nlp, text, trigger, factual):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    modality, info = classify(tok)
    assert (modality == Modality.ASSERTED) == factual, (text, modality, info)


def _event(doc, trigger: str, cameo: str) -> Event:
    trig = next(t.i for t in doc if t.text == trigger)
    return Event(event_id="e", doc_id="d", sentence_index=0, sentence=doc.text,
                 source=Actor("SDN", "SDN"), target=Actor("USA", "USA"), cameo=cameo,
                 root=cameo[:2], quad_class=4, goldstein=0.0, trigger=trig)


@pytest.mark.parametrize("text,trigger,cameo", [
    # a conditional threat that was made is a factual threat (13x) ...
    ("Sudan threatened to expel the envoy if the sanctions were imposed.", "expel", "138"),
    ("Sudan said it would expel the envoy unless the sanctions were lifted.", "expel", "138"),
    # ... and so is a conditional offer (03x)
    ("Qatar said it would mediate between the two sides if both agreed to a truce.",
     "mediate", "036"),
])
def test_a_conditional_threat_or_offer_that_was_made_is_factual(nlp, text, trigger, cameo):
    doc = nlp(text)
    ev = _event(doc, trigger, cameo)
    assign_modality([ev], doc)
    assert ev.modality == Modality.ASSERTED, ev.evidence["modality"]
    assert ev.evidence["modality"]["rule"] == "intent-statement"


@pytest.mark.parametrize("text,trigger", [
    # the conditional content itself, coded as the act, is not factual
    ("Sudan said it would expel the envoy unless the sanctions were lifted.", "expel"),
    ("Sudan threatened to expel the envoy if the sanctions were imposed.", "imposed"),
])
def test_the_conditional_content_is_not_factual(nlp, text, trigger):
    doc = nlp(text)
    ev = _event(doc, trigger, "164")
    assign_modality([ev], doc)
    assert ev.modality != Modality.ASSERTED, ev.evidence["modality"]
