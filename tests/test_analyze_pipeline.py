"""The analysis pipeline runs on edge-case input without errors."""

import pytest

import storyline
from storyline.analyze.nlp import _chunks, parse


@pytest.mark.slow
def test_long_text_is_parsed_in_chunks_with_offsets_intact():
    text = ("The minister spoke in Paris today. " * 2000 + "\n\n") * 3
    assert "".join(_chunks(text, 20_000)) == text
    doc = parse(text)
    assert doc.text == text


def test_empty_and_non_english_text_give_an_analysis():
    assert storyline.analyze("").entities == []
    result = storyline.analyze("Der Bundeskanzler traf gestern den Präsidenten in Berlin.")
    assert result.text.startswith("Der")


def test_non_english_text_is_flagged_not_analysed():
    text = ("Der Bundeskanzler traf gestern den Präsidenten in Berlin. Die Gespräche waren sehr gut, "
            "sagte er, und man werde sich bald wieder treffen, um über die Lage in der Ukraine zu sprechen.")
    result = storyline.analyze(text)
    assert "language_not_supported:de" in result.flags
    assert result.entities == [] and result.quotes == []


def test_a_publication_date_that_is_not_iso_is_flagged():
    result = storyline.analyze("Trump met Putin yesterday.", published="16/10/2025")
    assert "bad_publication_date" in result.flags
    assert result.published is None


def test_quote_speakers_are_named_by_their_entity():
    text = ("Donald Trump met reporters at the White House on Monday.\n\n"
            "“We will talk again very soon,” Trump said.")
    result = storyline.analyze(text, published="2025-10-16")
    assert [q.speaker_entity for q in result.quotes] == ["Donald Trump"]
