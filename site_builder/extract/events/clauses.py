"""Clauses: the predicates of a sentence, each a candidate event with its tense, aspect and mood.

A sentence holds several: the main clause, coordinated clauses, relative clauses, what a
reporting verb reports, participles and infinitives. Each `Clause` is found from spaCy's
dependency parse; `anchoring` dates them and `events` turns them into timeline events.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..nlp import lemma
from .rules import (
    ABILITY_AUX,
    BOUND_DEPS,
    CLAUSE_DEPS,
    CONDITION_MARKS,
    FUTURE_AUX,
    MODAL_AUX,
    OBLIGATION_HEADS,
    PLANNING_HEADS,
    PURPOSE_NOUNS,
    REPORTING,
    SPECULATIVE_AUX,
    STATIVE,
)

VERBS = ("VERB", "AUX")
RELATIVIZERS = {"WDT", "WP", "WP$", "WRB"}
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
BE_FORMS = {"be", "is", "are", "was", "were", "am", "been", "being", "'s", "'re", "'m"}
HAVE_FORMS = {"has", "have", "had", "'ve", "'s", "having"}
QUOTATION = re.compile(r"[\u201c\"][^\u201c\u201d\"\n]*[\u201d\"]")
# The last quote mark of a line, where a quotation opens: at the line's start or after a space or
# a bracket ("decision.“ However": a closing mark written the wrong way round opens nothing).
OPENED = re.compile(r"(?:^|(?<=[\s(\[]))[\u201c\"](?=[^\u201c\u201d\"\n]*$)", re.M)


class Quotes:
    """The quotations of a text ("..." and “...”): which one, if any, holds a character. A quotation
    opened and not closed on its line runs to the line's end (a quoted paragraph closes at the end
    of the last one, or not at all)."""

    def __init__(self, text: str):
        spans = [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
        closing = {b - 1 for _, b in spans}
        for m in OPENED.finditer(text):  # the last quote mark of its line: it opens unless it closes
            if m.start() not in closing:
                end = text.find("\n", m.start())
                spans.append((m.start(), len(text) if end < 0 else end))
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def of(self, char: int) -> int | None:
        i = bisect.bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.spans[i][1] else None


@dataclass
class Clause:
    head: Token  # the predicate's verb (a copula for "was one of them")
    dep: str  # how it hangs from its parent clause: ROOT, conj, relcl, ccomp, xcomp ...
    parent: Clause | None
    start: int  # character offsets of the clause (its subtree, coordinated clauses cut off)
    end: int
    tense: str  # past | present | future | modal | ability | speculation | "" (participle, infinitive)
    perfect: bool = False
    progressive: bool = False
    lemma: str = ""
    finite: bool = False  # has a tense of its own (not a participle or infinitive)
    planned: bool = False  # the infinitive of a plan ("plans to open"), or a condition ("if it rains")
    quoted: bool = False  # inside a quotation: the words of the speaker, whose saying is the event

    @property
    def depth(self) -> int:
        depth, up = 0, self.parent
        while up is not None:
            depth, up = depth + 1, up.parent
        return depth

    @property
    def reporting(self) -> bool:
        return self.lemma in REPORTING

    @property
    def bound(self) -> bool:
        """A participle or infinitive that belongs to its parent's act ("unveiled it by walking on stage")."""
        return self.parent is not None and (
            self.dep in BOUND_DEPS or (self.dep == "advcl" and not self.finite)
        )

    def describes(self) -> bool:
        """Background unless a date says otherwise: a state, the simple present, a reduced relative.

        "Afghanistan shares a border", "the phone has two cameras", "the weather was mild",
        "the store sells music". A reporting verb in the present ("Apple claims") reports.
        """
        if self.is_state():
            return True
        if not (self.finite or self.planned or self.bound or self.dep == "conj"):
            return True  # "the volume produced by the iPod", "increasing population would increase"
        if self.tense == "present" and not (self.perfect or self.progressive or self._plans()):
            return not self.reporting or any(c.dep_ == "neg" for c in self.head.children)  # "do not comment"
        return False

    def is_state(self) -> bool:
        """A copula or a verb of state, "now" or not: "the BlackBerry is the most popular phone right
        now", "the store currently has 225,000 apps", "provinces which are bordering the state"."""
        if self._plans():
            return False  # "plans to", "has to", "is to": the plan is news
        if self.lemma == "be":
            return not self.progressive
        return self.lemma in STATIVE and self.tense in ("past", "present")

    @property
    def future_be(self) -> bool:
        """'The vote is to be held in May', 'he is to resign': "is to" marks the future; the
        infinitive is the event ("her goal is to win" is no plan, see PURPOSE_NOUNS)."""
        return self.lemma == "be" and self._plans()

    def scheduled(self) -> bool:
        """'Its first flight is now expected in the fourth quarter', 'the vote is scheduled for May':
        a verb of planning in the passive present names what lies ahead."""
        return (
            self.lemma in PLANNING_HEADS
            and self.tense == "present"
            and any(c.dep_ == "auxpass" for c in self.head.children)
        )

    def looks_ahead(self) -> bool:
        """A verb whose infinitive lies ahead of it: "plans to", "asked them to", "has to"."""
        return self.lemma in PLANNING_HEADS or self.lemma in OBLIGATION_HEADS or self.future_be

    def imperative(self) -> bool:
        """'Wait until the fifth day', 'avoid the weekends': a bare verb leading a sentence, no subject."""
        return (
            self.parent is None
            and self.head.tag_ == "VB"
            and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass") for c in self.head.children)
        )

    def hearsay(self) -> bool:
        """'is said to bring luck', 'is believed to be': a passive verb of saying or thinking in the
        present with an infinitive tells what people hold, not what happened."""
        return (
            self.tense == "present"
            and self.reporting
            and any(c.dep_ == "auxpass" for c in self.head.children)
            and any(c.dep_ == "xcomp" for c in self.head.children)
        )

    def supposes(self) -> bool:
        """'can be returned', 'may be caused by mites', 'could have built', 'would not have been
        possible': what may be or might have been, whatever its time."""
        return self.tense in ("ability", "speculation") or (self.tense == "modal" and self.perfect)

    def _plans(self) -> bool:
        """'plans to open', 'has to leave', 'is to resign': a head whose infinitive lies ahead."""
        heads_a_plan = self.lemma in PLANNING_HEADS or self.lemma in OBLIGATION_HEADS or self.lemma == "be"
        if not heads_a_plan or not any(c.dep_ == "xcomp" for c in self.head.children):
            return False
        if self.lemma == "be":  # "its goal is to decrease": the copula names the goal
            return not any(
                c.dep_ == "nsubj" and lemma(c).lower() in PURPOSE_NOUNS for c in self.head.children
            )
        return True


