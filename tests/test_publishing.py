"""What a build publishes and how (issue 17): briefs and notes wherever they sit, links out of the
project, stray files, the site folder swapped whole, two builds at once, and the exports."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import new_project, write

from site_builder.briefs.check import check_project, errors
from site_builder.cli import main
from site_builder.mkdocs_commands import build_site
from site_builder.site import exports
from site_builder.site.corpus import WITH_MOST, build_corpus, load_corpus

HOSTILE = "<img src=x onerror=alert('XSS9')>"


def brief(bid: str, body: str = "Police met in Doha.", **fields) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return (
        f"---\nschema: 1\nid: {bid}\ntitle: Talks {bid[-1]}\ndate: 2024-01-0{bid[-1]}\n"
        f"source: {{name: Wire, file: seeds/{bid}.txt}}\n{extra}---\n\n{body}\n"
    )


@pytest.fixture
def project(tmp_path):
    project = new_project(tmp_path / "project")
    write(project.briefs / "2024-01-1.md", brief("2024-01-1"))
    return project


def live_handlers(site: Path) -> list[str]:
    return [
        str(p.relative_to(site)) for p in site.rglob("*.html") if "onerror=" in p.read_text(encoding="utf-8")
    ]


def test_briefs_and_notes_out_of_place_are_refused_and_never_live(project, tmp_path):
    outside = write(tmp_path / "elsewhere" / "2024-01-3.md", brief("2024-01-3", HOSTILE))
    write(project.briefs / "sub" / "2024-01-2.md", brief("2024-01-2", HOSTILE))
    write(project.briefs / "2024-01-4.markdown", brief("2024-01-4", HOSTILE))
    write(project.actor_notes / "someone.markdown", f"---\nname: Someone\n---\n{HOSTILE}\n")
    (project.briefs / "2024-01-3.md").symlink_to(outside)
    (project.content / "linked").symlink_to(outside.parent, target_is_directory=True)

    problems = {(p.path, p.message) for p in errors(check_project(project))}

    subfolder = (
        "not read: it is in a subfolder; a brief is a `.md` file directly in content/briefs/: move it there"
    )
    suffix = "not read: it ends in `.markdown`; a brief is a `.md` file: rename it to `2024-01-4.md`"
    assert ("content/briefs/sub/2024-01-2.md", subfolder) in problems
    assert ("content/briefs/2024-01-4.markdown", suffix) in problems
    assert any(p == "content/actors/someone.markdown" for p, _ in problems)
    outside_links = {p for p, m in problems if "links to a file or folder outside the project" in m}
    assert outside_links == {"content/briefs/2024-01-3.md", "content/linked"}
    assert "2024-01-3" not in load_corpus(project).briefs

    site = build_site(project.config_file)
    assert live_handlers(site) == []
    assert (site / "briefs" / "2024-01-1" / "index.html").is_file()
    for gone in ("briefs/sub/2024-01-2", "briefs/2024-01-4", "briefs/2024-01-3", "linked/2024-01-3"):
        assert not (site / gone).exists(), gone


def test_stray_files_stay_out_unless_linked_or_included(project, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.briefing")
    write(project.content / "notes.txt", "private\n")
    write(project.content / "UNCOMMITTED.txt", "wip\n")
    write(project.content / "briefs" / "2024-01-1.md~", "backup\n")
    write(project.content / "img" / "map.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    write(project.briefs / "2024-01-2.md", brief("2024-01-2", "See the ![map](../img/map.svg)."))
    write(project.content / "CNAME", "briefing.example.org\n")

    site = build_site(project.config_file)

    assert (site / "img" / "map.svg").is_file() and (site / "CNAME").is_file()
    for name in ("notes.txt", "UNCOMMITTED.txt", "briefs/2024-01-1.md~"):
        assert not (site / name).exists(), name
    assert "left out of the site, as no page names them: content/UNCOMMITTED.txt" in caplog.text
    monkeypatch.chdir(project.root)
    assert main(["build", "--include", "notes.txt"]) == 0
    assert (site / "notes.txt").is_file() and not (site / "UNCOMMITTED.txt").exists()


def test_a_killed_build_leaves_the_last_site_whole(project):
    site = build_site(project.config_file)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    for i in range(2, 10):
        write(project.briefs / f"2024-01-{i}.md", brief(f"2024-01-{i}"))
    build = subprocess.Popen(
        [sys.executable, "-m", "site_builder.cli", "build", "--skip-check"], cwd=project.root
    )
    deadline = time.monotonic() + 120
    while not list(project.root.glob(".site.building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    build_site(project.config_file)
    assert (site / "briefs" / "2024-01-9" / "index.html").is_file()
    assert not list(project.root.glob(".site.*"))


def test_two_builds_at_once_both_succeed(project):
    command = [sys.executable, "-m", "site_builder.cli", "build"]
    runs = [subprocess.Popen(command, cwd=project.root, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert (project.site / "briefs" / "2024-01-1" / "index.html").is_file()
    assert not list(project.root.glob(".site.*"))


def test_the_site_folder_is_readable_as_the_umask_says(project):
    old = os.umask(0o022)
    try:
        site = build_site(project.config_file)
    finally:
        os.umask(old)
    assert site.stat().st_mode & 0o777 == 0o755


def test_briefs_json_publishes_no_local_paths(project):
    write(
        project.briefs / "2024-01-2.md", brief("2024-01-2").replace("seeds/2024-01-2.txt", "/home/me/x.txt")
    )
    write(project.briefs / "2024-01-3.md", brief("2024-01-3").replace("seeds/2024-01-3.txt", "../../x.txt"))
    records = {b["id"]: b for b in json.loads(exports.briefs_json(load_corpus(project)))}
    assert records["2024-01-1"]["source"]["file"] == "seeds/2024-01-1.txt"
    assert "file" not in records["2024-01-2"]["source"] and "file" not in records["2024-01-3"]["source"]
    assert "/home/me" not in exports.briefs_json(load_corpus(project))


def test_every_csv_column_is_protected_against_formulas(project):
    events = "events:\n- {date: '2024-01-02', basis: stated, range: '=cmd|x', text: '+1', actors: ['@a']}\n"
    text = brief("2024-01-2").replace("---\n\n", events + "---\n\n")
    write(project.briefs / "2024-01-2.md", text)
    rows = list(csv.reader(io.StringIO(exports.events_csv(load_corpus(project)))))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd|x" in cells and "'+1" in cells and "'@a" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def crowded_corpus(n: int):
    import datetime as dt

    from site_builder.briefs.model import Brief, EntityRef
    from site_builder.extract.model import Event

    people = [EntityRef(f"p{i}", f"Person {i}", "person", mentions=1) for i in range(n)]
    event = Event("2024-01-01", "stated", "Everyone met.", actors=[p.id for p in people])
    crowd = Brief("2024-01-01-crowd", "Crowd", dt.date(2024, 1, 1), {}, actors=people, events=[event])
    return build_corpus([crowd], {}, {})


def test_co_occurrence_stays_linear_in_a_crowded_brief():
    corpus = crowded_corpus(2000)
    pairs = sum(len(p.with_actors) for p in corpus.actors.values())
    assert pairs <= WITH_MOST * WITH_MOST  # 2000 x 2000 = 4,000,000 before
    assert len(corpus.actors) == 2000


def test_an_event_naming_hundreds_shows_a_few_and_counts_the_rest():
    import re

    from site_builder.site.pages import Site, make_env, render_timeline
    from site_builder.site.views import EVENT_CHIPS

    corpus = crowded_corpus(300)
    site = Site(corpus)
    views = [site.event(ev) for profile in corpus.actors.values() for ev in profile.events]
    assert all(view is views[0] for view in views)  # one view for the 300 pages that show the event
    html = render_timeline(site, make_env([]))
    item = re.search(r'<li class="bf-event .*?</li>', html).group(0)
    assert item.count('<a class="bf-chip ') == EVENT_CHIPS
    assert f"and {300 - EVENT_CHIPS} more" in item
    assert 'data-actors="p0 p1 ' in item and " p299" in item  # the timeline filter still knows them all


def test_a_busy_port_gets_a_message_not_a_traceback(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert f"error: 127.0.0.1:{port} is already in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_no_leftovers_in_the_project(project):
    build_site(project.config_file)
    assert sorted(p.name for p in project.root.iterdir()) == [".briefing", "content", "mkdocs.yml", "site"]
