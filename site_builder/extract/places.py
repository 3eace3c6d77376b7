"""The place gazetteer: countries, continents, world regions, provinces, counties and towns.

Shipped as package data (`data/gazetteer.json.gz`, built by `scripts/build_gazetteer.py` from
GeoNames-based packages; sources and licences in the README). The file is columnar: names and ids
are newline-joined strings and numbers are packed arrays, so loading it costs one decompression,
a few splits and no parse per place. Matching is exact on normalised names, never fuzzy: a name
that is not in the index is not placed anywhere.

Which reading of an ambiguous name an article means is decided in `toponyms.py`; this module only
answers what the gazetteer holds. Ids: the most prominent reading of a name gets the bare slug
(`kabul` the capital, `kunduz` the province); others get a suffix (`kunduz-city`, `paris-city`).
"""

from __future__ import annotations

import base64
import bisect
import gzip
import json
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Entity

DATA = "gazetteer.json.gz"
NO_POINT = 999.0
NOTABLE = 15_000  # people
KINDS = {"c": "country", "r": "region", "t": "city", "p": "place"}

# Words that name an admin area somewhere but, alone in English text, are directions or nouns.
NOT_PLACE_NAMES = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "centre",
    "center", "capital", "north east", "north west", "south east", "south west", "northeast",
    "northwest", "southeast", "southwest", "mainland", "interior", "coast", "union", "independence",
    "liberty", "victory", "progress", "federal", "lakes", "national", "american", "island", "islands",
    "region", "river", "state", "city", "county", "province", "district", "act", "valley", "bay", "park",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # country | region | city | place
    cc: str  # ISO 3166 code of its country, "" for continents, seas and world regions
    within: str | None
    lat: float | None
    lon: float | None
    weight: float  # people living there (a capital counts ten times): the prior of a reading
    index: int = -1
    admin1: int = -1  # row of its province or state (a city's `within` when that has another name)
    admin2: int = -1  # row of its county or district

    def entity(self) -> Entity:
        return Entity(self.id, self.name, self.kind, within=self.within, lat=self.lat, lon=self.lon)


class Gazetteer:
    """The shipped table, read once per process."""

    def __init__(self, data: dict):
        self.ids = data["id"].split("\n")
        self.names = data["name"].split("\n")
        self.kinds = data["kind"]
        self.ccs = data["cc"]
        self.within = _column("i", data["within"])
        self.admin1 = _column("i", data["admin1"])
        self.admin2 = _column("i", data["admin2"])
        self.lat = _column("f", data["lat"])
        self.lon = _column("f", data["lon"])
        self.pop = _column("d", data["pop"])
        self.keys = data["keys"].split("\n")  # sorted: looked up by bisection
        self.rows = data["places"].split("\n")
        self.demonyms: dict[str, str] = data["demonyms"]
        self.abbreviations = set(data["abbreviations"])
        self.country_row: dict[str, int] = data["countries"]
        self.sources: dict[str, str] = data["sources"]
        self._row_of_id: dict[str, int] | None = None

    def place(self, i: int) -> Place:
        within = self.within[i]
        lat, lon = self.lat[i], self.lon[i]
        cc = self.ccs[2 * i : 2 * i + 2]
        kind = KINDS[self.kinds[i]]
        return Place(
            self.ids[i],
            self.names[i],
            kind,
            "" if cc == "--" else cc,
            self.ids[within] if within >= 0 else None,
            None if lat == NO_POINT else round(lat, 3),
            None if lon == NO_POINT else round(lon, 3),
            self.pop[i],
            i,
            self.admin1[i],
            self.admin2[i],
        )

    def rows_named(self, key: str) -> list[int]:
        k = bisect.bisect_left(self.keys, key)
        if k < len(self.keys) and self.keys[k] == key:
            return [int(x) for x in self.rows[k].split(",")]
        return []

    def row_of_id(self, place_id: str) -> int | None:
        if self._row_of_id is None:
            self._row_of_id = {pid: i for i, pid in enumerate(self.ids)}
        return self._row_of_id.get(place_id)


def _column(code: str, packed: str) -> array:
    arr = array(code)
    arr.frombytes(base64.b64decode(packed))
    if sys.byteorder != "little":
        arr.byteswap()
    return arr


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    raw = resources.files(__package__).joinpath("data", DATA).read_bytes()
    return Gazetteer(json.loads(gzip.decompress(raw)))


def norm(name: str) -> str:
    """Casefolded, accent-free, quote-normalised name: the key of every lookup."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'").replace("`", "'")).strip(" .,;:")
    return name.casefold()


@lru_cache(maxsize=8192)
def _candidates(key: str) -> tuple[Place, ...]:
    if key in NOT_PLACE_NAMES:
        return ()
    gaz = gazetteer()
    return tuple(gaz.place(i) for i in gaz.rows_named(key))


def candidates(name: str) -> list[Place]:
    """Every reading of a name, heaviest first."""
    return list(_candidates(norm(name)))


def notable(name: str) -> list[Place]:
    """The readings a reader would think of without context: countries, provinces and states,
    continents, and towns or areas of NOTABLE people or more. A rule that asks "is this word a
    place name?" asks this, so that a village somewhere does not make a surname a place."""
    return [p for p in _candidates(norm(name)) if p.kind in ("country", "region") or p.weight >= NOTABLE]


def is_abbreviation(name: str) -> bool:
    """`Ind.`, `W.Va.`: a state's abbreviation, a place only where the text makes it one."""
    return norm(name) in gazetteer().abbreviations


def best(name: str, countries: set[str] | frozenset = frozenset(), kind: str | None = None) -> Place | None:
    """The reading of `name` with no more context than the ids of the article's countries: a
    country first, then one inside a country of the article, then the heaviest."""
    found = candidates(name)
    if kind:
        found = [p for p in found if p.kind == kind] or found
    if not found:
        return None
    for p in found:
        if p.kind == "country":
            return p
    local = [p for p in found if country_id(p.cc) in countries]
    return (local or found)[0]


def lookup(
    name: str, countries: set[str] | frozenset = frozenset(), kind: str | None = None
) -> Entity | None:
    """An Entity template (id, name, kind, within, lat, lon) for a place name, or None if unknown."""
    place = best(name, countries, kind)
    return place.entity() if place else None


def place(place_id: str) -> Place | None:
    gaz = gazetteer()
    i = gaz.row_of_id(place_id)
    return gaz.place(i) if i is not None else None


def get(place_id: str) -> Entity | None:
    """The gazetteer's place for an id: name, kind, within, lat, lon (for breadcrumbs and maps)."""
    found = place(place_id)
    return found.entity() if found else None


def row(i: int) -> Place | None:
    return gazetteer().place(i) if i >= 0 else None


def country_id(cc: str) -> str | None:
    """`AF` -> `afghanistan`."""
    gaz = gazetteer()
    i = gaz.country_row.get(cc)
    return gaz.ids[i] if i is not None else None


def is_demonym(word: str) -> bool:
    """A nationality or group word ("Afghan", "Tajiks", "Pakistani"): not an actor, not a place."""
    return norm(word) in gazetteer().demonyms


def demonym_country(word: str) -> str | None:
    """`Irish` -> `IE`; None for a group that is no nation's (`Kurdish`) or no demonym at all."""
    return gazetteer().demonyms.get(norm(word)) or None
