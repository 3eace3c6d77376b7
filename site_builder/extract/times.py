"""Time expressions: find TIMEX3 spans with rules, normalise them against the article's date.

Spans come from compiled patterns over the text (dates in the usual news forms, weekdays,
months, "last week", "two days ago", durations, sets, clock times, vague references); the
parse is used only where a pattern cannot decide: the tense of the governing verb picks
past or future for a bare weekday or month, and a bare number is a year only when it is
not counting something ("2000 people"). Values are computed in `timex_values`.
Spans follow the TimeML corpora: the signal ("on", "in", "since") and a quantity modifier
("about", "more than") stay outside, a position in time ("early", "mid-", "the end of") inside;
each sets `mod` (APPROX, MORE_THAN, START, MID, END; "since X" is START).
Relative values count from the article's own date line when it has one ("Tuesday, June 19, 2018"
alone on a line near the file's date), else the file's date; "a year later", "the next day"
count from the latest date mentioned at least as precisely as their unit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from . import timex_values as tv
from .model import Timex
from .nlp import doc_text, lemma

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


@dataclass
class Ctx:
    """What a value may be anchored on: the DCT, the last full date mentioned, the verb's tense."""

    dct: dt.date
    refs: dict[str, dt.date]  # the latest date mentioned at each precision: "year", "month", "day"
    direction: Callable[[], str]  # "past" | "present" | "future" | "" (no verb tells)
    sent_day: Callable[[], str | None]  # a day-precision date in the same sentence, for clock times


Result = tuple[str, str | None] | None  # (type, value)
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


def _ref(ctx: Ctx, unit: str) -> dt.date:
    """What 'a year later', 'the following month', 'the next day' count from: the latest date
    mentioned at least as precisely as the unit ('in 1984 ... a year later'), else the DCT."""
    return ctx.refs.get(PRECISION.get(tv.unit_of(unit), "day"), ctx.dct)


def _d(value: dt.date) -> str:
    return value.isoformat()


def _year(ctx: Ctx, text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower().split()
    if text[-1].isdigit():
        return int(text[-1])
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}.get(text[0], 0)


def h_full_date(m: re.Match, ctx: Ctx) -> Result:
    month = tv.MONTHS[m["mon"].rstrip(".").lower()]
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else None
    if year is None:
        if m["wd"]:  # "Monday, July 5": the year whose July 5 is a Monday, nearest the DCT
            wd = tv.WEEKDAYS[m["wd"].lower()]
            for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
                if tv.ymd(y, month, day) and dt.date(y, month, day).weekday() == wd:
                    year = y
                    break
        if year is None:
            year = tv.month_day_year(ctx.dct, month, day, ctx.direction())
    value = tv.ymd(year, month, day)
    return ("DATE", value) if value else None


