"""Edits saved while `briefing serve` makes its first build are not lost.

MkDocs' serve starts watching files only once its first build is done, and its watcher compares
each later look with its first: an edit saved after the build read the briefs and before the
watcher's first look was never seen, and the page stayed old until the next save (at a few
thousand briefs the first build takes minutes, so this is easy to hit). The files' sizes and
times are noted as the first build begins; once the watcher runs, any difference makes serve
rebuild, through a small file of its own that it watches (the server's public `watch`).
No MkDocs import: the plugin hands over the server.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # path -> size, mtime_ns: what MkDocs' watcher compares
WAIT = 3600.0  # seconds to wait for the watcher to start (it never does when the port is taken)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Every file under the given folders, and the given files."""
    out: Snapshot = {}
    for top in paths:
        tops = [(str(top), [], [""])] if top.is_file() else os.walk(top)
        for root, _, names in tops:
            for name in names:
                path = os.path.join(root, name) if name else root
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


@dataclass
class FirstBuildEdits:
    watched: list[Path]
    trigger: Path  # written when an edit was missed: serve watches it
    before: Snapshot

    @classmethod
    def begin(cls, watched: list[Path], trigger: Path) -> FirstBuildEdits:
        """Called as the first build begins, before it reads any file."""
        return cls(watched, trigger, snapshot(watched))

    def watch(self, server) -> None:
        """Called once the first build is done, before serve starts its watcher."""
        try:
            self.trigger.parent.mkdir(parents=True, exist_ok=True)
            self.trigger.write_text("", encoding="utf-8")
        except OSError:
            return  # a read-only project: edits during the first build wait for the next save
        server.watch(str(self.trigger), recursive=False)
        threading.Thread(target=self._compare, args=(server,), daemon=True).start()

    def _compare(self, server) -> None:
        """Once the watcher has taken its first look, rebuild if anything changed since `before`."""
        observer = getattr(server, "observer", None)
        started = time.monotonic()
        while observer is not None and not observer.is_alive():
            if time.monotonic() - started > WAIT:
                return
            time.sleep(0.05)
        if observer is None:  # another server: give it time to start watching
            time.sleep(2)
        if snapshot(self.watched) != self.before:
            try:
                self.trigger.write_text(str(time.time_ns()), encoding="utf-8")
            except OSError:
                pass

    def end(self) -> None:
        try:
            self.trigger.unlink(missing_ok=True)
        except OSError:
            pass
