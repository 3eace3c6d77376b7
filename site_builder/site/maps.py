"""Self-hosted maps: an SVG drawn at build time, no tiles, no script, no request anywhere.

A map shows country outlines with their names (geodata.py: Natural Earth, shipped with the
package), and the places as dots sized by mentions, each labelled where its name fits without
covering another. The view is fitted to where most of the places are; a place far from them is
marked at the edge, pointing its way, and named in the caption. A zoomed-in map has a locator
inset showing where it is. The projection is equirectangular, scaled by the cosine of the middle
latitude so shapes near the map's centre keep their proportions.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
import shapely.errors
import shapely.ops

from . import geodata
from .map_labels import Labels, text_width

WIDTH = 800
MIN_HEIGHT, MAX_HEIGHT = 320, 520
MIN_SPAN = 6.0  # degrees: a lone point still shows its surroundings
PAD = 0.15  # share of the span added around the points
CORE_SHARE = 0.8  # the view holds at least this share of the points' weight
GROWTH = 1.6  # a point beyond the core joins the view if the view grows by less than this
INSET_BELOW = 40.0  # degrees wide: a narrower view gets a locator inset
INSET_WIDTH = 170
INSET_SPAN = (100.0, 60.0)  # degrees shown by the inset, around the view
DIRECTIONS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


@dataclass(frozen=True)
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    href: str  # relative link from the page the map is on; empty: not linked
    primary: bool = False
    weight: float = 1.0  # mentions: the dot's size


@dataclass(frozen=True)
class Extent:
    west: float
    south: float
    east: float
    north: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians(max(-70.0, min(70.0, (self.north + self.south) / 2))))

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.west, self.south, self.east, self.north)


class Projection:
    def __init__(self, extent: Extent, width: float = WIDTH):
        self.e = extent
        self.width = width
        self.kx = extent.kx
        self.scale = width / ((extent.east - extent.west) * self.kx)
        self.height = round((extent.north - extent.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.e.west) * self.kx * self.scale, (self.e.north - lat) * self.scale)

    def xy_array(self, coords: np.ndarray) -> np.ndarray:
        """(n, 2) lon/lat -> (n, 2) pixels."""
        out = np.empty_like(coords)
        out[:, 0] = (coords[:, 0] - self.e.west) * (self.kx * self.scale)
        out[:, 1] = (self.e.north - coords[:, 1]) * self.scale
        return out


def _median(values: list[float], weights: list[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half, total = sum(weights) / 2, 0.0
    for value, weight in pairs:
        total += weight
        if total >= half:
            return value
    return pairs[-1][0]


def split_far(points: list[MapPoint]) -> tuple[list[MapPoint], list[MapPoint]]:
    """The points the view shows and the far ones it only points to: the view holds the
    CORE_SHARE of the weight nearest the weighted middle, the page's own place, and any other
    point that does not stretch it by more than GROWTH."""
    if len(points) <= 2:
        return list(points), []
    weights = [max(p.weight, 0.1) for p in points]
    clon = _median([p.lon for p in points], weights)
    clat = _median([p.lat for p in points], weights)
    k = math.cos(math.radians(clat))

    def distance(p: MapPoint) -> float:
        return math.hypot((p.lon - clon) * k, p.lat - clat)

    ranked = sorted(points, key=lambda p: (not p.primary, distance(p)))
    total, taken, core = sum(weights), 0.0, []
    for p in ranked:
        if taken >= CORE_SHARE * total and not p.primary:
            break
        core.append(p)
        taken += max(p.weight, 0.1)
    far = []
    for p in ranked[len(core) :]:
        before = _span(core)
        after = _span([*core, p])
        if after <= max(before * GROWTH, MIN_SPAN):
            core.append(p)
        else:
            far.append(p)
    return core, far


def _span(points: list[MapPoint]) -> float:
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    k = math.cos(math.radians(sum(lats) / len(lats)))
    return max((max(lons) - min(lons)) * k, max(lats) - min(lats))


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


def _path(geom, proj: Projection) -> str:
    """A polygon or multipolygon -> SVG path data in tenths of a pixel (the land group is scaled
    by 0.1): each ring an absolute move, then relative steps, with no repeated point."""
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type == "Polygon":
            rings.extend((poly.exterior, *poly.interiors))
        elif hasattr(poly, "geoms"):
            rings.extend(
                r for g in poly.geoms if g.geom_type == "Polygon" for r in (g.exterior, *g.interiors)
            )
    parts = []
    for ring in rings:
        coords = shapely.get_coordinates(ring)
        if len(coords) < 4:
            continue
        xy = np.rint(proj.xy_array(coords[:-1]) * 10).astype(np.int64)
        steps = np.diff(xy, axis=0)
        steps = steps[(steps != 0).any(axis=1)]
        if len(steps) < 2:
            continue
        parts.append(f"M{xy[0, 0]} {xy[0, 1]}l" + " ".join(map(str, steps.ravel().tolist())) + "z")
    return "".join(parts)


def _clip(shape, extent: Extent):
    """The part of an outline inside the view; GEOS's fast clip, else a plain intersection."""
    try:
        return shapely.clip_by_rect(shape, *extent.box)
    except shapely.errors.GEOSException:
        try:
            return shapely.make_valid(shape).intersection(shapely.box(*extent.box))
        except shapely.errors.GEOSException:
            return None


