"""Corpus -> the generated pages of the site, as Markdown rendered from Jinja templates.

No MkDocs here: the plugin hands the pages to MkDocs. `page_renderers` gives a function per page
path, so a page can be rendered alone (the plugin renders each when MkDocs reads it); `data_files`
gives the small scripts of data that the directories and the timeline filter load on demand.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from . import directories, maps
from .brief_page import render_brief
from .corpus import Corpus, Profile
from .dates import month_label
from .environment import assets, make_env
from .escape import neutralize_html, page_title
from .render import render_page
from .timeline import FILTER_DATA, TimelinePage, filter_data, paginate
from .views import Site, is_safe_slug

# the plugin's entry points, from the modules that hold them
__all__ = ["Site", "assets", "data_files", "data_makers", "make_env", "page_renderers", "page_title"]
__all__ += ["render_brief"]

LATEST = 8  # events, ahead events and briefs on the home page
TOP = 12  # most active actors and places on the home page
PAGE_EVENTS = 120  # an entity page shows its latest events and links to the timeline for the rest
PAGE_BRIEFS = 60
HOME_MAP_POINTS = 40
INDEX_MAP_POINTS = 400  # places drawn on the locations directory's map, most mentioned first


def page_renderers(
    site: Site, env: Environment, timeline_blocks: dict[str, str] | None = None
) -> dict[str, Callable[[], str]]:
    """Every generated page: {path under docs_dir: a function that renders its Markdown}.

    The plugin renders each page only when MkDocs reads it, so a build never holds the Markdown
    of every page at once. Paths use only safe ids. `timeline_blocks` (render_timeline) keeps
    each timeline page's list of events for the next build.
    """
    corpus = site.corpus
    pages: dict[str, Callable[[], str]] = {"index.md": lambda: render_home(site, env)}
    pages.update(timeline_renderers(site, env, timeline_blocks))
    pages["briefs/index.md"] = lambda: render_directory(site, env, "briefs")
    pages["actors/index.md"] = lambda: render_directory(site, env, "actors")
    pages["locations/index.md"] = lambda: render_directory(site, env, "locations")
    for profile in corpus.actors.values():
        if is_safe_slug(profile.id):
            pages[f"actors/{profile.id}.md"] = functools.partial(render_actor, site, env, profile)
    for profile in corpus.places.values():
        if is_safe_slug(profile.id):
            pages[f"locations/{profile.id}.md"] = functools.partial(render_place, site, env, profile)
    return pages


def data_files(site: Site) -> dict[str, str]:
    """{path under the site: text}: every directory row and the timeline filter's data."""
    return {path: make() for path, make in data_makers(site).items()}


def data_makers(site: Site) -> dict[str, Callable[[], str]]:
    """{path under the site: a function making its text}, for data_files: the plugin makes them
    after the pages are written, so an edited brief's page is on disk first."""
    corpus, urls = site.corpus, site.directory_urls

    def rows(section: str) -> Callable[[], str]:
        return lambda: directories.data_file(section, _rows(site, section))

    return {
        directories.DATA["actors"]: rows("actors"),
        directories.DATA["locations"]: rows("locations"),
        directories.DATA["briefs"]: rows("briefs"),
        FILTER_DATA: lambda: filter_data(corpus, timeline_pages_of(site), urls),
    }


def _activity(profiles: dict[str, Profile]) -> list[Profile]:
    """Most active first: in more briefs, then more mentions, then more events."""
    return sorted(profiles.values(), key=lambda p: (-len(p.briefs), -p.mentions, -len(p.events), p.name))


def first_last_seen(corpus: Corpus, profile: Profile) -> tuple[str, str] | None:
    dates = [corpus.briefs[b].date.isoformat() for b in profile.briefs if b in corpus.briefs]
    now = max(dates, default="")
    dates += [e.date for e in profile.events if e.status == "happened" and e.date <= now]
    return (min(dates), max(dates)) if dates else None


