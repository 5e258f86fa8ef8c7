"""Faster, output-identical stand-ins for two Python-heavy parts of the spaCy model.

The small English model's ``attribute_ruler`` and ``lemmatizer`` are written in Python
and cost about a fifth of the parse on news text (``docs/performance.md``):

* the attribute ruler's ``Matcher`` evaluates each of its ``IN``/``NOT_IN``/``REGEX``
  predicates as a Python call on every token of every document, although its 179
  patterns are one or two tokens long and compare a few attributes;
* the rule lemmatizer caches the lemma of an inflected form but not of a base form
  ("Is it a base form?" reads the token's morphology as a dict, for every singular noun
  and every infinitive).

``speed_up(nlp)`` keeps both components and their data and replaces only how they
work: the attribute ruler's ``match`` finds the same matches by comparing attribute ids
(one ``Doc.to_array`` per document), and the lemmatizer remembers the lemma of every
``(form, POS, morphology)`` it has seen.  The annotations are the same, token for token
(``tests/scale/test_text_speed.py`` checks it against the stock components).  A model
whose patterns use anything else (operators, other attributes or predicates) or whose
lemmatizer is not a rule lemmatizer keeps the stock code for that component.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

#: the token attributes a compiled attribute-ruler pattern may compare
_ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]

#: entries remembered (lemmas, attribute rows) before a memory is cleared: bounded on any input
MEMORY_LIMIT = 500_000


def speed_up(nlp: Language) -> list[str]:
    """Replace the matching of ``attribute_ruler`` and the lemma lookups of
    ``lemmatizer`` in ``nlp`` by output-identical faster code; returns the names of the
    components changed (none for a model they do not fit).  The attribute ruler's rules
    are compiled now: call it after the last change to them (``load_nlp`` does)."""
    done = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        match = compile_attribute_ruler(ruler)
        if match is not None:
            ruler.match = match  # type: ignore[method-assign]
            ruler.set_annotations = _setter(ruler)  # type: ignore[method-assign]
            done.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lem = nlp.get_pipe("lemmatizer")
        if _cacheable(lem):
            lem.__class__ = _cached_class(type(lem))
            lem._dw_lemmas = {}  # type: ignore[attr-defined]
            done.append("lemmatizer")
    return done


# -- the attribute ruler -------------------------------------------------------

Check = Callable[[tuple[int, int, int, int]], bool]


def _value_check(attr: int, value: Any, strings: Any) -> Check | None:
    """A test of one attribute of a token row ``(tag, lower, dep, is_space)`` as the
    spaCy ``Matcher`` does it, or None for a value this module does not handle."""
    if attr == 3:  # IS_SPACE: a flag compared with a bool
        if not isinstance(value, bool):
            return None
        want = int(value)
        return lambda row: row[3] == want
    if isinstance(value, str):
        h = strings.add(value) if value else 0
        return lambda row: row[attr] == h
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) \
                and all(isinstance(v, str) for v in arg):
            ids = frozenset(strings.add(v) if v else 0 for v in arg)
            if op == "IN":
                return lambda row: row[attr] in ids
            return lambda row: row[attr] not in ids
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda row: rx.search(strings[row[attr]]) is not None
    return None


def compile_attribute_ruler(ruler: Any) -> Callable[[Doc], list[tuple[int, int, int, int]]] | None:
    """A ``match(doc)`` for ``ruler`` giving what ``AttributeRuler.match`` gives (the
    matches sorted by rule number), or None when a pattern uses something not handled
    here (then the ruler keeps its ``Matcher``)."""
    strings = ruler.vocab.strings
    # Each pattern is filed under the values of one attribute of its first token (LOWER,
    # else TAG, else DEP) that it requires, so a token tries only the patterns that can
    # start at it, and the filing attribute needs no further test there.  A pattern is
    # (rule number, match id, length, [(token offset, test)...]).
    index: tuple[dict[int, list[Any]], ...] = ({}, {}, {})  # by TAG, LOWER, DEP id
    anywhere: list[Any] = []
    for number, rule in enumerate(ruler.patterns):
        match_id = strings.add(str(number))
        if int(strings[match_id]) != number:
            return None
        for pattern in rule["patterns"]:
            if not pattern or not isinstance(pattern, list):
                return None
            filed = _index_keys(pattern[0], strings)
            tests: list[tuple[int, Check]] = []
            for offset, spec in enumerate(pattern):
                if not isinstance(spec, dict) or not spec:
                    return None
                for key, value in spec.items():
                    if key not in _ATTRS:
                        return None
                    test = _value_check(_ATTRS[key], value, strings)
                    if test is None:
                        return None
                    if not (offset == 0 and filed is not None and _ATTRS[key] == filed[0]):
                        tests.append((offset, test))
            entry = (number, match_id, len(pattern), tuple(tests))
            if filed is None:
                anywhere.append(entry)
            else:
                for value_id in filed[1]:
                    index[filed[0]].setdefault(value_id, []).append(entry)
    by_tag, by_lower, by_dep = index
    # the one-token rules a token matches depend on its four attributes only, and news
    # text repeats the same (tag, lower, dep, space) rows: remembered per row
    single = [by_tag, by_lower, by_dep, anywhere]
    longer: list[Any] = [{}, {}, {}, []]
    for attr, table in enumerate(index):
        for value_id, entries in table.items():
            longer[attr][value_id] = [e for e in entries if e[2] > 1]
            table[value_id] = [e for e in entries if e[2] == 1]
    longer[3] = [e for e in anywhere if e[2] > 1]
    single[3] = [e for e in anywhere if e[2] == 1]
    memory: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}

    def singles(row: tuple[int, int, int, int]) -> list[tuple[int, int]]:
        out = []
        for entries in (single[1].get(row[1]), single[0].get(row[0]), single[2].get(row[2]),
                        single[3]):
            for number, match_id, _length, tests in entries or ():
                if all(test(row) for _k, test in tests):
                    out.append((number, match_id))
        if len(memory) > MEMORY_LIMIT:
            memory.clear()
        memory[row] = out
        return out

    l_tag, l_lower, l_dep, l_any = longer

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = list(zip(*doc.to_array(_ARRAY).T.tolist())) if len(doc) else []
        n = len(rows)
        found: set[tuple[int, int, int, int]] = set()
        get = memory.get
        for i, row in enumerate(rows):
            hits = get(row)
            if hits is None:
                hits = singles(row)
            for number, match_id in hits:
                found.add((number, match_id, i, i + 1))
            for entries in (l_lower.get(row[1]), l_tag.get(row[0]), l_dep.get(row[2]), l_any):
                if not entries:
                    continue
                for number, match_id, length, tests in entries:
                    end = i + length
                    if end <= n and all(test(rows[i + k]) for k, test in tests):
                        found.add((number, match_id, i, end))
        return sorted(found)

    return match


def _setter(ruler: Any) -> Callable[[Doc, list[tuple[int, int, int, int]]], None]:
    """``AttributeRuler.set_annotations`` without a ``Span`` per match: the same
    attributes set on the same token in the same order (a rule's token index outside
    its match is left to the stock code, which raises spaCy's error)."""
    from spacy.tokens._retokenize import set_token_attrs

    stock = ruler.set_annotations
    attrs, indices = ruler.attrs, ruler.indices

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for attr_id, _match_id, start, end in matches:
            index = indices[attr_id]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                stock(doc, matches)  # raises E1001 (or does what spaCy does)
                return
            set_token_attrs(doc[at], attrs[attr_id])

    return set_annotations


def _index_keys(first: dict[str, Any], strings: Any) -> tuple[int, list[int]] | None:
    """The attribute (0 TAG, 1 LOWER, 2 DEP) and the value ids under which a pattern
    whose first token must match ``first`` is filed: the values of LOWER, else TAG, else
    DEP it requires (an equality or an ``IN`` list); None when it requires none (the
    pattern is tried at every token)."""
    for name in ("LOWER", "TAG", "DEP"):
        value = first.get(name)
        if isinstance(value, str):
            return _ATTRS[name], [strings.add(value) if value else 0]
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1 \
                and all(isinstance(v, str) for v in value["IN"]):
            return _ATTRS[name], [strings.add(v) if v else 0 for v in value["IN"]]
    return None


# -- the lemmatizer ------------------------------------------------------------

def _cacheable(lem: Any) -> bool:
    """A rule lemmatizer that keeps lemmas already set (the model's): its lemma is a
    function of the token's form, POS and morphology only."""
    return (getattr(lem, "mode", None) == "rule" and not getattr(lem, "overwrite", True)
            and hasattr(lem, "rule_lemmatize") and hasattr(lem, "lemmatize"))


_CLASSES: dict[type, type] = {}


def _cached_class(base: type) -> type:
    """``base`` (the model's lemmatizer class) with a ``__call__`` that remembers each
    ``(form, POS, morphology)``'s lemma id."""
    if base in _CLASSES:
        return _CLASSES[base]

    def __call__(self: Any, doc: Doc) -> Doc:
        if not self._validated:
            return base.__call__(self, doc)  # the first call checks the tables
        error_handler = self.get_error_handler()
        try:
            memory = self._dw_lemmas
            if len(memory) > MEMORY_LIMIT:
                memory.clear()
            add = self.vocab.strings.add
            for i, (lemma, orth, pos, morph) in enumerate(
                    doc.to_array([LEMMA, ORTH, POS, MORPH]).tolist()):
                if lemma:  # set by the attribute ruler: kept, as the stock code does
                    continue
                key = (orth, pos, morph)
                lemma_id = memory.get(key)
                token = doc[i]
                if lemma_id is None:
                    lemma_id = add(self.lemmatize(token)[0])
                    if pos:  # no POS: spaCy warns each time; not remembered
                        memory[key] = lemma_id
                token.lemma = lemma_id
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's own error handling
            error_handler(self.name, self, [doc], e)

    cls = type(f"Cached{base.__name__}", (base,), {"__call__": __call__})
    _CLASSES[base] = cls
    return cls
