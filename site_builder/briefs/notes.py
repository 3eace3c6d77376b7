"""Curated notes: content/actors/ID.md and content/locations/ID.md, written by people.

A note's aliases resolve names to its id at ingest, and its fields win over what extraction
guessed. The file name is the id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..extract.model import ACTOR_KINDS, LOCATION_KINDS, Entity
from ..frontmatter import read_document
from ..problems import Problem
from ..slugs import is_safe_slug
from .schema import NOTE, first_error, validate_note


@dataclass
class Note:
    id: str
    name: str
    kind: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    within: str | None = None
    wikidata: str | None = None
    body: str = ""
    path: Path | None = None
    extra: dict = field(default_factory=dict)


def read_note(path: Path, kinds: tuple[str, ...] | None = None) -> Note:
    """The note in path (kinds: those of its folder), or a Problem at its first error's line."""
    if not is_safe_slug(path.stem):
        raise Problem(path, "the file name must be an id: lower-case letters, digits and hyphens", 1)
    kinds = kinds or (LOCATION_KINDS if path.parent.name == "locations" else ACTOR_KINDS)
    doc = read_document(path, str(path))
    if doc.duplicates:
        raise doc.duplicates[0]
    found = validate_note(doc.meta, path.stem, kinds)
    if found.errors:
        raise first_error(found, path, str(path))
    meta = doc.meta
    lat, lon = meta.get("lat"), meta.get("lon")
    return Note(
        id=path.stem,
        name=meta.get("name") or path.stem,
        kind=meta.get("kind"),
        aliases=list(meta.get("aliases") or []),
        roles=list(meta.get("roles") or []),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        within=meta.get("within"),
        wikidata=meta.get("wikidata"),
        body=doc.body,
        path=path,
        extra={k: v for k, v in meta.items() if k not in NOTE[kinds].fields},
    )


def read_notes(folder: Path, kinds: tuple[str, ...] | None = None) -> tuple[dict[str, Note], list[Problem]]:
    notes, errors = {}, []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            note = read_note(path, kinds)
        except Problem as err:
            errors.append(err)
            continue
        notes[note.id] = note
    return notes, errors


def known_names(notes: list[Note], default_kind: str) -> dict[str, Entity]:
    """Casefolded name or alias -> the entity it stands for, as extraction expects."""
    out: dict[str, Entity] = {}
    for note in notes:
        entity = Entity(
            note.id,
            note.name,
            note.kind or default_kind,
            roles=list(note.roles),
            aliases=list(note.aliases),
            within=note.within,
            lat=note.lat,
            lon=note.lon,
        )
        for name in [note.name, *note.aliases]:
            out[name.casefold()] = entity
    return out
