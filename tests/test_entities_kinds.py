"""Awards, shows, works, characters, streets, flights and page labels are no people or places; a
publisher is no place; a company noun resolves only to an organisation of its kind."""

import pytest

import storyline
from storyline.model import Entity

PUBLISHED = "2026-03-20"


def _entities(text: str) -> list[Entity]:
    return storyline.analyze(text, published=PUBLISHED).entities


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in _entities(text)}


@pytest.mark.parametrize("text, thing", [
    ("Phoebe Waller-Bridge won an Oscar last year.", "Oscar"),
    ("The actress has won two Golden Globes since 2019.", "Golden Globes"),
    ("She collected her SAG award in Los Angeles.", "SAG"),
    ("Joaquin Phoenix starred in Joker, which made $1bn.", "Joker"),
    ("The Oscar-winning actor arrived late.", "Oscar"),
    ("Rachel Brosnahan plays Maisel in the show, which ended in 2023.", "Maisel"),
    ("He was nominated for an Emmy in 2020.", "Emmy"),
])
def test_awards_shows_and_characters_are_no_people_or_places(text, thing):
    types = _types(text)
    assert types.get(thing) not in ("PERSON", "GPE", "LOC"), types


def test_a_thing_named_once_is_a_thing_throughout():
    types = _types("Brad Pitt won an Oscar in 2020. The Oscar now sits on his shelf.")
    assert "Oscar" not in types and types.get("Brad Pitt") == "PERSON"


def test_people_beside_awards_stay_people():
    types = _types("Olivia Colman won a Golden Globe. Colman thanked her family.")
    assert types.get("Olivia Colman") == "PERSON"


@pytest.mark.parametrize("text, street", [
    ("The fire started in a shop on Baker Street in London.", "Baker Street"),
    ("Police closed Oxford Street on Tuesday.", "Oxford Street"),
])
def test_a_street_is_a_facility(text, street):
    assert _types(text).get(street) == "FAC"


def test_a_street_standing_for_an_institution_keeps_its_type():
    assert _types("Downing Street said the talks would resume.").get("Downing Street") == "ORG"


@pytest.mark.parametrize("text", [
    "AirAsia Flight QZ8501 crashed into the Java Sea on Sunday.",
    "Malaysia Airlines flight MH370 vanished in 2014.",
    "Flight 93 crashed in a field in Pennsylvania.",
])
def test_a_flight_is_no_name(text):
    names = [e.name for e in _entities(text)]
    assert not any("QZ8501" in n or "MH370" in n or n.startswith("Flight") for n in names), names


def test_the_airline_keeps_its_name_without_the_flight():
    types = _types("AirAsia Flight QZ8501 crashed into the Java Sea on Sunday.")
    assert types.get("AirAsia") == "ORG"


def test_a_page_label_is_no_name():
    names = [e.name for e in _entities("Slideshow\n\nSlideshow\n\nThe mayor of Leeds opened the bridge on Friday.")]
    assert "Slideshow" not in names


@pytest.mark.parametrize("text, publisher", [
    ("The collection was published by Granta in London.", "Granta"),
    ("The memoir was published by Jonathan Cape.", "Jonathan Cape"),
    ("The novel was published by Picador.", "Picador"),
])
def test_a_publisher_is_an_organisation(text, publisher):
    assert _types(text).get(publisher) == "ORG"


def test_a_company_noun_skips_a_newspaper():
    entities = _entities("Amazon is expanding its warehouses. The Washington Post reported the plan on Monday. "
                         "The giant online retailer said it would hire 1,000 people.")
    owner = next(e for e in entities for m in e.mentions if m.text == "The giant online retailer")
    assert owner.name == "Amazon"


def test_a_company_noun_takes_an_organisation_of_its_kind():
    entities = _entities("Ryanair cut fares. The Irish Times said the airline would add routes.")
    owner = next((e for e in entities for m in e.mentions if m.text == "the airline"), None)
    assert owner is not None and owner.name == "Ryanair"


def test_a_show_the_model_calls_an_organisation_is_dropped():
    assert "Crown" not in _types("Olivia Colman starred in The Crown and won an Emmy for it.")


@pytest.mark.parametrize("text, name", [
    ("The Netflix series drew 20 million viewers in its first week.", "Netflix"),
    ("Her essay appeared in The New York Times on Sunday.", "New York Times"),
    ("She appeared in London last night with the mayor.", "London"),
])
def test_companies_papers_and_places_beside_works_stay(text, name):
    assert name in _types(text)


def test_a_maker_before_a_work_noun_stays_a_person():
    assert _types("Critics praised the new Spielberg film on Friday.").get("Spielberg") == "PERSON"


def test_a_company_noun_prefers_the_organisation_it_described_before():
    entities = _entities("Online retailer Amazon bought Whole Foods in 2017. Whole Foods said prices would fall. "
                         "The giant online retailer said it would hire 1,000 people.")
    owner = next(e for e in entities for m in e.mentions if m.text == "The giant online retailer")
    assert owner.name == "Amazon"
