"""Attachment: which clause each time expression dates, read from the dependency parse.

A time dates the clause whose predicate it modifies, in its own clause: the first clause head
found walking up the parse from the expression. A temporal phrase on a noun dates that noun's
clause ("the service in February passed Wal-Mart"), when its preposition points in time ("in",
"on", "since"; not "over 2000-2050", the noun's own period). A time inside a name or a noun
modifier dates nothing ("the 2018 World Cup", "the Act of 1934", "Israel's 2013 apology");
"since" after a superlative compares ("the first loss since 1992") and dates nothing. A time in
a quotation dates only a clause in the same quotation.

A time passes to another clause where the grammar says the two happen together: back along
coordinated verbs that share one subject, up from a "when" clause to the clause it times
("Challenger was lost when it exploded on January 28, 1986"), and up from the infinitive of
"is to" ("the vote is to be held on May 3": "is to" only marks the future).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Timex
from ..nlp import doc_text
from .clauses import SUBJECTS, Clause, Quotes
from .rules import COMPARISON_WORDS, LIFTED_SIGNALS, MODIFIER_DEPS, NAMING_PREPS, SETTING_PREPS

NOUNS = ("NOUN", "PROPN", "PRON", "NUM")
FRONTED = re.compile(r"[\s\"'\u201c\u2018(]*(?:(?:on|in|at|by|during|since|until|from|early|late)\s+)?", re.I)
WEAK = 100  # added to the distance of a time that only names a setting's day or the subject's


@dataclass
class Anchor:
    """A time expression attached to a clause: through which preposition, how many arcs up."""

    time: Timex
    signal: str | None
    hops: int


def anchors_of(
    sent: Span, clauses: list[Clause], times: list[Timex], quotes: Quotes
) -> tuple[dict[int, list[Anchor]], list[tuple[Timex, Token]]]:
    """Each clause's time expressions (by head index), and the times that date a noun, with the noun
    ("Monday's email", "the March 2 crash").

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
        if isinstance(found, Token):
            on_nouns.append((t, found))
        elif isinstance(found, tuple):
            head, signal, hops = found
            out.setdefault(head, []).append(Anchor(t, signal, hops))
    _share_with_conjuncts(clauses, out)
    _lift_to_parents(clauses, out)
    _fronted_to_main(sent, clauses, times, out, quotes)
    return out, on_nouns


def _fronted_to_main(
    sent: Span, clauses: list[Clause], times: list[Timex], out: dict[int, list[Anchor]], quotes: Quotes
) -> None:
    """'Yesterday, Sweden defeated South Korea; Belgium defeated Panama': a time that opens the
    sentence, set off by a comma, frames all of it; the main clause takes it when the parse hung it
    lower and the main clause has none of its own."""
    if not clauses or clauses[0].parent is not None or clauses[0].head.i in out:
        return
    text = doc_text(sent.doc)
    for t in times:
        if t.start >= sent.end_char:
            break
        if quotes.of(t.start) != quotes.of(clauses[0].head.idx):
            return  # '"Seventeen years ago, this was impossible," he said': the quote's time
        if FRONTED.fullmatch(text, sent.start_char, t.start) and text[t.end : t.end + 1] == ",":
            found = [a for anchors in out.values() for a in anchors if a.time is t]
            if found:
                out[clauses[0].head.i] = [Anchor(t, found[0].signal, found[0].hops)]
            return


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


def _lift_to_parents(clauses: list[Clause], out: dict[int, list[Anchor]]) -> None:
    """A clause with no time of its own takes the time of its "when" clause (the two happen
    together), of its infinitive when it is the "be" of "is to" (the infinitive is the event), and
    of an infinitive that continues it ("continued to slide today", "began to sell on Monday";
    not one it plans: "plans to open in May" is planned now for May), and of the participle that
    says when a document speaking in the present was issued ("the report, published on Monday,
    says")."""
    for clause in reversed(clauses):  # children first
        parent = clause.parent
        if parent is None or parent.head.i in out or clause.head.i not in out:
            continue
        if clause.dep == "xcomp" and parent.future_be:
            out[parent.head.i] = [Anchor(a.time, a.signal, a.hops + 1) for a in out.pop(clause.head.i)]
        elif _times_parent(clause) or clause.dep == "xcomp" and not parent.looks_ahead() or _issued(clause):
            out[parent.head.i] = [Anchor(a.time, a.signal, a.hops + 1) for a in out[clause.head.i]]


def _issued(clause: Clause) -> bool:
    """'The suit, filed in September 2003, claims that ...': a document speaks in the present from
    the day it was issued, which a participle on it gives."""
    parent, noun = clause.parent, clause.head.head
    return (
        clause.dep == "acl"
        and not clause.finite
        and noun.dep_ in ("nsubj", "nsubjpass")
        and noun.head.i == parent.head.i
        and parent.reporting
        and parent.tense == "present"
    )


def _times_parent(clause: Clause) -> bool:
    return clause.dep == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ == "when" for c in clause.head.children
    )


def _attach(
    root: Token, heads: dict[int, Clause], inside: set[int], sent: tuple[int, int]
) -> tuple[int, str | None, int] | Token | None:
    """The clause head a time hangs from, with its preposition and distance; the noun when it
    dates a thing ("Monday's email", "the Thursday opening": a noun the story may go on with),
    None when it dates nothing."""
    tok, signal, hops = root, None, 0
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in NOUNS and root.head.i not in heads:
        noun = root.head
        if root.dep_ == "poss" and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in heads:
            tok, hops = noun, WEAK  # "Yesterday's crash killed 50", "next year's contest is to take place"
        elif noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS and root.dep_ != "poss":
            tok, hops = noun, WEAK  # "in a Wednesday media event, Apple released": the setting's day
        else:  # "the 1953 expedition", "the 2018 World Cup"; "after yesterday's crash", "the
            return noun  # Thursday opening": the story may go on at that day
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
