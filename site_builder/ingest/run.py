"""Folders of articles -> briefs on disk.

Work is keyed on each article's content: an article whose bytes (or normalised text) already
have a brief is skipped, and an existing brief is never overwritten. Every write is atomic.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..briefs.model import Brief, make_brief, read_brief, write_brief
from ..briefs.notes import known_names, read_notes
from ..extract.identity import Registry
from ..extract.model import ACTOR_KINDS, LOCATION_KINDS, Entity
from ..inputs import SUFFIXES as ARTICLE_SUFFIXES
from ..inputs import NotAnArticle, read_articles
from ..inputs.articles import Article, ArticleError, unexpected
from ..locks import LockError, project_lock
from ..problems import Problem
from ..project import Project
from .progress import counted

MANIFEST = "ingested.json"
ALREADY_BRIEFED = "already briefed as"  # the skip of an unchanged article; the command sums these up


@dataclass
class IngestReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    failed: list[str] = field(default_factory=list)  # error messages, FILE:LINE: what

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.skipped)} skipped, {len(self.failed)} failed"


def find_articles(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files named directly, plus article files found recursively in folders (hidden ones skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            page_files: set[Path] = set()
            for p in sorted(path.rglob("*")):
                rel = p.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or any(d in page_files for d in p.parents):
                    continue
                if p.is_dir() and saved_page_resources(p):
                    page_files.add(p)
                    report.skipped.append((f"{p}/", f"files of the saved web page {saved_page_resources(p)}"))
                elif p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES:
                    found.append(p)
                elif p.is_file():
                    report.skipped.append((str(p), "not an article (text, Markdown, web page or feed)"))
                elif not p.is_dir():
                    report.skipped.append((str(p), not_a_file(p)))
        elif path.is_file():
            found.append(path)
        elif path.exists() or path.is_symlink():
            report.failed.append(f"{path}: {not_a_file(path)}")
        else:
            report.failed.append(f"{path}: no such file or folder; check the path")
    return found


def not_a_file(path: Path) -> str:
    """Why a path that is neither a file nor a folder is not read (a pipe would block the run)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a link to nothing (broken symbolic link); fix or remove it"
    what = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"is {what}, not a file; articles are read from regular files only"


def write_problem(where: str, err: OSError) -> str:
    """What a failed write means for the user: a full disk is not a question of rights."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}: cannot be written: the disk is full ({err.strerror}); free space, then ingest again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where}: cannot be written ({err.strerror}); check the folder's rights"
    return f"{where}: cannot be written ({err.strerror or err}); check the disk and the folder"


def saved_page_resources(folder: Path) -> str | None:
    """The page a browser saved this `NAME_files` folder beside (its images, scripts), if any."""
    if not folder.name.endswith("_files"):
        return None
    stem = folder.name[: -len("_files")]
    for suffix in (".html", ".htm", ".xhtml"):
        if (folder.parent / (stem + suffix)).is_file():
            return stem + suffix
    return None


def source_file(project: Project, path: Path, article: Article) -> str:
    """Where a brief came from: the file, and `#entry-...` for one entry of a feed file."""
    file = project.relative(path)
    return f"{file}#{article.part}" if article.part else file


class Manifest:
    """sha256 of article bytes and of normalised text -> brief id; rebuilt from briefs when lost."""

    def __init__(self, project: Project):
        self.path = project.state / MANIFEST
        self.briefs = project.briefs
        self.by_sha: dict[str, str] = {}
        self.by_text: dict[str, str] = {}
        self.by_file: dict[str, str] = {}  # source.file -> brief id: an edited article keeps its brief
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.by_sha, self.by_text = dict(data["by_sha"]), dict(data["by_text"])
            self.by_file = dict(data["by_file"])
        except (OSError, ValueError, KeyError, TypeError):
            self.rebuild()
            return
        on_disk = {p.stem for p in self.briefs.glob("*.md")} if self.briefs.is_dir() else set()
        if not on_disk <= set(self.by_sha.values()):  # briefs written by a run that was interrupted
            self.rebuild()

    def rebuild(self) -> None:
        for path in sorted(self.briefs.glob("*.md")) if self.briefs.is_dir() else []:
            try:
                brief = read_brief(path)
            except Problem:
                continue
            if brief.source.get("sha256"):
                self.by_sha[str(brief.source["sha256"])] = brief.id
            if brief.source.get("text_sha256"):
                self.by_text[str(brief.source["text_sha256"])] = brief.id
            if brief.source.get("file"):
                self.by_file[str(brief.source["file"])] = brief.id

    def brief_for(self, sha: str, text_sha: str) -> str | None:
        bid = self.by_sha.get(sha) or self.by_text.get(text_sha)
        return bid if bid and (self.briefs / f"{bid}.md").exists() else None

    def brief_of_file(self, file: str) -> str | None:
        bid = self.by_file.get(file)
        return bid if bid and (self.briefs / f"{bid}.md").exists() else None

    def add(self, brief: Brief) -> None:
        self.by_sha[brief.source["sha256"]] = brief.id
        self.by_text[brief.source["text_sha256"]] = brief.id
        self.by_file[brief.source["file"]] = brief.id

    def save(self) -> None:
        data = {"by_sha": self.by_sha, "by_text": self.by_text, "by_file": self.by_file}
        write_atomic(self.path, json.dumps(data, indent=0))


def known_entities(project: Project) -> tuple[dict[str, Entity], list[str]]:
    """Names that curated notes resolve, so ingest gives them the note's id."""
    actors, errors_a = read_notes(project.actor_notes, ACTOR_KINDS)
    places, errors_p = read_notes(project.location_notes, LOCATION_KINDS)
    known = known_names(list(places.values()), "place")
    known.update(known_names(list(actors.values()), "person"))
    return known, [str(e) for e in errors_a + errors_p]