def clause_heads(doc: Doc) -> list[Token]:
    """Every predicate of the document that heads a clause, in text order (one pass over the doc)."""
    return [t for t in doc if _is_clause_head(t)]


def clauses_of(heads: list[Token], quotes: Quotes) -> list[Clause]:
    """One sentence's clauses, from its clause heads, parents before children (tree order).
    A sentence with none (a heading, a caption) has no clause."""
    found: dict[int, Clause] = {}
    for tok in sorted(heads, key=_depth):
        parent = _parent_clause(tok, found)
        start, end = _extent(tok)
        tense, perfect, progressive = verb_form(tok)
        clause = Clause(
            head=tok,
            dep=tok.dep_ if parent is not None else "ROOT",
            parent=parent,
            start=start,
            end=end,
            tense=tense,
            perfect=perfect,
            progressive=progressive,
            finite=bool(tense),
            quoted=quotes.of(tok.idx) is not None,
            lemma=lemma(tok).lower() if tok.pos_ in VERBS else tok.lower_,
        )
        if parent is not None:
            if not tense and tok.dep_ in ("conj", "advcl", "xcomp", "pcomp"):  # "and took", "by walking"
                clause.tense, clause.perfect = parent.tense, clause.perfect or parent.perfect
            clause.planned = _planned(tok, parent)
        found[tok.i] = clause
    return list(found.values())


