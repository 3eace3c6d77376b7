"""Incremental builds (issue 16): after an edit only the pages it touches are rendered, and a chain
of such builds leaves the same bytes on disk as one full build of the final content."""

from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import new_project, write

from site_builder.briefs.model import Brief, EntityRef
from site_builder.extract.model import Event
from site_builder.project import Project
from site_builder.site import timeline
from site_builder.site.changes import Shown, brief_entities, same_items, stale_pages
from site_builder.site.corpus import build_corpus
from site_builder.site.last_build import STATE_FILE, LastBuild


def brief_text(bid: str, title: str, date: str, actors=(), places=(), events=(), body="Text.") -> str:
    """A brief as a person could write it: actors (id, name, kind), places (id, name, kind, within,
    lat, lon), events (date, text, actor ids, place ids)."""
    meta = {
        "schema": 1,
        "id": bid,
        "title": title,
        "date": date,
        "source": {"name": "Test Wire"},
        "summary": f"{title}.",
        "actors": [{"id": a, "name": n, "kind": k, "mentions": 1} for a, n, k in actors],
        "locations": [
            {"id": i, "name": n, "kind": k, "within": w, "lat": la, "lon": lo, "mentions": 1}
            for i, n, k, w, la, lo in places
        ],
        "events": [
            {"date": d, "basis": "stated", "text": t, "actors": list(a), "locations": list(p)}
            for d, t, a, p in events
        ],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body + "\n"


RAHMON = ("emomali-rahmon", "Emomali Rahmon", "person")
TALIBAN = ("taliban", "Taliban", "organization")
GHANI = ("ashraf-ghani", "Ashraf Ghani", "person")
TAJIKISTAN = ("tajikistan", "Tajikistan", "country", None, 38.86, 71.28)
DUSHANBE = ("dushanbe", "Dushanbe", "city", "tajikistan", 38.56, 68.77)
AFGHANISTAN = ("afghanistan", "Afghanistan", "country", None, 33.94, 67.71)
KUNDUZ = ("kunduz", "Kunduz", "region", "afghanistan", 36.73, 68.86)

BRIEFS = {
    "a": brief_text(
        "a",
        "Rahmon orders troops to the border",
        "2021-07-06",
        [RAHMON, TALIBAN],
        [TAJIKISTAN, DUSHANBE],
        [("2021-07-05", "Rahmon ordered 20,000 troops to the border.", ["emomali-rahmon"], ["tajikistan"])],
        "President Emomali Rahmon spoke in Dushanbe. The Taliban advanced.",
    ),
    "b": brief_text(
        "b",
        "Taliban take Kunduz",
        "2021-08-08",
        [TALIBAN, GHANI],
        [AFGHANISTAN, KUNDUZ],
        [("2021-08-08", "The Taliban took Kunduz.", ["taliban"], ["kunduz"])],
        "The Taliban took Kunduz on Sunday.",
    ),
    "c": brief_text(
        "c",
        "Ghani leaves Kabul",
        "2021-08-15",
        [GHANI],
        [AFGHANISTAN],
        [("2021-08-15", "Ghani left the country.", ["ashraf-ghani"], ["afghanistan"])],
    ),
    "d": brief_text(
        "d",
        "Dushanbe hosts talks",
        "2021-09-01",
        [RAHMON],
        [DUSHANBE, TAJIKISTAN],
        [("2021-09-01", "Talks opened in Dushanbe.", ["emomali-rahmon"], ["dushanbe"])],
    ),
    "e": brief_text("e", "A quiet day", "2021-09-02", [], [], [], "Nothing named here."),
}


def edit(project, name: str, old: str, new: str) -> None:
    path = project.briefs / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_actor(p) -> None:
    edit(p, "c", "\nactors:\n", "\nactors:\n- {id: new-envoy, name: New Envoy, kind: person, mentions: 1}\n")


def _existing_actor(p) -> None:
    taliban = "- {id: taliban, name: Taliban, kind: organization, mentions: 2}\n"
    edit(p, "c", "\nactors:\n", "\nactors:\n" + taliban)


def _rename_actor(p) -> None:  # the name most briefs use changes
    edit(p, "a", "name: Taliban", "name: The Taliban")
    edit(p, "b", "name: Taliban", "name: The Taliban")


def _note(p) -> None:
    note = "---\nname: Ashraf Ghani\naliases: [Ghani]\n---\nFormer president.\n"
    write(p.actor_notes / "ashraf-ghani.md", note)


def _move_place(p) -> None:  # a place's coordinates and the place it lies within
    edit(p, "a", "within: tajikistan", "within: afghanistan")
    edit(p, "a", "lat: 38.56", "lat: 34.5")


def _new_brief(p) -> None:
    # names Kunduz but not Afghanistan, whose page lists Kunduz with its count of briefs
    write(p.briefs / "f.md", brief_text("f", "Fighting near Kunduz", "2021-08-20", [TALIBAN], [KUNDUZ]))


def _broken_then_fixed(p) -> None:
    edit(p, "e", "title: A quiet day", "title: [unclosed")


EDITS = [
    ("a title edit", lambda p: edit(p, "a", "title: Rahmon orders", "title: President Rahmon orders")),
    (
        "an event edit",
        lambda p: edit(p, "b", "text: The Taliban took Kunduz.", "text: The Taliban took the city."),
    ),
    ("a new actor", _new_actor),
    ("an actor named in other briefs", _existing_actor),
    ("a deleted brief", lambda p: (p.briefs / "d.md").unlink()),
    ("a renamed actor", _rename_actor),
    ("a new note", _note),
    ("a place moved", _move_place),
    ("a new brief", _new_brief),
    ("a broken brief", _broken_then_fixed),
    ("the broken brief fixed", lambda p: edit(p, "e", "title: [unclosed", "title: A quiet day again")),
]


def full_build(project, where: Path, keep_serving: bool = False) -> Path:
    """A full build of a copy of the project: no state from an earlier build. MkDocs keeps one
    plugin object per process; `keep_serving` gives it back what `serve` had kept, afterwards."""
    from mkdocs.config import load_config

    from site_builder.mkdocs_commands import build_site

    plugin = load_config(str(project.config_file)).plugins["briefing"]
    kept = dict(plugin.__dict__)
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    shutil.copy(project.config_file, where / "mkdocs.yml")
    shutil.copytree(project.content, where / "content")
    try:
        return build_site(where / "mkdocs.yml")
    finally:
        if keep_serving:
            plugin.__dict__.clear()
            plugin.__dict__.update(kept)


def incremental_build(project, command: str) -> Path:
    """`briefing build` (state through .briefing/), or one rebuild of `briefing serve` (state kept in
    the plugin between rebuilds, as MkDocs' serve keeps it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder.mkdocs_commands import build_site

    if command == "build":
        return build_site(project.config_file)
    config = load_config(str(project.config_file))
    build(config, dirty=True)
    return Path(config.site_dir)


def differences(left: Path, right: Path) -> list[str]:
    out = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        out.extend(f"{rel}{n} only on one side" for n in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"{rel}{n} differs" for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return out


def written_since(site: Path, stamp: dict[str, int]) -> set[str]:
    return {rel for rel, mtime in snapshot(site).items() if stamp.get(rel) != mtime}


def snapshot(site: Path) -> dict[str, int]:
    out = {}
    for root, _, names in os.walk(site):
        for name in names:
            path = Path(root) / name
            out[path.relative_to(site).as_posix()] = path.stat().st_mtime_ns
    return out


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("timeline_page", [None, 1], ids=["one-timeline-page", "a-timeline-page-per-event"])
def test_a_chain_of_incremental_builds_gives_the_bytes_of_a_full_build(
    tmp_path, command, timeline_page, monkeypatch
):
    from mkdocs.config import load_config

    if timeline_page:  # pages of one event: an edit re-renders only the page of its brief's events
        monkeypatch.setattr(timeline, "TIMELINE_PAGE", timeline_page)
    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    if command == "serve":  # what MkDocs' serve does once, before its first build
        load_config(str(project.config_file)).plugins.on_startup(command="serve", dirty=True)
    site = incremental_build(project, command)
    inodes = {rel: (site / rel).stat().st_ino for rel in snapshot(site)}
    for what, change in EDITS:
        before = snapshot(site)
        os.utime(project.config_file)  # a file time MkDocs compares must not matter
        change(project)
        incremental_build(project, command)
        if command == "build" or timeline_page or what == EDITS[-1][0]:
            problems = differences(
                site, full_build(project, tmp_path / "full", keep_serving=command == "serve")
            )
            assert not problems, f"after {what}: {problems[:10]}"
        written = written_since(site, before)
        if command == "build":  # untouched pages stay in site/ as they were, never written again
            kept = site / "briefs" / "b" / "index.html"
            assert "briefs/b/index.html" in written or kept.stat().st_ino == inodes["briefs/b/index.html"]
            assert not list(site.parent.glob(".site.building-*"))
        inodes = {rel: (site / rel).stat().st_ino for rel in snapshot(site)}
        if what == "a title edit":  # the brief, its entities, the site-wide pages: nothing else
            assert "briefs/a/index.html" in written and "actors/emomali-rahmon/index.html" in written
            assert "briefs/b/index.html" not in written and "actors/ashraf-ghani/index.html" not in written
            assert "search/search_index.json" in written
            if timeline_page:  # a's event is in July 2021; the other timeline pages stay as they were
                assert "timeline/2021-07/index.html" in written
                assert not {"timeline/2021-08/index.html", "timeline/index.html"} & written
                assert "timeline/2021-08-2/index.html" in snapshot(site)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"briefs/a/", "briefs/b/", "briefs/c/", "briefs/e/", "briefs/f/"} <= pages  # search stays complete
    assert "briefs/d/" not in pages and not (site / "briefs" / "d").exists()  # the deleted brief is gone
    assert not any("bfdefer" in d["text"] for d in index["docs"])


def test_a_template_change_renders_every_page_again(tmp_path):
    from site_builder.mkdocs_commands import build_site

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    site = build_site(project.config_file)
    assert LastBuild.load(project.state / STATE_FILE) is not None  # kept for the next build
    template = project.root / "templates" / "brief.md.j2"
    shipped = Path(__file__).resolve().parent.parent / "site_builder" / "site" / "templates" / "brief.md.j2"
    text = shipped.read_text(encoding="utf-8")
    write(template, text.replace('m.heading("The article"', 'm.heading("The article as written"'))
    build_site(project.config_file)
    for name in ("a", "b", "c", "e"):
        assert "The article as written" in (site / "briefs" / name / "index.html").read_text(encoding="utf-8")


def test_a_broken_state_file_means_a_full_build(tmp_path):
    from site_builder.mkdocs_commands import build_site

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    site = build_site(project.config_file)
    (project.state / STATE_FILE).write_text("{not json", encoding="utf-8")
    (site / "stray.html").write_text("left by hand", encoding="utf-8")
    edit(project, "b", "title: Taliban take", "title: The Taliban take")
    build_site(project.config_file)
    assert not (site / "stray.html").exists()  # a full build starts from an empty folder
    assert "The Taliban take" in (site / "briefs" / "b" / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_after_an_edit_leaves_the_site_as_it_was(tmp_path, monkeypatch):
    """The build after an edit writes its pages into a folder of its own; a failure leaves site/
    untouched and the state forgotten, and the next build is a full one, right."""

    from site_builder.mkdocs_commands import build_site
    from site_builder.site import pages

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    site = build_site(project.config_file)
    before = {rel: (site / rel).read_bytes() for rel in snapshot(site)}
    real = pages.render_actor
    monkeypatch.setattr(
        pages, "render_actor", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk on fire"))
    )
    edit(project, "a", "title: ", "title: Edited ")
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_site(project.config_file)
    assert {rel: (site / rel).read_bytes() for rel in snapshot(site)} == before
    assert not (project.state / STATE_FILE).exists() and not list(site.parent.glob(".site.building-*"))
    monkeypatch.setattr(pages, "render_actor", real)
    build_site(project.config_file)
    assert not differences(site, full_build(project, tmp_path / "full"))


def test_a_build_after_an_edit_moves_in_what_changed_and_deletes_what_is_gone(tmp_path):
    from site_builder.site_folder import update_in_place

    site, changes = tmp_path / "site", tmp_path / "changes"
    for rel, text in {"a/index.html": "old a", "b/index.html": "b", "c/index.html": "c", "x": "x"}.items():
        write(site / rel, text)
    write(changes / "a" / "index.html", "new a")
    write(changes / "d" / "deep" / "index.html", "d")
    write(changes / "x" / "index.html", "a page where a file was")
    untouched = (site / "b" / "index.html").stat().st_ino
    update_in_place(changes, site, {"c/index.html", "x"})
    assert (site / "a" / "index.html").read_text() == "new a"
    assert (site / "d" / "deep" / "index.html").read_text() == "d"
    assert (site / "x" / "index.html").read_text() == "a page where a file was"
    assert not (site / "c").exists()  # the folder it leaves empty goes too
    assert (site / "b" / "index.html").stat().st_ino == untouched
    assert not changes.exists()


def test_loading_the_corpus_pauses_the_collector_and_always_resumes_it(tmp_path, monkeypatch):
    """Collections while the briefs and the corpus load took most of the loading time; the
    collector runs again once the build's plan is made, even when loading fails."""
    import gc

    from site_builder.mkdocs_commands import build_site
    from site_builder.site import corpus

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    seen = []
    real = corpus.build_corpus

    def watched(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr("site_builder.mkdocs_plugin.build_corpus", watched)
    build_site(project.config_file)
    assert seen == [False] and gc.isenabled()

    def broken(*args):
        raise RuntimeError("no corpus today")

    monkeypatch.setattr("site_builder.mkdocs_plugin.build_corpus", broken)
    with pytest.raises(RuntimeError, match="no corpus today"):
        build_site(project.config_file)
    assert gc.isenabled()


def test_the_briefing_command_ends_as_soon_as_the_build_is_written(tmp_path):
    """`briefing build` leaves without freeing its objects one by one: its messages, the site and
    the state for the next build are all out, and its exit status is the build's."""
    import subprocess
    import sys

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)

    def briefing(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "site_builder.cli", *args]
        return subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=300)

    done = briefing("build")
    assert done.returncode == 0 and "build: the site is in site/" in done.stderr, done.stderr
    assert (project.state / STATE_FILE).is_file() and (
        project.root / "site" / "briefs" / "a" / "index.html"
    ).is_file()
    edit(project, "a", "title: ", "title: [unclosed ")
    done = briefing("build")
    assert done.returncode == 1 and "build: stopped" in done.stderr, done.stderr


