"""A saved web page -> Article: the main text, title, date, site name and URL, via trafilatura.

Menus, share buttons, comments and related links are left out by trafilatura's extraction.
The date comes only from the page's metadata (meta tags, `<time>`, the URL); a date guessed from
the body text could be an event's date rather than the publication's, and a wrong date is worse
than an error that says how to add the right one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from ..articles import Article, ArticleError, from_paragraphs
from ..urls import safe_url
from .common import read_bytes, tidy

SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
MIN_WORDS = 20  # less is a menu or a teaser that trafilatura fell back on, not an article
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read_page(path: Path) -> Article:
    import trafilatura  # loaded only when there is a page to read: it costs a tenth of a second

    data = read_bytes(path)
    if b"\x00" in data:
        raise ArticleError(path, "is a binary file, not a web page; remove it from the input folder")
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params=DATE_PARAMS,
    )
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        raise ArticleError(
            path,
            "no article text found in the page; save the article's own page (not a front page), "
            "or paste its text into a .txt file that starts with `date YYYY-MM-DD SOURCE NAME`",
        )
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
    title = tidy(doc.title or "") or None
    paragraphs = [p for p in (tidy(line) for line in doc.text.split("\n")) if p]
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the page's <h1>, already the title
    if not paragraphs:
        raise ArticleError(path, "the page has a title but no article text; save the full article page")
    saved = SAVED_FROM.search(data[:4096])
    url = safe_url(doc.url) or (safe_url(saved.group(1).decode("utf-8", "replace")) if saved else None)
    source = tidy(doc.sitename or "") or (doc.hostname or "") or "Unknown source"
    sha = hashlib.sha256(data).hexdigest()
    return from_paragraphs(path, paragraphs, date, source, sha, title=title, url=url)
