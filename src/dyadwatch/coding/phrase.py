"""Word-order ("phrase") patterns in the PETRARCH / TABARI dictionary notation.

A PETRARCH verb dictionary line such as ::

    - SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]

constrains the words around the verb (``*``) by their *order*: words after the
``*`` must occur after the verb in that order, words before it before the verb,
read outwards from the verb.  Other words may come in between, except where two
elements are joined by ``_`` (then they are adjacent).  Besides words:

``&NAME``  a synset: any of its member phrases (members may be phrases and other
           synsets: ``+DID N'T``, ``+&TIETYPES``); the words of a member are adjacent.
``+``      the target: the first actor mention at that place.
``$``      the source, likewise.
``%``      a compound actor: treated like ``+``.
``^``      "skip a noun phrase": a gap, which the matcher allows anyway.

A word matches a token by its lower-case form or lemma, or as a stem (the word
is a prefix of the token and at most three letters shorter: ``RELATION`` matches
"relations") unless the word ends in ``_`` in the dictionary.

This module only compiles and matches; which actor fills ``+``/``$`` is the
caller's (``actor_span(i)`` gives the (start, end) of an actor mention covering
token ``i``, or None).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from spacy.tokens import Token

from ..errors import ConfigError

#: a compiled member phrase: words that must be adjacent, each (word, exact)
Words = tuple[tuple[str, bool], ...]

SLOT_KINDS = {"+": "target", "%": "target", "$": "source"}


@dataclass(frozen=True)
class Element:
    """One step of a phrase: a word list alternative set, or a slot."""

    kind: str  # "words" | "target" | "source" | "skip"
    alternatives: tuple[Words, ...] = ()
    adjacent: bool = False  # must touch the previous element (joined by "_")

    @property
    def weight(self) -> int:
        return 1 if self.kind == "words" else 0


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: elements before the verb (nearest first) and after it."""

    text: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]

    @property
    def specificity(self) -> int:
        return sum(e.weight for e in self.before + self.after)


@dataclass
class Binding:
    """Where a phrase's slots landed (token indices), if it has any."""

    target: int | None = None
    source: int | None = None


def _chunk_words(chunk: str) -> list[tuple[str, bool]]:
    """``GOLDEN_GOBLIN_GALLEONS`` -> three words; a word followed by ``_`` with nothing
    after it (``PEACE_``) is exact (no stem matching)."""
    parts = chunk.split("_")
    return [(p.lower(), k + 1 < len(parts) and parts[k + 1] == "")
            for k, p in enumerate(parts) if p]


def expand_synset(name: str, synsets: Mapping[str, Sequence[str]], where: str,
                  depth: int = 0) -> tuple[Words, ...]:
    """Member phrases of ``&name`` (nested synsets expanded)."""
    key = name.strip("&_").upper()
    if depth > 5:
        raise ConfigError(f"{where}: synset &{key} nests too deeply (a cycle?)")
    members = synsets.get(key)
    if members is None:
        raise ConfigError(f"{where}: unknown synset &{key}")
    out: list[Words] = []
    for member in members:
        member = member.strip()
        if member.startswith("&"):
            out.extend(expand_synset(member, synsets, where, depth + 1))
            continue
        words = tuple(w for chunk in member.split() for w in _chunk_words(chunk))
        if words:
            out.append(words)
    return tuple(out)


def _elements(tokens: Sequence[str], synsets: Mapping[str, Sequence[str]], where: str
              ) -> list[Element]:
    """Elements of one side, in text order; an element joined to the one before it by
    ``_`` is ``adjacent`` (gluing to the verb itself is handled by the caller)."""
    out: list[Element] = []
    for chunk in tokens:
        parts = chunk.split("_")
        glued_left = chunk.startswith("_")
        first = True
        for k, p in enumerate(parts):
            if not p:
                continue
            exact = k + 1 < len(parts) and parts[k + 1] == ""  # "PEACE_": no stem
            adjacent = (not first) or glued_left
            first = False
            if p in SLOT_KINDS:
                out.append(Element(SLOT_KINDS[p], adjacent=adjacent))
            elif p == "^":
                out.append(Element("skip", adjacent=adjacent))
            elif p.startswith("&"):
                out.append(Element("words", expand_synset(p, synsets, where), adjacent))
            elif p.startswith("{") or p == "*":
                continue
            else:
                out.append(Element("words", (((p.lower(), exact),),), adjacent))
    return out


