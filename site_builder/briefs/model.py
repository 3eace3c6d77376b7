"""The Brief: one article's who, where and when, as Markdown with YAML front matter (schema 1).

Briefs are the source of truth once written. This module turns an extraction into a Brief,
writes it atomically, and reads it back with safe YAML only. `generated` records a hash of each
machine-made field as written, so `ingest --update` can tell a person's edit from its own output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..extract.model import Event, Extraction, Quote
from ..inputs.articles import Article
from ..slugs import slugify

SCHEMA = 1
MACHINE_FIELDS = ("title", "summary", "dateline", "actors", "locations", "events", "quotes")
KNOWN_FIELDS = {
    "schema",
    "id",
    "title",
    "date",
    "source",
    "dateline",
    "summary",
    "generated",
    *MACHINE_FIELDS,
}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
ID_WORDS = 8
BODY = "body"  # the key of the body's hash in `generated`


class BriefError(ValueError):
    """A brief or note that cannot be read; str() is `FILE:LINE: what is wrong and how to fix it`."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line or 1}: {message}")


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
    d = {"date": e.date, "basis": e.basis}
    if e.status != "happened":
        d["status"] = e.status
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
    head = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{head}---\n\n{body}"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_brief(brief: Brief, folder: Path) -> Path:
    path = folder / f"{brief.id}.md"
    write_atomic(path, render_brief(brief))
    return path


def safe_yaml(text: str) -> object:
    """yaml.safe_load through libyaml when installed (same results, ~7x faster: it counts at 4000
    briefs); on an error the pure-Python loader runs again, so messages stay the documented ones."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def split_front_matter(text: str, path: Path | str) -> tuple[dict, str, int]:
    """(front matter mapping, body, line where the body starts); safe YAML only."""
    m = FRONT_MATTER.match(text)
    if not m:
        raise BriefError(path, "has no YAML front matter; the file must start with a `---` line", 1)
    try:
        meta = safe_yaml(m.group(1) or "") or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        message = f"front matter is not valid YAML: {problem}; fix the syntax on this line"
        raise BriefError(path, message, line) from err
    except ValueError as err:  # a well-formed but impossible date, such as 2021-02-30
        message = f"front matter holds an impossible date ({err}); `briefing check` shows the line"
        raise BriefError(path, message) from err
    if not isinstance(meta, dict):
        raise BriefError(path, "front matter must be a mapping of `key: value` lines", 2)
    return meta, text[m.end() :], text[: m.end()].count("\n") + 1


def read_brief(path: Path) -> Brief:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark from a Windows editor is no error
    except UnicodeDecodeError as err:
        raise BriefError(path, "is not UTF-8 text; re-save it as UTF-8") from err
    meta, body, _ = split_front_matter(text, path)
    try:
        return brief_from_dict(meta, body.removeprefix("\r\n").removeprefix("\n"), path)
    except BriefError:
        raise
    except (TypeError, ValueError, AttributeError) as err:  # a hand-edited field of the wrong type
        message = f"a field has the wrong type ({err}); `briefing check` shows which line"
        raise BriefError(path, message) from err


def _date(value: object, path: Path, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise BriefError(path, f"{what} {value!r} is not a date; write it as YYYY-MM-DD") from err


def _refs(items: object, path: Path, what: str) -> list[EntityRef]:
    out = []
    for item in items or []:
        if not isinstance(item, dict) or not item.get("id"):
            raise BriefError(path, f"each entry of `{what}` needs at least `id:`, `name:` and `kind:`")
        out.append(
            EntityRef(
                id=str(item["id"]),
                name=str(item.get("name") or item["id"]),
                kind=str(item.get("kind") or "place"),
                mentions=_count(item.get("mentions")),
                roles=[str(r) for r in item.get("roles") or []],
                aliases=[str(a) for a in item.get("aliases") or []],
                within=str(item["within"]) if item.get("within") else None,
                lat=_float(item.get("lat")),
                lon=_float(item.get("lon")),
            )
        )
    return out


def _count(value: object) -> int:
    """A hand-edited count that is not a number reads as 0 (`briefing check` reports it)."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _float(value: object) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _events(items: object) -> list[Event]:
    out = []
    for item in items or []:
        if isinstance(item, dict) and item.get("date") is not None:
            out.append(
                Event(
                    date=str(item["date"]),
                    basis=str(item.get("basis") or "stated"),
                    text=str(item.get("text") or ""),
                    actors=[str(a) for a in item.get("actors") or []],
                    locations=[str(p) for p in item.get("locations") or []],
                    range=item.get("range"),
                    status=str(item.get("status") or "happened"),
                )
            )
    return out


def brief_from_dict(meta: dict, body: str, path: Path) -> Brief:
    if not meta.get("id"):
        raise BriefError(path, "has no `id:`; add one (the file name without .md)", 2)
    source = meta.get("source") or {}
    if not isinstance(source, dict):
        source = {"name": str(source)}
    return Brief(
        id=str(meta["id"]),
        title=str(meta.get("title") or meta["id"]),
        date=_date(meta.get("date"), path, "date"),
        source=source,
        summary=str(meta.get("summary") or ""),
        dateline=meta.get("dateline"),
        actors=_refs(meta.get("actors"), path, "actors"),
        locations=_refs(meta.get("locations"), path, "locations"),
        events=_events(meta.get("events")),
        quotes=[
            Quote(q.get("speaker"), str(q.get("text") or ""))
            for q in meta.get("quotes") or []
            if isinstance(q, dict)
        ],
        body=body,
        generated=dict(meta.get("generated") or {}),
        extra={k: v for k, v in meta.items() if k not in KNOWN_FIELDS},
        path=path,
    )


def brief_as_dict(brief: Brief) -> dict:
    """A JSON-ready view for exports."""
    d = {k: v for k, v in brief.front_matter().items() if k != "generated"}
    d["date"] = brief.date.isoformat()
    d["extra"] = dict(brief.extra)  # fields a person added, also merged above as written
    return d
