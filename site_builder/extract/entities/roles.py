"""Roles of people from the words around their name: a title before it ("Tajikistan President Emomali
Rahmon" -> President of Tajikistan) and an apposition after it ("Mohammad Zaher, a border guard
commander in ..." -> Border guard commander in ...). Read off spaCy's parse; no lists of people.
"""

from __future__ import annotations

from spacy.tokens import Span

from .. import places
from ..names import HONORIFICS, TITLES, word

LINKS = {"of", "to", "for", "the", "'s", "\u2019s", "-", "and", "at", "&"}
MAX_ROLE_WORDS = 12
NOT_IN_ROLES = {"PERSON", "DATE", "TIME", "PERCENT", "MONEY", "CARDINAL", "QUANTITY", "ORDINAL"}
STOP_DEPS = {"relcl", "acl", "advcl", "cc", "conj", "punct", "appos"}


def _title_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _place_name(text: str) -> str | None:
    """`Tajikistan` or `Turkish` -> the country's name, for `President of Tajikistan`."""
    place = places.best(text.strip())
    if place and place.kind == "country":
        return place.name
    cc = places.demonym_country(text.strip())
    return places.get(places.country_id(cc)).name if cc and places.country_id(cc) else None


def title_before(name: Span) -> str | None:
    """The title run before a name, in its noun phrase: `U.S. President`, `border guard commander`."""
    doc, i = name.doc, name.start - 1
    heads = set(range(name.start, name.end))
    run: list = []
    while i >= name.sent.start:
        t = doc[i]
        lowered = word(t.text)
        if t.is_punct and t.text not in ("-", ".") or t.ent_type_ in NOT_IN_ROLES or t.like_num:
            break  # `Mr. Netanyahu and President`, `Friday to Turkish Prime Minister`: not one title
        titled = lowered in TITLES and lowered not in HONORIFICS
        attached = t.dep_ in ("compound", "amod", "nmod", "poss", "case") and (
            t.head.i in heads or t.head.i > i
        )
        if (
            titled
            or (t.text[:1].isupper() and t.pos_ == "PROPN")
            or (attached and t.pos_ in ("NOUN", "ADJ", "PROPN"))
            or (lowered in LINKS and run)
        ):
            run.insert(0, t)
            heads.add(t.i)
            i -= 1
            continue
        break
    while run and word(run[0].text) in LINKS:
        run.pop(0)
    if not run or not any(word(t.text) in TITLES and word(t.text) not in HONORIFICS for t in run):
        return None
    if len(run) > MAX_ROLE_WORDS:
        return None
    # "Tajikistan President" -> "President of Tajikistan"
    first_title = next(
        k for k, t in enumerate(run) if word(t.text) in TITLES or t.pos_ == "NOUN" and t.is_lower
    )
    head_text = doc[run[0].i : run[first_title].i].text if first_title else ""
    rest = doc[run[first_title].i : run[-1].i + 1].text
    country = _place_name(head_text.removesuffix("'s").removesuffix("\u2019s")) if head_text else None
    if country:
        return _title_case(f"{rest} of {country}")
    return _title_case(doc[run[0].i : run[-1].i + 1].text)


def title_after(name: Span) -> str | None:
    """`President Rahmon of Tajikistan`: a title before the name and `of <country>` after it."""
    doc = name.doc
    if name.end + 1 < len(doc) and doc[name.end].lower_ == "of":
        country = _place_name(doc[name.end + 1].text)
        if country and doc[name.end + 1].head.i == name.end:
            return country
    return None


def apposition(name: Span) -> str | None:
    """`Mohammad Zaher, a border guard commander in Badakhshan's district of Khawahan` -> the appositive."""
    doc = name.doc
    for t in name:
        for child in t.children:
            if child.dep_ != "appos" or child.i < name.end or child.pos_ not in ("NOUN",):
                continue
            words = []
            for w in child.subtree:
                if w.i > child.i and w.dep_ in STOP_DEPS and w.head.i == child.i:
                    break
                if w.text in (",", ";", "(", ")", "\u2014") or w.lower_ in ("who", "which", "was", "is"):
                    if words:
                        break
                    continue
                words.append(w)
            while words and words[0].dep_ == "det":
                words.pop(0)
            if 0 < len(words) <= MAX_ROLE_WORDS:
                return _title_case(doc[words[0].i : words[-1].i + 1].text)
    return None


# Roles held "to" someone: "adviser to President Ghani"; other roles are "of" them.
ROLES_TO = {"adviser", "advisor", "aide", "assistant", "envoy", "counsellor", "counselor"}
NOT_ROLE_NOUNS = {
    "foreign", "defence", "defense", "interior", "finance", "health", "home", "acting", "former",
    "ex", "late", "vice", "prime", "crown", "field", "head", "private", "agent", "general", "major",
}  # fmt: skip
MAX_CLIMB = 6


def _role_noun(t) -> bool:
    w = word(t.text)
    return (
        t.pos_ == "NOUN"
        and w not in NOT_ROLE_NOUNS
        and (w in TITLES or w in ROLES_TO)
        and w not in HONORIFICS
    )


def possessed_role(name: Span) -> str | None:
    """`President Ghani's national security adviser's trip to Dushanbe, where Hamdullah Moheb met ...`:
    a person's role noun that owns an event, and a relative clause on that event whose subject is a
    name: that name holds the role -> "National security adviser to President Ghani"."""
    root = name.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    t, relative = root.head, False
    for _ in range(MAX_CLIMB):
        if t.head.i == t.i:
            return None
        relative = relative or t.dep_ in ("relcl", "advcl")
        t = t.head
        if not relative:
            continue
        for role in t.children:
            if role.dep_ != "poss" or not _role_noun(role):
                continue
            owner = next((g for g in role.children if g.dep_ == "poss" and g.ent_type_ == "PERSON"), None)
            if owner is None:
                continue
            owner_words = [w for w in owner.subtree if w.dep_ != "case"]
            mods = [w for w in role.subtree if w.i < role.i and w.i > owner.i and w.dep_ != "case"]
            doc = name.doc
            owner_text = doc[owner_words[0].i : owner_words[-1].i + 1].text
            noun = doc[mods[0].i : role.i + 1].text if mods else role.text
            link = "to" if word(role.text) in ROLES_TO else "of"
            return _title_case(f"{noun} {link} {owner_text}")
    return None


def is_role(text: str) -> bool:
    """A title, not a clause fragment: no digits or percentages, no dangling link word."""
    words = text.split()
    return (
        bool(words)
        and not any(ch.isdigit() or ch == "%" for ch in text)
        and word(words[0]) not in LINKS
        and word(words[-1]) not in LINKS
    )


def roles_for(name: Span, stripped_title: str = "") -> list[str]:
    """Every role the text gives this mention of a person."""
    out = []
    before = title_before(name)
    after = title_after(name)
    if before:
        out.append(f"{before} of {after}" if after and " of " not in before else before)
    elif stripped_title:
        out.append(_title_case(f"{stripped_title} of {after}" if after else stripped_title))
    appos = apposition(name)
    if appos:
        out.append(appos)
    held = possessed_role(name)
    if held:
        out.append(held)
    return [role for role in out if is_role(role)]
