"""Stance attributions: beliefs, intentions and findings scored by the learned frame model."""

from __future__ import annotations

import pytest

from storyline.analyze.nlp import parse
from storyline.analyze.quotes import extract_quotes
from storyline.analyze.quotes.learned import attribution_model


def _quotes(text: str):
    return extract_quotes(parse(text), [])


def test_the_shipped_model_loads():
    model = attribution_model()
    assert model is not None
    assert 0 < model.threshold < 1 and len(model.weights) > 100


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), [
    ("A new Gallup poll shows that most voters in Ohio have turned against the trade agreement.",
     "A new Gallup poll", "shows", "most voters in Ohio have turned against the trade agreement"),
    ("Senator Warren wants to double the size of the national service program by 2020.",
     "Warren", "wants", "to double the size of the national service program"),
    ("The mayor believes the new stadium will bring thousands of jobs to the city.",
     "The mayor", "believes", "the new stadium will bring thousands of jobs"),
])
def test_beliefs_intentions_and_findings_are_stances(text, speaker, cue, content):
    [quote] = _quotes(text)
    assert quote.attribution == "stance" and quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == cue
    assert content in quote.text
    assert quote.confidence < 0.75  # less sure than reported speech


def test_speech_stays_speech():
    quotes = _quotes("“We will win this election,” Smith said. The senator said the plan would cut "
                     "taxes for working families.")
    assert [q.attribution for q in quotes] == ["speech", "speech"]


@pytest.mark.parametrize("text", [
    "The team scored three goals in the second half of the game on Sunday.",
    "She opened the door and walked into the crowded kitchen with a smile.",
])
def test_plain_events_are_not_attributions(text):
    assert _quotes(text) == []


def test_a_stance_does_not_take_over_a_direct_quote():
    quotes = _quotes("Critics fear the bill goes too far. “It will hurt small farmers across the "
                     "province,” said Jane Doe, a farmer.")
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].attribution == "speech"
    assert direct[0].speaker is not None and direct[0].speaker.text == "Jane Doe"


def test_they_is_not_resolved_to_a_nationality_adjective():
    import storyline

    text = ("The Indymedia group of websites reported a demonstration against the deportation of "
            "Palestinian refugees.\n\n"
            "They also report 15,000 people marched against Bush in Ottawa on the 30th.")
    speakers = {q.speaker_entity for q in storyline.analyze(text, published="2004-11-30").quotes}
    assert "Palestinian" not in speakers


def test_stance_cuts_are_tuned_per_frame_type():
    model = attribution_model()
    assert model is not None and {"that", "ccomp", "xcomp", "dobj"} <= set(model.thresholds)
    assert all(model.threshold <= cut <= 1.0 for cut in model.thresholds.values())


def test_a_verb_never_learned_as_a_cue_reports_no_noun_object():
    quotes = _quotes("The two leaders ironed out the details of the trade agreement over dinner on Thursday.")
    assert not [q for q in quotes if "details" in q.text]
