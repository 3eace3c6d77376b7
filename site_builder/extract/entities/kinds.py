"""The kind of each mention: curated notes first, then the gazetteer (read in context, see toponyms.py),
then cue words (Ministry, Army, Party ... are organizations; Museum, Airport ... are places), then
spaCy's label, corrected by votes over the article (a name written the same way is one thing)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from .. import names, places, toponyms
from ..nlp import doc_text, lemma
from ..words.organizations import (
    ACTOR_VERBS,
    COMPANY_VERBS,
    GROUP_NOUNS,
    ORG_CONTEXT,
    ORG_WORDS,
    SERVICE_CONTEXT,
)
from ..words.people import OCCUPATIONS, PARTICLES
from ..words.place_words import (
    AREA_NOUNS,
    LOCATIVE,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    SETTLEMENT_NOUNS,
)
from ..words.sports import SPORTS_WORDS, UK_NATIONS
from ..words.things import INDEX_WORDS, PATHOGEN_WORDS, THING_BEFORE, THING_HEADS
from .candidates import Cand
from .cues import SCORE, cue_kind, given_name
from .spans import MIN_SCAN_CITY

PLACE_AFTER = PLACE_WORDS | AREA_NOUNS | SETTLEMENT_NOUNS  # "the Gondra district", "Nairobi slum Kibera"
SPACY_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def _place_hint(doc: Doc, cand: Cand) -> str | None:
    """`Kunduz, Takhar and Badakhshan provinces` -> region; `Kabul city` -> city."""
    after = doc_text(doc)[cand.end : cand.end + 80]
    m = re.match(r"(?:\s*(?:,|and|&)\s*[A-Z][\w'\u2019-]*(?:\s[A-Z][\w-]*)?)*\s+([a-z]+)", after)
    return PLACE_NOUNS.get(m.group(1)) if m else None


def _locative(c: Cand) -> bool:
    """`in Kabul`, `KABUL:` (a dateline), `Houston, Texas`: the name is used as a place."""
    doc, i = c.span.doc, c.span.start
    if i > 0 and doc[i - 1].lower_ in LOCATIVE:
        return True
    after = doc_text(doc)[c.end : c.end + 30]
    if re.match(r"\s*[:\u2014]", after) and c.text.isupper():
        return True
    m = re.match(r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", after)
    return bool(m and any(p.kind in ("region", "country") for p in places.notable(m.group(1))))


def _org_context(c: Cand) -> bool:
    doc, j = c.span.doc, c.span.end
    if j < len(doc) and doc[j].text in ("'s", "\u2019s"):
        j += 1
    return j < len(doc) and names.word(doc[j].text) in ORG_CONTEXT and doc[j].pos_ in ("NOUN", "PROPN")


def _town_named_company(c: Cand) -> bool:
    """`Toyota recalled 2 million cars`, `Magna shares rose`: a name that is a town somewhere (never a
    country or province) and that the text uses as a company: before `shares`, `CEO` ..., or the
    subject of what only companies do."""
    if len(c.span) != 1 or _region_or_country(c.text) or not places.candidates(c.text):
        return False
    root = c.span.root
    company_verb = root.dep_ == "nsubj" and lemma(root.head) in COMPANY_VERBS
    return company_verb or _org_context(c)


def _acts_as_company(c: Cand) -> bool:
    root = c.span.root
    return root.dep_ == "nsubj" and lemma(root.head) in ACTOR_VERBS


def _person_name(c: Cand) -> bool:
    """Given name + surname(s), all capitalised words, no cue word and no place: a person whatever
    spaCy's label ("Dean Kamen", "Annie Oakley")."""
    words = c.text.split()
    if not 2 <= len(words) <= 4 or not given_name(words[0]):
        return False
    for w in words[1:]:
        if w.casefold() in PARTICLES:
            continue
        if not (w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()) or w.isupper():
            return False
    if c.span[-1].tag_ == "NNPS" or cue_kind(c.text) or places.notable(c.text):
        return False
    return not any(t.lower_ in ORG_CONTEXT or t.lower_ in PLACE_WORDS for t in c.span)


