"""Which generated pages a change to briefs or notes touches: the rebuild plan of an incremental build.

A build keeps a `Shown` of what it showed: each brief page's version (its file's size and times)
and the entities it names, and how each actor and place is shown wherever it is linked (name,
kind, aliases, coordinates, enclosing place). The next build compares the two, and `stale_pages`
lists the brief, actor and place pages whose content may differ:

- a brief that was added, edited or deleted: its page, and the pages of every entity its old or
  new version names (their brief lists, event lists, co-occurrence counts and dates change);
- an edited note: its entity's page;
- an entity shown differently (renamed, new, gone, moved): every page that shows it — the briefs
  and entities that name it alongside, both its pages (actor and place), and for a place its
  descendants (their breadcrumbs) and its parent (its list of places within);
- a place whose brief count or coordinates changed: its parent's page (the list and the map);
- a list page (`list_pages`): when one of its items comes from a brief that changed or names an
  entity shown differently, or when what it shows besides its items changed.

Any other generated page (home, directories) is not tracked here and is rendered on every build;
so are exports. No MkDocs here: pages are named by their file under
docs_dir.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..briefs.model import Brief
from .corpus import Corpus, Profile
from .pages import timeline_frame, timeline_pages_of
from .views import Site

ACTORS, PLACES = "actors", "locations"
DIRECTORIES = {"briefs/index.md", f"{ACTORS}/index.md", f"{PLACES}/index.md"}

Version = str  # anything that changes when the file changes: its size and times
Display = str  # how an entity looks wherever another page links it (JSON of its fields)


def entity_page(section: str, eid: str) -> str:
    return f"{section}/{eid}.md"


def brief_entities(brief: Brief) -> frozenset[str]:
    """The pages of every actor and place a brief names: listed, in its events, quoted."""
    out = {entity_page(ACTORS, a.id) for a in brief.actors}
    out.update(entity_page(PLACES, p.id) for p in brief.locations)
    for ev in brief.events:
        out.update(entity_page(ACTORS, a) for a in ev.actors)
        out.update(entity_page(PLACES, p) for p in ev.locations)
    out.update(entity_page(ACTORS, q.speaker) for q in brief.quotes if q.speaker)
    return frozenset(out)


def _entities_of(
    src: str, brief: Brief, known: dict[str, tuple[Brief, frozenset[str]]] | None
) -> frozenset[str]:
    hit = known.get(src) if known is not None else None
    if hit is not None and hit[0] is brief:  # the brief cache gives the same object for an unchanged file
        return hit[1]
    out = brief_entities(brief)
    if known is not None:
        known[src] = (brief, out)
    return out


def display(profile: Profile) -> Display:
    fields = [profile.name, profile.kind, profile.aliases, profile.within, profile.lat, profile.lon]
    return json.dumps(fields, ensure_ascii=False)


@dataclass
class Shown:
    """What one build showed, as far as the pages of briefs, actors and places depend on it."""

    briefs: dict[str, tuple[Version, frozenset[str]]] = field(
        default_factory=dict
    )  # page -> version, entities
    notes: dict[str, Version] = field(default_factory=dict)  # entity page -> its note's version
    entities: dict[str, Display] = field(default_factory=dict)  # entity page -> display
    parents: dict[str, str] = field(default_factory=dict)  # place page -> the page of the place it is in
    counts: dict[str, int] = field(default_factory=dict)  # place page -> briefs naming it
    lists: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # page -> what else, briefs

    @classmethod
    def of(
        cls,
        corpus: Corpus,
        brief_pages: Mapping[str, Brief],
        versions: Mapping[str, Version],
        note_versions: Mapping[str, Version],
        lists: Mapping[str, tuple[str, frozenset[str]]] | None = None,
        known: dict[str, tuple[Brief, frozenset[str]]] | None = None,
    ) -> Shown:
        """brief_pages: {page: brief} as the build renders them; versions: {page: its file's version};
        lists: pages listing events or briefs (list_pages); known: {page: (brief, its entities)}
        kept between builds (`serve`), so only briefs read again are looked through again."""
        entities = {entity_page(ACTORS, p.id): display(p) for p in corpus.actors.values()}
        entities.update((entity_page(PLACES, p.id), display(p)) for p in corpus.places.values())
        return cls(
            briefs={src: (versions.get(src), _entities_of(src, b, known)) for src, b in brief_pages.items()},
            notes=dict(note_versions),
            entities=entities,
            parents={
                entity_page(PLACES, p.id): entity_page(PLACES, p.within)
                for p in corpus.places.values()
                if p.within
            },
            counts={entity_page(PLACES, p.id): len(p.briefs) for p in corpus.places.values()},
            lists=dict(lists or {}),
        )

    def pages(self) -> set[str]:
        """The pages this plan tracks: briefs, actors, places and lists."""
        return (set(self.briefs) | set(self.entities) | set(self.lists)) - DIRECTORIES


def list_pages(site: Site, brief_pages: Mapping[str, str]) -> dict[str, tuple[str, frozenset[str]]]:
    """Pages listing events or briefs that can be tracked: {page: (what it shows besides them, as
    JSON; the pages of the briefs they come from)}. brief_pages: {brief id: its page}.

    The timeline's pages: each shows its events and a frame common to all (every page's label
    and link, the latest month; the total of events on the newest page alone), so an edit that
    leaves the events alone (a title, an actor) renders again only the page holding the brief's
    events, and one that adds or removes events (a deleted brief) only the pages holding them and
    the newest page. A page showing an event of a brief that has no page is not tracked (rendered
    on every build)."""
    pages = timeline_pages_of(site)
    frame = timeline_frame(site, pages)
    shared = [
        [[p.src, p.label] for p in frame["pages"]],
        dataclasses.astuple(frame["latest"]) if frame["latest"] else None,
        frame["span"] if len(pages) == 1 else None,  # shown only when the timeline has one page
    ]
    out = {}
    for page in pages:
        briefs = {brief_pages.get(e.brief) for e in page.events}
        if None not in briefs:
            total = frame["total"] if page.is_latest else None  # shown on the newest page only
            out[page.src] = (json.dumps([*shared, total], ensure_ascii=False), frozenset(briefs))
    return out


def _changed(old: Mapping, new: Mapping) -> set:
    return {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}


def _changes(old: Shown, new: Shown) -> tuple[set[str], set[str]]:
    """The pages of the briefs that changed, and of the entities shown differently."""
    changed_briefs = {
        src for src in old.briefs.keys() | new.briefs.keys() if _version(old, src) != _version(new, src)
    }
    return changed_briefs, _changed(old.entities, new.entities)


def same_items(old: Shown | None, new: Shown) -> set[str]:
    """The list pages whose items (events, briefs) show what they showed in `old`'s build, though
    what else the page shows may differ: their lists can be kept while the page is rendered."""
    if old is None:
        return set()
    changed_briefs, moved = _changes(old, new)
    items = _stale_items(old, new, changed_briefs, moved)
    return {page for page in new.lists.keys() & old.lists.keys() if page not in items}


def stale_pages(old: Shown | None, new: Shown) -> set[str] | None:
    """The tracked pages (Shown.pages) to render again after the change from `old` to `new`;
    None when everything must be rendered (no previous build)."""
    if old is None:
        return None
    changed_briefs, moved = _changes(old, new)
    stale = set(changed_briefs)
    for src in changed_briefs:
        for shown in (old, new):
            if src in shown.briefs:
                stale |= shown.briefs[src][1]
    stale |= _changed(old.notes, new.notes)
    stale |= moved
    if moved:
        stale |= _showing(moved, new)
    stale |= _stale_lists(old, new, changed_briefs, moved)
    for page in moved | _changed(old.counts, new.counts):  # a parent lists them, with counts, on a map
        for shown in (old, new):
            if parent := shown.parents.get(page):
                stale.add(parent)
    return stale & new.pages()


def _stale_lists(old: Shown, new: Shown, changed_briefs: set[str], moved: set[str]) -> set[str]:
    """List pages that show something else, or an event of a changed brief, or a moved entity."""
    out = _stale_items(old, new, changed_briefs, moved)
    out.update(
        page for page, (shown, _) in new.lists.items() if page in old.lists and old.lists[page][0] != shown
    )
    return out


def _stale_items(old: Shown, new: Shown, changed_briefs: set[str], moved: set[str]) -> set[str]:
    """List pages with other items: another set of briefs, a changed brief, a moved entity."""
    out = set()
    for page, (_, briefs) in new.lists.items():
        before = old.lists.get(page)
        if before is None or before[1] != briefs or briefs & changed_briefs:
            out.add(page)
        elif moved and any(new.briefs[b][1] & moved for b in briefs if b in new.briefs):
            out.add(page)
    return out


def _version(shown: Shown, src: str) -> Version | None:
    hit = shown.briefs.get(src)
    return hit[0] if hit else None


def _showing(moved: Iterable[str], shown: Shown) -> set[str]:
    """Every page that shows one of the `moved` entities, in `shown`'s build."""
    moved = set(moved)
    out: set[str] = set()
    for src, (_, names) in shown.briefs.items():
        if names & moved:
            out.add(src)
            out |= names
    for page in moved:
        eid = page.split("/", 1)[1][: -len(".md")]
        out.update((entity_page(ACTORS, eid), entity_page(PLACES, eid)))
    children: dict[str, list[str]] = {}
    for page, parent in shown.parents.items():
        children.setdefault(parent, []).append(page)
    todo = [p for p in moved if p.startswith(PLACES + "/")]
    seen = set(todo)
    while todo:  # descendants show the place in their breadcrumbs
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return out | seen
