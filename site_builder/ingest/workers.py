"""Extraction over worker processes: spaCy parses on one core per process, so two cores need two processes.

Each worker loads the pipeline once, then extracts chunks of articles with `extract_all` (batched
through `nlp.pipe`); results come back in input order, chunk by chunk, so the caller can write
briefs while the workers go on. Small jobs stay in this process: starting a worker costs a spaCy and
gazetteer load (about two seconds), which only pays off past a few dozen articles per worker.
`BRIEFING_WORKERS=1` turns the workers off (or sets their number).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..extract import extract_all
from ..extract.model import Entity, Extraction
from ..inputs.articles import Article

MIN_PER_WORKER = 40  # articles; below this a worker's start-up costs more than it saves
CHUNK = 16  # articles per task: small enough to keep both workers busy to the end

_known: dict[str, Entity] | None = None
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt parameters, from glibc's malloc.h
KEEP_FREED = 256 * 2**20  # bytes free at the top of the heap before glibc trims it
MMAP_FROM = 32 * 2**20  # allocations this large or larger get their own mapping (glibc's maximum)


def cpu_count() -> int:
    """Cores this process may run on (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(n_articles: int, cpus: int | None = None) -> int:
    """How many processes to use for n articles: one per core, none that would sit idle or not pay off."""
    wanted = os.environ.get("BRIEFING_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), max(1, n_articles))
    return max(1, min(cpus or cpu_count(), n_articles // MIN_PER_WORKER))


def _keep_freed_memory() -> None:
    """Ask glibc to keep freed memory for reuse instead of handing it back to the system at once.

    spaCy allocates and frees arrays of a few megabytes for every batch; by default glibc returns
    them to the kernel and faults them in again on the next batch, which cost workers a twentieth
    of their time in page faults. A worker's memory stays bounded by its largest batch.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return
    libc.mallopt(M_TRIM_THRESHOLD, KEEP_FREED)
    libc.mallopt(M_MMAP_THRESHOLD, MMAP_FROM)


def _start_worker(known: dict[str, Entity] | None) -> None:
    global _known
    _known = known
    _keep_freed_memory()
    from ..extract.nlp import load_nlp

    load_nlp()  # load while the first chunks are being sent


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    return list(extract_all(articles, _known))


def extract_parallel(
    articles: Sequence[Article], known: dict[str, Entity] | None = None, workers: int | None = None
) -> Iterator[Extraction]:
    """extract_all over `workers` processes (default: one per core when the job is big enough), in order."""
    workers = workers_for(len(articles)) if workers is None else workers
    if workers <= 1:
        yield from extract_all(articles, known)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = [list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    done = 0
    try:
        with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(known,)) as pool:
            for found in pool.map(_extract_chunk, chunks):
                yield from found
                done += 1
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish here, slower but complete
        for chunk in chunks[done:]:
            yield from extract_all(chunk, known)
