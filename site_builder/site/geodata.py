"""Country outlines for the maps, read from the data file shipped with the package.

data/countries.json.gz is built once by scripts/build_map_data.py from Natural Earth (public
domain). Borders are shared arcs, simplified once per detail level for the whole build, so two
neighbours always meet on the same line however coarse the map.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import shapely
import shapely.affinity

DATA = "data/countries.json.gz"
LEVELS = (0.008, 0.03, 0.1, 0.3, 0.8)  # simplification tolerances, degrees: one per map scale


@dataclass(frozen=True)
class Country:
    index: int
    name: str
    iso: str
    short: str  # the shortest common name
    names: tuple[str, ...]  # its ISO 3166 names
    label: tuple[float, float] | None  # lon, lat: where a map writes the name
    polygons: tuple  # rings of arc references, as in the data file
    bounds: tuple[float, float, float, float]


@lru_cache(maxsize=1)
def _data() -> tuple[list[np.ndarray], tuple[Country, ...]]:
    """Arcs as (n, 2) arrays of lon/lat and the countries; empty when the file is missing."""
    try:
        raw = (resources.files("site_builder.site") / DATA).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return [], ()
    data = json.loads(gzip.decompress(raw))
    quant = data["quant"]
    arcs = [np.cumsum(np.asarray(a, dtype=np.float64).reshape(-1, 2), axis=0) * quant for a in data["arcs"]]
    countries = []
    for i, c in enumerate(data["countries"]):
        refs = [r for polygon in c["polygons"] for ring in polygon for r in ring]
        points = np.concatenate([arcs[r if r >= 0 else ~r] for r in refs]) if refs else np.zeros((1, 2))
        lo, hi = points.min(axis=0), points.max(axis=0)
        label = tuple(c["label"]) if c.get("label") else None
        polygons = tuple(tuple(tuple(ring) for ring in polygon) for polygon in c["polygons"])
        names = tuple(c.get("names") or ())
        country = Country(
            i, c["name"], c.get("iso", ""), c.get("short") or c["name"], names, label, polygons, (*lo, *hi)
        )
        countries.append(country)
    return arcs, tuple(countries)


def countries() -> tuple[Country, ...]:
    return _data()[1]


@cache
def _arcs_at(level: float) -> list[np.ndarray]:
    """Every arc simplified to `level` degrees, ends kept (other arcs meet there): once per build."""
    arcs = _data()[0]
    parts = [a if len(a) > 1 else np.vstack([a, a]) for a in arcs]
    index = np.repeat(np.arange(len(parts)), [len(a) for a in parts])
    lines = shapely.linestrings(np.concatenate(parts), indices=index)
    simple = shapely.simplify(lines, level, preserve_topology=False)
    out = []
    for original, line in zip(arcs, simple, strict=True):
        coords = shapely.get_coordinates(line)
        if len(coords) < 2:
            coords = original[[0, -1]]
        else:
            coords[0], coords[-1] = original[0], original[-1]
        out.append(coords)
    return out


def _ring(refs: tuple[int, ...], arcs: list[np.ndarray]) -> np.ndarray:
    parts = [arcs[r] if r >= 0 else arcs[~r][::-1] for r in refs]
    return np.concatenate([parts[0], *(p[1:] for p in parts[1:])]) if parts else np.zeros((0, 2))


def _split_at_antimeridian(shell: np.ndarray, holes: list[np.ndarray]) -> list:
    """A ring that crosses 180° (Russia's Chukotka, Fiji) jumps from east to west; unwrapped
    into one continuous ring, its two sides are cut apart and put back on either edge."""

    def unwrap(ring: np.ndarray) -> np.ndarray:
        out = ring.copy()
        out[out[:, 0] < 0, 0] += 360
        return out

    whole = shapely.Polygon(unwrap(shell), [unwrap(h) for h in holes])
    if not whole.is_valid:
        whole = shapely.make_valid(whole)
    east = whole.intersection(shapely.box(-180, -90, 180, 90))
    west = shapely.affinity.translate(whole.intersection(shapely.box(180, -90, 540, 90)), xoff=-360)
    return [g for part in (east, west) for g in shapely.get_parts(part) if g.geom_type == "Polygon"]


@lru_cache(maxsize=4096)
def geometry(index: int, level: float):
    """A country's outline at a detail level, as a shapely geometry (lon/lat), or None when it
    is too small to show at that level. Cached: many maps of a build share their neighbours."""
    arcs = _arcs_at(level)
    polygons = []
    for rings in countries()[index].polygons:
        shell = _ring(rings[0], arcs)
        if len(shell) < 4:
            continue
        holes = [h for h in (_ring(r, arcs) for r in rings[1:]) if len(h) >= 4]
        if np.abs(np.diff(shell[:, 0])).max() > 180:
            polygons.extend(_split_at_antimeridian(shell, holes))
        else:
            polygons.append(shapely.Polygon(shell, holes))
    if not polygons:
        return None
    # not made valid: a simplified border may cross itself, which the map's fill draws as it is,
    # and repairing every outline cost more than all the drawing (maps.clip repairs on failure)
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


@lru_cache(maxsize=1)
def _boxes() -> np.ndarray:
    return np.array([c.bounds for c in countries()]) if countries() else np.zeros((0, 4))


def countries_in(view: tuple[float, float, float, float]) -> list[Country]:
    """The countries whose bounding box meets the view (west, south, east, north)."""
    boxes = _boxes()
    if not len(boxes):
        return []
    w, s, e, n = view
    hit = (boxes[:, 0] <= e) & (boxes[:, 2] >= w) & (boxes[:, 1] <= n) & (boxes[:, 3] >= s)
    items = countries()
    return [items[i] for i in np.flatnonzero(hit)]


def short_name(country: Country) -> str:
    """The name a map writes: "United States" rather than "United States of America"."""
    return country.short


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for c in countries():
        for name in (c.name, c.short, *c.names):
            out.setdefault(name.casefold(), c)
    return out


def country_named(name: str) -> Country | None:
    """The country a place of kind `country` names, by Natural Earth's name or an ISO 3166 one."""
    return _by_name().get(name.casefold())


def level_for(span: float, width: int) -> float:
    """The coarsest level that still puts a vertex every two pixels or so."""
    wanted = span / width * 1.5
    fitting = [lv for lv in LEVELS if lv <= wanted]
    return max(fitting) if fitting else LEVELS[0]
