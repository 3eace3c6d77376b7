"""Event rules found by reading real timelines: which clauses are events, how a time reaches the
clause it dates, and how the story's time moves from sentence to sentence.

Every rule is tried on sentences written for it; the article's date is Thursday, 8 July 2021.
"""

import datetime as dt

import pytest

from site_builder.extract.events import find_events
from site_builder.extract.times import find_times

DCT = dt.date(2021, 7, 8)


def events_of(nlp, text):
    doc = nlp(text)
    return find_events(doc, DCT, [], find_times(doc, DCT))


def dated(events):
    """(date, basis, status, range, trigger) of each event, in text order."""
    return [(e.date, e.basis, e.status, e.range, e.trigger.text) for e in events]


def test_a_paragraph_break_is_a_sentence_break(nlp):
    doc = nlp("Apple launches 3G iPhone\n\nApple Computer today launched a 3G version of its iPhone.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Apple launches 3G iPhone",
        "Apple Computer today launched a 3G version of its iPhone.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Homeopathy treats patients with substances that would cause symptoms in a healthy person.",
        "If someone hacked the system, it could affect the prosecution.",
        "Wait until the fifth day of the festival, when the crowds will have dwindled.",
        "The round lantern is believed to bring good luck.",
        "Its goal is to cut the backlog to less than one percent.",
        "Construction was underway at the mosque to enlarge it.",
    ],
)
def test_hypotheses_advice_beliefs_aims_and_purposes_are_not_events(nlp, text):
    assert events_of(nlp, text) == []


def test_a_would_clause_right_after_a_report_is_what_was_reported(nlp):
    text = "Bolden announced the new homes of the shuttles on Tuesday. Enterprise would be moved to New York."
    announced, moved = events_of(nlp, text)
    assert (moved.trigger.text, moved.status) == ("moved", "expected")
    assert events_of(nlp, "The museum is large. Enterprise would be moved to New York.") == []


def test_a_participle_or_infinitive_with_no_time_of_its_own_is_part_of_its_verbs_event(nlp):
    assert dated(events_of(nlp, "Sam decided to treat his daughter himself.")) == [
        ("2021-07-08", "reported", "happened", None, "decided")
    ]
    assert [e.trigger.text for e in events_of(nlp, "The president asked the council to help the girls.")] == [
        "asked"
    ]
    text = "Images of the boy wearing a T-shirt and handcuffed by the police were posted online."
    assert [e.trigger.text for e in events_of(nlp, text)] == ["posted"]


def test_a_when_clause_dates_the_clause_it_times(nlp):
    [event] = events_of(nlp, "Challenger was lost when it exploded on January 28, 1986.")
    assert (event.date, event.trigger.text) == ("1986-01-28", "lost")


def test_is_to_marks_the_future_and_the_infinitive_is_the_event(nlp):
    [event] = events_of(nlp, "The first referendum is to be held on November 20.")
    assert (event.date, event.status, event.basis) == ("2021-11-20", "expected", "stated")
    [event] = events_of(nlp, "The minister is to resign.")
    assert event.status == "expected"


def test_a_time_opening_the_sentence_frames_all_of_it(nlp):
    events = events_of(nlp, "Yesterday, Sweden defeated Korea 1 – 0; Belgium defeated Panama 3 – 0.")
    assert events[0].date == "2021-07-07" and events[0].text.startswith("Yesterday")
    [said] = events_of(nlp, "\u201cTen years ago, this would have been impossible,\u201d the minister said.")
    assert (said.date, said.trigger.text) == ("2021-07-08", "said")


def test_what_had_happened_lies_before_the_storys_time(nlp):
    text = "Yesterday's crash killed 50 people. The airline had grounded two planes."
    _, grounded = events_of(nlp, text)
    assert (grounded.date, grounded.basis, grounded.range) == ("2021-07-07", "context", "before")


def test_a_clock_time_is_on_the_storys_day(nlp):
    _, closed = events_of(nlp, "The election was held on Sunday. The polls closed at 22:30.")
    assert (closed.date, closed.basis, closed.trigger.text) == ("2021-07-04", "context", "closed")


