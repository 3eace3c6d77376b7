"""The article's own text in a saved page, as a reader would pick it out.

trafilatura finds the main text of a page and drops menus and comments; what it keeps still holds
parts a reader skips: lists of links to other stories ("More Must-Reads"), bylines ("Michael
Russell Follow"), credits, the reporter's e-mail, time stamps and calls to action ("Sign up for our
newsletter"). Those would become actors and events, so they are left out here, block by block, on
trafilatura's structured output (`Document.body`: p, head, list, quote, table; links as `ref`).
Titles lose the site's name ("... | CNN Politics").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from . import page_patterns as pat
from .common import tidy


@dataclass
class Block:
    """One block of the main text: its paragraphs (a list has one per item) and how much of each
    is link text (0 to 1)."""

    kind: str  # p, head, list, quote, table, ...
    texts: list[str] = field(default_factory=list)
    linked: list[float] = field(default_factory=list)


def _text_and_link_share(el: etree._Element) -> tuple[str, float]:
    for br in el.iter("lb"):  # a line break inside a paragraph is a space between words
        br.tail = " " + (br.tail or "")
    text = tidy("".join(el.itertext()))
    in_links = sum(len(tidy("".join(ref.itertext()))) for ref in el.iter("ref"))
    return text, min(1.0, in_links / len(text)) if text else 0.0


def blocks(body: etree._Element) -> list[Block]:
    """The blocks of trafilatura's body, in order; empty ones left out."""
    out = []
    for el in body:
        if not isinstance(el.tag, str):
            continue
        block = Block(el.tag)
        if el.tag == "list":
            parts = list(el.iter("item"))
        elif el.tag == "table":
            parts = list(el.iter("row"))
        else:
            parts = [el]
        for part in parts:
            if el.tag == "table":
                cells = [_text_and_link_share(cell) for cell in part.iter("cell")]
                text = " | ".join(t for t, _ in cells if t)
                share = max((s for _, s in cells), default=0.0)
            else:
                text, share = _text_and_link_share(part)
            if text:
                block.texts.append(text)
                block.linked.append(share)
        if block.texts:
            out.append(block)
    return out


