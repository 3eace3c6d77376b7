"""Read one article file into an Article, or fail with an error that names the file and line.

Two text forms are accepted (see SPEC.md): the seed form, whose first line is
`date YYYY-MM-DD SOURCE NAME`, and Markdown/text with YAML front matter (`title`, `date`,
`source`, `url`). `Article.text` keeps every character offset of the file: the header is
blanked to spaces, so an offset found by extraction indexes the file as read with
`open(path, encoding="utf-8", newline="")`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..frontmatter import read_front_matter, starts_with_front_matter
from ..problems import Problem, not_a_date
from ..urls import safe_url
from .datelines import find_dateline, is_date_only

MAX_BYTES = 5 * 1024 * 1024  # a news article is far below this; larger files are refused, not truncated

DATE_LINE = re.compile(r"[ \t]*date[ \t]+(\S+)(?:[ \t]+(.*?))?[ \t]*$", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*")


ArticleError = Problem  # an input that is not a readable article: `FILE:LINE: what is wrong; what to do`


class NotAnArticle(ArticleError):
    """A file that holds no article by design (a sitemap, a front page); skipped, not failed."""


def unexpected(err: BaseException) -> str:
    """An error no reader foresaw, in a few words for the message that names the file."""
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return f"{type(err).__name__}: {str(err)[:200]}" if str(err) else type(err).__name__


@dataclass
class Article:
    path: Path
    text: str  # analysable text; for text files, offsets equal the file's offsets
    date: dt.date
    source: str
    sha256: str  # of the file's bytes
    title: str | None = None  # as written in the article, else None (a title is then made from the lead)
    title_span: tuple[int, int] | None = None
    dateline: str | None = None  # "Kabul" from "KABUL:", "Washington" from "WASHINGTON (CNN) —"
    dateline_span: tuple[int, int] | None = None  # the dateline as written, "WASHINGTON (CNN)"
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # body paragraph spans in text
    url: str | None = None
    body_start: int = 0
    part: str | None = None  # names one entry of a file holding several (a feed); None for a whole file

    def paragraph_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.paragraphs]

    @property
    def content_hash(self) -> str:
        """Hash of the normalised body, so the same article in two formats is recognised."""
        words = re.findall(r"\w+", " ".join(self.paragraph_texts()).lower())
        return hashlib.sha256(" ".join(words).encode()).hexdigest()


def read_limited(path: Path, limit: int, advice: str, empty: str = "add an article to it") -> bytes:
    """The file's bytes, refused above limit before they are read into memory."""
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= limit else b""
    except OSError as err:
        message = f"cannot be read ({err.strerror}); check that it exists and is readable"
        raise ArticleError(path, message) from err
    size = max(size, len(data))  # it may have grown while being read
    if size > limit:
        raise ArticleError(path, f"is {size:,} bytes, over the {limit:,}-byte limit; {advice}")
    if not data.strip():
        raise ArticleError(path, f"is empty; remove it or {empty}", line=1)
    return data


def read_text(path: Path) -> tuple[str, bytes]:
    """The file's text, exactly as written (no newline translation), and its bytes."""
    data = read_limited(path, MAX_BYTES, "split it up")
    if encoding := wide_encoding(data):
        raise ArticleError(
            path, f"is {encoding} text; re-save it as UTF-8 (in a text editor: Save As, UTF-8)"
        )
    if b"\x00" in data:
        raise ArticleError(path, "is a binary file, not an article; remove it from the input folder")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ArticleError(path, "is not UTF-8 text; re-save it as UTF-8", line=line) from err
    if text.startswith("\ufeff"):  # a byte-order mark is one character of the file: blank it, keep offsets
        text = " " + text[1:]
    return text, data


BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" for text saved that way (a byte-order mark, or every other byte zero,
    as Windows tools write it), so it is not called binary; else None."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    head = data[:400]
    if len(head) >= 8 and (
        head[1::2].count(0) > 0.9 * len(head[1::2]) or head[0::2].count(0) > 0.9 * len(head[0::2])
    ):
        return "UTF-16"
    return None