def test_a_recent_earlier_date_becomes_the_storys_time(nlp):
    text = (
        "Yesterday the mayor opened the bridge. It was approved on June 28. Workers finished it in nine days."
    )
    assert [e.date for e in events_of(nlp, text)] == ["2021-07-07", "2021-06-28", "2021-06-28"]


def test_an_old_date_is_the_storys_time_within_its_paragraph_only(nlp):
    text = "On June 1, a boy died in the hospital. He was suffering from renal failure.\n\nHe was buried."
    died, suffering, buried = events_of(nlp, text.replace("He was buried", "The family buried him"))
    assert (died.date, suffering.date, suffering.basis) == ("2021-06-01", "2021-06-01", "context")
    assert buried.basis == "reported"
    one_per_line = events_of(
        nlp, "On June 1, a boy died in the hospital.\n\nHe was suffering from renal failure."
    )
    assert one_per_line[-1].basis == "reported"


def test_a_date_before_the_news_is_a_flashback_that_ends_with_its_paragraph(nlp):
    text = (
        "Yesterday the mayor opened the bridge. It was approved on June 28. Workers finished it in nine days."
        "\n\nCrowds cheered the mayor."
    )
    *_, finished, cheered = events_of(nlp, text)
    assert (finished.date, cheered.date, cheered.basis) == ("2021-06-28", "2021-07-07", "context")
    one_per_line = (
        "Airbus announced today it will cut jobs.\n\nWorkers walked out on Tuesday.\n\nAirbus said sorry."
    )
    assert events_of(nlp, one_per_line)[-1].date == "2021-07-08"


def test_a_later_today_does_not_make_the_news_day_a_flashback(nlp):
    text = (
        "In a Monday media event, Apple released new laptops.\n\n"
        "Jobs announced today that a store will open in Paris.\n\n"
        "In his keynote on Monday, Jobs showed a new phone.\n\nHe said the phone was the best yet."
    )
    assert [(e.date, e.basis) for e in events_of(nlp, text)][-1] == ("2021-07-05", "context")


def test_a_week_or_month_holding_the_publication_day_is_not_carried(nlp):
    published, said = events_of(
        nlp, "The study was published this week. Professor Eastman said he was alarmed."
    )
    assert (published.date, said.date, said.basis) == ("2021-07", "2021-07-08", "reported")


def test_a_recent_day_naming_an_event_moves_the_story_and_an_old_one_does_not(nlp):
    *_, cut = events_of(nlp, "Crowds came to the Tuesday opening of the bridge. The mayor cut the ribbon.")
    assert (cut.date, cut.basis) == ("2021-07-06", "context")
    text = "The family recalled the May 3 crash. They lit candles in the square."
    assert events_of(nlp, text)[-1].basis == "reported"


def test_an_event_noun_with_a_time_of_its_own_is_an_event_of_its_own(nlp):
    text = "Shares rose on Wednesday after Monday's sell-off, and the 2019 crash of the bank was forgotten."
    assert [(e.text, e.date, e.trigger.text) for e in events_of(nlp, text) if e.basis == "stated"] == [
        (text, "2021-07-07", "rose"),
        ("Monday's sell-off", "2021-07-05", "sell-off"),
        ("2019 crash of the bank", "2019", "crash"),
    ]  # fmt: skip
    assert [e.status for e in events_of(nlp, "Voters prepared for next month's election.")][-1] == "expected"
    things = "The 2020 budget was cut. The February 12 issue of the journal was withdrawn."
    assert [e.trigger.text for e in events_of(nlp, things)] == ["cut", "withdrawn"]


def test_early_monday_is_a_part_of_the_day_not_a_since(nlp):
    [sought] = events_of(nlp, "Lehman sought bankruptcy protection early Monday.")
    assert (sought.date, sought.range) == ("2021-07-05", None)


