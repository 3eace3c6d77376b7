"""Where a briefing project keeps things (the layout of SPEC.md), read from its mkdocs.yml."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

CONFIG = "mkdocs.yml"
# what `check` and `ingest` say of a folder holding no project
NOT_A_PROJECT = "no mkdocs.yml here: run briefing in the project folder, or start one with `briefing new DIR`"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages
ENTRY_FOLDERS = {"briefs": "a brief", "actors": "an actor note", "locations": "a location note"}


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

    def contains(self, path: Path) -> bool:
        """Whether path, with every link followed, lies inside the project folder."""
        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop
            return False
        return True

    def inside(self, paths: Iterable[Path]) -> list[bool]:
        """contains() of many files at the cost of one look at each: a file that is not a link
        lies where its folder does, and each folder is resolved once."""
        folders: dict[Path, bool] = {}
        out = []
        for path in paths:
            parent = path.parent
            if parent not in folders:
                folders[parent] = self.contains(parent)
            out.append((folders[parent] and not path.is_symlink()) or self.contains(path))
        return out

    def relative(self, path: Path) -> str:
        for candidate in (path.absolute(), path.resolve()):  # a link inside the project is named as such
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def content_files(self) -> Iterator[Path]:
        """Every file under the content folder, and every link to a folder (not followed)."""
        for folder, dirs, names in os.walk(self.content):
            dirs.sort()
            links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
            for name in sorted([*names, *links]):
                yield Path(folder) / name


def misplaced(src: str) -> str | None:
    """Why a Markdown file under briefs/, actors/ or locations/ (src: its path in the content
    folder) is not read as a brief or note, else None. MkDocs would publish it as a page of its own."""
    path = PurePosixPath(src)
    if len(path.parts) < 2 or path.parts[0] not in ENTRY_FOLDERS:
        return None
    if path.suffix.lower() not in MARKDOWN_SUFFIXES:
        return None
    what, folder = ENTRY_FOLDERS[path.parts[0]], path.parts[0]
    if len(path.parts) > 2:
        return f"is in a subfolder; {what} is a `.md` file directly in content/{folder}/: move it there"
    if path.suffix != ".md":
        return f"ends in `{path.suffix}`; {what} is a `.md` file: rename it to `{path.stem}.md`"
    return None