def parse_date(value: object, path: Path, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise not_a_date(path, raw, line) from None


def blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping newlines, so later offsets do not move."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def read_article(path: Path | str) -> Article:
    path = Path(path)
    text, data = read_text(path)
    sha = hashlib.sha256(data).hexdigest()
    if starts_with_front_matter(text):
        return _front_matter_article(path, text, sha)
    return _dated_article(path, text, sha)


def _dated_article(path: Path, text: str, sha: str) -> Article:
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    m = DATE_LINE.match(first.rstrip("\r"))
    if not m:
        raise ArticleError(
            path,
            "has no date line; start the file with `date YYYY-MM-DD SOURCE NAME` or YAML front matter",
            line=1,
        )
    if not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\S*)?", m.group(1)):
        raise ArticleError(
            path,
            f"the date line {first.strip()!r} does not give its date as YYYY-MM-DD;"
            " write it as `date YYYY-MM-DD SOURCE NAME`",
            line=1,
        )
    date = parse_date(m.group(1), path, 1)
    source = (m.group(2) or "").strip() or "Unknown source"
    head_end = len(first)
    return _finish(path, blank(text, 0, head_end), date, source, sha, head_end, None, None)


def _front_matter_article(path: Path, text: str, sha: str) -> Article:
    doc = read_front_matter(text, path, lines=True)
    if doc.duplicates:
        raise doc.duplicates[0]
    meta = doc.meta
    if "date" not in meta:
        raise ArticleError(path, "front matter has no `date:`; add `date: YYYY-MM-DD`", line=doc.first_line)
    date = parse_date(meta["date"], path, doc.line(("date",)))
    source = meta.get("source") or "Unknown source"
    url = meta.get("url") or (source.get("url") if isinstance(source, dict) else None)
    if isinstance(source, dict):
        source = source.get("name") or "Unknown source"
    title = str(meta["title"]).strip() if meta.get("title") else None
    url = safe_url(url)
    head_end = doc.body_start - text[: doc.body_start].endswith("\n")  # the body starts at that line end
    return _finish(path, blank(text, 0, head_end), date, str(source), sha, head_end, title, url)


def from_paragraphs(
    path: Path,
    paragraphs: list[str],
    date: dt.date,
    source: str,
    sha: str,
    title: str | None,
    url: str | None,
) -> Article:
    """An article that is not a text file (a web page, a feed entry). Its text is built as the title,
    a blank line, then the paragraphs: spans index Article.text, as there is no file offset to keep."""
    head = f"{title}\n\n" if title else ""
    article = _finish(path, head + "\n\n".join(paragraphs), date, source, sha, len(head), title, url)
    if title:
        article.title_span = (0, len(title))
    return article


def _finish(
    path: Path,
    text: str,
    date: dt.date,
    source: str,
    sha: str,
    body_start: int,
    title: str | None,
    url: str | None,
) -> Article:
    spans = paragraph_spans(text, body_start)
    if not spans:
        raise ArticleError(path, "has a header but no article text; add the article below it")
    article = Article(path, text, date, source, sha, title=title, url=url, body_start=body_start)
    a, b = spans[0]
    lead = text[a:b]
    if title is None and len(spans) > 1 and "\n" not in lead.strip() and _looks_like_title(lead):
        article.title, article.title_span = lead.strip(), (a, b)
        spans = spans[1:]
    a, b = next((span for span in spans if not is_date_only(text[span[0] : span[1]])), spans[0])
    if found := find_dateline(text[a:b]):
        article.dateline, article.dateline_span = found.place, (a + found.start, a + found.end)
    article.paragraphs = spans
    return article


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    ends_like_a_sentence = line.endswith((".", ":", ";", ","))
    quoted = line.startswith(("\u201c", '"'))
    return 0 < len(line) <= 200 and not ends_like_a_sentence and not quoted and not is_date_only(line)


def paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of text[start:], trimmed of surrounding white space."""
    spans, pos = [], start
    for m in [*PARAGRAPH_BREAK.finditer(text, start), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m:
            pos = m.end()
    return spans
