"""The model's attribute_ruler (tag map and exceptions) applied through dictionaries instead of a Matcher.

en_core_web_sm's attribute_ruler sets POS, MORPH and some LEMMA values from 179 one- and two-token
patterns. spaCy runs them through its Matcher, which tries every pattern at every token: an eighth
of the cost of parsing an article. The patterns only test TAG, LOWER, DEP and IS_SPACE, by equality,
IN, NOT_IN or REGEX, so each token needs testing only against the few patterns indexed under its
lower form, tag, dependency or whitespace flag, plus the two that test a regular expression alone.
The rules, their order and the result are the model's own (tests/test_nlp.py compares both on real
text); a pattern of another shape makes `load_nlp` keep spaCy's component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# The token attributes patterns may test, read for a whole Doc at once with `Doc.to_array`.
COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # indexed in this order: the most selective first
COLUMNS_SET = set(COLUMNS)
OPERATORS = {"IN", "NOT_IN", "REGEX"}

Test = Callable[[int], bool]  # on the value of one column: a string hash, or 0/1 for IS_SPACE


class UnsupportedPattern(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    order: int  # later rules win, as in AttributeRuler
    tokens: tuple[tuple[tuple[int, Test], ...], ...]  # per matched token: (column, test)
    attrs: dict  # AttributeRuler.attrs entry: attribute id -> value
    index: int  # which matched token gets the attributes

    def matches(self, rows: list[list[int]], i: int) -> bool:
        if len(self.tokens) == 1 and len(self.tokens[0]) == 1:  # most rules: one test of one token
            column, test = self.tokens[0][0]
            return test(rows[i][column])
        return i + len(self.tokens) <= len(rows) and all(
            test(rows[i + k][column]) for k, tests in enumerate(self.tokens) for column, test in tests
        )


class AttributeIndex:
    """A pipeline component equivalent to the AttributeRuler it was built from."""

    def __init__(self, ruler) -> None:
        self.strings = ruler.vocab.strings
        self.indexed: dict[tuple[int, int], list[Rule]] = {}
        self.everywhere: list[Rule] = []
        entries = zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)
        for order, (entry, attrs, index) in enumerate(entries):
            for pattern in entry["patterns"]:
                tokens = tuple(self._compile(t) for t in pattern)
                rule = Rule(order, tokens, attrs, index)
                keys = self._keys(pattern[0])  # (column, value) the first token may have; None: any
                if keys is None:
                    self.everywhere.append(rule)
                for key in keys or ():
                    self.indexed.setdefault(key, []).append(rule)

    def _value(self, column: int, value) -> int:
        if COLUMNS[column] == "IS_SPACE":
            return int(bool(value))
        return self.strings.add(value) if value else 0

    def _test(self, column: int, spec) -> Test:
        if not isinstance(spec, dict):
            wanted = self._value(column, spec)
            return lambda v: v == wanted
        if len(spec) != 1 or not OPERATORS >= spec.keys():
            raise UnsupportedPattern(str(spec))
        op, values = next(iter(spec.items()))
        if op == "REGEX":
            rx, seen, strings = re.compile(values), {}, self.strings
            return lambda v: seen[v] if v in seen else seen.setdefault(v, bool(rx.search(strings[v])))
        allowed = frozenset(self._value(column, x) for x in values)
        return allowed.__contains__ if op == "IN" else (lambda v: v not in allowed)

    def _compile(self, token_pattern: dict) -> tuple[tuple[int, Test], ...]:
        if not COLUMNS_SET >= token_pattern.keys():
            raise UnsupportedPattern(str(token_pattern))
        return tuple((COLUMNS.index(a), self._test(COLUMNS.index(a), s)) for a, s in token_pattern.items())

    def _keys(self, token_pattern: dict) -> tuple[tuple[int, int], ...] | None:
        """The values one attribute of the first token must take, for the most selective such attribute."""
        for column, attr in enumerate(COLUMNS):
            spec = token_pattern.get(attr)
            if spec is not None and not isinstance(spec, dict):
                return ((column, self._value(column, spec)),)
            if isinstance(spec, dict) and "IN" in spec:
                return tuple((column, self._value(column, x)) for x in spec["IN"])
        return None

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(list(COLUMNS)).tolist()
        found: list[tuple[int, int, Rule]] = []
        indexed, everywhere = self.indexed, self.everywhere
        for i, row in enumerate(rows):
            for key in enumerate(row):
                found.extend((r.order, i, r) for r in indexed.get(key, ()) if r.matches(rows, i))
            found.extend((r.order, i, r) for r in everywhere if r.matches(rows, i))
        found.sort(key=lambda m: (m[0], m[1]))
        for _, i, rule in found:
            target: Token = doc[i + rule.index if rule.index >= 0 else i + len(rule.tokens) + rule.index]
            set_token_attrs(target, rule.attrs)
        return doc


@Language.factory("briefing_attribute_index")
def make_attribute_index(nlp: Language, name: str, source: str = "attribute_ruler") -> AttributeIndex:
    return AttributeIndex(nlp.get_pipe(source))
