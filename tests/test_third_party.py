"""No request leaves the site (issue 17): URL tricks in a brief, a note, intro.md and a page of one's own.

`![a](\\\\host/x)`, `/\\host/x` and `/\\\\host/x` are read by browsers as `//host/x`, another host.
The site is built from a project holding each trick in each place a person writes Markdown, served
from 127.0.0.1, and opened in Debian's Chromium: every request the browser makes is recorded, and
any to another host fails the test. The same tricks are checked against the sanitiser directly.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, new_project, served, write

from site_builder.site.sanitize import clean, url_allowed

TRICKS = [
    "![a](\\\\evil.invalid/a.png)",
    "![b](/\\evil.invalid/b.png)",
    "![c](/\\\\evil.invalid/c.png)",
    "![d](//evil.invalid/d.png)",
    "![e](https://evil.invalid/e.png)",
    "![f](\t//evil.invalid/f.png)",
    "[g](//evil.invalid/g)",
    "[h](javascript:alert(1))",
    "<https://fine.example.org/linked>",
]
BODY = "Talks went on in Doha.\n\n" + "\n\n".join(TRICKS) + "\n"
RAW_PAGE = (
    "# About\n\n"
    + BODY
    + '\n<img src="//evil.invalid/raw.png">\n\n<script src="https://evil.invalid/s.js"></script>\n'
    '<p style="background:url(https://evil.invalid/bg.png)">styled</p>\n'
)


@pytest.mark.parametrize(
    "url, loaded, allowed",
    [
        ("\\\\evil/x", True, False),
        ("/\\evil/x", True, False),
        ("/\\\\evil/x", True, False),
        ("\t/\n/evil/x", True, False),
        ("https://evil/x", True, False),
        ("https://evil/x", False, True),  # a link a reader chooses to follow
        ("mailto:desk@example.org", False, True),
        ("javascript:alert(1)", False, False),
        ("../img/map.png", True, True),
        ("/img/map.png", True, True),
        ("https://briefing.example.org/img/x.png", True, True),  # the site's own address
    ],
)
def test_urls_the_sanitiser_allows(url, loaded, allowed):
    assert url_allowed(url, loaded, "https://briefing.example.org/") is allowed


def test_clean_keeps_content_markup_and_drops_what_runs_or_loads():
    html = (
        '<h2 id="talks">Talks</h2><p><a href="../x/">x</a> <img src="\\\\evil/x" alt="a">'
        '<img src=y onerror=alert(1)></p><script>alert(1)</script><iframe src="/x"></iframe>'
    )
    out = clean(html)
    assert '<h2 id="talks">Talks</h2>' in out and 'href="../x/"' in out and 'alt="a"' in out
    assert "evil" not in out and "onerror" not in out and "script" not in out and "iframe" not in out


pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    from site_builder.mkdocs_commands import build_site

    project = new_project(tmp_path_factory.mktemp("tricks") / "project")
    write(
        project.briefs / "2024-01-01-talks.md",
        "---\nschema: 1\nid: 2024-01-01-talks\ntitle: Talks\ndate: 2024-01-01\nsource: {name: Wire}\n"
        "actors:\n- {id: someone, name: Someone, kind: person, mentions: 1}\n---\n\n" + BODY,
    )
    write(project.actor_notes / "someone.md", "---\nname: Someone\nkind: person\n---\n" + BODY)
    write(project.content / "intro.md", BODY)
    write(project.content / "about.md", RAW_PAGE)
    return build_site(project.config_file)


@pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="Debian chromium is not installed (.ci/run installs it)"
)
def test_no_request_leaves_localhost_in_chromium(tricky_site, browser):
    requested: list[str] = []
    with served(tricky_site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.route(
            "**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort()
        )
        for path in ("", "briefs/2024-01-01-talks/", "actors/someone/", "about/"):
            response = page.goto(base + path, wait_until="load")
            assert response and response.ok, path
            page.wait_for_timeout(300)
            assert page.locator("text=Talks went on in Doha").count() >= 1, path
        context.close()
    outside = [url for url in requested if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    assert len(requested) > 10  # the pages and their assets were loaded and watched
