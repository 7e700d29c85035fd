"""entity_at finds the entity whose mention overlaps a character span."""

from storyline.analyze.entities import entity_at
from storyline.model import Entity, Mention


def _entities() -> list[Entity]:
    trump = Entity("e1", "Donald Trump", "PERSON", mentions=[Mention("Donald Trump", 0, 12, "PERSON")])
    putin = Entity("e2", "Vladimir Putin", "PERSON", mentions=[Mention("Putin", 20, 25, "PERSON")])
    return [trump, putin]


def test_overlapping_span_returns_its_entity():
    entities = _entities()
    assert entity_at(entities, 7, 12).id == "e1"
    assert entity_at(entities, 18, 22).id == "e2"


def test_largest_overlap_wins_and_misses_return_none():
    entities = _entities()
    assert entity_at(entities, 10, 24).id == "e2"
    assert entity_at(entities, 13, 19) is None
    assert entity_at([], 0, 5) is None


def test_empty_span_is_a_position():
    assert entity_at(_entities(), 3, 3).id == "e1"
