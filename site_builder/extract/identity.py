"""One id per real-world actor across articles.

Extraction names each person and organization from one article alone: `Apple Inc.` in one, `Apple`
in the next, `GM` here and `General Motors Corporation` there. A `Registry` holds the actors
already known (curated notes, the briefs in content/, the articles before this one in the same run)
and gives each new article's actor the id of the known one it stands for, when the evidence is
clear:

- the same name once legal suffixes are dropped (`Apple Inc.` = `Apple`, `EADS N.V.` = `EADS`);
- a name plus a descriptor the company drops (`Apple Computer`, `Ford Motor`) when the short name is
  a known organization, and `New GM` for `GM`;
- initials and the name they stand for (`GM`, `General Motors`), when only one known name fits;
- a person's surname, or first and last names, when only one known person has them
  (`Obama` and `Barack Obama`, `Recep Erdogan` and `Recep Tayyip Erdogan`).

A bare common word (`Motor`, `House`) never links two names. Places keep their gazetteer ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..slugs import slugify
from . import names, places
from .model import Entity, Extraction
from .words.organizations import COMPANY_DESCRIPTORS, GENERIC_HEADS

ACTOR_KINDS = ("person", "organization")
SPELLINGS = {"organisation": "organization", "centre": "center", "programme": "program",
             "defence": "defense", "labour": "labor"}  # fmt: skip


@dataclass
class Known:
    id: str
    name: str
    kind: str
    keys: set[str] = field(default_factory=set)


def org_key(name: str, spelling: bool = True) -> str:
    """`Apple Inc.` -> `apple`; `The Walt Disney Company` -> `walt disney`; `World Health
    Organisation` -> `world health organization` (one spelling for British and American words,
    unless `spelling` is off: an id keeps the article's spelling)."""
    key = names.key(names.LEADING_ARTICLE.sub("", name.strip()))
    return " ".join(SPELLINGS.get(w, w) for w in key.split()) if spelling else key


def short_forms(key: str, national: bool = True) -> list[str]:
    """`apple computer` -> [`apple`]; `new gm` -> [`gm`]; `u.s. food and drug administration` ->
    [`food and drug administration`]: shorter names the same body goes by."""
    words = key.split()
    out = []
    while len(words) > 1 and words[-1] in COMPANY_DESCRIPTORS:
        words = words[:-1]
        out.append(" ".join(words))
    if len(words) == 2 and words[0] == "new":
        out.append(words[1])
    prefix = _national_prefix(words) if national else 0
    if prefix and len(words) - prefix >= 2 and words[prefix] not in GENERIC_HEADS:
        out.append(" ".join(words[prefix:]))  # `U.S. Centers for Disease Control`; not `Turkish Ministry`
    return out


def _national_prefix(words: list[str]) -> int:
    """How many leading words name a country or its people (`u.s.`, `united states`, `american`)."""
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) > n and (
            places.is_demonym(head) or any(p.kind == "country" for p in places.notable(head))
        ):
            return n
    return 0


def usable(key: str) -> bool:
    """A key that can link two names: not empty, not one generic word (`motor`, `house`)."""
    return bool(key) and not (" " not in key and key in GENERIC_HEADS)


