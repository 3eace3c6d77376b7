"""One entity per real thing within an article: surnames and first names join the full name met in the
article, acronyms their expansion, short organization names the longer name they end; later mentions
spaCy did not tag are found again."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from .. import names, places
from ..identity import short_forms, usable
from ..nlp import doc_text
from .candidates import Cand
from .cues import cue_kind


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in text.replace("-", " - ").split() if t != "-"]


def group_mentions(doc: Doc, cands: list[Cand]) -> None:
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
        if c.kind in ("organization", "place", "person") and k not in orgs and len(toks) < 3 and usable(k):
            longer = [ok for ok in orgs if _tokens(ok)[-len(toks) :] == toks and len(_tokens(ok)) > len(toks)]
            longer = longer or [ok for ok in orgs if k in short_forms(ok)]  # `Apple` of `Apple Computer`
            if len(longer) == 1 and not places.notable(c.text):
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
    return any(p.kind == "country" for p in places.notable(text)) or places.is_demonym(text)


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


def kind_of(members: list[Cand]) -> str:
    kinds = Counter(c.kind for c in members)
    if any(c.known for c in members):
        return next(c.known.kind for c in members if c.known)
    for c in members:
        if c.place:
            return c.place.kind
    people = sum(c.kind == "person" and len(c.text.split()) > 1 and c.label == "PERSON" for c in members)
    if people and people >= kinds["organization"]:
        return "person"
    cue = next((cue_kind(c.text) for c in members if cue_kind(c.text)), None)
    if cue:
        return cue
    return kinds.most_common(1)[0][0] or "organization"


def name_of(members: list[Cand], kind: str) -> str:
    texts = [c.text for c in members if not names.is_acronym(c.text)] or [c.text for c in members]
    if kind == "person":
        return max(texts, key=lambda t: (len(t.split()), len(t)))
    counts = Counter(texts)
    return max(texts, key=lambda t: (len(t.split()), counts[t], len(t)))


def propagate(doc: Doc, cands: list[Cand]) -> list[Cand]:
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
