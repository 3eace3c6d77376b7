"""The objects a build keeps for its whole length (the corpus, the parsed briefs, the last build's
record, MkDocs' configuration) are kept out of the way of Python's cyclic garbage collector.

A full collection looks at every tracked object; a build makes hundreds of thousands of objects,
so collections run many times per build, and each looked again at everything already loaded: a
third of a `briefing serve` rebuild went to them (0.9-1.4 s of 3.3 s at 1,000 briefs), a tenth of
a full build. `keep()` moves every object alive now into the permanent generation (gc.freeze), so
later collections look only at what the build makes after it. Objects kept are still freed when
nothing refers to them; only a reference cycle among them waits for `release()`, which gives them
back to the collector and collects. `briefing serve` calls it when a rebuild is over and nothing
has happened for a moment (`IdleRelease`), so the wait for the next page is not lengthened; after
any other build, `give_back()` returns them to the collector without a collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

IDLE = 2.0  # seconds after a rebuild before the kept objects are collected (serve)


def keep() -> None:
    gc.freeze()


@contextmanager
def loading(kept: bool = True) -> Iterator[None]:
    """No collection runs while the build's inputs load (parsed briefs, the corpus, the last
    build's record): each would look again at all loaded so far, and they took most of the loading
    time. What is loaded lives to the end of the build: `kept` puts it out of the collector's way."""
    gc.disable()
    try:
        yield
    finally:
        if kept:
            keep()
        gc.enable()


def give_back() -> None:
    """Everything kept goes back to the collector, to be collected when it next runs in full."""
    gc.unfreeze()


def release() -> None:
    gc.unfreeze()
    gc.collect()


class IdleRelease:
    """`release()` once no build has started for IDLE seconds; a build starting first cancels it."""

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None

    def schedule(self, delay: float = IDLE) -> None:
        self.cancel()
        self.timer = threading.Timer(delay, release)
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
