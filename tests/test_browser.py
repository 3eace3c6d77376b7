"""The built seed site in a real headless browser: Debian's chromium driven by Playwright.

The site is served from 127.0.0.1 by a stdlib HTTP server; every request is routed, and any that
would leave 127.0.0.1 is blocked and fails the test. Screenshots of the five page types go to a
temporary folder, or to $BRIEFING_SCREENSHOTS: `make screenshots` refreshes the README's in
docs/screenshots/ (commit them when the site's look changes). A test run leaves the tree as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CHROMIUM, served

playwright = pytest.importorskip("playwright.sync_api")


pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="Debian chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def base_url(built_site):
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where page screenshots go: $BRIEFING_SCREENSHOTS (`make screenshots`), else a temporary folder."""
    folder = os.environ.get("BRIEFING_SCREENSHOTS")
    return Path(folder).resolve() if folder else tmp_path_factory.mktemp("screenshots")


def brief_url(built_site: Path) -> str:
    folder = next(p for p in sorted((built_site / "briefs").iterdir()) if p.is_dir())
    return f"briefs/{folder.name}/"


@pytest.mark.parametrize(
    "name, url, heading",
    [
        ("home", "", "Briefing"),
        ("brief", None, None),
        ("actor", "actors/emomali-rahmon/", "Emomali Rahmon"),
        ("location", "locations/badakhshan/", "Badakhshan"),
        ("timeline", "timeline/", "Timeline"),
        ("actors", "actors/", "Actors"),
        ("locations", "locations/", "Locations"),
        ("briefs", "briefs/", "Briefs"),
    ],
)
def test_every_page_type_renders(page, base_url, built_site, screenshots, name, url, heading):
    page.goto(base_url + (url if url is not None else brief_url(built_site)))
    page.wait_for_load_state("networkidle")
    h1 = page.locator("article h1").first
    assert h1.is_visible()
    if heading:
        assert h1.inner_text().strip() == heading
    if name == "brief":
        assert page.locator(".bf-brief-card").is_visible()
        assert page.locator('.bf-brief-card a[href$="actors/emomali-rahmon/"]').count() == 1
    if name in ("location", "locations"):
        assert page.locator("svg.bf-map-svg").is_visible()
    if name in ("home", "brief", "actor", "location", "timeline"):
        screenshots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
        assert (screenshots / f"{name}.png").stat().st_size > 1000


def test_search_finds_an_actor(page, base_url):
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Emomali", delay=30)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=15000)
    assert "Emomali Rahmon" in first.locator("h1").inner_text()  # the actor's page ranks first
    first.click()
    page.wait_for_url("**/actors/emomali-rahmon/**")
    assert page.locator("article h1").inner_text().strip() == "Emomali Rahmon"


def _visible_events(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".bf-timeline .bf-event:not([hidden])",
        "els => els.map(e => ({date: e.dataset.date, actors: e.dataset.actors.split(' '),"
        " places: e.dataset.places.split(' ')}))",
    )


def _type_name(page, kind: str, name: str) -> None:
    """Type a name into the timeline's type-ahead field, as a reader picks it from the list."""
    field = page.locator(f"form[data-bf-timeline] input[name={kind}-name]")
    field.click()
    page.wait_for_function(f"document.querySelectorAll('#bf-{kind}-names option').length > 0")
    field.fill(name)
    field.dispatch_event("change")


def test_timeline_filters_by_actor_place_and_dates(page, base_url):
    page.goto(base_url + "timeline/")
    page.wait_for_load_state("networkidle")
    everything = _visible_events(page)
    assert len(everything) >= 3
    assert [e["date"] for e in everything] == sorted(e["date"] for e in everything)

    _type_name(page, "actor", "Emomali Rahmon")
    page.wait_for_url("**/timeline/?actor=emomali-rahmon")
    shown = _visible_events(page)
    assert shown and len(shown) < len(everything)
    assert all("emomali-rahmon" in e["actors"] for e in shown)
    assert "2021-07-05" in {e["date"] for e in shown}

    page.click("form[data-bf-timeline] button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('.bf-timeline .bf-event:not([hidden])').length == {len(everything)}"
    )

    _type_name(page, "place", "Badakhshan")
    shown = _visible_events(page)
    assert shown and all("badakhshan" in e["places"] for e in shown)

    page.click("form[data-bf-timeline] button[type=reset]")
    page.fill("form[data-bf-timeline] input[name=from]", "2021-06-01")
    page.fill("form[data-bf-timeline] input[name=to]", "2021-06-30")
    shown = _visible_events(page)
    assert [e["date"] for e in shown] == ["2021-06-22"]
    assert page.locator(".bf-month:not([hidden])").count() == 1  # empty months are hidden


