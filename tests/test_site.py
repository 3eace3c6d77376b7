"""The built site, read from disk: pages, links, timeline order, exports, escaping, overrides, serve.

The seed site is built once per session (conftest.built_site); small hand-written projects cover
hostile input and template overrides.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
import pytest
from conftest import new_project, serving, wait_for_text, write
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.briefs.model import Brief, EntityRef
from site_builder.extract.model import Event
from site_builder.mkdocs_commands import build_site
from site_builder.site import pages as render
from site_builder.site.corpus import build_corpus
from site_builder.site.dates import format_date
from site_builder.site.escape import escape_text
from site_builder.site.links import relative_url

SEED_DATES = ["2021-06-22", "2021-07-04", "2021-07-05"]


class Links(HTMLParser):
    """Every href/src of a page, and its visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.text: list[str] = []
        self.event_dates: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src", "xlink:href"):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "li" and "bf-event" in (a.get("class") or ""):
            self.event_dates.append(a["data-date"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


# --- the seed site ---


def test_seed_site_has_the_pages_of_the_spec(built_site):
    for url in (
        "",
        "actors",
        "actors/emomali-rahmon",
        "locations",
        "locations/badakhshan",
        "timeline",
        "briefs",
    ):
        assert page(built_site, url).is_file(), url
    briefs = [p for p in (built_site / "briefs").iterdir() if p.is_dir()]
    assert len(briefs) == 1


def test_timeline_lists_the_seed_events_in_date_order(built_site):
    dates = parse(page(built_site, "timeline")).event_dates
    positions = [dates.index(d) for d in SEED_DATES]
    assert positions == sorted(positions)
    assert dates == sorted(dates), "the timeline is in date order"
    text = text_of(page(built_site, "timeline"))
    assert "June 2021" in text and "July 2021" in text  # month groups
    assert "since 22 June 2021" in text  # the seed's "since June 22" is the start of a period


def test_every_internal_link_resolves(built_site):
    checked = 0
    for html_file in built_site.rglob("*.html"):
        base = "http://site/" + html_file.relative_to(built_site).as_posix()
        for url in parse(html_file).urls:
            full = urljoin(base, url)
            parts = urlsplit(full)
            if parts.netloc != "site":
                continue
            target = built_site / unquote(parts.path).lstrip("/")
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{html_file.relative_to(built_site)} links to missing {url}"
            checked += 1
    assert checked > 200


def test_no_page_loads_anything_from_a_third_party(built_site):
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]+)"', text)
        external = [u for u in loaded if urlsplit(u).scheme in ("http", "https") or u.startswith("//")]
        assert not external, f"{html_file}: {external}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_brief_page_has_card_chips_events_quotes_and_linked_article(built_site, site_project):
    brief_dir = next(p for p in (built_site / "briefs").iterdir() if p.is_dir())
    html = (brief_dir / "index.html").read_text(encoding="utf-8")
    links = parse(brief_dir / "index.html")
    assert 'class="bf-card bf-brief-card"' in html
    assert "../../actors/emomali-rahmon/" in links.urls
    assert "../../locations/badakhshan/" in links.urls
    text = text_of(brief_dir / "index.html")
    assert "AT News" in text and "6 July 2021" in text
    assert "5 July 2021" in text  # an event of the brief, dated from the text
    assert "Quotes" in text and "waiting for the Afghan and Tajik officials" in text
    # mentions in the article body link to entity pages
    article = html[html.index('id="the-article"') :]
    assert 'href="../../actors/emomali-rahmon/"' in article


def test_actor_page_has_note_roles_seen_timeline_and_company(built_site):
    path = page(built_site, "actors/emomali-rahmon")
    text = text_of(path)
    assert "Curated note: President of Tajikistan since 1994." in text
    assert "President of Tajikistan" in text
    assert re.search(r"seen \d+ \w+ 2021", text)
    assert "5 July 2021" in text  # its own timeline
    assert "Appears with" in text and "Where it appears" in text
    urls = parse(path).urls
    assert any(u.startswith("../../locations/") for u in urls)
    assert "../../timeline/?actor=emomali-rahmon" in urls


