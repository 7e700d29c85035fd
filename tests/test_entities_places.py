"""Big and capital cities the model took for people or organisations become places (data/entities_places.tsv,
from GeoNames), unless the article treats the name as a person's."""

import pytest

import storyline
from storyline.analyze.entities.lexicon import lexicon
from storyline.model import Entity

PUBLISHED = "2026-03-20"


def _entities(text: str) -> list[Entity]:
    return storyline.analyze(text, published=PUBLISHED).entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in _entities(text)}


def test_the_gazetteer_has_capitals_big_cities_and_english_spellings():
    places = lexicon().places
    assert places["Kyiv"] == places["Kiev"] == "Ukraine"
    assert places["Tehran"] == "Iran" and "Gaza" in places and "Nairobi" in places
    assert "Springfield" not in places  # small towns are left out


@pytest.mark.parametrize(
    "text, place",
    [
        ("The president is expected to visit Kyiv later this month.", "Kyiv"),
        ("The president is expected to visit Kyiv later this month. He said the trip mattered.", "Kyiv"),
        ("Aid convoys reached Gaza on Monday after weeks of talks.", "Gaza"),
        ("Protesters gathered in Tehran on Friday.", "Tehran"),
    ],
)
def test_listed_cities_are_places(text, place):
    types = _types(text)
    assert types.get(place) == "GPE", types


def test_a_city_modifying_a_person_noun_is_a_place():
    # "his" refers to the man, not to Perth
    text = "A Perth man has survived two nights on the mountain after his brother fell."
    assert _types(text).get("Perth") != "PERSON"


def test_a_first_name_the_model_left_out_keeps_a_person():
    text = "Officials met on Monday.\n\nDahlys Hamilton is listed as the chairman of the group."
    assert _types(text).get("Hamilton") != "GPE"


def test_part_of_a_longer_personal_name_stays_a_person():
    types = _types("Jordan Henderson scored twice. Jordan said the team was ready.")
    assert types.get("Jordan Henderson") == "PERSON" and "Jordan" not in types, types


def test_the_subject_of_a_speech_verb_is_no_place():
    assert _types("Charlotte said the result was good.").get("Charlotte") != "GPE"


def test_a_first_name_stays_a_person():
    # Victoria is a listed capital (Seychelles) and a listed first name: the model's person stands
    assert "Victoria" in lexicon().places and "victoria" in lexicon().first_names
    assert _types("We met Victoria at the station.").get("Victoria") == "PERSON"


def test_capitals_standing_for_governments_stay_places():
    types = _types("Washington warned Moscow on Tuesday that sanctions would follow.")
    assert types.get("Washington") == "GPE" and types.get("Moscow") == "GPE", types


def test_a_visit_takes_the_city_as_its_place():
    events = storyline.analyze(
        "The president is expected to visit Kyiv later this month.", published=PUBLISHED
    ).events
    visit = next(e for e in events if e.trigger.text.lower().startswith("visit"))
    assert visit.place == "Kyiv" and "Kyiv" not in visit.participants
