"""What the words of a name and around it say: cue words (Ministry, Museum), given names, surnames."""

from __future__ import annotations

import re

from .. import names, places
from ..words.organizations import NEWS_WORDS, ORG_ENDINGS, ORG_WORDS
from ..words.place_words import FEATURE_FIRST, PLACE_WORDS

SCORE = re.compile(r"(?<![\d.,:/-])\d{1,2}\s?[\u2013\u2014-]\s?\d{1,2}(?![\d.,:/-])")


def cue_kind(text: str) -> str | None:
    words = [names.word(w) for w in re.split(r"[\s/]+", text) if w]
    if not words:
        return None
    if len(words) > 1 and (tuple(words[-2:]) in ORG_ENDINGS or words[-1] in NEWS_WORDS):
        return "organization"  # Irving Independent School District, Edmonton Sun
    if words[0] in PLACE_WORDS and len(words) > 2 and words[1] == "of" and words[0] not in ORG_WORDS:
        return "place"  # Museum of Flight, Bridge of Sighs
    if words[-1] in PLACE_WORDS and not (len(words) > 2 and "of" in words and words[0] in ORG_WORDS):
        return "place"
    if any(w in ORG_WORDS for w in words):
        return "organization"
    if len(words) > 1 and words[0] in FEATURE_FIRST:
        return "place"  # Lake Pontchartrain, Mount Elgon, Cape Horn
    return None


def given_name(word: str) -> bool:
    """A first name that is not first of all a country or region (Georgia, Jordan); a city's name
    (Regina, Houston) counts only when it is a common given name."""
    weight = names.first_name_weight(word)
    if not weight:
        return False
    found = places.notable(word)
    if any(p.kind == "country" for p in found):
        return False
    if any(p.kind == "region" for p in found):
        return weight >= 5  # Paul, Victoria: given names first; Carolina, Kent: places first
    return weight >= 3 or not found


def surname_token(t) -> bool:
    return (
        t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and t.is_alpha
        and not t.is_upper
        and "\n" not in t.whitespace_
    )
