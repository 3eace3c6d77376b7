"""The corpus index after an edit to a few briefs, updated rather than made again from every brief.

`briefing serve` keeps a `LiveCorpus` between rebuilds. After briefs were edited, added or
deleted (notes unchanged), only the profiles of the actors and places that the old or new
versions of those briefs name are made again, each from the briefs naming it, taken in the
order the full build takes them (file-name order), so every field comes out as `build_corpus`
makes it, the order of lists, counters and dicts included (tests/test_corpus_update.py). The
events list is the old one without the changed briefs' events, plus their new ones, sorted as
the full build sorts them; enclosing places from the gazetteer are added again. Anything this
cannot follow exactly (changed notes, two files with one brief id, a brief without a file) means
a full build of the index.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..briefs.model import Brief
from ..briefs.notes import Note
from ..problems import Problem
from .corpus import (
    Corpus,
    Profile,
    TimelineEvent,
    add_enclosing_places,
    add_ref,
    apply_notes,
    build_corpus,
    most_mentioned,
    name_profile,
    sort_profile,
    timeline_events,
)

ACTORS, PLACES = "actors", "locations"


@dataclass
class LiveCorpus:
    """The index and what an update needs besides: every brief by file name (in file order), the
    notes it was made with, each brief's events as the index holds them, its most-mentioned ids,
    and which briefs name each entity."""

    corpus: Corpus
    briefs: dict[str, Brief]
    actor_notes: dict[str, Note]
    place_notes: dict[str, Note]
    items: dict[str, list[TimelineEvent]]
    most: dict[str, tuple[list[str], list[str]]]
    named_in: dict[tuple[str, str], set[str]]  # (section, entity id) -> names of the briefs naming it


def index_corpus(
    briefs: list[Brief],
    actor_notes: dict[str, Note],
    place_notes: dict[str, Note],
    errors: list[Problem] | None = None,
) -> LiveCorpus:
    """The full build of the index, with what a later update needs."""
    items: list[list[TimelineEvent]] = []
    corpus = build_corpus(briefs, actor_notes, place_notes, errors, items)
    by_name = {_name(b): b for b in briefs} if _updatable(briefs) else {}
    live = LiveCorpus(corpus, by_name, actor_notes, place_notes, {}, {}, {})
    if by_name:
        for brief, mine in zip(briefs, items, strict=True):
            _index(live, _name(brief), brief, mine)
    return live


def update_corpus(
    live: LiveCorpus | None,
    briefs: list[Brief],
    actor_notes: dict[str, Note],
    place_notes: dict[str, Note],
    errors: list[Problem] | None = None,
) -> LiveCorpus:
    """The index of `briefs`, updated from `live` (the index of the last build) where it can be.

    A brief counts as changed when its object is not the one `live` was made with: the brief
    cache hands back the same object for a file that did not change."""
    if (
        live is None
        or not live.briefs
        or not _updatable(briefs)
        or list(actor_notes.items()) != list(live.actor_notes.items())
        or list(place_notes.items()) != list(live.place_notes.items())
    ):
        return index_corpus(briefs, actor_notes, place_notes, errors)
    new = {_name(b): b for b in briefs}
    old = live.briefs
    changed = sorted(n for n in old.keys() | new.keys() if old.get(n) is not new.get(n))
    before = [old[n] for n in changed if n in old]
    after = [new[n] for n in changed if n in new]

    touched: set[tuple[str, str]] = set()
    for name in changed:
        if name in old:
            touched |= _unindex(live, name, old[name])
        if name in new:
            mine = timeline_events(new[name])
            touched |= _index(live, name, new[name], mine)
    live.briefs = new
    order = {name: i for i, name in enumerate(new)}
    corpus = live.corpus
    by_id = {b.id: b for b in briefs}
    gone_ids = {b.id for b in before}
    events = [e for e in corpus.events if e.brief not in gone_ids]
    for brief in after:  # after the events of equal keys: a brief's events keep their order
        for item in live.items[_name(brief)]:
            bisect.insort_right(events, item, key=_sort_key)

    remade: dict[tuple[str, str], Profile | None] = {}
    for section, eid in touched:
        names = sorted(live.named_in.get((section, eid), ()), key=order.__getitem__)
        profile = _profile(live, section, eid, names)
        notes = actor_notes if section == ACTORS else place_notes
        if eid in notes:
            group = {eid: profile} if profile else {}
            apply_notes(group, {eid: notes[eid]}, "person" if section == ACTORS else "place")
            profile = group[eid]
        if profile is not None:
            sort_profile(profile, by_id)
        remade[(section, eid)] = profile

    actors = _group(ACTORS, briefs, corpus.actors, actor_notes, remade)
    places = _group(PLACES, briefs, corpus.places, place_notes, remade)
    add_enclosing_places(places)
    live.corpus = Corpus(by_id, actors, places, events, list(errors or []))
    return live


def _sort_key(event: TimelineEvent) -> tuple:
    return event.sort_key


def _name(brief: Brief) -> str:
    assert brief.path is not None
    return brief.path.name


def _updatable(briefs: list[Brief]) -> bool:
    """Each brief from its own file, each id once: an update can tell which brief is which."""
    return all(b.path is not None for b in briefs) and len({b.id for b in briefs}) == len(briefs)


def _named(brief: Brief) -> set[tuple[str, str]]:
    """The entities whose profiles a brief may add to: listed (in both sections: an actor's
    co-occurrence counts come from the places of a brief too), or in one of its events."""
    ids = {r.id for r in brief.actors} | {r.id for r in brief.locations}
    out = {(section, i) for i in ids for section in (ACTORS, PLACES)}
    for ev in brief.events:
        out.update((ACTORS, a) for a in ev.actors)
        out.update((PLACES, p) for p in ev.locations)
    return out


def _index(live: LiveCorpus, name: str, brief: Brief, mine: list[TimelineEvent]) -> set[tuple[str, str]]:
    live.items[name] = mine
    live.most[name] = (most_mentioned(brief.actors), most_mentioned(brief.locations))
    named = _named(brief)
    for key in named:
        live.named_in.setdefault(key, set()).add(name)
    return named


def _unindex(live: LiveCorpus, name: str, brief: Brief) -> set[tuple[str, str]]:
    live.items.pop(name, None)
    live.most.pop(name, None)
    named = _named(brief)
    for key in named:
        names = live.named_in.get(key)
        if names is not None:
            names.discard(name)
            if not names:
                del live.named_in[key]
    return named


def _profile(live: LiveCorpus, section: str, eid: str, names: list[str]) -> Profile | None:
    """An entity's profile from the briefs naming it, in file order, as build_corpus makes it: it
    exists from the first brief listing it, and only from there on counts co-occurrence and events."""
    profile: Profile | None = None
    for name in names:
        brief = live.briefs[name]
        for ref in brief.actors if section == ACTORS else brief.locations:
            if ref.id == eid:
                if profile is None:
                    profile = Profile(ref.id, ref.name, ref.kind)
                add_ref(profile, ref, brief)
        if profile is None:
            continue
        actor_ids, place_ids = live.most[name]
        if eid in actor_ids or eid in place_ids:
            profile.with_actors.update(a for a in actor_ids if a != eid)
            profile.with_places.update(p for p in place_ids if p != eid)
        for ev, item in zip(brief.events, live.items[name], strict=True):
            for other in ev.actors if section == ACTORS else ev.locations:
                if other == eid:
                    profile.events.append(item)
    if profile is not None:
        name_profile(profile)
    return profile


def _group(
    section: str,
    briefs: list[Brief],
    old: dict[str, Profile],
    notes: dict[str, Note],
    remade: dict[tuple[str, str], Profile | None],
) -> dict[str, Profile]:
    """Actors or places in build_corpus's order: as first listed by a brief, then those only a
    note has; the profiles made again replace the old ones. Places the gazetteer added are left
    out (add_enclosing_places adds them again)."""
    order = dict.fromkeys(r.id for b in briefs for r in (b.actors if section == ACTORS else b.locations))
    order.update(dict.fromkeys(notes))
    out = {}
    for eid in order:
        key = (section, eid)
        profile = remade[key] if key in remade else old.get(eid)
        if profile is not None:
            out[eid] = profile
    return out
