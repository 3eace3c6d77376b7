"""Name spans in a parsed article: spaCy's entities, corrected and completed.

spaCy's PERSON/ORG/GPE/LOC/FAC/NORP entities, plus what it missed or cut wrong: gazetteer place names it
left untagged, a given name it split from its surname, a newspaper's title, an organisation's initials.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .. import names, places
from ..nlp import doc_text
from ..words.organizations import NEWS_WORDS, NOT_ACRONYM_NAMES, ORG_CONTEXT, ORG_WORDS
from .cues import cue_kind, given_name, surname_token

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


MAX_SCAN_TOKENS = 4


MIN_SCAN_CITY = 100_000  # a city spaCy did not tag is taken from the gazetteer only if this big


NAMED_AREA = re.compile(
    r"\b(?:district|province|village|town|county) of ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
    r"|\b([A-Z][\w-]+) (?:district|village)\b(?! of)"
)


def find_spans(doc: Doc) -> list[tuple[Span, str]]:
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
            if _inside_title(span) or _name_tail(span):
                continue
            if _well_known_place(span.text):
                hit = span
                break
        if hit is not None and len(hit) == 1 and hit.end < len(doc) and given_name(hit.text):
            nxt = doc[hit.end]
            if (
                nxt.i not in taken
                and not nxt.ent_type_
                and surname_token(nxt)
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


def _well_known_place(text: str) -> bool:
    """A name worth taking from the gazetteer where spaCy tagged nothing: a country, a province, a
    continent or a big city; never an abbreviation (`Ind.`, `Pa.`), which needs spaCy's say."""
    if places.is_abbreviation(text):
        return False
    return any(p.kind in ("country", "region") or p.weight >= MIN_SCAN_CITY for p in places.notable(text))


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
        if not given_name(t.text) and not places.notable(t.text):
            return doc[i:j]
    return None


def _name_tail(span: Span) -> bool:
    """`Junius Ho`, `Duran Duran`: a town's name right after a capitalised name word is the end of a
    longer name spaCy did not tag (`Central Java`, `Upper Egypt` start with a direction)."""
    doc, i = span.doc, span.start
    if i == 0:
        return False
    prev = doc[i - 1]
    return (
        prev.pos_ == "PROPN"
        and prev.is_title
        and prev.whitespace_ == " "
        and not names.is_title_word(prev.text)
        and not DIRECTION_WORD.fullmatch(prev.text)
        and not places.notable(prev.text)
    )


DIRECTION_WORD = re.compile(
    r"(?:north|south|east|west|central|mid|upper|lower|greater|inner|outer|new|old|great|little)(?:ern)?",
    re.IGNORECASE,
)


def _inside_title(span: Span) -> bool:
    """`Man of the Match`, `Bank of Canada`: a capitalised word before `of (the) Capitalised` starts a
    longer name, whatever place shares its first word."""
    doc, j = span.doc, span.end
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        nxt = doc[j + 2] if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else doc[j + 1]
        return nxt.is_title and not places.notable(nxt.text)
    return False


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


def _trailing_person(span: Span) -> Span | None:
    """`Council on American-Islamic Relations Alia Salem`: spaCy ran an organization's name into the
    person's after it; a long span ending in a common given name and a surname is cut there."""
    if len(span) < 4:
        return None
    first, last = span[-2], span[-1]
    if not (surname_token(last) and first.is_title and names.first_name_weight(first.text) >= 2):
        return None
    if cue_kind(last.text) or places.notable(first.text) or span[-3].is_punct:
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
            and given_name(before.text)
            and surname_token(span[0])
            and (label == "PERSON" or not places.notable(span.text))
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
            and given_name(first.text)
            and surname_token(doc[span.end])
        ):
            end = span.end + 1
            if end < len(doc) and surname_token(doc[end]) and "\n" not in doc[end - 1].whitespace_:
                end += 1
            whole = doc[span.start : end]
            if cue_kind(whole.text) is None and not places.notable(whole.text):
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
