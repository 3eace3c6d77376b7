"""Name normalisation: one written form per entity, whatever the article wraps around it.

"the Church of Scientology's" -> "Church of Scientology"; "President Rahmon" -> "Rahmon" (the title
is kept as a role); "Apple Inc." and "Apple" share an id. Pure string rules, no model.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .words.titles import CAPTION_WORDS, COMMON_WORD_FIRST_NAMES, HONORIFICS, ORG_SUFFIXES, TITLES

POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass
class Cleaned:
    """A name span after trimming: offsets into the text, the text, and any title words cut off the front."""

    start: int
    end: int
    text: str
    title: str = ""


def word(token: str) -> str:
    return token.strip(".").casefold()


def is_title_word(token: str) -> bool:
    w = word(token)
    return w in TITLES or w in HONORIFICS


def clean_span(text: str, start: int, end: int, keep=None) -> Cleaned | None:
    """Trim a raw name span: cut at a line break, drop a leading article, title or honorific words, a
    trailing possessive and caption words. None when nothing name-like is left. `keep(name)` says a
    name is whole as written (`Prince Edward Island`, `Queen Anne's County`): its title stays."""
    raw = text[start:end]
    for stop in ("\n", " ("):  # `World Health Organization (WHO`: the acronym is a mention of its own
        cut = raw.find(stop)
        if cut > 0:
            raw = raw[:cut]
    # leading articles and titles
    title_words: list[str] = []
    while True:
        m = LEADING_ARTICLE.match(raw)
        if m:
            start += m.end()
            raw = raw[m.end() :]
            continue
        first = raw.split(" ", 1)
        if len(first) == 2 and is_title_word(first[0]) and first[1][:1].isupper():
            if keep is not None and keep(POSSESSIVE.sub("", raw.rstrip(" ,;:-"))):
                break
            if word(first[0]) not in HONORIFICS:
                title_words.append(first[0])
            skip = len(first[0]) + 1
            start += skip
            raw = raw[skip:]
            continue
        break
    raw = raw.rstrip(" ,;:-")
    m = POSSESSIVE.search(raw)
    if m and len(raw) > m.end() - m.start() + 1:
        raw = raw[: m.start()]
    parts = raw.split(" ")
    while len(parts) > 1 and parts[-1].casefold() in CAPTION_WORDS:
        parts.pop()
    raw = " ".join(parts).rstrip(" ,;:-")
    if not raw or not (raw[0].isupper() or raw[0].isdigit() or raw[0] in "@#"):
        return None
    return Cleaned(start, start + len(raw), raw, " ".join(title_words))


def key(name: str) -> str:
    """The comparison form of a name: casefolded, spaces collapsed, corporate suffix dropped."""
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip(" .,")
    parts = name.split(" ")
    while len(parts) > 1 and word(parts[-1].rstrip(",")) in ORG_SUFFIXES:
        parts.pop()
    return " ".join(parts).rstrip(",").casefold()


def initials(name: str) -> str:
    """`United States Air Force` -> `USAF`; small words (of, and, the, for) are skipped."""
    words = re.findall(r"[A-Za-z][\w'&.-]*", name)
    return "".join(
        w[0].upper() for w in words if w.casefold() not in {"of", "and", "the", "for", "in", "on", "&"}
    )


def is_acronym(name: str) -> bool:
    bare = name.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and sum(c.isupper() for c in bare) >= max(2, len(bare) - 1)


@lru_cache(maxsize=1)
def _first_names() -> dict[str, int]:
    """Given name -> weight 1-13 (how many languages use it, plus its US frequency): the table
    `scripts/build_first_names.py` builds from Faker's name lists and ships beside this module."""
    raw = resources.files(__package__).joinpath("data", "first_names.tsv.gz").read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(raw).decode("utf-8").splitlines())
    return {name: int(weight) for name, weight in rows}


def first_name_weight(token: str) -> int:
    """How common `token` is as a given name somewhere (0 = not one, 13 = extremely common)."""
    w = token.strip(".").casefold()
    if w in COMMON_WORD_FIRST_NAMES:
        return 0
    return _first_names().get(w, 0)
