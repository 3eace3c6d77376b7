"""Named actors and places in one article: spaCy's spans, corrected by our own rules.

1. Spans: spaCy's PERSON/ORG/GPE/LOC/FAC/NORP entities, plus gazetteer place names spaCy missed.
2. Names: trimmed (article, possessive, title, honorific; see names.py); nationality words dropped.
3. Kinds: curated notes first, then the gazetteer (countries, provinces, cities), then cue words
   (Ministry, Army, Party ... are organizations; Museum, Airport, Station ... are places), then spaCy.
4. One entity per real thing: surnames and first names join the full name met in the article,
   acronyms their expansion, short organization names the longer name they end.
5. Roles from titles and appositions (roles.py); `within` for places from the gazetteer or the text
   ("Badakhshan's district of Khawahan"); `acts` for a country that is the subject of a verb.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..slugs import slugify
from . import names, places, roles
from .model import Entity, Mention
from .nlp import doc_text, lemma

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
SPACY_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
ORG_WORDS = {
    "ministry",
    "department",
    "dept",
    "army",
    "forces",
    "force",
    "police",
    "party",
    "council",
    "committee",
    "commission",
    "agency",
    "union",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "llc",
    "plc",
    "group",
    "university",
    "college",
    "school",
    "institute",
    "academy",
    "bank",
    "court",
    "government",
    "office",
    "association",
    "organisation",
    "organization",
    "foundation",
    "movement",
    "front",
    "brigade",
    "brigades",
    "battalion",
    "regiment",
    "navy",
    "guard",
    "guards",
    "militia",
    "news",
    "times",
    "post",
    "herald",
    "gazette",
    "journal",
    "press",
    "tribune",
    "radio",
    "tv",
    "television",
    "network",
    "broadcasting",
    "service",
    "services",
    "authority",
    "administration",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "club",
    "fc",
    "team",
    "airlines",
    "airways",
    "federation",
    "league",
    "alliance",
    "coalition",
    "church",
    "society",
    "board",
    "bureau",
    "institution",
    "trust",
    "fund",
    "programme",
    "program",
    "cabinet",
    "secretariat",
    "directorate",
    "command",
    "corps",
    "taliban",
    "al-qaeda",
    "al-qaida",
    "hezbollah",
    "hamas",
    "isis",
    "isil",
    "daesh",
    "houthis",
    "houthi",
    "al-shabaab",
    "mujahideen",
    "wikinews",
    "reuters",
    "bbc",
    "cnn",
    "magazine",
    "municipality",
    "org",
    "instituto",
    "istituto",
    "institut",
    "universidad",
    "università",
    "universität",
    "partido",
    "partito",
    "movimento",
    "movimiento",
    "banco",
    "banca",
    "tech",
    "records",
    "studios",
    "pictures",
    "holdings",
    "partners",
    "industries",
    "technologies",
    "systems",
    "labs",
    "media",
    "entertainment",
    "motors",
    "pharmaceuticals",
}
# Newspaper titles end in these: "Toronto Star", "Edmonton Sun", "Daily Mail".
NEWS_WORDS = {
    "star", "sun", "globe", "mail", "chronicle", "telegraph", "observer", "guardian", "examiner",
    "inquirer", "courier", "mirror", "sentinel", "dispatch", "gazette", "herald", "times", "post",
    "tribune", "journal", "news", "standard", "express", "independent", "record", "register",
}  # fmt: skip
# Two-word endings that make an organization although the last word alone is a place word.
ORG_ENDINGS = {("school", "district"), ("water", "district"), ("fire", "district"), ("park", "service")}
PLACE_WORDS = {
    "museum",
    "airport",
    "station",
    "base",
    "mosque",
    "temple",
    "cathedral",
    "tower",
    "towers",
    "square",
    "bridge",
    "park",
    "street",
    "road",
    "avenue",
    "stadium",
    "arena",
    "hospital",
    "palace",
    "hall",
    "building",
    "prison",
    "camp",
    "dam",
    "valley",
    "river",
    "lake",
    "mountain",
    "mountains",
    "sea",
    "ocean",
    "island",
    "islands",
    "strait",
    "gulf",
    "bay",
    "pass",
    "desert",
    "plaza",
    "center",
    "centre",
    "district",
    "province",
    "county",
    "village",
    "crossing",
    "border",
    "canal",
    "port",
    "harbour",
    "harbor",
    "peninsula",
    "coast",
    "planetarium",
    "gallery",
    "zoo",
    "mall",
    "market",
    "highway",
    "boulevard",
    "facility",
    "city",
    "memorial",
    "monument",
    "cave",
    "caves",
    "hotel",
    "theatre",
    "theater",
    "opera",
}
PLACE_NOUNS = {
    "province": "region",
    "provinces": "region",
    "state": "region",
    "region": "region",
    "city": "city",
    "district": "place",
    "districts": "place",
    "village": "place",
}
WITHIN_OF = re.compile(
    r"^(?:['\u2019]s)?\s+(?:district|province|county|region|city|town|village|area)\s+of\s+$"
)
WITHIN_IN = re.compile(r"^\s+(?:district|county|village|town|area)?\s*(?:of|in|,)\s+(?:the\s+)?$")
# A word right after a name that shows it is a company or body: "Cisco spokesman", "Apple CEO".
ORG_CONTEXT = {
    "ceo",
    "cfo",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executive",
    "executives",
    "chairman",
    "shares",
    "stock",
    "employees",
    "staff",
    "officials",
    "founder",
    "co-founder",
    "subsidiary",
    "headquarters",
    "website",
    "inc",
    "corp",
    "ltd",
    "board",
    "members",
    "member",
    "leader",
    "leadership",
    "chief",
}
LOCATIVE = {
    "in",
    "at",
    "from",
    "to",
    "near",
    "into",
    "across",
    "outside",
    "inside",
    "around",
    "toward",
    "towards",
}
NAMED_AREA = re.compile(
    r"\b(?:district|province|village|town|county) of ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
    r"|\b([A-Z][\w-]+) (?:district|village)\b(?! of)"
)
# Upper-case words that are not names of anything: time zones, units, formats, interjections.
NOT_ACRONYM_NAMES = {
    "GMT",
    "UTC",
    "EST",
    "PST",
    "CET",
    "AM",
    "PM",
    "TV",
    "OK",
    "PC",
    "CD",
    "DVD",
    "USB",
    "PDF",
    "HTML",
    "URL",
    "FAQ",
    "ID",
    "GB",
    "MB",
    "KB",
    "TB",
    "GHZ",
    "MHZ",
    "KM",
    "KG",
    "MPH",
    "AD",
    "BC",
    "CE",
    "BCE",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "LOL",
    "OMG",
    "PS",
    "RIP",
    "VIP",
    "DIY",
    "ASAP",
    "HIV",
    "AIDS",
    "COVID",
    "SARS",
    "GDP",
    "CPI",
    "IPO",
    "AI",
    "IT",
    "VR",
    "AR",
    "3D",
    "HD",
    "LED",
    "LCD",
    "GPS",
    "SMS",
    "IQ",
    "QC",
    "KC",
    "SC",
    "OBE",
    "MBE",
    "CBE",
    "PHD",
    "JR",
    "SR",
}
MAX_SCAN_TOKENS = 4
MIN_SCAN_CITY = 100_000  # a city spaCy did not tag is taken from the gazetteer only if this big


@dataclass
class Cand:
    """One mention before grouping."""

    start: int
    end: int
    text: str
    label: str
    span: Span
    title: str = ""
    kind: str | None = None
    place: places.Place | None = None
    known: Entity | None = None
    group: str = ""
    team: str = ""  # a country's national team in a match report: the country's name
    roles: list[str] = field(default_factory=list)


def _spans(doc: Doc) -> list[tuple[Span, str]]:
    """spaCy's entities plus capitalised gazetteer names it missed (Florida, Toronto, Mexico)."""
    out = _join_first_names(doc, [(e, e.label_) for e in doc.ents if e.label_ in LABELS])
    taken = {i for e, _ in out for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        hit = None
        first = doc[i]
        # every window starts at token i: when it cannot start a name, no window can
        can_start = (
            i not in taken
            and not first.ent_type_
            and (first.is_title or first.is_upper)
            and first.pos_ == "PROPN"
        )
        for n in range(MAX_SCAN_TOKENS, 0, -1) if can_start else ():
            span = doc[i : i + n]
            if len(span) < n or any(
                t.i in taken or t.ent_type_ or not t.is_title and not t.is_upper for t in span
            ):
                continue
            if any(t.pos_ != "PROPN" for t in span):
                continue
            if _inside_title(span):
                continue
            place = places.best(span.text)
            if place and (place.kind != "city" or place.weight >= MIN_SCAN_CITY):
                hit = span
                break
        if hit is not None and len(hit) == 1 and hit.end < len(doc) and _given_name(hit.text):
            nxt = doc[hit.end]
            if (
                nxt.i not in taken
                and not nxt.ent_type_
                and _surname_token(nxt)
                and "\n" not in hit[0].whitespace_
            ):
                out.append((doc[hit.start : hit.end + 1], "PERSON"))  # "Regina Ip": not the city
                i = hit.end + 1
                continue
        if hit is not None:
            paper = _newspaper(hit)
            out.append((paper, "ORG") if paper is not None else (hit, "GAZ"))
            i = (paper or hit).end
            continue
        t = doc[i]
        if i not in taken and not t.ent_type_ and _is_acronym_name(t) and not t.is_sent_start:
            out.append((doc[i : i + 1], "ACRO"))  # FIFA, NWSC: an organization's initials spaCy left untagged
        elif i not in taken and not t.ent_type_ and not t.is_sent_start:
            org = _untagged_org(doc, i, taken)
            if org is not None:
                out.append((org, "ORG"))
                i = org.end
                continue
        i += 1
    for m in NAMED_AREA.finditer(doc_text(doc)):
        span = doc.char_span(*m.span(1 if m.group(1) else 2), alignment_mode="expand")
        if span is not None and not any(t.i in taken or t.ent_type_ for t in span):
            out.append((span, "LOC"))  # "district of Khawahan", "Garmsir district": spaCy often misses these
    return sorted(out, key=lambda x: x[0].start)


def _plain_name_token(t, taken: set[int]) -> bool:
    return t.i not in taken and not t.ent_type_ and t.is_title and t.is_alpha and "\n" not in t.whitespace_


def _untagged_org(doc: Doc, i: int, taken: set[int]) -> Span | None:
    """Names spaCy left untagged that their context shows to be organizations: a newspaper's title
    (`The Deseret News`) and a one-word name before a company word (`Facebook founder`, `Google
    spokesman`)."""
    t = doc[i]
    if not _plain_name_token(t, taken) or t.pos_ != "PROPN" or names.is_title_word(t.text):
        return None
    for n in (2, 3):
        span = doc[i : i + n]
        if len(span) == n and all(_plain_name_token(x, taken) or x.i == span.end - 1 for x in span):
            if span[-1].is_title and span[-1].lower_ in NEWS_WORDS and not span[-1].ent_type_:
                return span
    j = i + 1
    if j < len(doc) and doc[j].lower_ in ORG_CONTEXT | {"creator", "users"} and doc[j].pos_ == "NOUN":
        if not _given_name(t.text) and not places.candidates(t.text):
            return doc[i:j]
    return None


def _inside_title(span: Span) -> bool:
    """`Man of the Match`, `Bank of Canada`: a capitalised word before `of (the) Capitalised` starts a
    longer name, whatever place shares its first word."""
    doc, j = span.doc, span.end
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        nxt = doc[j + 2] if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else doc[j + 1]
        return nxt.is_title and not places.candidates(nxt.text)
    return False


def _surname_token(t) -> bool:
    return (
        t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and t.is_alpha
        and not t.is_upper
        and "\n" not in t.whitespace_
    )


def _newspaper(span: Span) -> Span | None:
    """`Toronto` (GPE) + `Star`, `Sydney` + `Morning Herald`: a place name that starts a newspaper's."""
    doc, end = span.doc, span.end
    for n in (1, 2):
        tail = doc[end : end + n]
        if len(tail) < n or any(not t.is_title or t.ent_type_ for t in tail):
            return None
        if "\n" in doc[end - 1 : end + n - 1].text_with_ws:
            return None
        if tail[-1].lower_ in NEWS_WORDS:
            return doc[span.start : end + n]
    return None


def _body_after(span: Span) -> Span | None:
    """`Saudi` (NORP) + `Interior Ministry`, `Afghan` + `Border Police`: a nationality or country
    followed by capitalised words ending in an organization word is that body's name."""
    doc, end = span.doc, span.end
    for n in (1, 2, 3):
        tail = doc[end : end + n]
        if len(tail) < n or any(not t.is_title or t.ent_type_ not in ("", "ORG") for t in tail):
            return None
        if "\n" in doc[end - 1 : end + n - 1].text_with_ws:
            return None
        if end + n < len(doc) and doc[end + n].ent_iob_ == "I":
            continue  # the organization spaCy tagged goes on: take all of it
        if names.word(tail[-1].text) in ORG_WORDS:
            return doc[span.start : end + n]
    return None


def _given_name(word: str) -> bool:
    """A first name that is not first of all a country or region (Georgia, Jordan); a city's name
    (Regina, Houston) counts only when it is a common given name."""
    weight = names.first_name_weight(word)
    if not weight:
        return False
    found = places.candidates(word)
    if any(p.kind == "country" for p in found):
        return False
    if any(p.kind == "region" for p in found):
        return weight >= 5  # Paul, Victoria: given names first; Carolina, Kent: places first
    return weight >= 3 or not found


def _trailing_person(span: Span) -> Span | None:
    """`Council on American-Islamic Relations Alia Salem`: spaCy ran an organization's name into the
    person's after it; a long span ending in a common given name and a surname is cut there."""
    if len(span) < 4:
        return None
    first, last = span[-2], span[-1]
    if not (_surname_token(last) and first.is_title and names.first_name_weight(first.text) >= 3):
        return None
    if names.word(last.text) in ORG_WORDS or places.candidates(first.text) or span[-3].is_punct:
        return None
    return span[-2:]


def _join_first_names(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """`Dries` (ORG) + `Mertens`, `Valeska` (GPE) + `Paris`: a given name that spaCy tagged as
    something else, followed by a capitalised name, is one person's name."""
    out, skip_to = [], -1
    for span, label in spans:
        if span.start < skip_to:
            continue
        person = _trailing_person(span) if label == "ORG" else None
        if person is not None:
            out.append((span.doc[span.start : person.start], "ORG"))  # "... Islamic Relations" + "Alia Salem"
            out.append((person, "PERSON"))
            continue
        paper = _newspaper(span) if label in ("GPE", "LOC") else None
        if paper is None and label == "NORP":
            paper = _body_after(span)
        if paper is not None:
            out.append((paper, "ORG"))
            skip_to = paper.end
            continue
        before = doc[span.start - 1] if span.start else None
        if (
            label in ("GPE", "LOC", "ORG", "NORP", "PERSON")
            and len(span) == 1
            and before is not None
            and not before.ent_type_
            and before.text[:1].isupper()
            and not before.is_sent_start
            and "\n" not in before.whitespace_
            and _given_name(before.text)
            and _surname_token(span[0])
            and (label == "PERSON" or not places.candidates(span.text))
        ):
            out.append(
                (doc[span.start - 1 : span.end], "PERSON")
            )  # "Vitas" + "Gerulaitis" (GPE), "Junius" + "Ho"
            continue
        first = span[0]
        if (
            label != "PERSON"
            and len(span) == 1
            and span.end < len(doc)
            and "\n" not in first.whitespace_
            and first.text[:1].isupper()
            and not first.is_upper
            and _given_name(first.text)
            and _surname_token(doc[span.end])
        ):
            end = span.end + 1
            if end < len(doc) and _surname_token(doc[end]) and "\n" not in doc[end - 1].whitespace_:
                end += 1
            whole = doc[span.start : end]
            if _cue_kind(whole.text) is None and not places.candidates(whole.text):
                out.append((whole, "PERSON"))
                skip_to = end
                continue
        out.append((span, label))
    return out


def _is_acronym_name(t) -> bool:
    return (
        t.pos_ == "PROPN"
        and t.is_upper
        and t.is_alpha
        and 2 <= len(t.text) <= 6
        and t.text not in NOT_ACRONYM_NAMES
        and not names.is_title_word(t.text)
    )


def _is_common_word(span: Span) -> bool:
    """A capitalised common noun tagged as a name ("Photographs", "Iodine"): one token, tagged NN/NNS."""
    return len(span) == 1 and span[0].tag_ in ("NN", "NNS") and not span[0].is_upper


def _cue_kind(text: str) -> str | None:
    words = [names.word(w) for w in re.split(r"[\s/]+", text) if w]
    if not words:
        return None
    if len(words) > 1 and (tuple(words[-2:]) in ORG_ENDINGS or words[-1] in NEWS_WORDS):
        return "organization"  # Irving Independent School District, Edmonton Sun
    if words[0] in PLACE_WORDS and len(words) > 2 and words[1] == "of" and words[0] not in ORG_WORDS:
        return "place"  # Museum of Flight, Bridge of Sighs
    if words[-1] in PLACE_WORDS and not (len(words) > 2 and "of" in words and words[0] in ORG_WORDS):
        return "place"
    if any(w in ORG_WORDS for w in words):
        return "organization"
    return None


# One word that names a kind of body or a belief, not one body: "the Administration", "Scientologists".
GENERIC_BODIES = {
    "administration", "affairs", "department", "office", "government", "ministry", "agency",
    "committee", "commission", "board", "authority", "service", "services", "volunteer", "volunteers",
    "emeritus", "management", "headquarters", "state",
}  # fmt: skip
BELIEF_SUFFIXES = ("ist", "ists", "ism", "isms", "phobia", "ics")


def _generic_word(text: str) -> bool:
    if " " in text or text.isupper():
        return False
    w = text.casefold()
    return w in GENERIC_BODIES or w.endswith(BELIEF_SUFFIXES)


SCORE_TAIL = re.compile(r"\s+\d{1,2}$")


def _trim_descriptor(c: names.Cleaned, label: str, lower_initial: set[str]) -> names.Cleaned:
    """`Nonpartisan Paul Tse`, `Pro-Beijing DAB`: a first word the article also writes in lower case
    ("nonpartisan", "pro-Beijing") describes the name that follows; it is not part of it."""
    words = c.text.split(" ")
    if len(words) < 2 or words[0].casefold() not in lower_initial or not words[1][:1].isupper():
        return c
    rest = " ".join(words[1:])
    if _given_name(words[1]) or names.is_acronym(rest) or "-" in words[0]:
        cut = len(words[0]) + 1
        return names.Cleaned(c.start + cut, c.end, rest, c.title)
    return c


def _trim_title_tail(c: names.Cleaned, label: str, span: Span) -> names.Cleaned:
    """`NASA Administrator` (before `Charles Bolden`): the body's name without the title after it."""
    words = c.text.split(" ")
    doc = span.doc
    follows_name = span.end < len(doc) and doc[span.end].ent_type_ == "PERSON"
    if label == "ORG" and len(words) > 1 and follows_name and names.word(words[-1]) in names.TITLES:
        rest = " ".join(words[:-1])
        return names.Cleaned(c.start, c.start + len(rest), rest, c.title)
    return c


# A government portfolio after `Secretary of` / `Minister of`: part of the title, not a body.
PORTFOLIOS = {
    "state", "defence", "defense", "health", "interior", "finance", "justice", "education", "energy",
    "labour", "labor", "treasury", "commerce", "agriculture", "transport", "transportation", "trade",
    "culture", "environment", "war", "information", "communications",
}  # fmt: skip


def _title_complement(span: Span) -> bool:
    """`State` in `Secretary of State`: a portfolio word after `<title> of` (`chairman of Genentech`
    keeps its company)."""
    doc, i = span.doc, span.start
    return (
        len(span) == 1
        and span[0].lower_ in PORTFOLIOS
        and i > 1
        and doc[i - 1].lower_ == "of"
        and names.word(doc[i - 2].text) in names.TITLES
    )


def _title_before(span: Span) -> str:
    """`President` in `President Rahmon` when spaCy's span leaves the title out: capitalised title
    words right before the name (honorifics are no titles)."""
    doc, i = span.doc, span.start
    words: list[str] = []
    while i > 0 and len(words) < 3:
        t = doc[i - 1]
        if not t.is_title or not names.is_title_word(t.text) or names.word(t.text) in names.HONORIFICS:
            break
        words.insert(0, t.text)
        i -= 1
    return " ".join(words)


def _candidates(doc: Doc, known: dict[str, Entity]) -> list[Cand]:
    lower_words = {t.text for t in doc if t.is_lower}
    out, text = [], doc_text(doc)  # Doc.text joins every token on each call: read it once
    lower_initial = {w.strip(".,;:\"'()").casefold() for w in text.split() if w[:1].islower()}
    for span, label in _spans(doc):
        c = names.clean_span(text, span.start_char, span.end_char)
        if c is None or _title_complement(span):
            continue
        if c.text.upper() in NOT_ACRONYM_NAMES and not known.get(c.text.casefold()):
            continue
        if c.title and label == "ORG" and _cue_kind(c.text) == "organization":
            # "Interior Ministry", "Defence Committee": the title word belongs to the name
            start = c.start - len(c.title) - 1
            if start >= 0 and text[start : c.start - 1] == c.title:
                c = names.Cleaned(start, c.end, text[start : c.end], "")
        c = _trim_title_tail(_trim_descriptor(c, label, lower_initial), label, span)
        first = span[0]
        if first.is_sent_start and first.tag_ == "JJ" and len(span) > 1 and c.start == first.idx:
            cut = span[1].idx - first.idx  # "Successful Stormtroopers ...": an adjective opens the sentence
            c = names.Cleaned(c.start + cut, c.end, c.text[cut:], c.title)
        tail = SCORE_TAIL.search(c.text)
        if tail and SCORE.match(text, c.start + tail.start() + 1):  # "Sweden 1 – 0 Korea": a score
            c = names.Cleaned(c.start, c.start + tail.start(), c.text[: tail.start()], c.title)
        sub = doc.char_span(c.start, c.end, alignment_mode="expand")
        if sub is None or not len(sub):
            continue
        hit = known.get(c.text.casefold()) or known.get(names.key(c.text))
        if not hit:
            tokens = re.split(r"[\s-]+", c.text)
            if all(places.is_demonym(t) for t in tokens) or all(names.is_title_word(t) for t in tokens):
                continue
            if c.text.isdigit() or places.norm(c.text) in places.NOT_PLACE_NAMES:
                continue
            if _generic_word(c.text):
                continue
            # a word the article also writes in lower case is a common word: "Iodine" / "iodine", "Man"
            common = (
                _is_common_word(sub)
                or (len(sub) == 1 and c.text.lower() in lower_words)
                or (" " not in c.text and c.text.casefold() in lower_initial)
            )
            big_place = any(p.kind in ("country", "region") for p in places.candidates(c.text))
            if common and not big_place:
                continue
            if label == "NORP" and not places.candidates(c.text) and _cue_kind(c.text) != "organization":
                continue
        out.append(Cand(c.start, c.end, c.text, label, sub, c.title or _title_before(sub), known=hit))
    return out


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
    return bool(m and any(p.kind in ("region", "country") for p in places.candidates(m.group(1))))


def _org_context(c: Cand) -> bool:
    doc, j = c.span.doc, c.span.end
    if j < len(doc) and doc[j].text in ("'s", "\u2019s"):
        j += 1
    return j < len(doc) and names.word(doc[j].text) in ORG_CONTEXT and doc[j].pos_ in ("NOUN", "PROPN")


# Verbs whose subject is a body or company rather than a place: "Cisco sued Apple", "Cisco said".
ACTOR_VERBS = {
    "say",
    "sue",
    "file",
    "announce",
    "acquire",
    "buy",
    "sell",
    "release",
    "launch",
    "report",
    "claim",
    "hire",
    "fire",
    "sign",
    "agree",
    "settle",
    "unveil",
    "introduce",
    "confirm",
    "deny",
    "state",
    "tell",
    "plan",
}


def _acts_as_company(c: Cand) -> bool:
    root = c.span.root
    return root.dep_ == "nsubj" and lemma(root.head) in ACTOR_VERBS


PARTICLES = {
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "la",
    "le",
    "du",
}


def _person_name(c: Cand) -> bool:
    """Given name + surname(s), all capitalised words, no cue word and no place: a person whatever
    spaCy's label ("Dean Kamen", "Annie Oakley")."""
    words = c.text.split()
    if not 2 <= len(words) <= 4 or not _given_name(words[0]):
        return False
    for w in words[1:]:
        if w.casefold() in PARTICLES:
            continue
        if not (w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()) or w.isupper():
            return False
    if c.span[-1].tag_ == "NNPS" or _cue_kind(c.text) or places.candidates(c.text):
        return False
    return not any(t.lower_ in ORG_CONTEXT or t.lower_ in PLACE_WORDS for t in c.span)


# Words of match reports: with a score in the text, several of these make an article a sports story.
SPORTS_WORDS = {
    "goal", "match", "referee", "striker", "goalkeeper", "midfielder", "defender", "penalty",
    "tournament", "cup", "league", "championship", "inning", "wicket", "touchdown", "coach", "header",
    "semi-final", "quarter-final", "final", "squad", "fixture", "stadium", "game", "player", "team",
    "equalise", "equalize", "equaliser", "equalizer", "substitute", "kick-off", "half-time", "scorer",
    "olympics", "medal", "race", "set", "tie-break", "innings", "try", "round",
}  # fmt: skip
SCORE = re.compile(r"(?<![\d.,:/-])\d{1,2}\s?[\u2013\u2014-]\s?\d{1,2}(?![\d.,:/-])")
# Prepositions before a country that still mean the place in a sports story: "in Russia", "at Wembley".
PLACE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "across",
    "inside",
    "outside",
    "around",
    "into",
    "toward",
    "towards",
}


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


UK_NATIONS = {"England", "Scotland", "Wales", "Northern Ireland"}


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


# Words after a one-word name that show a company, service or product line: "Twitter users".
SERVICE_CONTEXT = {"users", "user", "account", "accounts", "app", "feed", "platform", "customers", "software"}


def _org_evidence(c: Cand) -> bool:
    """`on Twitter`, `via Facebook`, `Twitter users`: a one-word name that is no given name."""
    if len(c.span) != 1 or _given_name(c.text):
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
        unknown = [c for c in members if c.label in ("GPE", "LOC") and not places.candidates(c.text)]
        rest = [c.label for c in members if c not in unknown]
        if unknown and rest and all(lab == "ORG" for lab in rest):
            for c in unknown:
                c.label = (
                    "ORG"  # "Ubisoft, Microsoft and ...": a name no gazetteer knows, listed with companies
                )
            continue
        if len(members) < 3:
            continue
        if n < 2 or n * 3 < 2 * len(members) or label not in ("PERSON", "ORG"):
            continue
        for c in members:
            if c.label != label and not places.candidates(c.text):
                c.label = label


GROUP_NOUNS = {
    "group", "party", "band", "company", "firm", "organisation", "organization", "club", "team",
    "movement", "newspaper", "magazine", "website", "network", "label", "brand", "startup", "charity",
}  # fmt: skip


def _affiliation(c: Cand) -> bool:
    """A name after `<person> of|from` or after a group noun names a body, whatever spaCy's label:
    `Cheng Chung-tai of Civic Passion`, `localist group Civic Passion`."""
    if _given_name(c.text.split()[0]):
        return False
    doc, i = c.span.doc, c.span.start
    if i > 0 and doc[i - 1].lower_ in GROUP_NOUNS and doc[i - 1].is_lower:
        return True
    return i > 1 and doc[i - 1].lower_ in ("of", "from") and doc[i - 2].ent_type_ == "PERSON"


OCCUPATIONS = {
    "designer", "singer", "actor", "actress", "author", "writer", "photographer", "artist", "musician",
    "painter", "poet", "player", "rapper", "comedian", "athlete", "chef", "architect", "novelist",
    "journalist", "scientist", "economist", "lawyer", "activist", "filmmaker", "songwriter", "model",
    "footballer", "cricketer", "golfer", "boxer", "sculptor", "dancer", "composer", "historian",
}  # fmt: skip


def _after_occupation(c: Cand) -> bool:
    doc, i = c.span.doc, c.span.start
    return i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ in OCCUPATIONS and not _cue_kind(c.text)


def _after_place_noun(c: Cand) -> bool:
    doc, i = c.span.doc, c.span.start
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ("town", "village", "city", "hamlet")


def _decide_kinds(doc: Doc, cands: list[Cand]) -> None:
    _vote_labels(cands)
    _vote_lists(cands)
    countries = {p.id for c in cands for p in [places.best(c.text)] if p and p.kind == "country"}
    sports = _sports_story(doc)
    service = {c.text for c in cands if c.label in ("PERSON", "GPE", "LOC") and _org_evidence(c)}
    lower_words = {t.text for t in doc if t.is_lower}
    unknown_gpe_acting = {
        names.key(c.text)
        for c in cands
        if c.label in ("GPE", "LOC") and not places.candidates(c.text) and _acts_as_company(c)
    }
    for c in cands:
        if c.known:
            c.kind = c.known.kind
            continue
        if c.label != "PERSON" and len(c.span) <= 2 and _after_occupation(c):
            c.kind, c.label = "person", "PERSON"  # "fashion designer Halston"
            continue
        if c.text in service and not places.candidates(c.text):
            c.kind = "organization"  # "on Twitter", "Twitter users": a service, not a person
            continue
        if c.label in ("ORG", "GPE", "LOC", "NORP") and _person_name(c):
            c.kind, c.label = "person", "PERSON"  # "Dean Kamen", "Thibaut Courtois" tagged ORG
            continue
        words = [names.word(w) for w in c.text.split()]
        if len(words) > 2 and words[0] in ORG_WORDS and words[1] == "of" and words[0] not in PLACE_WORDS:
            c.kind = "organization"  # "Municipality of Livorno", "Bank of England": not the place
            continue
        multi_person = c.label == "PERSON" and len(c.text.split()) > 1
        place = None if multi_person else places.best(c.text, countries, _place_hint(doc, c))
        if place and place.kind == "city" and c.label in ("PERSON", "ORG") and not _locative(c):
            if c.label == "PERSON" or place.weight < MIN_SCAN_CITY:
                place = None  # a town's name tagged as a person is more often a surname or a brand
        if place is None and _after_place_noun(c):
            c.kind = "place"  # "the town of Yeoncheon": whatever spaCy thought
            continue
        if _national_team(c, place, sports):
            c.kind, c.team = "organization", place.name
            continue
        if place:
            c.place, c.kind = place, place.kind
            continue
        cue = _cue_kind(c.text)
        if cue:
            c.kind = cue
        elif c.label == "PERSON" and _affiliation(c):
            c.kind = "organization"  # "Cheng Chung-tai of Civic Passion", "the group Civic Passion"
        elif (
            c.label == "PERSON"
            and not _given_name(c.text.split()[0])
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
        elif c.label in SPACY_KIND:
            c.kind = SPACY_KIND[c.label]
        else:
            c.kind = "organization"


def _short_team_names(cands: list[Cand]) -> None:
    """`Korea` after `South Korea` (a team) in the same match report is that team."""
    teams = {c.team for c in cands if c.team}
    for c in cands:
        if c.team or c.known or c.kind == "country":
            continue
        hits = {t for t in teams if t.split()[-1] == c.text or t.split()[0] == c.text}
        if len(hits) == 1 and len(c.text.split()) == 1:
            c.team, c.kind, c.place = hits.pop(), "organization", None


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in text.replace("-", " - ").split() if t != "-"]


def _group(doc: Doc, cands: list[Cand]) -> None:
    """Give each mention its entity's group key: known id, place id, or the full name it stands for."""
    people = {
        names.key(c.text): c for c in cands if c.kind == "person" and len(c.text.split()) > 1 and not c.known
    }
    counts = Counter(names.key(c.text) for c in cands)
    orgs = {names.key(c.text): c for c in cands if c.kind == "organization" and len(c.text.split()) > 1}
    acronyms = {}
    for m in re.finditer(
        r"([A-Z][\w'&.-]*(?:\s+(?:of|and|the|for|on|in|&|[A-Z][\w'&.-]*))+)\s+\(([A-Z][A-Za-z.&]{1,9})\)",
        doc_text(doc),
    ):
        expansion = names.LEADING_ARTICLE.sub("", m.group(1))
        acronyms[m.group(2).replace(".", "")] = names.key(expansion)
    for k, c in orgs.items():
        if len(c.text.split()) > 2 or names.initials(c.text) not in acronyms:
            acronyms.setdefault(names.initials(c.text), k)
    for c in cands:
        k = names.key(c.text)
        if c.known:
            c.group = "id:" + c.known.id
            continue
        if c.team:
            c.group = "team:" + c.team
            continue
        if c.kind in ("country", "region") and c.place:
            c.group = "id:" + c.place.id
            continue
        toks = _tokens(k)
        if len(toks) <= 2 and k not in people:
            full = _main_full_name([pk for pk in people if _is_short_form(toks, _tokens(pk))], counts)
            if full:
                c.group, c.kind, c.place = "name:" + full, "person", None
                continue
        bare = c.text.replace(".", "")
        if names.is_acronym(c.text) and bare in acronyms and acronyms[bare] != k:
            target = acronyms[bare]
            if target in orgs or any(names.key(o.text) == target for o in cands):
                c.group = "name:" + target
                continue
        if c.place:
            c.group = "id:" + c.place.id
            continue
        if c.kind in ("organization", "place", "person") and k not in orgs and len(toks) < 3:
            longer = [ok for ok in orgs if _tokens(ok)[-len(toks) :] == toks and len(_tokens(ok)) > len(toks)]
            if len(longer) == 1 and not places.candidates(c.text):
                c.group = "name:" + longer[0]
                continue
        if c.kind == "organization" and k in orgs:
            national = [ok for ok in orgs if ok.endswith(" " + k) and _place_prefix(ok[: -len(k) - 1])]
            if len(national) == 1:
                c.group = "name:" + national[0]  # "Home Office" in an article about the UK Home Office
                continue
        c.group = "name:" + k


def _place_prefix(text: str) -> bool:
    """`united kingdom`, `saudi`, `us`: a country or its people's name before a body's name."""
    return any(p.kind == "country" for p in places.candidates(text)) or places.is_demonym(text)


def _main_full_name(full: list[str], counts: Counter) -> str | None:
    """The one full name a short form stands for. Of several (`Mohamed`: `Ahmed Mohamed` and
    `Mohamed El-Hassan Mohamed`), the one the article names clearly more often: its subject."""
    full = sorted(set(full), key=lambda k: counts[k], reverse=True)
    if len(full) == 1 or full and counts[full[0]] >= 2 * counts[full[1]]:
        return full[0]
    return None


def _is_short_form(short: list[str], full: list[str]) -> bool:
    """`Rahmon` or `Emomali` for `Emomali Rahmon`; `Chung-tai` is not a person's short form of a party."""
    if not short or len(short) >= len(full):
        return False
    return full[-len(short) :] == short or full[: len(short)] == short


def _kind_of(members: list[Cand]) -> str:
    kinds = Counter(c.kind for c in members)
    if any(c.known for c in members):
        return next(c.known.kind for c in members if c.known)
    for c in members:
        if c.place:
            return c.place.kind
    people = sum(c.kind == "person" and len(c.text.split()) > 1 and c.label == "PERSON" for c in members)
    if people and people >= kinds["organization"]:
        return "person"
    cue = next((_cue_kind(c.text) for c in members if _cue_kind(c.text)), None)
    if cue:
        return cue
    return kinds.most_common(1)[0][0] or "organization"


def _name_of(members: list[Cand], kind: str) -> str:
    texts = [c.text for c in members if not names.is_acronym(c.text)] or [c.text for c in members]
    if kind == "person":
        return max(texts, key=lambda t: (len(t.split()), len(t)))
    counts = Counter(texts)
    return max(texts, key=lambda t: (len(t.split()), counts[t], len(t)))


def _within_from_text(doc: Doc, ent: Entity, by_name: dict[str, Entity]) -> str | None:
    """`Badakhshan's district of Khawahan`, `Khawahan district of Badakhshan`, `Khawahan, Badakhshan`."""
    text = doc_text(doc)
    for m in ent.mentions:
        for other in by_name.values():
            if other is ent or not other.is_place:
                continue
            for om in other.mentions:
                if om.end <= m.start and m.start - om.end < 40 and WITHIN_OF.match(text[om.end : m.start]):
                    return other.id
                if om.start >= m.end and om.start - m.end < 30 and WITHIN_IN.match(text[m.end : om.start]):
                    return other.id
    return None


# Verbs that describe where a country is, not what it does: "Afghanistan shares a border with ...".
STATIVE = {
    "be",
    "share",
    "border",
    "lie",
    "have",
    "remain",
    "include",
    "cover",
    "stretch",
    "neighbour",
    "neighbor",
}


def _acts(ent: Entity, cands: list[Cand]) -> bool:
    """A country acts when it is the subject of a verb that is not merely about where it lies."""
    for c in cands:
        root = c.span.root
        if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and lemma(root.head) not in STATIVE:
            return True
    return False


def _propagate(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Later mentions spaCy did not tag: the same name, or a person's surname, written again."""
    taken = [(c.start, c.end) for c in cands]
    forms: dict[str, Cand] = {}
    for c in cands:
        if c.kind == "person" and len(c.text.split()) > 1:
            forms.setdefault(c.text, c)
            forms.setdefault(c.text.split()[-1], c)
        elif c.kind and len(c.text) > 2:
            forms.setdefault(c.text, c)
    if not forms:
        return cands
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )
    added = []
    for m in pattern.finditer(doc_text(doc)):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(t.is_lower for t in span):
            continue
        src = forms[m.group(1)]
        before = doc[span.start - 1] if span.start else None
        title = (
            before.text if before is not None and before.is_title and names.is_title_word(before.text) else ""
        )
        added.append(
            Cand(
                m.start(),
                m.end(),
                m.group(1),
                "COPY",
                span,
                title if title and names.word(title) not in names.HONORIFICS else "",
                kind=src.kind,
                place=src.place,
                known=src.known,
                team=src.team,
            )
        )
    return sorted(cands + added, key=lambda c: c.start)


def find_entities(doc: Doc, known: dict[str, Entity] | None = None) -> list[Entity]:
    known = {k.casefold(): v for k, v in (known or {}).items()}
    cands = _candidates(doc, known)
    _decide_kinds(doc, cands)
    _short_team_names(cands)
    cands = _propagate(doc, cands)
    _group(doc, cands)
    groups: dict[str, list[Cand]] = {}
    for c in cands:
        groups.setdefault(c.group, []).append(c)
    found: dict[str, Entity] = {}
    members_of: dict[str, list[Cand]] = {}
    for members in groups.values():
        kind = _kind_of(members)
        template = next((c.known for c in members if c.known), None) or next(
            (c.place.entity() for c in members if c.place and c.place.kind == kind), None
        )
        if template:
            ent = Entity(
                template.id,
                template.name,
                template.kind,
                within=template.within,
                lat=template.lat,
                lon=template.lon,
            )
        else:
            name = f"{members[0].team} national team" if members[0].team else _name_of(members, kind)
            ent = Entity(slugify(name), name, kind)
        if ent.id in found:  # two groups that resolve to the same id: one entity
            ent = found[ent.id]
        found[ent.id] = ent
        members_of.setdefault(ent.id, []).extend(members)
    for ent_id, members in members_of.items():
        ent = found[ent_id]
        members.sort(key=lambda c: c.start)
        ent.mentions = [Mention(c.start, c.end, c.text) for c in members]
        aliases = []
        for c in members:
            for form in (c.text, f"{c.title} {c.text}" if c.title else ""):
                if form and form != ent.name and form not in aliases:
                    aliases.append(form)
        ent.aliases = aliases
        if ent.kind == "person":
            seen = {r.casefold() for r in ent.roles}
            for c in members:
                for role in roles.roles_for(c.span, c.title):
                    if role.casefold() not in seen:
                        seen.add(role.casefold())
                        ent.roles.append(role)
        if ent.kind == "country":
            ent.acts = _acts(ent, members)
    by_name = {e.name: e for e in found.values()}
    for ent in found.values():
        if ent.is_place and ent.kind != "country" and not ent.within:
            ent.within = _within_from_text(doc, ent, by_name)
    return sorted(found.values(), key=lambda e: e.mentions[0].start)