# --- the plan alone: which pages a change touches ---


def _brief(bid: str, actors: list[str], places: list[tuple[str, str | None]], events=()) -> Brief:
    import datetime as dt

    return Brief(
        id=bid,
        title=bid.upper(),
        date=dt.date(2021, 7, 1),
        source={},
        actors=[EntityRef(a, a.title(), "person", 1) for a in actors],
        locations=[EntityRef(p, p.title(), "city", 1, within=w) for p, w in places],
        events=[Event("2021-07-01", "stated", "x", list(a), list(p)) for a, p in events],
    )


def _shown(briefs: dict[str, Brief], versions: dict[str, str]) -> Shown:
    corpus = build_corpus(list(briefs.values()), {}, {})
    pages = {f"briefs/{k}.md": b for k, b in briefs.items()}
    return Shown.of(corpus, pages, {f"briefs/{k}.md": v for k, v in versions.items()}, {})


def test_a_brief_names_its_actors_places_event_entities_and_speakers():
    b = _brief("x", ["ann"], [("paris", None)], [(["bob"], ["lyon"])])
    assert brief_entities(b) == {"actors/ann.md", "actors/bob.md", "locations/paris.md", "locations/lyon.md"}


def test_an_edit_touches_its_brief_and_entities_and_a_rename_reaches_every_page_showing_the_name():
    briefs = {
        "x": _brief("x", ["ann", "bob"], [("paris", "france")]),
        "y": _brief("y", ["bob"], [("lyon", "france")]),
        "z": _brief("z", ["cyd"], [("rome", None)]),
    }
    old = _shown(briefs, {"x": "1", "y": "1", "z": "1"})
    assert stale_pages(None, old) is None  # no earlier build: everything
    assert stale_pages(old, old) == set()
    new = _shown(briefs, {"x": "2", "y": "1", "z": "1"})  # x edited, nothing shown differently
    assert stale_pages(old, new) == {"briefs/x.md", "actors/ann.md", "actors/bob.md", "locations/paris.md"}
    renamed = dict(briefs, y=_brief("y", ["bob"], [("lyon", "france")]))
    renamed["y"].actors[0].name = "Robert"
    renamed["x"].actors[1].name = "Robert"  # both briefs now call bob Robert: his name changes
    new = _shown(renamed, {"x": "1", "y": "2", "z": "1"})
    stale = stale_pages(old, new)
    assert {"briefs/x.md", "briefs/y.md", "actors/bob.md", "actors/ann.md", "locations/paris.md"} <= stale
    assert not stale & {"briefs/z.md", "actors/cyd.md", "locations/rome.md"}


