"""Validate every brief and curated note against schema 1, with the line of each problem.

People edit briefs by hand, so a mistake must be reported where it is: each Problem carries the
file and the line (from the YAML node marks of `yaml.compose`, safe loader only) and says what
is wrong and how to fix it. Errors stop `briefing build`; warnings (unknown fields, a `within`
that names no known place) are printed and the build goes on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..extract.model import ACTOR_KINDS, LOCATION_KINDS
from ..project import Project
from ..slugs import is_safe_slug
from .model import BODY, FRONT_MATTER, KNOWN_FIELDS, MACHINE_FIELDS, SCHEMA
from .notes import NOTE_FIELDS

ERROR, WARNING = "error", "warning"
BASES = ("stated", "reported")
RANGES = ("since", "until", "before", "after")
TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
ENTITY_KEYS = {"id", "name", "kind", "mentions", "roles", "aliases", "within", "lat", "lon", "wikidata"}
EVENT_KEYS = {"date", "basis", "range", "text", "actors", "locations"}
QUOTE_KEYS = {"speaker", "text"}
SOURCE_KEYS = {"name", "file", "sha256", "text_sha256", "url"}

Key = tuple  # a path into the front matter: ("actors", 0, "kind")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    level: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == ERROR]


@dataclass
class FrontMatter:
    """One file's parsed front matter, the file line of every key and item, and its problems."""

    path: str
    meta: dict = field(default_factory=dict)
    lines: dict[Key, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, key: Key) -> int:
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)

    def error(self, key: Key, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(key), ERROR, message))

    def warn(self, key: Key, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(key), WARNING, message))


# --- reading, with line numbers ---


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe constructors either way


def read_front_matter(path: Path, shown: str) -> FrontMatter | Problem:
    """The file's front matter with line numbers, or the one Problem that stops reading it."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        return Problem(shown, None, ERROR, f"cannot be read ({err.strerror}); check its permissions")
    except UnicodeDecodeError as err:
        return Problem(shown, None, ERROR, f"is not UTF-8 text (byte {err.start}); re-save it as UTF-8")
    m = FRONT_MATTER.match(text)
    if not m:
        return Problem(
            shown, 1, ERROR, "has no YAML front matter; start the file with `---`, the fields, then `---`"
        )
    block = m.group(1) or ""
    try:
        try:  # libyaml when installed: same nodes and values, ~7x faster, which counts at thousands of briefs
            node, meta = _compose_and_load(block, FAST_LOADER)
        except yaml.YAMLError:  # libyaml words its errors differently: the reference loader reports them
            node, meta = _compose_and_load(block, yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        line = mark.line + 2 if mark else 1
        return Problem(shown, line, ERROR, f"front matter is not valid YAML ({problem}); fix the syntax here")
    except ValueError as err:  # a date such as 2021-02-30: well-formed, but the safe loader cannot build it
        line, value = _impossible_date(yaml.compose(block, Loader=yaml.SafeLoader))
        return Problem(
            shown, line, ERROR, f"`{value}` is not a real date ({err}); check the month and the day"
        )
    fm = FrontMatter(shown)
    if node is not None:
        _index(node, (), fm)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return Problem(shown, 2, ERROR, "front matter must be a mapping of `key: value` lines")
    fm.meta = meta
    return fm


def _compose_and_load(block: str, loader_class: type) -> tuple[yaml.Node | None, object]:
    """One parse gives both the node tree (for line numbers) and the safe-loaded values."""
    loader = loader_class(block)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _impossible_date(node: yaml.Node | None) -> tuple[int, str]:
    """The file line and text of the first date-shaped value that is no real date."""
    todo = [node] if node is not None else []
    while todo:
        n = todo.pop(0)
        if isinstance(n, yaml.ScalarNode) and n.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader(n.value).construct_yaml_timestamp(n)
            except ValueError:
                return n.start_mark.line + 2, n.value
        elif isinstance(n, yaml.MappingNode):
            todo.extend(v for pair in n.value for v in pair)
        elif isinstance(n, yaml.SequenceNode):
            todo.extend(n.value)
    return 2, "a date"


def _index(node: yaml.Node, key: Key, fm: FrontMatter) -> None:
    """Record the file line of every key and list item; report keys written twice."""
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark)
            fm.lines[(*key, name)] = k.start_mark.line + 2
            if name in seen:
                fm.error(
                    (*key, name), f"`{name}` is written twice; YAML keeps only the last one, remove the other"
                )
            seen.add(name)
            _index(v, (*key, name), fm)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            fm.lines[(*key, i)] = item.start_mark.line + 2
            _index(item, (*key, i), fm)


# --- the rules ---


@dataclass
class Known:
    """Ids that resolve across the project: every brief's places and every curated note."""

    place_ids: set[str] = field(default_factory=set)
    actor_notes: set[str] = field(default_factory=set)
    place_notes: set[str] = field(default_factory=set)

    def is_place(self, pid: str) -> bool:
        if pid in self.place_ids or pid in self.place_notes:
            return True
        from ..extract import places as gazetteer

        return gazetteer.get(pid) is not None


