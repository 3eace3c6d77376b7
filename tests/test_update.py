"""`briefing ingest --update`: untouched machine fields are refreshed, hand edits are kept and listed."""

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SEED

from site_builder.briefs.check import check_project, errors
from site_builder.briefs.model import BODY, field_hash, read_brief
from site_builder.cli import main
from site_builder.frontmatter import read_front_matter
from site_builder.ingest.run import ingest
from site_builder.ingest.update import update
from site_builder.project import Project

TUNNEL = """\
date 2024-03-12 Test Wire

Flooding closes the Salang tunnel

KABUL: Heavy snow and flooding closed the Salang tunnel in Afghanistan on Monday, officials said.

The Ministry of Public Works said crews would reopen the road by Friday.

"We are working day and night," said Mohammad Ashraf, a ministry engineer.
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A project with the seed and one written article ingested; tests work on copies of it."""
    root = tmp_path_factory.mktemp("ingested")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds")
    (root / "seeds" / "tunnel.txt").write_text(TUNNEL, encoding="utf-8")
    report = ingest([root / "seeds"], Project.at(root))
    assert report.ok and len(report.written) == 2, report
    return root


@pytest.fixture
def project(ingested, tmp_path) -> Project:
    root = tmp_path / "p"
    shutil.copytree(ingested, root)
    return Project.at(root)


def brief_path(project: Project, word: str) -> Path:
    (path,) = [p for p in project.briefs.glob("*.md") if word in p.name]
    return path


def front(path: Path) -> tuple[dict, str]:
    doc = read_front_matter(path.read_text(encoding="utf-8"), path)
    return doc.meta, doc.body


