"""Which place an article means by a name: the gazetteer's readings, weighed with the article's evidence.

A name such as `Birmingham`, `Georgia` or `Windsor` has several readings. Each gets a score:

- its prior: how many people live there (a capital counts ten times), and its kind (a country
  is what a bare country name means; a district or a sea needs more);
- an explicit container written after it (`Wayne, Michigan`, `Windsor, Ontario`): decisive;
- the article's other evidence: the countries and provinces its other place names, nationality
  words ("Irish", "Kenyan") and organisation names ("Pennsylvania Department of Agriculture")
  point to, the dateline included;
- the words around it: `Kunduz, Takhar and Badakhshan provinces` asks for provinces, a list of
  states for a state.

A country's name means the country unless the article places a state of that name among its
other states (`Georgia` beside Texas): a town that also goes by it (Mexico City, Brazil, Indiana)
needs its container or province. A small town (under MIN_UNSUPPORTED people) is taken only with
evidence for its country or province, and a reading far lighter than the name's best known one
(Paris, Texas against Paris) only with its container: a wrong point on the map is worse than none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import places
from .places import Place

CONTAINER = re.compile(r",\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})")
LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z]|and\s|or\s)")
LIST_BEFORE = re.compile(r",\s*$")
KIND_PRIOR = {"country": 1.5, "region": 0.0, "city": 0.3, "place": -0.5}
COUNTRY_EVIDENCE = 2.5
PROVINCE_EVIDENCE = 1.5
CONTAINER_BONUS = 100.0
HINT_BONUS = 3.0
MIN_UNSUPPORTED = 15_000  # people: a smaller town needs its country or province named in the article
DOMINANCE = 100.0  # a reading this many times lighter than the name's heaviest needs its container
CONFIDENT_RATIO = 5.0  # a reading this many times heavier than the next counts as evidence


@dataclass
class Evidence:
    """Countries and provinces the article points to, by which names point there."""

    countries: dict[str, set[str]] = field(default_factory=dict)  # ISO code -> the names that say so
    provinces: dict[int, set[str]] = field(default_factory=dict)  # admin1 row -> the names that say so

    def add(self, place: Place, source: str) -> None:
        if place.cc:
            self.countries.setdefault(place.cc, set()).add(source)
        if place.kind == "region" and place.cc and place.index >= 0:
            self.provinces.setdefault(place.index, set()).add(source)
        if place.admin1 >= 0:
            self.provinces.setdefault(place.admin1, set()).add(source)

    def country(self, cc: str, besides: str) -> int:
        return len(self.countries.get(cc, set()) - {besides})

    def province(self, row: int, besides: str) -> int:
        return len(self.provinces.get(row, set()) - {besides}) if row >= 0 else 0


def confident(name: str) -> Place | None:
    """The reading of a name that needs no context: a country, or one that far outweighs the rest."""
    found = [p for p in places.candidates(name) if p.weight >= MIN_UNSUPPORTED or p.kind == "region"]
    if not found:
        return None
    if found[0].kind == "country":
        return found[0]
    if len(found) == 1 or found[0].weight >= CONFIDENT_RATIO * found[1].weight:
        return found[0]
    return None


def gather(names: list[str], demonyms: list[str], org_words: list[str]) -> Evidence:
    """Evidence from the place names met in the article, its nationality words and the place
    names inside its organisations' names."""
    ev = Evidence()
    for name in dict.fromkeys(names):
        place = confident(name)
        if place is not None:
            ev.add(place, places.norm(name))
    for word in demonyms:
        cc = places.demonym_country(word)
        if cc:
            ev.countries.setdefault(cc, set()).add("demonym:" + word.casefold())
    for word in org_words:
        place = confident(word)
        if place is not None and place.kind in ("country", "region"):
            ev.add(place, "org:" + places.norm(word))
    return ev


def container_of(text: str, start: int, end: int) -> list[Place]:
    """`Wayne, Michigan`: the readings of the name written after a comma right after a place."""
    m = CONTAINER.match(text, end)
    if not m or LIST_GOES_ON.match(text, m.end()) or LIST_BEFORE.search(text, max(0, start - 4), start):
        return []  # `China, Japan, and the United Kingdom`: a list, not a place and its container
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        found = [
            p for p in places.candidates(" ".join(words[:n])) if p.kind in ("country", "region", "place")
        ]
        if found:
            return found
    return []


def inside(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.cc == container.cc and place.kind != "country"
    return container.index in (place.admin1, place.admin2) or place.within == container.id


def score(p: Place, name: str, ev: Evidence, hint: str | None, containers: list[Place]) -> float:
    s = math.log10(max(p.weight, 10.0)) + KIND_PRIOR[p.kind]
    if any(inside(p, c) for c in containers):
        s += CONTAINER_BONUS
    key = places.norm(name)
    if p.cc and ev.country(p.cc, key):
        s += COUNTRY_EVIDENCE
    if p.kind != "country" and (ev.province(p.admin1, key) or ev.province(p.index, key)):
        s += PROVINCE_EVIDENCE
    if hint and p.kind == hint:
        s += HINT_BONUS
    return s


def supported(p: Place, name: str, ev: Evidence, containers: list[Place], heaviest: float = 0.0) -> bool:
    """Enough evidence for this reading: a small town needs its country or province in the article;
    a reading far lighter than the name's best known one (Paris, Texas) needs its container."""
    if any(inside(p, c) for c in containers):
        return True
    if heaviest > DOMINANCE * max(p.weight, 1.0):
        return False
    if p.kind in ("country", "region") or p.weight >= MIN_UNSUPPORTED:
        return True
    key = places.norm(name)
    return (
        any(inside(p, c) for c in containers)
        or bool(p.cc and ev.country(p.cc, key))
        or bool(ev.province(p.admin1, key))
    )


def choose(
    name: str, ev: Evidence, hint: str | None = None, text: str = "", start: int = -1, end: int = -1
) -> Place | None:
    """The reading of `name` this article means, or None when no reading is supported."""
    found = places.candidates(name)
    if not found:
        return None
    containers = container_of(text, start, end) if text and end >= 0 else []
    key = places.norm(name)

    def ranked(readings: list[Place]) -> list[Place]:
        return [p for _, _, p in sorted(((score(p, name, ev, hint, containers), -k, p)
                                         for k, p in enumerate(readings)), reverse=True)]  # fmt: skip

    countries = [p for p in found if p.kind == "country"]
    if countries:
        country = ranked(countries)[0]
        rivals = [
            p
            for p in found
            if p.kind != "country" and places.norm(p.name) == key and _evidenced(p, key, ev, containers, hint)
        ]
        if not rivals or ev.country(country.cc, key):
            return country  # `Mexico` the country, not the city that also goes by it
        found = rivals  # `Georgia` in an article about American states
    heaviest = max(p.weight for p in found)
    for p in ranked(found):
        if supported(p, name, ev, containers, heaviest):
            return p
    return None


def _evidenced(p: Place, key: str, ev: Evidence, containers: list[Place], hint: str | None) -> bool:
    """A reading that can take a country's name from it: a state the article's other names place
    it among (`Georgia` beside Texas), or a town its container or province names
    (`Brazil, Indiana`); a town in a country the article mentions is not enough."""
    if any(inside(p, c) for c in containers) or ev.province(p.admin1, key):
        return True
    return p.kind == "region" and (bool(p.cc and ev.country(p.cc, key)) or hint == "region")
