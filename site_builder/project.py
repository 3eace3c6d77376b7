"""Where a briefing project keeps things (the layout of SPEC.md), relative to its root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: Path | str = ".") -> Project:
        return cls(Path(root).resolve())

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def briefs(self) -> Path:
        return self.content / "briefs"

    @property
    def actor_notes(self) -> Path:
        return self.content / "actors"

    @property
    def location_notes(self) -> Path:
        return self.content / "locations"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def state(self) -> Path:
        """Machine state (ingest manifest, caches); safe to delete."""
        return self.root / ".briefing"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
