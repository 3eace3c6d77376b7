"""Time expressions: find TIMEX3 spans with rules, normalise them against the article's date.

Spans come from compiled patterns over the text (dates in the usual news forms, weekdays,
months, "last week", "two days ago", durations, sets, clock times, vague references); the
parse is used only where a pattern cannot decide: the tense of the governing verb picks
past or future for a bare weekday or month, and a bare number is a year only when it is
not counting something ("2000 people"). Values are computed in `values`.
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

from spacy.tokens import Doc

from ..model import Timex
from ..nlp import doc_text
from . import values as tv
from .filters import keep
from .handlers import HANDLERS, Ctx
from .patterns import (
    ABSOLUTE,
    AMOUNT_MOD,
    EDGE_MOD,
    FIRST_DAY,
    MOD_BEFORE,
    NAMES_A_DAY,
    PATTERNS,
    PLANNED,
    RANGE_MDY,
    SECOND_DAY,
    SIGNAL_BEFORE,
    SIGNAL_MOD,
    TARGET_FOR,
)
from .tense import tense_at

WRITTEN_DATE = "briefing.written_date"  # Doc.user_data key: the day the article's relative times count from
COMPILED = [(name, re.compile(p, re.IGNORECASE), HANDLERS[name]) for name, p in PATTERNS]


def _candidates(text: str, doc: Doc) -> list[tuple[int, int, str, re.Match, Callable]]:
    """Every kept pattern match; the longest win, then the earliest, then the first pattern listed."""
    found = []
    for name, rx, fn in COMPILED:
        for m in rx.finditer(text):
            if m.end() > m.start() and keep(name, m, doc, text):
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
    doc.user_data[WRITTEN_DATE] = dct  # events count from the same day
    for start, end, name, m, fn in candidates:
        if start < body_start:
            continue

        def direction(s=start, e=end) -> str:
            if PLANNED.search(text, max(0, s - 30), s):
                return "future"  # "elections were called for August 15": the plan lies ahead
            if TARGET_FOR.search(text, max(0, s - 12), s) and NAMES_A_DAY.search(text, s, e):
                if text[e : e + 2] not in ("'s", "\u2019s"):  # "turned out for Monday's vote" was past
                    return "future"  # "unions have called a strike for March 6"
            return tense_at(doc, s, e, title_end)

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
            elif (
                kind == "DATE"
                and name == "ago"
                and pre["more"]
                and re.fullmatch(r"\d{4}-(W\d\d|\d\d-\d\d)", value)
            ):
                # "less than two weeks ago": after it; a month or year ago is too coarse to bound
                nearer = AMOUNT_MOD[" ".join(pre["more"].lower().split())] in ("LESS_THAN", "EQUAL_OR_LESS")
                mod = "AFTER" if nearer else "BEFORE"
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
    """A calendar date (2021, 2021-07, 2021-07-05) becomes the anchor at its precision and coarser;
    a half, quarter, season or week (2021-H1, 2021-Q3) at its year: "in the first half of 2008, up
    from 219 a year earlier"."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        if part := re.fullmatch(r"(\d{4})-(?:H[12]|Q[1-4]|SP|SU|FA|WI|W\d\d)", value):
            refs["year"] = dt.date(int(part[1]), 1, 1)
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
