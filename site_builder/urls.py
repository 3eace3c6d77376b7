"""Which URLs from untrusted input may become links on the site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

UNSAFE_CHARS = re.compile(r"[\s<>\"'`\\]")


def safe_url(value: object) -> str | None:
    """An absolute http(s) URL, or None: a `javascript:`, `data:` or relative link is never kept."""
    if not value:
        return None
    url = str(value).strip()
    if UNSAFE_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