def test_a_list_page_whose_frame_alone_changed_keeps_its_items():
    briefs = {"x": _brief("x", ["ann"], []), "y": _brief("y", ["bob"], []), "z": _brief("z", ["cyd"], [])}
    old = _shown(briefs, {"x": "1", "y": "1", "z": "1"})
    old.lists = {
        "timeline/a.md": ("3 events", frozenset({"briefs/x.md"})),
        "timeline.md": ("3 events", frozenset({"briefs/y.md", "briefs/z.md"})),
    }
    del briefs["z"]  # z's events leave the newest page; the total every page shows changes
    new = _shown(briefs, {"x": "1", "y": "1"})
    new.lists = {
        "timeline/a.md": ("2 events", frozenset({"briefs/x.md"})),
        "timeline.md": ("2 events", frozenset({"briefs/y.md"})),
    }
    assert {"timeline/a.md", "timeline.md"} <= stale_pages(old, new)  # both pages are rendered again
    assert same_items(old, new) == {"timeline/a.md"}  # the first keeps its list of events
    assert same_items(None, new) == set()
    renamed = dict(briefs, x=_brief("x", ["ann"], []))
    renamed["x"].actors[0].name = "Anne"  # a name its events show changes: its list is made again
    new = _shown(renamed, {"x": "1", "y": "1"})
    new.lists = {"timeline/a.md": ("2 events", frozenset({"briefs/x.md"}))}
    assert same_items(old, new) == set()


