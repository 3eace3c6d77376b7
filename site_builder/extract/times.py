"""Time expressions, TIMEX3 typed and normalised against the article's date (baseline)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .model import Timex


def find_times(doc: Doc, dct: dt.date) -> list[Timex]:
    import dateparser

    out = []
    base = dt.datetime.combine(dct, dt.time(12))
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        parsed = dateparser.parse(ent.text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        value = parsed.date().isoformat() if parsed else None
        out.append(Timex(ent.start_char, ent.end_char, ent.text, ent.label_, value))
    return out
