"""Events: one per reporting sentence, dated by its governing time expression or the publication date."""

import datetime as dt

import pytest
from conftest import SEED

from site_builder.extract import extract
from site_builder.extract.events import calendar_value, find_events
from site_builder.extract.model import Entity, Mention
from site_builder.extract.times import find_times
from site_builder.inputs.articles import read_article

DCT = dt.date(2021, 7, 8)


@pytest.fixture(scope="module")
def seed_events():
    return extract(read_article(SEED)).events


def events_of(nlp, text, names=()):
    doc = nlp(text)
    entities = []
    for name, kind in names:
        start = text.index(name)
        entities.append(Entity(name.lower(), name, kind, [Mention(start, start + len(name), name)]))
    return find_events(doc, DCT, entities, find_times(doc, DCT))


def test_seed_dated_events(seed_events):
    dated = {e.date: e for e in seed_events if e.basis == "stated"}
    assert "ordered the deployment" in dated["2021-07-05"].text
    assert "on Sunday" in dated["2021-07-04"].text
    since = dated["2021-06-22"]
    assert "since June 22" in since.text and since.range == "since"
    assert dated["2021-07-05"].range is None


def test_seed_undated_events_fall_back_on_the_publication_date(seed_events):
    reported = [e for e in seed_events if e.basis == "reported"]
    assert reported and all(e.date == "2021-07-06" for e in reported)
    assert any("900 kilometer" in e.text for e in reported)


def test_seed_event_actors_and_places(seed_events):
    sunday = next(e for e in seed_events if e.date == "2021-07-04")
    assert "mohammad-zaher" in sunday.actors
    assert "badakhshan" in sunday.locations


def test_month_keeps_its_precision(nlp):
    [event] = events_of(nlp, "The Red Cross opened a field hospital in Herat in March.", [("Herat", "city")])
    assert (event.date, event.basis, event.locations) == ("2021-03", "stated", ["herat"])


def test_main_verb_time_governs_over_a_relative_clause(nlp):
    text = "Karimov, who joined the ministry in 2015, resigned on Monday."
    [event] = events_of(nlp, text, [("Karimov", "person")])
    assert (event.date, event.actors) == ("2021-07-05", ["karimov"])


def test_sentences_without_a_verb_or_anyone_are_not_events(nlp):
    text = "Border closures\n\nThe weather was mild and the sky was clear over the hills."
    assert events_of(nlp, text) == []


def test_quote_without_a_speaker_is_not_an_event(nlp):
    assert events_of(nlp, "“We are waiting for a decision about our future here in the camp.”") == []


def test_long_sentence_text_is_trimmed(nlp):
    text = "Officials in Kabul said " + "that the situation was worrying and " * 15 + "getting worse."
    [event] = events_of(nlp, text, [("Kabul", "city")])
    assert len(event.text) <= 301 and event.text.endswith("…")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-07-05", "2021-07-05"),
        ("2021-07", "2021-07"),
        ("2021", "2021"),
        ("2021-07-05T14:00", "2021-07-05"),
        ("2021-W27", "2021-07"),
        ("2021-Q3", "2021"),
        ("P3D", None),
        ("PAST_REF", None),
        ("199", None),
    ],
)
def test_calendar_value_keeps_precision(value, expected):
    assert calendar_value(value) == expected