@dataclass
class Registry:
    """The actors known so far, indexed by the forms that resolve to them."""

    known: dict[str, Known] = field(default_factory=dict)
    by_key: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (kind, key) -> ids
    by_initials: dict[str, set[str]] = field(default_factory=dict)  # organization initials -> ids
    by_surname: dict[str, set[str]] = field(default_factory=dict)  # person surname -> ids
    by_ends: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (first, last) -> ids

    def add(self, ent_id: str, name: str, kind: str, aliases: Iterable[str] = ()) -> None:
        if kind not in ACTOR_KINDS:
            return
        entry = self.known.setdefault(ent_id, Known(ent_id, name, kind))
        forms = [name, *aliases]
        if kind == "organization":  # `Apple Computer` makes `Apple` known too
            forms += [k for form in forms for k in short_forms(org_key(form))]
        for form in forms:
            key = org_key(form) if kind == "organization" else names.key(form)
            if not usable(key) or key in entry.keys:
                continue
            entry.keys.add(key)
            self.by_key.setdefault((kind, key), set()).add(ent_id)
            words = key.split()
            if kind == "organization" and len(words) > 1:
                self.by_initials.setdefault(names.initials(key), set()).add(ent_id)
            if kind == "person" and len(words) > 1:
                self.by_surname.setdefault(words[-1], set()).add(ent_id)
                self.by_ends.setdefault((words[0], words[-1]), set()).add(ent_id)

    def match(self, ent: Entity) -> str | None:
        """The known id this entity stands for, or None when none (or more than one) fits."""
        if ent.kind not in ACTOR_KINDS:
            return None
        forms = [ent.name, *[a for a in ent.aliases if len(a.split()) > 1 or names.is_acronym(a)]]
        for form in forms:
            found = self._match_form(form, ent.kind)
            if found:
                return found
        return None

    def _match_form(self, form: str, kind: str) -> str | None:
        if kind == "organization":
            key = org_key(form)
            for k in [key, *short_forms(key)]:
                hit = self._one(self.by_key.get(("organization", k)))
                if hit and usable(k):
                    return hit
            if names.is_acronym(form):
                return self._one(self.by_initials.get(form.replace(".", "").upper()))
            return self._one(self.by_key.get(("organization", names.initials(key).casefold())))
        key = names.key(form)
        words = key.split()
        hit = self._one(self.by_key.get(("person", key)))
        if hit or not words:
            return hit
        if len(words) == 1:
            return self._one(self.by_surname.get(words[0])) if usable(key) else None
        return self._one(self.by_ends.get((words[0], words[-1])))

    @staticmethod
    def _one(ids: set[str] | None) -> str | None:
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def resolve(self, found: Extraction) -> Extraction:
        """Give the article's actors the ids of the known ones they stand for, merge what then
        shares an id, and remember the article's actors for the next one."""
        renamed: dict[str, str] = {}
        for ent in found.entities:
            target = self.match(ent)
            if target and target != ent.id:
                renamed[ent.id] = target
        if renamed:
            _apply(found, renamed, self.known)
        for ent in found.entities:
            self.add(ent.id, ent.name, ent.kind, ent.aliases)
        return found


def _apply(found: Extraction, renamed: dict[str, str], known: dict[str, Known]) -> None:
    merged: dict[str, Entity] = {}
    for ent in found.entities:
        new_id = renamed.get(ent.id, ent.id)
        if new_id != ent.id:
            if ent.name not in ent.aliases and known[new_id].name != ent.name:
                ent.aliases.append(ent.name)
            ent.id, ent.name = new_id, known[new_id].name
        if new_id in merged:
            _merge(merged[new_id], ent)
        else:
            merged[new_id] = ent
    for ent in merged.values():
        ent.aliases = [a for a in dict.fromkeys(ent.aliases) if a != ent.name]
    found.entities = sorted(merged.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
    for ev in found.events:
        ev.actors = list(dict.fromkeys(renamed.get(a, a) for a in ev.actors))
    for q in found.quotes:
        if q.speaker in renamed:
            q.speaker = renamed[q.speaker]


def _merge(into: Entity, other: Entity) -> None:
    into.mentions = sorted(into.mentions + other.mentions, key=lambda m: m.start)
    into.aliases += [a for a in [other.name, *other.aliases] if a not in into.aliases]
    into.roles += [r for r in other.roles if r not in into.roles]
    into.acts = into.acts or other.acts


def actor_id(name: str, kind: str, forms: Iterable[str] = ()) -> str:
    """The id a new actor gets: organizations without their legal suffix (`apple` for Apple Inc.),
    and by their short name when the article uses it (`apple` for Apple Computer and Apple)."""
    if kind != "organization":
        return slugify(name)
    key = org_key(name, spelling=False)
    written = {org_key(f, spelling=False) for f in forms}
    short = [k for k in short_forms(key, national=False) if k in written and usable(k)]
    return slugify(short[-1] if short else key)
