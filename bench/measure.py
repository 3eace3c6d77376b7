"""Run a command and measure it: wall and CPU seconds, peak memory (largest process, and the whole tree).

CPU seconds and the load average are kept because the machine may be shared: when other work
runs, wall time grows but CPU time stays honest.

Peak memory of the process tree is sampled from /proc: a single process's resident size every 50 ms;
with worker processes, the sum of their proportional set sizes (the memory a forked process shares
with its parent counts once, split between them) every half second, as reading them costs the
kernel a walk of each process's pages; the peak of the largest single process comes from the
kernel's own count (os.wait4).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE = 0.05  # seconds between looks at the process tree's memory
SHARED_EVERY = 10  # with more than one process, the proportional sizes are read every 10th look


@dataclass
class Run:
    cmd: list[str]
    seconds: float
    returncode: int
    peak_tree_mb: float  # the process's resident size, or its tree's proportional set sizes (sample)
    peak_process_mb: float  # max RSS of the largest single process (kernel figure)
    output: str
    cpu_seconds: float = 0.0  # user + system time of the process and the children it waited for
    load: float = 0.0  # the 1-minute load average when it started: other work on the machine

    def check(self) -> Run:
        if self.returncode != 0:
            tail = "\n".join(self.output.splitlines()[-20:])
            raise SystemExit(f"bench: `{' '.join(self.cmd)}` failed with status {self.returncode}:\n{tail}")
        return self


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_pids(pid: int) -> list[int]:
    kids, pids, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(kids.get(p, []))
    return pids


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss(pid)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run cmd in cwd; its output is kept (for errors), not shown."""
    log = cwd / f".bench-{os.getpid()}.log"
    load = os.getloadavg()[0]
    with open(log, "w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            tick = 0
            while not done.wait(SAMPLE):
                tick += 1
                pids = tree_pids(proc.pid)
                if len(pids) == 1:
                    peak[0] = max(peak[0], _rss(pids[0]))
                elif tick % SHARED_EVERY == 0:  # reading shared sizes costs the kernel a page-table walk
                    peak[0] = max(peak[0], sum(_pss(p) for p in pids))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    log.unlink(missing_ok=True)
    process_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    cpu = usage.ru_utime + usage.ru_stime
    return Run(cmd, seconds, proc.returncode, max(peak[0] / 2**20, process_mb), process_mb, output, cpu, load)


def tree_size(folder: Path) -> tuple[int, int, int]:
    """(HTML pages, files, bytes) under folder."""
    pages = files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
            pages += name.endswith(".html")
    return pages, files, size
