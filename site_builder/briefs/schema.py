"""Schema 1: every field of a brief and of a curated note, its type, and what a mistake costs.

The one description both readers work from: `read_brief`/`read_note` refuse a file with an error
here, and `briefing check` lists the same errors (and the warnings) at their lines. So the build
never turns a value the check calls wrong into a default. Checks across files (an event actor
listed in the brief, a `within` that names a known place, ids used twice) are in check.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.model import ACTOR_KINDS, LOCATION_KINDS
from ..frontmatter import FrontMatter, read_document
from ..problems import DATE_HINT, ERROR, WARNING, Problem
from ..slugs import is_safe_slug

SCHEMA = 1
BASES = ("stated", "context", "reported")  # a time expression | the story's time | the publication date
STATUSES = ("happened", "ongoing", "expected")
RANGES = ("since", "until", "before", "after")
TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MACHINE_FIELDS = ("title", "summary", "dateline", "actors", "locations", "events", "quotes")
BODY = "body"  # the key of the body's hash in `generated`

Key = tuple  # a path into the front matter: ("actors", 0, "kind")
Check = Callable[[str, object], "str | None"]  # (field name, value) -> what is wrong, or None


@dataclass
class Findings:
    """What is wrong in one file's front matter, by key; lines are added by whoever has them."""

    items: list[tuple[Key, str, str]] = field(default_factory=list)  # (key, level, message)

    def error(self, key: Key, message: str) -> None:
        self.items.append((key, ERROR, message))

    def warn(self, key: Key, message: str) -> None:
        self.items.append((key, WARNING, message))

    @property
    def errors(self) -> list[tuple[Key, str, str]]:
        return [item for item in self.items if item[1] == ERROR]


@dataclass(frozen=True)
class Field:
    check: Check | None = None  # None: any value
    missing: str | None = None  # what to say when the field is absent (or null); None: optional
    missing_level: str = ERROR
    items: Record | None = None  # a list of these records
    record: Record | None = None  # a mapping that is this record
    level: str = ERROR  # of the check's message


@dataclass(frozen=True)
class Record:
    what: str  # "the brief", "this entry": how messages name it
    fields: dict[str, Field]
    shape: str = "a mapping of `key: value` lines"
    rules: tuple[Callable[[dict, Key, Findings], None], ...] = ()  # checks across its fields


# --- value checks: (field name, value) -> what is wrong and how to fix it, or None ---


def text(name: str, value: object) -> str | None:
    if isinstance(value, str):
        return None
    return f"`{name}` must be text; put it in quotes"


def required_text(name: str, value: object) -> str | None:
    if not isinstance(value, str):
        return f"`{name}` must be text; put it in quotes"
    return None if value.strip() else f"`{name}` is empty; write it or remove the line"


