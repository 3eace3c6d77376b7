"""Corpus -> the generated pages of the site, as Markdown text rendered from Jinja templates.

No MkDocs here: the plugin hands the pages to MkDocs. Every value a template prints goes through
one escape (`escape_text`), so names, titles, event text and quotes from articles can never become
HTML, script or Markdown markup, whether they land in a Markdown paragraph or in an HTML block.
Only values wrapped in `Markup` here (rendered article bodies, SVG maps) are printed as they are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import html as html_lib
import itertools
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..briefs.model import Brief
from ..slugs import is_safe_slug as _is_safe_slug
from . import maps
from .corpus import Corpus, Profile, TimelineEvent
from .sanitize import mark_user_part

# the same ids are checked for every link to them: once per build is enough
is_safe_slug = functools.lru_cache(maxsize=1 << 17)(_is_safe_slug)

LATEST = 8
TOP = 12
PAGE_EVENTS = 300  # an entity page shows its latest events and links to the timeline for the rest
PAGE_BRIEFS = 200
EVENT_CHIPS = 12  # actors, and places, shown on an event; the rest are counted (a page per actor
# showing all 4,000 actors of one event made the site grow with the square of that number)
TIMELINE_PAGE = 1500  # events on one timeline page; a longer timeline is split by month
KIND_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "region": "Region",
    "city": "City",
    "place": "Place",
}

# --- escaping: one filter for Markdown and HTML contexts alike ---

_ENTITY_CHARS = "&<>\"'\\`*_{}[]|~^$"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _ENTITY_CHARS}
_LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")


def escape_text(value: object) -> Markup:
    """Untrusted text -> Markup that shows as itself in Markdown paragraphs, tables and raw HTML.

    Characters that mean something to Markdown or HTML become numeric character references,
    which both Python-Markdown and browsers turn back into the character; white space collapses
    to single spaces, so the text can never start a block (heading, list, HTML block) of its own.
    """
    if isinstance(value, Markup):
        return value
    return _escape_str(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escape_str(value: str) -> Markup:
    """Names, labels and links recur on thousands of pages: each is escaped once per build."""
    text = " ".join(value.split()).translate(_ENTITIES)
    text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), text)
    return Markup(text)


def _finalize(value: object) -> object:
    """Applied to every `{{ ... }}`: strings are escaped before autoescape sees them."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_text(value)
    return value


def neutralize_html(markdown: str) -> str:
    """Raw HTML in a hand-edited body or note shows as text; Markdown itself still works, and the
    HTML it makes is cleaned once rendered (sanitize.py: no off-site images, no script links)."""
    return mark_user_part(markdown.replace("<", "&lt;"))


def page_title(title: str) -> str:
    """A page title as HTML text, safe in `<title>` and in the theme's header, which print it raw."""
    plain = html_lib.unescape(re.sub(r"<[^>]*>", "", title))
    return html_lib.escape(" ".join(plain.split()))


# --- dates at the precision known ---


