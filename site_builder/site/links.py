"""Links between generated pages: relative, in MkDocs' URL style, so the site works under any base path."""

from __future__ import annotations

import functools
from urllib.parse import quote

from ..briefs.model import Brief


def brief_src(brief: Brief) -> str:
    """A brief's page is named after its file, as MkDocs names it, not after its `id:` field."""
    return f"briefs/{brief.path.stem if brief.path else brief.id}.md"


@functools.lru_cache(maxsize=1 << 16)
def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page file, from the site root: `actors/x.md` -> `actors/x/`
    (or `actors/x.html` without directory URLs, the form that works opened from disk)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return quote(stem + ".html")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return quote(stem[: -len("index")])
    return quote(stem + "/")


def relative_url(target: str, page: str, directory_urls: bool = True) -> str:
    """The link from one page file to another."""
    up = "../" * page_url(page, directory_urls).count("/")
    return up + page_url(target, directory_urls) or "./"


def root_of(page: str, directory_urls: bool = True) -> str:
    """The way from a page up to the site root: `""`, `../` or `../../`."""
    return "../" * page_url(page, directory_urls).count("/")
