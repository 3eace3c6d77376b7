"""The timeline in pages of bounded size, and the compact data its filter reads across pages.

Every event is on exactly one page. Consecutive months share a page while it holds at most
`TIMELINE_PAGE` events; a longer month gets pages of its own (`timeline/2015-01.md`,
`timeline/2015-01-2.md`). The newest page is `timeline.md`, the page a reader opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Corpus, TimelineEvent
from .dates import span_label
from .escape import data_script
from .links import page_url

TIMELINE_PAGE = 250  # events on one timeline page: about 200 KB of HTML
STATUS_CODES = {"happened": 0, "ongoing": 1, "expected": 2}
FILTER_DATA = "timeline/filter.js"


@dataclass
class TimelinePage:
    src: str
    first: str  # month keys: 2015-01, or 2015 for a year-precision group
    last: str
    events: list[TimelineEvent] = field(default_factory=list)
    part: int = 0  # 1, 2 ... when one month fills several pages

    @property
    def label(self) -> str:
        label = span_label(self.first, self.last)
        return f"{label}, part {self.part}" if self.part else label

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def is_latest(self) -> bool:
        return self.src == "timeline.md"


def paginate(events: list[TimelineEvent], budget: int | None = None) -> list[TimelinePage]:
    """Events in date order -> pages in date order; the last one is `timeline.md`."""
    budget = budget or TIMELINE_PAGE
    by_month: dict[str, list[TimelineEvent]] = {}
    for ev in events:
        by_month.setdefault(ev.month, []).append(ev)
    pages: list[TimelinePage] = []
    current: list[TimelineEvent] = []

    def flush() -> None:
        if current:
            pages.append(TimelinePage("", current[0].month, current[-1].month, list(current)))
            current.clear()

    for month, items in by_month.items():
        if len(items) > budget:
            flush()
            for i, start in enumerate(range(0, len(items), budget), 1):
                pages.append(TimelinePage("", month, month, items[start : start + budget], i))
        elif len(current) + len(items) > budget:
            flush()
            current.extend(items)
        else:
            current.extend(items)
    flush()
    for page in pages:
        page.src = f"timeline/{page.first}{'-' + str(page.part) if page.part > 1 else ''}.md"
    if pages:
        pages[-1].src = "timeline.md"
    else:
        pages.append(TimelinePage("timeline.md", "", ""))
    return pages


def filter_data(corpus: Corpus, pages: list[TimelinePage], directory_urls: bool) -> str:
    """The script the timeline's filter loads on first use: every event's page, date, status,
    actors and places as numbers, and the names for type-ahead. It is a script, not JSON, so the
    filter also works on a site opened from disk, where a page may not fetch files."""
    actors: dict[str, int] = {}
    places: dict[str, int] = {}
    counts: dict[str, int] = {}
    rows = []
    for index, page in enumerate(pages):
        for ev in page.events:
            a = [actors.setdefault(x, len(actors)) for x in dict.fromkeys(ev.actors)]
            p = [places.setdefault(x, len(places)) for x in dict.fromkeys(ev.locations)]
            for x in dict.fromkeys(ev.actors):
                counts["a" + x] = counts.get("a" + x, 0) + 1
            for x in dict.fromkeys(ev.locations):
                counts["p" + x] = counts.get("p" + x, 0) + 1
            rows.append([index, ev.date, STATUS_CODES.get(ev.status, 0), a, p])

    def names(ids: dict[str, int], group: dict, prefix: str) -> list:
        return [[eid, group[eid].name if eid in group else eid, counts[prefix + eid]] for eid in ids]

    data = {
        "pages": [[page_url(p.src, directory_urls), p.label] for p in pages],
        "actors": names(actors, corpus.actors, "a"),
        "places": names(places, corpus.places, "p"),
        "events": rows,
    }
    return data_script("timeline", data)
