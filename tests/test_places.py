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
