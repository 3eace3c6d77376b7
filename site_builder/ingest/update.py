"""`briefing ingest --update`: refresh what the machine wrote, keep every edit a person made.

At ingest each brief records a hash of each machine-made field and of its body (`generated`).
Updating re-extracts the brief's article (`source.file`) and replaces a field only while its
current value still hashes to the recorded one, i.e. nobody has touched it. A field that was
edited by hand and that extraction would now write differently is a conflict: it is kept, and
reported. The file is edited in place (briefs/inplace.py): only the refreshed fields' lines, the
hashes and `generated:` are rewritten; every other byte, comments included, stays as typed.
Articles that have no brief yet are ingested as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..briefs.inplace import FrontMatterText
from ..briefs.model import (
    BODY,
    MACHINE_FIELDS,
    Brief,
    body_hash,
    field_hash,
    generated_hashes,
    machine_fields,
    make_brief,
    render_fields,
    render_scalar,
)
from ..frontmatter import FrontMatter, read_front_matter, read_text
from ..inputs import NotAnArticle, read_articles
from ..inputs.articles import Article, ArticleError
from ..problems import Problem
from ..project import Project
from .progress import Progress, counted
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


NO_HASH = "has no hash under `generated:` (hand-written or older brief)"


@dataclass
class Merge:
    text: str  # the brief's new text
    refreshed: list[str]
    kept: list[tuple[str, str]]  # (field, why it was kept)


def merge(text: str, doc: FrontMatter, fresh: Brief, shown: str = "brief") -> Merge:
    """The brief's text with every untouched machine field replaced by the fresh extraction's value."""
    meta, body = doc.meta, _body(doc)
    stored = _stored(meta)
    block = FrontMatterText.parse(text[doc.block_start : doc.block_end], shown, doc.first_line)
    generated = dict(stored)
    values, hashes = machine_fields(fresh), generated_hashes(fresh)
    refreshed, kept = [], []
    for name in MACHINE_FIELDS:
        if hashes[name] == stored.get(name):
            continue  # extraction would write what it wrote before
        new_lines = render_fields({name: values[name]})
        if name not in meta and name not in stored:  # both lines deleted: the field is handed back
            block.insert(new_lines, before="generated")
        elif name not in stored:
            kept.append((name, NO_HASH))
            continue
        elif field_hash(meta.get(name)) != stored[name]:
            kept.append((name, "was edited by hand"))
            continue
        elif why := block.touched_by_hand(name):
            kept.append((name, f"holds {why} added by hand"))
            continue
        else:
            block.replace(name, new_lines)
        generated[name] = hashes[name]
        refreshed.append(name)
    if hashes[BODY] != stored.get(BODY):
        if body_hash(body) == stored.get(BODY):
            body, generated[BODY] = fresh.body, hashes[BODY]
            refreshed.append(BODY)
        else:
            kept.append((BODY, "was edited by hand" if BODY in stored else NO_HASH))
    if not refreshed:
        return Merge(text, refreshed, kept)
    for key in ("sha256", "text_sha256"):
        if key in fresh.source:
            block.set_scalar("source", key, render_scalar(fresh.source[key]))
    generated_lines = render_fields({"generated": generated})
    if "generated" in block.entries:
        block.replace("generated", generated_lines)
    else:
        block.insert(generated_lines)
    newline = "\r\n" if "\r\n" in text[: doc.body_start] else "\n"
    head = text[: doc.block_start] + block.result(newline) + text[doc.block_end : doc.body_start]
    tail = "\n" + fresh.body if BODY in refreshed else text[doc.body_start :]
    return Merge(head + tail, refreshed, kept)


def _body(doc: FrontMatter) -> str:
    return doc.body.removeprefix("\r\n").removeprefix("\n")


def _stored(meta: dict) -> dict:
    generated = meta.get("generated")
    return generated if isinstance(generated, dict) else {}


def _briefs_by_source(project: Project, report: UpdateReport) -> dict[str, tuple[Path, str, FrontMatter]]:
    """source.file (relative to the project) -> (brief path, its text, its front matter)."""
    out = {}
    for path in sorted(project.briefs.glob("*.md")) if project.briefs.is_dir() else []:
        shown = project.relative(path)
        try:
            text = read_text(path, shown)
            doc = read_front_matter(text, shown)
        except Problem as err:
            report.failed.append(f"{err}; not updated")
            continue
        source = doc.meta.get("source")
        if isinstance(source, dict) and source.get("file"):
            out[str(source["file"])] = (path, text, doc)
    return out


def update(
    paths: Iterable[Path | str], project: Project, on_progress: Progress | None = None
) -> tuple[UpdateReport, IngestReport]:
    """Refresh the briefs of the given articles; ingest the articles that have none."""
    report, new = UpdateReport(), IngestReport()
    files = find_articles([Path(p) for p in paths], new)
    by_source = _briefs_by_source(project, report)
    todo: list[tuple[Path, Article, tuple[Path, str, FrontMatter]]] = []
    fresh_files: list[Path] = []
    for path in counted(files, len(files), "reading", on_progress):
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
        more = ingest(fresh_files, project, on_progress)
        new.written += more.written
        new.skipped += more.skipped
        new.failed += more.failed
    if not todo:
        return report, new

    from ..extract import extract_all

    known, note_errors = known_entities(project)
    report.failed.extend(note_errors)
    manifest = Manifest(project)
    found_all = extract_all((a for _, a, _ in todo), known)
    for (path, article, (brief_path, text, doc)), found in zip(
        todo, counted(found_all, len(todo), "re-extracting", on_progress), strict=True
    ):
        fresh = make_brief(article, found, source_file(project, path, article))
        fresh.source["text_sha256"] = article.content_hash
        shown = project.relative(brief_path)
        try:
            result = merge(text, doc, fresh, shown)
        except Problem as err:
            report.failed.append(f"{err}; not updated")
            continue
        report.conflicts += [f"{shown}: field {name} {why}; kept" for name, why in result.kept]
        if not result.refreshed:
            report.unchanged.append(brief_path)
            continue
        try:
            write_atomic(brief_path, result.text)
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