def names(name: str, value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return f"`{name}` must be a list of names, e.g. [{name[:-1]} one, {name[:-1]} two]"


def ids(name: str, value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return f"`{name}` must be a list of ids, e.g. [tajikistan]"


def safe_id(name: str, value: object) -> str | None:
    if isinstance(value, str) and is_safe_slug(value):
        return None
    return f"id `{value}` is not a safe id; use lower-case letters, digits and hyphens"


def place_id(name: str, value: object) -> str | None:
    return None if isinstance(value, str) else f"`{name}: {value}` must be the id of a location"


def count(name: str, value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return f"`{name}: {value}` must be a whole number, 0 or more"


def publication_date(name: str, value: object) -> str | None:
    if isinstance(value, dt.date):
        return None
    try:
        dt.date.fromisoformat(str(value))
        return None
    except ValueError:
        return f"date {str(value)!r} is not a real date; {DATE_HINT}"


def timex_date(name: str, value: object) -> str | None:
    """An event date at the precision known: 2021, 2021-07 or 2021-07-05."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    m = TIMEX_DATE.fullmatch(str(value))
    if not m:
        return f"event date `{value}` is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    try:
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return f"event date `{value}` is not a real date; check the month and the day"
    return None


def one_of(choices: tuple[str, ...], what: str = "") -> Check:
    def check(name: str, value: object) -> str | None:
        if value in choices:
            return None
        return f"{what or name} `{value}` is not one of {', '.join(choices)}"

    return check


def schema_version(name: str, value: object) -> str | None:
    if value == SCHEMA and not isinstance(value, bool):
        return None
    return f"`schema: {value}` is not supported; this version reads schema {SCHEMA}"


def coordinates(item: dict, key: Key, found: Findings) -> None:
    """lat and lon go together, as decimal degrees in range."""
    lat, lon = item.get("lat"), item.get("lon")
    if lat is None and lon is None:
        return
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        found.error(
            (*key, "lat" if lat is not None else "lon"), f"has `lat` or `lon` but not both; add `{missing}:`"
        )
        return
    for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            found.error(
                (*key, name), f"`{name}: {value}` is not a number; write decimal degrees such as 36.8"
            )
        elif not -limit <= value <= limit:
            found.error(
                (*key, name), f"`{name}: {value}` is out of range; it must lie between -{limit} and {limit}"
            )


def unique_ids(items: list, key: Key, found: Findings) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        eid = item.get("id") if isinstance(item, dict) else None
        if isinstance(eid, str) and eid:
            if eid in seen:
                found.error((*key, i), f"id `{eid}` is listed twice in `{key[-1]}`; merge the two entries")
            seen.add(eid)


# --- the records ---


def entity(kinds: tuple[str, ...]) -> Record:
    return Record(
        "this entry",
        {
            "id": Field(
                safe_id, missing="this entry has no `id:`; add a lower-case id such as `emomali-rahmon`"
            ),
            "name": Field(required_text, missing="this entry has no `name:`; add the name as written"),
            "kind": Field(
                one_of(kinds, "kind"), missing=f"this entry has no `kind:`; use one of {', '.join(kinds)}"
            ),
            "mentions": Field(count),
            "roles": Field(names),
            "aliases": Field(names),
            "within": Field(place_id),
            "lat": Field(),
            "lon": Field(),
            "wikidata": Field(text),
        },
        shape="a mapping such as `{id: x, name: X, kind: ...}`",
        rules=(coordinates,),
    )


EVENT = Record(
    "this event",
    {
        "date": Field(timex_date, missing="this event has no `date:`; add one (YYYY, YYYY-MM or YYYY-MM-DD)"),
        "basis": Field(
            one_of(BASES, "basis"), missing=f"this event has no `basis:`; use one of {', '.join(BASES)}"
        ),
        "status": Field(one_of(STATUSES, "status")),
        "range": Field(one_of(RANGES, "range"), level=WARNING),
        "text": Field(required_text, missing="this event has no `text:`; say what happened"),
        "actors": Field(ids),
        "locations": Field(ids),
    },
    shape="a mapping with `date`, `basis`, `text`, `actors`, `locations`",
)
QUOTE = Record(
    "this quote",
    {
        "speaker": Field(text),
        "text": Field(required_text, missing="this quote has no `text:`"),
    },
    shape="a mapping `{speaker: id, text: ...}`",
)
SOURCE = Record(
    "`source`",
    {name: Field(text) for name in ("name", "file", "sha256", "text_sha256", "url")},
    shape="a mapping: `{name: ..., file: ...}`",
)
GENERATED = Record(
    "`generated`",
    {name: Field() for name in (*MACHINE_FIELDS, BODY)},  # hashes; one that differs reads as an edit
    shape="a mapping written by ingest; delete the line",
)
BRIEF = Record(
    "the brief",
    {
        "schema": Field(
            schema_version,
            missing=f"no `schema:` field; add `schema: {SCHEMA}` on the first line",
            missing_level=WARNING,
        ),
        "id": Field(safe_id, missing="no `id:` field; add one: the file name without .md"),
        "title": Field(required_text, missing="no `title:`; add the brief's title"),
        "date": Field(
            publication_date, missing="no `date:` field; add the publication date as `date: YYYY-MM-DD`"
        ),
        "source": Field(record=SOURCE),
        "dateline": Field(text),
        "summary": Field(text),
        "actors": Field(items=entity(ACTOR_KINDS)),
        "locations": Field(items=entity(LOCATION_KINDS)),
        "events": Field(items=EVENT),
        "quotes": Field(items=QUOTE),
        "generated": Field(record=GENERATED),
    },
)
NOTE = {
    kinds: Record(
        "the note",
        {
            "name": Field(
                required_text,
                missing="no `name:` field; the page is titled with the file name",
                missing_level=WARNING,
            ),
            "kind": Field(one_of(kinds, "kind")),
            "aliases": Field(names),
            "roles": Field(names),
            "lat": Field(),
            "lon": Field(),
            "within": Field(place_id),
            "wikidata": Field(text),
        },
        rules=(coordinates,),
    )
    for kinds in (ACTOR_KINDS, LOCATION_KINDS)
}
LIST_SHAPES = {
    "actors": "a list of entries, one `- id: ...` per line",
    "locations": "a list of entries, one `- id: ...` per line",
    "events": "a list, one `- date: ...` entry per event",
    "quotes": "a list of `- {speaker: id, text: ...}` entries",
}


# --- validation ---


def validate(value: object, record: Record, key: Key = (), found: Findings | None = None) -> Findings:
    """Every problem of value against record (and the records inside it), by key."""
    found = found if found is not None else Findings()
    if not isinstance(value, dict):
        found.error(key, f"{record.what} must be {record.shape}")
        return found
    for name, spec in record.fields.items():
        item = value.get(name)
        if item is None:
            if spec.missing:
                (found.error if spec.missing_level == ERROR else found.warn)(key, spec.missing)
            continue
        at = (*key, name)
        if spec.items is not None:
            if not isinstance(item, list):
                found.error(at, f"`{name}` must be {LIST_SHAPES.get(name, 'a list')}")
                continue
            for i, entry in enumerate(item):
                validate(entry, spec.items, (*at, i), found)
            if "id" in spec.items.fields:
                unique_ids(item, at, found)
        elif spec.record is not None:
            validate(item, spec.record, at, found)
        elif spec.check is not None and (message := spec.check(name, item)):
            (found.error if spec.level == ERROR else found.warn)(at, message)
    for rule in record.rules:
        rule(value, key, found)
    for name in value:
        if name not in record.fields:
            close = difflib.get_close_matches(str(name), list(record.fields), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "it is kept but not used by the site"
            found.warn((*key, name), f"unknown field `{name}` in {record.what}; {hint}")
    return found


def validate_brief(meta: dict, stem: str) -> Findings:
    """A brief's front matter against BRIEF, and its id against its file name (the page's URL)."""
    found = validate(meta, BRIEF)
    bid = meta.get("id")
    if isinstance(bid, str) and bid != stem:
        found.error(
            ("id",), f"id `{bid}` differs from the file name; set `id: {stem}` or rename the file to {bid}.md"
        )
    return found


def validate_note(meta: dict, stem: str, kinds: tuple[str, ...]) -> Findings:
    """A curated note's front matter; its file name is its id."""
    found = validate(meta, NOTE[kinds])
    if not is_safe_slug(stem):
        found.error((), "the file name must be an id: lower-case letters, digits and hyphens, then .md")
    return found


def located(found: Findings, doc: FrontMatter, shown: str) -> list[Problem]:
    """Findings as Problems at their file lines (doc read with `lines=True`)."""
    return [Problem(shown, message, doc.line(key), level=level) for key, level, message in found.items]


def first_error(found: Findings, path: Path, shown: str) -> Problem:
    """The error a reader raises: the first by line, found again with line numbers (the rare path)."""
    doc = read_document(path, shown, lines=True)
    return min((p for p in located(found, doc, shown) if p.level == ERROR), key=lambda p: p.line or 0)
