"""TIMEX3 values: calendar arithmetic anchored on the article's date (DCT).

Pure functions over `datetime.date`; the span finder in `times.py` decides *which* of these
applies and passes the tense of the governing verb where the direction is ambiguous.
Values follow TimeML/TIMEX3: 2021-07-05, 2021-07, 2021, 2021-W27, 2021-W27-WE, 2021-Q3,
2021-SU, 202 (decade), 20 (century), P3D, PT2H, XXXX-WXX-1, PAST_REF ...
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2, "half a": 0.5, "half an": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = {"few", "a few", "several", "some", "many", "dozens of", "hundreds of", "the"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}  # fmt: skip

# unit -> (duration designator, is a time unit)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("Y", False), "century": ("Y", False),
}  # fmt: skip
UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100, "quarter": 3}


def unit_of(word: str) -> str:
    """'Decades' -> 'decade', 'centuries' -> 'century'."""
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def number_of(text: str) -> float | None:
    """'two' -> 2, '30' -> 30, 'twenty-five' -> 25, 'a few' -> None (vague)."""
    t = " ".join(text.lower().replace("[", "").replace("]", "").split())
    if t in VAGUE_NUMBERS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t.replace(",", "")):
        return float(t.replace(",", ""))
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration(num: float | None, unit: str) -> str:
    """P3D, PT2H, P10Y (a decade), P6M, PXY (vague)."""
    unit = unit_of(unit)
    code, is_time = UNITS.get(unit, ("X", False))
    if num is not None:
        num = num * UNIT_SCALE.get(unit, 1)
        if unit == "quarter":
            code = "M"
    if num is not None and num != int(num):  # half a year -> P6M, half an hour -> PT30M
        smaller = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "W": (7, "D"), "H": (60, "M")}
        if code in smaller:
            mult, code = smaller[code]
            num, is_time = num * mult, code in "HM" and unit in ("hour", "day")
    n = "X" if num is None else fmt_num(num)
    return f"PT{n}{code}" if is_time else f"P{n}{code}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift(dct: dt.date, num: float, unit: str, sign: int) -> str | None:
    """The calendar value num units before (sign=-1) or after dct, at that unit's precision.

    "two days ago" -> a day, "three weeks ago" -> a week, "two years ago" -> a year; hours
    and minutes keep the day (a news date rarely knows the hour).
    """
    unit = unit_of(unit)
    n = int(round(num * UNIT_SCALE.get(unit, 1)))
    if not 0 < dct.year + sign * n * (1 if unit in ("year", "decade", "century") else 0) < 10000:
        return None
    if unit in ("second", "minute", "hour"):
        secs = {"second": 1, "minute": 60, "hour": 3600}[unit] * n
        return (dt.datetime.combine(dct, dt.time(12)) + sign * dt.timedelta(seconds=secs)).date().isoformat()
    if unit in ("day", "night"):
        return (dct + sign * dt.timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return iso_week(dct + sign * dt.timedelta(weeks=n))
    if unit in ("month", "quarter"):
        y, m = add_months(dct.year, dct.month, sign * n)
        return f"{y:04d}-{m:02d}"
    if unit in ("year", "decade", "century"):
        return f"{dct.year + sign * n:04d}"
    return None


def relative_unit(dct: dt.date, unit: str, offset: int) -> str | None:
    """this/last/next + unit: offset 0, -1, +1 from the DCT's week, month, year ..."""
    unit = unit_of(unit)
    if unit == "day":
        return (dct + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(dct + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        y, m = add_months(dct.year, dct.month, offset)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q = (dct.month - 1) // 3 + offset
        return f"{dct.year + q // 4:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{dct.year + offset:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + offset:03d}"
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    if unit in SEASONS:
        return f"{dct.year + offset:04d}-{SEASONS[unit]}"
    return None


def weekend(dct: dt.date, direction: str) -> str:
    """'this weekend': the one just past when told in the past tense, else the coming one."""
    if dct.weekday() >= 5:
        return iso_week(dct) + "-WE"
    if direction == "past":
        return iso_week(dct - dt.timedelta(weeks=1)) + "-WE"
    return iso_week(dct) + "-WE"


def weekday_date(dct: dt.date, weekday: int, direction: str, offset: int = 0) -> dt.date:
    """A bare weekday: the latest one on or before the DCT when past, the next on or after when future.

    offset -1 ("last Monday") / +1 ("next Monday") moves a week beyond the nearest.
    """
    if direction == "future" or offset > 0:
        d = dct + dt.timedelta(days=(weekday - dct.weekday()) % 7)
        if offset > 0 and d == dct:
            d += dt.timedelta(weeks=1)
        return d
    d = dct - dt.timedelta(days=(dct.weekday() - weekday) % 7)
    if offset < 0 and d == dct:
        d -= dt.timedelta(weeks=1)
    return d


def month_year(dct: dt.date, month: int, direction: str, offset: int = 0) -> int:
    """The year of a bare month: the latest such month up to the DCT when past, the next when future."""
    if offset < 0:
        return dct.year if month < dct.month else dct.year - 1
    if offset > 0:
        return dct.year if month > dct.month else dct.year + 1
    if direction == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if direction == "past":
        return dct.year if month <= dct.month else dct.year - 1
    if direction == "present":  # "as of February", "takes effect in January": the nearest
        return min(
            (dct.year - 1, dct.year, dct.year + 1), key=lambda y: abs((y - dct.year) * 12 + month - dct.month)
        )
    return dct.year


def month_day_year(dct: dt.date, month: int, day: int, direction: str) -> int:
    """The year of 'June 22': the DCT's, unless the tense puts it on the other side of the DCT
    (a past event cannot lie ahead of the article; a planned one cannot lie behind it)."""
    y = dct.year
    slack = dt.timedelta(days=2)  # a date line may be a day or two off the events it reports
    cand = dt.date(y, month, min(day, 28) if month == 2 else day)
    if direction == "past" and cand > dct + slack:
        return y - 1
    if direction == "future" and cand < dct - slack:
        return y + 1
    return y


def ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value at the precision it has: 2021, 2021-07, 2021-07-05.

    A time keeps its day; a week (2021-W27, 2021-W27-WE) becomes the month holding its Thursday;
    a quarter, half or season its year. Decades, durations and PAST_REF have none.
    """
    if not value or len(value) < 4 or not value[:4].isdigit() or (len(value) > 4 and value[4] != "-"):
        return None
    year = value[:4]
    week = re.match(r"(\d{4})-W(\d\d)", value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 4).isoformat()[:7]
        except ValueError:
            return None
    day = re.match(r"\d{4}-\d\d-\d\d", value)
    if day:
        try:
            return dt.date.fromisoformat(day[0]).isoformat()
        except ValueError:
            return None
    month = re.match(r"\d{4}-(\d\d)(?!\d)", value)
    if month and 1 <= int(month[1]) <= 12:
        return month[0]
    return year


def interval(date: str) -> tuple[dt.date, dt.date] | None:
    """A calendar value (2021, 2021-07, 2021-07-05) as its first and last day."""
    try:
        if len(date) == 4:
            return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)
        if len(date) == 7:
            first = dt.date(int(date[:4]), int(date[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        day = dt.date.fromisoformat(date[:10])
        return day, day
    except ValueError:
        return None
