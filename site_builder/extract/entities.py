"""Named actors and places in one article (baseline: spaCy's labels; the gazetteer types places)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..slugs import slugify
from . import places
from .model import Entity, Mention

LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def find_entities(doc: Doc, known: dict[str, Entity] | None = None) -> list[Entity]:
    known = known or {}
    found: dict[str, Entity] = {}
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        place = places.lookup(ent.text)
        if place:
            kind = place.kind
        if not kind:
            continue
        name = ent.text.strip()
        hit = known.get(name.casefold())
        base = hit or place or Entity(slugify(name), name, kind)
        entity = found.setdefault(
            base.id, Entity(base.id, base.name, base.kind, within=base.within, lat=base.lat, lon=base.lon)
        )
        entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
    return list(found.values())
