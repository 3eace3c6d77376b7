"""`briefing serve` starts a rebuild as soon as a file is saved, not at MkDocs' next look.

MkDocs' serve finds changes by listing every watched file every half second (a polling watcher:
it works on any file system, but an edit waits a quarter of a second on average before the
rebuild starts, and at a few thousand briefs each look stats every file). Where the system tells
of changes itself (inotify on Linux, FSEvents, ReadDirectoryChangesW), a native watcher on the
same folders asks for the rebuild the moment a file is written. MkDocs' own watcher keeps
running, so on a file system the native one cannot see (a network share) serve still rebuilds,
only later; a server without the request MkDocs uses is left to its own watcher. No MkDocs import.
"""

from __future__ import annotations

import logging
from pathlib import Path

WRITES = {"modified", "created", "deleted", "moved", "closed"}  # not "opened" or a read's close

log = logging.getLogger("mkdocs.plugins.briefing")


class NativeWatch:
    def __init__(self) -> None:
        self.observer = None

    def start(self, server, paths: list[Path]) -> None:
        """Watch `paths` (folders recursively, files alone) and ask `server` (MkDocs' LiveReloadServer)
        to rebuild on every write."""
        cond = getattr(server, "_rebuild_cond", None)
        if cond is None or not hasattr(server, "_want_rebuild") or self.observer is not None:
            return
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver
        except ImportError:
            return
        if Observer is PollingObserver:  # no native watcher here: MkDocs' own does the same
            return

        class Rebuild(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.is_directory or event.event_type not in WRITES:
                    return
                with cond:
                    server._want_rebuild = True
                    cond.notify_all()

        observer = Observer()
        observer.daemon = True
        try:
            for path in paths:
                if path.is_dir():
                    observer.schedule(Rebuild(), str(path), recursive=True)
                elif path.is_file():  # a file is watched through its folder
                    observer.schedule(_OneFile(Rebuild(), path), str(path.parent), recursive=False)
            observer.start()
        except OSError as err:  # out of inotify watches, say: MkDocs' watcher still runs
            log.debug("native file watcher not started: %s", err)
            return
        self.observer = observer

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None


class _OneFile:
    """Passes on the events of one file in a watched folder."""

    def __init__(self, handler, path: Path):
        self.handler, self.path = handler, str(path)

    def dispatch(self, event) -> None:
        if self.path in (event.src_path, getattr(event, "dest_path", "")):
            self.handler.on_any_event(event)
