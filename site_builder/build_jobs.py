"""A build's pages shared among processes, one per core: MkDocs renders its pages one at a time.

`briefing build` forks once the corpus is loaded and the pages are listed: each process renders
and writes every n-th page that needs rendering, and the first process also writes everything
else (theme files, sitemap, exports, search index) after gathering what the others send back
(each page's search entries, the count of warnings for --strict). A forked process shares the
parent's memory until it writes to it, so nothing is loaded or parsed twice.

Only where the system can fork, and only for `build`: `serve` runs a server's threads, which a
fork does not carry over.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .cores import cpu_count

MIN_PAGES_PER_JOB = 250  # fewer pages per process and the fork and gathering cost more than they save
EXPORTS_JOB = 1000  # briefs: from here the exports (written whole every build) are worth a process
MAX_JOBS = 4  # each process holds its own pages' work in memory
PREFIX = "build-jobs-"


class JobFailed(Exception):
    """A process rendering a share of the pages stopped without finishing it."""


def jobs_for(pages: int, wanted: int = 0, briefs: int = 0) -> int:
    """Processes for `pages` pages to render: `wanted` when given, else one per core while each
    gets MIN_PAGES_PER_JOB pages, and two for a corpus of EXPORTS_JOB briefs whatever the pages:
    after an edit, a second process writes exports while the first renders the pages the edit
    touched, then they share what is left (at 4,000 briefs the exports take 2.3 s of CPU)."""
    if not hasattr(os, "fork"):
        return 1
    if wanted > 0:
        return max(1, min(wanted, pages))
    jobs = min(cpu_count(), MAX_JOBS, pages // MIN_PAGES_PER_JOB)
    if briefs >= EXPORTS_JOB:
        jobs = max(jobs, min(cpu_count(), 2))
    return max(1, jobs)


@dataclass
class Share:
    """This process's part of the pages: every `jobs`-th page from `rank`."""

    rank: int = 0
    jobs: int = 1
    folder: Path | None = None  # where the other processes leave their results
    children: list[int] = field(default_factory=list)  # the first process's: the others' pids

    @property
    def is_child(self) -> bool:
        return self.rank > 0

    def mine(self, index: int) -> bool:
        return index % self.jobs == self.rank

    def claim(self, name: str) -> bool:
        """The first process to ask for `name` gets it: work left for the end (the exports) goes
        to whichever process is done with its pages first."""
        if self.jobs == 1 or self.folder is None:
            return True
        try:
            os.close(os.open(self.folder / f"claim-{name}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return True
        except FileExistsError:
            return False


def split(jobs: int, state: Path) -> Share:
    """Fork `jobs - 1` processes; each call returns in every process, with that process's share."""
    for old in state.glob(f"{PREFIX}*") if state.is_dir() else []:  # left by a build stopped with Ctrl-C
        shutil.rmtree(old, ignore_errors=True)
    try:
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=state))
    except OSError:  # a project folder that cannot be written
        folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    share = Share(0, jobs, folder)
    sys.stdout.flush()
    sys.stderr.flush()
    for rank in range(1, jobs):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, lambda *_: os._exit(130))
            return Share(rank, jobs, folder)
        share.children.append(pid)
    return share


def finish(share: Share, payload: object) -> NoReturn:
    """A child's end: its results for the first process, then exit at once: the code that called
    the build (MkDocs, the CLI) must run in the first process only."""
    assert share.folder is not None
    code = 0
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        part = share.folder / f"{share.rank}.part"
        part.write_bytes(data)
        part.replace(share.folder / f"{share.rank}.pickle")
    except BaseException as err:  # noqa: BLE001 - said to the first process, which stops the build
        code = fail_note(share, err)
    _exit(code)


def fail(share: Share, error: BaseException) -> NoReturn:
    """A child's end after an error: the first process reports it and stops the build."""
    _exit(fail_note(share, error))


def _exit(code: int) -> NoReturn:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def fail_note(share: Share, error: BaseException) -> int:
    assert share.folder is not None
    try:
        note = f"{type(error).__name__}: {error}"
        (share.folder / f"{share.rank}.error").write_text(note, encoding="utf-8")
    except OSError:
        pass
    return 1


def gather(share: Share) -> list:
    """The other processes' results, in order, once they are done; JobFailed names what stopped one."""
    assert share.folder is not None
    results, problems = [], []
    try:
        for rank, pid in enumerate(share.children, start=1):
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            done = share.folder / f"{rank}.pickle"
            if code == 0 and done.is_file():
                results.append(pickle.loads(done.read_bytes()))  # written by this build's own process
                continue
            note = share.folder / f"{rank}.error"
            problems.append(note.read_text(encoding="utf-8") if note.is_file() else f"exit status {code}")
    finally:
        share.children = []
        shutil.rmtree(share.folder, ignore_errors=True)
    if problems:
        raise JobFailed(f"a process rendering pages stopped: {'; '.join(problems)}")
    return results


def stop(share: Share) -> None:
    """The first process's build failed: the others are stopped and their results removed."""
    for pid in share.children:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass
    share.children = []
    if share.folder is not None:
        shutil.rmtree(share.folder, ignore_errors=True)
