"""`briefing ingest --update`: refresh what the machine wrote, keep every edit a person made.

At ingest each brief records a hash of each machine-made field and of its body (`generated`).
Updating re-extracts the brief's article (`source.file`) and replaces a field only while its
current value still hashes to the recorded one, i.e. nobody has touched it. A field that was
edited by hand and that extraction would now write differently is a conflict: it is kept, and
reported. Articles that have no brief yet are ingested as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..briefs.model import (
    BODY,
    MACHINE_FIELDS,
    Brief,
    body_hash,
    field_hash,
    generated_hashes,
    machine_fields,
    make_brief,
    render_document,
)
from ..frontmatter import read_document
from ..inputs import NotAnArticle, read_articles
from ..inputs.articles import Article, ArticleError
from ..problems import Problem
from ..project import Project
from .run import IngestReport, Manifest, find_articles, ingest, known_entities, source_file


@dataclass
class UpdateReport:
    updated: list[tuple[Path, list[str]]] = field(default_factory=list)  # brief, fields refreshed
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # FILE: field X was edited by hand; kept
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.conflicts)} conflicts kept, {len(self.failed)} failed"
        )


@dataclass
class Merge:
    meta: dict
    body: str
    refreshed: list[str]
    kept: list[str]


def merge(meta: dict, body: str, fresh: Brief) -> Merge:
    """The brief with every untouched machine field replaced by the fresh extraction's value."""
    stored = meta.get("generated") if isinstance(meta.get("generated"), dict) else {}
    meta, generated = dict(meta), dict(stored)
    values, hashes = machine_fields(fresh), generated_hashes(fresh)
    refreshed, kept = [], []
    for name in MACHINE_FIELDS:
        if hashes[name] == stored.get(name):
            continue  # extraction would write what it wrote before
        handed_back = name not in meta and name not in stored  # both lines deleted: take the machine's
        if handed_back or field_hash(meta.get(name)) == stored.get(name):
            meta[name] = values[name]
            generated[name] = hashes[name]
            refreshed.append(name)
        else:
            kept.append(name)
    if hashes[BODY] != stored.get(BODY):
        if body_hash(body) == stored.get(BODY):
            body, generated[BODY] = fresh.body, hashes[BODY]
            refreshed.append(BODY)
        else:
            kept.append(BODY)
    source = meta.get("source")
    if isinstance(source, dict) and refreshed:
        meta["source"] = {
            **source,
            **{k: fresh.source[k] for k in ("sha256", "text_sha256") if k in fresh.source},
        }
    meta.pop("generated", None)
    meta["generated"] = generated  # last, as ingest writes it
    return Merge(meta, body, refreshed, kept)


def _stored(meta: dict) -> dict:
    generated = meta.get("generated")
    return generated if isinstance(generated, dict) else {}


def _briefs_by_source(project: Project, report: UpdateReport) -> dict[str, tuple[Path, dict, str]]:
    """source.file (relative to the project) -> (brief path, front matter, body)."""
    out = {}
    for path in sorted(project.briefs.glob("*.md")) if project.briefs.is_dir() else []:
        try:
            doc = read_document(path, project.relative(path))
        except Problem as err:
            report.failed.append(f"{err}; not updated")
            continue
        meta, body = doc.meta, doc.body
        source = meta.get("source")
        if isinstance(source, dict) and source.get("file"):
            out[str(source["file"])] = (path, meta, body.removeprefix("\r\n").removeprefix("\n"))
    return out


def update(paths: Iterable[Path | str], project: Project) -> tuple[UpdateReport, IngestReport]:
    """Refresh the briefs of the given articles; ingest the articles that have none."""
    report, new = UpdateReport(), IngestReport()
    files = find_articles([Path(p) for p in paths], new)
    by_source = _briefs_by_source(project, report)
    todo: list[tuple[Path, Article, tuple[Path, dict, str]]] = []
    fresh_files: list[Path] = []
    for path in files:
        for article in read_articles(path):
            if isinstance(article, NotAnArticle):
                new.skipped.append((article.path, article.message))
                continue
            if isinstance(article, ArticleError):
                held = by_source.get(project.relative(path))
                kept = f"; {project.relative(held[0])} kept as it is" if held else ""
                report.failed.append(f"{article}{kept}")
                continue
            held = by_source.get(source_file(project, path, article))
            if held is None:
                if path not in fresh_files:
                    fresh_files.append(path)
            else:
                todo.append((path, article, held))
    if fresh_files:
        more = ingest(fresh_files, project)
        new.written += more.written
        new.skipped += more.skipped
        new.failed += more.failed
    if not todo:
        return report, new

    from ..extract import extract_all

    known, note_errors = known_entities(project)
    report.failed.extend(note_errors)
    manifest = Manifest(project)
    for (path, article, (brief_path, meta, body)), found in zip(
        todo, extract_all((a for _, a, _ in todo), known), strict=True
    ):
        fresh = make_brief(article, found, source_file(project, path, article))
        fresh.source["text_sha256"] = article.content_hash
        result = merge(meta, body, fresh)
        shown = project.relative(brief_path)
        stored = _stored(meta)
        report.conflicts += [
            f"{shown}: field {name} was edited by hand; kept"
            if name in stored
            else f"{shown}: field {name} has no hash under `generated:` (hand-written or older brief); kept"
            for name in result.kept
        ]
        if not result.refreshed:
            report.unchanged.append(brief_path)
            continue
        try:
            write_atomic(brief_path, render_document(result.meta, result.body))
        except OSError as err:
            report.failed.append(f"{shown}: cannot be written ({err.strerror}); check permissions")
            continue
        report.updated.append((brief_path, result.refreshed))
        manifest.by_sha[article.sha256] = manifest.by_text[article.content_hash] = brief_path.stem
    try:
        manifest.save()
    except OSError:
        pass  # a cache: rebuilt from the briefs when missing
    return report, new
