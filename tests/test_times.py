"""Time expressions: spans, TIMEX3 types and values anchored on the article's date, tense."""

import datetime as dt

import pytest

from site_builder.extract.times import find_times

DCT = dt.date(2021, 7, 8)  # a Thursday, ISO week 27


def times(nlp, text, dct=DCT):
    return find_times(nlp(text), dct)


def one(nlp, text, dct=DCT):
    found = times(nlp, text, dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("The ministry signed the agreement on March 3, 2019, in Geneva.", "March 3, 2019", "2019-03-03"),
        (
            "Voting ended on Tuesday, 14 September 2021, without incident.",
            "Tuesday, 14 September 2021",
            "2021-09-14",
        ),
        ("The mine was closed in October 2020 after the flood.", "October 2020", "2020-10"),
        ("The order, dated 2019-05-01, was published later.", "2019-05-01", "2019-05-01"),
        ("Rebels seized the town on Monday, July 5, the army said.", "Monday, July 5", "2021-07-05"),
    ],
)
def test_absolute_dates(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_bare_weekday_takes_its_direction_from_the_verb(nlp):
    past = one(nlp, "The two ministers met in Dushanbe on Monday.")
    future = one(nlp, "The envoy will arrive in Kabul on Monday.")
    assert (past.text, past.value, past.anchored) == ("Monday", "2021-07-05", True)
    assert future.value == "2021-07-12"


def test_bare_month_takes_its_direction_from_the_verb(nlp):
    assert one(nlp, "Parliament passed the border law in March.").value == "2021-03"
    assert one(nlp, "Fresh elections will be held in March.").value == "2022-03"
    assert one(nlp, "The new tariff will take effect in September.").value == "2021-09"


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("Guards reported heavy fighting near the crossing last week.", "last week", "2021-W26"),
        ("The convoy was attacked two days ago, a police officer said.", "two days ago", "2021-07-06"),
        ("The bank raised its rates earlier this month.", "earlier this month", "2021-07"),
        ("The company opened its first factory in 2019.", "2019", "2019"),
        ("The government plans to hold a referendum next year.", "next year", "2022"),
        ("Prices rose sharply last month.", "last month", "2021-06"),
        ("The festival drew record crowds last summer.", "last summer", "2020-SU"),
        ("Farmers said the harvest was the worst since the 1990s.", "1990s", "199"),
        ("The agency released the figures today.", "today", "2021-07-08"),
        ("The minister resigned yesterday.", "yesterday", "2021-07-07"),
        ("Three rockets hit the airport this morning.", "this morning", "2021-07-08TMO"),
        ("Sales fell in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3"),
    ],
)
def test_relative_dates_are_anchored_on_the_article_date(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.value) == (span, value)


def test_since_is_a_start(nlp):
    t = one(nlp, "About 300 families have fled the valley since June 22.")
    assert (t.text, t.value, t.mod) == ("June 22", "2021-06-22", "START")


def test_modifiers_are_inside_the_span(nlp):
    early = one(nlp, "The plant should reopen in early 2023.")
    assert (early.text, early.value, early.mod) == ("early 2023", "2023", "START")
    end = one(nlp, "The troops will leave by the end of the year.")
    assert (end.text, end.value, end.mod) == ("the end of the year", "2021", "END")


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("The talks lasted three days.", "three days", "P3D"),
        ("Both sides agreed to a two-hour ceasefire.", "two-hour", "PT2H"),
        ("Unemployment has doubled over the past decade.", "the past decade", "P10Y"),
        ("He served six months in prison.", "six months", "P6M"),
    ],
)
def test_durations(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_approximate_duration(nlp):
    t = one(nlp, "The siege lasted about two weeks.")
    assert (t.text, t.value, t.mod) == ("two weeks", "P2W", "APPROX")
    t = one(nlp, "The strike has lasted more than a month.")
    assert (t.text, t.value, t.mod) == ("a month", "P1M", "MORE_THAN")


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("Inspectors visit the dam every week.", "every week", "P1W"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The ministry publishes a daily report on the outbreak.", "daily", "P1D"),
    ],
)
def test_sets(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "SET", value)


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The road has recently been repaired.", "PAST_REF"),
        ("The crossing is currently closed to trucks.", "PRESENT_REF"),
        ("More clinics may open in the future.", "FUTURE_REF"),
    ],
)
def test_vague_references(nlp, sentence, value):
    t = one(nlp, sentence)
    assert (t.type, t.value) == ("DATE", value)


