"""The dateline that opens a story: where it was filed from, as wires and papers write it.

    KABUL: ...                          MOMBASA, Kenya — ...
    WASHINGTON (CNN) — ...              LONDON (Reuters) - ...
    SEOUL, Aug. 20 (Yonhap) -- ...      Kabul (Reuters) - ...   (a place in title case needs the credit)

The place is kept as the dateline ("Washington"); the span covers the whole dateline up to its
dash or colon (credit and date included), so the lead that follows starts with the story itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CAPS_PLACE = r"[A-Z][A-Z.'\-]*(?:\s[A-Z][A-Z.'\-]*){0,4}"  # KABUL, NEW YORK, ST. LOUIS
TITLE_PLACE = r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,3}"  # Kabul, New York
REGION = r"(?:\s*,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?"  # , Afghanistan  , D.C.  , Calif.
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = rf"(?:\s*,?\s*{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"  # , Aug. 20
CREDIT = r"\s*\([A-Z][\w .&'/-]{0,30}\)"  # (CNN), (Reuters), (AP)
SEPARATOR = r"\s*(?::|\u2014|\u2013|--)\s*|\s+-\s+"

DATELINES = [
    re.compile(rf"^\s*(?P<name>{CAPS_PLACE})(?P<rest>{REGION}{DATE}(?:{CREDIT})?)(?:{SEPARATOR})"),
    re.compile(rf"^\s*(?P<name>{TITLE_PLACE})(?P<rest>{REGION}{DATE}{CREDIT})(?:{SEPARATOR})"),
]


@dataclass(frozen=True)
class Dateline:
    place: str  # as a name: "Washington" from "WASHINGTON"
    start: int  # offsets in the paragraph of the whole dateline, "WASHINGTON (CNN)"
    end: int


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening this paragraph, if it has one."""
    for pattern in DATELINES:
        m = pattern.match(paragraph)
        if m and not m.group("name").replace(".", "").isdigit():
            name = m.group("name").strip()
            return Dateline(name.title() if name.isupper() else name, m.start("name"), m.end("rest"))
    return None
