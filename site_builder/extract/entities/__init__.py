"""Named actors and places in one article: spaCy's spans, corrected by our own rules.

1. Spans (spans.py): spaCy's PERSON/ORG/GPE/LOC/FAC/NORP entities, plus what it missed or cut wrong.
2. Candidates (candidates.py): names trimmed (article, possessive, title, honorific; see names.py),
   place spans cut to the place names they hold; nationality words and common nouns dropped.
3. Kinds (kinds.py): curated notes first, then the gazetteer read in the article's context
   (toponyms.py), then cue words and context, then spaCy; diseases, products and indices dropped.
4. One entity per real thing (grouping.py): surnames and first names join the full name met in the
   article, acronyms their expansion, short organization names the longer name they stand for.
5. Roles from titles and appositions (roles.py); `within` for places from the gazetteer or the text
   ("Badakhshan's district of Khawahan"); `acts` for a country that is the subject of a verb.

Ids across articles are the business of identity.py, which runs over the whole batch.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import places
from ..identity import actor_id
from ..model import Entity, Mention
from ..nlp import doc_text, lemma
from ..words.place_words import STATIVE
from . import roles
from .candidates import Cand, find_candidates
from .grouping import group_mentions, kind_of, name_of, propagate
from .kinds import decide_kinds, short_team_names

WITHIN_OF = re.compile(
    r"^(?:['\u2019]s)?\s+(?:district|province|county|region|city|town|village|area)\s+of\s+$"
)


WITHIN_IN = re.compile(r"^\s+(?:district|county|village|town|area)?\s*(?:of|in|,)\s+(?:the\s+)?$")


def _within_from_text(doc: Doc, ent: Entity, by_name: dict[str, Entity]) -> str | None:
    """`Badakhshan's district of Khawahan`, `Khawahan district of Badakhshan`, `Khawahan, Badakhshan`."""
    text = doc_text(doc)
    for m in ent.mentions:
        for other in by_name.values():
            if other is ent or not other.is_place:
                continue
            for om in other.mentions:
                if om.end <= m.start and m.start - om.end < 40 and WITHIN_OF.match(text[om.end : m.start]):
                    return other.id
                if om.start >= m.end and om.start - m.end < 30 and WITHIN_IN.match(text[m.end : om.start]):
                    return other.id
    return None


def _acts(ent: Entity, cands: list[Cand]) -> bool:
    """A country acts when it is the subject of a verb that is not merely about where it lies."""
    for c in cands:
        root = c.span.root
        if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and lemma(root.head) not in STATIVE:
            return True
    return False


def _headline_fragment(c: Cand, text: str, headline: tuple[int, int]) -> bool:
    """`Netanyahu Apologizes`, `Flotilla Raid`: in a title-case headline spaCy takes words for
    names. A name met only in the headline, and no known place, is dropped; the body names what
    the headline is about."""
    a, b = headline
    if c.known or not (a <= c.start < b) or places.notable(c.text):
        return False
    return c.text not in text[:a] and c.text not in text[b:]


def find_entities(
    doc: Doc,
    known: dict[str, Entity] | None = None,
    headline: tuple[int, int] | None = None,
    dateline: str | None = None,
    source: str | None = None,
) -> list[Entity]:
    """The entities of one parsed article; `headline` is where its title lies in the text; its
    dateline and source name are evidence of where the article is (toponyms.py)."""
    known = {k.casefold(): v for k, v in (known or {}).items()}
    cands = find_candidates(doc, known)
    if headline:
        text = doc_text(doc)
        cands = [c for c in cands if not _headline_fragment(c, text, headline)]
    decide_kinds(doc, cands, dateline, source)
    cands = [c for c in cands if c.kind is not None]
    short_team_names(cands)
    cands = propagate(doc, cands)
    group_mentions(doc, cands)
    groups: dict[str, list[Cand]] = {}
    for c in cands:
        groups.setdefault(c.group, []).append(c)
    found: dict[str, Entity] = {}
    members_of: dict[str, list[Cand]] = {}
    for members in groups.values():
        kind = kind_of(members)
        template = next((c.known for c in members if c.known), None) or next(
            (c.place.entity() for c in members if c.place and c.place.kind == kind), None
        )
        if template:
            ent = Entity(
                template.id,
                template.name,
                template.kind,
                within=template.within,
                lat=template.lat,
                lon=template.lon,
            )
        else:
            name = f"{members[0].team} national team" if members[0].team else name_of(members, kind)
            ent = Entity(actor_id(name, kind, [c.text for c in members]), name, kind)
        if ent.id in found:  # two groups that resolve to the same id: one entity
            ent = found[ent.id]
        found[ent.id] = ent
        members_of.setdefault(ent.id, []).extend(members)
    for ent_id, members in members_of.items():
        ent = found[ent_id]
        members.sort(key=lambda c: c.start)
        ent.mentions = [Mention(c.start, c.end, c.text) for c in members]
        aliases = []
        for c in members:
            for form in (c.text, f"{c.title} {c.text}" if c.title else ""):
                if form and form != ent.name and form not in aliases:
                    aliases.append(form)
        ent.aliases = aliases
        if ent.kind == "person":
            seen = {r.casefold() for r in ent.roles}
            for c in members:
                for role in roles.roles_for(c.span, c.title):
                    if role.casefold() not in seen:
                        seen.add(role.casefold())
                        ent.roles.append(role)
        if ent.kind == "country":
            ent.acts = _acts(ent, members)
    by_name = {e.name: e for e in found.values()}
    for ent in found.values():
        if ent.is_place and ent.kind != "country" and not ent.within:
            ent.within = _within_from_text(doc, ent, by_name)
    return sorted(found.values(), key=lambda e: e.mentions[0].start)