def test_clock_time_joins_the_day_in_its_sentence(nlp):
    found = times(nlp, "The explosion happened at 2 p.m. on Monday, police said.")
    assert [(t.text, t.type, t.value) for t in found] == [
        ("2 p.m.", "TIME", "2021-07-05T14:00"),
        ("Monday", "DATE", "2021-07-05"),
    ]


def test_numbers_that_count_things_are_not_years(nlp):
    assert times(nlp, "Some 2000 people gathered outside the court.") == []
    assert times(nlp, "The mosque continues a 1500 year old tradition.") == []


def test_weekday_in_a_name_is_not_a_date(nlp):
    assert times(nlp, "Shops reported record Black Friday sales.") == []


def test_month_day_in_past_tense_stays_before_the_article_date(nlp):
    t = one(nlp, "The rebels crossed the river on December 28.", dct=dt.date(2022, 1, 4))
    assert t.value == "2021-12-28"


def test_month_day_in_future_tense_stays_after_the_article_date(nlp):
    t = one(nlp, "Negotiators will meet again on January 5.", dct=dt.date(2021, 12, 20))
    assert t.value == "2022-01-05"


def test_year_after_a_hyphenated_modifier(nlp):
    t = one(nlp, "The new terminal is to open in mid-2024.")
    assert (t.text, t.value, t.mod) == ("mid-2024", "2024", "MID")


def test_less_or_more_than_an_interval_ago_bounds_a_point(nlp):
    assert (
        one(nlp, "It opened less than two weeks ago.").mod,
        one(nlp, "It opened over three days ago.").mod,
    ) == (
        "AFTER",
        "BEFORE",
    )
    assert one(nlp, "It opened less than a year ago.").mod is None  # too coarse to bound


def test_unmeasured_ago_is_the_past(nlp):
    t = one(nlp, "The dam was built decades ago.")
    assert (t.text, t.value) == ("decades ago", "PAST_REF")


def test_a_modal_looks_ahead_unless_it_looks_back(nlp):
    assert one(nlp, "A vote on the loans could come as early as Monday.").value == "2021-07-12"
    assert one(nlp, "Police said he may have fled on Monday.").value == "2021-07-05"


