"""A build writes a new folder beside the site folder, then puts it in place.

A full build's folder is the whole site, swapped in by two renames. A build after an edit writes
only what changed; each of its files is moved into the site (one rename each), and the files of
pages that are gone are deleted: the thousands of untouched pages are neither copied nor deleted.
A build that fails, or is killed before that step, leaves the previous site as it was (and a
`.NAME.building-*` folder that the next build removes), never a half-written site/.
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


def update_in_place(changes: Path, target: Path, gone: set[str]) -> None:
    """Move every file of changes into target (atomic for each file), after deleting from target
    the files (site-relative paths) that are gone; changes is removed."""
    remove_files(target, gone)
    for root, _, names in os.walk(changes):
        into = target / Path(root).relative_to(changes)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            if (into / name).is_dir():  # a folder still holding files no build wrote (a file where
                # a folder now goes was among the gone files)
                shutil.rmtree(into / name)
            os.replace(Path(root) / name, into / name)
    shutil.rmtree(changes, ignore_errors=True)


def remove_files(site: Path, gone: set[str]) -> None:
    """Delete these files of the site, and the folders they leave empty."""
    for rel in sorted(gone):
        path = site / rel
        try:
            path.unlink(missing_ok=True)
            parent = path.parent
            while parent != site and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        except OSError:
            continue


def remove_leftovers(target: Path) -> None:
    """Folders left by a build that was killed (the caller holds the build lock, so none is in use)."""
    for prefix in (BUILDING, OLD):
        for stale in target.parent.glob(f".{target.name}{prefix}*"):
            shutil.rmtree(stale, ignore_errors=True)
