"""Why a sentence gave no event: the notes behind ``extract --explain``'s ``no_event`` list.

For every sentence that names two or more distinct actors, the coder records what it
tried (``SentenceNotes``): the patterns that matched and what each lacked, or, when none
matched, the sentence's verbs.  ``no_event_list`` turns the notes of sentences without a
factual event into ``NoEvent`` records, with one reason:

``discarded``        the discard list silenced the sentence (sports, ...);
``not factual``      events were coded, but the modality stage found none of them asserted;
``no second actor``  a pattern matched, but its source or target slot stayed empty (or both
                     slots named the same actor);
``no pattern``       no verb or noun of the sentence is in the pattern files (or only a
                     "no event" reading of it is: a "[---]" pattern, or an argument-type
                     rule of ``data/coding/argtypes.json`` such as ``habit.not_event``,
                     named in the predicates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..model import Event, NoEvent, Sentence
from ..text import sentence_index_at
from .args import MentionIndex


@dataclass
class SentenceNotes:
    """What the coder saw in one sentence."""

    index: int
    text: str
    actors: list[str]
    tried: list[str] = field(default_factory=list)
    verbs: list[str] = field(default_factory=list)
    discarded: str | None = None
    #: at least one tried pattern lacked an actor (vs. only "no event" readings)
    lacked_actor: bool = False


def sentence_actors(sent: Span, index: MentionIndex) -> list[str]:
    """ "CODE (text)" for each distinct actor mentioned in the sentence."""
    seen: dict[str, str] = {}
    doc = sent.doc
    for i in range(sent.start, sent.end):
        for m in index.at(i):
            if m.start == i and m.actor.code not in seen:
                seen[m.actor.code] = doc[m.start:m.end].text
    return [f"{code} ({text})" for code, text in seen.items()]


def notes_for(sent: Span, index: MentionIndex, sentences: list[Sentence]) -> SentenceNotes | None:
    """Notes for a sentence with two or more distinct actors, else None."""
    actors = sentence_actors(sent, index)
    if len(actors) < 2:
        return None
    s_idx = sentence_index_at(sentences, sent.start_char) if sentences else 0
    text = sentences[s_idx].text if sentences else sent.text
    verbs = [t.lemma_.lower() for t in sent if t.pos_ == "VERB"]
    return SentenceNotes(s_idx, text, actors, verbs=list(dict.fromkeys(verbs)))


def no_event_list(notes: list[SentenceNotes], events: list[Event]) -> list[NoEvent]:
    """``NoEvent`` records for the noted sentences without a factual event."""
    by_sentence: dict[int, list[Event]] = {}
    for ev in events:
        by_sentence.setdefault(ev.sentence_index, []).append(ev)
    out = []
    for n in notes:
        evs = by_sentence.get(n.index, [])
        if any(e.factual for e in evs):
            continue
        if n.discarded is not None:
            reason, preds = "discarded", [f"discard phrase '{n.discarded}'"]
        elif evs:
            reason = "not factual"
            preds = [f"{e.evidence.get('trigger_text', '?')} -> {e.cameo} "
                     f"({e.modality.value}: {(e.evidence.get('modality') or {}).get('cue')})"
                     for e in evs]
        elif n.tried and n.lacked_actor:
            reason, preds = "no second actor", list(n.tried)
        else:
            reason = "no pattern"
            preds = list(n.tried) + [f"verb '{v}'" for v in n.verbs]
        out.append(NoEvent(n.index, n.text, list(n.actors), preds, reason))
    return out
