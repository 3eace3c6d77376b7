"""View models: what the templates see. Plain data made from the corpus, once per build.

A page never reads the corpus's raw structures: actors and places become `EntityView`s (linkable
only when their id is a safe slug and they have a page), events become `EventView`s with one chip
per thing, grouped by day and brief (`EventGroup`) and by month (`MonthGroup`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..briefs.model import Brief
from ..slugs import is_safe_slug as _is_safe_slug
from .corpus import Corpus, Profile, TimelineEvent
from .dates import format_date, month_label
from .deferred import Deferred
from .links import relative_url, root_of

# the same ids are checked for every link to them: once per build is enough
is_safe_slug = functools.lru_cache(maxsize=1 << 17)(_is_safe_slug)

KIND_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "region": "Region",
    "city": "City",
    "place": "Place",
}
EVENT_CHIPS = 12  # actors, and places, shown on an event; the rest are counted (a page per actor
# showing all 4,000 actors of one event made the site grow with the square of that number)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, str(kind).capitalize())


@dataclass
class EntityView:
    """An actor or a place as a page shows it: linkable only when its id is a safe slug."""

    id: str
    name: str
    kind: str
    section: str  # actors | locations
    count: int = 0
    known: bool = True  # has a page: listed by some brief or note, not only named in an event

    @property
    def src(self) -> str | None:
        """The generated page's file, or None: an unknown or unsafe id gets no page and no link."""
        return f"{self.section}/{self.id}.md" if self.known and is_safe_slug(self.id) else None

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass
class EventView:
    date: str
    label: str
    basis: str  # stated | reported | context
    status: str  # happened | ongoing | expected
    text: str
    brief: Brief | None
    chips: list[EntityView] = field(default_factory=list)  # one per thing: a country once, not twice
    actor_ids: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    more: int = 0  # things named but not shown as chips (an event naming hundreds)

    @property
    def month(self) -> str:
        return self.date[:7]

    @functools.cached_property
    def key(self) -> tuple:
        """Same event, same key: its markup is shared by every page at the same depth."""
        return (
            self.brief.id if self.brief else None,
            self.date,
            self.label,
            self.basis,
            self.status,
            self.text,
            self.actor_ids,
            self.place_ids,
        )


@dataclass
class EventGroup:
    """Events of one brief on one day, shown under one date with the brief's title once."""

    date: str
    label: str
    brief: Brief | None
    events: list[EventView]


@dataclass
class MonthGroup:
    month: str
    label: str
    groups: list[EventGroup]

    @property
    def anchor(self) -> str:
        return f"m-{self.month}"

    @property
    def count(self) -> int:
        return sum(len(g.events) for g in self.groups)


def group_events(events: Iterable[EventView]) -> list[MonthGroup]:
    """Events in the order given -> months -> runs of the same day and brief (kept in order)."""
    months: list[MonthGroup] = []
    for ev in events:
        if not months or months[-1].month != ev.month:
            months.append(MonthGroup(ev.month, month_label(ev.month), []))
        groups = months[-1].groups
        last = groups[-1] if groups else None
        if last and last.label == ev.label and last.brief is ev.brief:
            last.events.append(ev)
        else:
            groups.append(EventGroup(ev.date, ev.label, ev.brief, [ev]))
    return months


def newest_publication(corpus: Corpus) -> str:
    """The briefing's present: its newest publication date."""
    return max((b.date.isoformat() for b in corpus.briefs.values()), default="")


def happened(corpus: Corpus) -> list[TimelineEvent]:
    """Events that happened by the briefing's present: one marked `happened` but dated after
    every article (a misread forecast) is not news yet."""
    now = newest_publication(corpus)
    return [e for e in corpus.events if e.status == "happened" and e.date <= now]


def date_range(corpus: Corpus) -> tuple[str, str] | None:
    """The span the site covers: publication dates and the dates of events that happened
    (a forecast "by 2050" is not part of what the briefing covers)."""
    dates = [e.date for e in happened(corpus)] + [b.date.isoformat() for b in corpus.briefs.values()]
    return (min(dates), max(dates)) if dates else None