def format_date(value: str | dt.date | None, *, range_: str | None = None) -> str:
    """`2021-07-05` -> `5 July 2021`; `2021-07` -> `July 2021` (never the 1st); `2021` -> `2021`."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    try:
        if len(parts) >= 3:
            out = f"{int(parts[2][:2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        elif len(parts) == 2:
            out = f"{calendar.month_name[int(parts[1])]} {parts[0]}"
        else:
            out = parts[0]
    except (ValueError, IndexError):
        out = text
    return f"since {out}" if range_ == "since" else out


def month_label(month: str) -> str:
    return format_date(month)


# --- view models: what the templates see ---


@dataclass
class EntityView:
    """An actor or place as a page shows it: linkable only when its id is a safe slug."""

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
        return KIND_LABELS.get(self.kind, self.kind.capitalize())


@dataclass
class EventView:
    date: str
    label: str
    basis: str
    text: str
    brief: Brief | None
    actors: list[EntityView] = field(default_factory=list)
    places: list[EntityView] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.date[:7]

    @functools.cached_property
    def key(self) -> tuple:
        """Same event, same key: its rendering is shared by every page at the same depth."""
        return (
            self.brief.id if self.brief else None,
            self.date,
            self.label,
            self.basis,
            self.text,
            tuple(a.id for a in self.actors),
            tuple(p.id for p in self.places),
        )


@dataclass
class MonthGroup:
    month: str
    label: str
    events: list[EventView]


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
    _deferred: dict = field(default_factory=dict, repr=False)
    _nonce: str = field(default_factory=lambda: secrets.token_hex(6), repr=False)
    _keys: Iterator[int] = field(default_factory=itertools.count, repr=False)

    def defer(self, html: str | Callable[[], str]) -> Markup:
        """A placeholder for a large block of HTML (a map, an event list, a directory table):
        Markdown, MkDocs' link scan and the search indexer never see the block, and
        `fill_deferred` puts it into the page's HTML (calling it first when it is a function, so a
        map is drawn only when its page is written). Off (the HTML inline) unless `defer_html`.

        The placeholder is a word of letters and digits with a random part chosen per build, so
        Markdown keeps it as it is and text from an article or note cannot forge one.
        """
        if not self.defer_html:
            return Markup(html() if callable(html) else html)
        key = f"bfdefer{self._nonce}x{next(self._keys)}"
        self._deferred[key] = html
        return Markup(f"\n\n{key}\n\n")

    def fill_deferred(self, page_html: str) -> str:
        """Each placeholder in a page's HTML -> its block, once: the block is dropped after use."""

        def fill(m: re.Match) -> str:
            block = self._deferred.pop(m.group(1) or m.group(2), "")
            return block() if callable(block) else block

        word = rf"bfdefer{self._nonce}x\d+"
        return re.sub(rf"<p>({word})</p>|\b({word})\b", fill, page_html)

    def without_placeholders(self, text: str) -> str:
        """Text indexed for search with the placeholders of deferred blocks taken out: they are
        not words of the page, and their random part would make two builds' indexes differ."""
        if "bfdefer" not in text:
            return text
        word = rf"bfdefer{self._nonce}x\d+"
        return re.sub(rf"\s*<p>{word}</p>|\b{word}\b", "", text).strip()

    @functools.cached_property
    def _children(self) -> dict[str, list[Profile]]:
        """Corpus.children for every place in one pass (it scans all places per call)."""
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
        """date_range of the corpus, once: every timeline page shows it."""
        return date_range(self.corpus)

    def memo(self, root: str, key: tuple, render, *args):
        """Render a piece once per build for all pages at the same depth (their links are equal)."""
        full = (root, self.directory_urls, key)
        hit = self._memo.get(full)
        if hit is None:
            hit = self._memo[full] = render(*args)
        return hit

    def url(self, target: str, page: str) -> str:
        return relative_url(target, page, self.directory_urls)

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
        return EventView(
            ev.date,
            format_date(ev.date, range_=ev.range),
            ev.basis,
            ev.text,
            self.corpus.briefs.get(ev.brief),
            [self.actor(a) for a in dict.fromkeys(ev.actors)],
            [self.place(p) for p in dict.fromkeys(ev.locations)],
        )

    def months(self, events: list[TimelineEvent]) -> list[MonthGroup]:
        groups: dict[str, list[EventView]] = {}
        for ev in events:
            groups.setdefault(ev.month, []).append(self.event(ev))
        return [MonthGroup(m, month_label(m), evs) for m, evs in groups.items()]

    def with_counts(self, counter: Counter, section: str, limit: int | None = None) -> list[EntityView]:
        make = self.actor if section == "actors" else self.place
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return [make(eid, n) for eid, n in ranked[:limit]]


def brief_src(brief: Brief) -> str:
    """A brief's page is named after its file, as MkDocs names it, not after its `id:` field."""
    return f"briefs/{brief.path.stem if brief.path else brief.id}.md"


@functools.lru_cache(maxsize=1 << 16)
def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page file, from the site root: `actors/x.md` -> `actors/x/`
    (or `actors/x.html` without directory URLs, the form that works opened from disk)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return quote(stem + ".html")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return quote(stem[: -len("index")])
    return quote(stem + "/")


def relative_url(target: str, page: str, directory_urls: bool = True) -> str:
    """The link from one page file to another, relative, so the site works under any base path."""
    up = "../" * page_url(page, directory_urls).count("/")
    return up + page_url(target, directory_urls) or "./"


