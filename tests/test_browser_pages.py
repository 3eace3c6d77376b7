"""The synthetic briefing of a thousand briefs (conftest.big_site) in Debian's chromium: axe-core on
every page kind, the timeline and directory filters (typed, kept in the URL, across pages), and
the maps as the browser draws them (labels measured with the real font, never overlapping).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHROMIUM, open_page, served

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def corpus(big_project):
    from site_builder.site.corpus import load_corpus

    return load_corpus(big_project)


@pytest.fixture(scope="module")
def big_url(big_site):
    with served(big_site) as url:
        yield url


def _top(group) -> str:
    return max(group.values(), key=lambda p: (p.mentions, p.id)).id


def _first_timeline_page(corpus) -> str:
    from site_builder.site.timeline import paginate

    return paginate(corpus.events)[0].src.removesuffix(".md") + "/"


def _page_kinds(corpus) -> dict[str, str]:
    brief = next(iter(corpus.briefs.values()))
    city = max((p for p in corpus.places.values() if p.kind == "city"), key=lambda p: p.mentions)
    return {
        "home": "",
        "brief": f"briefs/{brief.path.stem}/",
        "actor": f"actors/{_top(corpus.actors)}/",
        "city": f"locations/{city.id}/",
        "country": f"locations/{city.within}/",
        "timeline": "timeline/",
        "timeline page": _first_timeline_page(corpus),
        "actors": "actors/",
        "locations": "locations/",
        "briefs": "briefs/",
    }


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed: `make test` installs it with npm")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_kind(browser, big_url, corpus, scheme):
    context, page, watch = open_page(browser, scheme)
    found = {}
    for kind, url in _page_kinds(corpus).items():
        page.goto(big_url + url)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.length,"
            " first: v.nodes[0].html.slice(0, 160)})))",
            WCAG,
        )
        if result:
            found[kind] = result
    context.close()
    assert not found
    watch.check()


def _shown(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".bf-timeline .bf-event:not([hidden])",
        "els => els.map(e => ({date: e.dataset.date, actors: e.dataset.actors.split(' '),"
        " places: e.dataset.places.split(' '), status: e.dataset.status}))",
    )


def test_the_timeline_filters_by_a_typed_actor_across_pages_and_keeps_it_in_the_url(page, big_url, corpus):
    actor = corpus.actors[_top(corpus.actors)]
    page.goto(big_url + "timeline/")
    page.wait_for_load_state("networkidle")
    everything = len(_shown(page))
    field = page.locator("input[name=actor-name]")
    field.click()
    page.wait_for_function("document.querySelectorAll('#bf-actor-names option').length > 100")
    field.fill(actor.name)
    field.dispatch_event("change")
    page.wait_for_url(f"**/timeline/?actor={actor.id}")
    shown = _shown(page)
    assert len(shown) < everything and all(actor.id in e["actors"] for e in shown)
    others = page.locator(".bf-elsewhere a")
    others.first.wait_for()
    assert others.count() > 3  # the actor's events on the timeline's other pages, linked
    href = others.first.get_attribute("href")
    assert href.endswith(f"?actor={actor.id}")
    others.first.click()
    page.wait_for_url(f"**{href.lstrip('.')}")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=actor-name]").input_value() == actor.name  # the name, not the id
    shown = _shown(page)
    assert shown and all(actor.id in e["actors"] for e in shown)

    page.select_option("select[name=status]", "expected")
    page.wait_for_url("**status=expected**")
    assert all(e["status"] == "expected" for e in _shown(page))


def test_the_timeline_jumps_to_its_latest_month(page, big_url, corpus):
    page.goto(big_url + _first_timeline_page(corpus))
    page.locator("a.bf-jump").click()
    page.wait_for_url("**/timeline/#m-*")
    anchor = page.url.split("#")[1]
    newest = max(b.date for b in corpus.briefs.values()).isoformat()[:7]
    assert anchor == f"m-{newest}"  # the newest month of news; expected events may run later
    page.wait_for_timeout(300)
    top = page.locator(f"#{anchor}").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 300


ALL_ROWS = "[...document.querySelectorAll('[data-bf-dir] tbody tr:not([hidden])')]"


def _rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "[data-bf-dir] tbody tr:not([hidden])",
        "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))",
    )


def test_the_actor_directory_filters_by_kind_sorts_and_keeps_its_state_in_the_url(page, big_url, corpus):
    page.goto(big_url + "actors/")
    page.wait_for_load_state("networkidle")
    rows = _rows(page)
    mentions = [int(r[3]) for r in rows]
    assert len(rows) == 100 and mentions == sorted(mentions, reverse=True)  # most mentioned first

    page.select_option("select[name=kind]", "organization")
    page.wait_for_url("**/actors/?kind=organization")
    page.wait_for_function(ALL_ROWS + ".every(r => r.cells[1].innerText.trim() === 'Organization')")
    organizations = sum(1 for p in corpus.actors.values() if p.kind == "organization")
    rows = _rows(page)
    assert rows and all(r[1] == "Organization" for r in rows)
    assert page.locator(".bf-shown").inner_text().endswith(f"of {organizations} (of {len(corpus.actors)})")

    page.select_option("select[name=sort]", "name")
    page.wait_for_url("**sort=name**")
    names = [r[0] for r in _rows(page)]
    assert names == sorted(names, key=str.casefold) or names == sorted(names)
    page.locator("button.bf-more").click()
    assert len(_rows(page)) == min(organizations, 600)

    query = page.url.split("?")[1]
    assert set(query.split("&")) == {"kind=organization", "sort=name"}
    word = names[0].split()[0].lower()
    page.goto(big_url + "actors/?q=" + word)  # a shared link opens filtered
    page.wait_for_function(ALL_ROWS + f".every(r => r.cells[0].innerText.toLowerCase().includes('{word}'))")
    rows = _rows(page)
    assert rows and all(word in r[0].lower() for r in rows)
    assert page.locator("input[name=q]").input_value() == word


def _text_boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        f"{selector} text",
        "els => els.map(e => { const b = e.getBBox(); return {t: e.textContent, x: b.x, y: b.y, w: b.width,"
        " h: b.height, inset: !!e.closest('.bf-inset')}; })",
    )


def test_maps_name_countries_and_places_without_overlap_and_link_them(page, big_url, corpus):
    city = max((p for p in corpus.places.values() if p.kind == "city"), key=lambda p: p.mentions)
    for url in ("", "locations/", f"locations/{city.within}/", f"locations/{city.id}/"):
        page.goto(big_url + url)
        page.wait_for_load_state("networkidle")
        svg = page.locator("svg.bf-map-svg").first
        assert svg.is_visible()
        boxes = _text_boxes(page, "svg.bf-map-svg")
        assert len(boxes) >= (2 if url.endswith(f"{city.id}/") else 5), url
        assert page.locator("svg.bf-map-svg .bf-country-label").count() >= 1, url
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a["x"] + a["w"] <= b["x"] + 1 or b["x"] + b["w"] <= a["x"] + 1
                apart = apart or a["y"] + a["h"] <= b["y"] + 1 or b["y"] + b["h"] <= a["y"] + 1
                assert apart, f"{url}: {a['t']!r} overlaps {b['t']!r}"
    page.goto(big_url + f"locations/{city.id}/")
    assert page.locator("svg.bf-map-svg .bf-inset").count() == 1  # zoomed in: a locator inset
    page.goto(big_url + f"locations/{city.within}/")
    page.locator(f'svg.bf-map-svg a.bf-point[*|href$="/{city.id}/"]').click()  # a city on its country's map
    page.wait_for_url(f"**/locations/{city.id}/")


def test_lists_of_briefs_start_every_title_in_one_column(page, big_url):
    """Dates differ in width ("9 May 2021", "22 September 2021"); the titles beside them do not
    move, and a title that wraps stays in its column."""
    page.goto(big_url)  # the home page's latest briefs, in its narrow column
    page.wait_for_load_state("networkidle")
    lefts = page.eval_on_selector_all(
        "ul.bf-briefs a.bf-brief-link",
        "links => links.map(a => Array.from(a.getClientRects()).map(r => Math.round(r.left)))",
    )
    assert len(lefts) >= 5 and any(len(rects) > 1 for rects in lefts), "some titles should wrap"
    xs = [x for rects in lefts for x in rects]
    assert max(xs) - min(xs) <= 2, lefts  # within rounding
