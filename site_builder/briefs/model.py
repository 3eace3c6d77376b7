"""The Brief: one article's who, where and when, as Markdown with YAML front matter (schema 1).

Briefs are the source of truth once written. This module turns an extraction into a Brief,
writes it atomically, and reads it back: safe YAML within limits (frontmatter.py), checked
against the one schema (schema.py), so a value `briefing check` calls wrong is refused here too,
never read as a default. `generated` records a hash of each machine-made field as written, so
`ingest --update` can tell a person's edit from its own output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..atomic import write_atomic
from ..extract.model import Event, Extraction, Quote
from ..frontmatter import FrontMatter, read_document
from ..inputs.articles import Article
from ..problems import Problem
from ..slugs import slugify
from .schema import BODY, BRIEF, EVENT, MACHINE_FIELDS, SCHEMA, first_error, validate_brief

__all__ = ["BODY", "MACHINE_FIELDS", "SCHEMA", "BriefError", "write_atomic"]

ID_WORDS = 8
BriefError = Problem  # the name readers of briefs and notes have always caught
EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)} & set(EVENT.fields)  # what a brief sets


@dataclass
class EntityRef:
    """An actor or location as a brief lists it: mentions is a count, not spans."""

    id: str
    name: str
    kind: str
    mentions: int = 0
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    within: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict:
        d = {"id": self.id, "name": self.name, "kind": self.kind}
        for key in ("roles", "aliases", "within", "lat", "lon"):
            value = getattr(self, key)
            if value not in (None, []):
                d[key] = value
        d["mentions"] = self.mentions
        return d


@dataclass
class Brief:
    id: str
    title: str
    date: dt.date
    source: dict
    summary: str = ""
    dateline: str | None = None
    actors: list[EntityRef] = field(default_factory=list)
    locations: list[EntityRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    body: str = ""
    generated: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # fields a person added; kept as written
    path: Path | None = None

    def front_matter(self) -> dict:
        fm = {
            "schema": SCHEMA,
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
        }
        if self.dateline:
            fm["dateline"] = self.dateline
        fm.update(machine_fields(self))
        fm.update(self.extra)
        fm["generated"] = self.generated
        return fm


def machine_fields(brief: Brief) -> dict:
    return {
        "title": brief.title,
        "summary": brief.summary,
        "dateline": brief.dateline,
        "actors": [a.to_dict() for a in brief.actors],
        "locations": [p.to_dict() for p in brief.locations],
        "events": [event_dict(e) for e in brief.events],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in brief.quotes],
    }


def event_dict(e: Event) -> dict:
    d = {"date": e.date, "basis": e.basis, "status": e.status}
    if e.range:
        d["range"] = e.range
    d.update(text=e.text, actors=e.actors, locations=e.locations)
    return d


def field_hash(value: object) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def brief_id(date: dt.date, title: str) -> str:
    words = slugify(title).split("-")[:ID_WORDS]
    return f"{date.isoformat()}-{'-'.join(words)}"


def make_brief(article: Article, found: Extraction, source_file: str) -> Brief:
    actors = [e for e in found.entities if e.is_actor]
    places = [e for e in found.entities if e.is_place]
    source = {"name": article.source, "file": source_file, "sha256": article.sha256}
    if article.url:
        source["url"] = article.url
    brief = Brief(
        id=brief_id(article.date, found.title),
        title=found.title,
        date=article.date,
        source=source,
        summary=found.summary,
        dateline=article.dateline,
        actors=[_ref(e) for e in actors],
        locations=[_ref(e) for e in places],
        events=found.events,
        quotes=found.quotes,
        body=article_markdown(article),
    )
    brief.generated = generated_hashes(brief)
    return brief


def generated_hashes(brief: Brief) -> dict[str, str]:
    """A hash per machine-made field and of the body, as written, so a later edit is detectable."""
    hashes = {k: field_hash(v) for k, v in machine_fields(brief).items()}
    hashes[BODY] = body_hash(brief.body)
    return hashes


def body_hash(body: str) -> str:
    """Blank lines around the body do not count as an edit."""
    return field_hash(body.strip())


def _ref(e) -> EntityRef:
    return EntityRef(
        e.id, e.name, e.kind, len(e.mentions), list(e.roles), list(e.aliases), e.within, e.lat, e.lon
    )


# --- Markdown body: the article as text, never as markup ---

INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}<>&|!])")
LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Make untrusted text render as itself: no HTML, links, code or emphasis survive."""

    def inline(m: re.Match) -> str:
        ch = m.group(1)
        return {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(ch, "\\" + ch)

    text = INLINE_SPECIALS.sub(inline, text)
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def article_markdown(article: Article) -> str:
    paragraphs = []
    for i, (a, b) in enumerate(article.paragraphs):
        if article.title_span and (a, b) == article.title_span:
            continue
        text = " ".join(article.text[a:b].split())
        if i == 0 or (article.title_span and i == 1):
            if article.dateline_span and a <= article.dateline_span[0] < b:
                cut = article.dateline_span[1] - a
                rest = article.text[a + cut : b].lstrip(" :\u2014-\t")
                lead = escape_markdown(" ".join(rest.split()))
                text = f"**{escape_markdown(article.dateline or '')}** \u2014 " + lead
                paragraphs.append(text)
                continue
        paragraphs.append(escape_markdown(text))
    return "\n\n".join(paragraphs) + "\n"


# --- writing and reading ---

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe constructors either way


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """libyaml's emitter when installed: the same text as the pure-Python one, five times faster."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list):
    """Short lists of ids and names in [a, b] form, as a person would write them."""
    flow = all(isinstance(v, (str, int, float)) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def render_brief(brief: Brief) -> str:
    return render_document(brief.front_matter(), brief.body)


def render_document(meta: dict, body: str) -> str:
    """Front matter (in the order given) and body, as a brief file is written."""
    return f"---\n{render_fields(meta)}---\n\n{body}"


def render_fields(meta: dict) -> str:
    """`key: value` lines, as they stand in a brief's front matter."""
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def render_scalar(value: str) -> str:
    """A scalar as it stands after `key: `, quoted only where YAML would read it as something else."""
    return yaml.dump([value], Dumper=_Dumper, allow_unicode=True, width=100).strip()[1:-1]


def write_brief(brief: Brief, folder: Path) -> Path:
    path = folder / f"{brief.id}.md"
    write_atomic(path, render_brief(brief))
    return path


def read_brief(path: Path) -> Brief:
    """The brief in path, or a Problem at the line of its first error (the one `briefing check` gives)."""
    doc = read_document(path, str(path))
    if doc.duplicates:
        raise doc.duplicates[0]
    found = validate_brief(doc.meta, path.stem)
    if found.errors:
        raise first_error(found, path, str(path))
    return brief_from_document(doc, path)


def brief_from_document(doc: FrontMatter, path: Path) -> Brief:
    """The Brief of a file's front matter and body, once the schema has passed them."""
    return brief_from_meta(doc.meta, doc.body.removeprefix("\r\n").removeprefix("\n"), path)


def brief_from_meta(meta: dict, body: str, path: Path | None) -> Brief:
    """A Brief from front matter the schema has passed: values are taken as they are, not coerced."""
    return Brief(
        id=meta["id"],
        title=meta["title"],
        date=publication_date(meta["date"]),
        source=dict(meta.get("source") or {}),
        summary=meta.get("summary") or "",
        dateline=meta.get("dateline"),
        actors=[entity_ref(item) for item in meta.get("actors") or []],
        locations=[entity_ref(item) for item in meta.get("locations") or []],
        events=[event_from_meta(item) for item in meta.get("events") or []],
        quotes=[Quote(q.get("speaker"), q["text"]) for q in meta.get("quotes") or []],
        body=body,
        generated=dict(meta.get("generated") or {}),
        extra={k: v for k, v in meta.items() if k not in BRIEF.fields},
        path=path,
    )


def publication_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def entity_ref(item: dict) -> EntityRef:
    lat, lon = item.get("lat"), item.get("lon")
    return EntityRef(
        id=item["id"],
        name=item["name"],
        kind=item["kind"],
        mentions=item.get("mentions") or 0,
        roles=list(item.get("roles") or []),
        aliases=list(item.get("aliases") or []),
        within=item.get("within"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
    )


def event_from_meta(item: dict) -> Event:
    """Every field the Event model has and the brief sets; the date as its TIMEX3 text."""
    date = item["date"]
    values = {k: v for k, v in item.items() if k in EVENT_FIELDS and v is not None}
    values["date"] = date.isoformat() if isinstance(date, dt.date) else str(date)
    values["actors"] = list(item.get("actors") or [])
    values["locations"] = list(item.get("locations") or [])
    return Event(**values)


def brief_as_dict(brief: Brief) -> dict:
    """A JSON-ready view for exports."""
    d = {k: v for k, v in brief.front_matter().items() if k != "generated"}
    d["date"] = brief.date.isoformat()
    d["extra"] = dict(brief.extra)  # fields a person added, also merged above as written
    return d
