"""Build the given-name table shipped in site_builder/extract/data/first_names.tsv.gz.

Run once when the source changes (`pip install -e .[data]`, then `python scripts/build_first_names.py`).
Source: the given-name lists of Faker's person providers (MIT licence), which gather each locale's
common first names; the en_US lists carry the US Social Security Administration's frequencies
(public domain). Only names written in Latin letters are kept: the articles are English.

A name's weight (1-13) says how widely it is a given name: one point per language whose lists hold
it, and up to four more for its US frequency. The extraction rules read it as "is this capitalised
word a given name, and is that its first meaning" (Paul, Victoria: yes; Kent, Houston: rather not).
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
US_BANDS = ((0.004, 4), (0.001, 3), (0.0003, 2), (0.0, 1))  # share of US births -> extra points
MAX_WEIGHT = 13


def latin(name: str) -> bool:
    return all(c in " -'" or "LATIN" in unicodedata.name(c, "") for c in name) and name[:1].isupper()


def provider_lists():
    """(locale, {name: US share or 0}) for every person provider Faker ships."""
    import faker.providers.person as person

    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"faker.providers.person.{info.name}")
        provider = getattr(module, "Provider", None)
        names: dict[str, float] = {}
        for attr in LIST_ATTRIBUTES:
            value = getattr(provider, attr, None)
            if isinstance(value, dict):
                names.update({n: float(w) if info.name == "en_US" else 0.0 for n, w in value.items()})
            elif isinstance(value, (list, tuple)):
                names.update(dict.fromkeys(value, 0.0))
        yield info.name, names


def build() -> dict[str, int]:
    languages: dict[str, set[str]] = defaultdict(set)
    us_share: dict[str, float] = defaultdict(float)
    for locale, names in provider_lists():
        language = locale.split("_")[0]
        for name, share in names.items():
            name = name.strip()
            if not name or not latin(name):
                continue
            key = name.casefold()
            languages[key].add(language)
            us_share[key] += share
    out = {}
    for key, langs in languages.items():
        bonus = next((points for floor, points in US_BANDS if us_share[key] > floor), 0)
        out[key] = min(MAX_WEIGHT, len(langs) + bonus)
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
