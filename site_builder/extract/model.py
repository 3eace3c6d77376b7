"""What extraction finds in one article: plain dataclasses, offsets into `Article.text`."""

from __future__ import annotations

from dataclasses import dataclass, field

ACTOR_KINDS = ("person", "organization", "country")
LOCATION_KINDS = ("country", "region", "city", "place")


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world actor or place named in an article.

    kind is one of person, organization, country, region, city, place. A country is both an
    actor (when it acts) and a location; `within` is the id of the enclosing place.
    """

    id: str
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    acts: bool = False  # a country or place that is the subject of a verb, i.e. an actor too

    @property
    def is_place(self) -> bool:
        return self.kind in LOCATION_KINDS

    @property
    def is_actor(self) -> bool:
        return self.kind in ("person", "organization") or (self.kind == "country" and self.acts)


@dataclass
class Timex:
    """A time expression, TIMEX3 style: type DATE, TIME, DURATION or SET; value e.g. 2021-07-05, P3D."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None  # START for "since June 22", BEFORE, AFTER, APPROX ...
    anchored: bool = False  # value computed from the article's date rather than written in full


@dataclass
class Event:
    date: str  # TIMEX3 calendar value at the precision known: 2021, 2021-07, 2021-07-05
    basis: str  # stated (a time expression) | context (the story's time) | reported (publication date)
    text: str
    actors: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    range: str | None = None  # since | until | before | after: the date bounds a period
    start: int | None = None  # the clause or sentence it covers, in Article.text
    end: int | None = None
    status: str = "happened"  # happened | ongoing | expected (planned, scheduled, forecast, hypothetical)
    trigger: Mention | None = None  # its head verb or event noun


@dataclass
class Quote:
    speaker: str | None  # entity id, None when unattributed
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Extraction:
    entities: list[Entity]
    times: list[Timex]
    events: list[Event]
    quotes: list[Quote]
    summary: str
    title: str