def test_future_in_reported_speech(nlp):
    found = times(nlp, "The spokesman said on Tuesday that talks would resume on Friday.")
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2021-07-06"), ("Friday", "2021-07-09")]


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("The meeting lasted half an hour.", "half an hour", "PT30M"),
        ("Negotiations have dragged on for several months.", "several months", "PXM"),
    ],
)
def test_fractional_and_vague_durations(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_street_numbers_are_not_years(nlp):
    assert times(nlp, "Protesters marched to 1600 Pennsylvania Avenue.") == []


def test_value_arithmetic():
    from site_builder.extract.times import values as tv

    thursday = dt.date(2021, 7, 8)
    assert tv.weekday_date(thursday, 3, "past") == thursday  # "on Thursday" in Thursday's paper
    assert tv.weekday_date(thursday, 0, "past", offset=-1) == dt.date(2021, 7, 5)
    assert tv.weekday_date(thursday, 3, "future", offset=1) == dt.date(2021, 7, 15)
    assert tv.weekend(thursday, "past") == "2021-W26-WE"
    assert tv.weekend(thursday, "future") == "2021-W27-WE"
    assert tv.shift(dt.date(2021, 1, 10), 1, "weeks", -1) == "2020-W53"  # ISO year of the week
    assert tv.relative_unit(dt.date(2021, 1, 10), "quarter", -1) == "2020-Q4"
    assert tv.relative_unit(thursday, "decade", 0) == "202"
    assert tv.duration(None, "years") == "PXY"
    assert tv.duration(0.5, "day") == "PT12H"


def test_fiscal_years(nlp):
    assert one(nlp, "Profits fell in fiscal 2020.").value == "FY2020"
    assert one(nlp, "Sales rose in the last financial year.").value == "FY2020"


def test_anchored_tells_computed_values_from_written_ones(nlp):
    found = times(nlp, "The deal signed on March 3, 2019 was revised on Monday and again in 2020.")
    assert [(t.text, t.anchored) for t in found] == [
        ("March 3, 2019", False),
        ("Monday", True),
        ("2020", False),
    ]


def test_later_and_following_count_from_the_latest_date_at_their_precision(nlp):
    text = (
        "Jobs was born on February 24, 1955. He started Apple in 1976. One year later he hired "
        "a manager, and in 2001 the firm launched the iPod; the following year it opened shops."
    )
    found = {t.text: t.value for t in times(nlp, text)}
    assert found["One year later"] == "1977"
    assert found["the following year"] == "2002"


def test_a_year_earlier_counts_from_a_half_or_quarter_at_its_year(nlp):
    found = times(nlp, "Airbus delivered 233 aircraft in the first half of 2008, up from 219 a year earlier.")
    assert [(t.text, t.value) for t in found] == [
        ("the first half of 2008", "2008-H1"),
        ("a year earlier", "2007"),
    ]


def test_the_next_day_ignores_a_year_mentioned_in_between(nlp):
    text = "Fighting broke out on June 3. In 2019 the border had been quiet. The next day, troops arrived."
    found = {t.text: t.value for t in times(nlp, text)}
    assert found["The next day"] == "2021-06-04"


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts say the future of the pipeline is uncertain.",
        "Critics said the past of the party still haunts it.",
        "The rebels attack the road every now and then.",
        "Now that the pass is open, traders are returning.",
    ],
)
def test_nouns_and_idioms_are_not_times(nlp, sentence):
    assert times(nlp, sentence) == []


def test_now_and_the_future_as_times_are_kept(nlp):
    found = times(nlp, "The plant is now closed, and it may reopen in the future.")
    assert [(t.text, t.value) for t in found] == [("now", "PRESENT_REF"), ("the future", "FUTURE_REF")]


def test_a_year_before_levels_is_a_year(nlp):
    t = one(nlp, "Emissions must fall to 40% below 1990 levels by the target date.")
    assert (t.text, t.value) == ("1990", "1990")
    assert times(nlp, "Guards counted 2000 rifles in the depot.") == []


def test_the_financial_year_takes_the_article_year(nlp):
    t = one(nlp, "Sales doubled at the very beginning of the financial year.", dct=dt.date(2007, 1, 18))
    assert (t.text, t.value, t.mod, t.anchored) == (
        "the very beginning of the financial year",
        "FY2007",
        "START",
        True,
    )


def test_clock_time_takes_only_an_adjacent_relative_day(nlp):
    found = times(nlp, "Polls closed at 22:30 on Sunday, and the last ballot was cast at 2:30 the next day.")
    values = {t.text: t.value for t in found}
    assert values["22:30"] == "2021-07-04T22:30"
    assert values["2:30"] == "2021-07-05T02:30"
    found = times(nlp, "The polls closed at 22:30, and counting went on until dawn the next day.")
    assert {t.text: t.value for t in found}["22:30"] == "2021-07-08T22:30"


def test_a_date_line_at_the_top_is_the_day_the_article_counts_from(nlp):
    text = "Sweden beat Korea\n\nTuesday, June 19, 2018\n\nYesterday, Sweden beat South Korea 1-0."
    doc = nlp(text)
    found = find_times(doc, dt.date(2018, 6, 18), title=(0, 17))
    assert [(t.text, t.value) for t in found][-1] == ("Yesterday", "2018-06-18")
    far = text.replace("June 19, 2018", "June 19, 2015").replace("Tuesday", "Friday")
    found = find_times(nlp(far), dt.date(2018, 6, 18), title=(0, 17))
    assert [(t.text, t.value) for t in found][-1] == ("Yesterday", "2018-06-17")


