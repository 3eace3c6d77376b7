"""Bad input: each case gets a clear error naming the file, the rest of the run goes on, nothing is lost."""

import os
import shutil
from pathlib import Path

import pytest

from site_builder.briefs.check import check_project, errors
from site_builder.cli import main
from site_builder.ingest.run import ingest
from site_builder.inputs.articles import MAX_BYTES
from site_builder.project import Project
from site_builder.site.corpus import load_corpus

GOOD = """\
date 2024-03-12 Test Wire

Flooding closes the Salang tunnel

KABUL: Heavy snow and flooding closed the Salang tunnel in Afghanistan on Monday, officials said.

The Ministry of Public Works said crews would reopen the road by Friday.
"""
SAME_TITLE_A = "date 2024-05-01 Wire\n\nTalks resume in Doha\n\nDelegations met in Doha on Tuesday.\n"
SAME_TITLE_B = "date 2024-05-01 Other Wire\n\nTalks resume in Doha\n\nA second round began in Qatar.\n"

BAD = {
    # file name: (content, the words its error must hold, the line it names or None)
    "no-date.txt": (b"Just a story.\n\nNo header at all.\n", "has no date line", 1),
    "impossible-date.txt": (b"date 2021-02-30 Wire\n\nText of it.\n", "not a real date", 1),
    "date-in-words.txt": (
        b"date 6 July 2021 Wire\n\nText of it.\n",
        "the date line 'date 6 July 2021 Wire' does not give its date as YYYY-MM-DD",
        1,
    ),
    "empty.txt": (b"", "is empty", 1),
    "blank.txt": (b"  \n\n\t\n", "is empty", 1),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", None),
    "latin1.txt": ("date 2021-07-06 Wire\n\nCaf\u00e9 in Kabul.\n".encode("latin-1"), "not UTF-8", 3),
    "header-only.txt": (b"date 2021-07-06 Wire\n", "no article text", None),
    "broken-front-matter.md": (
        b"---\ntitle: [unclosed\ndate: 2021-07-06\n---\nText.\n",
        "not valid YAML",
        None,
    ),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One ingest of a folder holding good articles and every kind of bad one."""
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good-copy.txt").write_text(GOOD, encoding="utf-8")  # the same article twice
    (folder / "talks-a.txt").write_text(SAME_TITLE_A, encoding="utf-8")  # two articles, one id
    (folder / "talks-b.txt").write_text(SAME_TITLE_B, encoding="utf-8")
    for name, (data, _, _) in BAD.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as f:
        f.write(b"date 2021-07-06 Wire\n\n")
        f.write(b"word " * (MAX_BYTES // 5 + 1))
    project = Project.at(root)
    return project, folder, ingest([folder], project)


def failure(report, name: str) -> str:
    found = [m for m in report.failed if Path(m.split(":")[0]).name == name]
    assert len(found) == 1, (name, report.failed)
    return found[0]


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_gets_a_clear_error_naming_it(run, name):
    _, folder, report = run
    message = failure(report, name)
    _, words, line = BAD[name]
    assert message.startswith(f"{folder / name}:"), message
    assert words in message
    if line:
        assert message.startswith(f"{folder / name}:{line}: ")
    assert ";" in message  # and what to do about it


def test_a_huge_file_is_refused_with_the_limit(run):
    _, folder, report = run
    message = failure(report, "huge.txt")
    assert f"{MAX_BYTES:,}-byte limit" in message and "5,242,880" in message


def test_the_rest_of_the_run_goes_on(run):
    project, folder, report = run
    assert len(report.failed) == len(BAD) + 1
    names = sorted(p.name for p in report.written)
    assert names == sorted(
        [
            "2024-03-12-flooding-closes-the-salang-tunnel.md",
            "2024-05-01-talks-resume-in-doha.md",
            "2024-05-01-talks-resume-in-doha-2.md",
        ]
    )
    assert sorted(p.name for p in project.briefs.glob("*.md")) == names


def test_the_same_article_twice_is_briefed_once(run):
    _, folder, report = run
    reasons = dict(report.skipped)
    copies = [str(folder / "good.txt"), str(folder / "good-copy.txt")]
    assert sum("same article as" in reasons.get(c, "") for c in copies) == 1


def test_two_articles_that_want_one_id_both_keep_their_brief(run):
    project, _, _ = run
    sources = {}
    for name in ("2024-05-01-talks-resume-in-doha", "2024-05-01-talks-resume-in-doha-2"):
        text = (project.briefs / f"{name}.md").read_text()
        assert f"id: {name}\n" in text
        sources[name] = "Qatar" in text
    assert sorted(sources.values()) == [False, True]


def test_a_second_run_writes_nothing_and_loses_nothing(run, tmp_path):
    project, folder, _ = run
    copy = Project.at(tmp_path / "copy")
    shutil.copytree(project.root, copy.root)
    before = {p.name: p.read_bytes() for p in copy.briefs.glob("*.md")}
    report = ingest([copy.root / "in"], copy)
    assert report.written == [] and len(report.failed) == len(BAD) + 1
    assert {p.name: p.read_bytes() for p in copy.briefs.glob("*.md")} == before


def test_cli_exit_status_and_summary(run, tmp_path, monkeypatch, capsys):
    project, folder, _ = run
    monkeypatch.chdir(tmp_path)
    shutil.copy(folder / "no-date.txt", tmp_path / "no-date.txt")
    assert main(["ingest", "no-date.txt"]) == 1
    err = capsys.readouterr().err
    assert "error: no-date.txt:1: has no date line" in err
    assert "0 written, 0 skipped, 1 failed" in err


def test_broken_yaml_in_a_brief_or_note_stops_nothing_else(run, tmp_path):
    project = Project.at(tmp_path)
    shutil.copytree(run[0].briefs, project.briefs)
    broken = project.briefs / "2024-05-01-talks-resume-in-doha.md"
    broken.write_text(broken.read_text().replace("title: ", "title: [unclosed ", 1))
    (project.actor_notes).mkdir(parents=True)
    (project.actor_notes / "ashraf-ghani.md").write_text("---\nname: Ashraf Ghani\naliases: [Ghani\n---\n")
    (tmp_path / "new.txt").write_text(GOOD.replace("Salang tunnel", "Kabul bridge"), encoding="utf-8")

    report = ingest([tmp_path / "new.txt"], project)  # a broken brief or note does not stop ingest
    assert [p.name for p in report.written] == ["2024-03-12-flooding-closes-the-kabul-bridge.md"]
    assert any("ashraf-ghani.md" in m and "not valid YAML" in m for m in report.failed)
    assert broken.read_text().count("[unclosed") == 1  # the broken brief is left as it was

    corpus = load_corpus(project)  # the build reads every other brief, and names the broken one
    assert len(corpus.briefs) == 3
    assert [Path(e.path).name for e in corpus.errors] == [
        "2024-05-01-talks-resume-in-doha.md",
        "ashraf-ghani.md",
    ]

    bad = {Path(p.path).name: p.line for p in errors(check_project(project))}
    assert bad.keys() == {"2024-05-01-talks-resume-in-doha.md", "ashraf-ghani.md"}
    assert bad["2024-05-01-talks-resume-in-doha.md"] in (4, 5)  # `title:` is line 4; YAML notices on 5
    assert bad["ashraf-ghani.md"] in (3, 4)


def test_a_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    said = capsys.readouterr().err
    assert (
        "content: error: no such folder, and no mkdocs.yml here: run briefing in the project folder" in said
    )
    assert said.endswith("check: 1 error, 0 warnings\n")
    assert main(["ingest"]) == 1  # nothing to ingest and no project: say where to run it
    said = capsys.readouterr().err
    assert "seeds: no such folder, and no mkdocs.yml here" in said and "briefing new DIR" in said
    assert not (tmp_path / "content").exists()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert main(["ingest", "a.txt"]) == 0  # ingest creates content/briefs/
    assert len(list((tmp_path / "content" / "briefs").glob("*.md"))) == 1
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "check: 1 brief and 0 notes read\n"  # says what it read


def test_an_output_folder_that_cannot_be_written(tmp_path):
    project = Project.at(tmp_path)
    project.content.mkdir()
    project.briefs.write_text("a file where the briefs folder should be\n")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    report = ingest([tmp_path / "a.txt"], project)
    assert report.written == []
    (message,) = report.failed
    assert message.startswith(f"{project.briefs}: cannot write briefs here") and "writable folder" in message
    assert project.briefs.read_text() == "a file where the briefs folder should be\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through folder permissions")
def test_a_read_only_briefs_folder(tmp_path):
    project = Project.at(tmp_path)
    project.briefs.mkdir(parents=True)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    project.briefs.chmod(0o500)
    try:
        report = ingest([tmp_path / "a.txt"], project)
    finally:
        project.briefs.chmod(0o700)
    assert report.written == [] and "Permission denied" in report.failed[0]


def test_a_site_folder_that_cannot_be_written(tmp_path, monkeypatch, capsys):
    shutil.copy(Path(__file__).parent.parent / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content" / "briefs").mkdir(parents=True)
    (tmp_path / "site").write_text("a file where the site folder should be\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "error: site: cannot write the site" in err and "writable folder" in err
    assert (tmp_path / "site").read_text() == "a file where the site folder should be\n"


def test_a_brief_saved_by_a_windows_editor_still_reads(run, tmp_path):
    from site_builder.briefs.model import read_brief

    project = Project.at(tmp_path)
    shutil.copytree(run[0].briefs, project.briefs)
    path = project.briefs / "2024-05-01-talks-resume-in-doha.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))  # BOM and CRLF
    assert read_brief(path).title == "Talks resume in Doha"
    assert errors(check_project(project)) == []
