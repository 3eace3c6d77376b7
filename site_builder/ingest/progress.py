"""How far an ingest has got, for whoever shows it (the command's progress bar).

A progress callback takes `(stage, done, total)`: the stage is `reading` (files) or `extracting`
(articles); `done` counts the items finished. Ingest itself prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


def counted(items: Iterable[T], total: int, stage: str, on_progress: Progress | None) -> Iterator[T]:
    """The items, telling on_progress as each one is done (when the next one is asked for)."""
    it = iter(items)
    try:
        if on_progress is None:
            yield from it
            return
        on_progress(stage, 0, total)
        for done, item in enumerate(it, start=1):
            yield item
            on_progress(stage, done, total)
    finally:
        close = getattr(it, "close", None)
        if close:  # a generator stopped early (extraction workers) shuts down now, not when collected
            close()
