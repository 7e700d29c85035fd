"""Ingest memory: a batch's words leave spaCy's vocabulary with its Docs, the analyses built inside
the memory zone are plain records that stay valid after it, and each batch hands its free heap back."""

from __future__ import annotations

import dataclasses

from storyline.analyze import analyze
from storyline.analyze.nlp import get_nlp, memory_zone, parse
from storyline.model import Page, to_dict
from storyline.pipeline import stages
from storyline.pipeline.stages import page_digest, process_pages, read_page

PLAIN_TYPES = (str, int, float, bool, type(None))


def _story(surname: str, town: str) -> Page:
    """A short report whose names are words spaCy has never seen."""
    text = (f"Councillor Marta {surname} said on Tuesday that the bridge in {town} would reopen next month.\n\n"
            f"“We have waited long enough,” {surname} told reporters in {town}.\n")
    return Page(text.encode(), f"{surname}.txt", source="file")


def _string_count() -> int:
    # not len(vocab): spaCy 3.8 drops a zone's lexemes from the vocabulary but never lowers that count
    return len(get_nlp().vocab.strings)


def _spacy_free(value: object) -> bool:
    """True when ``value`` holds only plain Python data (no Doc, Span or Token that a zone would free)."""
    if dataclasses.is_dataclass(value):
        return all(_spacy_free(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return all(_spacy_free(item) for item in value)
    if isinstance(value, dict):
        return all(_spacy_free(k) and _spacy_free(v) for k, v in value.items())
    return isinstance(value, PLAIN_TYPES)


def test_batches_of_new_words_leave_the_vocabulary_as_it_was():
    process_pages([_story("Vrostenkel", "Quarnholt")])  # warm-up: the model's lazily added strings
    before = _string_count()
    first = process_pages([_story("Zelbrandt", "Ostravik"), _story("Pruvelsky", "Hennemarsh")])
    second = process_pages([_story("Kwarnstedt", "Lüttwerder")])
    assert _string_count() == before
    assert "Zelbrandt" not in get_nlp().vocab.strings and "Zelbrandt" not in get_nlp().vocab
    # the records still name the new words after their strings left the vocabulary
    assert all(o.analysis is not None for o in [*first, *second])
    assert any("Zelbrandt" in q.speaker_entity for q in first[0].analysis.quotes if q.speaker_entity)


def test_analyses_built_in_the_zone_are_plain_records_equal_to_unzoned_ones(seed_path):
    page = Page(seed_path.read_bytes(), seed_path.name, source="file")
    (outcome,) = process_pages([page])
    assert outcome.analysis is not None and outcome.analysis.quotes and outcome.analysis.entities
    assert _spacy_free(outcome.analysis) and _spacy_free(outcome.article)
    unzoned = analyze(read_page(page, page_digest(page)).article)
    assert to_dict(outcome.analysis) == to_dict(unzoned)


def test_a_zone_inside_a_zone_is_part_of_the_outer_one():
    before = _string_count()
    with memory_zone():
        with memory_zone():
            parse("Gryffelstamm met Ondrevasq in Tallowmere.")
        assert get_nlp().vocab.in_memory_zone  # the inner block did not end the zone
        assert "Gryffelstamm" in get_nlp().vocab.strings
    assert not get_nlp().vocab.in_memory_zone
    assert _string_count() == before


def test_each_batch_hands_its_free_heap_back(monkeypatch):
    released = []
    monkeypatch.setattr(stages, "release_free_memory", lambda: released.append(True))
    process_pages([_story("Dravensholm", "Ulverby")])
    process_pages([])
    assert released == [True, True]
