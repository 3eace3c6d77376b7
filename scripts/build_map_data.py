"""Build the country outlines the site's maps draw: site_builder/site/data/countries.json.gz.

Run once when the source changes (`make map-data`, which installs the npm package `world-atlas`
into .briefing/npm and runs this script); the result is committed and shipped as package data,
so nothing here runs when briefing builds a site.

Source: Natural Earth 1:10m admin-0 countries (public domain, naturalearthdata.com), as TopoJSON
in the npm package world-atlas 2.0.2 (ISC licence, by Mike Bostock). TopoJSON keeps each border
once, as an arc shared by the two countries on either side, so a border simplified here or at
build time stays one line: neighbours never gap or overlap.

What is written, as compact JSON (gzip):
- `arcs`: every arc simplified (Douglas-Peucker) to SIMPLIFY degrees, about a pixel on
  the most zoomed-in map the site draws, as delta-encoded integers on a QUANT grid;
- `countries`: name (Natural Earth's), the shortest common name a map writes ("United States"),
  its ISO 3166 names and alpha-2 code (pycountry, from the numeric id),
  a label point inside the country (the pole of inaccessibility of its largest part, where a map
  writes its name) and its polygons as lists of rings of arc references (~i: arc i reversed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import pycountry
from shapely import LineString, Polygon
from shapely.ops import polylabel

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / ".briefing" / "npm" / "node_modules" / "world-atlas" / "countries-10m.json"
OUT = REPO / "site_builder" / "site" / "data" / "countries.json.gz"
SIMPLIFY = 0.008  # degrees
QUANT = 1e-3  # degrees per stored unit: 1 unit is about 110 m


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs -> lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker with both ends kept (they are nodes other arcs meet at)."""
    if len(points) <= 2:
        return points
    line = LineString(points).simplify(SIMPLIFY, preserve_topology=False)
    coords = list(line.coords) if not line.is_empty else [points[0], points[-1]]
    if len(coords) < 2:
        coords = [points[0], points[-1]]
    coords[0], coords[-1] = points[0], points[-1]
    return coords


def encode(points: list[tuple[float, float]]) -> list[int]:
    """(lon, lat) pairs -> flat delta-encoded integers; consecutive duplicates dropped."""
    out: list[int] = []
    px = py = 0
    last = None
    for lon, lat in points:
        x, y = round(lon / QUANT), round(lat / QUANT)
        if (x, y) == last:
            continue
        out += [x - px, y - py]
        px, py, last = x, y, (x, y)
    if len(out) == 2:  # an arc that collapsed to one point still joins its ring
        out += [0, 0]
    return out


def ring_coords(refs: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for ref in refs:
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        coords.extend(points if not coords else points[1:])
    return coords


def label_point(polygons: list, arcs: list) -> tuple[float, float] | None:
    """Where the name goes: inside the largest part, far from its edges."""
    best = None
    for rings in polygons:
        shell = ring_coords(rings[0], arcs)
        if len(shell) < 4:
            continue
        poly = Polygon(shell, [ring_coords(r, arcs) for r in rings[1:] if len(r)]).buffer(0)
        if best is None or poly.area > best.area:
            best = poly
    if best is None or best.is_empty:
        return None
    if best.geom_type == "MultiPolygon":
        best = max(best.geoms, key=lambda g: g.area)
    point = polylabel(best, tolerance=0.05)
    return round(point.x, 2), round(point.y, 2)


def build(source: Path) -> dict:
    topo = json.loads(source.read_text(encoding="utf-8"))
    full = decode_arcs(topo)
    simple = [simplify(a) for a in full]
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        known = (
            pycountry.countries.get(numeric=str(geom.get("id") or "").zfill(3)) if geom.get("id") else None
        )
        name = geom["properties"]["name"]
        others = [getattr(known, k, "") for k in ("name", "common_name", "official_name")] if known else []
        countries.append(
            {
                "name": name,
                "short": min((n for n in [name, *others[:2]] if n and "," not in n), key=len),
                "names": sorted({n for n in others if n and n != name}),
                "iso": known.alpha_2 if known else "",
                "label": label_point(polygons, full),
                "polygons": polygons,
            }
        )
    return {
        "source": "Natural Earth 1:10m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC)",
        "quant": QUANT,
        "arcs": [encode(a) for a in simple],
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=SOURCE, help="world-atlas countries-10m.json")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(
            f"{args.source}: not found; run `make map-data` (installs world-atlas with npm)", file=sys.stderr
        )
        return 1
    data = build(args.source)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    points = sum(len(a) // 2 for a in data["arcs"])
    print(f"{OUT}: {len(data['countries'])} countries, {points} points, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
