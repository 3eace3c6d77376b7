"""Safe, stable ids: the same name always gives the same slug, and no slug escapes its folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata

RESERVED = {"con", "prn", "aux", "nul", "index", "assets", "search", "404"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(10)
}
MAX_LEN = 80


def slugify(name: str) -> str:
    """`Emomali Rahmon` -> `emomali-rahmon`; never empty, never `..`, never a Windows device name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("'", "").replace("\u2019", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_LEN].strip("-")
    if not slug:
        return "x-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    if slug in RESERVED:
        return slug + "-x"
    return slug


def is_safe_slug(slug: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)) and len(slug) <= 120 and slug not in RESERVED
