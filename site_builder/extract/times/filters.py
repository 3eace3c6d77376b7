"""Which pattern matches are time expressions: the checks that need the parse or the nearby text.

"Theresa May", "the March on Washington", "2000 people", "Flight 2019", "a quarter of the budget":
a pattern matches, the context says it is no time.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from . import values as tv
from .patterns import (
    LABEL_BEFORE,
    LEVEL_NOUNS,
    LEVEL_SIGNALS,
    RANGE_AFTER,
    RANGE_BEFORE,
    SEASON_AFTER,
    WEEKDAY_NAMES,
    YEAR,
)


def keep(name: str, m: re.Match, doc: Doc, text: str) -> bool:
    """Reject pattern matches the parse shows are not time expressions."""
    if (
        name == "month"
        and m["mon"] == "March"
        and re.search(r"\b(?:the|a)\s+$", text[max(0, m.start() - 4) : m.start()])
    ):
        if re.match(r"\s+(?:on|to|from|through|against|for)\b", text[m.end() : m.end() + 9]):
            return False  # "the March on Washington": a march
    if name == "month" and m["mon"] in ("May", "March", "August", "June", "April", "January"):
        tok = token_at(doc, m.start())
        prev = doc[tok.i - 1] if tok is not None and tok.i > 0 else None
        if (
            prev is not None
            and prev.pos_ == "PROPN"
            and prev.text.istitle()
            and prev.lower_ not in tv.WEEKDAYS
        ):
            return False  # "Theresa May": a surname after a given name
        if tok is None or tok.pos_ != "PROPN" or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            return tok is not None and tok.ent_type_ == "DATE"
    if name == "bare_season" and not SEASON_AFTER.search(text, max(0, m.start() - 9), m.start()):
        return False  # "in the summer", not "the summer games"
    if (
        name == "vague_duration"
        and m["unit"]
        and not re.search(r"\b(?:for|in)\s$", text[max(0, m.start() - 5) : m.start()])
    ):
        return False
    if name == "of_the_unit" and m["unit"][:1].isupper():
        return False  # "Player of the Year": a title
    if name == "rel_word":
        word, after = m[0].lower(), text[m.end() : m.end() + 12].lower()
        if word in ("the future", "the past") and re.match(r"\s+of\b", after):
            return False  # "the future of notebooks": a prospect, not a time
        idiom = re.match(r"\s+(?:and\s+(?:then|again)|that)\b", after)
        if word == "now" and (idiom or text[max(0, m.start() - 6) : m.start()].lower().endswith("every ")):
            return False  # "every now and then", "now that": a conjunction or an idiom
    if name == "set_every" and m["unit"].lower() == "day" and not m["num"]:
        before = text[max(0, m.start() - 8) : m.start()].lower().split()
        if before and (
            before[-1] in ("my", "your", "his", "her", "its", "our", "their") or before[-1].endswith("'s")
        ):
            return False  # "people's every day lives": the adjective everyday
    if (
        name == "duration"
        and m["unit"].lower() == "quarter"
        and re.match(r"\s+of\b", text[m.end() : m.end() + 4])
    ):
        return False  # "a quarter of the budget": a fraction
    if name == "holiday":
        tok = token_at(doc, m.start())
        if (
            tok is not None
            and tok.i > 0
            and doc[tok.i - 1].pos_ == "PROPN"
            and doc[tok.i - 1].ent_type_ == "PERSON"
        ):
            return False  # "Johnnie Christmas": a surname
    if name == "weekday":
        before = text[max(0, m.start() - 10) : m.start()].split()
        if before and before[-1] in WEEKDAY_NAMES:
            return False
    if name == "year":
        if LABEL_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            return False  # "Flight 2019", "Room 1917": a number that names a thing
        before = RANGE_BEFORE.search(text, max(0, m.start() - 16), m.start())
        after = RANGE_AFTER.match(text, m.end(), m.end() + 16)
        if any(r and len(r["n"]) > 2 and not re.fullmatch(YEAR, r["n"]) for r in (before, after)):
            return False  # "from 1200 to 1900": one end is no year, so neither is ("2019-20" is)
        tok = token_at(doc, m.start())
        if tok is None:
            return True
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or (
            tok.i > 0 and doc[tok.i - 1].lower_ in ("no.", "#")
        ):
            return False
        if tok.ent_type_ == "CARDINAL" and tok.dep_ == "nummod" and tok.head.pos_ == "PROPN":
            return False  # "1600 Pennsylvania Avenue"
        if tok.dep_ == "nummod" and tok.head.tag_ == "NNS":  # "1709 schoolchildren", not "the 2014 protests"
            prev = doc[tok.i - 1] if tok.i > 0 else None
            determined = prev and (prev.lower_ in ("the", "this", "that") or prev.tag_ in ("PRP$", "POS"))
            level = (
                prev and prev.lower_ in LEVEL_SIGNALS and tok.head.lower_ in LEVEL_NOUNS
            )  # "of 2000 levels"
            if not (determined or level):
                return False
        if re.match(r"[\s-]+years?[\s-]+old\b", text[m.end() : m.end() + 12]):
            return False
    if name == "ago" and not m["num"]:  # "years ago" is the past; "days later" has no anchor we know
        return m["unit"].lower().endswith("s") and m["dir"].lower() not in ("earlier", "later")
    if (
        name == "ago"
        and m["dir"].lower() in ("earlier", "later")
        and m["unit"].lower().startswith(("sec", "min", "hour"))
    ):
        return False  # "six minutes later": no clock time to anchor on; the duration alone is tagged
    if name == "duration":
        num = m["num"].lower()
        if not m["unit"].lower().endswith("s") and tv.number_of(num) not in (1, 0.5) and "-" not in m[0]:
            return False  # "2018 day five": a number beside a unit word, not a duration
        if num == "some" and not m[0].lower().startswith("the"):
            return False  # "some days" is rarely a measured stretch
        if num in ("a", "an") and m["unit"].lower() == "second":
            return False  # "a second time"
        if (
            num in ("a", "an")
            and m["unit"].lower() in ("day", "year", "week", "month")
            and _preceded_by_amount(text, m)
        ):
            return False
    return True


def _preceded_by_amount(text: str, m: re.Match) -> bool:
    """'$5 a year', '200 times a day': a rate, not a duration."""
    return bool(
        re.search(
            r"(?:\d|\btimes|\bmillion|\bbillion|once|twice)\s*$", text[max(0, m.start() - 20) : m.start()]
        )
    )


def token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
