"""What the `briefing` commands say: a help line for every option, ingest's progress bar (on a
terminal only) and its summary of what it skipped, the address `serve` prints."""

import argparse
import contextlib
import fcntl
import io
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import time

import pytest
from conftest import SEED, free_port, new_project, write

from site_builder.cli import build_parser, main
from site_builder.console import ProgressBar


def commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_and_option_has_a_help_line():
    assert {"ingest", "extract", "build", "serve", "check", "deploy"} <= set(commands())
    for name, parser in commands().items():
        assert parser.description, f"`briefing {name} --help` says nothing about the command"
        for action in parser._actions:
            assert action.help and action.help != argparse.SUPPRESS, f"briefing {name} {action.dest}"
    text = commands()["extract"].format_help()
    assert "--format" in text and "one object per line" in text


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    """A project holding the seed and a file that is not an article, the current folder."""
    project = new_project(tmp_path / "p")
    seeds = project.root / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    write(seeds / "notes.pdf", "%PDF-1.4\n")
    monkeypatch.chdir(project.root)
    return project


def test_ingest_names_real_skips_and_sums_up_unchanged_articles(seeded, capsys):
    assert main(["ingest"]) == 0
    first = capsys.readouterr()
    assert "wrote content/briefs/2021-07-06-" in first.out
    assert main(["ingest"]) == 0
    again = capsys.readouterr()
    lines = again.out.splitlines()
    assert any(line.startswith("skipped ") and "notes.pdf: not an article" in line for line in lines)
    assert "skipped 1 unchanged article, already briefed (-v names it)" in lines
    assert "already briefed as" not in again.out  # not one line per unchanged article
    assert "\r" not in again.err + first.err  # no progress bar when stderr is not a terminal
    assert main(["ingest", "--verbose"]) == 0
    named = capsys.readouterr().out
    assert f"{SEED.name}: already briefed as 2021-07-06-" in named


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_and_not_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    screen = Terminal()
    with ProgressBar("ingest", stream=screen) as progress:
        progress("extracting", 0, 3)
        progress("extracting", 1, 3)
    drawn = screen.getvalue()
    assert "ingest: extracting (loading the language model)" in drawn and "0/3 articles" in drawn
    monkeypatch.setenv("CI", "true")
    quiet = Terminal()
    with ProgressBar("ingest", stream=quiet) as progress:
        progress("extracting", 0, 3)
    assert quiet.getvalue() == ""


def on_a_terminal(args: list[str], cwd, columns: int = 100) -> str:
    """Everything a command shows on a terminal (a pseudo-terminal of the given width)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its stdout and stderr on the terminal
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "site_builder.cli", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the command has exited
        while chunk := os.read(fd, 4096):
            shown += chunk
    os.waitpid(pid, 0)
    return shown.decode("utf-8", "replace")


def test_ingest_on_a_terminal_shows_a_bar_then_clears_it(seeded):
    shown = on_a_terminal(["ingest"], seeded.root)
    assert "ingest: extracting (loading the language model)" in shown and "0/1 articles" in shown
    before_first_line = shown[: shown.index("wrote content/briefs/")].split("\r")
    assert before_first_line[-1] == "" and not before_first_line[-2].strip()  # the bar is wiped out
    assert "ingest: 1 written, 1 skipped, 0 failed" in shown


def test_serve_prints_the_address_it_serves_on(tmp_path):
    project = new_project(tmp_path / "p")
    write(project.briefs / "b.md", "---\nid: b\ntitle: Only brief\ndate: 2021-07-06\n---\n\nText.\n")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = [server.stderr.readline()]
        deadline = time.monotonic() + 120  # a time-out, not a speed claim
        while "the site is at" not in said[-1] and time.monotonic() < deadline and said[-1]:
            said.append(server.stderr.readline())
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert said[0].startswith("serve: building the site")
    assert said[-1].startswith(f"serve: the site is at http://127.0.0.1:{port}/ "), said


def test_a_strict_build_names_the_warning_it_stops_on(tmp_path):
    project = new_project(tmp_path / "p")
    write(
        project.briefs / "b.md",
        "---\nid: b\ntitle: B\ndate: 2021-07-06\n---\n\nSee [the note](../actors/x.md).\n",
    )
    done = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "build", "--strict", "--skip-check"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    said = done.stderr.splitlines()
    assert any(
        line.startswith("build: warning: Doc file 'briefs/b.md' contains a link '../actors/x.md'")
        for line in said
    )
    assert "Aborted with 1 warnings in strict mode" in done.stderr
