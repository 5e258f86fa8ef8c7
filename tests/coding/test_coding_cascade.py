"""The coder's cascade of named steps (coding/cascade.py): order, explanation, and that each
step can be taken out and tested alone."""

from __future__ import annotations

from dyadwatch.coding import Coder
from dyadwatch.coding.cascade import CODE_STEPS, ROLE_STEPS


def _keys(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_steps_are_listed_in_order_with_names() -> None:
    names = [n for n, _ in ROLE_STEPS + CODE_STEPS]
    assert names == ["received event", "subject of a noun's infinitive", "subject of the reporting verb", "statement addressee", "appeal addressee", "fronted clause", "phrase slots", "first actor after the verb", "stranded agent", "unattributed blast",
                     "place attacked", "implied authority", "implied attacker", "holder releases",
                     "author of the object", "agent of an earlier event", "agent of the object event", "agent of the act it is about", "reply to an accusation",
                     "organisation source", "protest addressee", "measure addressee",
                     "threat counterpart",
                     "obligation clause", "argument types", "intent", "bombing"]
    assert all(callable(f) and f.__doc__ for _, f in ROLE_STEPS + CODE_STEPS)


def test_the_coder_runs_the_listed_steps(env, coder) -> None:
    assert coder.steps == ROLE_STEPS + CODE_STEPS


def test_a_step_that_fired_is_named_in_the_evidence(env, coder) -> None:
    (ev,) = [e for e in coder.code_text(env.nlp, "Two Chilean students were arrested in Lima.")
             if e.root == "17"]
    assert ev.source.code.startswith("PER") and ev.evidence["steps"] == ["implied authority"]
    (ev,) = coder.code_text(env.nlp, "Kenya will release the detained Ugandan fishermen.")
    assert ev.cameo == "0353" and ev.evidence["steps"] == ["intent"]
    assert ev.evidence["intent_of"].startswith("084")


def test_a_plain_event_names_no_step(env, coder) -> None:
    (ev,) = coder.code_text(env.nlp, "Egypt condemned Israel.")
    assert "steps" not in ev.evidence


def test_taking_a_step_out_changes_only_its_construction(env) -> None:
    full = Coder(env.actors)
    lean = Coder(env.actors)
    lean.steps = tuple(s for s in lean.steps if s[0] != "implied authority")
    arrest = "Two Chilean students were arrested in Lima."
    assert any(e.root == "17" for e in full.code_text(env.nlp, arrest))
    assert not any(e.root == "17" for e in lean.code_text(env.nlp, arrest))
    other = "Turkish jets bombed Kurdish rebel positions in northern Iraq."
    assert _keys(full.code_text(env.nlp, other)) == _keys(lean.code_text(env.nlp, other))
