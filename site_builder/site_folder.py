"""The site folder is replaced whole: a build writes a new folder beside it, then swaps it in.

A build that is killed, or fails, leaves the previous site as it was (and a `.NAME.building-*`
folder that the next build removes), never a half-written site/.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

BUILDING, OLD = ".building-", ".old-"


def new_folder(target: Path) -> Path:
    """An empty folder beside target to build into, readable as a site folder normally is."""
    if target.exists() and not target.is_dir():  # someone's file: never moved or deleted
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}{BUILDING}", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site is served to others
    return folder


def swap_in(built: Path, target: Path) -> None:
    """Put built where target is, in two renames; the old site is deleted afterwards."""
    if not target.exists():
        built.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}{OLD}", dir=target.parent))
    old.rmdir()
    target.rename(old)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(target: Path) -> None:
    """Folders left by a build that was killed (the caller holds the build lock, so none is in use)."""
    for prefix in (BUILDING, OLD):
        for stale in target.parent.glob(f".{target.name}{prefix}*"):
            shutil.rmtree(stale, ignore_errors=True)
