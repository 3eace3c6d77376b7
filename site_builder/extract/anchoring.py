"""Anchoring: the date, basis, range and status of each clause, by syntax and discourse.

- A time expression dates the clause whose predicate it modifies, in its own clause: found by
  walking up the parse from the expression to the first clause head. A temporal phrase on a noun
  ("the service in February passed Wal-Mart") dates that noun's clause.
- A time inside a name or a noun modifier ("the 2018 World Cup", "the Act of 1934", "Israel's
  2013 apology") dates nothing.
- "since X" opens a period still running (range since); after a superlative or "first" it
  compares ("first loss since 1992") and dates nothing.
- A clause with no time of its own takes its parent's when it belongs to the same act (a
  participle, an infinitive, a coordinated verb in the same tense, what is reported in the
  reporting verb's time); else the narrative's current time when it is told in the past
  (basis `context`); else the publication date (basis `reported`).
- Status: expected (future, modal, planned, conditional, or dated after publication), ongoing
  (a state or process running at its date), happened.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .clauses import SUBJECTS, Clause, Quotes
from .event_words import COMPARISON_WORDS, MODIFIER_DEPS, NAMING_PREPS, RANGE_OF_SIGNAL
from .model import Timex

NOUNS = ("NOUN", "PROPN", "PRON", "NUM")
NEWS_DAYS = 14  # a date this close to publication is the news, not background
WEAK = 100  # added to the distance of a time that only names a setting's day
SETTING_PREPS = {"in", "at", "during"}
# The prepositions of a time on a noun that date the noun's clause ("the service in February passed
# Wal-Mart", "slated for a release on June 24"); "over", "from", "between" give the noun a period.
LIFTED_SIGNALS = {"in", "on", "at", "since", "until", "till", "by", "before", "after"}
INHERIT_DEPS = {"conj", "advcl", "parataxis", "ccomp"}


@dataclass
class Dating:
    date: str
    basis: str  # stated | context | reported
    status: str  # happened | ongoing | expected
    range: str | None = None
    time: Timex | None = None  # its own time expression, if it has one
    event: bool = True  # False: background (a description, a state, a quote's words)


@dataclass
class Anchor:
    """A time expression attached to a clause: through which preposition, how many arcs up."""

    time: Timex
    signal: str | None
    hops: int


class Narrative:
    """The story's current times: the latest recent date a past event was anchored to, and the
    latest coming date a planned one was ("available on June 24 ... the 3G will be discontinued")."""

    def __init__(self, dct: dt.date):
        self.dct = dct
        self.past: str | None = None
        self.ahead: str | None = None

    def carry(self, date: str, status: str = "happened") -> None:
        span = interval(date)
        if span is None or len(date) < 7:
            return  # a year alone is too coarse to carry
        window = dt.timedelta(days=NEWS_DAYS)
        if status == "happened" and span[0] <= self.dct and span[1] >= self.dct - window:
            if self.past is None or len(date) >= len(self.past):  # "in April" does not undo "yesterday"
                self.past = date
        elif status == "expected" and span[0] >= self.dct and span[0] <= self.dct + 4 * window:
            if self.ahead is None or len(date) >= len(self.ahead):
                self.ahead = date

    def current(self, clause: Clause) -> str | None:
        """The time a clause with none of its own is told at, when its tense agrees."""
        if clause.tense == "past":  # "has lost", "has deployed" are told from now: the publication date
            return self.past
        if clause.tense in ("future", "modal"):
            return self.ahead
        return None


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value at the precision it has: 2021, 2021-07, 2021-07-05.

    A time keeps its day; a week (2021-W27, 2021-W27-WE) becomes the month holding its Thursday;
    a quarter, half or season its year. Decades, durations and PAST_REF have none.
    """
    if not value or len(value) < 4 or not value[:4].isdigit() or (len(value) > 4 and value[4] != "-"):
        return None
    year = value[:4]
    week = re.match(r"(\d{4})-W(\d\d)", value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 4).isoformat()[:7]
        except ValueError:
            return None
    day = re.match(r"\d{4}-\d\d-\d\d", value)
    if day:
        try:
            return dt.date.fromisoformat(day[0]).isoformat()
        except ValueError:
            return None
    month = re.match(r"\d{4}-(\d\d)(?!\d)", value)
    if month and 1 <= int(month[1]) <= 12:
        return month[0]
    return year


