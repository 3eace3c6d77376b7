"""`briefing check`: every brief and curated note against schema 1, each problem at its line.

People edit briefs by hand, so a mistake must be reported where it is. Each file is read by the
one front-matter reader with line numbers and checked against the one schema (schema.py), the
same the build reads with; then what only the whole project can tell: event actors, places and
quote speakers that no brief entry or note names, a `within` no place answers to, ids used by two
briefs, a name two notes claim. Errors stop `briefing build`; warnings are printed and it goes on.
Each brief the schema passes goes into the cache of parsed briefs (cache.py), from which the
build that follows takes it instead of parsing the file again; a brief with nothing wrong in it
by itself is not parsed again by the next check while its file is unchanged: the checks across
files run on what the cache holds, and only a file with a problem is read again, for its lines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import TEMP_SUFFIX
from ..extract.model import ACTOR_KINDS, LOCATION_KINDS
from ..frontmatter import FrontMatter, read_document
from ..frontmatter import Key as Field
from ..problems import ERROR, WARNING, Problem, errors
from ..project import NOT_A_PROJECT, Project, misplaced
from .cache import BRIEF_CACHE, BriefCache, Key, file_key
from .model import Brief, EntityRef, brief_from_document
from .schema import Findings, located, validate_brief, validate_note

__all__ = ["ERROR", "WARNING", "Problem", "check_project", "errors"]


@dataclass
class Checked:
    """One file: its front matter, and what is wrong in it so far."""

    shown: str
    doc: FrontMatter
    found: Findings = field(default_factory=Findings)
    path: Path | None = None
    key: Key | None = None  # the file's size and times when it was read (cache.py)
    schema_ok: bool = False  # a brief the schema passed: the build would read it as it is
    cached: bool = False  # taken from the cache, where check had found nothing wrong in it
    clean: bool = False  # nothing wrong in it by itself: not even a warning

    @property
    def meta(self) -> dict:
        return self.doc.meta

    def problems(self) -> list[Problem]:
        """Read without line numbers (most files have no problem), found again with them."""
        doc = self.doc
        if self.found.items and self.path is not None:
            try:
                doc = read_document(self.path, self.shown, lines=True)
            except (Problem, OSError):  # changed since: the lines are those of its front matter
                pass
        return self.doc.duplicates + located(self.found, doc, self.shown)


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


def _listed(meta: dict, name: str) -> set[str]:
    items = meta.get(name)
    return (
        {e["id"] for e in items if isinstance(e, dict) and isinstance(e.get("id"), str)}
        if isinstance(items, list)
        else set()
    )


def _within(found: Findings, key: Field, item: object, known: Known) -> None:
    within = item.get("within") if isinstance(item, dict) else None
    if isinstance(within, str) and not known.is_place(within):
        found.warn((*key, "within"), f"`within: {within}` names no known place; use the id of a location")


def _refs(found: Findings, key: Field, value: object, listed: set[str], notes: set[str], what: str) -> None:
    for j, eid in enumerate(value if isinstance(value, list) else []):
        if isinstance(eid, str) and eid not in listed and eid not in notes:
            found.error(
                (*key, j), f"`{eid}` is not an id listed under `{what}:` nor a curated note; fix the id"
            )


def check_brief_refs(file: Checked, known: Known) -> None:
    """What a brief names that must be listed in it or in a note."""
    meta, found = file.meta, file.found
    actors, places = _listed(meta, "actors"), _listed(meta, "locations")
    for name in ("actors", "locations"):
        for i, item in enumerate(meta.get(name) if isinstance(meta.get(name), list) else []):
            _within(found, (name, i), item, known)
    for i, ev in enumerate(meta.get("events") if isinstance(meta.get("events"), list) else []):
        if isinstance(ev, dict):
            _refs(
                found, ("events", i, "actors"), ev.get("actors"), actors | places, known.actor_notes, "actors"
            )
            _refs(
                found, ("events", i, "locations"), ev.get("locations"), places, known.place_notes, "locations"
            )
    for i, q in enumerate(meta.get("quotes") if isinstance(meta.get("quotes"), list) else []):
        speaker = q.get("speaker") if isinstance(q, dict) else None
        if isinstance(speaker, str) and speaker not in actors | places | known.actor_notes:
            found.error(
                ("quotes", i, "speaker"),
                f"speaker `{speaker}` is not an id listed under `actors:`; fix the id",
            )


def _md_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def checked_files(project: Project) -> tuple[int, int]:
    """How many briefs and curated notes `briefing check` reads."""
    notes = len(_md_files(project.actor_notes)) + len(_md_files(project.location_notes))
    return len(_md_files(project.briefs)), notes


def check_project(project: Project, save: bool = True) -> list[Problem]:
    """Every problem in content/: briefs, actor notes and location notes, sorted by file and line.
    The briefs it parsed are kept for a build (cache.py), on disk unless `save` is False: a build in
    this process that follows takes them from memory and saves them itself."""
    if not project.content.is_dir():
        hint = (
            "no such folder; run `briefing ingest` to create it, or run from the project folder"
            if project.config_file.is_file()
            else f"no such folder, and {NOT_A_PROJECT}"
        )
        return [
            Problem(
                project.relative(project.content),
                hint,
            )
        ]
    problems: list[Problem] = []
    read: dict[Path, list[Checked]] = {}
    store = BriefCache.open(project.state / BRIEF_CACHE)
    for folder in (project.briefs, project.actor_notes, project.location_notes):
        read[folder] = []
        for path in _md_files(folder):
            shown = project.relative(path)
            try:
                key = file_key(path.stat())
                brief = store.checked(path.name, key) if folder == project.briefs else None
                if brief is not None:
                    read[folder].append(Checked(shown, _facts(brief), path=path, key=key, cached=True))
                    continue
                doc = read_document(path, shown)
                read[folder].append(Checked(shown, doc, path=path, key=key))
            except Problem as err:
                problems.append(err)
            except OSError:  # gone since it was listed: read_document says so
                continue
        for stale in sorted(folder.glob(f".*{TEMP_SUFFIX}")) if folder.is_dir() else []:
            problems.append(
                Problem(project.relative(stale), "left by an interrupted write; delete it", level=WARNING)
            )
    problems += _refused_files(project)
    briefs, actor_notes, place_notes = (
        read[project.briefs],
        read[project.actor_notes],
        read[project.location_notes],
    )
    known = Known(
        actor_notes={Path(f.shown).stem for f in actor_notes},
        place_notes={Path(f.shown).stem for f in place_notes},
    )
    for file in briefs:
        known.place_ids |= _listed(file.meta, "locations")
    ids: dict[str, list[Checked]] = defaultdict(list)
    for file in briefs:
        if not file.cached:
            file.found = validate_brief(file.meta, Path(file.shown).stem)
        file.schema_ok = not file.found.errors and not file.doc.duplicates
        file.clean = not file.found.items and not file.doc.duplicates
        check_brief_refs(file, known)
        if isinstance(file.meta.get("id"), str):
            ids[file.meta["id"]].append(file)
    for notes, kinds in ((actor_notes, ACTOR_KINDS), (place_notes, LOCATION_KINDS)):
        for file in notes:
            file.found = validate_note(file.meta, Path(file.shown).stem, kinds)
            _within(file.found, (), file.meta, known)
        _check_aliases(notes)
    claimed = {"actors": _note_names(actor_notes), "locations": _note_names(place_notes)}
    for file in briefs:
        _check_claimed(file, claimed)
    for bid, holders in ids.items():
        for file in holders if len(holders) > 1 else []:
            others = ", ".join(h.shown for h in holders if h is not file)
            file.found.error(("id",), f"id `{bid}` is also used by {others}; give each brief its own id")
    for file in briefs + actor_notes + place_notes:
        problems.extend(file.problems())
    _keep_parsed(store, briefs, save)
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def _keep_parsed(store: BriefCache, briefs: list[Checked], save: bool) -> None:
    """The briefs the schema passed, parsed, for the build (cache.py), marked clean when nothing was
    wrong in them by themselves; a file with an error is left for the build to read and report."""
    for file in briefs:
        if file.path and file.key and file.schema_ok and not file.cached:
            if store.get(file.path.name, file.key) is None:
                store.put(file.path.name, file.key, brief_from_document(file.doc, file.path))
            if file.clean:
                store.mark_clean(file.path.name, file.key)
    store.keep_only({f.path.name for f in briefs if f.path})
    if save:
        store.save()


def _facts(brief: Brief) -> FrontMatter:
    """What the checks across files read of a brief's front matter, from the brief check passed
    before: ids, names and `within` of its entries, the ids its events and quotes name. Lists keep
    their order, so a problem found here is at the same key as in the file."""

    def entries(refs: list[EntityRef]) -> list[dict]:
        return [{"id": r.id, "name": r.name, "within": r.within} for r in refs]

    meta = {
        "id": brief.id,
        "actors": entries(brief.actors),
        "locations": entries(brief.locations),
        "events": [{"actors": list(e.actors), "locations": list(e.locations)} for e in brief.events],
        "quotes": [{"speaker": q.speaker} for q in brief.quotes],
    }
    return FrontMatter(meta, "", 0, 1, 0, 0)


def _refused_files(project: Project) -> list[Problem]:
    """Files the site will not read or publish: Markdown in the wrong place under briefs/, actors/
    or locations/ (MkDocs would make a page of it, raw HTML and all), links out of the project."""
    out = []
    for path in project.content_files():
        shown = path.relative_to(project.root).as_posix()
        if why := misplaced(path.relative_to(project.content).as_posix()):
            out.append(Problem(shown, f"not read: it {why}"))
        elif path.is_symlink() and not project.contains(path):
            out.append(
                Problem(
                    shown, "links to a file or folder outside the project; copy it into the project instead"
                )
            )
    return out


def _check_aliases(notes: list[Checked]) -> None:
    """A name two notes claim cannot resolve to one id at ingest."""
    owner: dict[str, Checked] = {}
    for file in notes:
        aliases = file.meta.get("aliases")
        names = [file.meta.get("name"), *(aliases if isinstance(aliases, list) else [])]
        for name in {n.casefold() for n in names if isinstance(n, str)}:
            if name in owner and owner[name] is not file:
                file.found.warn(
                    ("aliases",),
                    f"the name `{name}` is also claimed by {owner[name].shown}; keep it in one note",
                )
            owner.setdefault(name, file)


def _note_names(notes: list[Checked]) -> dict[str, Checked]:
    """Each name and alias of the curated notes (case folded), with the note that claims it first."""
    owner: dict[str, Checked] = {}
    for file in notes:
        aliases = file.meta.get("aliases")
        for name in [file.meta.get("name"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str):
                owner.setdefault(name.casefold(), file)
    return owner


def _check_claimed(file: Checked, claimed: dict[str, dict[str, Checked]]) -> None:
    """A brief's entry that a note names under another id: the note came after the brief, and the
    site would show two pages for one actor or place until the brief takes the note's id."""
    for section, owners in claimed.items():
        entries = file.meta.get(section)
        for i, entry in enumerate(entries if isinstance(entries, list) and owners else []):
            name, eid = (entry.get("name"), entry.get("id")) if isinstance(entry, dict) else (None, None)
            note = owners.get(name.casefold()) if isinstance(name, str) and isinstance(eid, str) else None
            note_id = Path(note.shown).stem if note else eid
            if note_id != eid:
                file.found.warn(
                    (section, i, "id"),
                    f"`{name}` is a name of the curated note {note.shown}, listed here as `{eid}`: run "
                    "`briefing ingest --update` to move this brief to the note's id, "
                    f"or replace `{eid}` with `{note_id}` in this brief",
                )
