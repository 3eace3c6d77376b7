"""Time expressions as data: the regular expressions and word tables `times` and its handlers use.

`PATTERNS` lists (name, regex) in the order ties are broken; `handlers.HANDLERS` gives each
name the function that computes its TIMEX3 value. Everything here is compiled once at import.
"""

from __future__ import annotations

import re

WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MON_FULL = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
MON = rf"(?:{MON_FULL}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|a\s+dozen|a\s+couple\s+of|a\s+couple"
    r"|a\s+few|few|several|some|many|dozens\s+of|hundreds\s+of|half\s+an?|an?|\[\w+\])"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|century|centuries)"
)
SPAN_UNIT = (
    rf"(?:week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|{WD}|{MON_FULL})"
)
AMPM = r"[ap]\.?\s?m\b\.?"
TZ_NAME = r"(?-i:UTC|GMT|[ECMP][SD]T|BST|CET|CEST|IST)"
TZ = rf"(?:\s*\({TZ_NAME}\)|\s*{TZ_NAME}|\s+local\s+time)"  # "10:00 GMT", "10:00 (GMT)", not "GMT)"
WEEKDAY_NAMES = ("Black", "Good", "Super", "Ash", "Holy", "Palm", "Cyber", "Bloody", "Easter", "Maundy")


def _p(name: str, *parts: str) -> tuple[str, str]:
    return name, "".join(parts)


# (name, pattern); every pattern is tried, then the longest non-overlapping matches win.
PATTERNS = [
    _p("full_date",
       rf"(?:(?P<wd>{WD})\s*,?\s+)?(?P<mon>{MON})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)\b",
       rf"(?:\s*,?\s*(?P<year>{YEAR})(?!\d))?"),
    _p("full_date_dmy",
       rf"(?:(?P<wd>{WD})\s*,?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?",
       rf"(?P<mon>{MON})(?:\s*,?\s*(?P<year>{YEAR})(?!\d))?"),
    _p("month_year", rf"(?P<mon>{MON})\s*,?\s*(?:of\s+)?(?P<year>{YEAR})(?!\d)"),
    _p("iso", rf"\b(?P<year>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    _p("slash", rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>{YEAR})\b"),
    _p("season_year",
       rf"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    _p("quarter",
       r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|(?-i:Q)(?P<qn>[1-4]))",
       rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year))?\b"),
    _p("half",
       r"the\s+(?P<which>first|second)\s+half\s+of\s+",
       rf"(?:(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year)|the\s+year)\b"),
    _p("decade",
       r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0s)\b",
       r"|the\s+(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    _p("century", r"the\s+(?P<n>\d{1,2}(?:st|nd|rd|th))\s+century\b"),
    _p("ago",
       rf"(?<!\w)(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})\s+",
       r"(?P<dir>ago|from\s+now|hence|earlier|later)\b(?!\s+than)"),
    _p("rel_unit",
       r"\b(?:(?:earlier|later)\s+)?(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming",
       r"|the\s+(?:past|last|next|previous|following|coming|current))\s+",
       rf"(?P<fiscal>(?:fiscal|financial)\s+)?(?P<unit>{SPAN_UNIT})\b",
       r"(?:(?<=day)\s+(?P<part>morning|afternoon|evening|night)\b)?"),
    _p("fiscal",
       rf"\b(?:fiscal|financial)\s+(?:year\s+)?(?P<year>{YEAR})\b|\bFY\s?(?P<fy>{YEAR})\b",
       r"|\bthe\s+(?:fiscal|financial)\s+year\b"),
    _p("of_the_unit", r"(?<=\bof\s)the\s+(?P<unit>year|month|week|decade)\b"),
    _p("bare_season",
       r"\bthe\s+(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+of\b)"),  # after a preposition: _keep
    _p("year_end", r"\byear[- ]end\b"),
    _p("day_part",
       r"\b(?P<which>this|yesterday|tomorrow|last)\s+(?P<part>morning|afternoon|evening|night)\b"),
    _p("rel_day",
       r"\bthe\s+(?:(?:next|following|previous)\s+day",
       r"|day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow))|same\s+day)\b"),
    _p("unit_before", r"\bthe\s+(?P<unit>week|month|year)\s+(?P<dir>before|after)\b"),
    _p("the_weekend", r"(?<=\bthe\s)weekend\b"),
    _p("vague_span",
       r"\b(?:(?:the\s+)?(?P<which>recent|coming|past\s+few|last\s+few|next\s+few)\s+"
       r"(?P<unit>days|weeks|months|years|decades))\b"),
    _p("holiday",
       r"\b(?P<name>(?-i:Christmas|New\s+Year's|New\s+Year|Valentine's|Halloween|Boxing))"
       r"(?:\s+(?P<part>(?-i:Day|Eve)))?\b"),
    _p("rel_word",
       r"\b(?:today|tonight|yesterday|tomorrow|right\s+now|now|currently|nowadays|presently",
       r"|at\s+present|recently|lately|the\s+past|the\s+future)\b"),
    _p("duration",
       r"(?:\bthe\s+(?:past|last|next|first|coming|following|previous|final)\s+)?",
       rf"(?<![\w.,])(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})(?:-long)?\b(?![- ]olds?\b)",
       rf"(?:\s+(?:a|an|per|each|every)\s+(?P<per>{UNIT})\b)?"),  # "24 hours a day": a rate
    _p("vague_duration",
       r"\b(?P<unit2>decades|years|months)-long\b",
       r"|\b(?P<unit>years|decades|months|weeks)\b(?!\s+(?:to\s+come|past|of)\b)"),  # after for/in: _keep
    _p("set_every",
       rf"\b(?:every|each)\s+(?:(?P<num>other|{NUM})\s+)?",
       rf"(?P<unit>{UNIT}|{WD}|morning|evening|night|weekend)\b"),
    _p("set_times",
       rf"\b(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})\b"),
    _p("set_plural_weekday", rf"(?P<unit>{WD}s)\b"),
    _p("set_adverb",
       r"\b(?-i:daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually|annual|hourly",
       r"|biannual|semiannual)\b"),
    _p("clock",
       rf"(?<![\w:.])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<ap>{AMPM}))?",
       rf"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<m2>[0-5]\d))?\s*(?P<ap2>{AMPM})",
       rf"|(?P<word>noon|midday|midnight)|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?-i:GMT|UTC)\b)){TZ}?(?![\w:])"),
    _p("weekday", rf"(?P<wd>{WD})(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    _p("month", rf"\b(?P<mon>{MON_FULL})\b"),
    _p("year", rf"(?<![\w$€£#/.,])(?P<year>{YEAR})(?![\w%]|[.,]\d)"),
]  # fmt: skip

