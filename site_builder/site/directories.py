"""The directories (actors, locations, briefs): rows for the page and a data file for the rest.

A directory page holds its first `FIRST_ROWS` rows in HTML, in the default order; its script loads
every row from the data file when the reader filters, sorts or asks for more, and fills the rows
from the page's own row template, so the markup stays in the templates and the page stays small
however many actors a briefing has.
"""

from __future__ import annotations

from .corpus import Corpus, Profile
from .dates import format_date
from .escape import data_script
from .links import brief_src, relative_url
from .views import is_safe_slug, kind_label

FIRST_ROWS = 100
DATA = {
    "actors": "actors/directory.js",
    "locations": "locations/directory.js",
    "briefs": "briefs/directory.js",
}
FIELDS = {
    "actors": ("href", "name", "kind", "kind_label", "detail", "detail_href", "mentions", "briefs", "find"),
    "locations": (
        "href",
        "name",
        "kind",
        "kind_label",
        "detail",
        "detail_href",
        "mentions",
        "briefs",
        "find",
    ),
    "briefs": ("href", "date", "date_label", "title", "source", "find"),
}


def _find(*parts: object) -> str:
    return " ".join(" ".join(str(p) for p in parts if p).split()).casefold()


def ranked(profiles: dict[str, Profile]) -> list[Profile]:
    """Most mentioned first, then in most briefs, then by name: the order the page opens in."""
    return sorted(profiles.values(), key=lambda p: (-p.mentions, -len(p.briefs), p.name.casefold(), p.id))


def _link(section: str, eid: str, page: str, directory_urls: bool) -> str:
    return relative_url(f"{section}/{eid}.md", page, directory_urls) if is_safe_slug(eid) else ""


def actor_rows(corpus: Corpus, directory_urls: bool = True) -> list[dict]:
    page = "actors/index.md"
    return [
        {
            "href": _link("actors", p.id, page, directory_urls),
            "name": p.name,
            "kind": p.kind,
            "kind_label": kind_label(p.kind),
            "detail": "; ".join(p.roles),
            "detail_href": "",
            "mentions": p.mentions,
            "briefs": len(p.briefs),
            "find": _find(p.name, *p.aliases, *p.roles),
        }
        for p in ranked(corpus.actors)
    ]


def location_rows(corpus: Corpus, directory_urls: bool = True) -> list[dict]:
    """`detail` is the place it lies within; a place without coordinates says it is not on the map."""
    page = "locations/index.md"
    out = []
    for p in ranked(corpus.places):
        parent = corpus.places.get(p.within) if p.within else None
        out.append(
            {
                "href": _link("locations", p.id, page, directory_urls),
                "name": p.name,
                "kind": p.kind,
                "kind_label": kind_label(p.kind),
                "detail": parent.name if parent else "",
                "detail_href": _link("locations", parent.id, page, directory_urls) if parent else "",
                "mentions": p.mentions,
                "briefs": len(p.briefs),
                "find": _find(p.name, *p.aliases, parent.name if parent else ""),
            }
        )
    return out


def brief_rows(corpus: Corpus, directory_urls: bool = True) -> list[dict]:
    page = "briefs/index.md"
    return [
        {
            "href": relative_url(brief_src(b), page, directory_urls),
            "date": b.date.isoformat(),
            "date_label": format_date(b.date),
            "title": b.title,
            "source": str((b.source or {}).get("name") or ""),
            "find": _find(b.title, (b.source or {}).get("name")),
        }
        for b in corpus.brief_list()
    ]


def blank_row(section: str) -> dict:
    """The row the page's script copies and fills: every field empty."""
    return dict.fromkeys(FIELDS[section], "")


def data_file(section: str, rows: list[dict]) -> str:
    """Every row of a directory as a script that stores them for the page's script (a script,
    not JSON, so the directory also works on a site opened from disk)."""
    fields = FIELDS[section]
    data = {"fields": fields, "rows": [[r[f] for f in fields] for r in rows]}
    return data_script(section, data)
