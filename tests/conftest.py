"""Shared, session-scoped fixtures: expensive work (ingest with spaCy, a MkDocs build) runs once.

Add your own fixtures here; keep them session-scoped when they ingest or build, and write only
under tmp_path_factory.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings

from site_builder.project import Project

# Hypothesis: on CI (CI=true, as .ci/run sets) every run draws the same examples (derandomize: a
# red CI is reproducible and never flaky), writes no example database into the checkout and has no
# per-example deadline (a shared 2-core machine); HYPOTHESIS_PROFILE=dev explores new examples.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d4dea3cd9a9c402a.txt"

RAHMON_NOTE = """\
---
name: Emomali Rahmon
kind: person
aliases: [Rahmon, President Rahmon]
roles: [President of Tajikistan]
---
Curated note: President of Tajikistan since 1994.
"""


def new_project(root: Path) -> Project:
    """An empty project laid out as SPEC.md says, with this repo's mkdocs.yml.

    Templates and assets ship in the package."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("briefs", "actors", "locations"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    return Project.at(root)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def site_project(tmp_path_factory) -> Project:
    """The seed article ingested into a fresh project, plus one curated actor note."""
    from site_builder.ingest.run import ingest

    project = new_project(tmp_path_factory.mktemp("site") / "project")
    (project.root / "seeds").mkdir()
    shutil.copy(SEED, project.root / "seeds")
    write(project.actor_notes / "emomali-rahmon.md", RAHMON_NOTE)
    report = ingest([project.seeds], project)
    assert report.ok, report.failed
    return project


@pytest.fixture(scope="session")
def built_site(site_project) -> Path:
    """The seed project's site, built once with `--strict`: any MkDocs warning fails the session."""
    from site_builder.mkdocs_commands import build_site

    return build_site(site_project.root / "mkdocs.yml", strict=True)


BIG = 1000  # briefs in the synthetic briefing that page sizes, filters and maps are tried on


@pytest.fixture(scope="session")
def big_project(tmp_path_factory) -> Project:
    """A synthetic briefing of BIG briefs (tests/synthetic.py): hundreds of actors and places."""
    from synthetic import write_corpus

    project = new_project(tmp_path_factory.mktemp("big") / "project")
    write_corpus(project.briefs, BIG)
    return project


@pytest.fixture(scope="session")
def big_site(big_project) -> Path:
    """The synthetic briefing's site, built once with `--strict`."""
    from site_builder.mkdocs_commands import build_site

    return build_site(big_project.root / "mkdocs.yml", strict=True)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@contextlib.contextmanager
def serving(project: Project):
    """`briefing serve` on a free port of 127.0.0.1 for the duration; yields the site's base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for_text(url: str, text: str, deadline: float) -> str:
    """The page once it shows text, or the last page fetched when the deadline (monotonic) passes."""
    html = ""
    while time.monotonic() < deadline and text not in html:
        try:
            html = http_get(url)
        except OSError:  # the server is not up yet
            pass
        if text not in html:
            time.sleep(0.3)
    return html


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for every extraction test."""
    from site_builder.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed():
    """The seed article's entities by id."""
    from site_builder.extract import extract
    from site_builder.inputs.articles import read_article

    return {e.id: e for e in extract(read_article(SEED)).entities}


# Debian's chromium, driven by Playwright (never a downloaded browser), for test_browser*.py
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
]


@pytest.fixture(scope="session")
def browser():
    """One chromium for every browser test."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path):
    """A stdlib HTTP server for `folder` on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, outside requests."""

    def __init__(self):
        self.errors: list[str] = []
        self.outside: list[str] = []

    def route(self, route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def check(self):
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"


def open_page(browser, scheme: str = "light"):
    """A new browser context and page whose console errors and outside requests are watched."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block", color_scheme=scheme
    )
    watch = Watch()
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.watch = watch
    return context, page, watch


@pytest.fixture
def page(browser):
    context, page, watch = open_page(browser)
    yield page
    context.close()
    watch.check()