def interval(date: str) -> tuple[dt.date, dt.date] | None:
    """A calendar value (2021, 2021-07, 2021-07-05) as its first and last day."""
    try:
        if len(date) == 4:
            return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)
        if len(date) == 7:
            first = dt.date(int(date[:4]), int(date[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        day = dt.date.fromisoformat(date[:10])
        return day, day
    except ValueError:
        return None


def anchors_of(
    sent: Span, clauses: list[Clause], times: list[Timex], quotes: Quotes
) -> tuple[dict[int, list[Anchor]], list[Timex]]:
    """Each clause's time expressions (by head index), and the times that date a noun ("Monday's email").

    A time inside a quotation dates only a clause inside the same quotation ("the text 'Steve Jobs
    1955-2011'" dates nothing outside it). A time whose parse leads out of the sentence (a headline
    run into the first line) dates the sentence's main clause."""
    doc = sent.doc
    out: dict[int, list[Anchor]] = {}
    on_nouns = []
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        quote = quotes.of(t.start)
        heads = {c.head.i: c for c in clauses if quotes.of(c.head.idx) == quote}
        found = _attach(span.root, heads, {tok.i for tok in span}, (sent.start, sent.end))
        if found == "poss":
            on_nouns.append(t)
        elif isinstance(found, tuple):
            head, signal, hops = found
            out.setdefault(head, []).append(Anchor(t, signal, hops))
    _share_with_conjuncts(clauses, out)
    return out, on_nouns


def _share_with_conjuncts(clauses: list[Clause], out: dict[int, list[Anchor]]) -> None:
    """'crossed the border and entered Tajik soil since June 22': a time closing coordinated verbs
    with one subject dates the verbs before it that have none of their own."""
    for clause in reversed(clauses):  # children first: a time passes back along a chain of verbs
        parent = clause.parent
        if clause.dep != "conj" or parent is None or parent.head.i in out or clause.head.i not in out:
            continue
        if any(c.dep_ in SUBJECTS for c in clause.head.children):
            continue  # "He started Apple in 1976, and in 1984 the Macintosh was released"
        if clause.finite and clause.tense != parent.tense:
            continue
        late = [a for a in out[clause.head.i] if a.time.start > clause.head.idx]
        if late:
            out[parent.head.i] = [Anchor(a.time, a.signal, a.hops + 1) for a in late]


def _attach(
    root: Token, heads: dict[int, Clause], inside: set[int], sent: tuple[int, int]
) -> tuple[int, str | None, int] | str | None:
    """The clause head a time hangs from, with its preposition and distance; 'poss' or None when
    it dates a thing ("Monday's email": a noun the story may go on with)."""
    tok, signal, hops = root, None, 0
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in NOUNS and root.head.i not in heads:
        noun = root.head
        if root.dep_ == "poss" and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in heads:
            tok, hops = noun, WEAK  # "Yesterday's crash killed 50", "next year's contest is to take place"
        elif root.dep_ == "poss":
            return "poss"  # "after yesterday's crash": the story may go on at that day
        elif noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS:
            tok, hops = noun, WEAK  # "in a Wednesday media event, Apple released": the setting's day
        else:
            return None  # "the 1953 expedition", "the 2018 World Cup"
    host = tok  # a noun the time describes by where it stands, or the time itself
    while tok.i not in heads or tok.i in inside:
        if not sent[0] <= tok.i < sent[1] and heads:
            return min(heads, key=lambda i: heads[i].depth), signal, hops + WEAK // 2
        if tok.head.i == tok.i or hops > WEAK + 12:
            return None
        if tok is not host and tok.i not in inside and tok.pos_ in NOUNS and signal not in LIFTED_SIGNALS:
            return None  # "effects over 2000-2050": the noun's own period, not the clause's
        if tok.dep_ == "pobj" and tok.head.pos_ in ("ADP", "SCONJ"):
            prep = tok.head
            if signal is None and prep.lower_ in NAMING_PREPS and prep.head.pos_ in NOUNS:
                return None  # "the Act of 1934"
            if prep.lower_ == "since":
                if _compares(prep):
                    return None  # "the first loss since 1992": the event is now
                signal = "since"  # "shut since the explosion in March"
            signal = signal or prep.lower_
        tok, hops = tok.head, hops + 1
    return tok.i, signal, hops


def _compares(since: Token) -> bool:
    """'since' after a superlative or 'first' in its clause: a comparison, not the start of a period."""
    head = since.head
    lo = min(head.left_edge.i, since.i)
    for tok in since.doc[lo : since.i]:
        if tok.tag_ in ("JJS", "RBS") or tok.lower_ in COMPARISON_WORDS:
            return True
    return False


def date_clauses(
    clauses: list[Clause], anchors: dict[int, list[Anchor]], narrative: Narrative
) -> dict[int, Dating | None]:
    """A Dating per clause head (None: anchored to a period no calendar date holds, "the 1960s")."""
    out: dict[int, Dating | None] = {}
    for clause in clauses:  # parents first
        own = sorted(anchors.get(clause.head.i, []), key=lambda a: (a.hops, a.time.start))
        parent = out.get(clause.parent.head.i) if clause.parent is not None else None
        dating = _dating(clause, own, parent, narrative)
        if dating is not None:
            dating.event = _is_event(clause, dating, own, parent)
        out[clause.head.i] = dating
    return out


def _is_event(clause: Clause, dating: Dating, own: list[Anchor], parent: Dating | None) -> bool:
    """Whether a clause reports something happening, or only describes, supposes or quotes.

    A calendar date on the predicate makes an event of any clause ("the vote was on Sunday");
    "now" makes one of a current activity ("the store currently sells TV episodes") but not of a
    state; a possessive date ("this year's theme was water") makes none.
    """
    if clause.supposes():
        return False
    time = dating.time
    if time is not None and any(a.time is time and a.hops < WEAK for a in own):
        if time.value != "PRESENT_REF":
            return True
        if not (clause.quoted or clause.is_state()):
            return True
    if clause.quoted or clause.describes():
        return False
    return not (clause.bound and not (parent and parent.event))


def _dating(clause: Clause, own: list[Anchor], parent: Dating | None, narrative: Narrative) -> Dating | None:
    dct = narrative.dct
    dated = [(a, d) for a in own if (d := calendar_value(a.time.value)) and _agrees(clause, d, dct)]
    if dated:
        anchor, date = dated[0]
        range_ = RANGE_OF_SIGNAL.get(anchor.signal or _signal_of(anchor.time) or "")
        return Dating(date, "stated", _status(clause, date, range_, dct), range_, anchor.time)
    if any(re.fullmatch(r"\d{2,3}", a.time.value or "") for a in own):
        return None  # "in the 1960s": before any date the timeline can hold
    refs = {a.time.value for a in own}
    now = next((a.time for a in own if a.time.value == "PRESENT_REF"), None)
    if now and not (clause.tense == "past" and not clause.perfect):  # not "announced ... now"
        return Dating(dct.isoformat(), "stated", _status(clause, dct.isoformat(), None, dct), None, now)
    if parent is not None and parent.event and _reports_earlier(clause):
        return Dating(parent.date, parent.basis, "happened", "before")  # "said on Monday they had crossed"
    if parent is not None and parent.event and _inherits(clause):
        status = _status(clause, parent.date, parent.range, dct)
        return Dating(parent.date, parent.basis, status, parent.range)
    date = narrative.current(clause)
    if date and "FUTURE_REF" not in refs:
        return Dating(date, "context", _status(clause, date, None, dct))
    date = dct.isoformat()
    status = "expected" if "FUTURE_REF" in refs else _status(clause, date, None, dct)
    return Dating(date, "reported", status)


def _agrees(clause: Clause, date: str, dct: dt.date) -> bool:
    """A date the clause's tense allows: "found ... by 2050" is a parse that hung the forecast's
    date on the finding, which was told as done."""
    span = interval(date)
    if span is None:
        return True
    if clause.tense == "future":  # "will be affected ... September 2014": the parse or the value is off
        return span[1] >= dct
    told_done = clause.tense in ("past", "present") and clause.perfect or clause.tense == "past"
    return not (told_done and span[0] > dct and not _planned(clause))


def _signal_of(t: Timex) -> str | None:
    return {"START": "since", "BEFORE": "before", "AFTER": "after"}.get(t.mod or "")


def _reports_earlier(clause: Clause) -> bool:
    """'Rahmon said on Monday that soldiers had crossed': what is reported in the past perfect
    happened before the saying."""
    parent = clause.parent
    return clause.dep == "ccomp" and clause.tense == "past" and clause.perfect and parent.tense == "past"


def _inherits(clause: Clause) -> bool:
    """A clause with no time of its own that shares its parent's: the same act, or told in the same tense."""
    parent = clause.parent
    if parent is None:
        return False
    if clause.bound:
        return True
    # "said he was tired", "resigned and left": told in the same tense, at the same time;
    # "says he resigned" and "said it will" look back or ahead
    return clause.dep in INHERIT_DEPS and (clause.tense, clause.perfect) == (parent.tense, parent.perfect)


def _status(clause: Clause, date: str, range_: str | None, dct: dt.date) -> str:
    span = interval(date)
    if span is not None and span[0] > dct:
        return "expected"
    if span is not None and span[1] < dct:  # "said it would open in 2006", told in 2011
        past_simple = clause.tense == "past" and not (clause.perfect or clause.progressive)
        return "ongoing" if range_ == "since" and not past_simple else "happened"
    if clause.tense in ("future", "modal") or _planned(clause):
        return "expected"
    if range_ == "since" and not (clause.tense == "past" and not clause.perfect):
        return "ongoing"
    if clause.tense == "present" and (clause.progressive or not clause.perfect):
        return "ongoing"
    return "happened"


def _planned(clause: Clause) -> bool:
    while clause is not None:
        if clause.planned:
            return True
        if not clause.bound and clause.dep != "conj":
            return False
        clause = clause.parent
    return False
