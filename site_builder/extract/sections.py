"""Long articles, extracted section by section: the cost of one article stays linear in its length.

spaCy's memory grows with the text it parses at once (and it refuses texts over 1,000,000
characters, error E088), and some rules compare every sentence with every mention. An article
longer than SECTION characters is therefore cut into sections, after a paragraph break where one
is in reach, and each section is extracted like an article of its own; the results are joined
with offsets into the whole text. Names found in earlier sections are handed to later ones as
known names, so `Rahmon` on page 40 keeps the id `emomali-rahmon` found on page 1.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from ..inputs.articles import Article
from .model import Entity, Extraction

SECTION = 20_000  # characters; a news article is almost always one section
CUT_AFTER = (re.compile(r"\n[ \t\r]*\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def sections(text: str, limit: int = SECTION) -> list[tuple[int, int]]:
    """Spans of at most `limit` characters that cover text exactly, each cut after a paragraph
    break in the second half of its window if there is one, else after a sentence, else at space."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in CUT_AFTER:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends and ends[-1] < len(window):
                cut = ends[-1]
                break
        cut = cut or limit  # one word longer than the window: cut through it
        out.append((start, start + cut))
        start += cut
    out.append((start, len(text)))
    return out


def section_article(article: Article, a: int, b: int) -> Article:
    """The part of article between offsets a and b, as an article whose offsets start at 0."""

    def inside(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return (span[0] - a, span[1] - a) if span and a <= span[0] and span[1] <= b else None

    title_span = inside(article.title_span)
    return dataclasses.replace(
        article,
        text=article.text[a:b],
        title=article.title if a == 0 else None,
        title_span=title_span,
        dateline=article.dateline if inside(article.dateline_span) else None,
        dateline_span=inside(article.dateline_span),
        paragraphs=[s for s in map(inside, article.paragraphs) if s],
        body_start=max(0, article.body_start - a),
    )


def shift(value: object, by: int) -> None:
    """Move every `start`/`end` offset in value (dataclasses, lists) by `by` characters, in place."""
    if isinstance(value, list):
        for item in value:
            shift(item, by)
        return
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if f.name in ("start", "end") and isinstance(item, int):
            setattr(value, f.name, item + by)
        elif isinstance(item, list) or dataclasses.is_dataclass(item):
            shift(item, by)


def names_of(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Casefolded name, alias and (for a person) surname -> entity, as `known` expects."""
    out: dict[str, Entity] = {}
    for e in entities:
        forms = [e.name, *e.aliases]
        if e.kind == "person" and len(e.name.split()) > 1:
            forms.append(e.name.split()[-1])
        for form in forms:
            out.setdefault(form.casefold(), e)
    return out


def join(found: list[Extraction]) -> Extraction:
    """Sections' results as one: an entity's mentions, roles and aliases gathered under its id."""
    entities: dict[str, Entity] = {}
    for part in found:
        for e in part.entities:
            held = entities.get(e.id)
            if held is None:
                entities[e.id] = e
                continue
            held.mentions.extend(e.mentions)
            held.roles.extend(r for r in e.roles if r not in held.roles)
            held.aliases.extend(a for a in e.aliases if a not in held.aliases and a != held.name)
            held.acts = held.acts or e.acts
    first = found[0]
    return Extraction(
        entities=list(entities.values()),
        times=[t for part in found for t in part.times],
        events=[e for part in found for e in part.events],
        quotes=[q for part in found for q in part.quotes],
        summary=first.summary,
        title=first.title,
    )


def extract_long(
    article: Article,
    known: dict[str, Entity] | None,
    extract: Callable[[Article, dict[str, Entity] | None], Extraction],
) -> Extraction:
    """`extract` (one section-sized article -> Extraction) over each section, joined."""
    found: list[Extraction] = []
    names = dict(known or {})
    for a, b in sections(article.text):
        part = section_article(article, a, b)
        if not part.paragraphs and a:  # white space between sections
            continue
        result = extract(part, names)
        shift([result.entities, result.times, result.events, result.quotes], a)
        found.append(result)
        for form, entity in names_of(result.entities).items():
            names.setdefault(form, entity)
    return join(found)