def edit_brief(path: Path, meta_changes: dict, body_append: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    meta.update(meta_changes)
    path.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n" + body + body_append)


def test_ingested_briefs_record_a_hash_of_every_machine_field_and_the_body(project):
    meta, body = front(brief_path(project, "tajikistan"))
    assert meta["generated"][BODY] == field_hash(body.strip())
    for name in ("title", "summary", "actors", "locations", "events", "quotes"):
        assert meta["generated"][name] == field_hash(meta[name]), name


def test_ingested_briefs_pass_check(project):
    assert errors(check_project(project)) == []


def test_update_without_changes_writes_nothing(project):
    before = {p: p.read_bytes() for p in project.briefs.glob("*.md")}
    report, new = update([project.seeds], project)
    assert report.ok and new.ok
    assert report.updated == [] and report.conflicts == [] and len(report.unchanged) == 2
    assert new.written == []
    assert {p: p.read_bytes() for p in project.briefs.glob("*.md")} == before


def test_plain_ingest_leaves_a_brief_alone_when_its_article_changed(project):
    article = project.seeds / "tunnel.txt"
    article.write_text(TUNNEL.replace("by Friday", "by Sunday"), encoding="utf-8")
    path = brief_path(project, "salang")
    before = path.read_bytes()
    report = ingest([project.seeds], project)
    assert report.written == []
    reasons = dict(report.skipped)
    assert "--update" in reasons[str(article)]
    assert "already briefed" in reasons[str(project.seeds / SEED.name)]
    assert path.read_bytes() == before


def test_update_refreshes_untouched_fields_and_keeps_hand_edits(project, capsys, monkeypatch):
    path = brief_path(project, "salang")
    meta, _ = front(path)
    edit_brief(
        path,
        {"title": "Salang tunnel shut (edited title)", "analyst_note": "Watch the northern supply route."},
        body_append="\nAn analyst's paragraph added by hand.\n",
    )
    (project.seeds / "tunnel.txt").write_text(
        TUNNEL.replace("Flooding closes the Salang tunnel", "Avalanche closes the Salang tunnel").replace(
            "Heavy snow and flooding", "An avalanche"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(project.root)
    assert main(["ingest", "--update"]) == 0
    out = capsys.readouterr().out
    shown = project.relative(path)
    assert f"conflict: {shown}: field title was edited by hand; kept" in out
    assert f"conflict: {shown}: field body was edited by hand; kept" in out
    assert f"updated {shown}: " in out and "summary" in out

    after, body = front(path)
    assert after["id"] == meta["id"] == path.stem  # the URL stays
    assert after["title"] == "Salang tunnel shut (edited title)"
    assert after["analyst_note"] == "Watch the northern supply route."
    assert "An analyst's paragraph added by hand." in body
    assert "avalanche" in after["summary"].lower() and "flooding" not in after["summary"].lower()
    assert after["generated"]["summary"] == field_hash(after["summary"])
    assert after["generated"]["title"] == meta["generated"]["title"]  # still marked as edited
    assert after["source"]["sha256"] != meta["source"]["sha256"]
    # the seed's brief was not touched, and the merged brief still reads and checks
    assert read_brief(path).title == "Salang tunnel shut (edited title)"
    assert errors(check_project(project)) == []

    # a second run has nothing more to refresh but lists the same conflicts again
    report, _ = update([project.seeds], project)
    assert report.updated == []
    assert sorted(report.conflicts) == sorted(
        [f"{shown}: field title was edited by hand; kept", f"{shown}: field body was edited by hand; kept"]
    )


def test_plain_ingest_after_update_does_not_duplicate(project):
    (project.seeds / "tunnel.txt").write_text(TUNNEL.replace("by Friday", "by Sunday"), encoding="utf-8")
    report, _ = update([project.seeds], project)
    assert [p.name for p, _ in report.updated] == [brief_path(project, "salang").name]
    assert ingest([project.seeds], project).written == []
    assert len(list(project.briefs.glob("*.md"))) == 2


def test_a_broken_brief_is_reported_and_the_rest_go_on(project):
    seed_brief = brief_path(project, "tajikistan")
    seed_brief.write_text(seed_brief.read_text().replace("title:", "title: [unclosed", 1))
    (project.seeds / "tunnel.txt").write_text(TUNNEL.replace("by Friday", "by Sunday"), encoding="utf-8")
    report, new = update([project.seeds], project)
    assert any(
        m.startswith(f"{project.relative(seed_brief)}:") and "not valid YAML" in m for m in report.failed
    )
    assert [p.name for p, _ in report.updated] == [brief_path(project, "salang").name]
    assert not report.ok


def test_a_new_article_is_ingested_by_update(project):
    (project.seeds / "second.txt").write_text(
        TUNNEL.replace("Salang tunnel", "Kabul river bridge").replace("2024-03-12", "2024-04-02"),
        encoding="utf-8",
    )
    report, new = update([project.seeds], project)
    assert len(new.written) == 1 and "kabul-river-bridge" in new.written[0].name
    assert report.updated == []


def test_a_field_handed_back_gets_the_machine_value_again(project):
    path = brief_path(project, "salang")
    meta, _ = front(path)
    edit_brief(path, {"title": "Hand title"})
    text = path.read_text()
    edited = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    del edited["title"], edited["generated"]["title"]
    path.write_text("---\n" + yaml.safe_dump(edited, sort_keys=False) + "---\n" + text.split("\n---\n", 1)[1])
    report, _ = update([project.seeds], project)
    assert report.conflicts == []
    after, _ = front(path)
    assert after["title"] == meta["title"] and after["generated"]["title"] == meta["generated"]["title"]


def test_a_brief_without_hashes_is_kept_whole_and_says_why(project):
    path = brief_path(project, "salang")
    text = path.read_text()
    path.write_text(text[: text.index("generated:")] + "---\n" + text.split("\n---\n", 1)[1])
    (project.seeds / "tunnel.txt").write_text(TUNNEL.replace("by Friday", "by Sunday"), encoding="utf-8")
    before = path.read_bytes()
    report, _ = update([project.seeds], project)
    assert report.updated == [] and path.read_bytes() == before
    assert report.conflicts and all("has no hash under `generated:`" in c for c in report.conflicts)


PERSON = """\
# Checked against the ministry's statement, 14 March.
postcode: 0123
meeting: 12:30
country_code: NO
desk: &desk {editor: Lena, shift: night}   # who to ask
reviewed_by: *desk
note: >
  Folded text that a person
  wrapped by hand.
"""
AVALANCHE = TUNNEL.replace("Flooding closes the Salang tunnel", "Avalanche closes the Salang tunnel").replace(
    "Heavy snow and flooding", "An avalanche"
)


def test_update_keeps_what_a_person_typed_byte_for_byte(project):
    """YAML 1.1 would read 0123 as 83, 12:30 as 750 and NO as false; nothing of it may be rewritten."""
    path = brief_path(project, "salang")
    text = path.read_text()
    date_line = next(line for line in text.splitlines(keepends=True) if line.startswith("date:"))
    path.write_text(text.replace(date_line, date_line + PERSON, 1))
    (project.seeds / "tunnel.txt").write_text(AVALANCHE, encoding="utf-8")
    report, _ = update([project.seeds], project)
    assert report.ok and report.conflicts == []
    (updated,) = report.updated
    assert "summary" in updated[1] and "title" in updated[1]
    after = path.read_text()
    assert date_line + PERSON in after
    meta, _ = front(path)
    assert "avalanche" in meta["summary"].lower() and meta["generated"]["summary"] == field_hash(
        meta["summary"]
    )
    assert meta["source"]["text_sha256"] != front_before_text_sha(text)
    assert read_brief(path).extra["desk"] == {"editor": "Lena", "shift": "night"}
    assert errors(check_project(project)) == []


def front_before_text_sha(text: str) -> str:
    return read_front_matter(text, "before").meta["source"]["text_sha256"]


def test_a_comment_in_a_machine_field_keeps_the_field_and_is_reported(project):
    path = brief_path(project, "salang")
    text = path.read_text()
    summary = next(line for line in text.splitlines(keepends=True) if line.startswith("summary:"))
    commented = summary.rstrip("\n") + "  # the ministry disputes this\n"
    path.write_text(text.replace(summary, commented, 1))
    (project.seeds / "tunnel.txt").write_text(AVALANCHE, encoding="utf-8")
    report, _ = update([project.seeds], project)
    shown = project.relative(path)
    assert f"{shown}: field summary holds a comment added by hand; kept" in report.conflicts
    assert commented in path.read_text()
    assert front(path)[0]["title"].startswith("Avalanche")  # the untouched fields are refreshed


def test_update_keeps_the_line_ends_of_a_brief_saved_with_crlf(project):
    path = brief_path(project, "salang")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    (project.seeds / "tunnel.txt").write_text(AVALANCHE, encoding="utf-8")
    report, _ = update([project.seeds], project)
    assert report.updated and report.ok
    data = path.read_bytes()
    head = data[: data.index(b"\r\n---\r\n")]
    assert b"\n" not in head.replace(b"\r\n", b"") and b"Avalanche" in head


def test_front_matter_written_as_one_mapping_is_reported_not_rewritten(project):
    path = brief_path(project, "salang")
    meta, body = front(path)
    path.write_text("---\n" + yaml.safe_dump(meta, default_flow_style=True, width=10**6) + "---\n" + body)
    before = path.read_bytes()
    (project.seeds / "tunnel.txt").write_text(AVALANCHE, encoding="utf-8")
    report, _ = update([project.seeds], project)
    (message,) = report.failed
    shown = project.relative(path)
    assert message.startswith(f"{shown}:2: front matter is not a block of `key: value` lines")
    assert path.read_bytes() == before


# --- `briefing serve`: editing a curated note updates the pages that show it ---


def test_serve_rebuilds_when_a_note_is_edited(tmp_path):
    import time

    from conftest import new_project, serving, wait_for_text

    project = new_project(tmp_path / "p")
    (project.briefs / "b.md").write_text(
        "---\nid: b\ntitle: Talks\ndate: 2021-07-06\n"
        "actors:\n- {id: ashraf-ghani, name: Ghani, kind: person}\n---\n\nText.\n"
    )
    note = project.actor_notes / "ashraf-ghani.md"
    note.write_text("---\nname: Ashraf Ghani\nkind: person\n---\nFirst note text.\n")
    with serving(project) as base:
        url = f"{base}/actors/ashraf-ghani/"
        deadline = time.monotonic() + 60  # a time-out, not a speed claim
        assert "First note text." in wait_for_text(url, "First note text.", deadline)
        note.write_text(note.read_text().replace("First note text.", "Edited note text."))
        html = wait_for_text(url, "Edited note text.", deadline)
        assert "Edited note text." in html and "livereload" in html