def test_a_deleted_brief_renders_again_only_the_timeline_pages_of_its_events_and_the_newest(monkeypatch):
    """The other pages show every page's label and link, not its count or the total."""
    import datetime as dt

    from site_builder.site.changes import list_pages
    from site_builder.site.views import Site

    monkeypatch.setattr(timeline, "TIMELINE_PAGE", 2)

    def brief(bid: str, month: str) -> Brief:
        events = [Event(f"2021-{month}-01", "stated", bid, ["ann"], [])]
        return Brief(id=bid, title=bid, date=dt.date(2021, 12, 1), source={}, events=events)

    def shown(briefs: dict[str, Brief]) -> Shown:
        corpus = build_corpus(list(briefs.values()), {}, {})
        pages = {f"briefs/{k}.md": b for k, b in briefs.items()}
        lists = list_pages(Site(corpus), {b.id: f"briefs/{k}.md" for k, b in briefs.items()})
        return Shown.of(corpus, pages, {p: "1" for p in pages}, {}, lists)

    months = {"a": "01", "b": "02", "c": "03", "d": "04", "e": "05"}  # two briefs a month, a page each
    briefs = {f"{k}{i}": brief(f"{k}{i}", m) for k, m in months.items() for i in (1, 2)}
    old = shown(briefs)
    middle = {f"timeline/2021-0{m}.md" for m in range(1, 5)}
    assert set(old.lists) == middle | {"timeline.md"}
    del briefs["c1"]  # one event fewer on March's page: its count and the total change
    stale = stale_pages(old, shown(briefs))
    assert {p for p in stale if p.startswith("timeline")} == {"timeline/2021-03.md", "timeline.md"}


