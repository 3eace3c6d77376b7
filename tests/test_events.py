"""Events: the clauses that report something happening, each at the date of the time governing it.

Every rule is tried on sentences written for it; the article's date is Thursday, 8 July 2021.
"""

import datetime as dt
import json

import pytest
from conftest import SEED

from site_builder.cli import main
from site_builder.extract import extract
from site_builder.extract.events import find_events
from site_builder.extract.model import Entity, Mention
from site_builder.extract.times import find_times
from site_builder.extract.times.values import calendar_value
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


def test_extract_prints_each_events_span_trigger_and_status(capsys):
    assert main(["extract", "--format", "jsonl", str(SEED)]) == 0
    record = json.loads(capsys.readouterr().out)
    text = SEED.read_text(encoding="utf-8")
    assert record["events"]
    for e in record["events"]:
        assert e["status"] in ("happened", "ongoing", "expected")
        assert e["basis"] in ("stated", "context", "reported")
        trigger = e["trigger"]
        assert e["start"] <= trigger["start"] < trigger["end"] <= e["end"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
    ordered = next(e for e in record["events"] if e["trigger"]["text"] == "ordered")
    assert ordered["date"] == "2021-07-05"
    assert text[ordered["start"] : ordered["end"]].endswith("on Monday, July 05.")


def test_seed_event_actors_and_places(seed_events):
    sunday = next(e for e in seed_events if e.date == "2021-07-04")
    assert "mohammad-zaher" in sunday.actors
    assert "badakhshan" in sunday.locations


def test_month_keeps_its_precision(nlp):
    [event] = events_of(nlp, "The Red Cross opened a field hospital in Herat in March.", [("Herat", "city")])
    assert (event.date, event.basis, event.locations) == ("2021-03", "stated", ["herat"])


def dated(events):
    """(date, basis, status, range, trigger) of each event, in text order."""
    return [(e.date, e.basis, e.status, e.range, e.trigger.text) for e in events]


def test_events_carry_offsets_into_the_text_and_their_trigger(nlp):
    text = "Border closures\n\nKarimov, who joined the ministry in 2015, resigned on Monday."
    events = events_of(nlp, text, [("Karimov", "person")])
    for e in events:
        assert e.start <= e.trigger.start < e.trigger.end <= e.end
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
    main, side = events
    assert text[main.start : main.end] == "Karimov, who joined the ministry in 2015, resigned on Monday."
    assert text[side.start : side.end] == "who joined the ministry in 2015"


def test_a_relative_clause_is_an_event_of_its_own(nlp):
    text = "Karimov, who joined the ministry in 2015, resigned on Monday."
    main, side = events_of(nlp, text, [("Karimov", "person")])
    assert (main.date, main.trigger.text, main.actors) == ("2021-07-05", "resigned", ["karimov"])
    assert (side.date, side.trigger.text, side.actors) == ("2015", "joined", ["karimov"])
    assert side.text == "Karimov joined the ministry in 2015"


def test_coordinated_clauses_keep_their_own_dates(nlp):
    events = events_of(nlp, "He fought cancer in 2004 and took six months off in early 2009.")
    assert dated(events) == [
        ("2004", "stated", "happened", None, "fought"),
        ("2009", "stated", "happened", None, "took"),
    ]
    assert events[1].text == "He took six months off in early 2009"


def test_a_time_closing_coordinated_verbs_dates_them_all(nlp):
    [event] = events_of(nlp, "The soldiers crossed the river and entered the town since June 22.")
    assert (event.date, event.range, event.trigger.text) == ("2021-06-22", "since", "crossed")


def test_the_saying_and_what_is_said_each_have_their_date(nlp):
    said, reopen = events_of(nlp, "The minister said on Monday that the border would reopen on July 20.")
    assert (said.date, said.status, said.trigger.text) == ("2021-07-05", "happened", "said")
    assert (reopen.date, reopen.status, reopen.trigger.text) == ("2021-07-20", "expected", "reopen")
    said, reopen = events_of(nlp, "On Monday, the minister said the border would reopen.")
    assert said.date == "2021-07-05"
    assert (reopen.basis, reopen.status) == ("reported", "expected")


def test_what_was_said_in_the_past_perfect_happened_before_the_saying(nlp):
    _, crossed = events_of(nlp, "Rahmon said on Monday that 1,600 soldiers had crossed the border.")
    assert (crossed.date, crossed.range, crossed.status) == ("2021-07-05", "before", "happened")


@pytest.mark.parametrize(
    "text",
    [
        "The last member of the 1953 expedition has died.",
        "The Gold Reserve Act of 1934 was repealed by parliament.",
        "Fans celebrated the 2018 World Cup in the streets.",
        "Israel's 2013 apology was welcomed by the families.",
    ],
)
def test_a_year_in_a_name_or_a_noun_modifier_dates_nothing(nlp, text):
    [event] = events_of(nlp, text)
    assert (event.date, event.basis) == ("2021-07-08", "reported")


def test_since_opens_a_period_still_running(nlp):
    [event] = events_of(nlp, "The border crossing has been closed since June 22.")
    assert (event.date, event.range, event.status) == ("2021-06-22", "since", "ongoing")
    [event] = events_of(nlp, "The plant has been shut since the explosion in March.")
    assert (event.date, event.range) == ("2021-03", "since")


@pytest.mark.parametrize(
    "text",
    ["The company posted its first annual loss since 1992.", "Shares fell to their lowest level since 1997."],
)
def test_since_after_a_superlative_compares_and_the_event_is_now(nlp, text):
    [event] = events_of(nlp, text)
    assert (event.date, event.basis, event.range) == ("2021-07-08", "reported", None)


def test_an_undated_past_event_takes_the_story_time_and_the_present_takes_publication(nlp):
    text = (
        "Yesterday's crash killed 50 people. Investigators recovered the flight recorders. "
        "The airline operates 40 planes. The airline has grounded its fleet."
    )
    assert dated(events_of(nlp, text)) == [
        ("2021-07-07", "stated", "happened", None, "killed"),
        ("2021-07-07", "context", "happened", None, "recovered"),
        ("2021-07-08", "reported", "happened", None, "grounded"),
    ]


def test_background_long_before_publication_does_not_become_the_story_time(nlp):
    text = "In 1998 the company opened its first store. It sold its shares on Monday. It hired a new chief."
    assert [(e.date, e.basis) for e in events_of(nlp, text)] == [
        ("1998", "stated"),
        ("2021-07-05", "stated"),
        ("2021-07-05", "context"),
    ]


@pytest.mark.parametrize(
    ("text", "status", "date"),
    [
        ("The talks will resume next week.", "expected", "2021-07"),
        ("If the talks fail, the army will advance.", "expected", "2021-07-08"),
        ("Taliban are controlling 900 kilometres of the border.", "ongoing", "2021-07-08"),
        ("The army withdrew from the town on Tuesday.", "happened", "2021-07-06"),
        ("Officials expect the population to double by 2030.", "expected", "2030"),
    ],
)
def test_status_from_tense_modality_and_date(nlp, text, status, date):
    [event] = events_of(nlp, text)
    assert (event.status, event.date) == (status, date)


def test_a_plan_is_news_and_what_is_planned_lies_ahead(nlp):
    plans, hold = events_of(nlp, "The government plans to hold elections in 2022.")
    assert (plans.status, plans.trigger.text) == ("ongoing", "plans")
    assert (hold.date, hold.status, hold.trigger.text) == ("2022", "expected", "hold")
    assert hold.text == "The government plans to hold elections in 2022"
    [had] = events_of(nlp, "The team had to rebuild its robot after the parts were lost.")
    assert had.status == "happened"


@pytest.mark.parametrize(
    "text",
    [
        "Afghanistan shares a 1,400 kilometre border with Tajikistan.",
        "The decision was a mistake.",
        "The phone has two cameras and a larger screen.",
        "The president is an emblem of the American spirit.",
        "The phones can be returned for a refund.",
        "The disease may be caused by a virus.",
        "\u201cWe are waiting for a decision about our future.\u201d",
    ],
)
def test_background_definitions_and_opinions_are_not_events(nlp, text):
    assert events_of(nlp, text) == []


def test_a_quote_is_the_speakers_words_and_the_saying_is_the_event(nlp):
    [event] = events_of(nlp, "\u201cWe are waiting for a decision,\u201d Zaher told reporters on Sunday.")
    assert (event.trigger.text, event.date) == ("told", "2021-07-04")


def test_a_description_holding_a_dated_event_gives_that_event(nlp):
    text = "Zaher, a border commander, was one of the men who fled to Tajikistan on Sunday."
    [event] = events_of(nlp, text, [("Zaher", "person")])
    assert (event.date, event.trigger.text, event.actors) == ("2021-07-04", "fled", ["zaher"])


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


@pytest.mark.parametrize("stamp", ["Wednesday, September 7, 2016", "7 September 2016", "Sept. 7, 2016"])
def test_a_date_under_the_headline_is_neither_summary_nor_title(tmp_path, stamp):
    """Wiki and agency copy often puts the day on a line of its own under the headline; the brief's
    summary is the story's first sentences, not that line."""
    path = tmp_path / "expo.txt"
    lead = "The ferry across the Amu Darya resumed service on Monday. Traders crossed with flour."
    path.write_text(f"date 2016-09-07 Test Wire\n\nFerry resumes\n\n{stamp}\n\n{lead}\n", encoding="utf-8")
    found = extract(read_article(path))
    assert found.summary == lead
    path.write_text(f"date 2016-09-07 Test Wire\n\n{stamp}\n\n{lead}\n", encoding="utf-8")
    assert extract(read_article(path)).title == "The ferry across the Amu Darya resumed service on Monday"
    header = f"date 2016-09-07 Test Wire\n\nFerry resumes\n\n{stamp}\n\n"
    path.write_text(f"{header}KABUL: {lead}\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Ferry resumes" and article.dateline == "Kabul"
    assert extract(article).summary == lead
