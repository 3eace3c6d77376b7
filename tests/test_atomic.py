"""Writes are atomic: an ingest killed half way leaves whole briefs only, and a re-run finishes the job."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.atomic import write_atomic
from site_builder.briefs.check import check_project, errors
from site_builder.briefs.model import read_brief
from site_builder.ingest.run import ingest
from site_builder.project import Project
from site_builder.site.corpus import load_briefs

COPIES = 120
ARTICLE = """\
date 2024-03-{day:02d} Test Wire

Road report number {n}

KABUL: Heavy snow closed the Salang tunnel in Afghanistan on Monday, officials said in report {n}.

The Ministry of Public Works said crews would reopen the road by Friday, the {n}th notice said.

This is the last paragraph of report {n}.
"""


def write_articles(folder: Path) -> None:
    folder.mkdir(parents=True)
    for n in range(COPIES):
        (folder / f"report-{n:03d}.txt").write_text(ARTICLE.format(day=n % 28 + 1, n=n), encoding="utf-8")


def kill_after_first_brief(root: Path) -> None:
    env = {**os.environ, "BRIEFING_WORKERS": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "site_builder.cli", "ingest", "in"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    briefs = root / "content" / "briefs"
    deadline = time.monotonic() + 120
    try:
        while len(list(briefs.glob("*.md"))) < 2:
            assert proc.poll() is None, "ingest ended before writing a brief"
            assert time.monotonic() < deadline, "no brief within two minutes"
            time.sleep(0.002)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("killed")
    (root / "first.txt").write_text(ARTICLE.format(day=1, n=COPIES), encoding="utf-8")
    assert ingest([root / "first.txt"], Project.at(root)).ok  # so a manifest exists, and goes stale
    write_articles(root / "in")
    kill_after_first_brief(root)
    return Project.at(root)


def test_killed_ingest_leaves_only_whole_briefs(killed):
    written = sorted(killed.briefs.glob("*.md"))
    assert 1 < len(written) < COPIES + 1, "the kill came too late to test anything"
    for path in written:
        brief = read_brief(path)
        n = int(brief.title.rsplit(" ", 1)[1])
        assert brief.body.rstrip().endswith(f"This is the last paragraph of report {n}."), path
        assert brief.generated, path
    assert errors(check_project(killed)) == []


def test_temporary_files_are_never_read_as_briefs(killed):
    (killed.briefs / ".2024-03-01-road-report-number-0.md.x1y2.tmp").write_text("---\nid: half a bri")
    briefs, failed = load_briefs(killed.briefs)
    assert failed == [] and all(b.path.suffix == ".md" for b in briefs)
    assert not any(b.path.name.startswith(".") for b in briefs)


def test_a_rerun_finishes_without_duplicates(killed):
    before = {p.name: p.read_bytes() for p in killed.briefs.glob("*.md")}
    report = ingest([killed.root / "in"], killed)
    assert report.ok, report.failed
    names = sorted(p.name for p in killed.briefs.glob("*.md"))
    assert len(names) == COPIES + 1
    titles = sorted(read_brief(killed.briefs / name).title for name in names)
    assert titles == sorted(f"Road report number {n}" for n in range(COPIES + 1))  # none briefed twice
    assert {n: (killed.briefs / n).read_bytes() for n in before} == before  # nothing rewritten


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("the old brief\n")

    class Unprintable:
        def __str__(self):
            raise RuntimeError("boom")

    with pytest.raises(TypeError):
        write_atomic(path, Unprintable())  # fails inside the write
    assert path.read_text() == "the old brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_new_file_gets_what_the_umask_allows_and_a_rewrite_keeps_the_mode(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.md", "one")
        assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o640  # not the temporary file's 0600
        os.umask(0o022)
        write_atomic(tmp_path / "other.md", b"bytes")
        assert (tmp_path / "other.md").stat().st_mode & 0o777 == 0o644
        for mode in (0o600, 0o664):
            (tmp_path / "new.md").chmod(mode)
            write_atomic(tmp_path / "new.md", "two")
            assert (tmp_path / "new.md").stat().st_mode & 0o777 == mode
    finally:
        os.umask(old)
    assert (tmp_path / "new.md").read_text() == "two" and not list(tmp_path.glob(".*.tmp"))
