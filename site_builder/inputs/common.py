"""What web pages and feed entries share: bounded reading, HTML fragments to paragraphs."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import lxml.html
from lxml import etree

from .articles import read_limited

BLOCK_TAGS = (
    "p", "div", "section", "article", "blockquote", "pre", "li", "ul", "ol", "dd", "dt",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "figcaption", "header", "footer",
)  # fmt: skip
DROPPED_TAGS = ("script", "style", "template", "noscript", "figure")  # figure: an image and its caption
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
ISO_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")  # as pages and feeds write a day


def read_bytes(path: Path, limit: int, advice: str) -> bytes:
    """Encodings are left to the HTML and XML parsers, which read the one the file declares."""
    return read_limited(path, limit, advice, empty="save the article into it")


def impossible_day(raw: str) -> bool:
    """True for a date written as a day that does not exist: 2021-02-30, 0000-00-00."""
    if not (m := ISO_DAY.match(raw.strip())):
        return False
    return not is_real_day(*map(int, m.groups()))


def is_real_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def tidy(text: str) -> str:
    """One paragraph on one line: runs of white space (and non-breaking spaces) become one space."""
    return " ".join(text.split())


def text_paragraphs(text: str) -> list[str]:
    return [p for p in (tidy(chunk) for chunk in BLANK_LINE.split(text)) if p]


def html_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (a feed entry's content) as plain text; markup is dropped."""
    if "<" not in fragment:  # no markup, but entities such as &amp; still stand for characters
        return text_paragraphs(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.ParserError):
        return text_paragraphs(fragment)
    for el in list(root.iter(*DROPPED_TAGS)):
        el.drop_tree()
    for el in root.iter(*BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    return text_paragraphs(root.text_content())
