"""The files of an incremental MkDocs build, for the plugin: pages rendered only when MkDocs reads
them and skipped when a change did not touch them, exports written after the pages, the last
site's files linked or removed, the search plugin's entries, templates compiled once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .project import Project

PACKAGE = Path(__file__).resolve().parent
DIRTY_MESSAGES = ("A 'dirty' build is being performed", "The directory contains stale files")


class RenderedOnRead(File):
    """A generated page whose Markdown is rendered when MkDocs reads it, not when it is listed:
    the build never holds every page's Markdown at once. A page that need not change (`stale`
    False) is neither read nor written by a dirty build."""

    render: Callable[[], str]
    stale: bool = True

    @property
    def content_string(self) -> str:
        return self.render()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.render = lambda: value

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.content_string = value.decode("utf-8-sig")

    def is_modified(self) -> bool:
        return self.stale


def generated_page(
    config: MkDocsConfig, path: str, render: Callable[[], str], inclusion, dests: dict | None = None
) -> File:
    """A page rendered when read. `dests`: {(path, use_directory_urls): its file in the site}, kept
    between the rebuilds of `serve` (MkDocs works each one out again for every page otherwise)."""
    file = RenderedOnRead.generated(config, path, content="", inclusion=inclusion)
    file.render = render
    if dests is not None:
        key = (path, file.use_directory_urls)
        dest = dests.get(key)
        if dest is None:
            dest = dests[key] = file.dest_uri
        file.dest_uri = dest
    return file


class WrittenLast(File):
    """A data export: made and written after the pages (on_post_build), not with the static files."""

    make: Callable[[], str]

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def write(self) -> None:
        utils.write_file(self.make().encode("utf-8"), self.abs_dest_path)


def written_last(config: MkDocsConfig, path: str, make: Callable[[], str]) -> File:
    file = WrittenLast.generated(config, path, content="")
    file.make = make
    return file


class DirtyIsExact(logging.Filter):
    """MkDocs warns that a dirty build may leave stale links: this plugin's dirty builds render
    every page a change touches, so the warning (which would fail a --strict build) is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_MESSAGES)


def search_entries(config: MkDocsConfig) -> list | None:
    """The search plugin's list of index entries (Material's or MkDocs' own), None without one."""
    for name, plugin in config.plugins.items():
        if "search" in name:
            index = getattr(plugin, "search_index", None)
            entries = getattr(index, "entries", getattr(index, "_entries", None))
            return entries if isinstance(entries, list) else None
    return None


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates in .briefing/templates/; a folder that cannot be written only costs time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(project: Project) -> FileSystemBytecodeCache | None:
    folder = project.state / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietBytecodeCache(str(folder))


def file_version(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def custom_dir(config: MkDocsConfig) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


@functools.cache
def package_files() -> list[Path]:
    """This package's own files: a changed template or module means every page may change."""
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
