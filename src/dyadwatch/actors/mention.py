"""``Mention``: an actor found at a span of a parsed document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from ..model import Actor, CountryFrom


@dataclass
class Mention:
    start: int  # token index in the spaCy Doc (inclusive)
    end: int  # token index (exclusive)
    actor: Actor
    kind: str  # country | capital | demonym | group | igo | person | office | agent | coref | compound
    #: for a pronoun ("he", "they", "it"): the token span of the mention it refers back to
    antecedent: tuple[int, int] | None = None
    #: for a pronoun: the kind of the mention it refers back to ("it" for "Eritrea" is a
    #: pronoun standing for a ``country``), followed through chains of pronouns
    antecedent_kind: str | None = None


def merge_mentions(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """``mentions`` with ``added`` ones, in text order (``mentions`` itself when none were
    added): what every pass of the actor stage that adds mentions returns."""
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


def make_actor(code: str, name: str, span: tuple[int, int],
           how: CountryFrom | None = CountryFrom.MENTION) -> Actor:
    country = code[:3] if len(code) >= 3 and code[:3].isalpha() else None
    role = code[3:6] if len(code) >= 6 and code[3:6].isalpha() else None
    return Actor(code, country, role, name=name, span=span,
                 country_from=how if country else None)


def sent_index(doc: Doc) -> list[int]:
    """Sentence number of each token (all 0 without sentence boundaries).  ``tag`` makes it
    once per document and hands it to the passes that need it."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    starts = doc.to_array(SENT_START) == 1  # (an array: its own cumsum, no Python loop)
    starts[0] = True
    return (starts.cumsum() - 1).tolist()


def governing_verb(tok: Token, steps: int) -> Token | None:
    """The first verb or auxiliary above ``tok`` within ``steps`` heads (None when the
    walk reaches the root or runs out of steps first)."""
    for _ in range(steps):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None
