"""The scoring function of bench/news_events_gold.py on tiny synthetic gold/system lists.

No pipeline and no ../shared needed: these check the SCORING RULE itself (key matching,
one-to-one pairing, null targets, date null=null, leakage, negatives, page scope).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench_loader import load_bench

neg = load_bench("news_events_gold")
Ev = neg.Ev


def g(doc: str, src: str, tgt: str | None, cameo: str, **kw) -> Ev:
    return Ev(doc=doc, source=src, target=tgt, cameo=cameo, **kw)


s = g  # system events are built the same way


@pytest.mark.parametrize("gold_ev,sys_ev,matches", [
    # roles and the CAMEO sub-code are ignored by the key: country + country + root
    (g("d", "PAKMIL", "IRNGOV", "190"), s("d", "PAKGOV", "IRN", "195"), True),
    # a different root does not match
    (g("d", "PAKMIL", "IRNGOV", "190"), s("d", "PAKMIL", "IRNGOV", "180"), False),
    # source and target swapped is a different key
    (g("d", "PAKMIL", "IRNGOV", "190"), s("d", "IRNGOV", "PAKMIL", "190"), False),
    # null target matches a null target
    (g("d", "USAGOV", None, "010"), s("d", "USAGOV", None, "013"), True),
    # null gold target does not match a system target
    (g("d", "USAGOV", None, "010"), s("d", "USAGOV", "IRNGOV", "010"), False),
    # a system null target does not match a gold target
    (g("d", "USAGOV", "IRNGOV", "010"), s("d", "USAGOV", None, "010"), False),
    # international actors: the first three characters (IGO) are the "country"
    (g("d", "IGOUNO", "PAKGOV", "020"), s("d", "IGOEUREEC", "PAK", "0256"), True),
    # unknown-country system codes ("---") never match an ISO3 gold actor
    (g("d", "IRQUAF", "USAMIL", "190"), s("d", "---UAF", "USAMIL", "190"), False),
    # an event of another document is not matched
    (g("d", "PAKMIL", "IRNGOV", "190"), s("e", "PAKMIL", "IRNGOV", "190"), False),
])
def test_key_matching(gold_ev, sys_ev, matches):
    r = neg.score([gold_ev], [sys_ev], ["d", "e"])
    assert r["key"]["tp"] == (1 if matches else 0)


def test_one_to_one_extra_system_event_is_a_false_positive():
    gold = [g("d", "INDMIL", "PAKREB", "195")]
    system = [s("d", "INDMIL", "PAK", "195"), s("d", "INDGOV", "PAKMIL", "190")]
    k = neg.score(gold, system, ["d"])["key"]
    assert (k["tp"], k["system"], k["gold"]) == (1, 2, 1)
    assert k["precision"] == 0.5 and k["recall"] == 1.0
    assert k["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_one_to_one_two_gold_lines_one_system_event():
    gold = [g("d", "INDGOV", "PAKGOV", "161"), g("d", "INDGOV", "PAKGOV", "163")]
    k = neg.score(gold, [s("d", "INDGOV", "PAKGOV", "163")], ["d"])["key"]
    assert (k["tp"], k["precision"], k["recall"]) == (1, 1.0, 0.5)


def test_pairing_prefers_exact_codes_within_a_key():
    gold = [g("d", "PAKMIL", "IRN", "190"), g("d", "PAKMIL", "IRN", "195")]
    system = [s("d", "PAKMIL", "IRN", "195"), s("d", "PAKMIL", "IRN", "190")]
    m = neg.score(gold, system, ["d"])["matched"]
    assert m["cameo_exact"] == {"correct": 2, "of": 2, "accuracy": 1.0}


def test_matched_pair_accuracies():
    gold = [g("d", "PAKMIL", "IRNGOV", "190", date="2024-01-18", country="IRN"),
            g("d", "PAKGOV", "IRNGOV", "161", date=None, country=None)]
    system = [s("d", "PAKMIL", "IRN", "195", date="2024-01-16", country="IRN"),
              s("d", "PAKGOV", "IRNGOV", "161", date=None, country="PAK")]
    m = neg.score(gold, system, ["d"])["matched"]
    assert m["cameo_exact"]["correct"] == 1  # 161 only
    assert m["actor_codes_exact"]["correct"] == 1  # IRN != IRNGOV in the first pair
    assert m["date"]["correct"] == 1  # null = null counts, 18 != 16 does not
    assert m["location_country"]["correct"] == 1  # IRN = IRN; null != PAK


@pytest.mark.parametrize("d,precision,expected", [
    (date(2024, 1, 16), "day", "2024-01-16"),
    (date(2004, 9, 1), "month", "2004-09"),
    (date(2002, 1, 1), "year", "2002"),
    # the publication date standing in for a missing event date counts as null
    (date(2024, 1, 18), "article", None),
    (None, "day", None),
    (date(2024, 1, 18), None, None),
])
def test_system_date_formatting(d, precision, expected):
    assert neg.system_date(d, precision) == expected


def test_article_precision_date_matches_null_gold_date():
    from dyadwatch.model import Actor, Event

    ev = Event(event_id="x", doc_id="d", sentence_index=0, sentence="Tehran warned Washington.",
               source=Actor("IRNGOV", "IRN", "GOV"), target=Actor("USAGOV", "USA", "GOV"),
               cameo="130", root="13", quad_class=3, goldstein=-4.4,
               date=date(2020, 1, 4), date_precision="article")
    sys_ev = neg.system_from_event("d", ev)
    assert sys_ev.date is None and sys_ev.country is None and sys_ev.factual
    m = neg.score([g("d", "IRNGOV", "USAGOV", "138", date=None)], [sys_ev], ["d"])["matched"]
    assert m["date"] == {"correct": 1, "of": 1, "accuracy": 1.0}
    assert m["actor_codes_exact"]["correct"] == 1 and m["cameo_exact"]["correct"] == 0


def test_factuality_leakage():
    gold = [g("d", "PAKGOV", "INDMIL", "0841", factual=False)]
    leaked = neg.score(gold, [s("d", "PAKGOV", "INDMIL", "0841", factual=True)], ["d"])
    assert leaked["factuality"]["leaked_as_factual"] == 1
    kept = neg.score(gold, [s("d", "PAKGOV", "INDMIL", "0841", factual=False)], ["d"])
    assert kept["factuality"]["matched"] == 1 and kept["factuality"]["leaked_as_factual"] == 0


def test_pairing_prefers_factual_agreement():
    # the factual system event pairs with the factual gold line, not the non-factual one
    gold = [g("d", "USAGOV", "IRNGOV", "163", factual=False), g("d", "USAGOV", "IRNGOV", "160")]
    r = neg.score(gold, [s("d", "USAGOV", "IRNGOV", "163", factual=True)], ["d"])
    assert r["key"]["tp"] == 1 and r["factuality"]["leaked_as_factual"] == 0


def test_negative_documents_and_document_filter():
    gold = [g("a", "IRNMIL", "PAK", "195")]
    system = [s("a", "IRNMIL", "PAK", "195"), s("n", "USAGOV", None, "010"),
              s("n", "USAGOV", "IRQGOV", "042"), s("other", "RUSGOV", None, "010")]
    r = neg.score(gold, system, ["a", "n", "empty"])
    assert r["negatives"] == {"documents": 2, "with_system_events": 1, "system_events": 2}
    assert r["key"]["system"] == 3  # the event of "other" is outside the scored documents


def test_lenient_quadclass_key_and_note_alternatives():
    gold = [g("d", "IRQUAF", "USAMIL", "190", note="rockets; alt 194"),
            g("d", "ISRMIL", "PSEREB", "193", note="alt 1941 only")]
    system = [s("d", "IRQUAF", "USAMIL", "194"), s("d", "ISRMIL", "PSEREB", "194"),
              s("d", "FRAGOV", "DEUGOV", "183")]
    r = neg.score(gold, system, ["d"])
    m = r["matched"]
    assert m["cameo_exact"]["correct"] == 0
    assert m["cameo_exact_or_note_alternative"]["correct"] == 1  # "1941" does not list 194
    # root 19 vs root 18 differ on the key but share QuadClass 4
    r2 = neg.score([g("d", "IRQUAF", "USAMIL", "190")], [s("d", "IRQUAF", "USAMIL", "183")], ["d"])
    assert r2["key"]["tp"] == 0 and r2["lenient_quadclass_key"]["tp"] == 1


@pytest.mark.parametrize("sentence,inside", [
    # same sentence, different whitespace and a space before the comma
    ("Tehran summoned  Pakistan's envoy , officials said on Thursday.", True),
    # sentence from a later paragraph
    ("Oil prices rose sharply in early trading in London and New York.", False),
    # short fragment that occurs in the scope
    ("Officials said", True),
])
def test_in_scope(sentence, inside):
    scope = ("Pakistan struck targets inside Iran before dawn.\n"
             "Tehran summoned Pakistan's envoy, officials said on Thursday.")
    assert neg.in_scope(sentence, scope) is inside


def test_mediacloud_scope_keeps_long_paragraphs_only():
    page = ("<html><body><p>Short line.</p>"
            "<p>The first long paragraph of this page talks about border talks , in detail.</p>"
            "<p>The second long paragraph describes a visit by the foreign minister &amp; aides.</p>"
            "<p>The third long paragraph would be outside a two-paragraph scope entirely.</p>"
            "</body></html>")
    scope = neg.mediacloud_scope(page, 2)
    assert scope.splitlines() == [
        "The first long paragraph of this page talks about border talks, in detail.",
        "The second long paragraph describes a visit by the foreign minister & aides."]


def test_skips_cleanly_without_the_benchmark(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(neg, "ROOT", tmp_path / "project")
    monkeypatch.delenv("DYADWATCH_SHARED", raising=False)
    assert neg.main(["--shared", str(tmp_path / "nowhere")]) == 0
    assert "skipped" in capsys.readouterr().out


_codes = st.sampled_from(["PAKMIL", "PAKGOV", "IRNGOV", "IRN", "USAGOV", "IGOUNO"])
_events = st.lists(st.builds(Ev, doc=st.sampled_from(["a", "b"]), source=_codes,
                             target=st.one_of(st.none(), _codes),
                             cameo=st.sampled_from(["010", "042", "111", "161", "190", "195"])),
                   max_size=8)


@settings(max_examples=60, deadline=None)
@given(gold=_events, system=_events)
def test_matching_is_maximal_one_to_one(gold, system):
    from collections import Counter

    r = neg.score(gold, system, ["a", "b"])["key"]
    gk = Counter((e.doc, e.key) for e in gold)
    sk = Counter((e.doc, e.key) for e in system)
    assert r["tp"] == sum(min(n, sk[k]) for k, n in gk.items())
    assert 0.0 <= r["precision"] <= 1.0 and 0.0 <= r["recall"] <= 1.0
    # swapping the roles of gold and system swaps precision and recall
    swapped = neg.score(system, gold, ["a", "b"])["key"]
    assert (swapped["precision"], swapped["recall"]) == (r["recall"], r["precision"])


def test_diagnose_lists_unmatched_lines_only():
    gold = [g("d", "PAKMIL", "IRN", "190"), g("d", "PAKGOV", "IRNGOV", "161", factual=False)]
    system = [s("d", "PAKMIL", "IRNGOV", "195", sentence="Pakistan struck Iran."),
              s("d", "CHNGOV", None, "020", sentence="China urged restraint.")]
    (d,) = neg.diagnose(gold, system, ["d", "clean"])
    assert d["doc"] == "d"
    assert d["missed_gold"] == ["PAKGOV>IRNGOV 161 (nf)"]
    assert d["spurious_system"] == ["CHNGOV>- 020 | China urged restraint."]
