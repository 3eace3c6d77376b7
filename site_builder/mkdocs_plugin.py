"""The MkDocs plugin `briefing`: with mkdocs_commands.py, the only module that imports MkDocs.

Events in build order: on_config loads the corpus (only the briefs that changed are read again) and
plans the build: after a change it renders only the pages the change touches (site/changes.py), when
MkDocs builds "dirty", as `briefing build` and `briefing serve` do; on_pre_build cleans the site
folder when nothing of the last build can be kept; on_files adds the generated pages and data
exports and drops curated notes (their text is shown on the generated entity pages) and swaps each
brief file for its decorated page, made from the parsed brief (MkDocs never parses its front matter
again); every such page is rendered only when MkDocs reads it, and a page the change did not touch
is not read or written at all; on_nav, in `briefing build`, shares the pages to render among one
process per core (build_jobs.py) and saves the parsed briefs; on_env removes the files of pages that
are gone; on_page_markdown gives a brief page its title; on_page_content drops the page's Markdown;
on_page_context, after the search plugin, puts the page's big HTML blocks in and keeps the page's
search entries; on_post_page drops the page's HTML once written; on_post_build writes the exports,
gathers the other processes' search entries, gives the search plugin every page's entries (the
untouched pages' from the last build) before it writes its index, and keeps what this build wrote
(site/last_build.py); on_serve also watches the templates, so `briefing serve` rebuilds when a
brief, note or template is edited, and rebuilds for an edit saved during its first build, which
MkDocs' watcher, started after that build, would miss (first_build_edits.py); a native file watcher
starts the rebuild as a file is saved rather than at MkDocs' next look (native_watch.py).
"""

from __future__ import annotations

import functools
import html
import logging
import os
from pathlib import Path

from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import build_jobs
from .briefs.cache import BriefCache
from .briefs.model import Brief, write_atomic
from .first_build_edits import FirstBuildEdits
from .long_lived import IdleRelease, give_back, keep, loading
from .mkdocs_files import (
    DirtyIsExact,
    RenderedOnRead,
    WrittenLast,
    bytecode_cache,
    custom_dir,
    digest,
    file_version,
    generated_page,
    package_files,
    search_entries,
    written_last,
)
from .native_watch import NativeWatch
from .project import Project
from .site import content_files, exports, sanitize
from .site import pages as render
from .site.changes import Shown, list_pages, same_items, stale_pages
from .site.corpus import BRIEF_CACHE, OUTSIDE, Corpus, build_corpus, load_inputs
from .site.corpus_update import LiveCorpus, update_corpus
from .site.last_build import STATE_FILE, LastBuild, fingerprint, forget
from .site_folder import remove_files

log = logging.getLogger("mkdocs.plugins.briefing")
KEEP_EVERY = 500  # pages: objects made for them so far are kept out of the collector's way (long_lived.py)
KNOWN_PLUGINS = {"briefing", "search", "material/search"}  # the plugins an incremental build knows


