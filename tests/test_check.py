"""`briefing check`: every mistake a person can make in a brief or note, reported at its line."""

import textwrap
from pathlib import Path

import pytest

from site_builder.briefs.check import ERROR, WARNING, check_project, errors
from site_builder.cli import main
from site_builder.project import Project

GOOD = """\
---
schema: 1
id: 2021-07-06-border
title: Tajikistan deploys troops to the Afghan border
date: 2021-07-06
source: {name: AT News, file: seeds/a.txt}
dateline: Kabul
summary: Tajikistan deployed 20,000 soldiers.
actors:
- {id: emomali-rahmon, name: Emomali Rahmon, kind: person, roles: [President of Tajikistan], mentions: 3}
- {id: tajikistan, name: Tajikistan, kind: country, mentions: 2}
locations:
- {id: tajikistan, name: Tajikistan, kind: country, lat: 38.5, lon: 71.0, mentions: 12}
- {id: badakhshan, name: Badakhshan, kind: region, within: afghanistan, lat: 36.8, lon: 71.4}
events:
- date: 2021-07-05
  basis: stated
  status: happened
  text: Rahmon ordered 20,000 troops to the border.
  actors: [emomali-rahmon]
  locations: [tajikistan]
- date: '2021'
  basis: reported
  text: The year of the deployment.
  actors: []
  locations: [badakhshan]
quotes:
- {speaker: emomali-rahmon, text: The situation is worrying.}
---

**Kabul** \u2014 Tajikistan has deployed 20,000 soldiers.
"""

NOTE = """\
---
name: Ashraf Ghani
kind: person
aliases: [Ghani, President Ghani]
roles: [President of Afghanistan]
---
President of Afghanistan from 2014 to 2021.
"""


