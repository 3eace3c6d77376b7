"""`briefing serve` starts a rebuild as soon as a file is saved, not at MkDocs' next look.

MkDocs' serve finds changes by listing every watched file every half second (a polling watcher:
it works on any file system, but an edit waits a quarter of a second on average before the
rebuild starts, and at a few thousand briefs each look stats every file). Where the system tells
of changes itself (inotify on Linux, FSEvents, ReadDirectoryChangesW), a native watcher on the
same folders asks for the rebuild the moment a file is written. MkDocs' own watcher then stops
looking at the folders the native one watches on a local disk: its looks, in a thread of the
serving process, took the rebuild's turns at the interpreter (at 4,000 briefs an edited page
came 0.7 s later with it running) and asked for a second rebuild of the same edit. On a network
file system (NFS, SMB, sshfs ...), which may not report another machine's writes, and where the
kind of file system cannot be told (no /proc/self/mounts), MkDocs' watcher keeps looking; a
server without the request MkDocs uses is left to its own watcher. No MkDocs import.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

WRITES = {"modified", "created", "deleted", "moved", "closed"}  # not "opened" or a read's close
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre"}
NETWORK_FS |= {"fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs", "fuse.ceph", "vboxsf"}
MOUNTS = Path("/proc/self/mounts")

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
        local = [p for p in paths if p.exists() and is_local(p)]
        for path in local:  # MkDocs' watcher looks only where the native one may not see
            if os.path.abspath(path) in getattr(server, "_watched_paths", {}):
                server.unwatch(str(path))

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


def is_local(path: Path, mounts: str | None = None) -> bool:
    """Whether path lies on a file system that reports every write to a native watcher: a local
    one, by the kind of its mount in `mounts` (/proc/self/mounts); False when it cannot be told."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    where = os.path.realpath(path)
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind is not None and kind not in NETWORK_FS