def word_count(text: str) -> int:
    """Words, or for a script written without spaces (Chinese, Thai) about as many from its length."""
    return max(len(text.split()), len(text) // pat.CHARS_PER_WORD)


def is_furniture(text: str, authors: set[str] = frozenset()) -> bool:
    """A byline, credit, contact line, time stamp or call to action: not the story's own words."""
    words = word_count(text)
    if words <= pat.BYLINE_WORDS and any(p.search(text) for p in pat.BYLINE):
        return True
    if words <= pat.CREDIT_WORDS and pat.CREDIT.search(text):
        return True
    if words <= pat.BYLINE_WORDS and authors and _only_author_names(text, authors):
        return True
    if words <= pat.CONTACT_WORDS and any(p.search(text) for p in pat.CONTACT):
        return True
    if words <= pat.STAMP_WORDS and pat.STAMP.match(text):
        return True
    return words <= pat.ACTION_WORDS and bool(pat.ACTION.search(text))


def _only_author_names(text: str, authors: set[str]) -> bool:
    """`Amanda Tan`, `By Dana Ford and Tom Watkins`: every word a word of the page's author names."""
    words = [w for w in re.findall(r"[^\W\d_][\w.'\u2019-]*", text.casefold()) if w not in pat.BYLINE_FILLER]
    return bool(words) and all(w.strip(".") in authors for w in words)


def author_words(author: str | None) -> set[str]:
    """The words of the page's author metadata (`Dana A Ford; Tom Watkins`), for spotting bylines."""
    return {w.strip(".") for w in re.findall(r"[^\W\d_][\w.'\u2019-]*", (author or "").casefold())}


def _is_label(text: str) -> bool:
    """`CNN`, `World news`: a few words and no sentence, before the story starts."""
    return word_count(text) <= pat.LABEL_WORDS and not text.rstrip("\"'\u201d)").endswith((".", "!", "?"))


def _is_teaser(text: str, linked: float) -> bool:
    """A short line that is mostly a link to another story."""
    return word_count(text) <= pat.LINKED_WORDS and linked >= pat.LINKED_SHARE


def article_paragraphs(body: etree._Element, author: str | None = None) -> list[str]:
    """The paragraphs of the article, with the page's furniture left out."""
    authors = author_words(author)
    found = blocks(body)
    keep: list[list[str]] = []
    story_started = False
    for block in found:
        if block.kind == "list":
            items = zip(block.texts, block.linked, strict=True)
            teasers = sum(linked > 0 and word_count(t) <= pat.LINKED_WORDS for t, linked in items)
            kept = [] if teasers * 3 >= len(block.texts) * 2 else block.texts
        else:
            kept = [
                t
                for t, linked in zip(block.texts, block.linked, strict=True)
                if not (_is_teaser(t, linked) or is_furniture(t, authors))
                and not (not story_started and block.kind != "head" and _is_label(t))
            ]
        story_started = story_started or (block.kind != "head" and bool(kept))
        keep.append(kept)
    return [t for block, kept in zip(found, _drop_orphan_headings(found, keep), strict=True) for t in kept]


def _drop_orphan_headings(found: list[Block], keep: list[list[str]]) -> list[list[str]]:
    """A heading whose section lost everything it had (a list of links under "More Must-Reads"),
    or that ends the text, heads nothing of the article: it goes too. A heading straight above
    another one (a section and its first subsection) stays."""
    out = [list(k) for k in keep]
    for i, block in enumerate(found):
        if block.kind != "head":
            continue
        section = []
        for j in range(i + 1, len(found)):
            if found[j].kind == "head":
                break
            section.append(j)
        at_the_end = i == len(found) - 1
        if at_the_end or section and not any(out[j] for j in section):
            out[i] = []
    return out


def drop_furniture(paragraphs: list[str]) -> list[str]:
    """Text paragraphs (a feed entry's) without bylines, credits, contact lines and calls to action."""
    return [p for p in paragraphs if not is_furniture(p)]


def clean_title(title: str, headings: list[str], site_names: list[str]) -> str:
    """The title without the site's name: the page's own heading when the title is that heading
    with a few words around it (`Analysis: HEADING | CNN Politics`), else the title with leading
    and trailing parts that name the site cut (`... - BBC News`)."""
    title = tidy(title)
    for heading in headings:
        heading = tidy(heading)
        if len(heading.split()) >= 3 and heading != title and heading in title:
            rest = title.replace(heading, " ", 1)
            if len(rest.split()) <= 6 and pat.TITLE_SEPARATORS.search(f" {rest} "):
                return heading
    title = pat.BREADCRUMB.split(title)[0]
    parts = pat.TITLE_SEPARATORS.split(title)
    keys = _site_keys(site_names)
    trailing = len(parts)
    while len(parts) > 1 and _names_site(parts[-1], keys):
        parts.pop()
    while len(parts) == trailing > 1 and _names_site(parts[0], keys):  # the name is at one end only
        parts.pop(0)
        trailing -= 1
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    """The kept parts as they stood in the title, separators included."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)


def _site_keys(site_names: list[str]) -> list[str]:
    """`CNN`, `www.cnn.com`, `BBC News` -> cnn, bbcnews, bbc: what a title part naming the site holds."""
    keys = set()
    for name in site_names:
        name = (name or "").casefold().strip()
        if not name:
            continue
        host = re.sub(r"^(?:https?://)?(?:www\d?\.|edition\.|m\.|amp\.)?", "", name).split("/")[0]
        if "." in host and " " not in host:
            labels = host.split(".")
            keys.add(max(labels[:-1] or labels, key=len))  # cnn from edition.cnn.com, bbc from bbc.co.uk
        keys.add(re.sub(r"\W+", "", name))
        keys.add(re.sub(r"\W+", "", name.split()[0]))  # bbc from BBC News, ap from AP News
    return sorted(k for k in keys if k)


def _names_site(part: str, keys: list[str]) -> bool:
    """Is this title part the site's name (`CNN Politics`, `BBC News`, `CNN.com`)? At most
    SITE_WORDS words, holding a key; a short key (cnn, ap) must be one of its words."""
    words = re.findall(r"\w+", part.casefold())
    if not words or len(words) > pat.SITE_WORDS:
        return False
    squashed = "".join(words)
    for key in keys:
        if len(key) < 4 and key in words or len(key) >= 4 and key in squashed:
            return True
        if len(squashed) >= 6 and squashed in key:  # `Ultima Hora` of ultimahoramallorca
            return True
    return False
