"""Is a saved page one article, or a front page or section index that lists many?

A news site's home page saved as HTML has headlines, teasers and a date; read as an article it
becomes a brief about everything at once. What the page says of itself decides first (Open Graph
`og:type`, schema.org `@type`, its address); a page that says nothing is an index when many
headings link to other pages and no paragraph reads like an article's.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import lxml.html

from . import page_patterns as pat
from .common import tidy


def schema_types(tree: lxml.html.HtmlElement) -> set[str]:
    """Every schema.org `@type` the page's JSON-LD declares (at any depth)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            kind = node.get("@type")
            found.update([kind] if isinstance(kind, str) else [k for k in kind or [] if isinstance(k, str)])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue
    return found


def meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    """The content of the first <meta property|name=...> of these names."""
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in names and el.get("content"):
            return el.get("content").strip()
    return None


def page_url(tree: lxml.html.HtmlElement, saved_url: str | None) -> str | None:
    """Where the page says it lives: og:url, the canonical link, else where it was saved from."""
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return meta(tree, "og:url") or saved_url


def headline_links(tree: lxml.html.HtmlElement) -> int:
    """How many different pages the page's headings link to."""
    links = tree.xpath("//h1//a[@href]|//h2//a[@href]|//h3//a[@href]|//h4//a[@href]")
    return len({a.get("href") for a in links})


def index_reason(tree: lxml.html.HtmlElement, paragraphs: list[str], saved_url: str | None) -> str | None:
    """Why this page is a list of articles rather than one (a sentence for the skip line), else None."""
    og_type = (meta(tree, "og:type") or "").lower()
    types = schema_types(tree)
    if og_type == "article" or any(pat.ARTICLE_TYPES.search(t) for t in types):
        return None
    if meta(tree, "article:published_time"):
        return None
    url = page_url(tree, saved_url)
    path = urlsplit(url).path if url and "://" in url else None
    if path is not None and pat.INDEX_PATHS.match(path):
        return f"the front page of {urlsplit(url).netloc or 'a site'}, not an article"
    if types & pat.INDEX_TYPES and not types - pat.INDEX_TYPES - pat.INDEX_PARTS:
        return f"an index page ({', '.join(sorted(types & pat.INDEX_TYPES))}), not an article"
    long_ones = sum(len(p) >= pat.LONG_PARAGRAPH for p in paragraphs)
    if headline_links(tree) >= pat.HEADLINE_LINKS and long_ones < 2:
        return "a page of headlines linking to other pages (a front page or section), not an article"
    return None


def headings(tree: lxml.html.HtmlElement) -> list[str]:
    """The texts of the page's top headings (<h1>), which usually carry the title without the site."""
    return [t for t in (tidy(h.text_content()) for h in tree.iter("h1")) if t]


def site_names(tree: lxml.html.HtmlElement, sitename: str | None, url: str | None) -> list[str]:
    """Ways the page names its site: og:site_name, application-name, trafilatura's guess, the host."""
    names = [meta(tree, "og:site_name"), meta(tree, "application-name"), sitename]
    if url and "://" in url:
        names.append(urlsplit(url).netloc)
    return [n for n in names if n and re.search(r"\w", n)]
