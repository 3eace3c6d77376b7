"""Direct quotes and who said them.

The speaker is the subject of a verb of saying in the quote's sentence ("...," Zaher told media),
resolved to an entity id through the entities' mentions (so a surname gives the full name's id);
a pronoun subject or a quote standing alone continues with the previous speaker; failing both,
the nearest person named around the quote.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .model import Entity, Quote
from .nlp import doc_text, lemma

QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{12,}?)[\u201d\"]")
SAY_VERBS = {
    "say",
    "tell",
    "add",
    "state",
    "explain",
    "note",
    "claim",
    "insist",
    "write",
    "ask",
    "announce",
    "warn",
    "declare",
    "reply",
    "respond",
    "continue",
    "argue",
    "confirm",
    "deny",
    "recall",
    "admit",
    "tweet",
    "quote",
}
PRONOUNS = {"he", "she", "they", "i", "we"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def _owner(entities: list[Entity], start: int, end: int) -> str | None:
    for e in entities:
        if e.kind in ("person", "organization", "country") and any(
            m.start <= start and end <= m.end for m in e.mentions
        ):
            return e.id
    return None


def _subject_speaker(doc: Doc, entities: list[Entity], qs: int, qe: int) -> tuple[str | None, bool]:
    """(speaker id, pronoun) from the verb of saying nearest the quote, outside it, in a sentence
    holding its start or its end and in the same paragraph (a verb past a blank line speaks for
    another paragraph). Nearest first, so the answer never depends on which sentence is looked at
    first."""
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None, False
    text = doc_text(doc)
    sents = dict.fromkeys((span[0].sent, span[-1].sent))  # in order, once each
    verbs = [
        t
        for sent in sents
        for t in sent
        if not qs <= t.idx < qe and lemma(t) in SAY_VERBS and _same_paragraph(text, t.idx, qs, qe)
    ]
    verbs.sort(key=lambda t: (qs - t.idx - len(t.text) if t.idx < qs else t.idx - qe, t.i))
    for verb in verbs:
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lower_ in PRONOUNS:
                return None, True
            for tok in [child, *child.subtree]:
                owner = _owner(entities, tok.idx, tok.idx + len(tok.text))
                if owner:
                    return owner, False
    return None, False


def _same_paragraph(text: str, at: int, qs: int, qe: int) -> bool:
    """No blank line between the character at `at` and the quote text[qs:qe]."""
    gap = text[at:qs] if at < qs else text[qe:at]
    return PARAGRAPH_BREAK.search(gap) is None


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    people = [e for e in entities if e.kind == "person"]
    quotes, last = [], None
    for m in QUOTED.finditer(doc_text(doc)):
        text = " ".join(m.group(1).split()).rstrip(",")
        if len(text.split()) < 4:
            continue
        speaker, pronoun = _subject_speaker(doc, entities, m.start(), m.end())
        if not speaker and last and (pronoun or _stands_alone(doc_text(doc), m.start(), m.end())):
            speaker = last
        if not speaker:
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


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A quote that is a paragraph of its own continues the previous speaker."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return (not before.strip() or "\n" in before) and (not after.strip() or "\n" in after)
