"""Arguments in the clauses describing a trigger's own argument (``coding/clauses.py``):
a reaction aimed at whoever did the thing reacted to, a passive release by the holder.
Our own sentences."""

from __future__ import annotations

from functools import partial

import pytest

from dyadwatch.ingest import document_from_text
from keys_kit import event_keys


_keys = partial(event_keys, root=True)


@pytest.mark.parametrize("text,key", [
    # the agent of a participle describing the object
    ("Iran denounced the sanctions imposed by the United States on its oil sector.",
     ("IRN", "USA", "11")),
    ("Japan praised the plan put forward by South Korea.", ("JPN", "KOR", "05")),
    # the agent of a passive relative clause describing the object
    ("Chile rejected the proposal which was drafted by Peru.", ("CHL", "PER", "12")),
    # the subject of an active relative clause whose object the noun is
    ("Egypt criticized the decision that Israel announced on Sunday.", ("EGY", "ISR", "11")),
    # a participle the parse takes for a clausal complement
    ("Ghana welcomed the ceasefire agreed by Mali and Niger.", ("GHA", "NER", "05")),
])
def test_reaction_aimed_at_the_author(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text)


def test_the_reacting_side_is_not_its_own_target(pipeline) -> None:
    # the clause names the source itself: no target from it
    keys = _keys(pipeline, "Egypt criticized the measures taken by Egypt's own courts.")
    assert not any(s == "EGY" and t == "EGY" for s, t, _ in keys), keys


def test_a_clause_naming_a_victim_is_no_author(pipeline) -> None:
    # "that killed three people" names victims, not the doer of the attack
    keys = _keys(pipeline, "Russia condemned the attack that killed three Syrian soldiers.")
    assert not any(s == "RUS" and t == "SYR" for s, t, _ in keys), keys


def test_a_passive_release_is_the_holders_act(pipeline) -> None:
    keys = _keys(pipeline, "The Kenyan sailors who were held by Somali pirates were freed "
                           "on Monday.")
    assert any(s == "SOM" and r == "08" for s, _, r in keys), keys


@pytest.mark.parametrize("text,key", [
    # the possessor of the noun the infinitive describes
    ("Sudan reversed its decision to expel Oxfam.", ("SDN", "174")),
    # the subject of the verb whose object the noun is
    ("Kenya announced a plan to deport two hundred Somali refugees.", ("KEN", "174")),
])
def test_a_nouns_infinitive_has_the_nouns_owner_as_subject(pipeline, text, key) -> None:
    res = pipeline.process(document_from_text(text))
    evs = [e for e in res.events if (e.source.country, e.cameo) == key]
    assert evs, [(e.source.code, e.cameo) for e in res.events]
    # an intended act: a candidate the modality stage keeps out of the factual output
    assert not any(e.factual for e in evs)


@pytest.mark.parametrize("text,key", [
    # the parse hangs "urged" on "amounted": the reporting verb's subject urged
    ("Canada declared on Monday that the famine in Yemen amounted to a disaster and accused "
     "Iran of blocking aid.", ("CAN", "IRN", "11")),
    ("Kenya said that the talks had failed and accused Somalia of bad faith.",
     ("KEN", "SOM", "11")),
])
def test_a_verb_coordinated_into_a_reported_clause(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text)


def test_an_actor_subject_of_the_reported_clause_keeps_its_verbs(pipeline) -> None:
    # "Somali protesters gathered ... and attacked": the protesters attacked, not Kenya
    keys = _keys(pipeline, "Kenya said that Somali protesters gathered outside the embassy "
                           "and attacked the Kenyan guards.")
    assert not any(s == "KEN" and r == "19" for s, _, r in keys), keys


def test_an_appeal_to_the_world_has_no_target(pipeline) -> None:
    keys = _keys(pipeline, "Egypt urged the international community to punish Israel.")
    assert ("EGY", None, "02") in keys, keys
    # an actor addressee stays the target
    assert ("EGY", "ISR", "02") in _keys(pipeline, "Egypt urged Israel to lift the blockade.")
