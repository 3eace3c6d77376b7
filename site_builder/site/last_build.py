"""What the last build wrote, kept for the next one: what its inputs were, what its pages showed,
each page's search entries and every file it wrote.

`briefing serve` keeps it in memory; `briefing build` keeps it in `.briefing/site.json`, so a
build after one edit renders only the pages the edit touched. It is machine state: a file that is
missing, unreadable or written by another version means a full build, never an error. The
fingerprint covers everything else a page depends on (the package, MkDocs and the theme, mkdocs.yml,
the project's templates): when it differs, everything is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..briefs.model import write_atomic
from .changes import Shown

FORMAT = 1
STATE_FILE = "site.json"
DISTRIBUTIONS = ("briefing", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


@dataclass
class LastBuild:
    fingerprint: str
    site_dir: str
    shown: Shown
    search: dict[str, list[dict]] = field(default_factory=dict)  # page -> its search index entries
    outputs: list[str] = field(default_factory=list)  # files written, relative to site_dir

    def save(self, path: Path) -> None:
        write_atomic(path, self.dumps())

    def dumps(self) -> str:
        shown = self.shown
        data = {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "site_dir": self.site_dir,
            "briefs": {src: [version, sorted(names)] for src, (version, names) in shown.briefs.items()},
            "notes": shown.notes,
            "entities": shown.entities,
            "parents": shown.parents,
            "counts": shown.counts,
            "lists": {src: [what, sorted(briefs)] for src, (what, briefs) in shown.lists.items()},
            "search": self.search,
            "outputs": self.outputs,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> LastBuild | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            shown = Shown(
                briefs={src: (v, frozenset(names)) for src, (v, names) in data["briefs"].items()},
                notes=dict(data["notes"]),
                entities=dict(data["entities"]),
                parents=dict(data["parents"]),
                counts=dict(data["counts"]),
                lists={src: (what, frozenset(briefs)) for src, (what, briefs) in data["lists"].items()},
            )
            return cls(
                data["fingerprint"], data["site_dir"], shown, dict(data["search"]), list(data["outputs"])
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def forget(path: Path) -> None:
    """A build is under way: the site is about to change, so the saved state no longer describes it."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def fingerprint(settings: object, folders: Iterable[Path], files: Iterable[Path] = ()) -> str:
    """A digest of everything that is not a brief or note but shapes the pages: the settings given,
    the installed versions of the packages that render them, and every file (name, size, time)
    under `folders` and in `files`."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for name in DISTRIBUTIONS:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-;".encode())
    for path in [*files, *(p for folder in folders for p in _walk(folder))]:
        try:
            st = path.stat()
            digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns};".encode())
        except OSError:
            digest.update(f"{path}:-;".encode())
    return digest.hexdigest()


def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        out.extend(Path(root) / n for n in sorted(names) if not n.endswith(".pyc"))
    return out
