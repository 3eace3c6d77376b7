"""Curated notes: content/actors/ID.md and content/locations/ID.md, written by people.

A note's aliases resolve names to its id at ingest, and its fields win over what extraction
guessed. The file name is the id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..extract.model import Entity
from ..slugs import is_safe_slug
from .model import BriefError, split_front_matter

NOTE_FIELDS = {"name", "kind", "aliases", "roles", "lat", "lon", "within", "wikidata"}


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


def read_note(path: Path) -> Note:
    if not is_safe_slug(path.stem):
        raise BriefError(path, "the file name must be an id: lower-case letters, digits and hyphens", 1)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BriefError(path, "is not UTF-8 text; re-save it as UTF-8") from err
    meta, body, _ = split_front_matter(text, path)
    try:
        return _note(path, meta, body)
    except (TypeError, ValueError, AttributeError) as err:  # a hand-edited field of the wrong type
        message = f"a field has the wrong type ({err}); `briefing check` shows which line"
        raise BriefError(path, message) from err


def _note(path: Path, meta: dict, body: str) -> Note:
    return Note(
        id=path.stem,
        name=str(meta.get("name") or path.stem),
        kind=str(meta["kind"]) if meta.get("kind") else None,
        aliases=[str(a) for a in meta.get("aliases") or []],
        roles=[str(r) for r in meta.get("roles") or []],
        lat=_num(meta.get("lat")),
        lon=_num(meta.get("lon")),
        within=str(meta["within"]) if meta.get("within") else None,
        wikidata=str(meta["wikidata"]) if meta.get("wikidata") else None,
        body=body,
        path=path,
        extra={k: v for k, v in meta.items() if k not in NOTE_FIELDS},
    )


def _num(value: object) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def read_notes(folder: Path) -> tuple[dict[str, Note], list[BriefError]]:
    notes, errors = {}, []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            note = read_note(path)
        except BriefError as err:
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