def date_range(corpus: Corpus) -> tuple[str, str] | None:
    """The span the site covers: every event date and every publication date."""
    dates = [e.date for e in corpus.events] + [b.date.isoformat() for b in corpus.briefs.values()]
    if not dates:
        return None
    return min(dates), max(dates)


def first_last_seen(corpus: Corpus, profile: Profile) -> tuple[str, str] | None:
    dates = [corpus.briefs[b].date.isoformat() for b in profile.briefs if b in corpus.briefs]
    dates += [e.date for e in profile.events]
    return (min(dates), max(dates)) if dates else None


def _activity(profiles: dict[str, Profile]) -> list[Profile]:
    """Most active first: in more briefs, then more mentions, then more events."""
    return sorted(profiles.values(), key=lambda p: (-len(p.briefs), -p.mentions, -len(p.events), p.name))


def chips_html(views: list[EntityView], count: bool, url: Callable[[str], str]) -> Markup:
    """The `chips` macro's output, made in Python: a page can list hundreds of chips, and a Jinja
    macro call per chip was a large share of rendering."""
    out = []
    for v in views:
        name = escape_text(v.name)
        src = v.src
        if src:
            n = f' <span class="bf-count">{int(v.count)}</span>' if count else ""
            section = escape_text(v.section)
            out.append(f'<a class="bf-chip bf-{section}" href="{escape_text(url(src))}">{name}{n}</a>')
        else:
            out.append(f'<span class="bf-chip">{name}</span>')
    return Markup(" ".join(out))


_REPORTED = '<span class="bf-basis" title="No date in the text: dated by publication">reported</span>'


def event_html(ev: EventView, show_brief: bool, url: Callable[[str], str]) -> Markup:
    """The `event` macro's output, made in Python: tens of thousands of events are written per
    build, and a Jinja macro call (with its chips and brief link) per event was slow."""
    e = escape_text
    actors = e(" ".join(v.id for v in ev.actors))
    places = e(" ".join(v.id for v in ev.places))
    date = e(ev.date)
    parts = [
        f'<li class="bf-event" data-date="{date}" data-actors="{actors}" data-places="{places}">'
        f'<time class="bf-date" datetime="{date}">{e(ev.label)}</time>'
    ]
    if ev.basis == "reported":
        parts.append(f" {_REPORTED}")
    parts.append(f' <span class="bf-text">{e(ev.text)}</span>')
    if ev.actors or ev.places:
        shown = [chips_html(views[:EVENT_CHIPS], False, url) for views in (ev.actors, ev.places) if views]
        more = len(ev.actors) + len(ev.places) - sum(min(len(v), EVENT_CHIPS) for v in (ev.actors, ev.places))
        if more:  # an event naming hundreds: the brief lists them all
            shown.append(f'<span class="bf-more-chips">and {more:,} more</span>')
        parts.append(f' <span class="bf-chips">{" ".join(shown)}</span>')
    if show_brief and ev.brief:
        link = f'<a class="bf-brief-link" href="{e(url(brief_src(ev.brief)))}">{e(ev.brief.title)}</a>'
        parts.append(f' <span class="bf-from">from {link}</span>')
    parts.append("</li>")
    return Markup("".join(parts))


# --- the environment ---


def assets() -> dict[str, bytes]:
    """The site's stylesheet and script, shipped in the package: {site path: content}."""
    folder = resources.files("site_builder.site") / "assets"
    return {f"assets/{f.name}": f.read_bytes() for f in folder.iterdir() if f.is_file()}


