"""Dates shown at the precision known: a month-precision event never reads as the 1st."""

from __future__ import annotations

import calendar
import datetime as dt

RANGES = ("since", "until", "before", "after")  # an event's `range`: the date bounds a period


def format_date(value: str | dt.date | None, *, range_: str | None = None) -> str:
    """`2021-07-05` -> `5 July 2021`; `2021-07` -> `July 2021` (never the 1st); `2021` -> `2021`;
    with a range: `since 22 June 2021`, `until 2022`."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    try:
        if len(parts) >= 3:
            out = f"{int(parts[2][:2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        elif len(parts) == 2:
            out = f"{calendar.month_name[int(parts[1])]} {parts[0]}"
        else:
            out = parts[0]
    except (ValueError, IndexError):
        out = text
    return f"{range_} {out}" if range_ in RANGES else out


def month_label(month: str) -> str:
    """A month group's heading: `2021-07` -> `July 2021`, a year-precision group `2021` -> `2021`."""
    return format_date(month)


def span_label(first: str, last: str) -> str:
    """Two month keys -> `January 2015`, `January – March 2015` or `December 2014 – February 2015`."""
    if first == last:
        return month_label(first)
    a, b = month_label(first), month_label(last)
    if first[:4] == last[:4] and len(first) == 7 and len(last) == 7:
        return f"{a.split()[0]} – {b}"
    return f"{a} – {b}"
