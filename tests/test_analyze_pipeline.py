"""The analysis pipeline runs on edge-case input without errors."""

import storyline
from storyline.analyze.nlp import _chunks, parse


def test_long_text_is_parsed_in_chunks_with_offsets_intact():
    text = ("The minister spoke in Paris today. " * 2000 + "\n\n") * 3
    assert "".join(_chunks(text, 20_000)) == text
    doc = parse(text)
    assert doc.text == text


def test_empty_and_non_english_text_give_an_analysis():
    assert storyline.analyze("").entities == []
    result = storyline.analyze("Der Bundeskanzler traf gestern den Präsidenten in Berlin.")
    assert result.text.startswith("Der")
