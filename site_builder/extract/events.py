"""Events: each sentence that reports something happening, dated by the time expression governing it."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .model import Entity, Event, Timex


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value (2021, 2021-07, 2021-07-05), else None."""
    if not value or not value[:4].isdigit():
        return None
    head = value[:10]
    for size in (10, 7, 4):
        try:
            if size == 10:
                dt.date.fromisoformat(head)
            elif size == 7 and (len(head) < 7 or not head[5:7].isdigit()):
                continue
            return head[:size]
        except ValueError:
            continue
    return None


def find_events(doc: Doc, dct: dt.date, entities: list[Entity], times: list[Timex], body_start: int = 0) -> list[Event]:
    events = []
    for sent in doc.sents:
        if sent.start_char < body_start or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        inside = [e for e in entities if any(sent.start_char <= m.start < sent.end_char for m in e.mentions)]
        if not inside:
            continue
        dated = [t for t in times if sent.start_char <= t.start < sent.end_char and calendar_value(t.value)]
        event = Event(
            date=calendar_value(dated[0].value) if dated else dct.isoformat(),
            basis="stated" if dated else "reported",
            text=" ".join(sent.text.split()),
            actors=[e.id for e in inside if e.is_actor],
            locations=[e.id for e in inside if e.is_place],
            range="since" if dated and dated[0].mod == "START" else None,
            start=sent.start_char,
            end=sent.end_char,
        )
        events.append(event)
    return events
