"""Extraction over worker processes: spaCy parses on one core per process, so two cores need two processes.

Each worker loads the pipeline once, then extracts chunks of articles with `extract_all` (batched
through `nlp.pipe`); results come back in input order, chunk by chunk, so the caller can write
briefs while the workers go on. One article never costs the others: an article that raises comes
back as an `ExtractionFailed`, and one that kills its worker (out of memory, a signal) is found by
going on one article at a time in a new worker, and fails alone. Workers die with the ingest that
started them, even when it is killed with SIGKILL. Small jobs stay in this process: starting a
worker costs a spaCy and gazetteer load (about two seconds), which only pays off past a few dozen
articles per worker.
`BRIEFING_WORKERS=1` turns the workers off (or sets their number).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..cores import cpu_count
from ..extract import extract_all
from ..extract.model import Entity, Extraction
from ..inputs.articles import Article, unexpected

MIN_PER_WORKER = 40  # articles; below this a worker's start-up costs more than it saves
CHUNK = 16  # articles per task: small enough to keep both workers busy to the end

_known: dict[str, Entity] | None = None
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt parameters, from glibc's malloc.h
KEEP_FREED = 256 * 2**20  # bytes free at the top of the heap before glibc trims it
MMAP_FROM = 32 * 2**20  # allocations this large or larger get their own mapping (glibc's maximum)
PR_SET_PDEATHSIG = 1  # prctl option, from linux/prctl.h
PARENT_POLL = 1.0  # seconds between checks that the ingest is still alive, where prctl is missing


@dataclass
class ExtractionFailed:
    """An article whose extraction could not finish; `reason` says why. The rest of the run goes on."""

    reason: str


Result = Extraction | ExtractionFailed


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


def _die_with(parent: int) -> None:
    """Exit when the ingest that started this worker dies, however it dies (SIGKILL included).

    On Linux the kernel sends SIGKILL when the parent goes (prctl PR_SET_PDEATHSIG); a thread that
    watches the parent's pid covers other systems and a parent that died before prctl ran."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _start_worker(known: dict[str, Entity] | None, parent: int) -> None:
    global _known
    _die_with(parent)
    _known = known
    _keep_freed_memory()
    from ..extract.nlp import load_nlp

    load_nlp()  # load while the first chunks are being sent


def _extract_chunk(articles: list[Article]) -> list[Result]:
    return extract_each(articles, _known)


def extract_each(articles: Sequence[Article], known: dict[str, Entity] | None = None) -> list[Result]:
    """extract_all over a chunk; when it raises, the articles not done are retried one by one, so
    only the article at fault fails (a batch can fail on any of its articles)."""
    out: list[Result] = []
    try:
        for found in extract_all(articles, known):
            out.append(found)  # one by one: what came before an error is kept
        return out
    except Exception:  # noqa: BLE001 - which article it was is found below
        pass
    for article in articles[len(out) :]:
        try:
            out.extend(extract_all([article], known))
        except Exception as err:  # noqa: BLE001 - the article fails alone, with the reason
            out.append(ExtractionFailed(f"extraction failed ({unexpected(err)})"))
    return out


WORKER_DIED = (
    "the extraction worker died while reading it (killed, or out of memory); "
    "ingest it again alone, or split it into smaller articles"
)


def extract_parallel(
    articles: Sequence[Article], known: dict[str, Entity] | None = None, workers: int | None = None
) -> Iterator[Result]:
    """One result per article, in order, over `workers` processes (default: one per core when the
    job is big enough). A worker that dies is replaced: the articles it had not finished run one at
    a time in a single new worker until the one it dies on is found; that one fails, the rest go on."""
    workers = workers_for(len(articles)) if workers is None else workers
    if workers <= 1:
        for i in range(0, len(articles), CHUNK):
            yield from extract_each(articles[i : i + CHUNK], known)
        return
    start, per_task, processes = 0, CHUNK, workers
    while start < len(articles):
        done = 0
        try:
            for found in _pool_results(articles[start:], per_task, processes, known):
                yield found
                done += 1
            return
        except BrokenProcessPool:
            start += done
            if processes == 1 and per_task == 1:  # alone in its worker: this article killed it
                yield ExtractionFailed(WORKER_DIED)
                start += 1
                per_task, processes = CHUNK, workers  # found: back to full speed
            else:
                per_task, processes = 1, 1


def _pool_results(
    articles: Sequence[Article], per_task: int, processes: int, known: dict[str, Entity] | None
) -> Iterator[Result]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = [list(articles[i : i + per_task]) for i in range(0, len(articles), per_task)]
    start = (known, os.getpid())
    with ProcessPoolExecutor(processes, context, initializer=_start_worker, initargs=start) as pool:
        for found in pool.map(_extract_chunk, chunks):
            yield from found
