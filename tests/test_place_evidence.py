"""Places read from how the text uses a name: names no gazetteer knows, spellings, name tails, one
reading per article. Sentences written for each rule."""

import pytest

from site_builder.extract import places
from site_builder.extract.entities import find_entities


def found(nlp, text):
    return {e.id: e for e in find_entities(nlp(text))}


def place_names(nlp, text):
    return {m.text for e in find_entities(nlp(text)) if e.is_place for m in e.mentions}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Many neo-pagan religions, such as Wicca, use aspects of ancient Greek religion.", "Wicca"),
        (
            "The stampede happened during an event where pebbles are thrown at a pillar to represent "
            "the stoning of Satan as part of the final rites.",
            "Satan",
        ),
        ("The virus was found by a laboratory, now Covance, in 1989.", "Covance"),
    ],
)
def test_a_name_no_gazetteer_knows_is_no_place_unless_used_as_one(nlp, text, name):
    doc = nlp(text)
    assert any(e.text == name and e.label_ in ("GPE", "LOC") for e in doc.ents)  # spaCy's guess
    assert name not in place_names(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nine people were found dead in Kibera on Sunday.", "Kibera"),
        ("The virus reached the village of Kampungu last week.", "Kampungu"),
        ("Farmers in the Wedza district lost their cattle.", "Wedza"),
        ("Cases were found in Oslo, Hedmark, Oppland and Telemark.", "Hedmark"),
    ],
)
def test_a_name_used_as_a_place_is_one(nlp, text, name):
    assert name in place_names(nlp, text)


def test_a_word_of_the_language_names_no_town():
    assert places.candidates("FIRST") == [] and places.candidates("Per") == []
    assert places.candidates("US")[0].id == "united-states"


def test_names_are_found_as_written_in_any_usual_spelling():
    assert places.candidates("St. Marc")[0].id == "saint-marc"
    assert places.candidates("South East Asia")[0].id == "southeast-asia"
    assert places.candidates("St. Petersburg")[0].cc == "RU"


def test_a_town_name_ending_a_longer_name_is_no_place(nlp):
    text = "The seat went to pro-establishment candidate Junius Ho. Two veterans were defeated."
    assert "Ho" not in place_names(nlp, text)


def test_a_name_keeps_the_reading_its_container_gave_it(nlp):
    text = (
        "Austin, in Scott County, Indiana, was the epicenter of the outbreak. Louisville, Kentucky, "
        "lies 35 miles south. New cases in Scott County rose past 140."
    )
    counties = [e for e in find_entities(nlp(text)) if e.name == "Scott County"]
    assert len(counties) == 1 and counties[0].within == "indiana" and len(counties[0].mentions) == 2


def test_a_lake_is_a_place_not_the_town_named_like_it(nlp):
    lake = found(nlp, "Swans were found dead on the coast of Lake Erie near Detroit.").get("lake-erie")
    assert lake is not None and lake.kind == "place"


def test_a_small_town_abroad_is_not_taken_when_the_article_is_about_other_countries(nlp):
    text = (
        "Cholera spread from Port-au-Prince, Haiti, to the Artibonite region. Patients are flooding "
        "the St. Nicolas hospital, the main medical facility in St. Marc."
    )
    ents = found(nlp, text)
    assert "saint-nicolas" not in ents  # a town of 22,000 in Belgium
    assert ents["saint-marc"].within == "artibonite"


def test_the_source_and_dateline_tell_where_the_article_is(nlp):
    doc = nlp("Floods hit Hyderabad on Monday, officials said.")
    assert [e.within for e in find_entities(doc) if e.name == "Hyderabad"] != ["sindh"]
    by_source = [e for e in find_entities(doc, source="The Pakistan Observer") if e.name == "Hyderabad"]
    by_dateline = [e for e in find_entities(doc, dateline="Karachi") if e.name == "Hyderabad"]
    assert by_source[0].within == by_dateline[0].within == "sindh"
