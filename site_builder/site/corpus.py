"""All briefs and curated notes -> one index: actors, places, events and who appears with whom.

Curated notes win over what briefs guessed (name, kind, roles, coordinates, within). The index
is derived on every build; the parsed briefs it is made from are reused between builds
(brief_cache.py), so only the briefs that changed are read again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..briefs.cache import BRIEF_CACHE, BriefCache, Key, file_key
from ..briefs.model import Brief, EntityRef, read_brief
from ..briefs.notes import Note, read_notes
from ..extract.model import ACTOR_KINDS, LOCATION_KINDS
from ..problems import Problem
from ..project import Project

WITH_MOST = 50  # actors and places per brief that count for "appears with"
OUTSIDE = "is a link to a file outside the project; copy the file into the project instead"


@dataclass
class TimelineEvent:
    date: str  # TIMEX3 calendar value: 2021, 2021-07 or 2021-07-05
    basis: str
    text: str
    brief: str  # brief id
    actors: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    range: str | None = None
    status: str = "happened"  # happened | ongoing | expected

    @property
    def month(self) -> str:
        """The month group: 2021-07, or the year alone for a year-precision date."""
        return self.date[:7]

    @property
    def sort_key(self) -> tuple:
        # a less precise date sorts before the more precise dates it contains
        return (self.date[:4], self.date[5:7] or "00", self.date[8:10] or "00", self.brief)


@dataclass
class Profile:
    """An actor or a place across every brief that names it."""

    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    note: Note | None = None
    briefs: list[str] = field(default_factory=list)
    mentions: int = 0
    events: list[TimelineEvent] = field(default_factory=list)
    with_actors: Counter = field(default_factory=Counter)
    with_places: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Corpus:
    briefs: dict[str, Brief]
    actors: dict[str, Profile]
    places: dict[str, Profile]
    events: list[TimelineEvent]
    errors: list[Problem] = field(default_factory=list)

    def brief_list(self) -> list[Brief]:
        """Newest first."""
        return sorted(self.briefs.values(), key=lambda b: (b.date, b.id), reverse=True)

    def ancestors(self, place_id: str) -> list[Profile]:
        """The places a place lies within, outermost first; stops at a loop or an unknown id."""
        chain, seen = [], {place_id}
        current = self.places.get(place_id)
        while current and current.within and current.within not in seen:
            seen.add(current.within)
            current = self.places.get(current.within)
            if current:
                chain.append(current)
        return list(reversed(chain))

    def children(self, place_id: str) -> list[Profile]:
        return sorted((p for p in self.places.values() if p.within == place_id), key=lambda p: p.name)


def load_briefs(
    folder: Path,
    cache: Path | BriefCache | None = None,
    versions: dict[str, Key] | None = None,
) -> tuple[list[Brief], list[Problem]]:
    """Every brief in folder, in file-name order; with a cache (a file, or one kept open between
    builds), unchanged briefs are not re-read. `versions` receives each file's name -> its key."""
    store = BriefCache.open(cache) if isinstance(cache, Path) else cache
    briefs, errors, names = [], [], set()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            key = file_key(path.stat())
        except OSError:
            key = None
        if versions is not None and key:
            versions[path.name] = key
        brief = store.get(path.name, key) if store and key else None
        if brief is None:
            try:
                brief = read_brief(path)
            except Problem as err:
                errors.append(err)
                continue
            if store and key:
                store.put(path.name, key, brief)
        brief.path = path
        names.add(path.name)
        briefs.append(brief)
    if store:
        store.keep_only(names)
        if isinstance(cache, Path):
            store.save()
    return briefs, errors


def load_corpus(
    project: Project, cache: BriefCache | None = None, versions: dict[str, Key] | None = None
) -> Corpus:
    """The corpus of a project; `cache` kept open between builds saves re-reading the cache file
    (the caller saves it); `versions` receives each brief file's name -> its key."""
    return build_corpus(*load_inputs(project, cache, versions))


def load_inputs(
    project: Project, cache: BriefCache | None = None, versions: dict[str, Key] | None = None
) -> tuple[list[Brief], dict[str, Note], dict[str, Note], list[Problem]]:
    """What a corpus is made of: the briefs in file-name order, the actor and place notes, and
    the problems met reading them (files linking out of the project are refused)."""
    briefs, errors = load_briefs(project.briefs, cache or project.state / BRIEF_CACHE, versions)
    actor_notes, e1 = read_notes(project.actor_notes, ACTOR_KINDS)
    place_notes, e2 = read_notes(project.location_notes, LOCATION_KINDS)

    every = [*briefs, *actor_notes.values(), *place_notes.values()]
    paths = [item.path for item in every if item.path is not None]
    refused = {path for path, ok in zip(paths, project.inside(paths), strict=True) if not ok}

    def outside(item: Brief | Note) -> bool:  # a link out of the project is refused
        return item.path in refused

    errors += e1 + e2 + [Problem(item.path, OUTSIDE) for item in every if outside(item)]
    briefs = [b for b in briefs if not outside(b)]
    actor_notes = {k: n for k, n in actor_notes.items() if not outside(n)}
    place_notes = {k: n for k, n in place_notes.items() if not outside(n)}
    return briefs, actor_notes, place_notes, errors