def _sports_story(doc: Doc) -> bool:
    """A match report: a score such as `3 – 0` and at least four distinct sports words."""
    if not SCORE.search(doc_text(doc)):
        return False
    return len({w for t in doc if (w := lemma(t).lower()) in SPORTS_WORDS}) >= 4


def _national_team(c: Cand, place: places.Place | None, sports: bool) -> bool:
    """In a sports story a country that plays, wins, scores or has players is its national team;
    `in Russia`, `Russia's capital` keep the place."""
    if not sports or place is None or place.kind not in ("country", "region"):
        return False
    if place.kind == "region" and place.name not in UK_NATIONS:
        return False
    doc, i = c.span.doc, c.span.start
    if i > 0 and doc[i - 1].lower_ in PLACE_PREPOSITIONS:
        return False
    return not (i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS)


def _vote_labels(cands: list[Cand]) -> None:
    """spaCy labels each mention on its own: `Gloria` is PERSON five times and ORG once. A name
    written the same way is one thing, so a clear majority (two thirds, at least two) relabels the rest."""
    votes: dict[str, Counter] = {}
    for c in cands:
        if c.label in SPACY_KIND:
            votes.setdefault(c.text, Counter())[c.label] += 1
    for c in cands:
        counts = votes.get(c.text)
        if not counts or c.label not in SPACY_KIND:
            continue
        label, n = counts.most_common(1)[0]
        if label != c.label and n >= 2 and n * 3 >= 2 * sum(counts.values()):
            c.label = label


def _org_evidence(c: Cand) -> bool:
    """`on Twitter`, `via Facebook`, `Twitter users`: a one-word name that is no given name."""
    if len(c.span) != 1 or given_name(c.text):
        return False
    doc, i = c.span.doc, c.span.start
    if i > 0 and doc[i - 1].lower_ in ("on", "via"):
        return True
    j = c.span.end
    return j < len(doc) and (doc[j].lower_ in SERVICE_CONTEXT or _org_context(c))


def _first_conjunct(t):
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.i


def _region_or_country(text: str) -> bool:
    return any(p.kind in ("country", "region") for p in places.notable(text))


def _vote_lists(cands: list[Cand]) -> None:
    """`Ansel Adams, Chuck Close, Walker Evans and Robert Mapplethorpe`: names listed together are of
    one kind; when two or more agree and the odd one is no known place, it takes their label."""
    lists: dict[int, list[Cand]] = {}
    for c in cands:
        root = c.span.root
        if c.label in SPACY_KIND and (root.dep_ == "conj" or any(ch.dep_ == "conj" for ch in root.children)):
            lists.setdefault(_first_conjunct(root), []).append(c)
    for members in lists.values():
        if len(members) < 2:
            continue
        label, n = Counter(c.label for c in members).most_common(1)[0]
        unknown = [c for c in members if c.label in ("GPE", "LOC") and not _region_or_country(c.text)]
        rest = [c.label for c in members if c not in unknown]
        if unknown and rest and all(lab == "ORG" for lab in rest):
            for c in unknown:
                c.label = "ORG"  # "Ubisoft, Microsoft and ...": listed with companies, not a country
            continue
        if len(members) < 3:
            continue
        if n < 2 or n * 3 < 2 * len(members) or label not in ("PERSON", "ORG"):
            continue
        for c in members:
            if c.label != label and not places.notable(c.text):
                c.label = label


def _affiliation(c: Cand) -> bool:
    """A name after `<person> of|from` or after a group noun names a body, whatever spaCy's label:
    `Cheng Chung-tai of Civic Passion`, `localist group Civic Passion`."""
    if given_name(c.text.split()[0]):
        return False
    doc, i = c.span.doc, c.span.start
    if i > 0 and doc[i - 1].lower_ in GROUP_NOUNS and doc[i - 1].is_lower:
        return True
    return i > 1 and doc[i - 1].lower_ in ("of", "from") and doc[i - 2].ent_type_ == "PERSON"


def _after_occupation(c: Cand) -> bool:
    doc, i = c.span.doc, c.span.start
    return i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ in OCCUPATIONS and not cue_kind(c.text)