def _land(extent: Extent, proj: Projection, focus: geodata.Country | None, labels: Labels | None):
    """Country outlines clipped to the view; their names offered to `labels`, largest first."""
    level = geodata.level_for(extent.east - extent.west, proj.width)
    out, names = [], []
    for country in geodata.countries_in(extent.box):
        shape = geodata.geometry(country.index, level)
        if shape is None:
            continue
        clipped = _clip(shape, extent)
        if clipped is None or clipped.is_empty:
            continue
        d = _path(clipped, proj)
        if not d:
            continue
        cls = "bf-land bf-focus" if country is focus else "bf-land"
        out.append(f'<path class="{cls}" d="{d}"><title>{html.escape(country.name)}</title></path>')
        if labels is not None:
            names.append((clipped.area * proj.scale**2 * extent.kx, country, clipped))
    for area, country, clipped in sorted(names, key=lambda n: -n[0]):
        if country is focus:  # the page's own country is named by its point
            continue
        _name_country(country, clipped, area, proj, labels)
    return out


def _name_country(country, clipped, area: float, proj: Projection, labels: Labels) -> None:
    """A country's name at its label point, or inside what the view shows of it, when it fits."""
    size = 13 if area > 60000 else 11
    name = geodata.short_name(country)
    width = text_width(name, size, caps=True)
    if area < width * size * 3:
        return
    lon, lat = country.label or (0, 0)
    if not country.label or not (proj.e.west < lon < proj.e.east and proj.e.south < lat < proj.e.north):
        part = max(getattr(clipped, "geoms", [clipped]), key=lambda g: g.area)
        if part.geom_type != "Polygon":
            return
        point = shapely.ops.polylabel(part, tolerance=(proj.e.east - proj.e.west) / 200)
        lon, lat = point.x, point.y
    x, y = proj.xy(lon, lat)
    for dy in (0, size * 1.2, -size * 1.2):
        if labels.place_centred(x, y + dy, width, "bf-country-label", name, size):
            return


def _graticule(extent: Extent, proj: Projection) -> str:
    span = max(extent.east - extent.west, extent.north - extent.south)
    step = next((s for s in (1, 2, 5, 10, 15, 30) if span / s <= 8), 45)
    lines = []
    lon = math.ceil(extent.west / step) * step
    while lon <= extent.east:
        x, _ = proj.xy(lon, 0)
        lines.append(f"M{x:.1f},0V{proj.height}")
        lon += step
    lat = math.ceil(extent.south / step) * step
    while lat <= extent.north:
        _, y = proj.xy(0, lat)
        lines.append(f"M0,{y:.1f}H{proj.width:.0f}")
        lat += step
    return f'<path class="bf-graticule" d="{"".join(lines)}"/>' if lines else ""


def _radius(p: MapPoint, top: float, alone: bool) -> float:
    if alone:
        return 6.0
    r = 3.0 + 7.0 * math.sqrt(max(p.weight, 0.0) / top) if top > 0 else 4.0
    return max(r, 5.0) if p.primary else r


