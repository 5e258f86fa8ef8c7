"""The shipped actor data: it loads, validates, is small and fast; tagging invariants."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch._resources import read_text
from dyadwatch.actors import ActorDictionary
from dyadwatch.actors.dictionary import ACTOR_FILES, AGENT_FILES, _default_tables
from dyadwatch.actors.entries import ENTRY_KINDS, read_actor_tsv, read_agent_tsv

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


def _code_parts() -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for line in read_text("actors", "codes.tsv").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, code, _label = line.split("\t")
        parts.setdefault(kind, set()).add(code)
    return parts


def test_codes_table_has_the_main_parts() -> None:
    parts = _code_parts()
    assert {"PAK", "IRN", "IND", "AFG", "USA", "PSE"} <= parts["country"]
    assert {"IGO", "NGO", "IMG"} <= parts["intl"]
    assert {"GOV", "MIL", "REB", "INS", "COP", "OPP", "LEG", "SPY", "ELI"} <= parts["role"]


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_every_actor_code_is_valid(name: str) -> None:
    parts = _code_parts()
    rows = read_actor_tsv(read_text("actors", name), name)
    assert len(rows) > (100 if name.startswith("curated") else 10000)
    bad = []
    for phrases, entry in rows:
        assert entry.kind in ENTRY_KINDS
        assert all(p.strip() for p in phrases), phrases
        for c in entry.codes:  # parses every date range too
            head, role = c.code[:3], c.code[3:6]
            ok = CODE.match(c.code) and (
                head in parts["intl"] or (head in parts["country"] and (
                    not role or role in parts["role"] or role in parts["country"])))
            if not ok:
                bad.append((phrases[0], c.code))
            if c.start and c.end:
                assert c.start <= c.end, (phrases[0], c)
    assert not bad, bad[:20]


@pytest.mark.parametrize("name", AGENT_FILES)
def test_every_agent_code_is_valid(name: str) -> None:
    roles = _code_parts()["role"] | _code_parts()["intl"]
    for phrases, code in read_agent_tsv(read_text("actors", name), name):
        body = code.replace("~", "")
        assert code.count("~") == 1 and CODE.match(body), (phrases, code)
        assert body[:3] in roles, (phrases[0], code)


def test_data_is_reasonably_small() -> None:
    from dyadwatch._resources import data_path

    total = sum(p.stat().st_size for p in data_path("actors").iterdir())  # type: ignore[attr-defined]
    assert total < 3_000_000


def test_default_is_parsed_once_per_process() -> None:
    # load time and tagging speed are measured by bench/coding_speed.py and
    # bench/throughput.py (ratios in the same process), not by timed tests
    _default_tables.cache_clear()
    d = ActorDictionary.default()
    assert len(d) > 30000 and d.n_agents > 4000
    ActorDictionary.default()
    info = _default_tables.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_tagging_a_long_article_twice_gives_the_same_mentions(nlp) -> None:
    d = ActorDictionary.default()
    para = ("Iran launched missile strikes on militants in Pakistan's Balochistan province. "
            "Islamabad recalled its ambassador and the Pakistani foreign minister called his Iranian "
            "counterpart. Both sides later agreed to talk, the UN said. ")
    doc = nlp(para * 13)  # 39 sentences
    first = [(m.start, m.end, m.actor.code) for m in d.tag(doc, date(2024, 1, 18))]
    again = [(m.start, m.end, m.actor.code) for m in d.tag(doc, date(2024, 1, 18))]
    assert first == again
    assert {"IRN", "PAK"} <= {code[:3] for _, _, code in first}


def test_lookup_and_entity_patterns() -> None:
    d = ActorDictionary.default()
    assert d.lookup("Tehran") == "IRNGOV"
    assert d.lookup("the Taliban", date(2022, 1, 1)) == "AFGGOV"
    assert d.lookup("no such actor") is None
    pats = d.entity_patterns()
    labels = {p["label"] for p in pats}
    assert labels <= {"ORG", "PERSON"}
    assert any(p["pattern"] == "Jaish al-Adl" and p["label"] == "ORG" for p in pats)


WORDS = ["Iran", "Pakistan", "Islamabad", "Tehran", "the", "foreign", "minister", "its", "it",
         "both", "sides", "and", "said", "Pakistani", "Iranian", "forces", "of", "'s", "army",
         "TTP", "Jaish", "al-Adl", "UN", "country", "two", "neighbours", "counterpart", ",", "."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_mentions_are_sorted_and_never_partially_overlap(nlp, words: list[str]) -> None:
    doc = nlp(" ".join(words))
    ms = ActorDictionary.default().tag(doc, date(2024, 1, 18))
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for m in ms:
        assert 0 <= m.start < m.end <= len(doc)
        assert m.actor.span == (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
        assert m.kind in {"country", "capital", "demonym", "group", "igo", "person", "office",
                          "agent", "coref", "compound"}
    spans = sorted({(m.start, m.end) for m in ms})
    for (a, b), (c, e) in zip(spans, spans[1:]):
        assert b <= c, f"partial overlap {(a, b)} {(c, e)} in {doc.text!r}"