def _used_as_place(c: Cand, listed: set[int]) -> bool:
    """A name the gazetteer does not know is a place only where the text uses it as one: `in
    Kibera`, `the village of Kampungu`, `the Gondra district`, `Nairobi slum Kibera`, or listed
    with known places (`Oslo, Hedmark, Oppland`)."""
    if _locative(c) or _after_place_noun(c) or id(c) in listed:
        return True
    doc, i, j = c.span.doc, c.span.start, c.span.end
    if j < len(doc) and doc[j].lower_ in PLACE_AFTER:
        return True
    return i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ in PLACE_AFTER


def _listed_with_places(cands: list[Cand]) -> set[int]:
    """Mentions coordinated with a place: a name the gazetteer knows as a country, province or
    town, or one the text uses as a place here or elsewhere (`the villages of Bumbacari and
    Dudescu`, `four villages: Kampungu, Makonono and Mombo` after `the village of Kampungu`)."""
    lists: dict[int, list[Cand]] = {}
    for c in cands:
        root = c.span.root
        if root.dep_ == "conj" or any(ch.dep_ == "conj" for ch in root.children):
            lists.setdefault(_first_conjunct(root), []).append(c)
    used: set[str] | None = None
    out: set[int] = set()
    for members in lists.values():
        if len(members) < 2:
            continue
        placed = any(c.label in ("GPE", "LOC", "GAZ") and places.notable(c.text) for c in members)
        if not placed:
            if used is None:
                used = {names.key(c.text) for c in cands if _used_as_place(c, set())}
            placed = any(names.key(c.text) in used for c in members)
        if placed:
            out.update(id(c) for c in members)
    return out


def _after_place_noun(c: Cand) -> bool:
    doc, i = c.span.doc, c.span.start
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in OF_PLACE


OF_PLACE = {"town", "towns", "village", "villages", "city", "cities", "hamlet", "district", "districts",
            "province", "suburb", "island", "region", "county", "municipality", "commune",
            "settlement"}  # fmt: skip


def _place_evidence(
    doc: Doc, cands: list[Cand], dateline: str | None, source: str | None
) -> toponyms.Evidence:
    """What the article says about where it is: its place names, its dateline (`KABUL:`),
    nationality words, and the country or province names inside its organisations' names and its
    source's (`The Times of India`, `Kabul Times`)."""
    named = [c.text for c in cands if c.label in ("GPE", "LOC", "GAZ", "FAC")] + (
        [dateline] if dateline else []
    )
    demonyms = [t.text for t in doc if t.ent_type_ == "NORP" and places.is_demonym(t.text)]
    inner = [t.text for c in cands if c.label == "ORG" for t in c.span if t.is_title and len(t) > 3]
    inner += [w for w in (source or "").split() if w[:1].isupper() and len(w) > 3]
    return toponyms.gather(named, demonyms, inner)


def _list_hints(cands: list[Cand]) -> dict[int, str]:
    """`Georgia, Washington, Texas and California`: names listed together are of one kind; when
    most of a list's names are states (or countries), the ambiguous ones are too."""
    lists: dict[int, list[Cand]] = {}
    for c in cands:
        root = c.span.root
        if c.label in ("GPE", "LOC", "GAZ") and (
            root.dep_ == "conj" or any(ch.dep_ == "conj" for ch in root.children)
        ):
            lists.setdefault(_first_conjunct(root), []).append(c)
    hints = {}
    for members in lists.values():
        if len(members) < 3:
            continue
        readings = Counter(p.kind for c in members if (p := toponyms.confident(c.text)))
        if readings:
            kind, n = readings.most_common(1)[0]
            if kind in ("region", "country") and n >= 2:
                hints.update({id(c): kind for c in members})
    return hints


def _place_of(doc: Doc, c: Cand, evidence: toponyms.Evidence, hints: dict[int, str]) -> places.Place | None:
    """The place a mention names, read in the article's context; None when the text uses the name
    for something else: a company's initials (`DAX`, `GAO`), a person or brand named like a town."""
    if places.is_abbreviation(c.text) and c.label not in ("GPE", "LOC"):
        return None
    hint = _place_hint(doc, c) or hints.get(id(c))
    place = toponyms.choose(c.text, evidence, hint, doc_text(doc), c.start, c.end)
    if place is None or place.kind in ("country", "region"):
        if place and c.label == "ORG" and c.text.isupper() and place.kind == "region" and not _locative(c):
            return None  # initials of a body that some province also goes by
        return place
    if c.label in ("PERSON", "ORG") and not _locative(c):
        if c.label == "PERSON" or place.weight < MIN_SCAN_CITY or c.text.isupper():
            return None  # a town's name tagged as a person is more often a surname or a brand
    if c.text.isupper() and len(c.text) > 1 and not _locative(c):
        return None  # `Germany's DAX fell`: letters in capitals name an index or a body, not a town
    return place


