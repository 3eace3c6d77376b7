"""Extraction on a Dask cluster (`briefing ingest --dask ADDRESS`): past what one machine's cores do.

The articles are read, and the briefs written, here, exactly as in a local ingest; only
extraction runs on the cluster's workers, in chunks, each worker loading the spaCy pipeline
once. Results come back in input order, chunk by chunk, so briefs are written while the cluster
goes on; at most a few chunks per worker thread are in flight, so memory stays bounded however
many articles there are. As with local workers, an article whose extraction raises fails alone
(`ExtractionFailed`), and a chunk whose worker keeps dying is tried again one article at a time,
so only the article that kills it fails. Every worker needs this package (the same version).
Dask (`pip install briefing[dask]`) is imported only when this is used.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence

from ..extract.model import Entity
from ..inputs.articles import Article
from .workers import WORKER_DIED, ExtractionFailed, Result

CHUNK = 16  # articles per task, as for local workers
IN_FLIGHT = 4  # tasks per worker thread submitted ahead of the results being read
CONNECT_TIMEOUT = 30  # seconds to wait for the scheduler


class ClusterError(Exception):
    """The cluster cannot be used; str() says why and what to do."""


def _extract_chunk(articles: list[Article], known: dict[str, Entity] | None) -> list[Result]:
    """Runs on a worker: the pipeline loads on the first chunk and stays loaded (load_nlp caches it)."""
    from .workers import extract_each

    return extract_each(articles, known)


def connect(address: str):
    """A client of the scheduler at `address` (tcp://HOST:PORT), or a ClusterError saying what to do."""
    try:
        from distributed import Client
    except ImportError as err:
        raise ClusterError("--dask needs Dask: pip install 'briefing[dask]'") from err
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        why = f"no Dask scheduler answers at {address} ({err}); start one or check the address"
        raise ClusterError(why) from err


def extract_on_cluster(
    articles: Sequence[Article], known: dict[str, Entity] | None, address: str
) -> Iterator[Result]:
    """extract_all over the workers of the Dask cluster at `address`, in input order."""
    client = connect(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        shared = client.scatter([known], broadcast=True)[0] if known else None  # sent once
        chunks = (list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK))
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, client.submit(_extract_chunk, chunk, shared, pure=False)))
            while len(pending) >= threads * IN_FLIGHT:
                yield from _results(client, *pending.popleft(), shared)
        while pending:
            yield from _results(client, *pending.popleft(), shared)
    finally:
        client.close()


def _results(client, chunk: list[Article], future, shared) -> list[Result]:
    """A chunk's results; when its workers kept dying (Dask gives up after a few), its articles
    run again one by one, and the one that kills a worker fails with the reason."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        out: list[Result] = []
        for article in chunk:
            try:
                out.extend(client.submit(_extract_chunk, [article], shared, pure=False).result())
            except KilledWorker:
                out.append(ExtractionFailed(WORKER_DIED))
        return out
