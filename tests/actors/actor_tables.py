"""The check behind every actor phrase table (imported by the table tests)."""

from __future__ import annotations

from datetime import date

from dyadwatch.actors import ActorDictionary, Mention


def pairs(ms: list[Mention]) -> set[tuple[str, str]]:
    return {(m.actor.name or "", m.actor.code) for m in ms}


def check_table_case(nlp, actors: ActorDictionary, text: str, when: date | None,
                     expected: list[tuple[str, str]], absent: list[str]) -> list[Mention]:
    """Tag ``text``; every expected (surface, code) must be there, no ``absent`` code."""
    ms = actors.tag(nlp(text), when=when)
    got = pairs(ms)
    for surface, code in expected:
        assert (surface, code) in got, f"{text!r}: want {surface!r}={code}, got {sorted(got)}"
    codes = {m.actor.code for m in ms}
    for code in absent:
        assert code not in codes, f"{text!r}: {code} must not be tagged, got {sorted(got)}"
    return ms
