"""One bad input never stops an ingest (issue 17): bad files, articles spaCy refuses, workers that die,
workers left behind by a killed ingest, two ingests at once, and the messages for what goes wrong."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, new_project, write
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.extract import sections
from site_builder.ingest import workers
from site_builder.ingest.run import ingest
from site_builder.inputs.articles import read_article

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><id>a1</id><title>Nothing dated</title><published>0000-00-00</published>
<content type="text">Troops moved to Kabul on Monday.</content></entry>
<entry><id>a2</id><title>Police meet in Doha</title><published>2021-03-01</published>
<content type="text">Police officers met in Doha on Monday to talk about the border.</content></entry>
</feed>
"""


def test_one_bad_file_never_stops_an_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    project = new_project(tmp_path / "project")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    write(folder / "feb30.md", "---\ntitle: Talks\ndate: 2021-02-30\n---\nTalks went on in Kabul.\n")
    write(folder / "zero.md", "---\ntitle: Talks\ndate: 0000-00-00\n---\nTalks went on in Kabul.\n")
    (folder / "deep.md").write_text(
        "---\ntitle: Deep\ndate: 2021-01-01\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\nText.\n"
    )
    write(folder / "wire.atom", ATOM)

    report = ingest([folder], project)

    assert len(report.written) == 2  # the seed and the feed's dated entry
    failed = "\n".join(report.failed)
    assert f"{folder / 'feb30.md'}:3: date '2021-02-30' is not a real date" in failed
    assert f"{folder / 'zero.md'}:3: date '0000-00-00' is not a real date" in failed
    assert f"{folder / 'deep.md'}:4: front matter nests deeper than" in failed
    assert f"{folder / 'wire.atom'}:3: date '0000-00-00' is not a real date" in failed
    assert len(report.failed) == 4


LEAD = "President Emomali Rahmon met officials in Kabul on Monday to discuss the border."
FILLER = "The talks went on for hours, and the officials discussed trade, roads and water."
LAST = "Rahmon said on Tuesday that the border would stay open."


def long_text(paragraphs: int) -> str:
    body = [LEAD, *([FILLER] * paragraphs), LAST]
    return "date 2021-07-06 Wire\n\nBorder talks\n\n" + "\n\n".join(body) + "\n"