def test_a_plan_told_in_the_passive_present_lies_ahead(nlp):
    [flight] = events_of(nlp, "Its first flight is now expected in the fourth quarter.")
    assert (flight.date, flight.status) == ("2021", "expected")
    [delayed] = events_of(nlp, "The flight was delayed in the second quarter.")
    assert delayed.status == "happened"


def test_less_than_two_weeks_ago_bounds_the_event_and_dates_no_story(nlp):
    introduced, praised = events_of(
        nlp, "The phone was introduced less than two weeks ago.\n\nCritics praised it."
    )
    assert (introduced.date, introduced.range) == ("2021-06-21", "after")  # the Monday of that week
    assert praised.basis == "reported"


def test_a_coming_date_carries_to_what_will_happen_not_to_what_someone_said_would(nlp):
    *_, discontinued = events_of(
        nlp, "The phone will go on sale on July 20. The old model will be discontinued."
    )
    assert (discontinued.date, discontinued.basis) == ("2021-07-20", "context")
    *_, cut = events_of(nlp, "The House will hold a vote on Monday. GM said it would cut 5,500 jobs.")
    assert (cut.date, cut.basis, cut.status) == ("2021-07-08", "reported", "expected")


def test_a_question_or_a_trail_of_title_words_reports_nothing(nlp):
    assert events_of(nlp, "Why did she so badly want to attend the opening?") == []
    assert len(events_of(nlp, "She badly wanted to attend the opening.")) == 1
    assert events_of(nlp, "Canada Published North America Politics and conflicts Archived") == []


def test_a_repeated_passage_is_listed_once(nlp):
    text = "The minister resigned on Monday. Crowds gathered.\n\nThe minister resigned on Monday."
    assert [e.trigger.text for e in events_of(nlp, text)] == ["resigned", "gathered"]


def test_a_coordinated_clause_with_its_own_subject_and_time_is_its_own_event(nlp):
    text = "Ford reported a loss last month, and Chrysler is seeking aid."
    ford, chrysler = events_of(nlp, text)
    assert (ford.date, ford.trigger.text) == ("2021-06", "reported")
    assert (chrysler.date, chrysler.status, chrysler.trigger.text) == ("2021-07-08", "ongoing", "seeking")


def test_an_infinitive_continuing_its_verb_gives_it_its_time(nlp):
    [event] = events_of(nlp, "Asian markets continued to slide today, with the Nikkei down 3 percent.")
    assert (event.date, event.trigger.text) == ("2021-07-08", "continued")


def test_a_document_speaks_from_the_day_it_was_issued(nlp):
    says, shrank = events_of(nlp, "The report, published on Monday, says the economy shrank in the spring.")
    assert (says.date, says.trigger.text) == ("2021-07-05", "says")


def test_under_a_state_of_now_a_long_past_event_reads_as_its_own_clause(nlp):
    [event] = events_of(nlp, "The company, which was founded in 1908, employs about 240,000 people.")
    assert (event.date, event.text) == ("1908", "The company was founded in 1908")


def test_a_quotes_today_is_the_speakers_and_does_not_move_the_story(nlp):
    text = (
        "Yesterday the team won the final. The coach said, \"We learned a lot from today's game.\n\n"
        "The players celebrated in the square."
    )
    assert events_of(nlp, text)[-1].date == "2021-07-07"


def test_the_storys_time_goes_on_across_the_sections_of_a_long_article(tmp_path, monkeypatch):
    from site_builder.extract import extract, sections
    from site_builder.inputs.articles import read_article

    monkeypatch.setattr(sections, "SECTION", 400)  # sections of 400 characters: four of them here
    filler = "\n\n".join(["The river is wide and the old town lies on its banks."] * 12)
    path = tmp_path / "long.txt"
    path.write_text(
        f"date 2021-07-08 Test\n\nYesterday the mayor opened the bridge.\n\n{filler}\n\n"
        "Crowds cheered the mayor.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert len(sections.sections(article.text, 400)) > 1
    cheered = next(e for e in extract(article).events if e.trigger.text == "cheered")
    assert (cheered.date, cheered.basis) == ("2021-07-07", "context")
