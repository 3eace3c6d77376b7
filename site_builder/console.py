"""What the `briefing` commands show while they work: a progress bar, skips summed up, the server's
URL, MkDocs' warnings.

The bar is for people at a terminal: it is drawn on stderr only when stderr is a terminal and
no `CI` variable is set, so logs and pipes get the same lines as before and no bar residue. It is
tqdm's (a dependency of spaCy already), cleared when its stage ends.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import TextIO

STAGE_UNITS = {"reading": "files", "extracting": "articles", "re-extracting": "articles"}
BAR = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} UNIT [{elapsed}<{remaining}]"
STARTS_SLOWLY = {  # what the first item of a stage waits for, said until it is done
    "extracting": " (loading the language model)",
    "re-extracting": " (loading the language model)",
}
CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # the time MkDocs' server puts before its messages
QUICK_STAGE_SECONDS = 0.5  # a stage done sooner (reading a few text files) never draws a bar


def interactive(stream: TextIO) -> bool:
    """A person is watching: stream is a terminal, and this is not a CI job."""
    return stream.isatty() and not os.environ.get("CI")


class ProgressBar:
    """An ingest progress callback, `(stage, done, total)`, drawn as one bar per stage.

    Use it as a context manager, so that a bar is cleared even when the run stops on an error."""

    def __init__(self, command: str, stream: TextIO | None = None, enabled: bool | None = None):
        self.command = command
        self.stream = stream or sys.stderr
        self.enabled = interactive(self.stream) if enabled is None else enabled
        self.stage: str | None = None
        self.bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage or self.bar is None:
            self.close()
            from tqdm import tqdm

            self.stage = stage
            self.bar = tqdm(
                total=total,
                desc=f"{self.command}: {stage}{STARTS_SLOWLY.get(stage, '')}",
                bar_format=BAR.replace("UNIT", STAGE_UNITS.get(stage, "items")),
                file=self.stream,
                leave=False,
                dynamic_ncols=True,
                delay=QUICK_STAGE_SECONDS if stage == "reading" else 0,
            )
        if done and self.bar.n == 0 and stage in STARTS_SLOWLY:
            self.bar.set_description_str(f"{self.command}: {stage}", refresh=False)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar, self.stage = None, None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def skip_lines(skipped: list[tuple[str, str]], unchanged_reason: str, verbose: bool = False) -> list[str]:
    """One line per real skip, naming the file and why; the articles skipped only because their
    brief is already written are summed up in one line (all named with verbose)."""
    unchanged = [f for f, why in skipped if why.startswith(unchanged_reason)]
    lines = [f"skipped {f}: {why}" for f, why in skipped if verbose or not why.startswith(unchanged_reason)]
    if unchanged and not verbose:
        n = len(unchanged)
        what = "article, already briefed (-v names it)"
        if n > 1:
            what = "articles, already briefed (-v names them)"
        lines.append(f"skipped {n} unchanged {what}")
    return lines


def say(line: str, stream: TextIO | None, handler: logging.Handler, record: logging.LogRecord) -> None:
    """One line on stream (stderr as it is now, when none was given); a failed write is the
    logging module's to report, never the build's to die of."""
    try:
        print(line, file=stream or sys.stderr, flush=True)
    except Exception:  # noqa: BLE001 - what logging.Handler.emit promises
        handler.handleError(record)


class MkDocsWarnings(logging.Handler):
    """MkDocs' warnings and errors, each on a line of its own, in strict builds too.

    Without a handler Python prints them bare, and a strict build (which counts them with a
    handler of its own) would stop with "Aborted with 1 warnings" without saying which."""

    def __init__(self, command: str, stream: TextIO | None = None):
        super().__init__(logging.WARNING)
        self.command, self.stream = command, stream

    def emit(self, record: logging.LogRecord) -> None:
        if any(h is not self for h in logging.getLogger(record.name).handlers):
            return  # the logger it came from has its own handler, which showed it
        level = record.levelname.lower()
        say(f"{self.command}: {level}: {CLOCK.sub('', record.getMessage())}", self.stream, self, record)


def show_mkdocs_warnings(command: str, stream: TextIO | None = None) -> MkDocsWarnings:
    """Attach MkDocsWarnings to MkDocs' logger, once."""
    log = logging.getLogger("mkdocs")
    for handler in log.handlers:
        if isinstance(handler, MkDocsWarnings):
            return handler
    handler = MkDocsWarnings(command, stream)
    log.addHandler(handler)
    return handler


class ServeMessages(logging.Handler):
    """MkDocs' own news while it serves (its INFO lines are not shown otherwise), in the command's
    words: where the site is, and when it rebuilds after an edit."""

    SAID = {
        "Serving on ": "serve: the site is at {rest}  (it rebuilds when a brief, note or template "
        "is saved; Ctrl+C stops)",
        "Detected file changes": "serve: files changed; rebuilding",
        "Reloading browsers": "serve: rebuilt; open pages reload",
    }

    def __init__(self, stream: TextIO | None = None):
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        message = CLOCK.sub("", record.getMessage())
        for start, said in self.SAID.items():
            if message.startswith(start):
                rest = message[len(start) :].removesuffix(" and opening it in a browser")
                say(said.format(rest=rest), self.stream, self, record)
                return
        if record.levelno >= logging.WARNING:  # this handler stands in for the default one here
            say(f"serve: {record.levelname.lower()}: {message}", self.stream, self, record)


def show_serve_messages(stream: TextIO | None = None) -> ServeMessages:
    """Attach ServeMessages to the loggers of MkDocs' server; warnings keep their usual way out."""
    handler = ServeMessages(stream)
    for name in ("mkdocs.livereload", "mkdocs.commands.serve"):
        log = logging.getLogger(name)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return handler