def make_env(template_dirs: list[Path]) -> Environment:
    """Project templates first, then the shipped ones: a file of the same name overrides a default."""
    overrides = [FileSystemLoader(str(d)) for d in template_dirs if Path(d).is_dir()]
    env = Environment(
        loader=ChoiceLoader([*overrides, PackageLoader("site_builder.site", "templates")]),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["e"] = escape_text
    env.filters["escape"] = escape_text
    env.filters["date"] = lambda v, range_=None: format_date(v, range_=range_)
    env.filters["kind"] = lambda k: KIND_LABELS.get(k, str(k).capitalize())
    env.filters["ids"] = lambda views: " ".join(v.id for v in views)
    env.filters["brief_src"] = brief_src
    env.globals["chips_html"] = chips_html
    env.globals["event_html"] = event_html
    return env


def _page(env: Environment, template: str, site: Site, src: str, **context) -> str:
    """Render one page; `url(target_src)` links to another page, `root` leads to the site root."""
    root = "../" * page_url(src, site.directory_urls).count("/")
    url = lambda target: site.url(target, src)  # noqa: E731
    memo = lambda key, render, *args: site.memo(root, key, render, *args)  # noqa: E731
    return env.get_template(template).render(
        root=root, url=url, memo=memo, defer=site.defer, site=site, **context
    )


def page_renderers(site: Site, env: Environment) -> dict[str, Callable[[], str]]:
    """Every generated page: {path under docs_dir: a function that renders its Markdown}.

    The plugin renders each page only when MkDocs reads it, so a build never holds the Markdown
    of every page at once. Paths use only safe ids.
    """
    corpus = site.corpus
    pages: dict[str, Callable[[], str]] = {"index.md": lambda: render_home(site, env)}
    pages.update(timeline_renderers(site, env))
    pages["briefs/index.md"] = lambda: _page(
        env, "briefs.md.j2", site, "briefs/index.md", briefs=corpus.brief_list()
    )
    pages["actors/index.md"] = lambda: render_actor_index(site, env)
    pages["locations/index.md"] = lambda: render_location_index(site, env)
    for profile in corpus.actors.values():
        if is_safe_slug(profile.id):
            pages[f"actors/{profile.id}.md"] = functools.partial(render_actor, site, env, profile)
    for profile in corpus.places.values():
        if is_safe_slug(profile.id):
            pages[f"locations/{profile.id}.md"] = functools.partial(render_place, site, env, profile)
    return pages


def render_home(site: Site, env: Environment) -> str:
    corpus = site.corpus
    actors = _activity(corpus.actors)[:TOP]
    places = _activity(corpus.places)[:TOP]
    latest = sorted(corpus.events, key=lambda e: e.sort_key, reverse=True)[:LATEST]
    mapped = [p for p in places if p.has_coordinates]
    points = [_point(site, p, "index.md", primary=True) for p in mapped]
    return _page(
        env,
        "home.md.j2",
        site,
        "index.md",
        span=site.span,
        briefs=corpus.brief_list()[:LATEST],
        actors=[site.actor(p.id, len(p.briefs)) for p in actors],
        places=[site.place(p.id, len(p.briefs)) for p in places],
        events=[site.event(e) for e in latest],
        map=site.defer(lambda: maps.svg_map(tuple(points), title="Most active places")) if points else None,
        intro=Markup(neutralize_html(site.intro)) if site.intro else None,
    )


@dataclass
class ArchiveMonth:
    month: str
    label: str
    count: int
    src: str


@dataclass
class TimelinePage:
    src: str
    events: list[TimelineEvent]
    archive: list[ArchiveMonth] | None = None  # every month's page, when the timeline is split
    month: str | None = None  # the month's label on a month's page; None on the main page


def timeline_layout(site: Site) -> list[TimelinePage]:
    """`timeline.md` holds every event while they are at most TIMELINE_PAGE; beyond that it holds
    the latest months, and each month also gets its own page, `timeline/YYYY-MM.md`."""
    events = site.corpus.events
    if len(events) <= TIMELINE_PAGE:
        return [TimelinePage("timeline.md", events)]
    by_month: dict[str, list[TimelineEvent]] = {}
    for ev in events:
        by_month.setdefault(ev.month, []).append(ev)
    archive = [ArchiveMonth(m, month_label(m), len(evs), f"timeline/{m}.md") for m, evs in by_month.items()]
    recent: list[TimelineEvent] = []
    for month in reversed(list(by_month)):
        if recent and len(recent) + len(by_month[month]) > TIMELINE_PAGE:
            break
        recent[:0] = by_month[month]
    pages = [TimelinePage("timeline.md", recent, archive)]
    pages.extend(TimelinePage(a.src, by_month[a.month], archive, a.label) for a in archive)
    return pages


def timeline_renderers(site: Site, env: Environment) -> dict[str, Callable[[], str]]:
    return {
        p.src: functools.partial(render_timeline, site, env, p.events, p.src, p.archive, p.month)
        for p in timeline_layout(site)
    }


def timeline_pages(site: Site, env: Environment) -> dict[str, str]:
    """The timeline's pages rendered now: {path: Markdown}."""
    return {path: render() for path, render in timeline_renderers(site, env).items()}


def render_timeline(
    site: Site,
    env: Environment,
    events: list[TimelineEvent] | None = None,
    src: str = "timeline.md",
    archive: list[ArchiveMonth] | None = None,
    month: str | None = None,
) -> str:
    """One timeline page: its events by month, a filter over them, and the month list when the
    timeline is split (`month` names the page's month; None for the main page)."""
    corpus = site.corpus
    events = corpus.events if events is None else events
    actor_ids = Counter(a for e in events for a in dict.fromkeys(e.actors))
    place_ids = Counter(p for e in events for p in dict.fromkeys(e.locations))
    by_name = lambda views: sorted(views, key=lambda v: v.name.casefold())  # noqa: E731
    return _page(
        env,
        "timeline.md.j2",
        site,
        src,
        months=site.months(events),
        actors=by_name(site.actor(a, n) for a, n in actor_ids.items()),
        places=by_name(site.place(p, n) for p, n in place_ids.items()),
        span=site.span,
        count=len(events),
        total=len(corpus.events),
        archive=archive,
        month=month,
    )


def render_actor_index(site: Site, env: Environment) -> str:
    actors = sorted(site.corpus.actors.values(), key=lambda p: p.name.casefold())
    rows = [(site.actor(p.id, len(p.briefs)), p) for p in actors]
    return _page(
        env, "actors.md.j2", site, "actors/index.md", rows=rows, kinds=Counter(p.kind for p in actors)
    )


def render_location_index(site: Site, env: Environment) -> str:
    corpus = site.corpus
    places = sorted(corpus.places.values(), key=lambda p: p.name.casefold())
    mapped = [p for p in places if p.has_coordinates]
    points = [_point(site, p, "locations/index.md") for p in mapped]
    rows = [(site.place(p.id, len(p.briefs)), p, corpus.ancestors(p.id)) for p in places]
    return _page(
        env,
        "locations.md.j2",
        site,
        "locations/index.md",
        rows=rows,
        map=site.defer(lambda: maps.svg_map(tuple(points), title="Every place with coordinates"))
        if mapped
        else None,
        unmapped=[site.place(p.id) for p in places if not p.has_coordinates],
    )


def _point(site: Site, place: Profile, page: str, primary: bool = False) -> maps.MapPoint:
    href = site.url(f"locations/{place.id}.md", page) if is_safe_slug(place.id) else ""
    return maps.MapPoint(place.id, place.name, place.lat, place.lon, href, primary)


def _briefs_of(site: Site, profile: Profile) -> list[Brief]:
    return [site.corpus.briefs[b] for b in profile.briefs if b in site.corpus.briefs]


def _note_body(profile: Profile) -> Markup | None:
    if profile.note and profile.note.body.strip():
        return Markup(neutralize_html(profile.note.body.strip()))
    return None


def render_actor(site: Site, env: Environment, profile: Profile) -> str:
    return _page(
        env,
        "actor.md.j2",
        site,
        f"actors/{profile.id}.md",
        p=profile,
        me=site.actor(profile.id),
        note=_note_body(profile),
        seen=first_last_seen(site.corpus, profile),
        briefs=_briefs_of(site, profile)[:PAGE_BRIEFS],
        months=site.months(profile.events[-PAGE_EVENTS:]),
        shown=min(len(profile.events), PAGE_EVENTS),
        with_actors=site.with_counts(profile.with_actors, "actors", TOP * 2),
        with_places=site.with_counts(profile.with_places, "locations", TOP * 2),
        also_place=site.place(profile.id) if profile.id in site.corpus.places else None,
    )


def render_place(site: Site, env: Environment, profile: Profile) -> str:
    corpus = site.corpus
    children = site.children(profile.id)
    src = f"locations/{profile.id}.md"
    svg = None
    if profile.has_coordinates or any(c.has_coordinates for c in children):
        points = [_point(site, c, src) for c in children if c.has_coordinates]
        if profile.has_coordinates:
            points.insert(0, _point(site, profile, src, primary=True))
        focus = (profile.name, profile.kind)
        title = f"Map of {profile.name}"
        svg = site.defer(lambda: maps.svg_map(tuple(points), title=title, focus=focus))
    return _page(
        env,
        "location.md.j2",
        site,
        src,
        p=profile,
        me=site.place(profile.id),
        note=_note_body(profile),
        trail=[site.place(a.id) for a in corpus.ancestors(profile.id)],
        children=[site.place(c.id, len(c.briefs)) for c in children],
        map=svg,
        seen=first_last_seen(corpus, profile),
        briefs=_briefs_of(site, profile)[:PAGE_BRIEFS],
        months=site.months(profile.events[-PAGE_EVENTS:]),
        shown=min(len(profile.events), PAGE_EVENTS),
        with_actors=site.with_counts(profile.with_actors, "actors", TOP * 2),
        also_actor=site.actor(profile.id) if profile.id in corpus.actors else None,
    )


# --- brief pages: the plugin replaces the file's Markdown with this ---


def link_mentions(body: str, names: dict[str, str]) -> str:
    """Link the first mention of each entity in each paragraph: {name as written: href}.

    Existing links, inline code and tags are left alone; names match on word boundaries.
    """
    usable = {n: h for n, h in names.items() if len(n) >= 3}
    if not usable:
        return body
    alternation = "|".join(re.escape(n) for n in sorted(usable, key=len, reverse=True))
    pattern = re.compile(
        r"(?P<skip>\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]*>|&[#\w]+;)|(?<![\w\\])(?P<name>"
        + alternation
        + r")(?!\w)"
    )
    out = []
    for para in re.split(r"(\n\s*\n)", body):
        if para.lstrip().startswith(("```", "~~~", "    ")):
            out.append(para)
            continue
        linked: set[str] = set()

        def repl(m: re.Match, linked: set[str] = linked) -> str:
            name = m.group("name")
            if not name:
                return m.group(0)
            href = usable[name]
            if href in linked:
                return name
            linked.add(href)
            return f"[{name}]({href})"

        out.append(pattern.sub(repl, para))
    return "".join(out)


def mention_names(site: Site, brief: Brief, page: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for refs, view in ((brief.actors, site.actor), (brief.locations, site.place)):
        for ref in refs:
            src = view(ref.id).src
            if not src:
                continue
            profile = (site.corpus.actors if refs is brief.actors else site.corpus.places).get(ref.id)
            aliases = [
                ref.name,
                *ref.aliases,
                *(profile.aliases if profile else []),
                profile.name if profile else "",
            ]
            for name in aliases:
                if name and name not in names:
                    names[name] = site.url(src, page)
    return names


def render_brief(site: Site, env: Environment, brief: Brief, src: str | None = None) -> str:
    """The page of a brief; `src` is its file under docs_dir as MkDocs sees it."""
    src = src or brief_src(brief)
    body = link_mentions(neutralize_html(brief.body), mention_names(site, brief, src))
    quotes = []
    for q in brief.quotes:
        speaker = None
        if q.speaker:
            speaker = site.actor(q.speaker) if q.speaker in site.corpus.actors else None
        quotes.append((speaker, q.text))
    events = sorted(brief.events, key=lambda e: TimelineEvent(e.date, e.basis, e.text, brief.id).sort_key)
    source = brief.source or {}
    url = str(source.get("url") or "")
    return _page(
        env,
        "brief.md.j2",
        site,
        src,
        b=brief,
        source_name=str(source.get("name") or ""),
        source_url=url if url.startswith(("https://", "http://")) else None,
        actors=[site.actor(a.id, a.mentions) for a in brief.actors],
        places=[site.place(p.id, p.mentions) for p in brief.locations],
        events=[
            site.event(TimelineEvent(e.date, e.basis, e.text, brief.id, e.actors, e.locations, e.range))
            for e in events
        ],
        quotes=quotes,
        body=Markup(body),
    )