@dataclass
class Site:
    """Everything the templates need, computed once per build."""

    corpus: Corpus
    title: str = "Briefing"
    intro: str = ""
    directory_urls: bool = True  # MkDocs' use_directory_urls: actors/x/ or actors/x.html
    defer_html: bool = False  # the plugin turns this on and calls fill_deferred on each page
    _memo: dict = field(default_factory=dict, repr=False)
    _events: dict = field(default_factory=dict, repr=False)  # id(event) -> (event, its EventView)
    _deferred: Deferred | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._deferred = Deferred(self.defer_html)

    def defer(self, html: str | Callable[[], str]):
        return self._deferred.defer(html)

    def fill_deferred(self, page_html: str) -> str:
        return self._deferred.fill(page_html)

    @functools.cached_property
    def _children(self) -> dict[str, list[Profile]]:
        """The places within each place, in one pass over all places."""
        out: dict[str, list[Profile]] = {}
        for p in self.corpus.places.values():
            if p.within:
                out.setdefault(p.within, []).append(p)
        for kids in out.values():
            kids.sort(key=lambda p: p.name)
        return out

    def children(self, place_id: str) -> list[Profile]:
        return self._children.get(place_id, [])

    @functools.cached_property
    def span(self) -> tuple[str, str] | None:
        return date_range(self.corpus)

    @functools.cached_property
    def now(self) -> str:
        return newest_publication(self.corpus)

    @functools.cached_property
    def happened(self) -> list[TimelineEvent]:
        return happened(self.corpus)

    def memo(self, root: str, key: tuple, render, *args):
        """Render a piece once per build for all pages at the same depth (their links are equal)."""
        full = (root, self.directory_urls, key)
        hit = self._memo.get(full)
        if hit is None:
            hit = self._memo[full] = render(*args)
        return hit

    def url(self, target: str, page: str) -> str:
        return relative_url(target, page, self.directory_urls)

    def root_of(self, page: str) -> str:
        return root_of(page, self.directory_urls)

    def actor(self, eid: str, count: int = 0) -> EntityView:
        p = self.corpus.actors.get(eid)
        return EntityView(
            eid, p.name if p else eid, p.kind if p else "person", "actors", count, p is not None
        )

    def place(self, eid: str, count: int = 0) -> EntityView:
        p = self.corpus.places.get(eid)
        return EntityView(
            eid, p.name if p else eid, p.kind if p else "place", "locations", count, p is not None
        )

    def event(self, ev: TimelineEvent) -> EventView:
        """The event's view, made once per build: an event naming N actors is on N actor pages."""
        held = self._events.get(id(ev))
        if held is None or held[0] is not ev:  # the event is kept with its view, so its id stays its own
            held = self._events[id(ev)] = (ev, self._event_view(ev))
        return held[1]

    def _event_view(self, ev: TimelineEvent) -> EventView:
        actors = tuple(dict.fromkeys(ev.actors))
        places = tuple(dict.fromkeys(ev.locations))
        chips, more = self.chips(actors, places)
        return EventView(
            ev.date,
            format_date(ev.date, range_=ev.range),
            ev.basis,
            ev.status,
            ev.text,
            self.corpus.briefs.get(ev.brief),
            chips,
            actors,
            places,
            more,
        )

    def chips(self, actors: tuple[str, ...], places: tuple[str, ...]) -> tuple[list[EntityView], int]:
        """One chip per thing: an id (or a name) named both as actor and as place is shown once,
        as the actor it is in this event. At most EVENT_CHIPS actors and as many places are
        shown; the second value counts the rest."""
        out: list[EntityView] = []
        seen: set[str] = set()
        for views in (map(self.actor, actors[:EVENT_CHIPS]), map(self.place, places[: EVENT_CHIPS * 2])):
            shown = 0
            for view in views:
                keys = {view.id, view.name.casefold()}
                if keys & seen or shown == EVENT_CHIPS:
                    continue
                seen |= keys
                out.append(view)
                shown += 1
        return out, max(len(actors) - EVENT_CHIPS, 0) + max(len(places) - EVENT_CHIPS, 0)

    def months(self, events: Iterable[TimelineEvent], newest_first: bool = False) -> list[MonthGroup]:
        items = list(events)
        if newest_first:
            items.reverse()
        return group_events(self.event(e) for e in items)

    def with_counts(self, counter: Counter, section: str, limit: int | None = None) -> list[EntityView]:
        make = self.actor if section == "actors" else self.place
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return [make(eid, n) for eid, n in ranked[:limit]]