def _thing_after(c: Cand, words: set[str]) -> bool:
    doc, j = c.span.doc, c.span.end
    return j < len(doc) and doc[j].lower_ in words and not doc[j].is_title


def _thing_before(c: Cand) -> bool:
    doc, i = c.span.doc, c.span.start
    before = doc[i - 2 : i] if i >= 2 else doc[:i]
    return any(t.lower_ in THING_BEFORE and t.is_lower for t in before)


PATHOGEN_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(PATHOGEN_WORDS)) + r")\b")
NAME_RUN = re.compile(r"(?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*$")


def _named_before_pathogens(doc: Doc) -> set[str]:
    """`Ebola`, `West Nile` and `Nile` in "the Ebola virus", "West Nile fever": the capitalised
    words right before a pathogen word, each run and its tails."""
    text, out = doc_text(doc), set()
    for m in PATHOGEN_AFTER.finditer(text):
        run = NAME_RUN.search(text, max(0, m.start() - 60), m.start())
        if run:
            words = run.group(0).split()
            out.update(" ".join(words[k:]) for k in range(len(words)))
    return out


def _things(doc: Doc, cands: list[Cand]) -> set[int]:
    """Mentions that name a thing rather than an actor or a place: a disease (`West Nile virus`,
    and then `Ebola` everywhere once `Ebola virus` is written), a product or vehicle (`Ford Taurus
    sedan`, `the ship Mavi Marmara`), a market index (`the Hang Seng index`)."""
    diseases = {names.key(c.text) for c in cands if not c.known and c.text in _named_before_pathogens(doc)}
    out = set()
    for c in cands:
        if c.known or c.label == "NORP":
            continue
        if names.word(c.text.split()[-1]) in PATHOGEN_WORDS and len(c.span) > 1:
            out.add(id(c))  # `Avian Flu`, `Swine Flu`: a disease, whatever spaCy's label
        elif names.key(c.text) in diseases:
            big = any(p.kind in ("country", "region") for p in places.notable(c.text))
            if not big or _thing_after(c, PATHOGEN_WORDS):
                out.add(id(c))
        elif (
            _thing_after(c, INDEX_WORDS)
            or _thing_after(c, THING_HEADS)
            and c.label != "ORG"
            and not cue_kind(c.text)
        ):
            out.add(id(c))
        elif _thing_before(c) and c.label != "GPE":
            out.add(id(c))
        elif any(ch.isdigit() for ch in c.text) and any(ch.isalpha() for ch in c.text) and " " not in c.text:
            if not places.notable(c.text) and c.label in ("GPE", "LOC", "PERSON"):
                out.add(id(c))  # `H1N1`, `A380`: a code, not a place or a person
    return out


