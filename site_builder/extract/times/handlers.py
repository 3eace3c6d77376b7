"""TIMEX3 values for pattern matches: one handler per pattern in `patterns`.

A handler takes the match and a `Ctx` (the article's date, the dates mentioned so far, the tense
of the governing verb) and returns (type, value), or None when the match is no time after all.
The calendar arithmetic itself lives in `values`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import values as tv
from .patterns import ADVERB_SETS, HOLIDAYS, PRECISION, REL_WORDS


@dataclass
class Ctx:
    """What a value may be anchored on: the DCT, the last full date mentioned, the verb's tense."""

    dct: dt.date
    refs: dict[str, dt.date]  # the latest date mentioned at each precision: "year", "month", "day"
    direction: Callable[[], str]  # "past" | "present" | "future" | "" (no verb tells)
    sent_day: Callable[[], str | None]  # a day-precision date in the same sentence, for clock times


Result = tuple[str, str | None] | None  # (type, value)


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


HANDLERS: dict[str, Callable[[re.Match, Ctx], Result]] = {
    "full_date": h_full_date,
    "full_date_dmy": h_full_date,
    "month_year": h_month_year,
    "iso": h_iso,
    "slash": h_slash,
    "season_year": h_season_year,
    "quarter": h_quarter,
    "half": h_half,
    "decade": h_decade,
    "century": h_century,
    "ago": h_ago,
    "rel_unit": h_rel_unit,
    "fiscal": h_fiscal,
    "of_the_unit": h_of_the_unit,
    "bare_season": h_bare_season,
    "year_end": h_year_end,
    "day_part": h_day_part,
    "rel_day": h_rel_day,
    "unit_before": h_unit_before,
    "the_weekend": h_the_weekend,
    "vague_span": h_vague_span,
    "holiday": h_holiday,
    "rel_word": h_rel_word,
    "duration": h_duration,
    "vague_duration": h_vague_duration,
    "set_every": h_set,
    "set_times": h_set_times,
    "set_plural_weekday": h_set,
    "set_adverb": h_adverb_set,
    "clock": h_clock,
    "weekday": h_weekday,
    "month": h_month,
    "year": h_year,
}