def h_month_year(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", f"{int(m['year']):04d}-{tv.MONTHS[m['mon'].rstrip('.').lower()]:02d}"


def h_iso(m: re.Match, ctx: Ctx) -> Result:
    value = tv.ymd(int(m["year"]), int(m["m"]), int(m["d"]))
    return ("DATE", value) if value else None


def h_slash(m: re.Match, ctx: Ctx) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    value = tv.ymd(y, a, b) if a <= 12 else tv.ymd(y, b, a)  # US month/day unless the first cannot be a month
    return ("DATE", value) if value else None


def h_season_year(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", f"{int(m['year']):04d}-{tv.SEASONS[m['season'].lower()]}"


def h_quarter(m: re.Match, ctx: Ctx) -> Result:
    q = tv.ORDINALS.get((m["ord"] or "").lower()) or int(m["qn"])
    year = _year(ctx, m["year"])
    if year is None:
        year = ctx.dct.year
        if q > (ctx.dct.month - 1) // 3 + 1 and ctx.direction() == "past":
            year -= 1
    return "DATE", f"{year:04d}-Q{q}"


def h_half(m: re.Match, ctx: Ctx) -> Result:
    year = _year(ctx, m["year"]) or ctx.dct.year
    return "DATE", f"{year:04d}-H{1 if m['which'].lower() == 'first' else 2}"


def h_decade(m: re.Match, ctx: Ctx) -> Result:
    if m["cent"]:
        return "DATE", f"{m['cent']}{m['dec']}"
    if m["dec2"]:  # the '90s
        d = int(m["dec2"])
        return "DATE", f"{20 if 2000 + d * 10 <= ctx.dct.year else 19}{d}"  # the latest such decade
    return "DATE", f"19{tv.DECADE_WORDS[m['dw'].lower()]}"


def h_century(m: re.Match, ctx: Ctx) -> Result:
    n = int(re.sub(r"\D", "", m["n"]))
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


def h_ago(m: re.Match, ctx: Ctx) -> Result:
    num = tv.number_of(m["num"]) if m["num"] else None  # "years ago": the past, unmeasured
    word = m["dir"].lower()
    sign = -1 if word in ("ago", "earlier", "before") else 1
    base = ctx.dct if word in ("ago", "from now", "hence") else _ref(ctx, m["unit"])
    if num is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    return "DATE", tv.shift(base, num, m["unit"], sign)


def h_rel_unit(m: re.Match, ctx: Ctx) -> Result:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"]
    low = unit.lower()
    has_the = rel.startswith("the ")
    rel = rel.removeprefix("the ")
    if rel in ("previous", "following"):  # anchored on the date last mentioned
        base, offset = _ref(ctx, low), -1 if rel == "previous" else 1
    else:
        base = ctx.dct
        offset = {
            "this": 0,
            "last": -1,
            "past": -1,
            "this past": -1,
            "next": 1,
            "coming": 1,
            "this coming": 1,
            "current": 0,
        }[rel]
    if m["fiscal"] and low == "year":  # "the last financial year": TIMEX3 writes FY2020
        return "DATE", f"FY{base.year + offset:04d}"
    if low in tv.WEEKDAYS:
        direction = "past" if offset < 0 else "future" if offset > 0 else ctx.direction() or "past"
        direction = "future" if direction == "present" else direction
        value = _d(tv.weekday_date(base, tv.WEEKDAYS[low], direction, offset))
        if m["part"]:  # "last Thursday night"
            return "TIME", f"{value}T{tv.DAY_PARTS[m['part'].lower()]}"
        return "DATE", value
    if low in tv.MONTHS:
        month = tv.MONTHS[low]
        direction = ctx.direction() or "past"
        return "DATE", f"{tv.month_year(base, month, direction, offset):04d}-{month:02d}"
    if has_the and rel in ("past", "last", "next", "coming") and low not in ("quarter", "weekend"):
        return "DURATION", tv.duration(1, low)  # "the past decade": a stretch of time, not a date
    if low == "weekend" and offset == 0:
        return "DATE", tv.weekend(base, ctx.direction() or "past")
    if low in tv.SEASONS:
        return "DATE", _season(base, low, offset)
    return "DATE", tv.relative_unit(base, low, offset)


def h_fiscal(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", f"FY{m['year'] or m['fy'] or ctx.dct.year}"


def _season(dct: dt.date, season: str, offset: int) -> str:
    code = tv.SEASONS[season]
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    year = dct.year
    if offset < 0 and dct.month < first + 3:
        year -= 1
    if offset > 0 and dct.month >= first:
        year += 1
    return f"{year:04d}-{code}"


def h_of_the_unit(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", tv.relative_unit(ctx.dct, m["unit"], 0)


def h_bare_season(m: re.Match, ctx: Ctx) -> Result:
    """'in the summer': the latest one begun by the DCT when told in the past, else the next to begin."""
    code = tv.SEASONS[m["season"].lower()]
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    direction, year = ctx.direction(), ctx.dct.year
    if direction == "past" and ctx.dct.month < first:
        year -= 1
    if direction == "future" and ctx.dct.month >= first + 3:
        year += 1
    return "DATE", f"{year:04d}-{code}"


def h_year_end(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", str(ctx.dct.year)


REL_WORDS = {
    "today": ("DATE", 0), "yesterday": ("DATE", -1), "tomorrow": ("DATE", 1), "tonight": ("TIME", "NI"),
    "now": ("DATE", "PRESENT_REF"), "right now": ("DATE", "PRESENT_REF"),
    "currently": ("DATE", "PRESENT_REF"),
    "nowadays": ("DATE", "PRESENT_REF"), "presently": ("DATE", "PRESENT_REF"),
    "at present": ("DATE", "PRESENT_REF"), "recently": ("DATE", "PAST_REF"), "lately": ("DATE", "PAST_REF"),
    "the past": ("DATE", "PAST_REF"), "the future": ("DATE", "FUTURE_REF"),
}  # fmt: skip


def h_rel_word(m: re.Match, ctx: Ctx) -> Result:
    key = " ".join(m[0].lower().split())
    kind, how = REL_WORDS[key]
    if isinstance(how, int):
        return kind, _d(ctx.dct + dt.timedelta(days=how))
    if kind == "TIME":
        return kind, f"{_d(ctx.dct)}T{how}"
    return kind, how


def h_day_part(m: re.Match, ctx: Ctx) -> Result:
    day = {"this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[m["which"].lower()]
    part = tv.DAY_PARTS[m["part"].lower()]
    if m["which"].lower() == "last" and part != "NI":
        return None
    return "TIME", f"{_d(ctx.dct + dt.timedelta(days=day))}T{part}"


def h_the_weekend(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", tv.weekend(ctx.dct, ctx.direction() or "past")


def h_vague_span(m: re.Match, ctx: Ctx) -> Result:
    """'in recent weeks': the past as a whole; 'the coming days': the future; 'the past few days': a span."""
    which = m["which"].lower().split()[0]
    if which in ("past", "last", "next"):
        return "DURATION", tv.duration(None, m["unit"])
    return "DATE", "PAST_REF" if which == "recent" else "FUTURE_REF"


HOLIDAYS = {"christmas": (12, 25), "new year's": (1, 1), "new year": (1, 1), "valentine's": (2, 14),
            "halloween": (10, 31), "boxing": (12, 26)}  # fmt: skip


def h_holiday(m: re.Match, ctx: Ctx) -> Result:
    name = " ".join(m["name"].lower().split())
    if name in ("new year's", "new year", "valentine's", "boxing") and not m["part"]:
        return None  # "New Year's resolutions", "Boxing" alone: not a day
    month, day = HOLIDAYS[name]
    if name == "christmas" and (m["part"] or "").lower() == "eve":
        day = 24
    if name.startswith("new year") and (m["part"] or "").lower() == "eve":
        month, day = 12, 31
    direction = ctx.direction() or "past"
    return "DATE", tv.ymd(tv.month_day_year(ctx.dct, month, day, direction), month, day)


def h_rel_day(m: re.Match, ctx: Ctx) -> Result:
    text = " ".join(m[0].lower().split())
    sign = -1 if ("previous" in text or "before" in text) else 0 if "same" in text else 1
    return "DATE", _d(_ref(ctx, "day") + dt.timedelta(days=sign))


def h_unit_before(m: re.Match, ctx: Ctx) -> Result:
    sign = -1 if m["dir"].lower() == "before" else 1
    return "DATE", tv.shift(_ref(ctx, m["unit"]), 1, m["unit"], sign)


def h_duration(m: re.Match, ctx: Ctx) -> Result:
    if m["per"]:
        return "SET", tv.duration(1, m["per"])
    return "DURATION", tv.duration(tv.number_of(m["num"]), m["unit"])


def h_vague_duration(m: re.Match, ctx: Ctx) -> Result:
    return "DURATION", tv.duration(None, m["unit"] or m["unit2"])


def h_set_times(m: re.Match, ctx: Ctx) -> Result:
    return "SET", tv.duration(1, m["unit"])


def h_set(m: re.Match, ctx: Ctx) -> Result:
    unit = m["unit"]
    if unit in tv.WEEKDAYS or unit.rstrip("s").lower() in tv.WEEKDAYS:
        return "SET", f"XXXX-WXX-{tv.WEEKDAYS[unit.rstrip('s').lower()] + 1}"
    low = unit.lower()
    if low in tv.DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{tv.DAY_PARTS[low]}"
    num = (
        2
        if (m.groupdict().get("num") or "").lower() == "other"
        else tv.number_of(m.groupdict().get("num") or "1")
    )
    if low == "weekend":
        return "SET", "XXXX-WXX-WE"
    return "SET", tv.duration(num or 1, low)


ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y", "hourly": "PT1H",
               "biannual": "P6M", "semiannual": "P6M"}  # fmt: skip


def h_adverb_set(m: re.Match, ctx: Ctx) -> Result:
    return "SET", ADVERB_SETS[m[0].lower()]


def h_clock(m: re.Match, ctx: Ctx) -> Result:
    if m["word"]:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[m["word"].lower()]
    else:
        hh = int(m["h"] or m["h2"] or m["h3"])
        mm = int(m["m"] or m["m2"] or m["m3"] or 0)
        ap = (m["ap"] or m["ap2"] or "").lower()
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
    day = ctx.sent_day() or _d(ctx.dct)
    return "TIME", f"{day}T{hh:02d}:{mm:02d}"


def h_weekday(m: re.Match, ctx: Ctx) -> Result:
    direction = {"present": "future", "": "past"}.get(ctx.direction(), ctx.direction())  # "talks open Monday"
    value = _d(tv.weekday_date(ctx.dct, tv.WEEKDAYS[m["wd"].lower()], direction))
    if m["part"]:
        return "TIME", f"{value}T{tv.DAY_PARTS[m['part'].lower()]}"
    return "DATE", value


def h_month(m: re.Match, ctx: Ctx) -> Result:
    month = tv.MONTHS[m["mon"].lower()]
    return "DATE", f"{tv.month_year(ctx.dct, month, ctx.direction() or 'past'):04d}-{month:02d}"


def h_year(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", m["year"]


def _p(name: str, fn: Callable[[re.Match, Ctx], Result], *parts: str):
    return name, "".join(parts), fn


# (name, pattern, handler); every pattern is tried, then the longest non-overlapping matches win.
PATTERNS = [
    _p("full_date", h_full_date,
       rf"(?:(?P<wd>{WD})\s*,?\s+)?(?P<mon>{MON})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)\b",
       rf"(?:\s*,?\s*(?P<year>{YEAR})(?!\d))?"),
    _p("full_date_dmy", h_full_date,
       rf"(?:(?P<wd>{WD})\s*,?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?",
       rf"(?P<mon>{MON})(?:\s*,?\s*(?P<year>{YEAR})(?!\d))?"),
    _p("month_year", h_month_year, rf"(?P<mon>{MON})\s*,?\s*(?:of\s+)?(?P<year>{YEAR})(?!\d)"),
    _p("iso", h_iso, rf"\b(?P<year>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    _p("slash", h_slash, rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>{YEAR})\b"),
    _p("season_year", h_season_year,
       rf"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    _p("quarter", h_quarter,
       r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|(?-i:Q)(?P<qn>[1-4]))",
       rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year))?\b"),
    _p("half", h_half,
       r"the\s+(?P<which>first|second)\s+half\s+of\s+",
       rf"(?:(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year)|the\s+year)\b"),
    _p("decade", h_decade,
       r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0s)\b",
       r"|the\s+(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    _p("century", h_century, r"the\s+(?P<n>\d{1,2}(?:st|nd|rd|th))\s+century\b"),
    _p("ago", h_ago,
       rf"(?<!\w)(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})\s+",
       r"(?P<dir>ago|from\s+now|hence|earlier|later)\b(?!\s+than)"),
    _p("rel_unit", h_rel_unit,
       r"\b(?:(?:earlier|later)\s+)?(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming",
       r"|the\s+(?:past|last|next|previous|following|coming|current))\s+",
       rf"(?P<fiscal>(?:fiscal|financial)\s+)?(?P<unit>{SPAN_UNIT})\b",
       r"(?:(?<=day)\s+(?P<part>morning|afternoon|evening|night)\b)?"),
    _p("fiscal", h_fiscal,
       rf"\b(?:fiscal|financial)\s+(?:year\s+)?(?P<year>{YEAR})\b|\bFY\s?(?P<fy>{YEAR})\b",
       r"|\bthe\s+(?:fiscal|financial)\s+year\b"),
    _p("of_the_unit", h_of_the_unit, r"(?<=\bof\s)the\s+(?P<unit>year|month|week|decade)\b"),
    _p("bare_season", h_bare_season,
       r"\bthe\s+(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+of\b)"),  # after a preposition: _keep
    _p("year_end", h_year_end, r"\byear[- ]end\b"),
    _p("day_part", h_day_part,
       r"\b(?P<which>this|yesterday|tomorrow|last)\s+(?P<part>morning|afternoon|evening|night)\b"),
    _p("rel_day", h_rel_day,
       r"\bthe\s+(?:(?:next|following|previous)\s+day",
       r"|day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow))|same\s+day)\b"),
    _p("unit_before", h_unit_before, r"\bthe\s+(?P<unit>week|month|year)\s+(?P<dir>before|after)\b"),
    _p("the_weekend", h_the_weekend, r"(?<=\bthe\s)weekend\b"),
    _p("vague_span", h_vague_span,
       r"\b(?:(?:the\s+)?(?P<which>recent|coming|past\s+few|last\s+few|next\s+few)\s+"
       r"(?P<unit>days|weeks|months|years|decades))\b"),
    _p("holiday", h_holiday,
       r"\b(?P<name>(?-i:Christmas|New\s+Year's|New\s+Year|Valentine's|Halloween|Boxing))"
       r"(?:\s+(?P<part>(?-i:Day|Eve)))?\b"),
    _p("rel_word", h_rel_word,
       r"\b(?:today|tonight|yesterday|tomorrow|right\s+now|now|currently|nowadays|presently",
       r"|at\s+present|recently|lately|the\s+past|the\s+future)\b"),
    _p("duration", h_duration,
       r"(?:\bthe\s+(?:past|last|next|first|coming|following|previous|final)\s+)?",
       rf"(?<![\w.,])(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})(?:-long)?\b(?![- ]olds?\b)",
       rf"(?:\s+(?:a|an|per|each|every)\s+(?P<per>{UNIT})\b)?"),  # "24 hours a day": a rate
    _p("vague_duration", h_vague_duration,
       r"\b(?P<unit2>decades|years|months)-long\b",
       r"|\b(?P<unit>years|decades|months|weeks)\b(?!\s+(?:to\s+come|past|of)\b)"),  # after for/in: _keep
    _p("set_every", h_set,
       rf"\b(?:every|each)\s+(?:(?P<num>other|{NUM})\s+)?",
       rf"(?P<unit>{UNIT}|{WD}|morning|evening|night|weekend)\b"),
    _p("set_times", h_set_times,
       rf"\b(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})\b"),
    _p("set_plural_weekday", h_set, rf"(?P<unit>{WD}s)\b"),
    _p("set_adverb", h_adverb_set,
       r"\b(?-i:daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually|annual|hourly",
       r"|biannual|semiannual)\b"),
    _p("clock", h_clock,
       rf"(?<![\w:.])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<ap>{AMPM}))?",
       rf"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<m2>[0-5]\d))?\s*(?P<ap2>{AMPM})",
       rf"|(?P<word>noon|midday|midnight)|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?-i:GMT|UTC)\b)){TZ}?(?![\w:])"),
    _p("weekday", h_weekday, rf"(?P<wd>{WD})(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    _p("month", h_month, rf"\b(?P<mon>{MON_FULL})\b"),
    _p("year", h_year, rf"(?<![\w$€£#/.,])(?P<year>{YEAR})(?![\w%]|[.,]\d)"),
]  # fmt: skip
COMPILED = [(name, re.compile(p, re.IGNORECASE), fn) for name, p, fn in PATTERNS]

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
SIGNAL_MOD = {"since": "START", "before": "BEFORE", "after": "AFTER"}
FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "promise", "vow",
                "threaten",
                "prepare", "propose", "agree", "decide", "want", "seek", "try", "pledge", "go"}  # fmt: skip


def _tense(doc: Doc, start: int, end: int, title_end: int) -> str:
    """'past', 'present' or 'future' from the verb governing the span at start..end, '' when nothing tells."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return ""
    for verb in (tok, tok.head):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
            return "future"
        if any(a.lower_ in ("would", "'d") for a in auxes) and not any(lemma(a) == "have" for a in auxes):
            return "future"  # "said talks would resume Friday"; not "would have been"
        if any(a.lower_ == "to" for a in auxes) and lemma(verb.head) in FUTURE_HEADS:
            return "future"
        if lemma(verb) in ("schedule", "set", "due") and any(lemma(a) == "be" for a in auxes):
            return "future"
        if "Past" in verb.morph.get("Tense") and verb.tag_ == "VBD":
            return "past"
        if any("Past" in a.morph.get("Tense") or a.lower_ in ("has", "have", "had") for a in auxes):
            return "past"
        if verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
            return "past" if start < title_end else "present"  # headlines tell past news in the present
        if verb.dep_ not in ("xcomp", "advcl", "ccomp", "conj", "relcl") or verb.head.i == verb.i:
            break
    return ""


def _keep(name: str, m: re.Match, doc: Doc, text: str) -> bool:
    """Reject pattern matches the parse shows are not time expressions."""
    if (
        name == "month"
        and m["mon"] == "March"
        and re.search(r"\b(?:the|a)\s+$", text[max(0, m.start() - 4) : m.start()])
    ):
        if re.match(r"\s+(?:on|to|from|through|against|for)\b", text[m.end() : m.end() + 9]):
            return False  # "the March on Washington": a march
    if name == "month" and m["mon"] in ("May", "March", "August", "June", "April", "January"):
        tok = _token_at(doc, m.start())
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
        tok = _token_at(doc, m.start())
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
        tok = _token_at(doc, m.start())
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


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _candidates(text: str, doc: Doc) -> list[tuple[int, int, str, re.Match, Callable]]:
    """Every kept pattern match; the longest win, then the earliest, then the first pattern listed."""
    found = []
    for name, rx, fn in COMPILED:
        for m in rx.finditer(text):
            if m.end() > m.start() and _keep(name, m, doc, text):
                found.append((m.start(), m.end(), name, m, fn))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, str, re.Match, Callable]] = []
    starts: list[int] = []  # chosen spans, sorted and disjoint: a newcomer need only meet its neighbours
    ends: list[int] = []
    for cand in sorted(found, key=lambda c: -(c[1] - c[0])):
        i = bisect.bisect_left(starts, cand[0])
        if (i > 0 and ends[i - 1] > cand[0]) or (i < len(starts) and starts[i] < cand[1]):
            continue
        starts.insert(i, cand[0])
        ends.insert(i, cand[1])
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


def find_times(
    doc: Doc, dct: dt.date, title: tuple[int, int] | None = None, body_start: int = 0
) -> list[Timex]:
    """Every time expression in the doc from body_start on, with its TIMEX3 type, value and mod.

    title: the headline's span (its present tense reports the past).
    """
    title_end = title[1] if title else 0
    text = doc_text(doc)
    out: list[Timex] = []
    refs: dict[str, dt.date] = {}
    sent_starts = [s.start_char for s in doc.sents]
    candidates = _candidates(text, doc)
    dct = _date_line(candidates, text, max(body_start, title_end), dct)
    for start, end, name, m, fn in candidates:
        if start < body_start:
            continue

        def direction(s=start, e=end) -> str:
            if PLANNED.search(text, max(0, s - 30), s):
                return "future"  # "elections were called for August 15": the plan lies ahead
            return _tense(doc, s, e, title_end)

        def sent_day(s=start) -> str | None:
            lo = sent_starts[max(0, bisect.bisect_right(sent_starts, s) - 1)] if sent_starts else 0
            for t in reversed(out):  # the latest day already found in this sentence
                if t.start < lo:
                    break
                if t.value and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
                    return t.value
            return None

        try:
            result = fn(m, Ctx(dct, refs, direction, sent_day))
        except (ValueError, KeyError, OverflowError):
            result = None
        if result is None or result[1] is None:
            continue
        kind, value = result
        mod = None
        pre = MOD_BEFORE.search(text, max(0, start - 40), start)
        if pre and pre.end() == start:
            if pre["edge"] or pre["part"]:
                word = (pre["edge"] or pre["part"]).lower()
                mod = next(v for k, v in EDGE_MOD.items() if k in word)
                if kind == "DATE" and (value[:4].isdigit() or value.startswith("FY")):
                    start = pre.start()
            elif (
                kind == "DURATION" and (pre["approx"] or pre["more"]) and not m[0].lower().startswith("the ")
            ):
                mod = "APPROX" if pre["approx"] else AMOUNT_MOD[" ".join(pre["more"].lower().split())]
        if name == "year_end":
            mod = "END"
        sig = SIGNAL_BEFORE.search(text, max(0, start - 12), start)
        if sig and mod is None and kind in ("DATE", "TIME"):
            mod = SIGNAL_MOD.get(sig["sig"].lower())
        written = (m.groupdict().get("year") or "")[:1].isdigit()  # "March 3, 2019", "Q3 2020"
        anchored = (name not in ABSOLUTE and not written) or (name == "fiscal" and not (m["year"] or m["fy"]))
        out.append(Timex(start, end, text[start:end], kind, value, mod, anchored))
        if kind == "DATE":
            _remember(refs, value)
    return _clock_days(_day_ranges(out, text), text, sent_starts, dct)


def _date_line(candidates: list, text: str, after: int, dct: dt.date) -> dt.date:
    """The date the article writes on a line of its own at its top ("Tuesday, June 19, 2018"):
    its "yesterday" and "on Monday" count from that day, which may be a day or so off the
    date the file was given. A date far from the file's date is a copy error, not the writing day."""
    for start, end, name, m, _fn in candidates:
        if start < after:
            continue
        if name != "full_date" or not m["year"] or not m["wd"]:
            return dct
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if text[line_start:start].strip() or text[end : line_end if line_end >= 0 else len(text)].strip():
            return dct
        written = tv.ymd(int(m["year"]), tv.MONTHS[m["mon"].rstrip(".").lower()], int(m["day"]))
        if written and abs((dt.date.fromisoformat(written) - dct).days) <= 7:
            return dt.date.fromisoformat(written)
        return dct
    return dct


RANGE_MDY = re.compile(rf"{MON}\s+[0-3]?\d(?:st|nd|rd|th)?", re.IGNORECASE)
SECOND_DAY = re.compile(
    rf"\s*[-–]\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:[-–:/.]\d|{MON}))(?:,?\s*(?P<year>{YEAR})\b)?"
)
FIRST_DAY = re.compile(r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*[-–]\s*$")


def _day_ranges(out: list[Timex], text: str) -> list[Timex]:
    """'July 12-13', '8-9 October': the other day of the range is a date of its own, in the same month."""
    extra = []
    for t in out:
        if t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or ""):
            continue
        if RANGE_MDY.fullmatch(t.text):
            m = SECOND_DAY.match(text, t.end)
            if m:
                year = m["year"] or t.value[:4]
                first, second = (
                    tv.ymd(int(year), int(t.value[5:7]), int(t.value[8:])),
                    tv.ymd(int(year), int(t.value[5:7]), int(m["day"])),
                )
                if first and second and second > first:
                    t.value = first
                    t.anchored = t.anchored and not m["year"]
                    a, b = m.start("day"), m.end()
                    extra.append(Timex(a, b, text[a:b], "DATE", second, None, t.anchored))
        elif t.text[:1].isdigit():
            m = FIRST_DAY.search(text, max(0, t.start - 8), t.start)
            first = m and tv.ymd(int(t.value[:4]), int(t.value[5:7]), int(m["day"]))
            if first and first < t.value:
                extra.append(
                    Timex(m.start(), m.start() + len(m["day"]), m["day"], "DATE", first, None, t.anchored)
                )
    if not extra:
        return out
    kept = [t for t in out if not any(t.start < e.end and e.start < t.end for e in extra)]  # "-13, 2019"
    return sorted(kept + extra, key=lambda t: t.start)


def _remember(refs: dict[str, dt.date], value: str) -> None:
    """A calendar date (2021, 2021-07, 2021-07-05) becomes the anchor at its precision and coarser."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return
    try:
        day = dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return
    refs["year"] = day
    if m[2]:
        refs["month"] = day
    if m[3]:
        refs["day"] = day


def _clock_days(out: list[Timex], text: str, sent_starts: list[int], dct: dt.date) -> list[Timex]:
    """'at 2 p.m. on Monday', 'at 2:30 the next day': a clock time takes the day written right
    after it; one anchored on the DCT also takes a day named later in its sentence."""
    day = re.compile(r"\d{4}-\d\d-\d\d")
    for i, t in enumerate(out):
        if t.type != "TIME" or not day.match(t.value or ""):
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (
            nxt is not None
            and nxt.type == "DATE"
            and day.fullmatch(nxt.value or "")
            and re.fullmatch(r"\s*,?\s*(?:on\s+)?", text[t.end : nxt.start])
        ):
            t.value = nxt.value + t.value[10:]
            continue
        if not t.value.startswith(dct.isoformat() + "T"):
            continue
        if re.match(r"\s*(?:today|tonight)", text[t.end : t.end + 10], re.IGNORECASE):
            continue
        k = bisect.bisect_right(sent_starts, t.start)
        hi = sent_starts[k] if k < len(sent_starts) else len(text)
        for d in out[i + 1 :]:
            if d.start >= hi:
                break
            if d.text.lower().startswith("the "):
                continue  # "at 22:30, ... at 2:30 the next day": counted from a time, not this one's day
            if d.type == "DATE" and day.fullmatch(d.value or ""):
                t.value = d.value + t.value[10:]
                break
    return out
