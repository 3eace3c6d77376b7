"""Corpus -> the data files published with the site, so analysts can take the picture elsewhere.

briefs.json, entities.json, events.csv, places.geojson, timeline.json (TimelineJS) and feed.xml
(Atom). Each function takes data and returns the file's text; nothing here writes to disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..briefs.model import brief_as_dict
from .corpus import Corpus, Profile
from .links import brief_src, page_url

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _url(src: str, directory_urls: bool) -> str:
    return page_url(src, directory_urls)


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)  # made once: json.dumps makes one per call


def _json(value: object) -> str:
    return _ENCODER.encode(value)


def _records(items: list) -> str:
    return "[\n" + ",\n".join(_json(item) for item in items) + "\n]" if items else "[]"


def _joined(texts: list[str]) -> str:
    """Records already in JSON, as _records writes them."""
    return "[\n" + ",\n".join(texts) + "\n]" if texts else "[]"


class Reuse:
    """Each record's text from the last build, given again while it is made from the same object
    (the same identity) with the same key: `briefing serve` keeps one per export between rebuilds,
    as an unchanged brief, and the profiles and events it alone names, stay the same objects
    (corpus_update.py). The texts are what the record would be made again: the output is the same."""

    def __init__(self) -> None:
        self.last: dict[int, tuple] = {}
        self.now: dict[int, tuple] = {}

    def begin(self) -> Reuse:
        """A new build: only what it uses is kept for the next."""
        self.last, self.now = self.now or self.last, {}
        return self

    def get(self, obj: object, key: object) -> str | None:
        hit = self.last.get(id(obj))
        if hit is not None and hit[0] is obj and hit[1] == key:
            self.now[id(obj)] = hit
            return hit[2]
        return None

    def put(self, obj: object, key: object, text: str) -> str:
        self.now[id(obj)] = (obj, key, text)
        return text

    def text(self, obj: object, key: object, make: Callable[[], str]) -> str:
        hit = self.get(obj, key)
        return hit if hit is not None else self.put(obj, key, make())


class Made(Reuse):
    """No build follows in this process (`briefing build`): every record is made, none kept."""

    def get(self, obj: object, key: object) -> str | None:
        return None

    def put(self, obj: object, key: object, text: str) -> str:
        return text


def _reuse(reuse: Reuse | None) -> Reuse:
    return reuse.begin() if reuse is not None else Made()


def _dumps(value: object) -> str:
    """JSON with one record per line: readable and diffable, and written by json's C encoder
    (an `indent` would switch json to its pure-Python encoder, several times slower)."""
    if isinstance(value, list):
        return _records(value) + "\n"
    if isinstance(value, dict):
        items = [f"{_json(k)}: {_records(v) if isinstance(v, list) else _json(v)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n}\n"
    return _json(value) + "\n"


def published_source(source: dict) -> dict:
    """A brief's source as published: `file` only as a path inside the project (an article read
    from elsewhere would show the local folders of whoever ingested it)."""
    out = dict(source)
    file = str(out.get("file") or "")
    where = file.split("#", 1)[0].replace("\\", "/")
    if file and (where.startswith(("/", "~")) or ".." in where.split("/") or ":" in where.split("/")[0]):
        del out["file"]
    return out


def briefs_json(corpus: Corpus, directory_urls: bool = True, reuse: Reuse | None = None) -> str:
    memo = _reuse(reuse)

    def record(brief) -> str:
        d = brief_as_dict(brief)
        d["source"] = published_source(d.get("source") or {})
        d["url"] = _url(brief_src(brief), directory_urls)
        d["body"] = brief.body
        return _json(d)

    texts = [memo.text(b, directory_urls, functools.partial(record, b)) for b in corpus.brief_list()]
    return _joined(texts) + "\n"


def _profile_dict(p: Profile, section: str, corpus: Corpus, directory_urls: bool) -> dict:
    d = {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "roles": p.roles,
        "aliases": p.aliases,
        "url": _url(f"{section}/{p.id}.md", directory_urls),
        "briefs": p.briefs,
        "mentions": p.mentions,
        "events": len(p.events),
        "with_actors": dict(p.with_actors.most_common()),
        "with_places": dict(p.with_places.most_common()),
    }
    if section == "locations":
        d.update(within=p.within, lat=p.lat, lon=p.lon, path=[a.id for a in corpus.ancestors(p.id)])
    if p.note and p.note.wikidata:
        d["wikidata"] = p.note.wikidata
    return d


def entities_json(corpus: Corpus, directory_urls: bool = True, reuse: Reuse | None = None) -> str:
    memo = _reuse(reuse)

    def group(section: str, profiles: dict[str, Profile]) -> str:
        texts = []
        for _, p in sorted(profiles.items()):
            path = tuple(a.id for a in corpus.ancestors(p.id)) if section == "locations" else ()
            make = functools.partial(_profile_dict, p, section, corpus, directory_urls)
            texts.append(memo.text(p, (section, directory_urls, path), lambda make=make: _json(make())))
        return _joined(texts)

    actors, places = group("actors", corpus.actors), group("locations", corpus.places)
    return "{\n" + f'"actors": {actors},\n"locations": {places}' + "\n}\n"


def _cell(value: str) -> str:
    """A spreadsheet must never run article text as a formula."""
    return "'" + value if value.startswith(CSV_FORMULA_STARTS) else value


def events_csv(corpus: Corpus, reuse: Reuse | None = None) -> str:
    memo = _reuse(reuse)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["date", "basis", "range", "text", "brief", "actors", "locations", "status"])

    def line(e) -> str:
        start = buf.tell()
        row = [e.date, e.basis, e.range or "", e.text, e.brief, " ".join(e.actors), " ".join(e.locations)]
        writer.writerow([_cell(str(value)) for value in [*row, e.status]])  # any of them may be hand-edited
        buf.seek(start)
        return buf.read()

    for e in corpus.events:
        hit = memo.get(e, None)
        if hit is None:
            memo.put(e, None, line(e))  # written as it is made
        else:
            buf.write(hit)
    return buf.getvalue()


def places_geojson(corpus: Corpus, directory_urls: bool = True) -> str:
    features = []
    for p in sorted(corpus.places.values(), key=lambda p: p.id):
        if not p.has_coordinates:
            continue
        features.append(
            {
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind,
                    "within": p.within,
                    "url": _url(f"locations/{p.id}.md", directory_urls),
                    "briefs": len(p.briefs),
                    "events": len(p.events),
                },
            }
        )
    return _dumps({"type": "FeatureCollection", "features": features})


def _timelinejs_date(value: str) -> dict:
    parts = value.split("-")
    d = {"year": parts[0]}
    if len(parts) > 1:
        d["month"] = parts[1]
    if len(parts) > 2:
        d["day"] = parts[2]
    return d


def timeline_json(corpus: Corpus, title: str, reuse: Reuse | None = None) -> str:
    """TimelineJS3's JSON format: headline and text are plain text (TimelineJS renders them as HTML,
    so they are HTML-escaped here)."""
    import html

    memo = _reuse(reuse)

    def names(ids: list[str], group: dict[str, Profile]) -> str:
        return ", ".join(group[i].name if i in group else i for i in ids)

    def record(e, detail: str) -> str:  # all but its unique_id, which comes last
        item = {
            "start_date": _timelinejs_date(e.date),
            "text": {"headline": html.escape(e.text), "text": html.escape(detail)},
            "group": e.date[:7],
        }
        return _json(item)[:-1]

    events, uid = [], _json("unique_id")
    for e in corpus.events:
        brief = corpus.briefs.get(e.brief)
        who = names(e.actors, corpus.actors)
        where = names(e.locations, corpus.places)
        detail = " · ".join(x for x in (who, where, brief.title if brief else "") if x)
        text = memo.text(e, detail, functools.partial(record, e, detail))
        events.append(f"{text}, {uid}: {_json(f'{e.brief}-{len(events)}')}}}")
    head = _json({"text": {"headline": html.escape(title)}})
    return "{\n" + f'"title": {head},\n"events": {_joined(events)}' + "\n}\n"


def atom_feed(corpus: Corpus, title: str, site_url: str | None, directory_urls: bool = True) -> str:
    """The latest briefs as Atom; links are absolute when the site's URL is known."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base or "urn:briefing:feed"
    ET.SubElement(feed, f"{{{ATOM}}}link", href=base or "./")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}feed.xml")
    briefs = corpus.brief_list()[:FEED_SIZE]
    newest = max((b.date for b in briefs), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = title
    for brief in briefs:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = brief.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:briefing:brief:{brief.id}"
        ET.SubElement(entry, f"{{{ATOM}}}link", href=base + _url(brief_src(brief), directory_urls))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{brief.date.isoformat()}T00:00:00Z"
        if brief.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = brief.summary
        source = (brief.source or {}).get("name")
        if source:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = str(source)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def export_makers(
    corpus: Corpus,
    title: str,
    site_url: str | None = None,
    directory_urls: bool = True,
    reuse: dict[str, Reuse] | None = None,
) -> dict[str, Callable[[], str]]:
    """{file name at the site root: a function that makes its text}: the plugin makes them after
    the pages are written, so an edited brief's page is on disk first. `reuse`, kept between the
    builds of `serve`, keeps each export's records (Reuse)."""
    names = ("briefs", "entities", "events", "timeline")
    memo = {name: reuse.setdefault(name, Reuse()) if reuse is not None else Made() for name in names}
    return {  # the longest to make first: processes sharing them take them in this order
        "timeline.json": lambda: timeline_json(corpus, title, memo["timeline"]),
        "briefs.json": lambda: briefs_json(corpus, directory_urls, memo["briefs"]),
        "events.csv": lambda: events_csv(corpus, memo["events"]),
        "entities.json": lambda: entities_json(corpus, directory_urls, memo["entities"]),
        "places.geojson": lambda: places_geojson(corpus, directory_urls),
        "feed.xml": lambda: atom_feed(corpus, title, site_url, directory_urls),
    }


def export_files(
    corpus: Corpus,
    title: str,
    site_url: str | None = None,
    directory_urls: bool = True,
    reuse: dict[str, Reuse] | None = None,
) -> dict[str, str]:
    """{file name at the site root: its text}; `url` fields are site-relative page URLs."""
    makers = export_makers(corpus, title, site_url, directory_urls, reuse)
    return {name: make() for name, make in makers.items()}