def test_serve_asks_for_a_rebuild_as_soon_as_a_file_is_written_and_not_when_one_is_read(tmp_path):
    import threading
    import time

    from site_builder.native_watch import NativeWatch

    class Server:  # what MkDocs' LiveReloadServer holds for a rebuild request
        def __init__(self):
            self._rebuild_cond = threading.Condition()
            self._want_rebuild = False

    def asked(server, within: float) -> bool:
        with server._rebuild_cond:
            return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)

    folder, config = tmp_path / "content", tmp_path / "mkdocs.yml"
    write(folder / "briefs" / "a.md", "text")
    write(config, "site_name: x\n")
    write(tmp_path / "other.txt", "not watched")
    server, watch = Server(), NativeWatch()
    watch.start(server, [folder, config, tmp_path / "no-such-folder"])
    try:
        if watch.observer is None:
            pytest.skip("no native file watcher on this system")
        time.sleep(0.3)
        (folder / "briefs" / "a.md").read_text(encoding="utf-8")
        (tmp_path / "other.txt").write_text("changed", encoding="utf-8")
        assert not asked(server, 0.5)  # a read, or a file outside the watched ones: nothing
        (folder / "briefs" / "a.md").write_text("edited", encoding="utf-8")
        assert asked(server, 5)
        server._want_rebuild = False
        config.write_text("site_name: y\n", encoding="utf-8")
        assert asked(server, 5)
    finally:
        watch.stop()


