"""The MkDocs plugin `briefing`: with mkdocs_commands.py, the only module that imports MkDocs.

Events in build order: on_config loads the corpus (reused while no brief or note changed);
on_files adds the generated pages and data exports and drops curated notes (their text is shown
on the generated entity pages) and swaps each brief file for its decorated page, made from the
parsed brief (MkDocs never parses its front matter again); every such page is rendered only when
MkDocs reads it; on_page_markdown gives a brief page its title; on_page_content drops the page's Markdown;
on_page_context, after the search plugin, puts the page's big HTML blocks in; on_post_page drops
the page's HTML once written; on_serve also watches the templates, so `briefing serve` rebuilds
when a brief, note or template is edited.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .briefs.model import Brief
from .project import Project
from .site import content_files, exports, sanitize
from .site import pages as render
from .site.corpus import OUTSIDE, Corpus, load_corpus

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(base.Config):
    templates = c.Type(str, default="templates")  # relative to mkdocs.yml; overrides the defaults
    exports = c.Type(bool, default=True)
    include = c.ListOfItems(c.Type(str), default=[])  # patterns of content/ files to publish anyway


def _fingerprint(project: Project) -> tuple:
    """What the corpus depends on: every brief and note file's name, size and modification time."""
    out = []
    for folder in (project.briefs, project.actor_notes, project.location_notes):
        if folder.is_dir():
            out.extend((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.md")))
    return tuple(out)


class _RenderedOnRead(File):
    """A generated page whose Markdown is rendered when MkDocs reads it, not when it is listed:
    the build never holds every page's Markdown at once."""

    render: Callable[[], str]

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


def _generated_page(config: MkDocsConfig, path: str, render: Callable[[], str], inclusion) -> File:
    file = _RenderedOnRead.generated(config, path, content="", inclusion=inclusion)
    file.render = render
    return file


class BriefingPlugin(BasePlugin[BriefingConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._key: tuple | None = None
        self.corpus: Corpus | None = None
        self.site: render.Site | None = None
        self.by_src: dict[str, Brief] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.docs_dir = Path(config.docs_dir)  # as MkDocs writes its files' paths
        self.project = Project(root, docs, Path(config.site_dir).resolve())
        self.templates = (root / self.config.templates).resolve()  # overrides of the shipped templates
        for name, where in (("briefing.css", config.extra_css), ("briefing.js", config.extra_javascript)):
            if f"assets/{name}" not in map(str, where):
                where.append(f"assets/{name}")
        self.env = render.make_env([self.templates])
        key = _fingerprint(self.project)
        if key != self._key or self.corpus is None:
            self.corpus = load_corpus(self.project)
            self._key = key
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
        for brief in self.corpus.briefs.values():
            if brief.path is not None:
                rel = (
                    brief.path.resolve().relative_to(docs).as_posix()
                    if docs in brief.path.resolve().parents
                    else None
                )
                if rel:
                    self.by_src[rel] = brief
        return config

    def _intro(self, docs: Path) -> str:
        """content/intro.md, when a person wrote one, opens the home page (not through a link out)."""
        path = self.docs_dir / "intro.md"
        if not path.is_file():
            return ""
        if not self.project.contains(path):
            log.error("%s/intro.md: %s", self.project.relative(docs), OUTSIDE)
            return ""
        return path.read_text(encoding="utf-8")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.corpus is not None
        pages = render.page_renderers(self.site, self.env)
        bad = {Path(e.path).resolve() for e in self.corpus.errors}
        for file in self._content_files(files):
            src = file.src_uri
            is_note = src.startswith(("actors/", "locations/")) and src.endswith(".md")
            is_bad = file.abs_src_path and Path(file.abs_src_path).resolve() in bad
            if is_note or is_bad or src in pages or src == "intro.md":
                files.remove(file)
            elif src in self.by_src:  # its page is made from the parsed brief, when MkDocs reads it
                files.remove(file)
                make = functools.partial(render.render_brief, self.site, self.env, self.by_src[src], src)
                files.append(_generated_page(config, src, make, InclusionLevel.NOT_IN_NAV))
            elif src.startswith("briefs/") and src.endswith(".md"):
                file.inclusion = InclusionLevel.NOT_IN_NAV
        nav_pages = {"index.md", "timeline.md", "briefs/index.md", "actors/index.md", "locations/index.md"}
        for path, make in pages.items():
            inclusion = InclusionLevel.INCLUDED if path in nav_pages else InclusionLevel.NOT_IN_NAV
            files.append(_generated_page(config, path, make, inclusion))
        if self.config.exports:
            made = exports.export_files(
                self.corpus, config.site_name, config.site_url, config.use_directory_urls
            )
            for name, text in made.items():
                if files.get_file_from_path(name) is None:
                    files.append(File.generated(config, name, content=text))
        for name, text in render.data_files(self.site).items():  # directory rows, timeline filter data
            files.append(File.generated(config, name, content=text))
        for name, content in render.assets().items():  # a project's own content/assets/ file wins
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, content=content))
        return files

    def _content_files(self, files: Files) -> list[File]:
        """The files from content/ that may be published; refused and stray ones are taken out of
        `files` with a message (content_files.py says which and why)."""
        docs = self.docs_dir
        mine = [
            f
            for f in files
            if f.generated_by is None and f.abs_src_path and docs in Path(f.abs_src_path).parents
        ]
        kept, left_out = [], []
        named_in: str | None = None
        include = content_files.include_patterns(self.config.include)
        for file in mine:
            shown = f"{self.project.relative(self.project.content)}/{file.src_uri}"
            if not self.project.contains(Path(file.abs_src_path)):
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
        if isinstance(page.file, _RenderedOnRead):
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
        if page.file.generated_by is None:  # a page a person wrote under content/: all of it
            return sanitize.clean(html, config.site_url)
        return sanitize.clean_user_parts(html, config.site_url)

    @event_priority(-100)  # after the search plugin's own on_page_context, which indexes the page
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """The page's big blocks (event lists, directory tables, maps) go in just before it is
        written: the search index never holds them (event lists and maps were excluded from it
        anyway; the directory pages are not indexed), and no block stays in memory longer than its
        page. They come from templates and escaped data, so they need no link check."""
        if self.site is not None and page.content:
            page.content = self.site.fill_deferred(page.content)
            context["page"] = page
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The page is written: its HTML need not stay in memory to the end of the build."""
        page.content = ""
        return output

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.templates.is_dir():
            server.watch(str(self.templates))
        return server