def known_actors(project: Project, known: dict[str, Entity]) -> Registry:
    """The actors of curated notes and of the briefs already written, by the names that resolve
    to them: a new article's actor takes the id already in content/."""
    registry = Registry()
    for entity in known.values():
        registry.add(entity.id, entity.name, entity.kind, entity.aliases)
    for path in sorted(project.briefs.glob("*.md")) if project.briefs.is_dir() else []:
        try:
            brief = read_brief(path)
        except Problem:
            continue  # `briefing check` reports it
        for ref in brief.actors:
            registry.add(ref.id, ref.name, ref.kind, ref.aliases)
    return registry


def unwritable(folder: Path) -> str | None:
    """Why briefs cannot be written into folder, checked once before any work, else None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".probe.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        why = err.strerror or str(err)
        return f"{folder}: cannot write briefs here ({why}); make it a writable folder, then ingest again"
    return None


def remove_partial_writes(folder: Path) -> None:
    """Temporary files of a write that was killed; only an ingest writes here, and it holds the lock."""
    for stale in folder.glob(".*.tmp") if folder.is_dir() else []:
        stale.unlink(missing_ok=True)


def unique_id(brief: Brief, folder: Path, taken: set[str]) -> str:
    """The brief's id, or id-2, id-3 ... when another article already holds it."""
    base, n = brief.id, 1
    while brief.id in taken or (folder / f"{brief.id}.md").exists():
        n += 1
        brief.id = f"{base}-{n}"
    return brief.id


def ingest(
    paths: Iterable[Path | str], project: Project, on_progress=None, on_wait=None, dask: str | None = None
) -> IngestReport:
    """Brief every new article under paths. One ingest runs at a time per project: a second one
    waits (telling `on_wait`), then skips what the first has briefed. `dask`, a scheduler's
    address, runs extraction on that Dask cluster instead of this machine's cores."""
    try:
        with project_lock(project.state, "ingest", on_wait):
            return _ingest(paths, project, on_progress, dask)
    except LockError as err:
        return IngestReport(failed=[f"{err}; make .briefing/ writable, then ingest again"])


def _ingest(
    paths: Iterable[Path | str], project: Project, on_progress=None, dask: str | None = None
) -> IngestReport:
    report = IngestReport()
    remove_partial_writes(project.briefs)
    files = find_articles([Path(p) for p in paths], report)
    manifest = Manifest(project)
    pending: list[tuple[Path, Article]] = []
    seen: dict[str, str] = {}
    reading = counted(files, len(files), "reading", on_progress)
    for path, article in ((p, a) for p in reading for a in read_articles(p)):
        if isinstance(article, NotAnArticle):
            report.skipped.append((article.path, article.message))
            continue
        if isinstance(article, ArticleError):
            report.failed.append(str(article))
            continue
        label = f"{path}#{article.part}" if article.part else str(path)
        text_sha = article.content_hash
        existing = manifest.brief_for(article.sha256, text_sha)
        if existing:
            report.skipped.append((label, f"{ALREADY_BRIEFED} {existing}"))
        elif changed := manifest.brief_of_file(source_file(project, path, article)):
            report.skipped.append(
                (label, f"changed since {changed} was written; `briefing ingest --update` refreshes it")
            )
        elif text_sha in seen:
            at = next(i for i, (_, a) in enumerate(pending) if a.content_hash == text_sha)
            if article.url and not pending[at][1].url:  # keep the copy that links to where it came from
                report.skipped.append((seen[text_sha], f"same article as {label}, which gives its URL"))
                pending[at], seen[text_sha] = (path, article), label
            else:
                report.skipped.append((label, f"same article as {seen[text_sha]}"))
        else:
            seen[text_sha] = label
            pending.append((path, article))
    if not pending:
        return report
    if problem := unwritable(project.briefs):
        report.failed.append(problem)
        return report

    from .workers import ExtractionFailed, extract_parallel  # spaCy loads only when there is work

    known, note_errors = known_entities(project)
    report.failed.extend(note_errors)
    registry = known_actors(project, known)
    taken: set[str] = set()
    if dask:
        from .cluster import extract_on_cluster

        extracted = extract_on_cluster([a for _, a in pending], known, dask)
    else:
        extracted = extract_parallel([a for _, a in pending], known)
    found = counted(extracted, len(pending), "extracting", on_progress)
    for n, ((path, article), result) in enumerate(zip(pending, found, strict=True)):
        label = f"{path}#{article.part}" if article.part else str(path)
        if isinstance(result, ExtractionFailed):
            report.failed.append(f"{label}: {result.reason}")
            continue
        try:
            registry.resolve(result)  # the second article about GM lands on the first one's page
            brief = make_brief(article, result, source_file(project, path, article))
        except Exception as err:  # noqa: BLE001 - one article never stops the run
            report.failed.append(f"{label}: cannot be briefed ({unexpected(err)})")
            continue
        brief.source["text_sha256"] = article.content_hash
        unique_id(brief, project.briefs, taken)
        taken.add(brief.id)
        try:
            report.written.append(write_brief(brief, project.briefs))
        except OSError as err:
            report.failed.append(write_problem(project.relative(project.briefs / f"{brief.id}.md"), err))
            if err.errno in (errno.ENOSPC, errno.EDQUOT):  # every later write would fail the same way
                report.failed.append(f"{len(pending) - n - 1} more articles not briefed: the disk is full")
                found.close()
                break
            continue
        manifest.add(brief)
    try:
        manifest.save()
    except OSError:
        pass  # the manifest is a cache; it is rebuilt from the briefs next time
    return report
