"""One command at a time per project: an ingest (or a build) waits for the one already running.

Two ingests at once would each brief every new article (ids and the manifest are read once, at
the start); two builds at once would write the same site folder. A lock file in `.briefing/`,
held with `fcntl.flock` for the length of the command, makes the second wait for the first; the
kernel drops the lock when its holder exits, however it exits, so a killed run never leaves the
project locked.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no locking, as before
    fcntl = None  # type: ignore[assignment]


_held: set[Path] = set()  # locks this process holds: taking one again (update runs ingest) is free


class LockError(OSError):
    """The lock file cannot be made (a read-only project); str() says where and what to do."""


@contextlib.contextmanager
def project_lock(state: Path, name: str, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold `.briefing/NAME.lock` for the duration; when another process holds it, tell `on_wait`
    (with that process's pid when known) and wait for it."""
    path = state / f"{name}.lock"
    if fcntl is None or path in _held:
        yield
        return
    try:
        state.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        if err.errno in (errno.EROFS, errno.EACCES):  # a read-only project: nothing to race for
            yield
            return
        raise LockError(err.errno, f"{path}: cannot make the lock file ({err.strerror})") from err
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _held.add(path)
        yield
    finally:
        _held.discard(path)
        os.close(fd)  # closing the file releases the lock
