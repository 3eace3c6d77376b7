"""Parsed briefs kept between builds (.briefing/briefs.cache), keyed on each file's size and times.

Reading thousands of briefs means parsing thousands of YAML blocks; a build after a small edit
should parse only the briefs that changed. An entry is reused only while the file's size,
modification time and change time (which no tool can set back) are all the same.
The cache is machine state: any problem with it means it is ignored and rewritten, never an error.
Unpickling is limited to the classes a Brief is made of, so a planted file cannot run code.

`briefing check` reads every brief anyway: it puts what it parsed here, and the build that follows
in the same process takes the cache as check left it (`open` hands back the cache this process
opened last, while its file is unchanged), so no brief is parsed twice; the build saves it. A brief
in which check found nothing wrong by itself is marked `clean` with its key: the next check takes
it from here too, unless the file changed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pathlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..extract.model import Event, Quote
from .model import Brief, EntityRef

BRIEF_CACHE = "briefs.cache"  # in the project's .briefing/ folder
FORMAT = 3  # bump when Brief or its parts change shape, or when the rules for reading them do
ALLOWED = {
    ("site_builder.briefs.model", "Brief"),
    ("site_builder.briefs.model", "EntityRef"),
    ("site_builder.extract.model", "Event"),
    ("site_builder.extract.model", "Quote"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "Path"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}
_ = (Brief, EntityRef, Event, Quote, dt, pathlib)  # the classes ALLOWED names


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a brief")
        return super().find_class(module, name)


Key = tuple[int, int, int]  # size, mtime_ns, ctime_ns


def file_key(stat: os.stat_result) -> Key:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _key_of(path: Path) -> Key | None:
    try:
        return file_key(path.stat())
    except OSError:
        return None


@dataclass
class BriefCache:
    path: Path
    entries: dict[str, tuple[Key, Brief]] = field(default_factory=dict)
    changed: bool = False
    clean: dict[str, Key] = field(default_factory=dict)  # briefs check passed without a word, at key

    @classmethod
    def open(cls, path: Path) -> BriefCache:
        key = _key_of(path)
        held = _held.get(path)
        if held is not None and held[0] == key:
            return held[1]
        cache = cls(path, changed=path.exists())
        try:
            data = _Unpickler(io.BytesIO(path.read_bytes())).load()
            entries = data.get("entries") if isinstance(data, dict) and data.get("format") == FORMAT else None
            if isinstance(entries, dict) and isinstance(data.get("clean"), dict):
                cache = cls(path, entries, clean=data["clean"])
        except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt
            pass
        _hold(cache, key)
        return cache

    def get(self, name: str, key: Key) -> Brief | None:
        hit = self.entries.get(name)
        return hit[1] if hit and hit[0] == key else None

    def put(self, name: str, key: Key, brief: Brief) -> None:
        self.entries[name] = (key, brief)
        self.changed = True

    def keep_only(self, names: set[str]) -> None:
        for name in set(self.entries) - names:
            del self.entries[name]
            self.changed = True
        for name in set(self.clean) - set(self.entries):
            del self.clean[name]

    def mark_clean(self, name: str, key: Key) -> None:
        if self.clean.get(name) != key:
            self.clean[name] = key
            self.changed = True

    def checked(self, name: str, key: Key) -> Brief | None:
        """The brief, when check found nothing wrong in this version of its file."""
        return self.get(name, key) if self.clean.get(name) == key else None

    def save(self) -> None:
        if not self.changed:
            return
        try:
            data = {"format": FORMAT, "entries": self.entries, "clean": self.clean}
            data = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(self.path, data)
            self.changed = False
            _hold(self, _key_of(self.path))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a read-only project still builds, only without the cache


_held: dict[Path, tuple[Key | None, BriefCache]] = {}  # the cache last opened or saved, and its file's key


def _hold(cache: BriefCache, key: Key | None) -> None:
    """The next `open` of the same file in this process, while the file is as it is now, gets this
    cache: what was put in it since is as good as what is on disk (every entry names its file's key)."""
    _held.clear()  # one at a time: a process that builds many projects (tests) holds only the last
    _held[cache.path] = (key, cache)
