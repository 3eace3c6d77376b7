"""The generated pages on small hand-made corpora: timeline pages, statuses, chips, directories,
the search index; and page sizes on the synthetic briefing of a thousand briefs (conftest.big_site).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import markdown

from site_builder.briefs.model import Brief, EntityRef
from site_builder.extract.model import Event
from site_builder.site import directories, timeline
from site_builder.site import pages as render
from site_builder.site.corpus import build_corpus

PAGE_LIMIT = 300_000  # bytes of HTML a page may have at a thousand briefs (issue 15)


def _brief(bid="b1", date=dt.date(2021, 8, 2), **kw) -> Brief:
    base = dict(id=bid, title=f"Title of {bid}", date=date, source={"name": "Wire"})
    base.update(kw)
    return Brief(**base)


def _site(*briefs: Brief) -> render.Site:
    return render.Site(build_corpus(list(briefs), {}, {}))


def _script_data(text: str):
    """The JSON a data script stores: `(window.bfData = ...)["key"] = {...};`"""
    return json.loads(text.split('"] = ', 1)[1].rstrip().rstrip(";"))


def _events(month: str, n: int, text: str = "Event") -> list[Event]:
    return [Event(f"{month}-{d + 1:02d}", "stated", f"{text} {month}-{d + 1}.") for d in range(n)]


# --- the timeline in pages ---


def test_timeline_pages_hold_every_event_once_and_stay_within_the_budget():
    events = [*_events("2021-01", 3), *_events("2021-02", 3), *_events("2021-03", 3)]
    events += [*_events("2021-05", 6), *_events("2021-06", 7), *_events("2021-07", 25)]
    corpus = build_corpus([_brief(events=events)], {}, {})
    pages = timeline.paginate(corpus.events, budget=10)
    assert [p.src for p in pages] == [
        "timeline/2021-01.md",  # January to March share a page
        "timeline/2021-05.md",
        "timeline/2021-06.md",
        "timeline/2021-07.md",  # July is too long for one page: three parts, the last is timeline.md
        "timeline/2021-07-2.md",
        "timeline.md",
    ]
    assert pages[0].label == "January – March 2021" and pages[4].label == "July 2021, part 2"
    assert all(p.count <= 10 for p in pages)
    assert [e for p in pages for e in p.events] == corpus.events


def test_a_timeline_page_links_its_neighbours_every_page_and_the_latest_month():
    forecast = Event("2050", "stated", "Demand will double by 2050.", status="expected")
    site = _site(
        _brief(events=[*_events("2021-05", 6), *_events("2021-06", 7), *_events("2021-07", 6), forecast])
    )
    original = timeline.TIMELINE_PAGE
    timeline.TIMELINE_PAGE = 10
    try:
        made = render.timeline_pages(site, render.make_env([]))
    finally:
        timeline.TIMELINE_PAGE = original
    assert set(made) == {"timeline/2021-05.md", "timeline/2021-06.md", "timeline.md"}
    june = markdown.markdown(made["timeline/2021-06.md"])
    assert 'rel="prev" href="../../timeline/2021-05/"' in june and 'rel="next" href="../../timeline/"' in june
    assert 'href="../../timeline/#m-2021-07">Jump to the latest month: July 2021' in june
    assert june.count('<li class="bf-event ') == 7 and "Timeline: June 2021" in june
    latest = markdown.markdown(made["timeline.md"])
    assert 'href="#m-2021-07">Jump to the latest month: July 2021' in latest  # the news, not 2050
    assert '<section class="bf-month" id="m-2050"' in latest
    assert '<section class="bf-month" id="m-2021-07"' in latest
    for page in ("2021-05", "2021-06"):
        assert f'href="../timeline/{page}/"' in latest  # every page listed


def test_the_filter_data_names_every_event_and_its_page():
    site = _site(
        _brief(
            actors=[EntityRef("jane-doe", "Jane Doe", "person", 2)],
            locations=[EntityRef("kabul", "Kabul", "city", 1)],
            events=[
                Event("2021-07-03", "stated", "Talks.", ["jane-doe"], ["kabul"]),
                Event("2021-09", "stated", "A vote is planned.", ["jane-doe"], status="expected"),
            ],
        )
    )
    text = render.data_files(site)[timeline.FILTER_DATA]
    data = _script_data(text)
    assert data["actors"] == [["jane-doe", "Jane Doe", 2]] and data["places"] == [["kabul", "Kabul", 1]]
    assert data["events"] == [[0, "2021-07-03", 0, [0], [0]], [0, "2021-09", 2, [0], []]]
    assert data["pages"] == [["timeline/", "July – September 2021"]]
    assert text.isascii()


# --- statuses: what happened, what is expected ---


def _status_site() -> render.Site:
    return _site(
        _brief(
            date=dt.date(2021, 8, 2),
            events=[
                Event("2021-07-05", "stated", "Troops were sent."),
                Event("2021-07-20", "stated", "The crossing closed."),
                Event("2021-09", "stated", "Talks are planned for September.", status="expected"),
                Event("2050", "stated", "Demand will double by 2050.", status="expected"),
                Event("2019-03", "stated", "A dam was to open in 2019.", status="expected"),
            ],
        )
    )


def test_the_home_page_lists_what_happened_newest_first_and_what_is_expected_ahead():
    html = markdown.markdown(render.render_home(_status_site(), render.make_env([])))
    latest = html[html.index('id="latest-events"') : html.index('id="ahead"')]
    ahead = html[html.index('id="ahead"') : html.index('id="latest-briefs"')]
    assert latest.index("The crossing closed.") < latest.index("Troops were sent.")  # newest first
    assert "planned" not in latest and "2050" not in latest
    assert ahead.index("Talks are planned") < ahead.index("Demand will double")  # soonest first
    assert "A dam was to open" not in ahead  # expected before the briefing's present: not ahead
    assert "5 July 2021 – 2 August 2021" in html  # the span counts happened events only


def test_the_timeline_marks_expected_events():
    html = markdown.markdown(render.render_timeline(_status_site(), render.make_env([])))
    item = re.search(
        r'<li class="bf-event bf-expected"[^>]*>(?:(?!</li>).)*Talks are planned.*?</li>', html
    ).group(0)
    assert 'data-status="expected"' in item and "bf-badge-expected" in item and "Talks are planned" in item


# --- less repetition ---


def test_an_event_shows_one_chip_per_thing_and_a_brief_once_per_day():
    brief = _brief(
        actors=[
            EntityRef("afghanistan", "Afghanistan", "country", 2),
            EntityRef("jane-doe", "Jane Doe", "person", 1),
        ],
        locations=[
            EntityRef("afghanistan", "Afghanistan", "country", 2),
            EntityRef("kabul", "Kabul", "city", 1),
        ],
        events=[
            Event("2021-07-03", "stated", "First.", ["afghanistan", "jane-doe"], ["afghanistan", "kabul"]),
            Event("2021-07-03", "stated", "Second.", ["jane-doe"], ["kabul"]),
            Event("2021-07-03", "stated", "Third.", ["jane-doe"]),
        ],
    )
    site = _site(brief)
    html = markdown.markdown(render.render_timeline(site, render.make_env([])))
    first = re.search(r'<li class="bf-event[^"]*"[^>]*>(?:(?!</li>).)*First\..*?</li>', html).group(0)
    assert (
        first.count(">Afghanistan<") == 1 and first.count('class="bf-chip ') == 3
    )  # Afghanistan, Jane Doe, Kabul
    assert 'data-places="afghanistan kabul"' in first  # filters still see it as a place
    assert html.count("Title of b1") == 1  # three events of one brief on one day: the title once
    assert html.count(">3 July 2021</time>") == 1
    page = markdown.markdown(render.render_brief(site, render.make_env([]), brief))
    events = page[page.index('id="events"') : page.index('id="the-article"')]
    assert "Title of b1" not in events  # a brief's own events do not repeat its title
    card = page[page.index('class="bf-card') : page.index("</div>")]
    assert card.count(">Afghanistan<") == 1  # an actor that is also a place: one chip on the card


# --- directories ---


def _directory_site() -> render.Site:
    actors = [
        EntityRef(f"actor-{i}", f"Actor {i:03d}", "person" if i % 3 else "organization", i)
        for i in range(150)
    ]
    return _site(_brief(actors=actors))


def test_a_directory_shows_kind_and_mentions_most_mentioned_first_and_loads_the_rest():
    site = _directory_site()
    html = markdown.markdown(render.render_directory(site, render.make_env([]), "actors"))
    rows = re.findall(r'<tr><td><a class="bf-chip bf-actors" href="([^"]+)"', html)
    assert len(rows) == directories.FIRST_ROWS
    assert rows[:3] == ["../actors/actor-149/", "../actors/actor-148/", "../actors/actor-147/"]
    first = re.search(r"<tr><td>.*?</tr>", html).group(0)
    assert ">Person<" in first and ">149<" in first  # kind and mention count
    assert '<option value="person">Person (100)</option>' in html and 'value="mentions"' in html
    assert "<template><tr>" in html and 'data-src="../actors/directory.js"' in html
    data = _script_data(render.data_files(site)["actors/directory.js"])
    assert len(data["rows"]) == 150 and data["fields"][:3] == ["href", "name", "kind"]
    row = dict(zip(data["fields"], data["rows"][-1], strict=True))
    assert row["mentions"] == 0 and row["kind_label"] == "Organization" and row["find"] == "actor 000"


def test_data_files_are_ascii_scripts_whatever_the_names():
    site = _site(_brief(actors=[EntityRef("x", "</script><b>\u2028Zoë", "person", 1)]))
    for path, text in render.data_files(site).items():
        assert text.isascii() and not {"<", ">", "&"} & set(text), path
        assert "\\u003c/script\\u003e\\u003cb\\u003e\\u2028Zo\\u00eb" in text or "actors" not in path


# --- the built sites: search index and page sizes ---


def test_search_indexes_names_and_summaries_not_lists_or_placeholders(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert any(d["location"] == "actors/emomali-rahmon/" and d["title"] == "Emomali Rahmon" for d in docs)
    assert not [d for d in docs if "bfdefer" in d["text"]]
    for anchor in ("#timeline", "#briefs", "#appears-with", "#events", "#the-article"):
        assert not [d for d in docs if d["location"].endswith(anchor)], anchor


def test_no_page_of_a_thousand_briefs_passes_300_kb(big_site: Path):
    sizes = {p.relative_to(big_site).as_posix(): p.stat().st_size for p in big_site.rglob("*.html")}
    assert len(sizes) > 1500
    too_big = {p: s for p, s in sizes.items() if s > PAGE_LIMIT}
    assert not too_big
    assert (big_site / "search" / "search_index.json").stat().st_size < 2_000_000
    timeline_pages = [p for p in sizes if p.startswith("timeline/")]
    assert len(timeline_pages) > 10  # the timeline is paged, not one long page
