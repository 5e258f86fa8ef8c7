"""The modality stage inside the real pipeline (whatever the coder emits)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.model import Document, Modality

TEXT = ("Pakistan did not recall its ambassador from Tehran on Friday. "
        "Iran could strike militant camps inside Pakistan again, officials warned. "
        "Pakistan expelled the Iranian envoy on Thursday.")


def test_every_event_gets_modality_evidence(pipeline) -> None:
    doc = Document(doc_id="mod-1", body=TEXT, published=date(2024, 1, 20))
    events = pipeline.process(doc).events
    if not events:
        pytest.skip("the coder emitted no event for this text")
    for ev in events:
        info = ev.evidence["modality"]
        assert {"cue", "rule", "speaker", "hedge"} <= set(info)
        assert ev.factual == (ev.modality == Modality.ASSERTED)
    # events triggered by the negated / modal verbs are never factual; the warning
    # itself (if coded) and the expulsion are
    by_trigger = {ev.evidence["modality"]["path"][0].split("/")[0]: ev for ev in events}
    for word, factual in (("recall", False), ("strike", False), ("expelled", True),
                          ("warned", True)):
        if word in by_trigger:
            assert by_trigger[word].factual == factual, by_trigger[word].evidence["modality"]
    as_json = [e.to_dict(explain=True) for e in events]
    assert all("modality" in d["evidence"] for d in as_json)
