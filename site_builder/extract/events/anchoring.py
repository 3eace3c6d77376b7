"""Anchoring: the date, basis, range and status of each clause, and whether it is an event.

- A clause with a time of its own (see `attachment`) takes it: basis `stated`.
- One with none takes its parent's when it belongs to the same act (a participle, an infinitive,
  a coordinated verb or what a reporting verb reports, told in the same tense); what is reported
  in the past perfect happened before the saying (range `before`).
- Else the narrative's current time when its tense agrees (told in the past, after a recent
  dated past event; told in the future, after a coming date): basis `context`.
- Else the publication date: basis `reported`.
- Status: expected (future, modal, planned, conditional, or dated after publication), ongoing
  (a state or process running at its date), happened.
- Background is no event: a state, a copula, the simple present, a supposition, a quote's words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Timex
from ..times.patterns import EDGE_MOD
from ..times.values import calendar_value, interval
from .attachment import WEAK, Anchor
from .clauses import Clause
from .rules import RANGE_OF_SIGNAL

NEWS_DAYS = 14  # a date this close to publication is the news, not background
INHERIT_DEPS = {"conj", "advcl", "parataxis", "ccomp"}
# Clauses that only describe with their parent when it is no event and they have no time of their own.
GOVERNED_DEPS = {"relcl", "acl", "advcl", "xcomp", "pcomp", "csubj", "csubjpass"}


@dataclass
class Dating:
    date: str
    basis: str  # stated | context | reported
    status: str  # happened | ongoing | expected
    range: str | None = None
    time: Timex | None = None  # its own time expression, if it has one
    event: bool = True  # False: background (a description, a state, a quote's words)


class Narrative:
    """The story's current times: the latest recent date a past event was anchored to, and the
    latest coming date a planned one was ("available on June 24 ... the 3G will be discontinued").

    The first recent date is the news's. A date before it looks back (a flashback), as does one
    long before publication: it is the story's time only until its paragraph ends ("Yesterday the
    mayor opened the bridge. It was approved on June 28. Workers finished it in nine days." / next
    paragraph: back at yesterday), and only where the article writes paragraphs of several
    sentences: a file of one sentence per line says nothing by its line breaks. A year alone is
    never carried, nor a week or month holding the publication day ("this week" tells no more
    than the article's date).
    """

    def __init__(self, dct: dt.date, paragraphs: bool = True):
        self.dct = dct
        self.past: str | None = None
        self.ahead: str | None = None
        self.news: str | None = None  # the first recent date: the day the news happened
        self.paragraphs = paragraphs
        self.paragraph = 0
        self.reporting = False  # the sentence before was a report: "X said ...", "X announced ..."
        self._flashback: int | None = None  # the paragraph a flashback was told in
        self._resume: str | None = None  # the story's time before it

    def enter(self, paragraph: int) -> None:
        """The story reaches a sentence of this paragraph: a flashback told before it is over."""
        if self._flashback is not None and paragraph != self._flashback:
            self.past, self._flashback = self._resume, None
        self.paragraph = paragraph

    def carry(self, date: str, status: str = "happened") -> None:
        span = interval(date)
        if span is None or len(date) < 7:
            return  # a year alone is too coarse to carry
        window = dt.timedelta(days=NEWS_DAYS)
        if status == "happened" and span[0] <= self.dct:
            if len(date) < 10 and span[1] >= self.dct:
                return  # "this week", "this month": no more than the publication date
            news = interval(self.news) if self.news else None
            if span[1] >= self.dct - window and (news is None or span[1] >= news[0]):
                self.news = self.news or date
                latest = self._resume if self._flashback is not None else self.past
                if latest is None or len(date) >= len(latest):  # "in April" keeps "yesterday"
                    self.past, self._flashback = date, None
            elif self.paragraphs:
                if self._flashback is None:
                    self._resume, self._flashback = self.past, self.paragraph
                self.past = date
        elif status == "expected" and self.dct < span[0] <= self.dct + 4 * window:
            if self.ahead is None or len(date) >= len(self.ahead):
                self.ahead = date

    def current(self, clause: Clause) -> str | None:
        """The time a clause with none of its own is told at, when its tense agrees."""
        if clause.tense == "past":  # "has lost", "has deployed" are told from now: the publication date
            return self.past
        if clause.tense == "future":  # "would" tells what someone said or supposed, of any time
            return self.ahead
        return None


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
            dating.event = _is_event(clause, dating, own, parent, narrative.reporting)
        out[clause.head.i] = dating
    return out


def _is_event(
    clause: Clause, dating: Dating, own: list[Anchor], parent: Dating | None, after_report: bool = False
) -> bool:
    """Whether a clause reports something happening, or only describes, supposes or quotes.

    A calendar date on the predicate makes an event of any clause ("the vote was on Sunday");
    "now" makes one of a current activity ("the store currently sells TV episodes") but not of a
    state; a possessive date ("this year's theme was water") makes none. With no time of its own:
    - a participle, an infinitive or a condition governed by a clause that is no event describes
      with it ("the most successful product, used by millions", "construction was underway to
      enlarge the mosque", "if someone hacked it, it could affect ...");
    - "would", "could", "should" tell a hypothesis, a habit or advice unless someone is reported
      saying it ("it would cause symptoms"; "officials said the border would reopen" is news),
      in its sentence or, for a main clause, in the sentence before (after_report: "Bolden
      announced the new homes. Enterprise would be moved to New York.");
    - an instruction, and all it governs, is no event ("wait until the fifth day");
    - "is said to", "is believed to" give a common belief, not news.
    """
    if clause.supposes() or _instructed(clause):
        return False
    time = dating.time
    if time is not None and any(a.time is time and a.hops < WEAK for a in own):
        if time.value != "PRESENT_REF":
            return True
        if not (clause.quoted or clause.is_state()):
            return True
    if clause.quoted or clause.describes():
        return False
    if clause.parent is not None and not (parent and parent.event) and _governed(clause):
        return False
    if clause.tense == "modal" and not _reported(clause, after_report):
        return False
    if clause.hearsay():
        return False
    return not (clause.bound and not (parent and parent.event))


def _governed(clause: Clause) -> bool:
    """A participle or infinitive: part of what its parent says, not said apart ("used by
    millions", "to enlarge the mosque", "the boy wearing a T-shirt and handcuffed"). A clause
    with a tense of its own tells its own event, whatever it hangs from."""
    if clause.dep == "advcl" and clause.planned:
        return True  # "if someone hacked the system, it could affect ...": the condition of a guess
    return not clause.finite and (clause.dep in GOVERNED_DEPS or clause.dep == "conj")


def _instructed(clause: Clause) -> bool:
    """Inside an instruction: "wait until the fifth day, when the crowds will have dwindled"."""
    while clause.parent is not None:
        clause = clause.parent
    return clause.imperative()


def _reported(clause: Clause, after_report: bool) -> bool:
    """Said, written or announced by someone: what a reporting verb governs, directly or through
    coordinated clauses ("said the plant would close and the staff would move"), or the main
    clause of a sentence right after a report."""
    while clause.parent is not None and clause.dep in ("conj", "ccomp", "parataxis", "xcomp", "advcl"):
        if clause.dep in ("ccomp", "parataxis") and clause.parent.reporting:
            return True
        clause = clause.parent
    return clause.parent is None and after_report


def _dating(clause: Clause, own: list[Anchor], parent: Dating | None, narrative: Narrative) -> Dating | None:
    dct = narrative.dct
    dated = [(a, d) for a in own if (d := calendar_value(a.time.value)) and _agrees(clause, d, dct)]
    if dated:
        anchor, date = dated[0]
        if _clock_only(anchor.time, dct) and narrative.past and len(narrative.past) == 10:
            # "the polls closed at 22:30": a clock time names no day; the story's day is meant
            return Dating(
                narrative.past, "context", _status(clause, narrative.past, None, dct), None, anchor.time
            )
        range_ = RANGE_OF_SIGNAL.get(anchor.signal or _signal_of(anchor.time) or "")
        date = _bound(anchor.time, date, range_)
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
        if clause.tense == "past" and clause.perfect:  # "had already installed": before the story's time
            return Dating(date, "context", "happened", "before")
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


def _bound(t: Timex, date: str, range_: str | None) -> str:
    """A week that bounds an event is told by its first or last day: "less than two weeks ago" is
    after the Monday of that week, not somewhere in its month."""
    week = re.fullmatch(r"(\d{4})-W(\d\d)", t.value or "")
    if week is None or range_ not in ("after", "before"):
        return date
    try:
        monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
    except ValueError:
        return date
    return (monday if range_ == "after" else monday + dt.timedelta(days=6)).isoformat()


def _clock_only(t: Timex, dct: dt.date) -> bool:
    """A clock time with no day written, valued on the publication date."""
    return t.type == "TIME" and t.anchored and (t.value or "").startswith(dct.isoformat() + "T")


def _signal_of(t: Timex) -> str | None:
    """The range a time's own modifier gives: "since June 22" opens a period; "early Monday",
    which TIMEX3 also marks START, is a part of the day."""
    if t.mod == "START" and t.text.split()[:1] and t.text.split()[0].lower() in EDGE_MOD:
        return None
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
    if clause.tense in ("future", "modal") or clause.future_be or clause.scheduled() or _planned(clause):
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
