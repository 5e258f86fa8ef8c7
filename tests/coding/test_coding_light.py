"""Light verbs of receiving (``coding/light.py``): the subject receives the act the event
noun names; the giver is the source.  Our own sentences."""

from __future__ import annotations

from functools import partial

import pytest
from keys_kit import event_keys



_keys = partial(event_keys, root=True)


@pytest.mark.parametrize("text,key", [
    # the giver in a "from" phrase of the verb
    ("The Israeli army drew sharp criticism from Egypt on Monday.", ("EGY", "ISR", "11")),
    # the giver as the noun's own modifier
    ("Ghana faced fierce Nigerian criticism over the border closure.", ("NGA", "GHA", "11")),
    # "by" giver
    ("The Egyptian government faced protests by thousands of workers.", ("EGY", "EGY", "14")),
    # "under" attack
    ("Kenyan troops came under attack from Somali militants near the border.",
     ("SOM", "KEN", "19")),
    # a request received
    ("Kenya received a request from Uganda for military help.", ("UGA", "KEN", "02")),
])
def test_the_receiver_is_the_target(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert key in keys, keys


@pytest.mark.parametrize("text,wrong", [
    # never the receiver as the one acting
    ("The Israeli army drew sharp criticism from Egypt on Monday.", ("ISR", "EGY")),
    ("Kenyan troops came under attack from Somali militants near the border.", ("KEN", "SOM")),
    ("Kenya received a request from Uganda for military help.", ("KEN", "UGA")),
])
def test_the_receiver_does_not_act(pipeline, text, wrong) -> None:
    assert not any((s, t) == wrong for s, t, _ in _keys(pipeline, text)), _keys(pipeline, text)


def test_no_giver_no_event(pipeline) -> None:
    # the convoy was attacked, by nobody named: the convoy did not attack
    keys = _keys(pipeline, "A Malian army convoy came under attack near Gao.")
    assert not any(s == "MLI" and r == "19" for s, _, r in keys), keys