def decide_kinds(doc: Doc, cands: list[Cand], dateline: str | None = None, source: str | None = None) -> None:
    _vote_labels(cands)
    _vote_lists(cands)
    evidence = _place_evidence(doc, cands, dateline, source)
    hints = _list_hints(cands)
    things = _things(doc, cands)
    sports = _sports_story(doc)
    service = {c.text for c in cands if c.label in ("PERSON", "GPE", "LOC") and _org_evidence(c)}
    lower_words = {t.text for t in doc if t.is_lower}
    unknown_gpe_acting = {
        names.key(c.text)
        for c in cands
        if c.label in ("GPE", "LOC") and not places.notable(c.text) and _acts_as_company(c)
    }
    towns_as_companies = {
        names.key(c.text) for c in cands if c.label in ("GPE", "LOC", "ORG") and _town_named_company(c)
    }
    listed = _listed_with_places(cands)
    for c in cands:
        if c.known:
            c.kind = c.known.kind
            continue
        if id(c) in things:
            c.kind = None  # dropped: a disease, product, vehicle or index
            continue
        if c.label != "PERSON" and len(c.span) <= 2 and _after_occupation(c):
            c.kind, c.label = "person", "PERSON"  # "fashion designer Halston"
            continue
        if c.text in service and not places.notable(c.text):
            c.kind = "organization"  # "on Twitter", "Twitter users": a service, not a person
            continue
        if c.label in ("ORG", "GPE", "LOC", "NORP") and _person_name(c):
            c.kind, c.label = "person", "PERSON"  # "Dean Kamen", "Thibaut Courtois" tagged ORG
            continue
        words = [names.word(w) for w in c.text.split()]
        if len(words) > 2 and words[0] in ORG_WORDS and words[1] == "of" and words[0] not in PLACE_WORDS:
            c.kind = "organization"  # "Municipality of Livorno", "Bank of England": not the place
            continue
        if names.key(c.text) in towns_as_companies:
            c.kind = "organization"  # "Toyota recalled cars", "Magna shares": a company named like a town
            continue
        multi_person = c.label == "PERSON" and len(c.text.split()) > 1
        place = None if multi_person else _place_of(doc, c, evidence, hints)
        if place is None and _after_place_noun(c):
            c.kind = "place"  # "the town of Yeoncheon": whatever spaCy thought
            continue
        if _national_team(c, place, sports):
            c.kind, c.team = "organization", place.name
            continue
        if place:
            c.place, c.kind = place, place.kind
            continue
        cue = cue_kind(c.text)
        if cue:
            c.kind = cue
        elif c.label == "PERSON" and _affiliation(c):
            c.kind = "organization"  # "Cheng Chung-tai of Civic Passion", "the group Civic Passion"
        elif (
            c.label == "PERSON"
            and not given_name(c.text.split()[0])
            and (c.span[-1].tag_ == "NNPS" or _org_context(c) and len(c.span) == 1)
        ):
            c.kind = "organization"  # "the Beatles", "Cisco spokesman"
        elif c.label in ("GPE", "LOC", "FAC") and (
            _org_context(c) or names.key(c.text) in unknown_gpe_acting
        ):
            c.kind = "organization"  # not a known place, and it sues, says, sells: a company or body
        elif (
            c.label == "PERSON"
            and c.text.endswith("s")
            and c.span.start > 0
            and doc[c.span.start - 1].lower_ == "the"
        ):
            c.kind = "organization"  # "the Beatles": a plural name with an article is a group
        elif c.label == "PERSON" and len(c.span) > 1 and all(t.lower_ in lower_words for t in c.span):
            c.kind = "organization"  # "Best Buy", "Music Store": every word also used as a common word
        elif SPACY_KIND.get(c.label) == "place" and c.label != "FAC" and not _used_as_place(c, listed):
            c.kind = None  # "the stoning of Satan", "such as Wicca": no place anyone knows, nor used as one
        elif c.label in SPACY_KIND:
            c.kind = SPACY_KIND[c.label]
        else:
            c.kind = "organization"
    _one_reading(doc, cands)


def _one_reading(doc: Doc, cands: list[Cand]) -> None:
    """A name means one place throughout an article: the reading its container fixes (`Austin,
    in Scott County, Indiana`) holds for its other mentions (`the cases in Scott County`), which
    the other places the article names might otherwise pull elsewhere."""
    text = doc_text(doc)
    fixed: dict[str, places.Place] = {}
    for c in cands:
        if c.place is not None and c.place.kind != "country":
            containers = toponyms.container_of(text, c.start, c.end)
            if any(toponyms.inside(c.place, k) for k in containers):
                fixed.setdefault(names.key(c.text), c.place)
    for c in cands:
        place = fixed.get(names.key(c.text))
        if place is not None and c.place is not None and c.place.id != place.id:
            c.place, c.kind = place, place.kind


def short_team_names(cands: list[Cand]) -> None:
    """`Korea` after `South Korea` (a team) in the same match report is that team."""
    teams = {c.team for c in cands if c.team}
    for c in cands:
        if c.team or c.known or c.kind == "country":
            continue
        hits = {t for t in teams if t.split()[-1] == c.text or t.split()[0] == c.text}
        if len(hits) == 1 and len(c.text.split()) == 1:
            c.team, c.kind, c.place = hits.pop(), "organization", None
