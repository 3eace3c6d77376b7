"""The site's maps, drawn from the shipped Natural Earth outlines: where points and names go."""

from __future__ import annotations

import re

from site_builder.site import geodata, maps
from site_builder.site.map_labels import ASCENT, DESCENT, text_width

P = maps.MapPoint


def _circles(svg: str) -> dict[str, tuple[float, float, float]]:
    found = re.findall(r'<a xlink:href="([^"]+)"[^>]*><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    return {h: (float(x), float(y), float(r)) for h, x, y, r in found}


def _labels(svg: str) -> list[tuple[float, float, str, str]]:
    """Every <text>: x, y, anchor, text."""
    return [
        (float(x), float(y), a, t)
        for x, y, a, t in re.findall(
            r'<text[^>]*? x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)"[^>]*>([^<]+)<', svg
        )
    ]


def test_the_outlines_ship_with_the_package_and_name_countries():
    names = {c.name for c in geodata.countries()}
    assert len(names) > 200 and {"Afghanistan", "Tajikistan", "Brazil"} <= names
    assert geodata.country_named("United States") is geodata.country_named("United States of America")
    assert geodata.short_name(geodata.country_named("United States")) == "United States"


def test_points_go_by_longitude_and_latitude():
    west = P("a", "West", 35.0, 60.0, "a/")
    east = P("b", "East", 40.0, 75.0, "b/", primary=True)
    svg = maps.svg_map((west, east), title="t")
    pos = _circles(svg)
    assert pos["b/"][0] > pos["a/"][0] and pos["b/"][1] < pos["a/"][1]  # east is right, north is up
    assert "\n\n" not in svg  # one raw HTML block for Markdown
    assert 'class="bf-land' in svg


def test_a_country_map_outlines_the_country_and_names_its_neighbours():
    afghanistan = P("afghanistan", "Afghanistan", 33.9, 67.7, "afghanistan/", primary=True, weight=7)
    kabul = P("kabul", "Kabul", 34.53, 69.17, "kabul/", weight=3)
    svg = maps.svg_map((afghanistan, kabul), title="t", focus=("Afghanistan", "country"))
    assert re.search(r'class="bf-land bf-focus" d="M[^"]+"><title>Afghanistan</title>', svg)
    names = [t for *_, t in _labels(svg)]
    assert names.count("Afghanistan") == 1  # named by its point, not twice
    assert "Kabul" in names and {"Pakistan", "Tajikistan", "Iran"} <= set(names)
    assert "bf-inset" in svg  # a zoomed-in map shows where it is


def test_dots_grow_with_mentions():
    svg = maps.svg_map(
        (P("a", "Often", 10.0, 10.0, "a/", weight=40), P("b", "Once", 12.0, 14.0, "b/", weight=1)), title="t"
    )
    pos = _circles(svg)
    assert pos["a/"][2] > 2 * pos["b/"][2]


def test_a_far_point_does_not_shrink_the_cluster_it_is_marked_at_the_edge():
    cluster = [P(f"c{i}", f"Town {i}", 34.0 + i * 0.3, 66.0 + i * 0.4, f"c{i}/", weight=3) for i in range(8)]
    moscow = P("moscow", "Moscow", 55.75, 37.62, "moscow/", weight=1)
    svg = maps.svg_map((*cluster, moscow), title="t")
    pos = _circles(svg)
    assert "moscow/" not in pos and len(pos) == 8
    xs = [x for x, _, _ in pos.values()]
    assert max(xs) - min(xs) > 250  # the cluster fills the map, not a corner of it
    assert 'class="bf-far"' in svg and "<figcaption>Off the map: Moscow (north-west).</figcaption>" in svg


def test_labels_never_overlap_and_stay_inside_the_map():
    crowd = tuple(
        P(f"p{i}", f"Place number {i}", 30 + (i % 7) * 0.4, 60 + (i // 7) * 0.5, f"p{i}/", weight=1 + i % 5)
        for i in range(60)
    )
    svg = maps.svg_map(crowd, title="t")
    height = float(re.search(r'viewBox="0 0 800 ([\d.]+)"', svg).group(1))
    boxes = []
    for x, y, anchor, text in _labels(svg):
        caps = "bf-country-label" in svg[svg.find(f">{text}<") - 200 : svg.find(f">{text}<")]
        size = float(re.search(rf'font-size="(\d+)"[^>]*>{re.escape(text)}<', svg).group(1)) if caps else 12
        w = text_width(text, size, caps=caps)
        left = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
        boxes.append((left, y - ASCENT * size, left + w, y + DESCENT * size))
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 800 and a[1] >= 0 and a[3] <= height
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5)
    assert len(boxes) < 60 + 20  # some names did not fit and were left out, not piled up


def test_a_country_across_the_antimeridian_is_drawn_on_both_edges_without_a_bar_across_the_world():
    svg = maps.svg_map((P("a", "Oslo", 59.9, 10.7, "a/"), P("b", "Lima", -12.0, -77.0, "b/")), title="t")
    russia = re.search(r'd="([^"]+)"><title>Russia</title>', svg).group(1)
    steps = [int(n) for ring in re.findall(r"l([^z]+)z", russia) for n in ring.split()[0::2]]
    assert steps and max(abs(s) for s in steps) < 4000  # no step across half the map (tenths of a px)
