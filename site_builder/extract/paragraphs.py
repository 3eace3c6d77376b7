"""Paragraph breaks are sentence breaks: a pipeline component run before spaCy's parser.

A headline, a date line or a photo caption has no closing full stop, and spaCy's parser, left to
itself, reads it and the paragraph after it as one sentence: the lede's verb then hangs from the
headline's, and the story's first sentence, the one that matters most, is parsed wrong. A token
after a blank line (white space holding two line breaks) is marked as a sentence start before the
parser runs, and the word after it as no sentence start (left free, the parser cut "Apple" from
"Apple Computer today announced ..."); the parser keeps marks it is given and decides the rest.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "briefing_paragraphs"


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    after_break, first = False, False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or tok.text.count("\n") >= 2
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
            after_break, first = False, True
        elif first:
            tok.is_sent_start = False
            first = False
    return doc