def build_corpus(
    briefs: list[Brief],
    actor_notes: dict[str, Note],
    place_notes: dict[str, Note],
    errors: list[Problem] | None = None,
    items: list[list[TimelineEvent]] | None = None,
) -> Corpus:
    """The index of every brief, in the order given (file-name order). `items` receives each
    brief's events as the index holds them (corpus_update.py keeps them between builds)."""
    actors: dict[str, Profile] = {}
    places: dict[str, Profile] = {}
    events: list[TimelineEvent] = []
    by_id: dict[str, Brief] = {}
    for brief in briefs:
        by_id[brief.id] = brief
        for ref in brief.actors:
            _add(actors, ref, brief)
        for ref in brief.locations:
            _add(places, ref, brief)
        actor_ids, place_ids = most_mentioned(brief.actors), most_mentioned(brief.locations)
        for group in (actors, places):
            for eid in dict.fromkeys([*actor_ids, *place_ids]):
                if eid not in group:
                    continue
                profile = group[eid]
                profile.with_actors.update(a for a in actor_ids if a != eid)
                profile.with_places.update(p for p in place_ids if p != eid)
        mine = timeline_events(brief)
        if items is not None:
            items.append(mine)
        for ev, item in zip(brief.events, mine, strict=True):
            events.append(item)
            for eid in ev.actors:
                if eid in actors:
                    actors[eid].events.append(item)
            for eid in ev.locations:
                if eid in places:
                    places[eid].events.append(item)
    for profile in [*actors.values(), *places.values()]:
        name_profile(profile)
    apply_notes(actors, actor_notes, "person")
    apply_notes(places, place_notes, "place")
    add_enclosing_places(places)
    events.sort(key=lambda e: e.sort_key)
    for profile in [*actors.values(), *places.values()]:
        sort_profile(profile, by_id)
    return Corpus(by_id, actors, places, events, list(errors or []))


def timeline_events(brief: Brief) -> list[TimelineEvent]:
    """A brief's events as the timeline shows them."""
    return [
        TimelineEvent(ev.date, ev.basis, ev.text, brief.id, ev.actors, ev.locations, ev.range, ev.status)
        for ev in brief.events
    ]


def name_profile(profile: Profile) -> None:
    """The name and kind most briefs give an entity; the names other briefs give it are aliases."""
    profile.name = profile.names.most_common(1)[0][0]
    profile.kind = profile.kinds.most_common(1)[0][0]
    others = [n for n, _ in profile.names.most_common()]
    profile.aliases = [a for a in dict.fromkeys([*profile.aliases, *others]) if a != profile.name]


def sort_profile(profile: Profile, by_id: dict[str, Brief]) -> None:
    """Events in date order; briefs newest first."""
    profile.events.sort(key=lambda e: e.sort_key)
    profile.briefs.sort(key=lambda b: (by_id[b].date, b), reverse=True)


def most_mentioned(refs: list[EntityRef]) -> list[str]:
    """The ids of a brief that count for co-occurrence: its WITH_MOST most-mentioned (pairs grow
    with the square of the ids, and a brief listing thousands would cost minutes and gigabytes)."""
    ids = dict.fromkeys(r.id for r in sorted(refs, key=lambda r: -r.mentions))
    return list(ids)[:WITH_MOST]


def _add(group: dict[str, Profile], ref: EntityRef, brief: Brief) -> None:
    add_ref(group.setdefault(ref.id, Profile(ref.id, ref.name, ref.kind)), ref, brief)


def add_ref(profile: Profile, ref: EntityRef, brief: Brief) -> None:
    """What one brief's listing of an entity adds to its profile."""
    profile.names[ref.name] += 1
    profile.kinds[ref.kind] += 1
    if brief.id not in profile.briefs:
        profile.briefs.append(brief.id)
    profile.mentions += ref.mentions
    profile.roles.extend(r for r in ref.roles if r not in profile.roles)
    profile.aliases.extend(a for a in ref.aliases if a not in profile.aliases and a != ref.name)
    profile.within = profile.within or ref.within
    if profile.lat is None and ref.lat is not None and ref.lon is not None:
        profile.lat, profile.lon = ref.lat, ref.lon


def apply_notes(group: dict[str, Profile], notes: dict[str, Note], default_kind: str) -> None:
    for note in notes.values():
        profile = group.setdefault(note.id, Profile(note.id, note.name, note.kind or default_kind))
        profile.note = note
        profile.name = note.name
        profile.kind = note.kind or profile.kind
        profile.roles = list(dict.fromkeys([*note.roles, *profile.roles]))
        profile.aliases = [a for a in dict.fromkeys([*note.aliases, *profile.aliases]) if a != note.name]
        profile.within = note.within or profile.within
        if note.lat is not None and note.lon is not None:
            profile.lat, profile.lon = note.lat, note.lon


def add_enclosing_places(places: dict[str, Profile]) -> None:
    """Give every `within` a page when the gazetteer knows it, so breadcrumbs always link."""
    from ..extract import places as gazetteer

    pending = [p.within for p in places.values() if p.within]
    while pending:
        pid = pending.pop()
        if pid in places:
            continue
        known = gazetteer.get(pid)
        if not known:
            continue
        places[pid] = Profile(
            known.id, known.name, known.kind, within=known.within, lat=known.lat, lon=known.lon
        )
        if known.within:
            pending.append(known.within)