def test_mkdocs_own_watcher_stops_looking_where_the_native_one_sees_every_write(tmp_path):
    """Its looks slowed each rebuild (and asked for a second one); on a network share it keeps
    looking, as the native watcher may not hear of another machine's writes."""
    import os
    import threading

    from site_builder.native_watch import NativeWatch, is_local

    mounts = (
        "/dev/sda1 / ext4 rw 0 0\nserver:/export /srv/share nfs4 rw 0 0\nhost:/ /mnt/ssh fuse.sshfs rw 0 0\n"
    )
    assert is_local(Path("/home/me/briefing/content"), mounts)
    assert not is_local(Path("/srv/share/briefing/content"), mounts)
    assert not is_local(Path("/mnt/ssh/x"), mounts) and is_local(Path("/srv/shared"), mounts)
    assert not is_local(Path("/anything"), "")  # nothing known: MkDocs' watcher keeps looking

    class Server:  # MkDocs' LiveReloadServer: what it watches, and its rebuild request
        def __init__(self, paths):
            self._rebuild_cond = threading.Condition()
            self._want_rebuild = False
            self._watched_paths = {os.path.abspath(p): 1 for p in paths}

        def unwatch(self, path):
            del self._watched_paths[os.path.abspath(path)]

    folder, config = tmp_path / "content", tmp_path / "mkdocs.yml"
    write(folder / "briefs" / "a.md", "text")
    write(config, "site_name: x\n")
    server, watch = Server([folder, config, tmp_path / "extra"]), NativeWatch()
    watch.start(server, [folder, config])
    try:
        if watch.observer is None:
            pytest.skip("no native file watcher on this system")
        expected = {str(tmp_path / "extra")}
        if not is_local(folder):  # this test's own folder is on a network share
            expected |= {str(folder), str(config)}
        assert set(server._watched_paths) == expected
    finally:
        watch.stop()