def _points(points: list[MapPoint], proj: Projection, labels: Labels) -> list[str]:
    """Dots (biggest drawn first, so small ones stay visible) and their labels (the page's own
    place first, then by weight), each label beside its dot where it covers nothing else."""
    top = max((p.weight for p in points), default=1.0)
    placed = []
    for p in points:
        x, y = proj.xy(p.lon, p.lat)
        r = _radius(p, top, len(points) == 1)
        labels.block(x - r, y - r, x + r, y + r)
        placed.append((p, x, y, r))
    text: dict[str, str] = {}
    for p, x, y, r in sorted(placed, key=lambda t: (not t[0].primary, -t[0].weight, t[0].name)):
        label = labels.place_beside(x, y, r, p.name, 12)
        if label:
            text[p.id] = label
    marks = []
    for p, x, y, r in sorted(placed, key=lambda t: (t[0].primary, -t[3])):
        name = html.escape(p.name)
        mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>{text.get(p.id, "")}<title>{name}</title>'
        cls = "bf-point bf-primary" if p.primary else "bf-point"
        if p.href:
            marks.append(f'<a xlink:href="{html.escape(p.href)}" class="{cls}">{mark}</a>')
        else:
            marks.append(f'<g class="{cls}">{mark}</g>')
    return marks


