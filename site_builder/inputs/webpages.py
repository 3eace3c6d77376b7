"""A saved web page -> Article: the main text, title, date, site name and URL, via trafilatura.

Menus, share buttons and comments are left out by trafilatura's extraction; related-links lists,
bylines and calls to action by `page_text`; a front page or section index is skipped with its
reason (`page_kind`). The date comes only from the page's metadata (meta tags, `<time>`, the URL);
a date guessed from the body text could be an event's date rather than the publication's, and a
wrong date is worse than an error that says how to add the right one.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import re
from pathlib import Path

import lxml.html
from lxml import etree

from ..problems import not_a_date
from ..urls import safe_url
from .articles import Article, ArticleError, NotAnArticle, from_paragraphs
from .common import impossible_day, read_bytes, tidy
from .page_kind import headings, index_reason, page_url, site_names
from .page_text import article_paragraphs, clean_title

SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a page saved as one file carries its images; trafilatura's own limit
MHTML_SUFFIXES = {".mhtml", ".mht"}  # a page saved as a single file by Chrome or Edge
MIN_WORDS = 20  # less is a menu or a teaser that trafilatura fell back on, not an article
MIN_CHARS = 120  # ... or, in a script written without spaces (Chinese, Japanese), fewer characters
PUBLISHED_META = re.compile(r"date|publish|created|issued")
UPDATED_META = re.compile(r"modif|updat|expir")
LD_PUBLISHED = re.compile(r'"date(?:Published|Created)"\s*:\s*"([^"]*)"')
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read_page(path: Path) -> Article:
    import trafilatura  # loaded only when there is a page to read: it costs a tenth of a second

    data = read_bytes(path, MAX_PAGE_BYTES, "save the page without its images, or paste the text into a .txt")
    sha = hashlib.sha256(data).hexdigest()
    page, saved_url = data, None
    if path.suffix.lower() in MHTML_SUFFIXES:
        page, saved_url = mhtml_page(path, data)
    elif saved := SAVED_FROM.search(data[:4096]):
        saved_url = saved.group(1).decode("utf-8", "replace")
    if b"\x00" in page:
        raise ArticleError(path, "is a binary file, not a web page; remove it from the input folder")
    tree = parse_html(page)
    doc = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=True,  # to tell a list of links to other stories from the story's own list
        date_extraction_params=DATE_PARAMS,
    )
    body = doc.body if doc is not None else None
    paragraphs = article_paragraphs(body, doc.author) if body is not None else []
    if tree is not None and (why := index_reason(tree, paragraphs, saved_url)):
        raise NotAnArticle(path, f"{why}; save each article's own page")
    if too_little(paragraphs):
        raise ArticleError(
            path,
            "no article text found in the page; save the article's own page (not a front page), "
            "or paste its text into a .txt file that starts with `date YYYY-MM-DD SOURCE NAME`",
        )
    if bad := impossible_date(tree):
        raise not_a_date(path, *bad)
    if not doc.date:
        raise ArticleError(
            path,
            "no publication date found in the page; add "
            '<meta property="article:published_time" content="YYYY-MM-DD"> to its <head>, '
            "or paste the text into a .md file with front matter `date: YYYY-MM-DD`",
        )
    try:
        date = dt.date.fromisoformat(str(doc.date)[:10])
    except ValueError as err:
        why = f"page date {doc.date!r} is not a real date; correct its date meta tag"
        raise ArticleError(path, why) from err
    url = safe_url(doc.url) or safe_url(saved_url)
    raw_title = tidy(doc.title or "")
    title = raw_title
    if tree is not None and title:
        title = clean_title(title, headings(tree), site_names(tree, doc.sitename, page_url(tree, url)))
    if title and paragraphs and paragraphs[0].casefold() in (title.casefold(), raw_title.casefold()):
        paragraphs = paragraphs[1:]  # the page's <h1>: the title
    if not paragraphs:
        raise ArticleError(path, "the page has a title but no article text; save the full article page")
    source = tidy(doc.sitename or "") or (doc.hostname or "") or "Unknown source"
    return from_paragraphs(path, paragraphs, date, source, sha, title=title or None, url=url)


def parse_html(page: bytes) -> lxml.html.HtmlElement | None:
    """The page as a tree, for what it says about itself; None when lxml cannot read it."""
    try:
        return lxml.html.document_fromstring(page)
    except (ValueError, etree.ParserError):
        return None


def too_little(paragraphs: list[str]) -> bool:
    text = " ".join(paragraphs)
    return len(text.split()) < MIN_WORDS and len(text.replace(" ", "")) < MIN_CHARS


def impossible_date(root: lxml.html.HtmlElement | None) -> tuple[str, int | None] | None:
    """A publication date in the page's metadata that does not exist (`2021-02-30`), and its line.

    trafilatura would pass over it to another date, or move it to the first of the month; a date
    that is not the one written is a guess, so the page is refused instead."""
    if root is None:
        return None
    found: list[tuple[str, int | None]] = []
    for meta in root.iter("meta"):
        names = " ".join(meta.get(a, "") for a in ("name", "property", "itemprop", "http-equiv")).lower()
        if PUBLISHED_META.search(names) and not UPDATED_META.search(names):
            found.append((meta.get("content", ""), meta.sourceline))
    for el in root.iter("time"):
        if (
            "published" in (el.get("itemprop", "") + el.get("class", "")).lower()
            or el.get("pubdate") is not None
        ):
            found.append((el.get("datetime", ""), el.sourceline))
    for script in root.iter("script"):
        if "ld+json" in script.get("type", ""):
            found += [(m.group(1), script.sourceline) for m in LD_PUBLISHED.finditer(script.text or "")]
    for raw, line in found:
        if impossible_day(raw):
            return raw.strip(), line
    return None


def mhtml_page(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The HTML of a page saved as MHTML (a MIME message: the page, then its images and styles),
    and the address it was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        raise ArticleError(path, "is not an MHTML page (no MIME parts); save the page again as a web page")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and b"charset" not in html[:2048].lower():  # tell trafilatura what MIME said
                html = f'<meta charset="{charset}">'.encode() + html
            return html, message.get("Snapshot-Content-Location") or part.get("Content-Location")
    raise ArticleError(path, "holds no HTML page; save the article page again as a web page")
