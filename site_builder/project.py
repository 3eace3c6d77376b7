"""Where a briefing project keeps things (the layout of SPEC.md), read from its mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads past MkDocs' `!!python/name:` and `!ENV` tags as plain values.

    Only `docs_dir` and `site_dir` are read here; MkDocs itself reads the rest."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _folders(config_file: Path) -> tuple[str, str]:
    """(docs_dir, site_dir) as mkdocs.yml sets them; MkDocs' defaults when it does not say."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None  # MkDocs reports a broken mkdocs.yml itself, with its line
    data = data if isinstance(data, dict) else {}
    docs, site = data.get("docs_dir"), data.get("site_dir")
    docs = docs if isinstance(docs, str) and docs else "docs"
    return docs, site if isinstance(site, str) and site else "site"


@dataclass(frozen=True)
class Project:
    """A project folder: mkdocs.yml, the content folder it names (`docs_dir`), seeds/, templates/.

    Without a mkdocs.yml (a folder being set up), content is `content/`, as `briefing new` makes it.
    """

    root: Path
    content: Path
    site: Path

    @classmethod
    def at(cls, root: Path | str = ".", config_file: Path | str | None = None) -> Project:
        root = Path(root).resolve()
        config = Path(config_file).resolve() if config_file else root / CONFIG
        if config_file:
            root = config.parent
        if config.is_file():
            docs, site = _folders(config)
            return cls(root, (root / docs).resolve(), (root / site).resolve())
        return cls(root, root / "content", root / "site")

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG

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
    def state(self) -> Path:
        """Machine state (ingest manifest, caches); safe to delete."""
        return self.root / ".briefing"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
