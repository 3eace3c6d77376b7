"""Ingest of the seed, end to end on disk: the brief it writes, and what a re-run leaves alone."""

import shutil

import pytest
from conftest import SEED

from site_builder.briefs.model import read_brief, render_brief
from site_builder.ingest.run import ingest
from site_builder.project import Project


@pytest.fixture(scope="module")
def seed_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds")
    project = Project.at(root)
    report = ingest([root / "seeds"], project)
    assert report.ok, report.failed
    assert len(report.written) == 1
    return project, read_brief(report.written[0])


def kinds(refs):
    return {r.id: r.kind for r in refs}


def test_seed_actors(seed_project):
    _, brief = seed_project
    actors = kinds(brief.actors)
    for person in ("emomali-rahmon", "hamdullah-moheb", "mohammad-zaher"):
        assert actors.get(person) == "person", person
    ghani = [r for r in brief.actors if r.id == "ghani" or r.id.endswith("-ghani")]
    assert ghani and ghani[0].kind == "person"
    assert actors.get("taliban") == "organization"
    assert "tajik" not in actors and "afghan" not in actors  # nationality words are not actors
    assert "rahmon" not in actors  # the surname resolves to the full name
    rahmon = next(r for r in brief.actors if r.id == "emomali-rahmon")
    assert rahmon.mentions >= 3


def test_seed_places(seed_project):
    _, brief = seed_project
    places = kinds(brief.locations)
    expected = {
        "afghanistan": "country",
        "tajikistan": "country",
        "russia": "country",
        "kunduz": "region",
        "takhar": "region",
        "badakhshan": "region",
        "dushanbe": "city",
        "kabul": "city",
        "khawahan": "place",
    }
    for pid, kind in expected.items():
        assert places.get(pid) == kind, (pid, places.get(pid))
    badakhshan = next(r for r in brief.locations if r.id == "badakhshan")
    assert badakhshan.within == "afghanistan"
    assert 35 < badakhshan.lat < 39 and 69 < badakhshan.lon < 74


def test_seed_events_are_dated_from_the_text(seed_project):
    _, brief = seed_project
    stated = {e.date: e for e in brief.events if e.basis == "stated"}
    assert "on Monday, July 05" in stated["2021-07-05"].text or "July 05" in stated["2021-07-05"].text
    assert "Sunday" in stated["2021-07-04"].text
    since = stated["2021-06-22"]
    assert "since June 22" in since.text and since.range == "since"
    assert "emomali-rahmon" in stated["2021-07-05"].actors
    assert all(e.date == "2021-07-06" for e in brief.events if e.basis == "reported")


def test_brief_front_matter_and_body(seed_project):
    project, brief = seed_project
    assert brief.id.startswith("2021-07-06-")
    assert brief.path == project.briefs / f"{brief.id}.md"
    assert brief.source["file"] == "seeds/000_d4dea3cd9a9c402a.txt"
    assert brief.source["name"] == "AT News"
    assert brief.dateline == "Kabul"
    assert brief.title and brief.summary
    assert brief.body.startswith("**Kabul** \u2014 Tajikistan has deployed")
    assert any(q.speaker == "mohammad-zaher" for q in brief.quotes)
    # what is written reads back to the same front matter
    assert render_brief(read_brief(brief.path)) == brief.path.read_text(encoding="utf-8")


def test_rerun_skips_and_keeps_a_persons_edit(seed_project):
    project, brief = seed_project
    edited = brief.path.read_text(encoding="utf-8").replace(
        brief.summary[:20], "EDITED BY HAND " + brief.summary[:20]
    )
    brief.path.write_text(edited, encoding="utf-8")
    report = ingest([project.root / "seeds"], project)
    assert report.written == [] and report.ok
    assert "already briefed" in report.skipped[0][1]
    assert brief.path.read_text(encoding="utf-8") == edited


def test_lost_manifest_is_rebuilt_from_the_briefs(seed_project):
    project, _ = seed_project
    shutil.rmtree(project.state)
    report = ingest([project.root / "seeds"], project)
    assert report.written == [] and len(report.skipped) == 1


GM_FIRST = """date 2009-06-01 Example Wire

General Motors files for bankruptcy

DETROIT: General Motors Corporation filed for bankruptcy protection on Monday, the company said.
"""
GM_SECOND = """date 2009-07-10 Example Wire

GM leaves bankruptcy

DETROIT: GM left bankruptcy on Friday after 40 days, and New GM began to sell its cars.
"""


def test_a_second_article_about_an_organization_lands_on_its_page(tmp_path):
    """Two articles, ingested one run apart: the second one's GM takes the first one's id."""
    from conftest import new_project

    project = new_project(tmp_path / "project")
    first = tmp_path / "first.txt"
    first.write_text(GM_FIRST, encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text(GM_SECOND, encoding="utf-8")
    assert ingest([first], project).ok
    report = ingest([second], project)
    assert report.ok and len(report.written) == 1
    briefs = [read_brief(p) for p in sorted(project.briefs.glob("*.md"))]
    ids = [{r.id for r in b.actors if r.kind == "organization"} for b in briefs]
    assert all("general-motors" in found for found in ids), ids
    assert not any("gm" in found or "new-gm" in found for found in ids)
    later = next(b for b in briefs if b.date.month == 7)
    gm = next(r for r in later.actors if r.id == "general-motors")
    assert gm.name == "General Motors Corporation" and "GM" in gm.aliases


def test_a_curated_note_gives_its_id_to_a_short_form(tmp_path):
    from conftest import new_project, write

    project = new_project(tmp_path / "project")
    write(project.actor_notes / "general-motors.md", "---\nname: General Motors\nkind: organization\n---\n")
    article = tmp_path / "second.txt"
    article.write_text(GM_SECOND, encoding="utf-8")
    assert ingest([article], project).ok
    brief = read_brief(next(project.briefs.glob("*.md")))
    assert "general-motors" in {r.id for r in brief.actors}
