"""Event nouns: an occurrence named by a noun that carries a time of its own is an event of its own.

"Shares rebounded after Monday's sell-off", "the March 2 crash", "GM's 2009 bankruptcy": the
noun's time names when that occurrence happened, not when the clause around it did (which keeps
its own date, see `attachment`). The noun, its modifiers and an "of" phrase are the event's text
("Monday's sell-off", "2001 collapse of Enron"). Only nouns that name an occurrence count (see
EVENT_NOUNS): "the 2018 budget", "2000 levels", "the February 12 issue" name things.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ..model import Event, Mention, Timex
from ..nlp import doc_text, lemma
from ..times.values import calendar_value, interval
from .rules import EVENT_NOUNS

LEADING = {"the", "a", "an", "this", "that", "these", "those"}
MAX_WORDS = 12  # a longer phrase is cut at the noun


def noun_event(noun: Token, time: Timex, dct: dt.date) -> Event | None:
    """The occurrence a noun names at its own time, or None when the noun names no occurrence or the
    time no calendar date. Actors and places are left to the caller, who knows the mentions."""
    if noun.pos_ != "NOUN" or not ({lemma(noun).lower(), _hyphenated(noun)} & EVENT_NOUNS):
        return None
    date = calendar_value(time.value)
    span = interval(date) if date else None
    if span is None:
        return None  # "the 1960s protests": no date the timeline can hold
    first, last = _extent(noun)
    doc = noun.doc
    words = "".join(t.text_with_ws for t in doc[first : last + 1]).strip()
    return Event(
        date=date,
        basis="stated",
        text=words[:1].upper() + words[1:],
        start=doc[first].idx,
        end=doc[last].idx + len(doc[last].text),
        status="expected" if span[0] > dct else "happened",
        trigger=_trigger(noun),
    )


def _hyphenated(noun: Token) -> str:
    """'sell-off' is parsed as "sell", "-", "off": the word as written."""
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_:
        return f"{doc[noun.i - 2].lower_}-{noun.lower_}"
    return noun.lower_


def _trigger(noun: Token) -> Mention:
    end = noun.idx + len(noun.text)
    start = noun.doc[noun.i - 2].idx if "-" in _hyphenated(noun) else noun.idx
    return Mention(start, end, doc_text(noun.doc)[start:end])


def _extent(noun: Token) -> tuple[int, int]:
    """Token indices of the noun with its modifiers and an "of" phrase, leading articles dropped."""
    first, last = noun.left_edge.i, noun.i
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and of.right_edge.i - first < MAX_WORDS:
        last = of.right_edge.i
    doc = noun.doc
    while first < noun.i and (doc[first].lower_ in LEADING or doc[first].is_punct):
        first += 1
    while last > noun.i and doc[last].is_punct:
        last -= 1
    return first, last
