"""The model's attribute_ruler (tag map and exceptions) applied through dictionaries instead of a Matcher.

en_core_web_sm's attribute_ruler sets POS, MORPH and some LEMMA values from 179 one- and two-token
patterns. spaCy runs them through its Matcher, which tries every pattern at every token: an eighth
of the cost of parsing an article. The patterns only test TAG, LOWER, DEP and IS_SPACE, by equality,
IN, NOT_IN or REGEX, so each token needs testing against the few patterns indexed under its lower
form or tag, plus the handful that test neither. The rules, their order and the result are the
model's own (tests/test_nlp.py compares both on real text); a pattern of another shape makes
`load_nlp` keep spaCy's component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

GETTERS = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
OPERATORS = {"IN", "NOT_IN", "REGEX"}
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")  # most selective first


class UnsupportedPattern(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    order: int  # later rules win, as in AttributeRuler
    tokens: tuple[tuple[tuple[str, object], ...], ...]  # per token: (attribute, value or operator dict)
    attrs: dict  # AttributeRuler.attrs entry: attribute id -> value
    index: int  # which matched token gets the attributes


def _accepts(value, spec) -> bool:
    if not isinstance(spec, dict):
        return value == spec
    if "IN" in spec:
        return value in spec["IN"]
    if "NOT_IN" in spec:
        return value not in spec["NOT_IN"]
    return spec["REGEX"].search(value) is not None


def _compile(token_pattern: dict) -> tuple[tuple[str, object], ...]:
    out = []
    for attr, spec in token_pattern.items():
        if attr not in GETTERS:
            raise UnsupportedPattern(attr)
        if isinstance(spec, dict):
            if len(spec) != 1 or not OPERATORS >= spec.keys():
                raise UnsupportedPattern(str(spec))
            op, values = next(iter(spec.items()))
            spec = {op: re.compile(values) if op == "REGEX" else frozenset(values)}
        out.append((attr, spec))
    return tuple(out)


def _keys(first: tuple[tuple[str, object], ...]) -> list[tuple[str, object]] | None:
    """Index keys of a rule's first token: its value for one of INDEXED; None to test it everywhere."""
    tests = dict(first)
    for attr in INDEXED:
        spec = tests.get(attr)
        if not isinstance(spec, dict) and spec is not None:
            return [(attr, spec)]
        if isinstance(spec, dict) and "IN" in spec:
            return [(attr, value) for value in spec["IN"]]
    return None


class AttributeIndex:
    """A pipeline component equivalent to the AttributeRuler it was built from."""

    def __init__(self, ruler) -> None:
        self.indexed: dict[tuple[str, str], list[Rule]] = {}
        self.everywhere: list[Rule] = []
        entries = zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)
        for order, (entry, attrs, index) in enumerate(entries):
            for pattern in entry["patterns"]:
                rule = Rule(order, tuple(_compile(t) for t in pattern), attrs, index)
                keys = _keys(rule.tokens[0])
                if keys is None:
                    self.everywhere.append(rule)
                for key in keys or ():
                    self.indexed.setdefault(key, []).append(rule)

    def _matches(self, doc: Doc, i: int, rule: Rule) -> bool:
        if i + len(rule.tokens) > len(doc):
            return False
        return all(
            _accepts(GETTERS[attr](doc[i + k]), spec)
            for k, tests in enumerate(rule.tokens)
            for attr, spec in tests
        )

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, Rule]] = []
        for token in doc:
            i = token.i
            rules = [
                *self.indexed.get(("LOWER", token.lower_), ()),
                *self.indexed.get(("TAG", token.tag_), ()),
                *self.indexed.get(("DEP", token.dep_), ()),
                *self.indexed.get(("IS_SPACE", token.is_space), ()),
                *self.everywhere,
            ]
            found.extend((rule.order, i, rule) for rule in rules if self._matches(doc, i, rule))
        found.sort(key=lambda m: (m[0], m[1]))
        for _, i, rule in found:
            target: Token = doc[i + rule.index if rule.index >= 0 else i + len(rule.tokens) + rule.index]
            set_token_attrs(target, rule.attrs)
        return doc


@Language.factory("briefing_attribute_index")
def make_attribute_index(nlp: Language, name: str, source: str = "attribute_ruler") -> AttributeIndex:
    return AttributeIndex(nlp.get_pipe(source))
