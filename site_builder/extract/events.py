"""Events: each sentence that reports something happening, dated by the time expression governing it.

A sentence is an event when it has a finite main verb and names an actor or a place (or carries
a date). Its date comes from the calendar time expression attached to the main verb (or the
only one in the sentence), at the precision written; without one, the publication date with
basis `reported`. "since June 22" keeps its start date and says range "since".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span

from .model import Entity, Event, Timex
from .nlp import doc_text

MAX_TEXT = 300
QUOTES = "\"“”‘’'«»"
SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)
MODIFIER_DEPS = {"compound", "nummod", "amod", "poss", "nmod"}  # "the 2014 protests": a thing, not a time
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value at the precision it has: 2021, 2021-07, 2021-07-05.

    A time keeps its day; a week (2021-W27, 2021-W27-WE) becomes the month holding its Thursday;
    a quarter, half or season its year. Decades, durations and PAST_REF have none.
    """
    if not value or len(value) < 4 or not value[:4].isdigit() or (len(value) > 4 and value[4] != "-"):
        return None
    year = value[:4]
    week = re.match(r"(\d{4})-W(\d\d)", value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 4).isoformat()[:7]
        except ValueError:
            return None
    day = re.match(r"\d{4}-\d\d-\d\d", value)
    if day:
        try:
            return dt.date.fromisoformat(day[0]).isoformat()
        except ValueError:
            return None
    month = re.match(r"\d{4}-(\d\d)(?!\d)", value)
    if month and 1 <= int(month[1]) <= 12:
        return month[0]
    return year


def _verb_of(tok):
    """The verb a token hangs from (itself if a verb), and how many steps up it is."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 8:
        tok, steps = tok.head, steps + 1
    return tok, steps


def _governing(sent: Span, dated: list[Timex], doc: Doc) -> Timex | None:
    """The dated expression attached to the sentence's main verb, else the nearest to it, else the first."""
    if len(dated) == 1:
        return dated[0]
    root = sent.root
    best, best_key = None, None
    for t in dated:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        verb, steps = _verb_of(head)
        depth = 0
        v = verb
        while v.i != root.i and v.head.i != v.i and depth < 8:
            v, depth = v.head, depth + 1
        key = (head.dep_ in MODIFIER_DEPS, depth, steps, t.start)
        if best_key is None or key < best_key:
            best, best_key = t, key
    return best or (dated[0] if dated else None)


def _sentences(doc: Doc):
    """spaCy's sentences, also cut at paragraph breaks (a closing quote may run into the next paragraph)."""
    text = doc_text(doc)  # Doc.text joins every token on each call: read it once
    for sent in doc.sents:
        cuts = [m.end() for m in PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char)]
        bounds = [sent.start_char, *cuts, sent.end_char]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = doc.char_span(a, b, alignment_mode="contract")
            if piece is not None and piece.text.strip():
                yield piece


def _is_event_sentence(sent: Span) -> bool:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 4:
        return False
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return any(t.pos_ == "VERB" and t.dep_ in ("ccomp", "conj") for t in sent)
    return True


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def find_events(
    doc: Doc,
    dct: dt.date,
    entities: list[Entity],
    times: list[Timex],
    body_start: int = 0,
    skip: tuple[int, int] | None = None,
) -> list[Event]:
    """One event per sentence that reports something; skip is a span to leave out (the headline)."""
    text = doc_text(doc)
    times = sorted(times, key=lambda t: t.start)
    starts = [t.start for t in times]
    events = []
    for sent in _sentences(doc):
        if sent.end_char <= body_start or (skip and sent.start_char < skip[1] and sent.end_char > skip[0]):
            continue
        if not _is_event_sentence(sent):
            continue
        lo, hi = sent.start_char, sent.end_char
        inside = [e for e in entities if any(lo <= m.start < hi for m in e.mentions)]
        actors = [e.id for e in inside if e.is_actor]
        places = [e.id for e in inside if e.is_place]
        here = times[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        dated = [t for t in here if t.type in ("DATE", "TIME") and calendar_value(t.value)]
        stripped = sent.text.strip()
        quote_only = stripped[:1] in QUOTES and stripped.rstrip(".")[-1:] in QUOTES
        if quote_only and not actors:
            continue
        if not (actors or places or dated):
            continue
        if not dated and any(re.fullmatch(r"\d{2,3}", t.value or "") for t in here):
            continue  # "in the 1960s": a period before any calendar date the timeline can hold
        gov = _governing(sent, dated, doc)
        since = (
            gov is not None and gov.mod == "START" and SINCE.search(text, max(0, gov.start - 16), gov.start)
        )
        events.append(
            Event(
                date=calendar_value(gov.value) if gov else dct.isoformat(),
                basis="stated" if gov else "reported",
                text=_short(sent.text),
                actors=actors,
                locations=places,
                range="since" if since else None,
                start=lo,
                end=hi,
            )
        )
    return events
