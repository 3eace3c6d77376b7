"""The tense of the verb governing a stretch of text: past, present or future.

A bare weekday or month takes its year or week from it ("met on Monday" is the Monday before the
article, "meets on Monday" the one after).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp import lemma
from .patterns import FUTURE_HEADS

MODALS = {"would", "'d", "could", "might", "may", "should", "must", "can", "ca"}  # what may yet happen


def tense_at(doc: Doc, start: int, end: int, title_end: int) -> str:
    """'past', 'present' or 'future' from the verb governing the span at start..end, '' when nothing tells."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return ""
    for verb in (tok, tok.head):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
            return "future"
        if any(a.lower_ in MODALS for a in auxes) and not any(lemma(a) == "have" for a in auxes):
            return "future"  # "talks would resume Friday", "a vote could come Monday"; not "may have fled"
        if any(a.lower_ == "to" for a in auxes) and lemma(verb.head) in FUTURE_HEADS:
            return "future"
        if lemma(verb) in ("schedule", "set", "due") and any(lemma(a) == "be" for a in auxes):
            return "future"
        if "Past" in verb.morph.get("Tense") and verb.tag_ == "VBD":
            return "past"
        if any("Past" in a.morph.get("Tense") or a.lower_ in ("has", "have", "had") for a in auxes):
            return "past"
        if verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
            return "past" if start < title_end else "present"  # headlines tell past news in the present
        if verb.dep_ not in ("xcomp", "advcl", "ccomp", "conj", "relcl") or verb.head.i == verb.i:
            break
    return ""
