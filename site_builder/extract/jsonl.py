"""The JSON object `briefing extract` prints for one article (the contract read by score.py)."""

from __future__ import annotations

from ..inputs.articles import Article
from .model import Extraction


def extraction_record(path: str, article: Article, found: Extraction) -> dict:
    return {
        "file": path,
        "date": article.date.isoformat(),
        "title": found.title,
        "dateline": article.dateline,
        "summary": found.summary,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "roles": e.roles,
                "aliases": e.aliases,
                "within": e.within,
                "lat": e.lat,
                "lon": e.lon,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            }
            for e in found.entities
        ],
        "times": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod}
            for t in found.times
        ],
        "events": [
            {
                "date": ev.date,
                "basis": ev.basis,
                "status": ev.status,
                "range": ev.range,
                "text": ev.text,
                "start": ev.start,
                "end": ev.end,
                "trigger": (
                    {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text}
                    if ev.trigger
                    else None
                ),
                "actors": ev.actors,
                "locations": ev.locations,
            }
            for ev in found.events
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in found.quotes],
    }