def test_a_long_article_is_parsed_in_sections_with_its_own_offsets(nlp, tmp_path, monkeypatch):
    # spaCy refuses a text over nlp.max_length (E088; 1,000,000 characters by default); set lower here,
    # an article of three times that length is still extracted, and its ids hold across sections.
    monkeypatch.setattr(nlp, "max_length", 2 * sections.SECTION)
    path = tmp_path / "long.txt"
    path.write_text(long_text(6 * sections.SECTION // len(FILLER)), encoding="utf-8")
    article = read_article(path)
    assert len(article.text) > 3 * nlp.max_length

    (found,) = workers.extract_parallel([article], workers=1)

    assert not isinstance(found, workers.ExtractionFailed), found
    for entity in found.entities:
        assert all(article.text[m.start : m.end] == m.text for m in entity.mentions)
    assert all(article.text[t.start : t.end] == t.text for t in found.times)
    (rahmon,) = [e for e in found.entities if e.id == "emomali-rahmon"]
    assert rahmon.mentions[-1].start > len(article.text) - 200  # "Rahmon" at the end: the same id
    assert any(ev.text.startswith("Rahmon said") and ev.date == "2021-07-06" for ev in found.events)


def test_an_article_extraction_refuses_fails_alone(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    monkeypatch.setattr(sections, "SECTION", 10**9)  # no sections: the long article reaches spaCy whole
    monkeypatch.setattr(nlp, "max_length", 5000)
    project = new_project(tmp_path / "project")
    folder = tmp_path / "in"
    write(folder / "long.txt", long_text(100))
    write(folder / "short.txt", "date 2021-07-06 Wire\n\nPolice officers met in Doha on Monday.\n")
    shutil.copy(SEED, folder)

    report = ingest([folder], project)

    assert len(report.written) == 2
    (failed,) = report.failed
    assert failed.startswith(f"{folder / 'long.txt'}: extraction failed (ValueError: [E088]")


POISON = "POISON-PILL"


def _dies_on_poison(articles):
    if any(POISON in a.text for a in articles):
        os._exit(1)  # the worker is killed (out of memory, a signal) whenever it reads this article
    return workers.extract_each(articles, workers._known)


def test_an_article_that_kills_its_worker_fails_alone(nlp, tmp_path, monkeypatch):
    paths = [SEED]
    for i, text in enumerate(["Police met in Doha on Monday.", f"{POISON} in Kabul.", "Talks in Dushanbe."]):
        paths.append(write(tmp_path / f"a{i}.txt", f"date 2021-07-0{i + 1} Wire\n\n{text}\n"))
    articles = [read_article(p) for p in paths]
    monkeypatch.setattr(workers, "_extract_chunk", _dies_on_poison)

    found = list(workers.extract_parallel(articles, workers=2))

    assert found[2] == workers.ExtractionFailed(workers.WORKER_DIED)
    expected = workers.extract_each([a for i, a in enumerate(articles) if i != 2])
    assert [f for i, f in enumerate(found) if i != 2] == expected


HANGING_INGEST = """
import sys, time
import site_builder.extract.nlp as nlp
import site_builder.ingest.workers as w
from site_builder.inputs.articles import read_article

def wait(articles):  # a long extraction
    time.sleep(600)


nlp.load_nlp = lambda: None  # the workers need no model to wait
w._extract_chunk = wait
article = read_article(sys.argv[1])
list(w.extract_parallel([article] * 4, workers=2))
"""


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie has exited; only its entry waits to be reaped


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_exit_when_the_ingest_is_killed(sig):
    parent = subprocess.Popen([sys.executable, "-c", HANGING_INGEST, str(SEED)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while len(kids := _children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(kids) >= 2, "the workers never started"
        time.sleep(1)  # they are waiting for their long tasks
        parent.send_signal(sig)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [k for k in kids if _alive(k)], "workers outlived the ingest"
    finally:
        for pid in [parent.pid, *_children(parent.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_two_ingests_at_once_brief_each_article_once(tmp_path):
    project = new_project(tmp_path / "project")
    folder = project.root / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    for i, town in enumerate(["Doha", "Kabul", "Dushanbe", "Termez"]):
        write(
            folder / f"a{i}.txt", f"date 2021-07-0{i + 1} Wire\n\nPolice officers met in {town} on Monday.\n"
        )
    env = {**os.environ, "BRIEFING_WORKERS": "1"}
    command = [sys.executable, "-m", "site_builder.cli", "ingest"]
    runs = [
        subprocess.Popen(command, cwd=project.root, env=env, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    outputs = [run.communicate(timeout=300)[1] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert len(list(project.briefs.glob("*.md"))) == 5, outputs
    assert not list(project.briefs.glob("*-2.md"))


def test_briefs_are_readable_as_the_umask_says(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    project = new_project(tmp_path / "project")
    old = os.umask(0o022)
    try:
        (path,) = ingest([SEED], project).written
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_full_disk_is_not_called_a_question_of_rights(tmp_path, monkeypatch):
    import site_builder.ingest.run as run

    def full(brief, folder):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    monkeypatch.setattr(run, "write_brief", full)
    project = new_project(tmp_path / "project")
    for i in range(3):
        write(tmp_path / "in" / f"a{i}.txt", f"date 2021-07-0{i + 1} Wire\n\nPolice met in Doha, day {i}.\n")
    report = ingest([tmp_path / "in"], project)
    assert "the disk is full" in report.failed[0] and "rights" not in report.failed[0]
    assert report.failed[1] == "2 more articles not briefed: the disk is full"


def test_pipes_and_devices_are_named_not_skipped_in_silence(tmp_path):
    project = new_project(tmp_path / "project")
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    report = ingest([folder, Path("/dev/null")], project)
    assert (
        str(folder / "pipe.txt"),
        "is a named pipe, not a file; articles are read from regular files only",
    ) in (report.skipped)
    assert report.failed == ["/dev/null: is a device, not a file; articles are read from regular files only"]


def test_utf16_text_is_named_with_what_to_do(tmp_path):
    from site_builder.inputs.articles import ArticleError

    for encoding in ("utf-16", "utf-16-le"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("date 2021-07-06 Wire\n\nTalks in Kabul.\n".encode(encoding))
        with pytest.raises(ArticleError, match="is UTF-16 text; re-save it as UTF-8"):
            read_article(path)


def test_a_killed_ingest_is_finished_by_the_next_without_doubles(tmp_path):
    """Edits never lost, nothing briefed twice: an ingest killed while writing, then run again."""
    project = new_project(tmp_path / "project")
    folder = project.root / "seeds"
    for i in range(6):
        write(
            folder / f"a{i}.txt", f"date 2021-07-0{i + 1} Wire\n\nPolice officers met in Doha, meeting {i}.\n"
        )
    command = [sys.executable, "-m", "site_builder.cli", "ingest"]
    env = {**os.environ, "BRIEFING_WORKERS": "1"}
    first = subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(project.briefs.glob("*.md")) and time.monotonic() < deadline:
        time.sleep(0.05)
    first.kill()  # while it writes briefs (or just after the first)
    first.wait()
    written = sorted(project.briefs.glob("*.md"))
    assert written
    edited = written[0].read_text(encoding="utf-8").replace("Police officers", "Police officers (edited)")
    written[0].write_text(edited, encoding="utf-8")

    done = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert len(list(project.briefs.glob("*.md"))) == 6
    assert written[0].read_text(encoding="utf-8") == edited
    assert not list(project.briefs.glob(".*.tmp"))


@settings(max_examples=60, deadline=None)
@given(
    header=st.sampled_from(
        ["", "date 2021-02-30 Wire", "date 0000-00-00 Wire", "Wire, 4 March 2021", "date soon"]
    ),
    said=st.sampled_from(
        ["On 2021-03-04 troops moved.", "Troops moved on March 3, 2021.", "Yesterday troops moved."]
    ),
    rest=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40),
)
def test_dates_are_never_guessed(tmp_path_factory, header, said, rest):
    """The README's promise: an article without a real date of its own fails; none is taken from its text."""
    from site_builder.inputs.articles import ArticleError

    path = tmp_path_factory.mktemp("undated") / "a.txt"
    path.write_text(f"{header}\n\n{said} {rest}\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="date"):
        read_article(path)


def test_a_deeply_nested_brief_or_note_costs_the_build_only_itself(tmp_path):
    from site_builder.site.corpus import load_corpus

    project = new_project(tmp_path / "project")
    brief = "---\nschema: 1\nid: {id}\ntitle: Deep\ndate: 2024-01-01\nx: {x}\n---\n"
    deep = "[" * 5_000 + "]" * 5_000  # well past Python's recursion limit
    write(project.briefs / "2024-01-01-deep.md", brief.format(id="2024-01-01-deep", x=deep))
    write(project.actor_notes / "deep.md", brief.format(id="deep", x=deep))
    write(project.briefs / "2024-01-02-fine.md", brief.format(id="2024-01-02-fine", x="[[1]]"))
    corpus = load_corpus(project)
    assert list(corpus.briefs) == ["2024-01-02-fine"]
    assert sorted(e.path for e in corpus.errors) == [
        str(project.actor_notes / "deep.md"),
        str(project.briefs / "2024-01-01-deep.md"),
    ]
    write(tmp_path / "in" / "a.txt", "date 2024-01-03 Wire\n\nPolice met in Doha.\n")
    assert len(ingest([tmp_path / "in"], project).written) == 1  # the manifest rebuild skips the deep brief


def test_a_rewritten_brief_keeps_its_mode(tmp_path):
    from site_builder.briefs.model import write_atomic

    path = write(tmp_path / "brief.md", "---\nid: x\n---\n")
    path.chmod(0o640)
    write_atomic(path, "---\nid: x\ntitle: New\n---\n")  # as `ingest --update` rewrites a brief
    assert path.stat().st_mode & 0o777 == 0o640


def test_extract_prints_the_others_when_one_article_fails(tmp_path, monkeypatch, capsys):
    from site_builder.cli import main
    from site_builder.extract import nlp

    monkeypatch.setattr(sections, "SECTION", 10**9)
    monkeypatch.setattr(nlp.load_nlp(), "max_length", 5000)
    long = write(tmp_path / "long.txt", long_text(100))
    short = write(tmp_path / "short.txt", "date 2021-07-06 Wire\n\nPolice officers met in Doha on Monday.\n")
    assert main(["extract", "--format", "jsonl", str(long), str(short)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(short)]
    assert f"error: {long}: extraction failed (ValueError: [E088]" in err