def _unknown(fm: FrontMatter, key: Key, keys: object, allowed: set[str], what: str) -> None:
    for k in keys if isinstance(keys, dict) else []:
        if k not in allowed:
            close = difflib.get_close_matches(str(k), sorted(allowed), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "it is kept but not used by the site"
            fm.warn((*key, k), f"unknown field `{k}` in {what}; {hint}")


def _is_real_date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def _timex_problem(value: object) -> str | None:
    if isinstance(value, dt.date):
        return None
    m = TIMEX_DATE.fullmatch(str(value))
    if not m:
        return "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return "is not a real date; check the month and the day"
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _check_coordinates(fm: FrontMatter, key: Key, item: dict) -> None:
    lat, lon = item.get("lat"), item.get("lon")
    if lat is None and lon is None:
        return
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        fm.error(
            (*key, "lat" if lat is not None else "lon"), f"has `lat` or `lon` but not both; add `{missing}:`"
        )
        return
    for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        number = _number(value)
        if number is None:
            fm.error((*key, name), f"`{name}: {value}` is not a number; write decimal degrees such as 36.8")
        elif not -limit <= number <= limit:
            fm.error(
                (*key, name), f"`{name}: {value}` is out of range; it must lie between -{limit} and {limit}"
            )


def _check_strings(fm: FrontMatter, key: Key, value: object, what: str) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fm.error(key, f"`{what}` must be a list of names, e.g. [{what[:-1]} one, {what[:-1]} two]")


def _check_entity(fm: FrontMatter, key: Key, item: object, kinds: tuple, known: Known) -> str | None:
    if not isinstance(item, dict):
        fm.error(key, "each entry must be a mapping such as `{id: x, name: X, kind: ...}`")
        return None
    eid = item.get("id")
    if not eid:
        fm.error(key, "this entry has no `id:`; add a lower-case id such as `emomali-rahmon`")
    elif not isinstance(eid, str) or not is_safe_slug(eid):
        fm.error((*key, "id"), f"id `{eid}` is not a safe id; use lower-case letters, digits and hyphens")
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        fm.error(
            (*key, "name") if "name" in item else key, "this entry has no `name:`; add the name as written"
        )
    kind = item.get("kind")
    if kind not in kinds:
        fm.error((*key, "kind") if "kind" in item else key, f"kind `{kind}` is not one of {', '.join(kinds)}")
    mentions = item.get("mentions")
    if mentions is not None and (isinstance(mentions, bool) or not isinstance(mentions, int) or mentions < 0):
        fm.error((*key, "mentions"), f"`mentions: {mentions}` must be a whole number, 0 or more")
    _check_strings(fm, (*key, "roles"), item.get("roles"), "roles")
    _check_strings(fm, (*key, "aliases"), item.get("aliases"), "aliases")
    _check_coordinates(fm, key, item)
    within = item.get("within")
    if within is not None and not (isinstance(within, str) and known.is_place(within)):
        fm.warn((*key, "within"), f"`within: {within}` names no known place; use the id of a location")
    _unknown(fm, key, item, ENTITY_KEYS, "this entry")
    return eid if isinstance(eid, str) else None


def _entities(fm: FrontMatter, name: str, kinds: tuple, known: Known) -> set[str]:
    items = fm.meta.get(name)
    if items is None:
        return set()
    if not isinstance(items, list):
        fm.error((name,), f"`{name}` must be a list of entries, one `- id: ...` per line")
        return set()
    ids: dict[str, int] = {}
    for i, item in enumerate(items):
        eid = _check_entity(fm, (name, i), item, kinds, known)
        if eid is None:
            continue
        if eid in ids:
            fm.error((name, i), f"id `{eid}` is listed twice in `{name}`; merge the two entries")
        ids[eid] = i
    return set(ids)


def _check_ids(
    fm: FrontMatter, key: Key, value: object, listed: set[str], notes: set[str], what: str
) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        fm.error(key, f"`{key[-1]}` must be a list of ids, e.g. [tajikistan]")
        return
    for j, eid in enumerate(value):
        if not isinstance(eid, str) or (eid not in listed and eid not in notes):
            fm.error((*key, j), f"`{eid}` is not an id listed under `{what}:` nor a curated note; fix the id")


def _check_events(fm: FrontMatter, actors: set[str], places: set[str], known: Known) -> None:
    items = fm.meta.get("events")
    if items is None:
        return
    if not isinstance(items, list):
        fm.error(("events",), "`events` must be a list, one `- date: ...` entry per event")
        return
    for i, ev in enumerate(items):
        key = ("events", i)
        if not isinstance(ev, dict):
            fm.error(key, "each event must be a mapping with `date`, `basis`, `text`, `actors`, `locations`")
            continue
        if ev.get("date") is None:
            fm.error(key, "this event has no `date:`; add one (YYYY, YYYY-MM or YYYY-MM-DD)")
        elif problem := _timex_problem(ev["date"]):
            fm.error((*key, "date"), f"event date `{ev['date']}` {problem}")
        if ev.get("basis") not in BASES:
            fm.error((*key, "basis") if "basis" in ev else key, f"`basis` must be one of {', '.join(BASES)}")
        if ev.get("range") is not None and ev["range"] not in RANGES:
            fm.warn((*key, "range"), f"`range: {ev['range']}` is not one of {', '.join(RANGES)}")
        if not isinstance(ev.get("text"), str) or not ev["text"].strip():
            fm.error((*key, "text") if "text" in ev else key, "this event has no `text:`; say what happened")
        _check_ids(fm, (*key, "actors"), ev.get("actors"), actors | places, known.actor_notes, "actors")
        _check_ids(fm, (*key, "locations"), ev.get("locations"), places, known.place_notes, "locations")
        _unknown(fm, key, ev, EVENT_KEYS, "this event")


def _check_quotes(fm: FrontMatter, actors: set[str], places: set[str], known: Known) -> None:
    items = fm.meta.get("quotes")
    if items is None:
        return
    if not isinstance(items, list):
        fm.error(("quotes",), "`quotes` must be a list of `- {speaker: id, text: ...}` entries")
        return
    for i, q in enumerate(items):
        key = ("quotes", i)
        if not isinstance(q, dict):
            fm.error(key, "each quote must be a mapping `{speaker: id, text: ...}`")
            continue
        speaker = q.get("speaker")
        if speaker is not None and (
            not isinstance(speaker, str) or speaker not in actors | places | known.actor_notes
        ):
            fm.error(
                (*key, "speaker"), f"speaker `{speaker}` is not an id listed under `actors:`; fix the id"
            )
        if not isinstance(q.get("text"), str) or not q["text"].strip():
            fm.error((*key, "text") if "text" in q else key, "this quote has no `text:`")
        _unknown(fm, key, q, QUOTE_KEYS, "this quote")


def check_brief(fm: FrontMatter, stem: str, known: Known) -> None:
    meta = fm.meta
    if "schema" not in meta:
        fm.warn((), f"no `schema:` field; add `schema: {SCHEMA}` on the first line")
    elif meta["schema"] != SCHEMA:
        fm.error(
            ("schema",), f"`schema: {meta['schema']}` is not supported; this version reads schema {SCHEMA}"
        )
    bid = meta.get("id")
    if not bid:
        fm.error((), f"no `id:` field; add `id: {stem}` (the file name without .md)")
    elif str(bid) != stem:
        fm.error(
            ("id",), f"id `{bid}` differs from the file name; set `id: {stem}` or rename the file to {bid}.md"
        )
    elif not is_safe_slug(stem):
        fm.error(("id",), f"id `{bid}` is not a safe id; use lower-case letters, digits and hyphens only")
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        fm.error(("title",), "no `title:`; add the brief's title")
    if "date" not in meta:
        fm.error((), "no `date:` field; add the publication date as `date: YYYY-MM-DD`")
    elif not _is_real_date(meta["date"]):
        fm.error(("date",), f"date `{meta['date']}` is not a real date; write it as YYYY-MM-DD")
    source = meta.get("source")
    if source is not None and not isinstance(source, dict):
        fm.error(("source",), "`source` must be a mapping: `{name: ..., file: ...}`")
    elif isinstance(source, dict):
        _unknown(fm, ("source",), source, SOURCE_KEYS, "`source`")
    for name in ("summary", "dateline"):
        if meta.get(name) is not None and not isinstance(meta[name], str):
            fm.error((name,), f"`{name}` must be text; put it in quotes")
    generated = meta.get("generated")
    if generated is not None and not isinstance(generated, dict):
        fm.error(("generated",), "`generated` is written by ingest and must be a mapping; delete the line")
    elif isinstance(generated, dict):
        _unknown(fm, ("generated",), generated, {*MACHINE_FIELDS, BODY}, "`generated`")
    actors = _entities(fm, "actors", ACTOR_KINDS, known)
    places = _entities(fm, "locations", LOCATION_KINDS, known)
    _check_events(fm, actors, places, known)
    _check_quotes(fm, actors, places, known)
    _unknown(fm, (), meta, KNOWN_FIELDS, "the brief")


def check_note(fm: FrontMatter, stem: str, kinds: tuple, known: Known) -> None:
    meta = fm.meta
    if not is_safe_slug(stem):
        fm.error((), "the file name must be an id: lower-case letters, digits and hyphens, then .md")
    if "name" not in meta:
        fm.warn((), f"no `name:` field; the page will be titled `{stem}`")
    elif not isinstance(meta["name"], str) or not meta["name"].strip():
        fm.error(("name",), "`name` must be the entity's name as text")
    kind = meta.get("kind")
    if kind is not None and kind not in kinds:
        fm.error(("kind",), f"kind `{kind}` is not one of {', '.join(kinds)}")
    _check_strings(fm, ("aliases",), meta.get("aliases"), "aliases")
    _check_strings(fm, ("roles",), meta.get("roles"), "roles")
    _check_coordinates(fm, (), meta)
    within = meta.get("within")
    if within is not None and not (isinstance(within, str) and known.is_place(within)):
        fm.warn(("within",), f"`within: {within}` names no known place; use the id of a location")
    _unknown(fm, (), meta, NOTE_FIELDS, "the note")


# --- the whole project ---


def _md_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def check_project(project: Project) -> list[Problem]:
    """Every problem in content/: briefs, actor notes and location notes, sorted by file and line."""
    if not project.content.is_dir():
        return [
            Problem(
                project.relative(project.content),
                None,
                ERROR,
                "no such folder; run `briefing ingest` to create it, or run from the project folder",
            )
        ]
    problems: list[Problem] = []
    parsed: dict[Path, FrontMatter] = {}
    folders = [project.briefs, project.actor_notes, project.location_notes]
    for folder in folders:
        for path in _md_files(folder):
            fm = read_front_matter(path, project.relative(path))
            if isinstance(fm, Problem):
                problems.append(fm)
            else:
                parsed[path] = fm
        for stale in sorted(folder.glob(".*.tmp")) if folder.is_dir() else []:
            problems.append(
                Problem(project.relative(stale), None, WARNING, "left by an interrupted write; delete it")
            )
    known = Known(
        actor_notes={p.stem for p in parsed if p.parent == project.actor_notes},
        place_notes={p.stem for p in parsed if p.parent == project.location_notes},
    )
    for path, fm in parsed.items():
        if path.parent == project.briefs and isinstance(fm.meta.get("locations"), list):
            known.place_ids.update(
                str(p["id"]) for p in fm.meta["locations"] if isinstance(p, dict) and p.get("id")
            )
    ids: dict[str, list[FrontMatter]] = defaultdict(list)
    for path, fm in parsed.items():
        if path.parent == project.briefs:
            check_brief(fm, path.stem, known)
            if fm.meta.get("id"):
                ids[str(fm.meta["id"])].append(fm)
        else:
            kinds = ACTOR_KINDS if path.parent == project.actor_notes else LOCATION_KINDS
            check_note(fm, path.stem, kinds, known)
    for bid, holders in ids.items():
        if len(holders) > 1:
            for fm in holders:
                others = ", ".join(h.path for h in holders if h is not fm)
                fm.error(("id",), f"id `{bid}` is also used by {others}; give each brief its own id")
    _check_aliases([fm for p, fm in parsed.items() if p.parent == project.actor_notes])
    _check_aliases([fm for p, fm in parsed.items() if p.parent == project.location_notes])
    for fm in parsed.values():
        problems.extend(fm.problems)
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def _check_aliases(notes: list[FrontMatter]) -> None:
    """A name two notes claim cannot resolve to one id at ingest."""
    owner: dict[str, FrontMatter] = {}
    for fm in notes:
        aliases = fm.meta.get("aliases")
        names = [fm.meta.get("name"), *(aliases if isinstance(aliases, list) else [])]
        for name in {n.casefold() for n in names if isinstance(n, str)}:
            if name in owner and owner[name] is not fm:
                fm.warn(
                    ("aliases",),
                    f"the name `{name}` is also claimed by {owner[name].path}; keep it in one note",
                )
            owner.setdefault(name, fm)
