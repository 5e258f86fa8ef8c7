"""Event modality: is a coded event asserted, negated, hypothetical, conditional or future?

The decision is made from the event's *trigger* token (the verb or event noun the
coder matched, ``Event.trigger``) by walking up its governing chain in
the dependency parse (``chain.classify``):

1. cues on the node itself: negators (``not``, ``never``, ``no`` on a noun or on
   the clause's subject/object), modal and future auxiliaries, conditional marks
   (``if``/``unless``, subject-auxiliary inversion ``Should Iran strike ...``),
   a conditional clause attached to it (the consequent ``Pakistan will respond``),
   ``whether``, modal adverbs and adjectives (``possibly``, ``planned visit``);
2. the governor it climbs to: ``refused to X``, ``failure to X``, ``refrained
   from X``, ``threatened to X``, ``plans to X``, ``an invitation to X``, ``called
   for X``, ``said (that) X`` (reported speech: asserted, with its speaker) ...

The nearest cue wins, so ``denied launching strikes`` makes the strikes negated
while the denial (its own trigger) stays asserted.  Event nouns climb only through
light verbs (``launched strikes``) or when indefinite; a definite noun (``condemned
the strikes``) is presupposed and keeps its own modality.  A clause ending in
``?`` that reaches the sentence root is hypothetical.

The cue words live in ``dyadwatch/data/modality/`` (``tables.lexicon``); the method and
its measured quality are in ``docs/eval/modality.md``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Event, Modality
from .chain import classify
from .tables import Lexicon, lexicon

__all__ = ["assign_modality", "classify", "lexicon", "Lexicon", "HEDGE_PENALTY",
           "INTENT_ROOTS"]

#: how much a hedged assertion ("reportedly", "accused ... of") lowers confidence
HEDGE_PENALTY = 0.1
#: CAMEO roots whose events are statements of intent or threats (03x, 13x): when the
#: trigger is the intended action ("will retaliate", "threatened to strike"), the
#: event is the statement, which the text asserts
INTENT_ROOTS = frozenset({"03", "13"})
_INTENT_MODALITIES = (Modality.FUTURE, Modality.CONDITIONAL)
#: reporting verbs whose content is only claimed (asserted, but hedged)
_CLAIM_VERBS = {"claim", "allege", "accuse"}


def _trigger_token(ev: Event, doc: Doc) -> Token | None:
    """The doc token named by ``ev.trigger``."""
    idx = ev.trigger
    if isinstance(idx, int) and not isinstance(idx, bool) and 0 <= idx < len(doc):
        return doc[idx]
    return None


def _is_intent_statement(ev: Event, modality: Modality, info: dict) -> bool:
    if modality not in _INTENT_MODALITIES or str(ev.root) not in INTENT_ROOTS:
        return False
    if info["rule"] in ("future-auxiliary", "conditional-consequent", "scheduled-present"):
        return True
    return info["rule"] == "governor-comp" and info.get("cue_lemma") in lexicon().intent


def assign_modality(events: list[Event], doc: Doc) -> None:
    """Set ``modality`` and ``evidence['modality']`` on each event (in place).

    ``evidence['modality']`` holds ``cue``, ``cue_lemma``, ``rule``, ``speaker``,
    ``hedge`` and the walked ``path``.  An event whose trigger cannot be found in
    ``doc`` keeps ASSERTED with rule ``no-trigger``.  Hedged assertions
    ("reportedly", "accused X of") lose ``HEDGE_PENALTY`` confidence.
    """
    for ev in events:
        tok = _trigger_token(ev, doc)
        if tok is None:
            ev.modality = Modality.ASSERTED
            ev.evidence["modality"] = {"cue": None, "cue_lemma": None, "rule": "no-trigger",
                                       "speaker": None, "hedge": [], "path": []}
            continue
        modality, info = classify(tok)
        if _is_intent_statement(ev, modality, info):
            # "Iran will retaliate if ..." coded as a threat (13x), "Pakistan said it
            # would help" coded as intent (03x): the statement is what happened
            info = {**info, "rule": "intent-statement", "intended": modality.value}
            modality = Modality.ASSERTED
        ev.modality = modality
        ev.evidence["modality"] = info
        claimed = info["rule"] == "reported-speech" and info.get("cue_lemma") in _CLAIM_VERBS
        if modality == Modality.ASSERTED and (info["hedge"] or claimed):
            ev.confidence = max(0.0, ev.confidence - HEDGE_PENALTY)
