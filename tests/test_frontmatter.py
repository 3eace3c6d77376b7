"""Front matter is read one way everywhere, safely and within limits (issue 17 item 1, issue 14).

Hostile YAML (alias bombs, aliases to themselves, nesting tens of thousands deep) in an article,
a brief or a note gives a `FILE:LINE:` error naming the file, for every command, instead of a
RecursionError or minutes and gigabytes. The commands run in a child process with a memory cap
and a time-out, so a regression fails the test instead of taking the machine down.
"""

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import new_project, write

from site_builder import frontmatter
from site_builder.briefs.check import check_project, errors
from site_builder.briefs.model import read_brief
from site_builder.briefs.notes import read_note
from site_builder.frontmatter import MAX_DEPTH, load_yaml, read_front_matter
from site_builder.inputs.articles import read_article
from site_builder.problems import Problem

LAUGHS = "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)
HOSTILE = {
    # name: (YAML lines, words of the error)
    "billion-laughs": (LAUGHS, "aliases repeat this value"),
    "loop-list": ("loop: &l [*l]\n", "refers to the value it is part of"),
    "loop-map": ("loop: &m {again: *m}\n", "refers to the value it is part of"),
    "deep-50000": ("deep: " + "[" * 50_000 + "]" * 50_000 + "\n", f"nests deeper than {MAX_DEPTH}"),
    "deep-100000": ("deep: " + "[" * 100_000 + "]" * 100_000 + "\n", f"nests deeper than {MAX_DEPTH}"),
    "deep-unclosed": ("deep: " + "{a: " * 100_000 + "\n", f"nests deeper than {MAX_DEPTH}"),
    "deep-block": ("deep:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH + 5)), "nests deeper"),
}
MEMORY_CAP = 3 * 1024**3  # bytes of address space a command may take; the bombs asked for 5-11 GB


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def briefing(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command in a child process that cannot take more than MEMORY_CAP nor run for minutes."""
    return subprocess.run(
        [sys.executable, "-m", "site_builder.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_capped,
    )


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_yaml_is_refused_at_its_line(name):
    block, words = HOSTILE[name]
    text = "---\ntitle: x\n" + block + "---\nBody.\n"
    with pytest.raises(Problem) as info:
        read_front_matter(text, "content/briefs/x.md")
    err = info.value
    assert words in err.message and err.path == "content/briefs/x.md"
    assert 3 <= err.line <= text.count("\n"), err
    assert str(err).startswith(f"content/briefs/x.md:{err.line}: ")


def test_the_limits_hold_without_libyaml(monkeypatch):
    """The pure-Python composer recurses; nesting is then measured on the parser's events first."""
    monkeypatch.setattr(frontmatter, "FAST_LOADER", None)
    for name in ("deep-100000", "loop-list", "billion-laughs"):
        block, words = HOSTILE[name]
        with pytest.raises(Problem, match=words):
            load_yaml(block, "x.md", 2)
    assert load_yaml("a: &x [1, 2]\nb: *x\n", "x.md")[0] == {"a": [1, 2], "b": [1, 2]}


def test_ordinary_aliases_merges_and_types_still_read():
    value, _, _ = load_yaml(
        "base: &b {kind: city, lat: 36.8}\nplace:\n  <<: *b\n  name: Kunduz\nids: &i [a, b]\nagain: *i\n"
        "n: 3\nf: 1.5\nflag: true\nnothing:\nday: 2021-07-06\ntext: !!str 0123\n",
        "x.md",
    )
    assert value["place"] == {"kind": "city", "lat": 36.8, "name": "Kunduz"}
    assert value["again"] == ["a", "b"] and value["n"] == 3 and value["f"] == 1.5 and value["flag"] is True
    assert value["nothing"] is None and str(value["day"]) == "2021-07-06" and value["text"] == "0123"


def test_unsafe_tags_and_unhashable_keys_are_errors_at_their_line():
    for block, line in (("a: 1\nb: !!python/object/apply:os.system [ls]\n", 3), ("a: 1\n? [x, y]\n: 2\n", 3)):
        with pytest.raises(Problem, match="not valid YAML") as info:
            read_front_matter("---\n" + block + "---\n", "x.md")
        assert info.value.line == line


def test_impossible_dates_and_keys_written_twice():
    with pytest.raises(Problem) as info:
        read_front_matter("---\ntitle: x\ndate: 2021-02-30\n---\n", "a.md")
    assert str(info.value) == (
        "a.md:3: date '2021-02-30' is not a real date; write it as YYYY-MM-DD with a valid month and day"
    )
    doc = read_front_matter("---\ntitle: One\ndate: 2021-07-06\ntitle: Two\n---\n", "a.md")
    (dup,) = doc.duplicates
    assert dup.line == 4 and "`title` is written twice" in dup.message and doc.meta["title"] == "Two"


def test_line_index_and_body():
    text = "\ufeff---\nid: x\nactors:\n  - {id: a, name: A}\n  - id: b\n    kind: person\n---\n\nBody\n"
    doc = read_front_matter(text, "x.md", lines=True)
    assert doc.line(("actors", 1, "kind")) == 6 and doc.line(("actors", 0, "name")) == 4
    assert doc.line(("nothing", "here")) == 1 and doc.body == "\nBody\n"
    assert text[doc.body_start :] == doc.body


# --- the same errors through every command ---


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """Every hostile block in an article, in a brief's extra field and in a note's aliases."""
    project = new_project(tmp_path_factory.mktemp("hostile") / "p")
    for name, (block, _) in HOSTILE.items():
        article = "---\ndate: 2021-07-06\ntitle: T\n" + block + "---\nText.\n"
        write(project.root / "seeds" / f"{name}.md", article)
    brief = textwrap.dedent(
        """\
        ---
        schema: 1
        id: {id}
        title: A brief with a bomb in a field a person added
        date: 2021-07-06
        """
    )
    (project.briefs / "laughs.md").write_text(brief.format(id="laughs") + LAUGHS + "---\nBody.\n")
    deep = HOSTILE["deep-100000"][0]
    (project.briefs / "deep.md").write_text(brief.format(id="deep") + deep + "---\nBody.\n")
    note = "---\nname: Rahmon\naliases: &a [Rahmon, *a]\n---\n"
    (project.actor_notes / "emomali-rahmon.md").write_text(note)
    return project


def test_ingest_names_each_hostile_article(hostile_project):
    done = briefing(hostile_project.root, "ingest")
    assert done.returncode == 1, done.stderr
    for name, (_, words) in HOSTILE.items():
        (line,) = [ln for ln in done.stderr.splitlines() if f"seeds/{name}.md:" in ln]
        assert words in line, line
    assert "Traceback" not in done.stderr and not list(hostile_project.briefs.glob("2021-*.md"))


def test_check_names_each_hostile_brief_and_note(hostile_project):
    done = briefing(hostile_project.root, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/briefs/laughs.md:" in done.stderr and "aliases repeat this value" in done.stderr
    assert "content/briefs/deep.md:6: error: front matter nests deeper" in done.stderr
    assert "content/actors/emomali-rahmon.md:3: error: an alias refers to the value" in done.stderr


def test_build_stops_on_them_and_skip_check_leaves_them_out(hostile_project):
    done = briefing(hostile_project.root, "build")
    assert done.returncode == 1 and "build: stopped" in done.stderr and "Traceback" not in done.stderr
    done = briefing(hostile_project.root, "build", "--skip-check")
    assert done.returncode == 0, done.stderr
    assert "content/briefs/deep.md:6: front matter nests deeper" in done.stderr
    assert "laughs.md:" in done.stderr and "emomali-rahmon.md:3:" in done.stderr
    assert (hostile_project.site / "index.html").is_file()
    assert not (hostile_project.site / "briefs" / "deep").exists()


# --- one schema: what `briefing check` calls an error, the reader refuses at the same line ---

BRIEF = """\
---
schema: 1
id: 2021-07-06-border
title: Border
date: 2021-07-06
actors:
- {id: emomali-rahmon, name: Emomali Rahmon, kind: person, mentions: 3}
locations:
- {id: badakhshan, name: Badakhshan, kind: region, lat: 36.8, lon: 71.4}
events:
- {date: 2021-07-05, basis: stated, status: expected, text: Troops will go., actors: [emomali-rahmon]}
- {date: 2021-07, basis: context, text: The month of it., locations: [badakhshan]}
---
Body.
"""
WRONG = [
    # (what is written, what the old reader made of it without a word)
    ("mentions: 3}", "mentions: many}"),  # read as 0
    ("lat: 36.8, lon: 71.4", "lat: north, lon: 71.4"),  # read as None
    ("kind: region", "kind: province"),  # kept as an unknown kind
    ("name: Badakhshan, kind: region", "kind: region"),  # no name: read as the id
    ("status: expected", "status: maybe"),
    ("basis: context", "basis: guessed"),
    ("title: Border", "title: 2021"),  # a number, read as the text "2021"
    ("title: Border", "title: [Border]"),
]


@pytest.mark.parametrize(("old", "new"), WRONG, ids=[w[1] for w in WRONG])
def test_the_build_refuses_what_check_calls_an_error(tmp_path, old, new):
    project = new_project(tmp_path / "p")
    path = project.briefs / "2021-07-06-border.md"
    path.write_text(BRIEF.replace(old, new, 1))
    (problem,) = errors(check_project(project))
    with pytest.raises(Problem) as info:
        read_brief(path)
    assert (info.value.line, info.value.message) == (problem.line, problem.message)


def test_a_good_brief_reads_with_its_values_as_written(tmp_path):
    project = new_project(tmp_path / "p")
    path = project.briefs / "2021-07-06-border.md"
    path.write_text(BRIEF)
    assert check_project(project) == []
    brief = read_brief(path)
    assert brief.actors[0].mentions == 3 and brief.locations[0].lat == 36.8
    assert [(e.date, e.basis) for e in brief.events] == [("2021-07-05", "stated"), ("2021-07", "context")]


def test_notes_are_read_against_the_same_schema(tmp_path):
    project = new_project(tmp_path / "p")
    note = project.location_notes / "kunduz.md"
    note.write_text("---\nname: Kunduz\nkind: town\n---\n")
    (problem,) = errors(check_project(project))
    with pytest.raises(Problem) as info:
        read_note(note)
    assert (info.value.line, info.value.message) == (problem.line, problem.message) == (3, problem.message)
    note.write_text("---\nname: Kunduz\nkind: city\nlat: 36.7\nlon: 68.9\n---\nA city.\n")
    assert read_note(note).kind == "city" and read_note(note).lat == 36.7


def test_an_article_with_front_matter_shares_the_reader(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate: 2021-02-30\n---\nText of it.\n")
    with pytest.raises(Problem, match="a.md:3: date '2021-02-30' is not a real date"):
        read_article(path)
    path.write_text("---\ntitle: T\ndate: 2021-07-06\ndate: 2021-07-07\n---\nText of it.\n")
    with pytest.raises(Problem, match="a.md:4: `date` is written twice"):
        read_article(path)
