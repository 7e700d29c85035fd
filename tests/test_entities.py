"""Entities on the seed article: clusters, canonical names, roles, role nouns, pronouns and junk."""

from pathlib import Path

import pytest

from storyline.analyze.entities import extract_entities
from storyline.analyze.nlp import parse

SEED_BODY = Path(__file__).parent / "fixtures" / "entities-seed-body.txt"


@pytest.fixture(scope="module")
def entities():
    return extract_entities(parse(SEED_BODY.read_text(encoding="utf-8")))


def _find(entities, name_part):
    found = [e for e in entities if name_part in e.name]
    assert len(found) == 1, (name_part, [e.name for e in entities])
    return found[0]


def _texts(entity):
    return {m.text for m in entity.mentions}


def test_trump_cluster_has_names_titles_and_role_nouns(entities):
    trump = _find(entities, "Donald Trump")
    assert trump.type == "PERSON"
    assert {"Trump", "President Donald Trump", "US President Donald Trump", "POTUS"} <= _texts(trump)
    assert {"The US president", "the US president"} <= _texts(trump)
    assert "POTUS" in trump.aliases and "president" in trump.roles


def test_people_with_their_roles(entities):
    assert "Secretary of State" in _find(entities, "Marco Rubio").roles
    assert "foreign minister" in _find(entities, "Sergei Lavrov").roles
    assert "spokesperson" in _find(entities, "Karoline Leavitt").roles
    assert _find(entities, "Yuri Ushakov").type == "PERSON"
    assert _find(entities, "Orbán").type == "PERSON"
    melania = _find(entities, "Melania")
    assert melania.type == "PERSON" and "First Lady" in melania.roles


def test_misspelt_first_name_keeps_surface_form(entities):
    zelensky = _find(entities, "Zelensky")
    assert zelensky.name == "Volodomyr Zelensky"
    assert "Zelensky" in _texts(zelensky)
    assert "the Ukrainian president" in _texts(zelensky)


def test_role_noun_resolved_by_country(entities):
    putin = _find(entities, "Vladimir Putin")
    assert "the Russian president" in _texts(putin)
    assert "President Putin" in _texts(putin)


def test_places_organisations_and_platforms(entities):
    by_type = {}
    for e in entities:
        by_type.setdefault(e.type, set()).add(e.name.removeprefix("the "))
    places = by_type["GPE"] | by_type.get("LOC", set()) | by_type.get("FAC", set())
    for place in ("Budapest", "Hungary", "Russia", "Ukraine", "Moscow", "Alaska", "Gaza", "Washington DC",
                  "White House", "Oval Office"):
        assert place in places, place
    assert {"Hamas", "Kremlin"} <= by_type["ORG"]
    assert {"Truth Social", "X"} <= by_type["PLATFORM"]


def test_no_junk_entities(entities):
    texts = {m.text for e in entities for m in e.mentions}
    for junk in ("Tomahawks", "Tomahawk", "Picture", "Getty Images", "AFP", "State", "Lady", "Trade"):
        assert junk not in texts, junk


def test_pronouns_resolve_to_clear_antecedents(entities):
    text = SEED_BODY.read_text(encoding="utf-8")
    owner = {(m.start, m.end): e.name for e in entities for m in e.mentions if m.kind == "pronoun"}
    his = text.index("his way")
    assert owner[(his, his + 3)] == "Volodomyr Zelensky"
    her = text.index("her involvement")
    assert owner[(her, her + 3)] == "Melania"
    first_he = text.index(" he will meet") + 1
    assert owner[(first_he, first_he + 2)] == "Donald Trump"


def test_mentions_index_the_text_and_ids_are_consistent(entities):
    text = SEED_BODY.read_text(encoding="utf-8")
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    for e in entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
            assert m.entity_id == e.id and m.type == e.type


def test_seed_as_a_new_user_reads_it():
    import storyline

    analysis = storyline.analyze(storyline.read(Path(__file__).parent / "fixtures" / "seed-metro.txt"))
    trump = _find(analysis.entities, "Donald Trump")
    assert {"Trump", "POTUS", "the US president"} <= _texts(trump)
    assert "Secretary of State" in _find(analysis.entities, "Marco Rubio").roles
    assert "the Russian president" in _texts(_find(analysis.entities, "Vladimir Putin"))
    assert not {"Tomahawks", "Picture", "Getty Images"} & {m.text for e in analysis.entities for m in e.mentions}
