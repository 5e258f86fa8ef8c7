"""Small syntactic helpers over spaCy tokens for the modality walk."""

from __future__ import annotations

from spacy.tokens import Token

from .tables import Lexicon, lexicon

_NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
_CLAUSAL_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "parataxis", "csubj"}
_NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "pobj", "appos", "compound",
                 "npadvmod"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
             "my", "your"}
_CONTRAST = (("rather", "than"), ("instead", "of"))


def dep_children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` with one of the dependency labels ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def gov_key(tok: Token) -> str:
    """The governor key: lemma, plus particle for phrasal verbs (``call off``)."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt":
            return f"{lemma} {c.lower_}"
        if lemma == "take" and c.dep_ == "dobj" and c.lower_ == "place":
            return "take place"
        if lemma == "go" and c.dep_ == "advmod" and c.lower_ == "ahead":
            return "go ahead"
    return lemma


def key_forms(tok: Token) -> list[str]:
    """Lookup keys for a governor: its key, then its surface form and naive stems.

    The small model's lemmatizer errs on some verbs (``hopes`` -> ``hop``); the
    stems let the lexicon still find them.
    """
    key = gov_key(tok)
    if " " in key:
        return [key]
    w = tok.lower_
    forms = [key, w]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(w[: len(w) - len(suffix)] + repl)
    return list(dict.fromkeys(forms))


def lookup_governor(lex: Lexicon, tok: Token, link: str) -> tuple[str | None, str]:
    """The governor label of ``tok`` for ``link`` and the key that found it."""
    forms = key_forms(tok)
    for form in forms:
        label = lex.governors.get((form, link))
        if label:
            return label, form
    return lex.governor("*", link), forms[0]


def is_nominal(tok: Token) -> bool:
    """Nominal role in the parse: decided by the dependency first, POS second."""
    if tok.dep_ in _CLAUSAL_DEPS:
        return False
    if tok.dep_ in _NOMINAL_DEPS:
        return True
    return tok.pos_ in _NOMINAL_POS


def is_definite(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE):
            return True
    return False


def short_phrase(tok: Token) -> str:
    """A short text for an actor head: its left modifiers plus the word itself."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in {"compound", "amod", "poss", "nmod", "det", "case"}:
            left = c if c.i < left.i else left
            break
    words = [t for t in tok.doc[left.i:tok.i + 1] if t.dep_ != "det"]
    return " ".join(t.text for t in words).replace(" 's", "'s") or tok.text


def speaker_of(gov: Token) -> str | None:
    """Subject (or passive agent) of a reporting verb; for a subjectless one
    (``fired missiles, saying ...``, ``went on to say ...``) the governing verb's."""
    for _ in range(3):
        for c in gov.children:
            if c.dep_ == "nsubj" and c.lower_ not in {"it", "there"}:
                return short_phrase(c)
            if c.dep_ == "agent":
                objs = dep_children(c, "pobj")
                if objs:
                    return short_phrase(objs[0])
        if gov.dep_ not in ("xcomp", "advcl", "conj") or gov.head.i == gov.i:
            return None
        gov = gov.head
    return None


def under_speech(node: Token, lex: Lexicon) -> bool:
    """Is ``node``'s clause (or the clause it is conjoined to) reported speech?"""
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ccomp" and lookup_governor(lex, node.head, "comp")[0] == "reported"


def according_to(tok: Token) -> str | None:
    for c in tok.children:
        if c.lower_ == "according":
            for to in c.children:
                objs = dep_children(to, "pobj")
                if objs:
                    return short_phrase(objs[0])
    return None


def contrast_before(tok: Token) -> str | None:
    """``rather than X`` / ``instead of X`` written right before the trigger's phrase."""
    start = tok.left_edge.i
    if start >= 2:
        pair = (tok.doc[start - 2].lower_, tok.doc[start - 1].lower_)
        if pair in _CONTRAST:
            return " ".join(pair)
    return None


def negated_coordination(arg: Token, lex: Lexicon) -> str | None:
    """"Neither the police nor the army", "Not the army nor the militias": an argument
    whose coordination is negated as a whole."""
    first = [c for c in arg.children if c.dep_ in ("preconj", "neg", "det", "advmod")
             and lex.cue(c.lower_, "neg") == "negated" and c.i < arg.i]
    nor = [c for c in arg.children if c.dep_ == "cc" and c.lower_ == "nor"]
    if first and nor:
        return f"{first[0].text} ... nor"
    return None


def is_inverted(v: Token) -> str | None:
    """Subject-auxiliary inversion in a dependent clause: ``Should/Had/Were X ...``."""
    if v.dep_ == "ROOT":
        return None
    lex = lexicon()
    first = v.left_edge
    if first.i != v.i and first.head.i != v.i:
        return None
    if lex.cue(first.lower_, "inversion") != "conditional":
        return None
    # the subject follows the auxiliary; a mis-parse may hang it one level lower
    # ("had the incursion continued" with "had" as the clause head)
    near = [v, *[c for c in v.children if c.dep_ in ("ccomp", "xcomp", "conj")]]
    subj = [c for h in near for c in h.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i]
    return first.text if subj else None


def conditional_clause(v: Token) -> str | None:
    """The cue word if ``v`` heads a conditional clause (``if``/``unless``/inversion)."""
    lex = lexicon()
    for c in dep_children(v, "mark"):
        if lex.cue(c.lower_, "mark") == "conditional":
            return c.text
    return is_inverted(v)
