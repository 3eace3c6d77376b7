"""Any input file -> the articles it holds: text and Markdown, saved web pages, RSS and Atom feeds.

Dispatch is by file name: `.html` pages go to `webpages`, feeds to `feeds`, text to
`articles.read_article`. A `.xml` file is read as a feed only when it is one; anything else is
not an article and is skipped with one line, never guessed at.
"""

from __future__ import annotations

from pathlib import Path

from . import feeds, webpages
from .articles import Article, ArticleError, NotAnArticle, read_article, unexpected

__all__ = ["Article", "ArticleError", "NotAnArticle", "SUFFIXES", "read_article", "read_articles"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".mhtml", ".mht"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | PAGE_SUFFIXES | FEED_SUFFIXES


def read_articles(path: Path | str) -> list[Article | ArticleError]:
    """Every article in one file, and an error for each part that cannot be read (the rest go on)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in PAGE_SUFFIXES:
            return [webpages.read_page(path)]
        if suffix in FEED_SUFFIXES:
            entries = feeds.read_feed(path)
            if entries is None:
                return [NotAnArticle(path, "XML but not an RSS or Atom feed")]
            return entries
        if suffix in TEXT_SUFFIXES:
            return [read_article(path)]
        return [NotAnArticle(path, f"not an article file ({', '.join(sorted(SUFFIXES))})")]
    except ArticleError as err:
        return [err]
    except Exception as err:  # noqa: BLE001 - one file that breaks a reader never stops the run
        return [ArticleError(path, f"cannot be read ({unexpected(err)}); fix or remove it")]