def _point(site: Site, place: Profile, page: str, primary: bool = False) -> maps.MapPoint:
    href = site.url(f"locations/{place.id}.md", page) if is_safe_slug(place.id) else ""
    return maps.MapPoint(place.id, place.name, place.lat, place.lon, href, primary, place.mentions or 1)


def render_home(site: Site, env: Environment) -> str:
    corpus = site.corpus
    actors = _activity(corpus.actors)[:TOP]
    places = _activity(corpus.places)[:TOP]
    happened = site.happened
    now = site.now
    ahead = [e for e in corpus.events if e.status == "expected" and e.date >= now[: len(e.date)]]
    mapped = [p for p in _activity(corpus.places) if p.has_coordinates][:HOME_MAP_POINTS]
    points = tuple(_point(site, p, "index.md") for p in mapped)
    return render_page(
        env,
        "home.md.j2",
        site,
        "index.md",
        span=site.span,
        briefs=corpus.brief_list()[:LATEST],
        actors=[site.actor(p.id, len(p.briefs)) for p in actors],
        places=[site.place(p.id, len(p.briefs)) for p in places],
        latest=site.months(happened[-LATEST:], newest_first=True),
        happened=len(happened),
        ahead=site.months(ahead[:LATEST]),
        map=site.defer(lambda: maps.svg_map(points, title="Most active places", wide=True))
        if points
        else None,
        intro=Markup(neutralize_html(site.intro)) if site.intro else None,
    )


# --- the timeline ---


def timeline_pages_of(site: Site) -> list[TimelinePage]:
    """The timeline's pages, made once per build (the plan, the pages and the filter data use them)."""
    return site.memo("", ("timeline pages",), paginate, site.corpus.events)


def timeline_renderers(
    site: Site, env: Environment, blocks: dict[str, str] | None = None
) -> dict[str, Callable[[], str]]:
    pages = timeline_pages_of(site)
    return {p.src: functools.partial(render_timeline, site, env, p, pages, blocks) for p in pages}


def timeline_pages(site: Site, env: Environment) -> dict[str, str]:
    """The timeline's pages rendered now: {path: Markdown}."""
    return {path: render() for path, render in timeline_renderers(site, env).items()}


@dataclass
class LatestMonth:
    """The newest month of news (expected events may run later): where "jump to" goes."""

    src: str
    anchor: str
    label: str


def _latest_month(pages: list[TimelinePage], now: str) -> LatestMonth | None:
    for page in reversed(pages):
        months = [e.month for e in page.events if e.month <= now[:7]]
        if months:
            return LatestMonth(page.src, f"m-{months[-1]}", month_label(months[-1]))
    return None


def render_timeline(
    site: Site,
    env: Environment,
    page: TimelinePage | None = None,
    pages: list[TimelinePage] | None = None,
    blocks: dict[str, str] | None = None,
) -> str:
    """One timeline page: its events by month, the filter, and the way to every other page.

    `blocks`: {page: the HTML of its events}, kept between the rebuilds of `briefing serve`. A
    page found there shows that block (the plugin keeps only blocks whose events, briefs and
    names did not change: site/changes.py) instead of rendering its events again; a page
    rendered is put there."""
    pages = pages or timeline_pages_of(site)
    page = page or pages[-1]
    index = pages.index(page)
    kept = blocks.get(page.src) if blocks is not None else None
    months = site.months(page.events) if kept is None else []

    def keep(html: str) -> str:
        if blocks is not None:
            blocks[page.src] = html
        return ""

    return render_page(
        env,
        "timeline.md.j2",
        site,
        page.src,
        page=page,
        previous=pages[index - 1] if index > 0 else None,
        next=pages[index + 1] if index + 1 < len(pages) else None,
        months=months,
        events_block=Markup(kept) if kept is not None else None,
        keep=keep,
        data_src=site.root_of(page.src) + FILTER_DATA,
        **timeline_frame(site, pages),
    )


