"""Corpora of N articles made from the dev articles, so that actors, places and events grow like a real feed.

Copy 0 of each dev article is the article as it is. Every later copy renames the article's named
people, organizations and places (names taken from its gold file) to names drawn from pools that
grow with N, with a Zipf-like skew so a few names recur across many articles and most are rare, as
in a news collection; places become other real places (so the gazetteer places them). The date line
and every year in the text are shifted, so events spread over more months as N grows.

The dev articles are read at run time and never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

FIRST = (
    "Amina Bruno Chen Dara Elena Farid Greta Hamid Ines Jonas Karim Lena Malik Nadia Omar Petra Rania "
    "Sami Tara Umar Vera Wahid Yara Zoran Aziz Bianca Caleb Dilnoza Emil Fatima Goran Hana Idris Jana "
    "Kamal Leyla Marek Nilufar Oskar Parisa Rustam Selin Timur Ulla Viktor Zarina Anders Beatriz Cyrus"
).split()
LAST = (
    "Abbasi Berg Castillo Dalton Eriksen Farahani Gallo Haddad Ivanova Jensen Karimov Lindqvist Mansour "
    "Novak Okafor Petrov Qureshi Rahimi Sandoval Tanaka Usmanov Valdez Weber Yilmaz Zaman Almeida Brandt "
    "Costa Demir Esposito Fischer Guerrero Hoffmann Ibrahim Jovanovic Kowalski Larsen Moreau Nazarov Olsen "
    "Popescu Quintero Rossi Sadykov Toure Urbano Vasquez Wojcik Xavier Yusupov Zielinski"
).split()
ORG_HEAD = (
    "Northern Eastern Southern Western Central United National Federal Independent Allied Free Popular "
    "Coastal Highland River Valley Border Mountain Civic Unity"
).split()
ORG_TOPIC = (
    "Water Grain Energy Health Transport Labour Trade Mining Rail Press Farmers Teachers Veterans Youth "
    "Security Relief Housing Shipping Textile Fisheries"
).split()
ORG_KIND = (
    "Council Authority Union Front Alliance Agency Ministry Bank Party Institute Company Federation".split()
)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
DATE_LINE = re.compile(r"\A([ \t]*date[ \t]+)(\d{4}-\d{2}-\d{2})")


@dataclass
class DevArticle:
    name: str
    text: str
    date: dt.date
    people: list[str]
    orgs: list[str]
    places: list[str]


def person_name(i: int) -> str:
    first, last = FIRST[i % len(FIRST)], LAST[(i % len(FIRST) + 49 * (i // len(FIRST))) % len(LAST)]
    round_ = i // (len(FIRST) * len(LAST))
    return f"{first} {chr(65 + round_ % 26)}. {last}" if round_ else f"{first} {last}"


def org_name(i: int) -> str:
    head, topic = ORG_HEAD[i % len(ORG_HEAD)], ORG_TOPIC[(i // len(ORG_HEAD)) % len(ORG_TOPIC)]
    kind = ORG_KIND[(i // (len(ORG_HEAD) * len(ORG_TOPIC))) % len(ORG_KIND)]
    return f"{head} {topic} {kind}"


def real_places() -> tuple[list[str], list[str]]:
    """Country names and names of towns of 15,000 or more (most populous first, one per name), from
    the gazetteer the package ships."""
    from site_builder.extract.places import gazetteer

    gaz = gazetteer()
    rows = range(len(gaz.ids))
    countries = sorted(gaz.names[i] for i in rows if gaz.kinds[i] == "c")
    cities, seen = [], set(countries)
    for i in sorted(
        (i for i in rows if gaz.kinds[i] == "t" and gaz.pop[i] >= 15_000), key=lambda i: -gaz.pop[i]
    ):
        name = gaz.names[i]
        if name not in seen and name.isascii() and name[:1].isupper():
            seen.add(name)
            cities.append(name)
    return countries, cities


def _named(gold: dict, kind: str) -> list[str]:
    """Names of the gold entities of one type that appear as written in the article, longest first."""
    names = {e["name"] for e in gold.get("entities", []) if e["type"] == kind and e["name"][:1].isupper()}
    return sorted((n for n in names if "%" not in n and len(n) > 2), key=len, reverse=True)


def load_dev(dev: Path) -> list[DevArticle]:
    out = []
    for path in sorted(dev.glob("*/articles/*.txt")):
        gold_path = path.parent.parent / "gold" / f"{path.stem}.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
        text = path.read_text(encoding="utf-8")
        m = DATE_LINE.match(text)
        if not m:
            continue
        date = dt.date.fromisoformat(m.group(2))
        out.append(
            DevArticle(path.stem, text, date, _named(gold, "PER"), _named(gold, "ORG"), _named(gold, "LOC"))
        )
    if not out:
        raise SystemExit(f"bench: no dev articles under {dev}; pass --dev PATH/TO/eval/dev")
    return out


def _zipf(rng: random.Random, size: int) -> int:
    """An index into a pool of `size`, skewed to the front: a few names recur, most are rare."""
    return min(size - 1, int(size * rng.random() ** 2.2))


def _rename(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", lambda _: new, text)


def variant(
    art: DevArticle, copy: int, n: int, pools: tuple[list[str], list[str]], rng: random.Random
) -> str:
    """Copy `copy` of a dev article: renamed entities, shifted date and years."""
    if copy == 0:
        return art.text
    countries, cities = pools
    header_end = art.text.index("\n")
    header, body = art.text[:header_end], art.text[header_end:]
    for name in art.people:
        new = person_name(_zipf(rng, max(50, n)))
        body = _rename(body, name, new)
        last_old, last_new = name.split()[-1], new.split()[-1]
        if len(name.split()) > 1 and len(last_old) > 3:
            body = _rename(body, last_old, last_new)
    for name in art.orgs:
        body = _rename(body, name, org_name(_zipf(rng, max(20, n // 2))))
    for name in art.places:
        pool = countries if name in countries else cities[: max(100, n)]
        body = _rename(body, name, pool[_zipf(rng, len(pool))])
    shift = dt.timedelta(days=copy * 41 + rng.randrange(30))
    date = art.date + shift
    years = date.year - art.date.year
    body = YEAR.sub(lambda m: str(int(m.group(1)) + years), body)
    header = DATE_LINE.sub(lambda m: m.group(1) + date.isoformat(), header)
    return header + body


def make_corpus(dev: Path, n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write n article files into `out` (emptied first); returns their paths."""
    arts = load_dev(dev)
    pools = real_places()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    paths, seen = [], set()
    for i in range(n):
        art, copy = arts[i % len(arts)], i // len(arts)
        text = variant(art, copy, n, pools, rng)
        words = re.findall(r"\w+", text[text.index("\n") :].lower())  # as ingest compares articles
        body_hash = hashlib.sha256(" ".join(words).encode()).hexdigest()
        if body_hash in seen:  # no entity or year to change: keep the article distinct all the same
            text = text.rstrip("\n") + f"\n\nThis is report number {i} in the series.\n"
        seen.add(body_hash)
        path = out / f"{i:05d}_{art.name[:40]}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(path)
    return paths
