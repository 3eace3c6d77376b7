"""Name spans -> candidate mentions: trimmed (article, possessive, title, honorific; see names.py), with
nationality words, common nouns and generic bodies dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .. import names, places
from ..model import Entity
from ..nlp import doc_text
from ..words.organizations import BELIEF_SUFFIXES, GENERIC_BODIES, NOT_ACRONYM_NAMES, PORTFOLIOS
from ..words.place_words import AREA_NOUNS
from .cues import SCORE, cue_kind, given_name
from .spans import find_spans


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


def _is_common_word(span: Span) -> bool:
    """A capitalised common noun tagged as a name ("Photographs", "Iodine"): one token, tagged NN/NNS."""
    return len(span) == 1 and span[0].tag_ in ("NN", "NNS") and not span[0].is_upper


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
    if given_name(words[1]) or names.is_acronym(rest) or "-" in words[0]:
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


DIRECTION = re.compile(
    r"^(?:north|south|east|west|central|mid|upper|lower|greater|inner|outer|northern|southern|eastern|"
    r"western)(?:[- ](?:north|south|east|west)(?:ern)?)?[- ]+",
    re.IGNORECASE,
)
PLACE_LIST = re.compile(r"\s+and\s+|\s*[,/&]\s*|(?<=[a-z])-(?=[A-Z])")
MAX_PART_WORDS = 6


def _whole_place_name(text: str) -> bool:
    return bool(places.notable(text))


def _place_parts(c: names.Cleaned, label: str) -> list[names.Cleaned]:
    """`eastern China`, `Mid-Jutland`, `Central and South America`, `Indian Ocean coast`: a place
    span that names no place as a whole, cut to the place names in it."""
    if label not in ("GPE", "LOC") or places.candidates(c.text) or len(c.text.split()) > MAX_PART_WORDS:
        return [c]
    cue = cue_kind(c.text)
    if cue == "organization" or cue == "place" and names.word(c.text.split()[-1]) not in AREA_NOUNS:
        return [c]  # `Municipality of Livorno`, `Weatherspoon Art Museum`: a body or a building
    parts, pos = [], 0
    for piece in [*PLACE_LIST.split(c.text)]:
        at = c.text.index(piece, pos)
        pos = at + len(piece)
        found = _longest_place(piece)
        if found:
            i, j = found
            parts.append(names.Cleaned(c.start + at + i, c.start + at + j, piece[i:j], c.title))
    return parts or [c]


def _longest_place(piece: str) -> tuple[int, int] | None:
    """Offsets of the longest run of words in `piece` that is a place name."""
    piece = piece.rstrip()
    m = DIRECTION.match(piece)
    starts = [0] + ([m.end()] if m else [])
    words = [(w.start(), w.end()) for w in re.finditer(r"\S+", piece)]
    best = None
    for a in range(len(words)):
        for b in range(len(words), a, -1):
            i, j = words[a][0], words[b - 1][1]
            if i not in starts and not piece[i : i + 1].isupper():
                continue
            if places.notable(piece[i:j]) and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
    if m and best is None and places.notable(piece[m.end() :]):
        best = (m.end(), len(piece))
    return best


def find_candidates(doc: Doc, known: dict[str, Entity]) -> list[Cand]:
    lower_words = {t.text for t in doc if t.is_lower}
    out, text = [], doc_text(doc)  # Doc.text joins every token on each call: read it once
    lower_initial = {w.strip(".,;:\"'()").casefold() for w in text.split() if w[:1].islower()}
    for span, label in find_spans(doc):
        c = names.clean_span(text, span.start_char, span.end_char, keep=_whole_place_name)
        if c is None or _title_complement(span):
            continue
        if c.text.upper() in NOT_ACRONYM_NAMES and not known.get(c.text.casefold()):
            continue
        if c.title and label == "ORG" and cue_kind(c.text) == "organization":
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
        for part in _place_parts(c, label):
            cand = _candidate(doc, part, label, known, lower_words, lower_initial)
            if cand is not None:
                out.append(cand)
    return out


def _candidate(
    doc: Doc, c: names.Cleaned, label: str, known: dict[str, Entity], lower_words: set, lower_initial: set
) -> Cand | None:
    """The mention of a trimmed name, or None for a word that names nothing: a nationality, a
    title, a number, a common noun capitalised."""
    sub = doc.char_span(c.start, c.end, alignment_mode="expand")
    if sub is None or not len(sub):
        return None
    hit = known.get(c.text.casefold()) or known.get(names.key(c.text))
    if not hit:
        tokens = re.split(r"[\s-]+", c.text)
        if all(places.is_demonym(t) for t in tokens) or all(names.is_title_word(t) for t in tokens):
            return None
        if c.text.isdigit() or places.norm(c.text) in places.NOT_PLACE_NAMES or _generic_word(c.text):
            return None
        # a word the article also writes in lower case is a common word: "Iodine" / "iodine", "Man"
        common = (
            _is_common_word(sub)
            or (len(sub) == 1 and c.text.lower() in lower_words)
            or (" " not in c.text and c.text.casefold() in lower_initial)
        )
        big_place = any(p.kind in ("country", "region") for p in places.notable(c.text))
        if common and not big_place:
            return None
        if label == "NORP" and not places.notable(c.text) and cue_kind(c.text) != "organization":
            return None
    return Cand(c.start, c.end, c.text, label, sub, c.title or _title_before(sub), known=hit)