def timeline_frame(site: Site, pages: list[TimelinePage]) -> dict:
    """What a timeline page shows besides its own events: every page's label and link, the
    latest month, the span; the total of events (on the newest page only). An incremental build
    renders a page again when what it shows of this, or one of its events, changed
    (changes.list_pages)."""
    return dict(
        pages=pages,
        latest=_latest_month(pages, site.now),
        span=site.span,
        total=len(site.corpus.events),
    )


# --- directories ---

_ROWS = {
    "actors": directories.actor_rows,
    "locations": directories.location_rows,
    "briefs": directories.brief_rows,
}


def _rows(site: Site, section: str) -> list[dict]:
    """A directory's rows, made once per build for its page and its data file."""
    return site.memo("", ("rows", section), _ROWS[section], site.corpus, site.directory_urls)


def render_directory(site: Site, env: Environment, section: str) -> str:
    """The actors, locations or briefs directory: its first rows, filters, and a map for places."""
    corpus = site.corpus
    src = f"{section}/index.md"
    rows = _rows(site, section)
    context: dict = {}
    if section in ("actors", "locations"):
        group = corpus.actors if section == "actors" else corpus.places
        kinds: dict[str, int] = {}
        for p in group.values():
            kinds[p.kind] = kinds.get(p.kind, 0) + 1
        context["kinds"] = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    if section == "locations":
        mapped = [p for p in directories.ranked(corpus.places) if p.has_coordinates]
        points = tuple(_point(site, p, src) for p in mapped[:INDEX_MAP_POINTS])
        title = "Where the places are" if len(mapped) <= INDEX_MAP_POINTS else "The most mentioned places"
        context["map"] = site.defer(lambda: maps.svg_map(points, title=title, wide=True)) if points else None
        context["mapped"] = len(mapped)
        context["map_points"] = len(points)
    return render_page(
        env,
        f"{section}.md.j2",
        site,
        src,
        rows=rows[: directories.FIRST_ROWS],
        total=len(rows),
        blank=directories.blank_row(section),
        data_src=site.root_of(src) + directories.DATA[section],
        **context,
    )


# --- an actor's and a place's page ---


def _briefs_of(site: Site, profile: Profile) -> list:
    return [site.corpus.briefs[b] for b in profile.briefs[:PAGE_BRIEFS] if b in site.corpus.briefs]


def _note_body(profile: Profile) -> Markup | None:
    if profile.note and profile.note.body.strip():
        return Markup(neutralize_html(profile.note.body.strip()))
    return None


def _entity_context(site: Site, profile: Profile) -> dict:
    """What an actor's and a place's page share: seen, note, newest events first, briefs."""
    return dict(
        p=profile,
        note=_note_body(profile),
        seen=first_last_seen(site.corpus, profile),
        briefs=_briefs_of(site, profile),
        months=site.months(profile.events[-PAGE_EVENTS:], newest_first=True),
        shown=min(len(profile.events), PAGE_EVENTS),
        with_actors=site.with_counts(profile.with_actors, "actors", TOP * 2),
    )


def render_actor(site: Site, env: Environment, profile: Profile) -> str:
    return render_page(
        env,
        "actor.md.j2",
        site,
        f"actors/{profile.id}.md",
        me=site.actor(profile.id),
        with_places=site.with_counts(profile.with_places, "locations", TOP * 2),
        also_place=site.place(profile.id) if profile.id in site.corpus.places else None,
        **_entity_context(site, profile),
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
    return render_page(
        env,
        "location.md.j2",
        site,
        src,
        me=site.place(profile.id),
        trail=[site.place(a.id) for a in corpus.ancestors(profile.id)],
        children=[site.place(c.id, len(c.briefs)) for c in children],
        map=svg,
        also_actor=site.actor(profile.id) if profile.id in corpus.actors else None,
        **_entity_context(site, profile),
    )