REL_WORDS = {
    "today": ("DATE", 0), "yesterday": ("DATE", -1), "tomorrow": ("DATE", 1), "tonight": ("TIME", "NI"),
    "now": ("DATE", "PRESENT_REF"), "right now": ("DATE", "PRESENT_REF"),
    "currently": ("DATE", "PRESENT_REF"),
    "nowadays": ("DATE", "PRESENT_REF"), "presently": ("DATE", "PRESENT_REF"),
    "at present": ("DATE", "PRESENT_REF"), "recently": ("DATE", "PAST_REF"), "lately": ("DATE", "PAST_REF"),
    "the past": ("DATE", "PAST_REF"), "the future": ("DATE", "FUTURE_REF"),
}  # fmt: skip

HOLIDAYS = {"christmas": (12, 25), "new year's": (1, 1), "new year": (1, 1), "valentine's": (2, 14),
            "halloween": (10, 31), "boxing": (12, 26)}  # fmt: skip

ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y", "hourly": "PT1H",
               "biannual": "P6M", "semiannual": "P6M"}  # fmt: skip

# the precision a unit's "later"/"previous" counts from: "a year later" from the latest year mentioned
PRECISION = {
    "year": "year",
    "decade": "year",
    "century": "year",
    "quarter": "month",
    "month": "month",
    "spring": "year",
    "summer": "year",
    "autumn": "year",
    "fall": "year",
    "winter": "year",
}

MOD_BEFORE = re.compile(
    r"(?:\b(?P<edge>early|mid|late)[\s-]+|\b(?P<part>(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close)"
    r"\s+of\s+(?:the\s+)?)|\b(?P<approx>about|around|approximately|nearly|almost|roughly|some)\s+"
    r"|\b(?P<more>more\s+than|over|at\s+least|less\s+than|under|up\s+to|no\s+more\s+than)\s+)$",
    re.IGNORECASE,
)
EDGE_MOD = {"early": "START", "mid": "MID", "late": "END", "beginning": "START", "start": "START",
            "end": "END", "middle": "MID", "close": "END"}  # fmt: skip
AMOUNT_MOD = {"more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
              "less than": "LESS_THAN",
              "under": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}  # fmt: skip
SIGNAL_BEFORE = re.compile(r"\b(?P<sig>since|before|after|until|till|by)\s+(?:the\s+)?$", re.IGNORECASE)
ABSOLUTE = {
    "month_year",
    "iso",
    "slash",
    "year",
    "decade",
    "century",
    "season_year",
    "fiscal",
}  # written in full
LABEL_BEFORE = re.compile(
    r"\b(?-i:Flight|Room|Gate|Interstate|Route|Highway|Resolution|Chapter|Article|Section|Unit|Bus|Train"
    r"|Platform|Suite|Apartment|Version|Model|Box|Block|Exit|Pier|Windows|Boeing|Airbus|Apollo|Page|Item"
    r"|Ward|Precinct|Seat|No\.|Number|Code|Form|Rule|Bill|Patrol|Squadron|Battalion|Regiment|Brigade)\s+$"
)
RANGE_BEFORE = re.compile(r"(?<![\w.,])(?P<n>\d+(?:[,.]\d+)*)\s*(?:to|and|-|–)\s*$")
RANGE_AFTER = re.compile(r"\s*(?:to|and|-|–)\s*(?P<n>\d+(?:[,.]\d+)*)(?!\w)")
SEASON_AFTER = re.compile(r"\b(?:in|during|over|through|until|by|since)\s$", re.IGNORECASE)
LEVEL_SIGNALS = {"of", "from", "to", "below", "above", "at", "than", "on", "over"}
LEVEL_NOUNS = {"levels", "figures", "prices", "rates", "values", "numbers"}
PLANNED = re.compile(
    r"\b(?:(?:scheduled|slated|planned|called|set|due|fixed|pencil+ed|timed)\s+for|due\s+on)\s+$",
    re.IGNORECASE,
)
# "called a day of action for March 6", "tickets for Monday": a day named after "for" is a target
TARGET_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)
NAMES_A_DAY = re.compile(r"\d|day\b", re.IGNORECASE)
SIGNAL_MOD = {"since": "START", "before": "BEFORE", "after": "AFTER"}
FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "promise", "vow",
                "threaten",
                "prepare", "propose", "agree", "decide", "want", "seek", "try", "pledge", "go"}  # fmt: skip


RANGE_MDY = re.compile(rf"{MON}\s+[0-3]?\d(?:st|nd|rd|th)?", re.IGNORECASE)
SECOND_DAY = re.compile(
    rf"\s*[-–]\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:[-–:/.]\d|{MON}))(?:,?\s*(?P<year>{YEAR})\b)?"
)
FIRST_DAY = re.compile(r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*[-–]\s*$")
