"""Which files under content/ the site publishes, besides the pages made from briefs and notes.

MkDocs publishes every file in docs_dir. Here: a brief or note is a `.md` file directly in its
folder (anything else there would become a page of its own, raw HTML and all, so it is refused
with a message); a file reached through a link that leaves the project is refused; a file that
is not a page (an image, a PDF) is published only when a page, note, brief, template or mkdocs.yml
names it, or when it matches an `include` pattern. Editor backups and stray notes
(`notes.txt`, `draft.md~`) stay out, listed in one line.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import PurePosixPath

from ..project import misplaced

__all__ = ["include_patterns", "is_backup", "misplaced", "publish"]

BACKUP_PATTERNS = ("*~", "#*#", ".#*", "*.swp", "*.swo", "*.bak", "*.orig", "*.rej", "*.tmp")
ALWAYS = ("CNAME", "robots.txt", "favicon.ico", "assets/*")  # GitHub Pages and browsers ask for these
INCLUDE_ENV = "BRIEFING_INCLUDE"  # patterns from `--include`, separated by os.pathsep


def is_backup(src: str) -> bool:
    name = PurePosixPath(src).name
    return any(fnmatch.fnmatch(name, pattern) for pattern in BACKUP_PATTERNS)


def include_patterns(configured: list[str]) -> list[str]:
    """The plugin's `include` patterns plus those given on the command line (--include)."""
    given = [p for p in os.environ.get(INCLUDE_ENV, "").split(os.pathsep) if p]
    return [*configured, *given]


def publish(src: str, named_in: str, include: list[str]) -> bool:
    """Whether a file that is not a page goes into the site: included, needed, or named somewhere."""
    if any(fnmatch.fnmatch(src, pattern) for pattern in include):
        return True
    if is_backup(src):
        return False
    if any(fnmatch.fnmatch(src, pattern) for pattern in ALWAYS):
        return True
    return PurePosixPath(src).name in named_in
