"""How many cores this process may use: ingest's workers and the build's page processes ask."""

from __future__ import annotations

import os


def cpu_count() -> int:
    """Cores this process may run on (a container's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
