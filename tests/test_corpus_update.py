"""The corpus index updated after edits (corpus_update.py) equals the index built from every brief:
every field of every profile and event, in the same order, over a chain of edits."""

from __future__ import annotations

import dataclasses
from collections import Counter

from conftest import new_project, write
from test_incremental import BRIEFS, GHANI, TALIBAN, brief_text, edit

from site_builder.briefs.cache import BriefCache
from site_builder.site import exports
from site_builder.site.corpus import Corpus, build_corpus, load_inputs
from site_builder.site.corpus_update import update_corpus


def dump(corpus: Corpus) -> dict:
    """Everything the index holds, with the order of dicts and counters made visible."""

    def profile(p) -> list:
        out = []
        for f in dataclasses.fields(p):
            value = getattr(p, f.name)
            out.append((f.name, list(value.items()) if isinstance(value, Counter) else value))
        return out

    return {
        "briefs": list(corpus.briefs),
        "actors": [(k, profile(p)) for k, p in corpus.actors.items()],
        "places": [(k, profile(p)) for k, p in corpus.places.items()],
        "events": list(corpus.events),
        "errors": [str(e) for e in corpus.errors],
    }


def _date_change(p) -> None:
    edit(p, "b", "date: '2021-08-08'\n  basis", "date: '2021-06-30'\n  basis")


def _early_brief(p) -> None:
    """First in file order: lists Tajikistan as an actor too, and names Ghani in an event without
    listing him (his profile exists only from the first brief that lists him)."""
    write(
        p.briefs / "0.md",
        brief_text(
            "0",
            "Early word",
            "2021-06-01",
            [("tajikistan", "Tajikistan", "organization")],
            [("kunduz", "Kunduz", "region", "afghanistan", 36.7, 68.9)],
            [("2021-06-01", "Ghani spoke.", ["ashraf-ghani", "tajikistan"], ["kunduz"])],
        ),
    )


def _enclosed(p) -> None:
    """A place within one no brief lists: the gazetteer's enclosing place gets a profile."""
    place = ("termez", "Termez", "city", "uzbekistan", 37.22, 67.28)
    write(p.briefs / "g.md", brief_text("g", "Border crossing", "2021-08-21", [TALIBAN], [place]))


def _note(p) -> None:
    write(
        p.actor_notes / "ashraf-ghani.md",
        "---\nname: Ashraf Ghani\naliases: [Ghani]\n---\nFormer president.\n",
    )


EDITS = [
    ("a title edit", lambda p: edit(p, "a", "title: Rahmon orders", "title: President Rahmon orders")),
    (
        "an added actor",
        lambda p: edit(
            p,
            "c",
            "\nactors:\n",
            "\nactors:\n- {id: new-envoy, name: New Envoy, kind: person, mentions: 1}\n",
        ),
    ),
    (
        "an actor named in other briefs",
        lambda p: edit(
            p,
            "c",
            "\nactors:\n",
            "\nactors:\n- {id: taliban, name: The Taliban, kind: organization, mentions: 3}\n",
        ),
    ),
    ("a removed actor", lambda p: edit(p, "b", "- id: ashraf-ghani", "- id: ashraf-ghani-x")),
    ("changed event dates", _date_change),
    ("a deleted brief", lambda p: (p.briefs / "d.md").unlink()),
    (
        "a new brief",
        lambda p: write(p.briefs / "f.md", brief_text("f", "Kunduz", "2021-08-20", [TALIBAN, GHANI], [])),
    ),
    ("a brief first in file order", _early_brief),
    ("an enclosing place", _enclosed),
    ("the enclosed place's brief deleted", lambda p: (p.briefs / "g.md").unlink()),
    ("a note", _note),
    ("an edit with a note", lambda p: edit(p, "c", "title: Ghani leaves", "title: Ghani flees")),
    ("a broken brief", lambda p: edit(p, "e", "title: A quiet day", "title: [unclosed")),
    ("the early brief deleted", lambda p: (p.briefs / "0.md").unlink()),
]


def test_an_updated_corpus_equals_a_full_build_after_each_edit(tmp_path):
    """And the exports, made with the records kept from the last build (as `serve` makes them),
    are those made from nothing."""
    project = new_project(tmp_path / "p")
    for name, text in BRIEFS.items():
        write(project.briefs / f"{name}.md", text)
    store = BriefCache.open(tmp_path / "kept.cache")  # kept open, as `serve` keeps it
    live = update_corpus(None, *load_inputs(project, store))
    reuse: dict = {}
    exports.export_files(live.corpus, "Briefing", None, True, reuse)
    for i, (what, change) in enumerate(EDITS):
        before = dict(live.corpus.actors)
        change(project)
        live = update_corpus(live, *load_inputs(project, store))
        full = build_corpus(*load_inputs(project, BriefCache.open(tmp_path / f"fresh{i}.cache")))
        assert dump(live.corpus) == dump(full), what
        assert exports.export_files(live.corpus, "Briefing", None, True, reuse) == exports.export_files(
            full, "Briefing"
        ), what
        if what == "a title edit":  # updated, not built again: an entity brief a does not name is kept
            assert live.corpus.actors["ashraf-ghani"] is before["ashraf-ghani"]
            assert live.corpus.actors["emomali-rahmon"] is not before["emomali-rahmon"]
    assert "uzbekistan" not in live.corpus.places and live.corpus.errors
