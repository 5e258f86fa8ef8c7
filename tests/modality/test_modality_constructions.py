"""Constructions that make an event not asserted (issue 12), on sentences written for
these tests: conditional protases, negated coordinations, purpose and plot clauses,
discredited content, questions -- and the look-alikes that stay asserted."""

from __future__ import annotations

import pytest

from dyadwatch.modality import classify

CASES = [
    # conditional protasis, also through an adjective ("felt free to")
    ("If Iran felt free to strike Pakistani territory once, other neighbours may conclude "
     "that the border is open.", "strike", "conditional"),
    ("Unless the rebels withdraw, the army will storm the town.", "withdraw", "conditional"),
    ("The opposition will hold rallies unless the government resigns.", "resigns", "conditional"),
    # negated subjects and coordinations
    ("Neither the police nor the army fired on the protesters.", "fired", "negated"),
    ("Not the army nor any of the militias allied with it are blocking the convoys.",
     "blocking", "negated"),
    ("The suspects were neither named nor charged at this point.", "charged", "negated"),
    ("The suspects were neither named nor charged at this point.", "named", "negated"),
    ("No country has recognised the breakaway region.", "recognised", "negated"),
    # purpose and plot clauses
    ("The men plotted to bomb the embassy in Nairobi.", "bomb", "hypothetical"),
    ("The navy deployed two frigates in order to deter the smugglers.", "deter", "hypothetical"),
    ("The talks between the three powers to impose sanctions on the regime lasted a week.",
     "impose", "hypothetical"),
    ("Police arrested four men accused of planning to attack the parliament.", "attack", "future"),
    # discredited content
    ("He repeated the false claim that the minister had bribed the judges.", "bribed", "negated"),
    # questions
    ("Did the army shell the village on Monday?", "shell", "hypothetical"),
    # round 2: purpose infinitives without "in order", counterfactual modals, expectations
    ("The army moved two brigades to the river to encircle the rebel town.", "encircle",
     "hypothetical"),
    ("The rebels shelled the airport so as to draw troops away from the capital.", "draw",
     "hypothetical"),
    ("The government could have chosen to expel the envoy; it did not.", "expel",
     "hypothetical"),
    ("Few diplomats expected the two navies to exchange fire in the strait.", "exchange",
     "future"),
    ("Nobody expected the junta to close the border so soon.", "close", "future"),
    ("None of the protesters attacked the police.", "attacked", "negated"),
    # round 5: an obligation in the present or under a modal is not the act
    ("We have to ban these militias from the capital, the minister told reporters.", "ban",
     "hypothetical"),
    ("The government has to release the detained journalists, the court ruled.", "release",
     "hypothetical"),
    ("The occupying forces will have to withdraw from the valley.", "withdraw", "hypothetical"),
    # look-alikes that stay asserted
    ("The troops had to withdraw from the valley after the ceasefire collapsed.", "withdraw",
     "asserted"),
    # what an act protests or answers happened, even when the parser hangs it on a negation
    ("The minister said the envoy should not return to his post, in protest at a rocket "
     "attack on the capital.", "attack", "asserted"),
    ("The army did not hesitate, in retaliation for a rebel ambush on a convoy.", "ambush",
     "asserted"),
    ("The striker went on to score twice in the second half.", "score", "asserted"),
    # a protest enacts what it is held for
    ("Hundreds of nurses rallied outside the ministry to demand higher wages.", "demand",
     "asserted"),
    ("Farmers marched through the capital on Friday to denounce the new tax.", "denounce",
     "asserted"),
    ("The army used drones and artillery when it stormed the town.", "stormed", "asserted"),
    ("The ministry said they'd killed a rebel commander a day after killing his deputy.",
     "killed", "asserted"),
    ("They repeated reports that the minister had bribed the judges.", "bribed", "asserted"),
    ("The police and the army fired on the protesters.", "fired", "asserted"),
]


@pytest.mark.parametrize("text,trigger,expected", CASES, ids=[f"{c[1]}-{n}" for n, c in enumerate(CASES)])
def test_construction(nlp, text, trigger, expected):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    modality, info = classify(tok)
    assert modality.value == expected, (text, info)