def test_timeline_link_from_an_actor_page_arrives_filtered(page, base_url):
    page.goto(base_url + "actors/emomali-rahmon/")
    page.click("text=On the timeline")
    page.wait_for_url("**/timeline/?actor=emomali-rahmon")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=actor]").input_value() == "emomali-rahmon"
    page.wait_for_function("document.querySelector('input[name=actor-name]').value == 'Emomali Rahmon'")
    assert all("emomali-rahmon" in e["actors"] for e in _visible_events(page))


def test_chips_navigate_and_dark_palette_toggles(page, base_url, built_site):
    page.goto(base_url + brief_url(built_site))
    page.wait_for_load_state("networkidle")
    page.locator('.bf-brief-card a[href$="locations/badakhshan/"]').click()
    page.wait_for_url("**/locations/badakhshan/")
    assert page.locator("article h1").inner_text().strip() == "Badakhshan"
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")


def test_every_internal_link_of_every_page_answers(page, base_url, built_site):
    """Links as the browser resolves them (the on-disk check is in test_site.py)."""
    urls = [""] + [
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
        if p.parent != built_site and "assets" not in p.parts
    ]
    seen: set[str] = set()
    request = page.context.request
    for url in urls:
        page.goto(base_url + url)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            target = href.split("#")[0]
            if not target.startswith(base_url) or target in seen:
                continue
            seen.add(target)
            assert request.get(target).ok, f"{url} links to {href}"
    assert len(seen) > 20


def test_the_request_guard_catches_a_request_to_another_host(page, base_url):
    """The guard the other tests rely on can fail: a fetch to another host is blocked and recorded."""
    page.goto(base_url)
    page.evaluate("fetch('http://example.invalid/x').catch(() => null)")
    page.wait_for_timeout(200)
    assert page.watch.outside == ["http://example.invalid/x"]
    page.watch.outside.clear()
    page.watch.errors.clear()  # the blocked fetch also logs a console error


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    from test_site import hostile_project

    from site_builder.mkdocs_commands import build_site

    project = hostile_project(tmp_path_factory.mktemp("hostile") / "p")
    site = build_site(project.root / "mkdocs.yml")
    pages = sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.parent != site and "assets" not in p.parts and "search" not in p.parts
    )
    with served(site) as url:
        yield url, ["", *pages]


def test_hostile_articles_run_no_script_in_the_browser(page, hostile_url):
    """Every page of a site built from a hostile brief and note: no dialog opens, no outside request;
    searching for the hostile text shows it as text."""
    base, pages = hostile_url
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in pages:
        page.goto(base + url)
        page.wait_for_load_state("load")
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Summary", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    assert len(pages) >= 8
    assert dialogs == []


@pytest.fixture(scope="module")
def offline_site(site_project, tmp_path_factory) -> Path:
    """The seed site built with `--offline`, to be opened straight from disk."""
    from site_builder.mkdocs_commands import build_site

    site_dir = tmp_path_factory.mktemp("offline") / "site"
    return build_site(site_project.config_file, site_dir=site_dir, offline=True)


def test_filters_work_on_a_site_opened_from_disk(browser, offline_site):
    """`--offline` pages opened as files: the URL's filters apply on the timeline and directories
    (Material's document$ never fires on file://, so the filters start on the page's own load)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file://") else None)
    try:
        page.goto((offline_site / "timeline.html").as_uri() + "?actor=emomali-rahmon")
        page.wait_for_function("document.querySelector('input[name=actor-name]').value == 'Emomali Rahmon'")
        shown = _visible_events(page)
        assert shown and all("emomali-rahmon" in e["actors"] for e in shown)
        assert page.locator(".bf-timeline .bf-event[hidden]").count() > 0

        page.goto((offline_site / "actors" / "index.html").as_uri() + "?q=rahmon")
        page.wait_for_function("document.querySelectorAll('.bf-dir tbody tr:not([hidden])').length == 1")
        assert "Emomali Rahmon" in page.locator(".bf-dir tbody tr:not([hidden])").inner_text()
        page.fill(".bf-dir input[name=q]", "taliban")
        page.wait_for_function("location.search == '?q=taliban'")
    finally:
        context.close()
    assert errors == [] and requests == []


@pytest.mark.parametrize("url", ["actors/", "locations/"])
def test_a_directory_on_a_phone_scrolls_inside_its_box(page, base_url, url):
    """At 390 px the table is wider than the screen: it scrolls sideways in its own box, so its
    last column can be reached, and the page itself never grows wider than the screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.eval_on_selector(".bf-dir", "box => { box.scrollLeft = box.scrollWidth; }")
    right = page.eval_on_selector(".bf-table th:last-child", "th => th.getBoundingClientRect().right")
    assert right <= 390


def test_the_timeline_on_a_phone_puts_each_date_above_its_events(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "timeline/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    date_bottom, event_top = page.eval_on_selector(
        ".bf-timeline .bf-entry",
        "e => [e.querySelector('.bf-date').getBoundingClientRect().bottom,"
        " e.querySelector('.bf-event').getBoundingClientRect().top]",
    )
    assert date_bottom <= event_top  # the events get the screen's width, not what a date column leaves