def test_a_weekday_night_after_last_or_next_is_one_time(nlp):
    t = one(nlp, "The authorities said last Thursday night that the road was closed.")
    assert (t.text, t.type, t.value) == ("last Thursday night", "TIME", "2021-07-01TNI")


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands joined the March on Washington.",
        "A quarter of the budget went to the army.",
        "Her every day routine changed after the war.",
        "Theresa May met the envoy in London.",
    ],
)
def test_words_that_only_look_like_times(nlp, sentence):
    assert times(nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("The station has broadcast news 24 hours a day.", "24 hours a day", "P1D"),
        ("The clinic is open seven days a week.", "seven days a week", "P1W"),
    ],
)
def test_a_rate_of_time_is_a_set(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "SET", value)


def test_a_date_set_for_a_plan_lies_ahead_whatever_the_tense(nlp):
    found = times(nlp, "Parliament was dissolved on June 30 and elections were called for August 15.")
    assert [(t.text, t.value) for t in found] == [("June 30", "2021-06-30"), ("August 15", "2021-08-15")]
    assert one(nlp, "The rebels called for calm on Monday.").value == "2021-07-05"
    assert one(nlp, "Unions have called a national strike for July 12.").value == "2021-07-12"
    assert one(nlp, "Voters turned out for Monday's election.").value == "2021-07-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "Flight 2019 landed safely at the capital's airport.",
        "Investigators searched Room 1917 of the hotel.",
        "The number of cases rose from 1200 to 1900.",
        "The motion passed by 1999 to 1200.",
    ],
)
def test_numbers_that_name_or_count_are_not_years(nlp, sentence):
    assert times(nlp, sentence) == []


def test_years_in_a_range_stay_years(nlp):
    found = times(nlp, "The deal covered the years from 2004 to 2009.")
    assert [(t.text, t.value) for t in found] == [("2004", "2004"), ("2009", "2009")]
    assert one(nlp, "The club had its best record in the 2019-20 season.").value == "2019"


def test_a_four_digit_clock_time_before_a_zone(nlp):
    found = times(nlp, "The truce began at 6 a.m. on Saturday (0300 GMT).")
    assert [(t.text, t.value) for t in found] == [
        ("6 a.m.", "2021-07-03T06:00"),
        ("Saturday", "2021-07-03"),
        ("0300 GMT", "2021-07-03T03:00"),
    ]


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("The government fell in the autumn.", "the autumn", "2020-FA"),
        ("The army will withdraw during the winter.", "the winter", "2021-WI"),
        ("Crops failed over the summer.", "the summer", "2021-SU"),
    ],
)
def test_a_season_after_a_preposition(nlp, sentence, span, value):
    t = one(nlp, sentence)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_the_fall_of_a_city_is_no_season(nlp):
    assert times(nlp, "Thousands fled after the fall of the city.") == []


def test_the_decade_and_a_title_of_the_year(nlp):
    t = one(nlp, "Emissions will fall by the end of the decade.")
    assert (t.text, t.value, t.mod) == ("the end of the decade", "202", "END")
    assert times(nlp, "She was named Player of the Year.") == []


def test_in_decades_is_a_vague_duration(nlp):
    t = one(nlp, "The protests, the largest in decades, continued.")
    assert (t.text, t.type, t.value) == ("decades", "DURATION", "PXY")


def test_a_long_vague_duration(nlp):
    t = one(nlp, "The two firms settled their decades-long dispute.")
    assert (t.text, t.type, t.value) == ("decades-long", "DURATION", "PXY")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Officials will hold talks on 12-13 July.", [("12", "2021-07-12"), ("13 July", "2021-07-13")]),
        ("The summit ran on July 12-13, 2019.", [("July 12", "2019-07-12"), ("13, 2019", "2019-07-13")]),
    ],
)
def test_each_day_of_a_day_range_is_a_date(nlp, sentence, expected):
    assert [(t.text, t.value) for t in times(nlp, sentence)] == expected


def test_a_score_is_no_day_range(nlp):
    assert times(nlp, "The home side won 3-2 on July 4.")[0].text == "July 4"
    assert len(times(nlp, "The home side won 3-2 on July 4.")) == 1