def _direction(dx: float, dy: float) -> str:
    angle = math.degrees(math.atan2(-dy, dx)) % 360
    return DIRECTIONS[int((angle + 22.5) // 45) % 8]


def _far_marks(far: list[MapPoint], proj: Projection, labels: Labels) -> tuple[list[str], list[str]]:
    """An arrow at the edge for each far place, pointing its way, and its name when it fits;
    and the caption's words for them ("Moscow (north-east)")."""
    cx, cy = proj.width / 2, proj.height / 2
    margin = 12.0
    marks, words = [], []
    for p in sorted(far, key=lambda p: -p.weight):
        px, py = proj.xy(p.lon, p.lat)
        dx, dy = px - cx, py - cy
        if not dx and not dy:
            continue
        t = min(
            (cx - margin) / abs(dx) if dx else math.inf,
            (cy - margin) / abs(dy) if dy else math.inf,
        )
        x, y = cx + dx * t, cy + dy * t
        angle = math.degrees(math.atan2(dy, dx))
        name = html.escape(p.name)
        arrow = f'<path d="M6,0L-5,-5L-5,5Z" transform="translate({x:.1f},{y:.1f}) rotate({angle:.0f})"/>'
        labels.block(x - 6, y - 6, x + 6, y + 6)
        label = labels.place_beside(x, y, 7, p.name, 12, inward_from=(cx, cy))
        mark = f"{arrow}{label or ''}<title>{name}: off the map to the {_direction(dx, dy)}</title>"
        if p.href:
            marks.append(f'<a xlink:href="{html.escape(p.href)}" class="bf-far">{mark}</a>')
        else:
            marks.append(f'<g class="bf-far">{mark}</g>')
        words.append(f"{name} ({_direction(dx, dy)})")
    return marks, words


def _snap(value: float, step: float) -> float:
    return round(value / step) * step


@lru_cache(maxsize=256)
def _inset_land(extent: Extent) -> tuple[str, int]:
    """The land of an inset's extent, drawn once per build for every map that shares it."""
    proj = Projection(extent, INSET_WIDTH)
    return f'<g transform="scale(.1)">{"".join(_land(extent, proj, None, None))}</g>', proj.height


def _inset(extent: Extent, proj: Projection, labels: Labels, avoid: tuple | None = None) -> str:
    """A small map of the wider region, the view marked on it, in the corner it covers least."""
    cx, cy = (extent.west + extent.east) / 2, (extent.south + extent.north) / 2
    half_x, half_y = INSET_SPAN[0] / 2, INSET_SPAN[1] / 2
    cx = min(max(_snap(cx, 10), -180 + half_x), 180 - half_x)
    cy = min(max(_snap(cy, 10), -85 + half_y), 85 - half_y)
    wide = Extent(cx - half_x, cy - half_y, cx + half_x, cy + half_y)
    land, height = _inset_land(wide)
    inset = Projection(wide, INSET_WIDTH)
    corners = [(8, proj.height - height - 8), (proj.width - INSET_WIDTH - 8, proj.height - height - 8)]
    corners += [(8, 8), (proj.width - INSET_WIDTH - 8, 8)]

    def cost(c: tuple[float, float]) -> float:
        box = (c[0], c[1], c[0] + INSET_WIDTH, c[1] + height)
        overlap = 0.0
        if avoid:  # the outline of the page's own country, drawn big
            w = min(box[2], avoid[2]) - max(box[0], avoid[0])
            h = min(box[3], avoid[3]) - max(box[1], avoid[1])
            overlap = max(w, 0) * max(h, 0) * 0.5
        return labels.covered(*box) + overlap

    x0, y0 = min(corners, key=cost)
    labels.block(x0, y0, x0 + INSET_WIDTH, y0 + height)
    (ax, ay), (bx, by) = inset.xy(extent.west, extent.north), inset.xy(extent.east, extent.south)
    w, h = max(bx - ax, 4.0), max(by - ay, 4.0)
    return (
        f'<g class="bf-inset" transform="translate({x0:.0f},{y0:.0f})">'
        f'<rect class="bf-inset-frame" width="{INSET_WIDTH}" height="{height}"/>{land}'
        f'<rect class="bf-inset-view" x="{ax:.1f}" y="{ay:.1f}" width="{w:.1f}" height="{h:.1f}"/></g>'
    )


def _focus(focus: tuple[str, str] | None) -> geodata.Country | None:
    if focus is None or focus[1] != "country":
        return None
    return geodata.country_named(focus[0])


@lru_cache(maxsize=4096)
def svg_map(
    points: tuple[MapPoint, ...], title: str, focus: tuple[str, str] | None = None, wide: bool = False
) -> str:
    """An inline SVG map of the points, fitted to most of them; `focus` (name, kind), a country,
    is outlined and its whole outline kept in view.

    Cached: `briefing serve` redraws only the maps whose places changed. One line of markup with
    no blank lines, so Markdown passes it through as a raw HTML block. Points link with
    `xlink:href`: Material's instant navigation rewrites every `[href]` element's `href` property,
    which an SVG `<a>` does not allow (a console error on every page with a map).
    """
    country = _focus(focus)
    bounds = country.bounds if country is not None else None
    if bounds and bounds[2] - bounds[0] > 60:  # far-flung territories: fit the points instead
        bounds = None
    if not points and bounds is None:
        return ""
    core, far = split_far(list(points))
    extent = fit(core, bounds) if core else fit([], bounds)
    proj = Projection(extent)
    labels = Labels(proj.width, proj.height)
    marks = _points(core, proj, labels)
    far_marks, far_words = _far_marks(far, proj, labels)
    avoid = None
    if country is not None:
        (ax, ay), (bx, by) = (
            proj.xy(country.bounds[0], country.bounds[3]),
            proj.xy(country.bounds[2], country.bounds[1]),
        )
        avoid = (ax, ay, bx, by)
    inset = _inset(extent, proj, labels, avoid) if extent.east - extent.west < INSET_BELOW else ""
    land = _land(extent, proj, country, labels)
    parts = [
        f'<svg class="bf-map-svg" width="{WIDTH}" height="{proj.height}" viewBox="0 0 {WIDTH} {proj.height}" '
        'role="img" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'preserveAspectRatio="xMidYMid meet">',
        f"<title>{html.escape(title)}</title>",
        f'<rect class="bf-sea" width="{WIDTH}" height="{proj.height}"/>',
        f'<g transform="scale(.1)">{"".join(land)}</g>',
        _graticule(extent, proj),
        labels.markup(),
        *marks,
        *far_marks,
        inset,
        "</svg>",
    ]
    caption = f"<figcaption>Off the map: {', '.join(far_words)}.</figcaption>" if far_words else ""
    cls = "bf-map bf-map-wide" if wide else "bf-map"
    return f'<figure class="{cls}" data-search-exclude>{"".join(parts)}{caption}</figure>'