class BriefingConfig(base.Config):
    templates = c.Type(str, default="templates")  # relative to mkdocs.yml; overrides the defaults
    exports = c.Type(bool, default=True)
    include = c.ListOfItems(c.Type(str), default=[])  # patterns of content/ files to publish anyway
    jobs = c.Type(int, default=0)  # processes rendering pages in `briefing build`; 0: one per core


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.live: LiveCorpus | None = None  # serve: the index kept between rebuilds, updated after an edit
        self.brief_entities: dict = {}  # serve: each brief page's entity pages (changes.Shown.of)
        self.dests: dict = {}  # generated pages' files in the site (mkdocs_files.generated_page)
        self.export_records: dict = {}  # serve: the exports' records, kept for unchanged objects
        self.site: render.Site | None = None
        self.by_src: dict[str, Brief] = {}
        self.command, self.dirty = "build", False
        self.store: BriefCache | None = None  # parsed briefs, kept while serving
        self.last: LastBuild | None = None  # what the last build in this process wrote
        self.stale: set[str] | None = None  # tracked pages to render; None: every page
        self.entries: dict[str, list[dict]] = {}  # this build's search entries per page
        # the site folder when this build writes elsewhere (briefing build writes a new folder, then
        # puts it in place: site_folder.py): after an edit the new folder holds only what changed
        self.reuse_from: Path | None = None
        self.gone: set[str] | None = None  # that build's site files to delete; None: a whole site
        self.unsaved: str | None = None  # that build's state (LastBuild), saved once its site is in place
        self.first_edits: FirstBuildEdits | None = None  # serve: edits saved during its first build
        self.idle = IdleRelease()  # serve: what a build kept is collected between rebuilds
        self.timeline_blocks: dict[str, str] = {}  # serve: each timeline page's events, as HTML
        self.native = NativeWatch()  # serve: a rebuild starts when a file is saved
        self.share = build_jobs.Share()  # build: the pages this process renders (build_jobs.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Once per command; the plugin is kept between `serve` rebuilds (MkDocs keeps plugins that
        have this event), and with it the parsed briefs and what the last build wrote."""
        self.command, self.dirty = command, dirty
        self.store, self.last, self.reuse_from, self.first_edits = None, None, None, None
        self.gone, self.unsaved = None, None
        self.timeline_blocks, self.live, self.brief_entities, self.export_records = {}, None, {}, {}
        self.native.stop()
        logging.getLogger("mkdocs.commands.build").addFilter(DirtyIsExact())

    def on_shutdown(self) -> None:
        self.idle.cancel()
        self.native.stop()
        if self.command == "serve" and self.store is not None:  # a build saved it in on_nav
            self.store.save()
        if self.first_edits is not None:
            self.first_edits.end()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.idle.cancel()
        with loading():  # what is loaded now lives to the end of the build (long_lived.py)
            self._load(config)
        self.converted = 0
        return config

    def _load(self, config: MkDocsConfig) -> None:
        """The corpus, from the briefs (only those changed since read again), and the build's plan."""
        root = Path(config.config_file_path).resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.docs_dir = Path(config.docs_dir)  # as MkDocs writes its files' paths
        self.project = Project(root, docs, Path(config.site_dir).resolve())
        self.templates = (root / self.config.templates).resolve()  # overrides of the shipped templates
        if self.command == "serve" and self.first_edits is None:
            trigger = self.project.state / f"serve-{os.getpid()}.changed"
            watched = [docs, Path(config.config_file_path), self.templates]
            self.first_edits = FirstBuildEdits.begin([p for p in watched if p.exists()], trigger)
        for name, where in (("briefing.css", config.extra_css), ("briefing.js", config.extra_javascript)):
            if f"assets/{name}" not in map(str, where):
                where.append(f"assets/{name}")
        if getattr(self, "env_key", None) != (self.templates, self.templates.is_dir()):
            self.env = render.make_env([self.templates])  # kept while serving: templates compile once
            self.env.bytecode_cache = bytecode_cache(self.project)
            self.env_key = (self.templates, self.templates.is_dir())
        if self.store is None or self.command != "serve":
            self.store = BriefCache.open(self.project.state / BRIEF_CACHE)
        versions: dict = {}
        inputs = load_inputs(self.project, self.store, versions)
        if self.command == "serve":
            self.live = update_corpus(self.live, *inputs)
            self.corpus = self.live.corpus
        else:
            self.corpus = build_corpus(*inputs)
        for err in self.corpus.errors:
            log.error("%s (the file is left out of the site)", err)
        self.site = render.Site(
            self.corpus,
            title=config.site_name,
            intro=self._intro(docs),
            directory_urls=config.use_directory_urls,
            defer_html=True,  # big HTML blocks skip Markdown; on_page_content puts them back
        )
        self.by_src = {}
        prefix = self.project.briefs.relative_to(docs).as_posix()
        for brief in self.corpus.briefs.values():  # read from content/briefs/, links out refused
            if brief.path is not None and brief.path.parent == self.project.briefs:
                self.by_src[f"{prefix}/{brief.path.name}"] = brief
        self._plan(config, versions)

    def _intro(self, docs: Path) -> str:
        """content/intro.md, when a person wrote one, opens the home page (not through a link out)."""
        path = self.docs_dir / "intro.md"
        if not path.is_file():
            return ""
        if not self.project.contains(path):
            log.error("%s/intro.md: %s", self.project.relative(docs), OUTSIDE)
            return ""
        return path.read_text(encoding="utf-8")

    # --- the incremental plan ---

    def _plan(self, config: MkDocsConfig, versions: dict) -> None:
        """Which pages this build renders: those the change since the last build touched."""
        assert self.corpus is not None
        prefix = self.project.briefs.relative_to(self.project.content).as_posix()
        notes = {}
        for section, profiles in (("actors", self.corpus.actors), ("locations", self.corpus.places)):
            for p in profiles.values():
                if p.note and p.note.path:
                    notes[f"{section}/{p.id}.md"] = file_version(p.note.path)
        self.shown = Shown.of(
            self.corpus,
            self.by_src,
            {f"{prefix}/{name}": ":".join(map(str, key)) for name, key in versions.items()},
            notes,
            list_pages(self.site, {b.id: src for src, b in self.by_src.items()}),
            self.brief_entities if self.command == "serve" else None,
        )
        self.published = Path(self.reuse_from or config.site_dir).resolve()
        self.fingerprint = fingerprint(
            {
                "site_dir": str(self.published),
                "directory_urls": config.use_directory_urls,
                "site_url": config.site_url,
                "plugins": sorted(config.plugins),
                "exports": self.config.exports,
                "mkdocs.yml": digest(Path(config.config_file_path)),
            },
            [d for d in (self.templates, custom_dir(config)) if d and d.is_dir()],
            package_files(),
        )
        last = self.last
        if last is None and self.command != "serve":
            last = LastBuild.load(self.project.state / STATE_FILE)
        usable = (
            self.dirty
            and last is not None
            and last.fingerprint == self.fingerprint
            and last.site_dir == str(self.published)
            and set(config.plugins) <= KNOWN_PLUGINS
        )
        self.last = last if usable else None
        self.stale = stale_pages(self.last.shown, self.shown) if self.last else None
        if self.command == "serve":  # lists of events kept from the last build, where still true
            same = same_items(self.last.shown if self.last else None, self.shown)
            self.timeline_blocks = {k: v for k, v in self.timeline_blocks.items() if k in same}
        self.tracked = self.shown.pages()
        self.entries = {}

    def _skip(self, file: File) -> bool:
        """A tracked page this build need not render: untouched, in the site folder, its search
        entries kept."""
        if not (
            self.last is not None
            and self.stale is not None
            and file.src_uri in self.tracked
            and file.src_uri not in self.stale
            and file.src_uri in self.last.search
        ):
            return False
        return os.path.isfile(self.published / file.dest_uri)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.command != "serve":
            forget(self.project.state / STATE_FILE)  # until this build is done
        self.elsewhere = self.published != Path(config.site_dir).resolve()
        if self.dirty and self.last is None and not self.elsewhere:  # nothing of the last build is kept
            utils.clean_directory(config.site_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.corpus is not None
        blocks = self.timeline_blocks if self.command == "serve" else None
        pages = render.page_renderers(self.site, self.env, blocks)
        bad = {Path(e.path).resolve() for e in self.corpus.errors}
        for file in self._content_files(files):
            src = file.src_uri
            is_note = src.startswith(("actors/", "locations/")) and src.endswith(".md")
            is_bad = bad and file.abs_src_path and Path(file.abs_src_path).resolve() in bad
            if is_note or is_bad or src in pages or src == "intro.md":
                files.remove(file)
            elif src in self.by_src:  # its page is made from the parsed brief, when MkDocs reads it
                files.remove(file)
                make = functools.partial(render.render_brief, self.site, self.env, self.by_src[src], src)
                files.append(generated_page(config, src, make, InclusionLevel.NOT_IN_NAV, self.dests))
            elif src.startswith("briefs/") and src.endswith(".md"):
                file.inclusion = InclusionLevel.NOT_IN_NAV
        nav_pages = {"index.md", "timeline.md", "briefs/index.md", "actors/index.md", "locations/index.md"}
        for path, make in pages.items():
            inclusion = InclusionLevel.INCLUDED if path in nav_pages else InclusionLevel.NOT_IN_NAV
            files.append(generated_page(config, path, make, inclusion, self.dests))
        for file in files:
            if isinstance(file, RenderedOnRead):
                file.stale = not self._skip(file)
            elif file.is_documentation_page():  # a person's own page: its links may have changed
                file.is_modified = lambda: True  # type: ignore[method-assign]
        if self.config.exports:
            reuse = self.export_records if self.command == "serve" else None
            makers = exports.export_makers(
                self.corpus, config.site_name, config.site_url, config.use_directory_urls, reuse
            )
            for name, make in makers.items():
                if files.get_file_from_path(name) is None:
                    files.append(written_last(config, name, make))
        for name, make in render.data_makers(self.site).items():  # directory rows, timeline filter data
            files.append(written_last(config, name, make))
        for name, content in render.assets().items():  # a project's own content/assets/ file wins
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, content=content))
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """`briefing build` shares the pages to render among processes, one per core (build_jobs.py):
        each renders every n-th; the theme's files and the sitemap are the first one's to write."""
        self.share = build_jobs.Share()
        # a build that is not dirty (plain `mkdocs build`) renders every page whatever it is told
        shared = self.command == "build" and self.dirty
        todo = [f for f in files.documentation_pages() if f.is_modified()] if shared else []
        briefs = len(self.corpus.briefs) if self.corpus and self.config.exports else 0
        jobs = build_jobs.jobs_for(len(todo), self.config.jobs, briefs) if shared else 1
        if jobs < 2:
            if self.command != "serve" and self.store is not None:
                self.store.save()  # the parsed briefs, for the next build
            return nav
        log.info("rendering %d pages in %d processes", len(todo), jobs)
        self.share = build_jobs.split(jobs, self.project.state)
        for i, file in enumerate(todo):
            if not self.share.mine(i):
                _leave(file)
        if self.share.is_child:
            for file in files:
                if not file.is_documentation_page():
                    _leave(file)
            config.theme.static_templates = set()
            config.extra_templates = []
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme's templates are compiled once, not on every build (a second per rebuild).
        The files of pages that are gone are removed now, before the pages are written."""
        env.bytecode_cache = env.bytecode_cache or bytecode_cache(self.project)
        self.files = files
        self.seen = 0  # search entries already kept: the next page's come after them
        self.included = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        self.outputs = sorted({f.dest_uri for f in files if self.included(f.inclusion)})
        gone = set(self.last.outputs) - set(self.outputs) if self.last else None
        if self.elsewhere:  # build_site deletes them once this build's changes are moved in
            self.gone = gone
        elif gone and not self.share.is_child:
            remove_files(Path(config.site_dir), gone)
        return env

    def _content_files(self, files: Files) -> list[File]:
        """The files from content/ that may be published; refused and stray ones are taken out of
        `files` with a message (content_files.py says which and why)."""
        docs = self.docs_dir
        under = os.path.join(os.path.normpath(docs), "")  # docs_dir/, as MkDocs writes its files' paths
        mine = [
            f
            for f in files
            if f.generated_by is None
            and f.abs_src_path
            and os.path.normpath(f.abs_src_path).startswith(under)
            and not f.inclusion.is_excluded()  # MkDocs' exclude_docs: hidden files (.gitkeep) and the user's
        ]
        kept, left_out = [], []
        named_in: str | None = None
        include = content_files.include_patterns(self.config.include)
        content = self.project.relative(self.project.content)
        inside = self.project.inside([Path(f.abs_src_path) for f in mine])
        for file, ok in zip(mine, inside, strict=True):
            shown = f"{content}/{file.src_uri}"
            if not ok:
                files.remove(file)
                log.error(
                    "%s: links to a file outside the project; not published (copy it into the project)", shown
                )
            elif why := content_files.misplaced(file.src_uri):
                files.remove(file)
                log.error("%s: not read: it %s (`briefing check` lists these)", shown, why)
            elif file.is_documentation_page() or file.src_uri in self.by_src:
                kept.append(file)
            else:
                if named_in is None:
                    named_in = self._names_in_pages(files)
                if content_files.publish(file.src_uri, named_in, include):
                    kept.append(file)
                else:
                    files.remove(file)
                    left_out.append(shown)
        if left_out:
            log.info(
                "left out of the site, as no page names them: %s; link them from a page, or list "
                "them under the briefing plugin's `include:` in mkdocs.yml (or pass --include)",
                ", ".join(left_out),
            )
        return kept

    def _names_in_pages(self, files: Files) -> str:
        """Everything a person wrote that can name a file: pages, briefs, notes, mkdocs.yml, templates."""
        assert self.corpus is not None
        texts = [self.site.intro if self.site else ""]
        texts += [b.body for b in self.corpus.briefs.values()]
        texts += [p.note.body for p in [*self.corpus.actors.values(), *self.corpus.places.values()] if p.note]
        for path in [self.project.config_file, *sorted(self.templates.rglob("*"))]:
            if path.is_file():
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
        for file in files:
            if file.generated_by is None and file.is_documentation_page() and file.src_uri not in self.by_src:
                texts.append(file.content_string)
        return "\n".join(texts)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        brief = self.by_src.get(page.file.src_uri)
        if brief is None or self.site is None:
            return markdown
        page.meta["title"] = html.escape(" ".join(brief.title.split()))  # the theme prints it raw
        if isinstance(page.file, RenderedOnRead):
            return markdown  # rendered from the brief when read (on_files)
        return render.render_brief(self.site, self.env, brief, page.file.src_uri)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Every page: titles from article text made safe for the theme; what people wrote (their
        own pages, and the bodies, notes and intro in generated pages) cleaned by sanitize.py.

        The page's Markdown is dropped here, once converted. Its big HTML blocks are still
        placeholders; on_page_context puts them in after the search plugin has indexed the rest.
        """
        if not page.is_homepage and page.title and "title" not in page.meta:
            page.meta["title"] = render.page_title(page.title)
        page.markdown = ""
        self.converted += 1
        if self.converted % KEEP_EVERY == 0:  # the pages converted so far live to the end of the build
            keep()
        if page.file.generated_by is None:  # a page a person wrote under content/: all of it
            return sanitize.clean(html, config.site_url)
        return sanitize.clean_user_parts(html, config.site_url)

    @event_priority(-100)  # after the search plugin's own on_page_context, which indexes the page
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """The page's big blocks (event lists, directory tables, maps) go in just before it is
        written: the search index never holds them (event lists and maps were excluded from it
        anyway; the directory pages are not indexed), and no block stays in memory longer than its
        page. They come from templates and escaped data, so they need no link check.

        The entries the search plugin just made for the page are kept: a later build that leaves
        the page alone gives them to the index again."""
        entries = search_entries(config)
        if entries is not None:
            self.entries[page.file.src_uri] = entries[self.seen :]
            self.seen = len(entries)
        if self.site is not None and page.content:
            page.content = self.site.fill_deferred(page.content)
            context["page"] = page
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The page is written: its HTML need not stay in memory to the end of the build."""
        page.content = ""
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """The exports are written, search gets every page's entries in page order, and what this
        build wrote is kept for the next one. A process rendering a share of the pages ends here,
        handing its pages' search entries to the first; each process done with its pages writes the
        exports no other has taken yet."""
        if self.share.rank == 1 and self.store is not None:  # the first one wrote the theme's files
            self.store.save()  # the parsed briefs, for the next build
        for i, file in enumerate(f for f in self.files if isinstance(f, WrittenLast)):
            if self.share.claim(f"export-{i}"):  # the exports: a process done with its pages takes one
                file.write()
        if self.share.is_child:
            build_jobs.finish(self.share, {"entries": self.entries, "warnings": _warnings_counted()})
        if self.share.children:
            try:
                results = build_jobs.gather(self.share)
            except build_jobs.JobFailed as err:
                raise PluginError(str(err)) from None
            for result in results:
                self.entries.update(result["entries"])
                _count_warnings(result["warnings"])
        kept = self.last.search if self.last else {}
        search: dict[str, list[dict]] = {}
        for file in self.files.documentation_pages(inclusion=self.included):
            if file.src_uri in self.entries:
                search[file.src_uri] = self.entries[file.src_uri]
            elif file.src_uri in kept:
                search[file.src_uri] = kept[file.src_uri]
        entries = search_entries(config)
        if entries is not None:
            entries[:] = [e for page in search.values() for e in page]
            plugin = next(p for n, p in config.plugins.items() if "search" in n)
            if hasattr(plugin, "search_index_prev"):  # Material merges a dirty build's index itself
                plugin.search_index_prev = None
        self.last = LastBuild(self.fingerprint, str(self.published), self.shown, search, self.outputs)
        self.entries = {}
        if self.command != "serve":
            if self.elsewhere:
                self.unsaved = self.last.dumps()
            else:
                self.last.save(self.project.state / STATE_FILE)
            self.last = None  # the next build in this process reads it back, like a new one
        self._after_build()

    def site_in_place(self) -> None:
        """build_site has put this build's folder in place: the next build may start from it."""
        if self.unsaved is not None:
            write_atomic(self.project.state / STATE_FILE, self.unsaved)
        self.unsaved, self.gone = None, None

    def on_build_error(self, error: Exception) -> None:
        if self.share.is_child:
            build_jobs.fail(self.share, error)
        build_jobs.stop(self.share)
        self.last, self.live = None, None
        self._after_build()

    def _after_build(self) -> None:
        """What the build kept goes back to the collector: at once after a build (a process may run
        more than one, as tests do), when idle while serving (long_lived.py)."""
        if self.command == "serve":
            self.idle.schedule()
        else:
            give_back()

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.templates.is_dir():
            server.watch(str(self.templates))
        self.native.start(server, [Path(config.docs_dir), Path(config.config_file_path), self.templates])
        if self.first_edits is not None:
            self.first_edits.watch(server)
        return server


def _leave(file: File) -> None:
    """Another process renders and writes this file."""
    if isinstance(file, RenderedOnRead):
        file.stale = False
    else:
        file.is_modified = lambda: False  # type: ignore[method-assign]


def _strict_counter() -> utils.CountHandler | None:
    """MkDocs' count of warnings in a --strict build (it stops the build when there are any)."""
    return next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, utils.CountHandler)), None)


def _warnings_counted() -> dict[int, int]:
    counter = _strict_counter()
    return dict(counter.counts) if counter else {}


def _count_warnings(counts: dict[int, int]) -> None:
    counter = _strict_counter()
    if counter is not None:
        for level, n in counts.items():
            counter.counts[level] += n
