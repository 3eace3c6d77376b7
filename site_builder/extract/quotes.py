"""Direct quotes and who said them."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .model import Entity, Quote

QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{12,}?)[\u201d\"]")


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    people = [e for e in entities if e.kind == "person"]
    quotes, last = [], None
    for m in QUOTED.finditer(doc.text):
        text = " ".join(m.group(1).split()).rstrip(",")
        if len(text.split()) < 4:
            continue
        window = (m.start() - 200, m.end() + 120)
        near = [
            (min(abs(x.start - m.end()), abs(m.start() - x.end)), p.id)
            for p in people
            for x in p.mentions
            if window[0] <= x.start <= window[1] and not (m.start() <= x.start < m.end())
        ]
        speaker = min(near)[1] if near else last
        last = speaker
        quotes.append(Quote(speaker, text, m.start(1), m.end(1)))
    return quotes