def project_with(tmp_path: Path, briefs: dict[str, str], actors=None, locations=None) -> Project:
    for folder, files in (("briefs", briefs), ("actors", actors or {}), ("locations", locations or {})):
        (tmp_path / "content" / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (tmp_path / "content" / folder / name).write_text(text, encoding="utf-8")
    return Project.at(tmp_path)


def replaced(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def problems_of(tmp_path, text, name="2021-07-06-border.md", **notes):
    return check_project(project_with(tmp_path, {name: text}, **notes))


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_brief_and_note_have_no_problems(tmp_path):
    project = project_with(tmp_path, {"2021-07-06-border.md": GOOD}, actors={"ashraf-ghani.md": NOTE})
    assert check_project(project) == []


CASES = [
    # (what the person wrote, the line it is on, words the message must hold)
    ("date: 2021-07-06", "date: 2021-13-06", "not a real date"),
    ("  actors: [emomali-rahmon]", "  actors: [emomali-rahman]", "emomali-rahman"),
    ("  locations: [tajikistan]", "  locations: [kunduz]", "kunduz"),
    ("{speaker: emomali-rahmon,", "{speaker: rahmon,", "speaker `rahmon`"),
    ("kind: person, roles", "kind: human, roles", "kind `human` is not one of person, organization, country"),
    ("kind: region", "kind: province", "kind `province`"),
    ("lat: 36.8", "lat: 136.8", "between -90 and 90"),
    ("lon: 71.4", "lon: 191.4", "between -180 and 180"),
    ("lon: 71.4", "lon: east", "not a number"),
    ("id: 2021-07-06-border", "id: 2021-07-06-other", "differs from the file name"),
    ("schema: 1", "schema: 2", "schema 1"),
    ("  basis: stated", "  basis: guessed", "basis"),
    (
        "  status: happened",
        "  status: rumoured",
        "status `rumoured` is not one of happened, ongoing, expected",
    ),
    ("- date: 2021-07-05", "- date: 2021-07-35", "2021-07-35"),
    ("- date: '2021'", "- date: last week", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("mentions: 3}", "mentions: many}", "whole number"),
]


@pytest.mark.parametrize(("old", "new", "words"), CASES, ids=[c[1] for c in CASES])
def test_each_mistake_is_an_error_at_its_line(tmp_path, old, new, words):
    text = replaced(old, new)
    found = problems_of(tmp_path, text)
    assert [p.level for p in found] == [ERROR], found
    assert found[0].path == "content/briefs/2021-07-06-border.md"
    assert found[0].line == line_of(text, new.strip()), found
    assert words in found[0].message


@pytest.mark.parametrize(
    ("basis", "status"), [("context", "ongoing"), ("reported", "expected"), ("stated", "happened")]
)
def test_every_basis_and_status_extraction_writes_is_accepted(tmp_path, basis, status):
    text = replaced("  basis: stated\n  status: happened", f"  basis: {basis}\n  status: {status}")
    assert problems_of(tmp_path, text) == []


def test_problem_prints_as_file_line_message(tmp_path):
    text = replaced("lat: 36.8", "lat: 136.8")
    (problem,) = problems_of(tmp_path, text)
    line = line_of(text, "lat: 136.8")
    assert problem.listed().startswith(f"content/briefs/2021-07-06-border.md:{line}: error: ")
    assert str(problem).startswith(f"content/briefs/2021-07-06-border.md:{line}: `lat: 136.8`")


def test_duplicate_entity_ids_and_duplicate_keys(tmp_path):
    text = replaced(
        "- {id: tajikistan, name: Tajikistan, kind: country, mentions: 2}",
        "- {id: emomali-rahmon, name: Rahmon, kind: person}",
    ).replace("title: Tajikistan", "title: One\ntitle: Two", 1)
    found = problems_of(tmp_path, text)
    messages = {p.line: p.message for p in found}
    assert all(p.level == ERROR for p in found)
    assert "listed twice" in messages[line_of(text, "{id: emomali-rahmon, name: Rahmon")]
    assert "written twice" in messages[line_of(text, "title: Two")]


def test_unknown_fields_are_warnings_with_a_suggestion(tmp_path):
    text = replaced("summary:", "analyst_note: keep an eye on this\nsumary:")
    found = problems_of(tmp_path, text)
    assert {p.level for p in found} == {WARNING}
    by_line = {p.line: p.message for p in found}
    assert "did you mean `summary`" in by_line[line_of(text, "sumary:")]
    assert "unknown field `analyst_note`" in by_line[line_of(text, "analyst_note")]
    assert errors(found) == []


def test_within_that_names_no_place_is_a_warning(tmp_path):
    text = replaced("within: afghanistan", "within: atlantis-nowhere")
    (problem,) = problems_of(tmp_path, text)
    assert problem.level == WARNING and "atlantis-nowhere" in problem.message


def test_ids_resolve_through_curated_notes(tmp_path):
    text = replaced("  actors: [emomali-rahmon]", "  actors: [emomali-rahmon, ashraf-ghani]")
    assert errors(problems_of(tmp_path, text, actors={"ashraf-ghani.md": NOTE})) == []
    assert errors(problems_of(tmp_path / "no-note", text))


def test_broken_yaml_names_its_line(tmp_path):
    text = replaced("summary: Tajikistan deployed 20,000 soldiers.", "summary: [unclosed, list")
    (problem,) = problems_of(tmp_path, text)
    assert problem.level == ERROR and "not valid YAML" in problem.message
    assert line_of(text, "summary:") <= problem.line <= line_of(text, "summary:") + 2


def test_missing_front_matter_and_bad_file_name(tmp_path):
    found = check_project(
        project_with(
            tmp_path,
            {"plain.md": "just text\n", "Bad Name.md": GOOD.replace("2021-07-06-border", "Bad Name")},
        )
    )
    by_file = {p.path: p for p in found}
    assert "no YAML front matter" in by_file["content/briefs/plain.md"].message
    assert by_file["content/briefs/plain.md"].line == 1
    assert "not a safe id" in by_file["content/briefs/Bad Name.md"].message


def test_notes_are_checked(tmp_path):
    bad_note = "---\nname: Kunduz\nkind: town\nlat: 95\nlon: 68.9\nwithin: nowhere-land\nwikidat: Q1\n---\n"
    found = check_project(project_with(tmp_path, {}, locations={"kunduz.md": bad_note}))
    got = {(p.line, p.level) for p in found}
    assert (3, ERROR) in got  # kind
    assert (4, ERROR) in got  # lat
    assert (6, WARNING) in got  # within
    assert (7, WARNING) in got  # unknown field, did you mean wikidata
    assert any("did you mean `wikidata`" in p.message for p in found)


def test_missing_content_folder(tmp_path):
    (problem,) = check_project(Project.at(tmp_path))  # not a project: says so
    assert problem.level == ERROR and problem.path == "content" and "no mkdocs.yml here" in problem.message
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\n")
    (problem,) = check_project(Project.at(tmp_path))  # a project not ingested yet
    assert problem.path == "content" and "run `briefing ingest` to create it" in problem.message


def test_cli_exit_status_and_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    project_with(tmp_path, {"2021-07-06-border.md": replaced("summary:", "extra_field: 1\nsummary:")})
    assert main(["check"]) == 0  # a warning does not fail
    assert "2021-07-06-border.md:" in capsys.readouterr().err
    (tmp_path / "content/briefs/2021-07-06-border.md").write_text(replaced("kind: region", "kind: planet"))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    line = line_of(GOOD, "kind: region")
    assert f"content/briefs/2021-07-06-border.md:{line}: error: kind `planet`" in err
    assert "check: 1 error," in err


def test_a_stale_temporary_file_is_reported_not_read(tmp_path):
    project = project_with(tmp_path, {"2021-07-06-border.md": GOOD})
    (project.briefs / ".2021-07-06-border.md.abc123.tmp").write_text("---\nid: half")
    (problem,) = check_project(project)
    assert problem.level == WARNING and problem.path.endswith(".tmp") and "interrupted" in problem.message


def test_the_messages_say_how_to_fix(tmp_path):
    text = textwrap.dedent(
        """\
        ---
        id: 2021-07-06-border
        title: T
        ---
        """
    )
    found = problems_of(tmp_path, text)
    messages = " ".join(p.message for p in found)
    assert "add `schema: 1`" in messages
    assert "add the publication date as `date: YYYY-MM-DD`" in messages


# --- whatever a person writes, reading and checking never crash ---

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from site_builder.briefs.model import BriefError, read_brief  # noqa: E402
from site_builder.briefs.notes import read_note  # noqa: E402

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
    st.sampled_from(["2021-07-05", "2021", "x", "../x", "stated", "person", "tajikistan"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "kind",
                    "date",
                    "text",
                    "actors",
                    "locations",
                    "lat",
                    "lon",
                    "speaker",
                    "mentions",
                    "within",
                    "roles",
                    "aliases",
                    "basis",
                    "status",
                    "range",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)
FIELDS = [
    "schema",
    "id",
    "title",
    "date",
    "source",
    "dateline",
    "summary",
    "actors",
    "locations",
    "events",
    "quotes",
    "generated",
    "name",
    "kind",
    "aliases",
    "roles",
    "lat",
    "lon",
    "within",
    "extra",
]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8), st.booleans())
def test_any_front_matter_reads_or_fails_with_a_clear_error(tmp_path_factory, meta, valid_head):
    import yaml

    if valid_head:  # get past the id and date, so every other field is read
        meta = {**meta, "id": "2021-07-06-x", "date": "2021-07-06"}
    root = tmp_path_factory.mktemp("fuzz")
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody.\n"
    brief = root / "content" / "briefs" / "2021-07-06-x.md"
    note = root / "content" / "actors" / "x.md"
    for path in (brief, note):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    unreadable = set()
    for reader, path in ((read_brief, brief), (read_note, note)):
        try:
            reader(path)
        except BriefError as err:
            assert str(err).startswith(str(path))
            unreadable.add(path.relative_to(root).as_posix())
    problems = check_project(Project.at(root))
    assert all(p.path.startswith("content/") and p.message for p in problems)
    assert unreadable <= {p.path for p in errors(problems)}  # what the build cannot read, the check names
    # and what the check calls an error in one file, the build does not read either (one schema);
    # only references that need the other files (ids listed elsewhere) are the check's alone
    for p in errors(problems):
        assert p.path in unreadable or any(words in p.message for words in CROSS_FILE), p


CROSS_FILE = ("is not an id listed under", "is also used by")


def test_a_brief_entry_named_by_a_note_under_another_id_is_pointed_out(tmp_path):
    """A note written after ingest does not move what briefs already say: check names each entry
    the note claims under another id, and what to do (the site would show two pages)."""
    rahmon = "---\nname: Emomali Rahmon\nkind: person\naliases: [Rahmon]\n---\n"
    tajik = "---\nname: Republic of Tajikistan\nkind: country\naliases: [Tajikistan]\n---\n"
    found = problems_of(tmp_path, GOOD, actors={"rahmon.md": rahmon}, locations={"tajik-republic.md": tajik})
    assert not errors(found)
    said = {(p.line, p.message) for p in found if p.level == WARNING}
    assert said == {
        (
            line_of(GOOD, "- {id: emomali-rahmon"),
            "`Emomali Rahmon` is a name of the curated note content/actors/rahmon.md, listed here as "
            "`emomali-rahmon`: run `briefing ingest --update` to move this brief to the note's id, "
            "or replace `emomali-rahmon` with `rahmon` in this brief",
        ),
        (
            line_of(GOOD, "- {id: tajikistan, name: Tajikistan, kind: country, lat"),
            "`Tajikistan` is a name of the curated note content/locations/tajik-republic.md, listed here as "
            "`tajikistan`: run `briefing ingest --update` to move this brief to the note's id, "
            "or replace `tajikistan` with `tajik-republic` in this brief",
        ),
    }


def test_the_build_after_check_parses_no_brief_again(tmp_path, monkeypatch):
    """check reads every brief with the schema; the build that follows takes the briefs it passed
    from the cache check leaves, and reads again only a file with an error (to report it)."""
    from site_builder.briefs import model
    from site_builder.site import corpus

    broken = GOOD.replace("2021-07-06-border", "broken").replace("date: 2021-07-06", "date: someday")
    project = project_with(tmp_path, {"2021-07-06-border.md": GOOD, "broken.md": broken})
    assert [Path(p.path).name for p in errors(check_project(project))] == ["broken.md"]
    read = []
    monkeypatch.setattr(corpus, "read_brief", lambda path: read.append(path.name) or model.read_brief(path))
    loaded = corpus.load_corpus(project)
    assert read == ["broken.md"] and list(loaded.briefs) == ["2021-07-06-border"]
    assert loaded.briefs["2021-07-06-border"].title == "Tajikistan deploys troops to the Afghan border"
    assert [Path(e.path).name for e in loaded.errors] == ["broken.md"]
    path = project.briefs / "2021-07-06-border.md"  # an edit after check: read again
    path.write_text(GOOD.replace("title: Tajikistan deploys", "title: Tajikistan sends"), encoding="utf-8")
    assert corpus.load_corpus(project).briefs["2021-07-06-border"].title.startswith("Tajikistan sends")
    assert "2021-07-06-border.md" in read


def test_a_second_check_reads_only_the_files_with_something_wrong(tmp_path, monkeypatch):
    """A brief check found nothing wrong in, unchanged since, is checked across files from the
    cache; the problems and their lines are the same as when every file is read."""
    from site_builder.briefs import check

    def brief(bid: str, old: str = "", new: str = "") -> str:
        text = replaced(old, new) if old else GOOD
        return text.replace("2021-07-06-border", bid)

    wrong_ref = brief("wrong-ref", "  actors: [emomali-rahmon]", "  actors: [emomali-rahman]")
    unknown_field = brief("unknown-field", "summary:", "sumary:")
    briefs = {"clean.md": brief("clean"), "wrong-ref.md": wrong_ref, "unknown-field.md": unknown_field}
    project = project_with(tmp_path, briefs, actors={"ashraf-ghani.md": NOTE})
    first = check_project(project)
    assert {(Path(p.path).name, p.line) for p in first} >= {
        ("wrong-ref.md", line_of(wrong_ref, "actors: [emomali-rahman]")),
        ("unknown-field.md", line_of(unknown_field, "sumary:")),
    }
    read = []
    real = check.read_document

    def counted(path, *args, **kwargs):
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(check, "read_document", counted)
    assert [p.listed() for p in check_project(project)] == [p.listed() for p in first]
    assert "clean.md" not in read and "unknown-field.md" in read and "wrong-ref.md" in read
    read.clear()  # a note that claims a brief's actor makes a problem in a brief read from the cache
    note = "---\nname: Emomali Rahmon\n---\n"
    (project.actor_notes / "rahmon.md").write_text(note, encoding="utf-8")
    warned = [p for p in check_project(project) if Path(p.path).name == "clean.md"]
    assert [p.line for p in warned] == [line_of(GOOD, "id: emomali-rahmon")]
    assert "clean.md" in read  # read again, for the line of the problem
    (project.actor_notes / "rahmon.md").unlink()
    path = project.briefs / "clean.md"  # an edit: read again, and its new mistake found
    path.write_text(brief("clean", "kind: person", "kind: persn"), encoding="utf-8")
    assert any(Path(p.path).name == "clean.md" and p.level == ERROR for p in check_project(project))
