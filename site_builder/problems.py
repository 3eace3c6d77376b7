"""The one error type: what is wrong in which file, at which line, and what to do about it.

Raised when a file cannot be used (an article, a brief, a note), listed by `briefing check`
otherwise (errors and warnings alike). Every message a person sees about a file is one of these.
"""

from __future__ import annotations

from pathlib import Path

ERROR, WARNING = "error", "warning"
DATE_HINT = "write it as YYYY-MM-DD with a valid month and day"


class Problem(ValueError):
    """str() is `FILE:LINE: message; hint`; `listed()` adds the level, as `briefing check` prints."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        hint: str | None = None,
        level: str = ERROR,
    ):
        self.path, self.line, self.message, self.hint, self.level = str(path), line, message, hint, level
        super().__init__(f"{self.where}: {self.text}")

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def text(self) -> str:
        """The message and, when there is one, what to do."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def listed(self) -> str:
        return f"{self.where}: {self.level}: {self.text}"

    def __repr__(self) -> str:
        return f"Problem({self.listed()!r})"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == ERROR]


def not_a_date(path: Path | str, raw: object, line: int | None = None, hint: str = DATE_HINT) -> Problem:
    """The message every impossible or malformed date gets, wherever it was written."""
    return Problem(path, f"date {str(raw).strip()!r} is not a real date", line, hint)
