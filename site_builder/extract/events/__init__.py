"""Events: what the article reports happening, each at the date of the time that governs it.

A sentence is split into clauses (`clauses`); times are attached to them (`attachment`); each
is dated, given a status and told apart from background (`anchoring`): a copula, a state, the
simple present or a quote's words with no time of their own are kept in the body, not listed.
A clause joins its parent's event unless the text sets it apart (a time or range of its own, or
lying ahead). The event holding the main clause covers the sentence and reads as the sentence;
one set apart ("Karimov, who joined the ministry in 2015, resigned on Monday") covers its own
clause and reads as that clause with its subject ("Karimov joined the ministry in 2015").
A noun naming an occurrence at a time of its own ("after Monday's sell-off") is an event too
(`nouns`). Questions and title-case trails without a full stop report nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Entity, Event, Mention, Timex
from ..nlp import doc_text
from ..times import WRITTEN_DATE
from ..times.values import calendar_value, interval
from .anchoring import NEWS_DAYS, Dating, Narrative, date_clauses
from .attachment import anchors_of
from .clauses import RELATIVIZERS, SUBJECTS, Clause, Quotes, clause_heads, clauses_of
from .nouns import noun_event

MAX_TEXT = 300
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SHORT_SUBJECT = 6  # tokens: a longer subject is cut to its head noun and what precedes it
MIN_WORDS = 2  # a clause of fewer words than this, besides auxiliaries, is no event of its own
HEADING_WORDS, HEADING_SHARE = 4, 0.6  # a line this long, this share of it capitalised, no full stop
SENTENCE_ENDS = set(".!:;\"'\u201d\u2019)")
PARAGRAPH_SENTENCES = 1.5  # sentences a paragraph holds on average where paragraphs tell the story's turns


@dataclass
class _Group:
    clauses: list[Clause]
    dating: Dating

    @property
    def top(self) -> Clause:
        return self.clauses[0]


def find_events(
    doc: Doc,
    dct: dt.date,
    entities: list[Entity],
    times: list[Timex],
    body_start: int = 0,
    skip: tuple[int, int] | None = None,
    story: dict | None = None,
) -> list[Event]:
    """The events of the article's body; skip is a span to leave out (the headline). Undated events
    are reported on the day the article's times count from: its date line when `find_times` read one.
    story: where the story's time is kept from one section of a long article to the next."""
    dct = doc.user_data.get(WRITTEN_DATE, dct)
    times = sorted((t for t in times if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    starts = [t.start for t in times]
    text = doc_text(doc)
    sentences = [s for s in _sentences(doc, text) if s.end_char > body_start]  # Doc.text joins every token
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    paragraph_of = [bisect.bisect_right(breaks, s.start_char) for s in sentences]
    paragraphs = len(sentences) >= PARAGRAPH_SENTENCES * len(set(paragraph_of))
    narrative = (story or {}).get("narrative") or Narrative(dct, paragraphs)
    narrative.paragraphs = paragraphs
    narrative.enter(-1)  # a new section starts with a new paragraph
    if story is not None:
        story["narrative"] = narrative
    quotes = Quotes(text)
    heads = clause_heads(doc)
    head_at = [t.i for t in heads]
    mentions = _Mentions(entities)
    events: list[Event] = []
    for sent, paragraph in zip(sentences, paragraph_of, strict=True):
        if skip and sent.start_char < skip[1] and sent.end_char > skip[0]:
            continue
        narrative.enter(paragraph)
        clauses = clauses_of(
            heads[bisect.bisect_left(head_at, sent.start) : bisect.bisect_left(head_at, sent.end)], quotes
        )
        if not clauses or _untold(text[sent.start_char : sent.end_char]):
            continue
        here = times[bisect.bisect_left(starts, sent.start_char) : bisect.bisect_left(starts, sent.end_char)]
        anchors, on_nouns = anchors_of(sent, clauses, here, quotes)
        datings = date_clauses(clauses, anchors, narrative)
        told = _sentence_events(sent, text, clauses, datings, mentions, dct)
        narrative.reporting = any(c.reporting for c in clauses if c.parent is None)
        for clause in sorted(clauses, key=lambda c: c.head.i):
            d = datings[clause.head.i]
            if d is None or d.time is None or not d.event or quotes.of(d.time.start) is not None:
                continue  # a quote's "today" is the speaker's, not the story's
            if d.range in (None, "since"):  # "by 2030", "less than two weeks ago" bound, not date
                narrative.carry(d.date, d.status)
        for t, noun in on_nouns:
            if quotes.of(t.start) is not None:
                continue  # the speaker's words
            if (event := noun_event(noun, t, dct)) is not None:  # "after Monday's sell-off"
                found = mentions.within(event.start, event.end)
                event.actors = [e.id for e in found if e.is_actor]
                event.locations = [e.id for e in found if e.is_place]
                told.append(event)
            if (date := calendar_value(t.value)) and _recent(date, dct):
                narrative.carry(date)  # "after yesterday's crash": the story is now at yesterday
        events.extend(sorted(told, key=lambda e: (e.start, -e.end)))
    return _once(events)


def _untold(words: str) -> bool:
    """A question ("Why did she want to attend?") or a line of title-case words without a full stop
    (a category trail: "Canada Published North America Politics Archived") reports nothing."""
    words = words.strip()
    if words.endswith("?"):
        return True
    tokens = [w for w in words.split() if w[:1].isalpha()]
    if len(tokens) < HEADING_WORDS or words[-1:] in SENTENCE_ENDS:
        return False
    return sum(w[0].isupper() for w in tokens) >= HEADING_SHARE * len(tokens)


def _recent(date: str, dct: dt.date) -> bool:
    span = interval(date)
    return span is not None and dct - dt.timedelta(days=NEWS_DAYS) <= span[1] <= dct


def _once(events: list[Event]) -> list[Event]:
    """An article that repeats a passage (a pull quote) lists its events once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in events:
        if (e.text, e.date) not in seen:
            seen.add((e.text, e.date))
            out.append(e)
    return out


def _sentence_events(
    sent: Span,
    text: str,
    clauses: list[Clause],
    datings: dict[int, Dating | None],
    mentions: _Mentions,
    dct: dt.date,
) -> list[Event]:
    groups = _groups(clauses, datings)
    out = []
    for n, group in enumerate(groups):
        head = group.top.head
        if n == 0 and _reads_as_sentence(group, clauses[0], dct):  # the main event reads as the sentence
            whole = text[sent.start_char : sent.end_char]
            words, extra = whole.strip(), None
            start = sent.start_char + len(whole) - len(whole.lstrip())
            end = start + len(words)
        else:
            start = max(sent.start_char, min(c.start for c in group.clauses))
            end = min(sent.end_char, max(c.end for c in group.clauses))
            written = _clause_text(group.top, start, end)
            if written is None:
                continue
            words, extra = written
        found = mentions.within(start, end)
        if extra:
            found += [e for e in mentions.within(*extra) if e not in found]
        d = group.dating
        out.append(
            Event(
                date=d.date,
                basis=d.basis,
                text=_short(words),
                actors=[e.id for e in found if e.is_actor],
                locations=[e.id for e in found if e.is_place],
                range=d.range,
                start=start,
                end=end,
                status=d.status,
                trigger=Mention(head.idx, head.idx + len(head.text), head.text),
            )
        )
    return sorted(out, key=lambda e: (e.start, -e.end))


def _reads_as_sentence(group: _Group, main: Clause, dct: dt.date) -> bool:
    """The first event reads as the whole sentence, unless the main clause tells a state of now
    and the event is long past: "The company, which was founded in 1908, employs 240,000 people"
    reads "The company was founded in 1908"."""
    if group.top is main or main.lemma == "be" or main.tense != "present" or main.perfect or main.progressive:
        return True
    span = interval(group.dating.date)
    return group.dating.basis != "stated" or span is None or span[1] >= dct - dt.timedelta(days=NEWS_DAYS)


def _groups(clauses: list[Clause], datings: dict[int, Dating | None]) -> list[_Group]:
    """Events, each a clause with the connected clauses that do not stand apart from it.

    The first group holds the main clause, or the event closest to it when the main clause
    only describes ("Zaher was one of them who fled on Sunday").
    """
    of: dict[int, _Group] = {}
    groups: list[_Group] = []
    for clause in clauses:  # parents first
        d = datings[clause.head.i]
        if d is None or not d.event:
            continue
        parent = clause.parent
        above = datings.get(parent.head.i) if parent is not None else None
        if above is not None and above.event and not _stands_apart(clause, d, above):
            group = of[parent.head.i]
            group.clauses.append(clause)
        else:
            group = _Group([clause], d)
            groups.append(group)
        of[clause.head.i] = group
    return groups


def _stands_apart(clause: Clause, d: Dating, parent: Dating) -> bool:
    """A clause is an event apart from its parent clause by what the text says: a time or range
    of its own that differs, or lying ahead while the parent does not ("he said the switch would
    happen next year"). Dates inferred on both sides (the story's time, the publication date) and
    happened against ongoing ("work has started again, the release adds") make one event, and so
    does a participle or infinitive with no time of its own: "decided to treat her himself" is
    one act, "asked the council to help" one request. A coordinated clause with a subject of its
    own is another actor's act: apart when its date or status differs."""
    if not clause.finite and d.time is None:
        return False
    if (d.status == "expected") != (parent.status == "expected"):
        return True
    if (
        clause.dep == "conj"
        and _own_subject(clause) is not None
        and (d.date, d.status) != (parent.date, parent.status)
    ):
        return True  # "Ford reported a loss last month, and Chrysler is seeking aid": two actors, two times
    own_range = (
        d.range is not None and d.basis != "context"
    )  # "had wanted": before the story's time, told with it
    return (d.basis == "stated" or own_range) and (d.date, d.range) != (parent.date, parent.range)


def _clause_text(clause: Clause, start: int, end: int) -> tuple[str, tuple[int, int] | None] | None:
    """The clause as a sentence of its own: relative words dropped, its subject supplied when it
    has none of its own ("who joined the ministry" -> "Karimov joined the ministry").
    Returns the text and the span the supplied subject came from; None for too few words."""
    doc = clause.head.doc
    first = clause.head.left_edge.i
    if clause.bound and clause.parent.head.i < clause.head.i:  # "to enter": "had been denied visas to enter"
        verb = clause.parent.head
        first = min(
            [verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        )
        start = doc[first].idx
    toks = [t for t in doc[first : clause.head.right_edge.i + 1] if start <= t.idx < end]
    while toks and toks[0].i < clause.head.i and _leading_filler(toks[0]):
        toks.pop(0)
    if sum(t.is_alpha and t.dep_ not in ("aux", "auxpass", "neg") for t in toks) < MIN_WORDS:
        return None  # "it wouldn't": an echo, not an event to list
    words = "".join(t.text_with_ws for t in toks).strip()
    subject = _subject(clause)
    if subject is None and _own_subject(clause) is None and not any(t.dep_ in SUBJECTS for t in toks):
        return None  # "told the police everything": no one to tell it of; the sentence's event holds it
    if subject is None or (subject.start <= toks[-1].i and toks[0].i < subject.end):
        return _capital(words), None  # none needed, or it is in the words already
    if toks[0].pos_ != "PROPN" and toks[0].text != "I":
        words = (
            words[:1].lower() + words[1:]
        )  # "Started in 1990, the festival": "The festival started in 1990"
    return _capital(f"{subject.text.strip()} {words}"), (subject.start_char, subject.end_char)


def _leading_filler(tok: Token) -> bool:
    if tok.tag_ in RELATIVIZERS or tok.dep_ in ("mark", "cc", "punct") or tok.is_space:
        return True
    return tok.dep_ == "prep" and any(c.tag_ in RELATIVIZERS for c in tok.children)  # "in which"


def _subject(clause: Clause) -> Span | None:
    """The words the clause needs as its subject when its own is missing or a relative pronoun."""
    if _own_subject(clause) is not None:
        return None
    while True:
        if clause.dep in ("relcl", "acl") and clause.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = clause.head.head  # "the store, which sells": the noun and what comes before it
            return noun.doc[noun.left_edge.i : noun.i + 1]
        if clause.parent is None or not (clause.dep == "conj" or clause.bound):
            return None  # what is reported has a subject of its own, even when the parse lost it
        clause = clause.parent  # "he fought cancer and took time off": the subject they share
        if (subject := _own_subject(clause)) is not None:
            return _phrase(subject)


def _own_subject(clause: Clause) -> Token | None:
    own = [c for c in clause.head.children if c.dep_ in SUBJECTS]
    return own[0] if own and own[0].tag_ not in RELATIVIZERS else None


def _phrase(tok: Token) -> Span:
    """A noun with what it governs when short, else the noun and the words before it."""
    doc = tok.doc
    if tok.right_edge.i - tok.left_edge.i < SHORT_SUBJECT:
        return doc[tok.left_edge.i : tok.right_edge.i + 1]
    return doc[tok.left_edge.i : tok.i + 1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Mentions:
    """Where each entity is mentioned, sorted: which entities a stretch of text names."""

    def __init__(self, entities: list[Entity]):
        pairs = sorted(((m.start, n) for n, e in enumerate(entities) for m in e.mentions))
        self.starts = [a for a, _ in pairs]
        self.owners = [n for _, n in pairs]
        self.entities = entities

    def within(self, lo: int, hi: int) -> list[Entity]:
        found = self.owners[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]
        return [self.entities[n] for n in sorted(set(found))]


def _sentences(doc: Doc, text: str):
    """spaCy's sentences, also cut at paragraph breaks (a closing quote may run into the next paragraph)."""
    for sent in doc.sents:
        cuts = [m.end() for m in PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char)]
        bounds = [sent.start_char, *cuts, sent.end_char]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = doc.char_span(a, b, alignment_mode="contract")
            if piece is not None and text[piece.start_char : piece.end_char].strip():
                yield piece


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