def compile_phrase(text: str, synsets: Mapping[str, Sequence[str]], where: str) -> Phrase:
    """Compile ``"PRE * POST"`` (the part between ``-`` and ``[code]``)."""
    if text.count("*") != 1:
        raise ConfigError(f"{where}: a phrase needs exactly one '*' (the verb), got {text!r}")
    pre, _, post = text.partition("*")
    # "IN_*" / "*_DOUBT": the words touching the verb
    pre_glued = pre.endswith("_")
    post_glued = post.startswith("_")
    pre_t = pre.rstrip("_").split()
    post_t = post.lstrip("_").split()
    after = _elements(post_t, synsets, where)
    if after and post_glued:
        after[0] = Element(after[0].kind, after[0].alternatives, True)
    before_text_order = _elements(pre_t, synsets, where)
    # before the verb we search leftwards: nearest element first; an element is
    # adjacent to the one on its right when that one was glued to it
    before: list[Element] = []
    n = len(before_text_order)
    for k in range(n - 1, -1, -1):
        el = before_text_order[k]
        right_glued = (k + 1 < n and before_text_order[k + 1].adjacent) or (k == n - 1 and pre_glued)
        before.append(Element(el.kind, el.alternatives, right_glued))
    return Phrase(text.strip(), tuple(before), tuple(after))


def token_matches(tok: Token, word: str, exact: bool) -> bool:
    low = tok.lower_
    if low == word or tok.lemma_.lower() == word:
        return True
    return (not exact and len(word) >= 4 and low.startswith(word)
            and len(low) - len(word) <= 3)


def _words_at(toks: Sequence[Token], i: int, words: Words, step: int) -> int | None:
    """Match adjacent ``words`` starting at position ``i`` going in direction ``step``;
    returns the position after the last matched token, or None."""
    seq = words if step > 0 else tuple(reversed(words))
    for w, exact in seq:
        if not 0 <= i < len(toks) or not token_matches(toks[i], w, exact):
            return None
        i += step
    return i


def _match_side(toks: Sequence[Token], start: int, elements: Sequence[Element], step: int,
                actor_span: Callable[[int], tuple[int, int] | None], binding: Binding) -> bool:
    """Backtracking match of ``elements`` over ``toks`` from ``start`` in direction ``step``."""
    if not elements:
        return True
    el, rest = elements[0], elements[1:]
    if el.adjacent and el.kind in ("target", "source") and step > 0:
        # "TO_+" matches "to *the* United Nations": the slot is a noun phrase
        j = start
        while 0 <= j < len(toks) and toks[j].pos_ in ("DET", "ADJ", "NUM") and not actor_span(toks[j].i):
            j += 1
        positions: Sequence[int] = range(start, j + 1)
    else:
        positions = [start] if el.adjacent else range(start, len(toks) if step > 0 else -1, step)
    for i in positions:
        if not 0 <= i < len(toks):
            break
        if el.kind == "skip":
            if _match_side(toks, i, rest, step, actor_span, binding):
                return True
            continue
        if el.kind in ("target", "source"):
            span = actor_span(toks[i].i)
            if span is None:
                continue
            base = toks[0].i
            nxt = span[1] - base if step > 0 else span[0] - base - 1
            saved = (binding.target, binding.source)
            setattr(binding, el.kind, span[0] if step < 0 else toks[i].i)
            if _match_side(toks, nxt, rest, step, actor_span, binding):
                return True
            binding.target, binding.source = saved
            continue
        for alt in el.alternatives:
            nxt = _words_at(toks, i, alt, step)
            if nxt is not None and _match_side(toks, nxt, rest, step, actor_span, binding):
                return True
    return False


def match_phrase(phrase: Phrase, verb: Token, actor_span: Callable[[int], tuple[int, int] | None]
                 ) -> Binding | None:
    """Bindings when ``phrase`` matches around ``verb``, else None.

    The words after the verb are looked for up to the end of the verb's subtree,
    the words before it back to the start of its sentence.
    """
    doc = verb.doc
    sent = verb.sent
    right = max(verb.right_edge.i, verb.i)
    after_toks = [doc[i] for i in range(verb.i + 1, min(right, sent.end - 1) + 1)]
    before_toks = [doc[i] for i in range(sent.start, verb.i)]
    binding = Binding()
    if not _match_side(after_toks, 0, phrase.after, 1, actor_span, binding):
        return None
    if phrase.before and not _match_side(before_toks, len(before_toks) - 1, phrase.before, -1,
                                         actor_span, binding):
        return None
    return binding