def _is_clause_head(tok: Token) -> bool:
    if tok.dep_ not in CLAUSE_DEPS:
        return False
    if tok.pos_ == "VERB":
        return tok.dep_ != "acl" or tok.tag_ in ("VBN", "VBG", "VB")
    if tok.pos_ == "AUX":  # a copula: "was one of them", "would be available"
        return tok.dep_ in ("ROOT", "conj", "ccomp", "relcl", "advcl", "xcomp", "parataxis")
    return False


def _depth(tok: Token) -> tuple[int, int]:
    depth = 0
    while tok.head.i != tok.i and depth < 64:
        tok, depth = tok.head, depth + 1
    return depth, tok.i


def _parent_clause(tok: Token, found: dict[int, Clause]) -> Clause | None:
    up = tok
    for _ in range(64):
        if up.head.i == up.i:
            return None
        up = up.head
        if up.i in found:
            return found[up.i]
    return None


def _extent(tok: Token) -> tuple[int, int]:
    """The clause's characters: its subtree, cut before a coordinated clause ("fought it in 2004")."""
    left, right = tok.left_edge, tok.right_edge
    for child in tok.rights:
        if child.dep_ == "conj" and child.pos_ in VERBS:
            right = tok.doc[child.left_edge.i - 1]
            while right.i > tok.i and (right.dep_ in ("cc", "punct") or right.is_space):
                right = tok.doc[right.i - 1]
            break
    while left.i < tok.i and (left.is_punct or left.dep_ in ("cc", "mark") or left.is_space):
        left = tok.doc[left.i + 1]
    while right.i > tok.i and (right.is_punct or right.is_space):
        right = tok.doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


def verb_form(tok: Token) -> tuple[str, bool, bool]:
    """(tense, perfect, progressive) of the verb group a clause head leads.

    Tense is the finite verb's: future ("will"), modal ("would", "could"), ability ("can"),
    past, present; "" for a participle or infinitive with no auxiliary.
    """
    if tok.pos_ not in VERBS:
        return "", False, False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
    words = [a.lower_ for a in auxes]
    participle = tok.tag_ == "VBN" or "been" in words
    if words[:1] == ["'d"] and participle and "have" not in words:
        words[0] = "had"  # "she'd contracted the virus"; "she'd go" is "would"
    perfect = participle and any(w in HAVE_FORMS for w in words)
    progressive = tok.tag_ == "VBG" and any(a.dep_ == "aux" and a.lower_ in BE_FORMS for a in auxes)
    passive = any(a.dep_ == "auxpass" for a in auxes)
    finite = auxes[0] if auxes else tok
    word = words[0] if words else tok.lower_
    if word in FUTURE_AUX:
        tense = "future"
    elif word in ABILITY_AUX:
        tense = "ability"
    elif word in MODAL_AUX:
        tense = "speculation" if word in SPECULATIVE_AUX and (passive or lemma(tok) == "be") else "modal"
    elif finite.tag_ == "VBD" or word == "had":
        tense = "past"
    elif finite.tag_ in ("VBZ", "VBP"):
        tense = "present"
    else:
        tense = ""  # "to sell", "walking", "released April 3"
    return tense, perfect, progressive


def _planned(tok: Token, parent: Clause) -> bool:
    """'plans to open', 'is expected to rise', 'is going to', 'if the talks fail': not (yet) happened."""
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
        return True
    if tok.dep_ not in ("xcomp", "acl"):
        return False
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        return False
    head = tok.head
    word = lemma(head).lower() if head.pos_ in (*VERBS, "NOUN", "ADJ") else head.lower_
    if word in OBLIGATION_HEADS:
        return parent.tense != "past"  # "needs to rebuild" lies ahead; "had to rebuild" was done
    return word in PLANNING_HEADS or head.lower_ in ("going", "due", "likely", "set", "expected")
