"""Incremental rebuilds (issue 16), measured on a project that has been ingested and built.

    python -m bench.rebuild PROJECT          # one project, results printed as JSON

- `briefing serve`: the time from saving a brief to its new page being on disk (a title edit,
  an added actor, a deleted brief: the page gone), and to the end of that rebuild (exports and
  search index written, browsers told to reload). The time the file watcher takes to notice the
  save (inotify, or MkDocs' look every half second) is part of the figure, as it is of a person's.
- `briefing build` after one edit (a title), as a person runs it (the check included), against
  the full build the caller measured.

Each edit is undone after it is measured (and that rebuild is not timed).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .measure import run

POLL = 0.02  # seconds between looks at the page file
TIMEOUT_PER_BRIEF = 0.6  # seconds per brief (a full build takes about 0.04 s per brief): a stuck server
MIN_TIMEOUT = 600  # seconds, at any size


def timeout(project: Path) -> float:
    """How long to wait for a build before calling the server stuck: it grows with the briefing."""
    briefs = sum(1 for _ in (project / "content" / "briefs").glob("*.md"))
    return max(MIN_TIMEOUT, TIMEOUT_PER_BRIEF * briefs)


def _briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", *args]


def pick_brief(project: Path) -> Path:
    """A brief from the middle of the list, with at least one actor: a typical page."""
    briefs = sorted((project / "content" / "briefs").glob("*.md"))
    for path in briefs[len(briefs) // 2 :] + briefs:
        if re.search(r"(?m)^actors:\n- ", path.read_text(encoding="utf-8")):
            return path
    return briefs[len(briefs) // 2]


MARK = "Retitled by bench"


def retitle(text: str) -> str:
    """The title with words in front, inside its quotes if it has them."""
    return re.sub(r"(?m)^title: (['\"]?)", lambda m: f"title: {m.group(1)}{MARK} ", text, count=1)


def add_actor(text: str) -> str:
    actor = "- {id: bench-added-envoy, name: Bench Added Envoy, kind: person, mentions: 1}\n"
    return re.sub(r"(?m)^actors:\n", "actors:\n" + actor, text, count=1)


def build_after_edit(project: Path) -> dict:
    """`briefing build` after a title edit (the last build's state is in .briefing/), then undone."""
    brief = pick_brief(project)
    text = brief.read_text(encoding="utf-8")
    brief.write_text(retitle(text), encoding="utf-8")
    try:
        r = run(_briefing("build"), project).check()
    finally:
        brief.write_text(text, encoding="utf-8")
    page = project / "site" / "briefs" / brief.stem / "index.html"
    if MARK not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"bench: {page} does not show the edited title after `briefing build`")
    run(_briefing("build"), project).check()  # back to the unedited site
    return {"edit_build_s": r.seconds, "edit_build_cpu": r.cpu_seconds, "edit_build_mb": r.peak_tree_mb}


class Server:
    """`briefing serve` in a subprocess, building into a temporary folder that the bench can see."""

    def __init__(self, project: Path, port: int):
        self.tmp = project.parent / f"{project.name}-serve-tmp"
        self.tmp.mkdir(exist_ok=True)
        for old in self.tmp.glob("mkdocs_*"):
            _rmtree(old)
        self.before = set(self.tmp.glob("mkdocs_*"))  # left by a server that was killed
        self.log = project.parent / f"{project.name}-serve.log"
        env = {**os.environ, "TMPDIR": str(self.tmp)}
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                _briefing("serve", "-a", f"127.0.0.1:{port}"), cwd=project, stdout=out, stderr=out, env=env
            )
        self.started = time.perf_counter()
        self.timeout = timeout(project)

    @property
    def site(self) -> Path | None:
        found = sorted(set(self.tmp.glob("mkdocs_*")) - self.before)
        return found[0] if found else None

    def rebuilds(self) -> int:
        """Changes at the end of every build: the search index is the last file written."""
        try:
            return (self.site / "search" / "search_index.json").stat().st_mtime_ns
        except (OSError, TypeError):
            return 0

    def wait(self, done, what: str) -> float:
        """Seconds until done() is true."""
        start = time.perf_counter()
        while not done():
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: `briefing serve` stopped while waiting for {what}; see {self.log}")
            if time.perf_counter() - start > self.timeout:
                raise SystemExit(f"bench: no {what} after {self.timeout:.0f} s; see {self.log}")
            time.sleep(POLL)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=self.timeout)  # it removes its temporary site first


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_edits(project: Path) -> dict:
    """Edit-to-page times under `briefing serve`: a title edit, an added actor, a deleted brief."""
    brief = pick_brief(project)
    text = brief.read_text(encoding="utf-8")
    server = Server(project, _free_port())
    out: dict = {}
    try:
        first = lambda: server.site and (server.site / "search" / "search_index.json").exists()  # noqa: E731
        server.wait(first, "the first build")
        # then the address, printed once MkDocs watches the files: a person edits after seeing it
        # (an edit saved before is rebuilt too, but later: first_build_edits.py)
        server.wait(lambda: "the site is at" in server.log.read_text(errors="replace"), "the address")
        out["serve_first_s"] = time.perf_counter() - server.started
        page = lambda: server.site / "briefs" / brief.stem / "index.html"  # noqa: E731

        def shows(words: str):
            return lambda: page().exists() and words in page().read_text(encoding="utf-8", errors="replace")

        def undone() -> bool:
            html = page().read_text(encoding="utf-8", errors="replace") if page().exists() else ""
            return bool(html) and MARK not in html and "Bench Added Envoy" not in html

        edits = [
            ("title", lambda: brief.write_text(retitle(text), "utf-8"), shows(MARK)),
            ("actor", lambda: brief.write_text(add_actor(text), "utf-8"), shows("Bench Added Envoy")),
            ("delete", brief.unlink, lambda: not page().exists()),
        ]
        for name, change, done in edits:
            count = server.rebuilds()
            change()
            out[f"serve_{name}_page_s"] = server.wait(done, f"the page after the {name} edit")
            out[f"serve_{name}_rebuild_s"] = out[f"serve_{name}_page_s"] + server.wait(
                lambda c=count: server.rebuilds() != c, f"the end of the rebuild after the {name} edit"
            )
            count = server.rebuilds()
            brief.write_text(text, encoding="utf-8")  # undone, and the rebuild waited for
            server.wait(lambda c=count: server.rebuilds() != c and undone(), "the undo")
    finally:
        brief.write_text(text, encoding="utf-8")  # as it was, whatever happened
        server.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    project = Path((argv or sys.argv[1:])[0]).resolve()
    results = build_after_edit(project) | serve_edits(project)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