def test_location_page_has_breadcrumbs_map_and_events(built_site):
    path = page(built_site, "locations/badakhshan")
    html = path.read_text(encoding="utf-8")
    urls = parse(path).urls
    assert '<nav class="bf-trail"' in html and "../../locations/afghanistan/" in urls
    start = html.index('<svg class="bf-map-svg"')
    assert 'xlink:href="../../locations/badakhshan/"' in html[start : html.index("</svg>", start)]
    assert "4 July 2021" in text_of(path)


def test_locations_index_maps_places_with_coordinates_and_lists_the_rest(built_site, site_project):
    from site_builder.site.corpus import load_corpus

    corpus = load_corpus(site_project)
    html = page(built_site, "locations").read_text(encoding="utf-8")
    start = html.index('<svg class="bf-map-svg"')
    svg = html[start : html.index("</svg>", start)]
    for place in corpus.places.values():
        on_map = f'xlink:href="../locations/{place.id}/"' in svg
        assert on_map == place.has_coordinates, place.id


def test_exports(built_site, site_project):
    from site_builder.site.corpus import load_corpus

    corpus = load_corpus(site_project)
    briefs = json.loads((built_site / "briefs.json").read_text())
    assert [b["id"] for b in briefs] == list(corpus.briefs)
    assert (built_site / briefs[0]["url"] / "index.html").is_file()
    entities = json.loads((built_site / "entities.json").read_text())
    assert "emomali-rahmon" in {a["id"] for a in entities["actors"]}
    rows = list(csv.DictReader(io.StringIO((built_site / "events.csv").read_text())))
    assert len(rows) == len(corpus.events) and {r["date"] for r in rows} >= set(SEED_DATES)
    geo = json.loads((built_site / "places.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    assert {f["id"] for f in geo["features"]} == {p.id for p in corpus.places.values() if p.has_coordinates}
    timeline = json.loads((built_site / "timeline.json").read_text())
    starts = [e["start_date"] for e in timeline["events"]]
    assert {"year": "2021", "month": "07", "day": "05"} in starts
    feed = ET.fromstring((built_site / "feed.xml").read_text())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed" and len(feed.findall(f"{atom}entry")) == 1


def test_csv_export_never_starts_a_cell_with_a_formula():
    brief = Brief("b", "B", dt.date(2021, 1, 1), {}, events=[Event("2021", "stated", "=HYPERLINK(1)")])
    from site_builder.site.exports import events_csv

    rows = list(csv.reader(io.StringIO(events_csv(build_corpus([brief], {}, {})))))
    assert rows[1][3] == "'=HYPERLINK(1)"


# --- dates at their precision ---


@pytest.mark.parametrize(
    "value, shown",
    [
        ("2021-07-05", "5 July 2021"),
        ("2021-07", "July 2021"),
        ("2021", "2021"),
        (dt.date(2021, 6, 22), "22 June 2021"),
    ],
)
def test_dates_are_shown_at_the_precision_known(value, shown):
    assert format_date(value) == shown


def _corpus(*briefs: Brief):
    return build_corpus(list(briefs), {}, {})


def _brief(**kw) -> Brief:
    base = dict(id="b1", title="A title", date=dt.date(2021, 8, 2), source={"name": "Wire"})
    base.update(kw)
    return Brief(**base)


def test_a_month_precision_event_reads_as_the_month_in_its_group():
    brief = _brief(
        actors=[EntityRef("jane-doe", "Jane Doe", "person", 1)],
        events=[
            Event("2021-07", "stated", "Jane Doe resigned in July.", ["jane-doe"]),
            Event("2021-07-03", "stated", "Talks began.", ["jane-doe"]),
        ],
    )
    site = render.Site(_corpus(brief))
    md = render.render_timeline(site, render.make_env([]))
    html = markdown.markdown(md)
    assert "July 2021</time>" in html and "1 July 2021" not in html
    assert html.index("Jane Doe resigned") < html.index("Talks began")  # less precise first in its month


def test_an_actor_is_never_also_called_by_its_own_name():
    """The page's name is the one most briefs use; the others become aliases, and the name is
    never listed among them (Apple was "also called: Apple, Apple Computer, Apple Inc")."""
    briefs = [
        _brief(id="b1", actors=[EntityRef("apple", "Apple Inc", "organization", 2, aliases=["Apple"])]),
        _brief(id="b2", actors=[EntityRef("apple", "Apple", "organization", 3, aliases=["Apple Computer"])]),
        _brief(id="b3", actors=[EntityRef("apple", "Apple", "organization", 1)]),
    ]
    apple = _corpus(*briefs).actors["apple"]
    assert apple.name == "Apple"
    assert apple.aliases == ["Apple Computer", "Apple Inc"]


def test_the_directories_count_each_kind_in_words():
    people = [EntityRef(f"p{i}", f"Person {i}", "person", 1) for i in range(2)]
    org = EntityRef("un", "United Nations", "organization", 1)
    places = [EntityRef("kabul", "Kabul", "city", 1), EntityRef("herat", "Herat", "city", 1)]
    site = render.Site(_corpus(_brief(actors=[*people, org], locations=places)))
    env = render.make_env([])
    assert "3 actors: 2 people, 1 organization." in render.render_directory(site, env, "actors")
    assert "2 places: 2 cities." in render.render_directory(site, env, "locations")


def test_every_placeholder_of_a_deferred_block_is_filled_and_none_can_be_forged(built_site):
    for path in built_site.rglob("*.html"):
        assert "bfdefer" not in path.read_text(encoding="utf-8"), path
    site = render.Site(_corpus(_brief()), defer_html=True)
    table = site.defer("<table><tr><td>x</td></tr></table>")
    drawn = site.defer(lambda: "<svg></svg>")
    html = markdown.markdown(f"Text.\n\n{table}\n\n<div>\n\n{drawn}\n\n</div>\n\nbfdefer00000000x0")
    filled = site.fill_deferred(html)
    assert "<table><tr><td>x</td></tr></table>" in filled and "<svg></svg>" in filled
    assert "<p><table>" not in filled
    assert "bfdefer00000000x0" in filled  # text that looks like a placeholder stays text
    again = site.fill_deferred(html)  # each block is used once, then dropped
    assert "<table>" not in again and "<svg>" not in again


def test_an_id_named_only_in_an_event_is_shown_but_not_linked():
    brief = _brief(
        actors=[EntityRef("jane-doe", "Jane Doe", "person", 1)],
        events=[Event("2021-07-03", "stated", "Talks began.", ["jane-doe", "john-roe"], ["nowhere"])],
    )
    site = render.Site(_corpus(brief))
    html = markdown.markdown(render.render_timeline(site, render.make_env([])))
    assert 'href="../actors/jane-doe/"' in html
    assert "john-roe" in html and "actors/john-roe" not in html and "locations/nowhere" not in html


def test_an_entity_page_keeps_its_size_shows_newest_first_and_points_to_the_full_timeline():
    events = [
        Event(f"2021-{m:02d}-{d:02d}", "stated", f"Event {m}-{d}.", ["jane-doe"])
        for m in range(1, 13)
        for d in range(1, 29)
    ]
    brief = _brief(actors=[EntityRef("jane-doe", "Jane Doe", "person", 1)], events=events)
    site = render.Site(_corpus(brief))
    md = render.render_actor(site, render.make_env([]), site.corpus.actors["jane-doe"])
    assert f"The latest {render.PAGE_EVENTS} of {len(events)} events." in md
    assert md.count('<li class="bf-event ') == render.PAGE_EVENTS
    assert "Event 12-28." in md and "Event 1-1." not in md  # the latest are kept
    assert md.index("Event 12-28.") < md.index("Event 12-27.") < md.index("Event 11-28.")  # newest first
    assert 'href="../../timeline/?actor=jane-doe"' in md


# --- escaping: untrusted text never becomes markup ---

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "**bold** _em_ `code` ~~del~~",
    "# heading",
    "- list item",
    "1. numbered",
    "a | b | c",
    "&amp; &lt;tag&gt; \\*",
    '" onmouseover="alert(4)',
    "{: onclick='alert(5)' }",
]


def _visible(html: str) -> str:
    links = Links()
    links.feed(html)
    return " ".join(" ".join(links.text).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_shows_as_itself_in_markdown_and_in_html_blocks(text):
    escaped = escape_text(text)
    as_markdown = markdown.markdown(f"Before {escaped} after\n\n{escaped}", extensions=["tables"])
    as_block = markdown.markdown(f'<div class="x" title="{escaped}">{escaped}</div>')
    expected = " ".join(text.split())
    assert _visible(as_markdown) == f"Before {expected} after {expected}"
    assert _visible(as_block) == expected
    for html in (as_markdown, as_block):
        tags = Tags()
        tags.feed(html)
        assert tags.seen <= {("p", ()), ("div", ("class", "title"))}, html


class Tags(HTMLParser):
    """The elements of a fragment and the names of their attributes."""

    def __init__(self):
        super().__init__()
        self.seen: set[tuple[str, tuple[str, ...]]] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add((tag, tuple(sorted(name for name, _ in attrs))))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_text_survives_markdown_unchanged(text):
    escaped = escape_text(text)
    expected = " ".join(text.split())
    assert _visible(markdown.markdown(f"x {escaped} x")) == " ".join(f"x {expected} x".split())


class Elements(HTMLParser):
    """Tags, attributes (values unescaped, as a browser sees them) and inline script text."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.extend(attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _loads_from_outside(name: str, value: str | None) -> bool:
    compact = re.sub(r"\s+", "", value or "").lower()
    if compact.startswith("javascript:") or compact.startswith("data:text/html"):
        return True
    return name == "src" and (compact.startswith(("http:", "https:", "//")))


def hostile_project(root: Path):
    project = new_project(root)
    write(
        project.briefs / "hostile.md",
        """\
        ---
        schema: 1
        id: hostile
        title: "<script>alert('title')</script> **Bold** [x](javascript:alert(1))"
        date: 2021-07-06
        source: {name: "<img src=x onerror=alert(2)>", url: "javascript:alert(3)"}
        dateline: "<b>Kabul</b>"
        summary: "Summary with <iframe src=//evil.example></iframe> in it."
        actors:
          - {id: evil-actor, name: "<svg onload=alert(4)>", kind: person, mentions: 1}
        locations:
          - {id: evil-place, kind: city, lat: 34.5, lon: 69.2, mentions: 1,
             name: "Place \\\\ \\" <script>x</script></title><script>alert(13)</script>"}
        events:
          - {date: 2021-07, basis: stated, text: "<script>alert(5)</script> happened", actors: [evil-actor],
             locations: [evil-place]}
        quotes:
          - {speaker: evil-actor, text: "</blockquote><script>alert(6)</script>"}
        ---

        Body with <script>alert(7)</script> and <img src=x onerror=alert(8)> raw HTML,
        a [link](javascript:alert(9)) and ![an image](https://example.invalid/x.png).
        """,
    )
    write(  # an id that would write outside the site: the schema refuses the brief, the build leaves it out
        project.briefs / "escaper.md",
        """\
        ---
        schema: 1
        id: escaper
        title: Escaper
        date: 2021-07-06
        actors:
          - {id: "../../outside", name: Escaper, kind: person, mentions: 1}
        ---
        Text.
        """,
    )
    write(
        project.actor_notes / "evil-actor.md",
        """\
        ---
        name: "</title><script>alert(10)</script>"
        ---
        A note with [a link](  JaVaScript:alert(11)) and [another](<javascript:alert(12)>).
        """,
    )
    return project


def test_hostile_brief_cannot_inject_html_or_escape_the_site(tmp_path, caplog):
    project = hostile_project(tmp_path / "p")
    site = build_site(project.root / "mkdocs.yml")
    assert not (tmp_path / "outside").exists() and not (project.root / "outside").exists()
    assert not list(site.rglob("*outside*")) and not (site / "briefs" / "escaper").exists()
    assert any("escaper.md:7: id `../../outside` is not a safe id" in r.getMessage() for r in caplog.records)
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        body = html[html.index("<article") : html.index("</article>")] if "<article" in html else ""
        elements = Elements()
        elements.feed(body)
        where = path.relative_to(site)
        assert not elements.tags & {"script", "iframe", "b", "object", "embed"}, where
        assert not [a for a in elements.attrs if a[0].startswith("on")], where
        assert not [a for a in elements.attrs if (a[1] or "").strip().lower().startswith("javascript")], where
        # the whole page, header and <title> included
        page_all = Elements()
        page_all.feed(html)
        assert not [a for a in page_all.attrs if a[0].startswith("on")], where
        assert not [v for n, v in page_all.attrs if n in ("src", "href") and _loads_from_outside(n, v)], where
        assert not [t for t in page_all.scripts if "alert(" in t], where
    brief = (site / "briefs" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in brief or "&lt;script>alert(7)" in brief
    place = (site / "locations" / "evil-place" / "index.html").read_text(encoding="utf-8")
    title = place[place.index("<title>") : place.index("</title>") + 8]
    # its name (not "Evil place" from the file's), escaped: the trail before its heading hides that
    assert "<script>" not in title and html_lib.unescape(title).startswith('<title>Place \\ " <script>x')
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    ET.fromstring(feed)  # still well-formed XML


# --- overriding a template ---


def test_a_project_template_overrides_the_default(tmp_path):
    project = new_project(tmp_path / "p")
    write(
        project.briefs / "b.md",
        """\
        ---
        schema: 1
        id: b
        title: A brief
        date: 2021-07-06
        actors: [{id: jane-doe, name: Jane Doe, kind: person, mentions: 1}]
        ---

        Jane Doe spoke.
        """,
    )
    write(project.templates / "actor.md.j2", "# {{ p.name }}\n\nOVERRIDDEN actor page for {{ p.id }}.\n")
    site = build_site(project.root / "mkdocs.yml")
    assert "OVERRIDDEN actor page for jane-doe." in text_of(page(site, "actors/jane-doe"))
    assert "OVERRIDDEN" not in text_of(page(site, "timeline"))  # other pages keep the defaults


# --- links in both URL styles ---


@pytest.mark.parametrize(
    "target, page, directory, link",
    [
        ("actors/x.md", "index.md", True, "actors/x/"),
        ("actors/x.md", "locations/y.md", True, "../../actors/x/"),
        ("index.md", "actors/index.md", True, "../"),
        ("timeline.md", "timeline.md", True, "../timeline/"),
        ("briefs/a b.md", "index.md", True, "briefs/a%20b/"),
        ("actors/x.md", "locations/y.md", False, "../actors/x.html"),
        ("actors/index.md", "index.md", False, "actors/index.html"),
        ("index.md", "briefs/b.md", False, "../index.html"),
    ],
)
def test_relative_urls_follow_mkdocs_url_style(target, page, directory, link):
    assert relative_url(target, page, directory) == link


def test_offline_build_links_html_files_that_open_from_disk(tmp_path, site_project):
    """`briefing build --offline --strict`: every link names a file, so the site works from file://,
    and the names linked in a brief's text raise no "not found" warning (strict fails on one)."""
    config = site_project.root / "mkdocs.yml"
    site = build_site(config, site_dir=tmp_path / "offline", offline=True, strict=True)
    assert (site / "actors" / "emomali-rahmon.html").is_file()
    checked = 0
    for html_file in site.rglob("*.html"):
        base = "http://site/" + html_file.relative_to(site).as_posix()
        for url in parse(html_file).urls:
            parts = urlsplit(urljoin(base, url))
            if parts.netloc != "site":
                continue
            target = site / unquote(parts.path).lstrip("/")
            assert target.is_file(), f"{html_file.relative_to(site)} links to {url}, not a file"
            checked += 1
    assert checked > 200
    article = next((site / "briefs").glob("2021-*.html")).read_text(encoding="utf-8").split("The article")[-1]
    assert re.search(r'<a href="\.\./locations/kabul\.html"[^>]*>Kabul</a>', article)


# --- bad input ---


def test_a_broken_brief_is_named_and_left_out(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    project = new_project(tmp_path / "p")
    write(project.briefs / "good.md", "---\nid: good\ntitle: Good brief\ndate: 2021-07-06\n---\n\nText.\n")
    write(project.briefs / "bad.md", "---\nid: bad\ntitle: [unclosed\ndate: 2021-07-06\n---\n\nText.\n")
    site = build_site(project.root / "mkdocs.yml")
    assert (site / "briefs" / "good" / "index.html").is_file()
    assert not (site / "briefs" / "bad").exists()
    logged = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("bad.md:" in m and "YAML" in m for m in logged), logged
    with pytest.raises(Abort):
        build_site(project.root / "mkdocs.yml", strict=True, site_dir=tmp_path / "strict")


# --- briefing build and briefing serve ---


def test_briefing_build_command_builds_into_site(tmp_path):
    project = new_project(tmp_path / "p")
    write(project.briefs / "b.md", "---\nid: b\ntitle: Only brief\ndate: 2021-07-06\n---\n\nText.\n")
    run = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "build", "--skip-check"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (project.root / "site" / "briefs" / "b" / "index.html").is_file()


def test_briefing_serve_rebuilds_when_a_brief_is_edited(tmp_path):
    project = new_project(tmp_path / "p")
    brief = write(project.briefs / "b.md", "---\nid: b\ntitle: First title\ndate: 2021-07-06\n---\n\nText.\n")
    with serving(project) as base:
        url = f"{base}/briefs/b/"
        deadline = time.monotonic() + 60  # a time-out, not a speed claim
        assert "First title" in wait_for_text(url, "First title", deadline)
        brief.write_text(brief.read_text().replace("First title", "Edited title"), encoding="utf-8")
        html = wait_for_text(url, "Edited title", deadline)
        assert "Edited title" in html
        assert "livereload" in html  # the page reloads itself in the browser


HOLD_HOOK = '''
"""Holds `briefing serve` at the end of its first build until the test has saved an edit."""
import time
from pathlib import Path

HERE = Path(__file__).parent


def on_post_build(config):
    if (HERE / "held").exists():
        return
    (HERE / "held").write_text("")
    deadline = time.monotonic() + 60
    while not (HERE / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
'''


def test_serve_rebuilds_for_an_edit_saved_during_its_first_build(tmp_path):
    """MkDocs starts watching only after the first build: an edit saved after the build read the
    briefs, and before the watcher ran, was never seen (at 1,000 briefs, half a minute to miss)."""
    project = new_project(tmp_path / "p")
    brief = write(project.briefs / "b.md", "---\nid: b\ntitle: First title\ndate: 2021-07-06\n---\n\nText.\n")
    write(project.root / "hold.py", HOLD_HOOK)
    with project.config_file.open("a", encoding="utf-8") as f:
        f.write("\nhooks:\n  - hold.py\n")
    with serving(project) as base:
        deadline = time.monotonic() + 60  # a time-out, not a speed claim
        while not (project.root / "held").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (project.root / "held").exists(), "the first build did not reach its end"
        brief.write_text(brief.read_text().replace("First title", "Edited title"), encoding="utf-8")
        (project.root / "go").write_text("")
        html = wait_for_text(f"{base}/briefs/b/", "Edited title", time.monotonic() + 30)
        assert "Edited title" in html