def test_what_a_build_keeps_goes_back_to_the_collector(tmp_path):
    import gc
    import time

    from site_builder import long_lived
    from site_builder.mkdocs_commands import build_site

    project = new_project(tmp_path / "p")
    write(project.briefs / "a.md", BRIEFS["a"])
    build_site(project.config_file)
    assert gc.get_freeze_count() == 0  # a process running builds one after another keeps nothing
    long_lived.keep()
    assert gc.get_freeze_count() > 0
    idle = long_lived.IdleRelease()
    idle.schedule(0.05)
    idle.cancel()  # a rebuild started: nothing collected under it
    time.sleep(0.2)
    assert gc.get_freeze_count() > 0
    idle.schedule(0.05)
    deadline = time.monotonic() + 5
    while gc.get_freeze_count() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gc.get_freeze_count() == 0


def with_jobs(project, jobs: int) -> None:
    """The project's mkdocs.yml with the briefing plugin's `jobs` set."""
    text = project.config_file.read_text(encoding="utf-8")
    old = "  - briefing:\n      templates: templates\n"
    assert old in text
    project.config_file.write_text(text.replace(old, f"{old}      jobs: {jobs}\n"), encoding="utf-8")


def test_pages_rendered_by_two_processes_give_the_bytes_of_one(tmp_path, caplog):
    """`jobs: 2` forks a second process that renders every other page; the first gathers its
    search entries. The site, search index included, is the same as one process makes, after a
    full build and after a chain of edits."""
    from site_builder.mkdocs_commands import build_site

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.briefing")
    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    with_jobs(project, 2)
    site = build_site(project.config_file)
    assert "in 2 processes" in caplog.text
    assert not list(project.state.glob("build-jobs-*"))  # the other process's results are cleared
    for what, change in [EDITS[0], EDITS[2], EDITS[4], EDITS[5]]:
        change(project)
        build_site(project.config_file)
        single = tmp_path / "single"
        full_build(project, single)
        with_jobs(Project.at(single), 1)
        problems = differences(site, build_site(single / "mkdocs.yml"))
        assert not problems, f"after {what}: {problems[:10]}"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"briefs/a/", "briefs/b/", "briefs/c/", "briefs/e/", "actors/taliban/"} <= pages


def test_a_big_corpus_shares_its_exports_with_a_second_process_after_a_small_edit(monkeypatch):
    from site_builder import build_jobs

    monkeypatch.setattr(build_jobs, "cpu_count", lambda: 2)
    assert build_jobs.jobs_for(11, 0, briefs=4000) == 2  # the exports, written whole, are shared
    assert build_jobs.jobs_for(11, 0, briefs=40) == 1  # a small site: the fork costs more than it saves
    assert build_jobs.jobs_for(11, 1, briefs=4000) == 1  # `jobs: 1` turns it off
    assert build_jobs.jobs_for(2000, 0, briefs=40) == 2
    monkeypatch.setattr(build_jobs, "cpu_count", lambda: 1)
    assert build_jobs.jobs_for(11, 0, briefs=4000) == 1


def test_a_failure_in_the_other_process_stops_the_build_and_keeps_the_site(tmp_path, monkeypatch):
    from mkdocs.exceptions import Abort

    from site_builder.mkdocs_commands import build_site
    from site_builder.site import pages

    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    with_jobs(project, 2)
    site = build_site(project.config_file)
    before = snapshot(site)
    parent = os.getpid()
    real = pages.render_actor

    def broken_in_child(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "render_actor", broken_in_child)
    os.utime(project.config_file)
    (project.state / STATE_FILE).unlink()  # every page is rendered again, in both processes
    with pytest.raises(Abort):
        build_site(project.config_file)
    assert snapshot(site) == before  # the site being replaced is left as it was
    assert not list(project.state.glob("build-jobs-*"))
