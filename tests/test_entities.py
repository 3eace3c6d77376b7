"""Entity extraction rules, each on a short sentence written for the test, and the seed's actors."""

from pathlib import Path

import pytest

from site_builder.articles import read_article
from site_builder.extract import extract
from site_builder.extract.entities import find_entities
from site_builder.extract.model import Entity
from site_builder.extract.names import clean_span, initials, key
from site_builder.extract.nlp import load_nlp

SEED = Path(__file__).parent.parent / "seeds" / "000_d4dea3cd9a9c402a.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def seed():
    return {e.id: e for e in extract(read_article(SEED)).entities}


def ents(nlp, text, known=None):
    return {e.id: e for e in find_entities(nlp(text), known)}


# --- kinds ---------------------------------------------------------------------------------


def test_gazetteer_types_countries_and_cities_spacy_mislabels(nlp):
    found = ents(nlp, "KABUL: Officials in Dushanbe said Tajikistan would close the border on Friday.")
    assert found["kabul"].kind == "city"
    assert found["dushanbe"].kind == "city"
    assert found["tajikistan"].kind == "country"


def test_nationality_words_are_not_actors(nlp):
    found = ents(nlp, "Afghan soldiers met Tajik officials, and the Afghans thanked the Pakistani envoy.")
    assert not {"afghan", "tajik", "afghans", "pakistani"} & set(found)


def test_groups_ministries_and_forces_are_organizations(nlp):
    found = ents(
        nlp, "The Taliban attacked a post of the Afghan National Army, the Ministry of Defence said."
    )
    assert found["taliban"].kind == "organization"
    assert found["ministry-of-defence"].kind == "organization"


def test_facilities_are_places(nlp):
    found = ents(nlp, "The shuttle will be shown at the Museum of Flight near Boeing Field.")
    assert found["museum-of-flight"].kind == "place"


def test_common_word_capitalised_at_sentence_start_is_not_an_entity(nlp):
    found = ents(nlp, "Iodine is added to salt. Experts say iodine deficiency is common in Tasmania.")
    assert "iodine" not in found
    assert found["tasmania"].kind == "region"


# --- one entity, one id --------------------------------------------------------------------


def test_titles_and_honorifics_are_stripped():
    text = "President Rahmon spoke"
    c = clean_span(text, 0, len("President Rahmon"))
    assert (c.text, c.title) == ("Rahmon", "President")
    assert clean_span("Dr. Jane Goodall", 0, 16).text == "Jane Goodall"


def test_possessive_and_leading_the_are_trimmed():
    text = "the Church of Scientology's lawyers"
    c = clean_span(text, 0, len("the Church of Scientology's"))
    assert c.text == "Church of Scientology"
    assert text[c.start : c.end] == c.text


def test_surname_joins_full_name_in_the_article(nlp):
    found = ents(nlp, "Ashraf Ghani flew to Washington on Monday. Ghani met officials there.")
    assert "ghani" not in found
    assert len(found["ashraf-ghani"].mentions) == 2


def test_acronym_joins_its_expansion(nlp):
    text = "The United States Air Force (USAF) said a drone crashed. A USAF spokesman declined to comment."
    found = ents(nlp, text)
    assert "usaf" not in found
    usaf = found["united-states-air-force"]
    assert usaf.kind == "organization"
    assert [m.text for m in usaf.mentions].count("USAF") == 2
    assert initials("United States Air Force") == "USAF"


def test_short_and_long_country_names_share_an_id(nlp):
    found = ents(nlp, "The United States and the US Navy both sent ships. America has bases in Bahrain.")
    assert "united-states" in found
    assert "us" not in found and "america" not in found


def test_curated_aliases_win(nlp):
    note = Entity("ashraf-ghani", "Ashraf Ghani", "person")
    found = ents(nlp, "President Ghani called the governor on Sunday.", {"ghani": note})
    assert found["ashraf-ghani"].name == "Ashraf Ghani"
    assert "ghani" not in found


def test_company_suffix_does_not_split_an_entity():
    assert key("Apple Inc.") == key("Apple")


# --- roles ---------------------------------------------------------------------------------


def test_role_from_title_before_name(nlp):
    found = ents(nlp, "Pakistan Prime Minister Imran Khan visited Kabul on Thursday.")
    assert "Prime Minister of Pakistan" in found["imran-khan"].roles


def test_role_from_apposition(nlp):
    found = ents(nlp, "Abdul Rahman, a police chief in Helmand province, said the road was closed.")
    assert any(r.startswith("Police chief") for r in found["abdul-rahman"].roles)


# --- seed ----------------------------------------------------------------------------------


def test_seed_people(seed):
    rahmon = seed["emomali-rahmon"]
    assert rahmon.kind == "person"
    assert "President of Tajikistan" in rahmon.roles
    assert "Rahmon" in rahmon.aliases
    assert seed["hamdullah-moheb"].kind == "person"
    assert seed["ghani"].kind == "person"
    zaher = seed["mohammad-zaher"]
    assert any(r.lower().startswith("border guard commander") for r in zaher.roles)
    assert len(zaher.mentions) == 3


def test_seed_organizations_and_non_actors(seed):
    assert seed["taliban"].kind == "organization"
    assert not {"tajik", "afghan", "tajiks", "afghans"} & set(seed)


def test_seed_acting_countries(seed):
    assert seed["tajikistan"].kind == "country" and seed["tajikistan"].acts
    assert seed["russia"].kind == "country" and seed["russia"].acts


def test_acting_unknown_gpe_and_plural_band_are_organizations(nlp):
    found = ents(nlp, "Zorvex sued Apple on Wednesday. The dispute with the Beatles was settled in London.")
    assert found["beatles"].kind == "organization"
    assert found["london"].kind == "city"


def test_country_acts_only_as_subject_of_an_action(nlp):
    found = ents(nlp, "Uzbekistan shares a long border with Turkmenistan. Turkmenistan closed the crossing.")
    assert found["turkmenistan"].acts and found["turkmenistan"].is_actor
    assert not found["uzbekistan"].acts and found["uzbekistan"].is_place
