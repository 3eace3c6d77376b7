"""Paragraph breaks are sentence breaks: a pipeline component run before spaCy's parser.

A headline, a date line or a photo caption has no closing full stop, and spaCy's parser, left to
itself, reads it and the paragraph after it as one sentence: the lede's verb then hangs from the
headline's, and the story's first sentence, the one that matters most, is parsed wrong. A token
after a blank line (white space holding two line breaks) is marked as a sentence start before the
parser runs, and the word after it as no sentence start (left free, the parser cut "Apple" from
"Apple Computer today announced ..."); the parser keeps marks it is given and decides the rest.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

NAME = "briefing_paragraphs"
BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    text = doc.text
    for m in BLANK_LINE.finditer(text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].is_space or span[0].i == 0:
            continue
        first = span[0]
        first.is_sent_start = True
        if first.i + 1 < len(doc) and not doc[first.i + 1].is_space:
            doc[first.i + 1].is_sent_start = False
    return doc
