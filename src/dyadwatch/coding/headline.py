"""Is the first sentence of a document its headline?  (The coder codes a headline that
restates the lead once; the implied-attacker step leaves a headline's dateline alone.)"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Document, Sentence


def is_headline(doc: Doc, sentences: list[Sentence], document: Document) -> bool:
    """Is the first sentence a headline ("Russian Duma to launch new probe.")?  It is when
    it is the document's title, or short, with no past-tense verb (headlines speak in the
    present or the infinitive; the lead that follows tells in the past) and followed by
    more text."""
    if len(sentences) < 2:
        return False
    first = sentences[0]
    if document.title and first.text.rstrip(". ").lower() == document.title.rstrip(". ").lower():
        return True
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if not 0 < len(words) <= 16:
        return False
    # "US Airstrikes Said to Kill at Least 44 in Iraq": written in title case, a headline
    # whatever its tense (most words, small function words aside, are capitalised)
    content = [t for t in words if not t.is_stop or t.i == span.start]
    if len(content) >= 4 and sum(t.text[0].isupper() for t in content) >= 0.8 * len(content):
        return True
    return not any(t.tag_ == "VBD" for t in span)
