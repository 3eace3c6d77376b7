"""A synthetic briefing of N briefs, written as SPEC.md's brief files: for tests at real size.

Actors and places recur with a Zipf-like skew, as in a news collection (a few in most briefs, most
in one or two); places are real (the shipped gazetteer, with coordinates), so maps have a real spread;
events spread over four years, a few expected after their brief. No spaCy, no network: a
thousand briefs are written in a second or two.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from site_builder.slugs import slugify

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SYLLABLES = "ka ri mo sa le na to vi da ne ro mi lu ba fe go ha ji ko pa qu se ti vo ze".split()
ORG_WORDS = "Council Authority Union Front Alliance Agency Ministry Bank Party Institute Company".split()
TOPICS = "Water Grain Energy Health Transport Labour Trade Mining Rail Press Relief Housing".split()
VERBS = "met signed announced rejected opened closed visited warned praised blocked funded".split()
OBJECTS = "an agreement, the border crossing, a new plan, the talks, a report, the budget, aid".split(", ")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _zipf(rng: random.Random, size: int) -> int:
    return min(size - 1, int(size * rng.random() ** 2.4))


def _actors(rng: random.Random, n: int) -> list[dict]:
    out, seen = [], set()
    while len(out) < n:
        if len(out) % 3 == 2:
            name = f"{rng.choice(TOPICS)} {rng.choice(ORG_WORDS)} of {_word(rng, 2)}"
            kind = "organization"
        else:
            name = f"{_word(rng, 2)} {_word(rng, 3)}"
            kind = "person"
        if name not in seen:
            seen.add(name)
            out.append({"id": slugify(name), "name": name, "kind": kind})
    return out


def _places(n: int) -> list[dict]:
    """The n most populous towns of the gazetteer the package ships, one per name."""
    from site_builder.extract.places import country_id, gazetteer

    gaz = gazetteer()
    out, seen = [], set()
    for i in sorted((i for i in range(len(gaz.ids)) if gaz.kinds[i] == "t"), key=lambda i: -gaz.pop[i]):
        town = gaz.place(i)
        country = country_id(town.cc) if town.cc else None
        if town.name in seen or not town.name.isascii() or town.lat is None or not country:
            continue
        seen.add(town.name)
        place = {"id": town.id, "name": town.name, "kind": "city", "lat": town.lat, "lon": town.lon}
        place["within"] = country
        out.append(place)
        if len(out) == n:
            break
    return out


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """n brief files in folder; returns their paths."""
    rng = random.Random(seed)
    actors = _actors(rng, max(60, n // 2))
    places = _places(max(40, n // 4))
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2019, 1, 1)
    paths = []
    for i in range(n):
        date = start + dt.timedelta(days=(i * 1461) // n)
        who = [actors[_zipf(rng, len(actors))] for _ in range(rng.randint(2, 6))]
        where = [places[_zipf(rng, len(places))] for _ in range(rng.randint(1, 4))]
        who = list({a["id"]: a for a in who}.values())
        where = list({p["id"]: p for p in where}.values())
        events = []
        for _ in range(rng.randint(3, 9)):
            a, p = rng.choice(who), rng.choice(where)
            shift = rng.randint(-40, 5)
            when = date + dt.timedelta(days=shift)
            status = "expected" if shift > 0 else "happened"
            value = when.isoformat() if rng.random() < 0.8 else when.isoformat()[:7]
            text = f"{a['name']} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {p['name']}."
            if status == "expected":
                text = f"{a['name']} is to visit {p['name']}."
            events.append(
                {
                    "date": value,
                    "basis": "stated" if rng.random() < 0.7 else "reported",
                    "status": status,
                    "text": text,
                    "actors": [a["id"]],
                    "locations": [p["id"]],
                }
            )
        title = f"{who[0]['name']} and {where[0]['name']}: report {i}"
        meta = {
            "schema": 1,
            "id": f"{date.isoformat()}-report-{i}",
            "title": title,
            "date": date,
            "source": {
                "name": rng.choice(["Wire One", "Daily Two", "Radio Three"]),
                "file": f"seeds/{i}.txt",
            },
            "summary": f"{who[0]['name']} in {where[0]['name']}.",
            "actors": [{**a, "mentions": rng.randint(1, 6)} for a in who],
            "locations": [{**p, "mentions": rng.randint(1, 4)} for p in where],
            "events": events,
            "quotes": [],
        }
        body = "\n\n".join(
            e["text"] + " " + " ".join(_word(rng, 3).lower() for _ in range(40)) for e in events[:3]
        )
        path = folder / f"{meta['id']}.md"
        front = yaml.dump(meta, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
        path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths
