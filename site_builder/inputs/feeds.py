"""An RSS or Atom file -> one Article per entry, each with its own date, title, link and text.

feedparser reads the file's bytes from memory (it is handed a stream, never a name or URL, so
nothing is fetched) and sanitises entry HTML. Each entry is hashed on its own content, so a
later export of the same feed re-ingests only entries that are new.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import json
import re
from pathlib import Path

from ..problems import not_a_date
from ..urls import safe_url
from .articles import Article, ArticleError, from_paragraphs, unexpected
from .common import html_paragraphs, impossible_day, is_real_day, read_bytes, text_paragraphs, tidy
from .page_text import drop_furniture

MAX_FEED_BYTES = 50 * 1024 * 1024  # an export of a few thousand full-text entries
ENTRY_TAG = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")


def read_feed(path: Path) -> list[Article | ArticleError] | None:
    """The entries of a feed, an error per unreadable entry; None when the file is not a feed."""
    import feedparser  # loaded only when there is a feed to read

    data = read_bytes(path, MAX_FEED_BYTES, "export fewer entries per file")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version"):
        if path.suffix.lower() == ".xml":
            return None
        raise ArticleError(path, "is not an RSS or Atom feed that can be read; export the feed again")
    source = tidy(parsed.feed.get("title", "")) or "Unknown source"
    lines = entry_lines(data)
    taken: set[str] = set()
    if not parsed.entries:
        raise ArticleError(path, "is a feed with no entries; export it again with its items")
    found: list[Article | ArticleError] = []
    for n, entry in enumerate(parsed.entries, start=1):
        line = lines[n - 1] if n - 1 < len(lines) else None
        try:
            article = read_entry(path, n, line, entry, source)
        except ArticleError as err:
            found.append(err)
            continue
        except Exception as err:  # noqa: BLE001 - one odd entry never stops the others
            found.append(ArticleError(path, f"entry {n} cannot be read ({unexpected(err)})", line=line))
            continue
        article.part = entry_label(entry, taken)
        found.append(article)
    return found


def entry_label(entry: dict, taken: set[str]) -> str:
    """A name for the entry that stays the same in the next export of the feed (`entry-3a9f0c21d4`).

    Positions move as new items arrive on top, so the label hashes the entry's id (guid), else
    its link, else its title: the brief of an entry is found again by `briefing ingest --update`.
    """
    key = entry.get("id") or entry.get("link") or entry.get("title") or json.dumps(entry, default=str)
    label = base = "entry-" + hashlib.sha256(str(key).encode()).hexdigest()[:10]
    n = 1
    while label in taken:  # a feed that repeats an id
        n += 1
        label = f"{base}-{n}"
    taken.add(label)
    return label


def entry_lines(data: bytes) -> list[int]:
    """The line where each entry starts, in order, so an error can point at it."""
    return [data[: m.start()].count(b"\n") + 1 for m in ENTRY_TAG.finditer(data)]


def read_entry(path: Path, n: int, line: int | None, entry: dict, source: str) -> Article:
    label = f"entry {n}" + (f" ({tidy(entry['title'])!r})" if entry.get("title") else "")
    date = entry_date(entry, path, line)
    if date is None:
        raise ArticleError(
            path,
            f"{label} has no date; add <pubDate> (RSS) or <published> (Atom) to the entry, "
            "or save that article as a .md file with front matter `date: YYYY-MM-DD`",
            line=line,
        )
    paragraphs = entry_paragraphs(entry)
    if not paragraphs:
        why = f"{label} has no text; export the feed with full content or summaries"
        raise ArticleError(path, why, line=line)
    title = tidy(entry.get("title", "")) or None
    url = safe_url(entry.get("link"))
    content = {"title": title, "link": url, "date": date.isoformat(), "text": paragraphs}
    sha = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    article = from_paragraphs(path, paragraphs, date, source, sha, title=title, url=url)
    return article


def entry_paragraphs(entry: dict) -> list[str]:
    """The fullest text the entry carries (its content if given, else its summary), as paragraphs,
    without the bylines and calls to action feeds append ("The post ... appeared first on ...")."""
    parts = [c for c in entry.get("content", []) if c.get("value")] or [entry.get("summary_detail") or {}]
    best = max(parts, key=lambda c: len(c.get("value") or ""))
    value = best.get("value") or entry.get("summary", "")
    paragraphs = text_paragraphs(value) if best.get("type") == "text/plain" else html_paragraphs(value)
    return drop_furniture(paragraphs)


def entry_date(entry: dict, path: Path, line: int | None) -> dt.date | None:
    """The publication date as the publisher wrote it (its own time zone), else as feedparser read it.

    A date that does not exist (`2021-02-30`, `0000-00-00`) is refused, never moved to a real one."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        if impossible_day(raw):
            raise not_a_date(path, raw, line)
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        if (parts := email.utils.parsedate_tz(raw)) and not is_real_day(*parts[:3]):
            raise not_a_date(path, raw, line)
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            if not is_real_day(parsed.tm_year, parsed.tm_mon, parsed.tm_mday):  # `0000-00-00`: year -1
                raise not_a_date(path, raw, line)
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
