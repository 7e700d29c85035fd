"""Within-article event coreference and noise: mentions of one event merge (a headline and its
lede, a verb and its noun), different events stay apart, and a conditional threat is one event."""

from storyline.analyze.events import extract_events
from storyline.analyze.nlp import parse
from storyline.model import Event, Timex

ANCHOR = "2025-10-16"


def _events(text: str, timexes: list[Timex] = ()) -> list[Event]:
    return extract_events(parse(text), [], list(timexes), [], ANCHOR)


def test_headline_and_lede_name_one_resignation():
    events = _events("Steve Jobs resigns as Apple chief executive\n"
                     "Steve Jobs resigned as chief executive of Apple Inc. on Wednesday, the company said.")
    assert [e.type for e in events if e.type == "resignation"] == ["resignation"]


def test_two_statements_by_one_speaker_are_two_acts():
    events = _events("Steve Jobs announced the iPhone in January. "
                     "In June, Steve Jobs announced the MacBook Air.")
    assert len([e for e in events if e.type == "statement"]) == 2


def test_meetings_with_different_people_stay_apart():
    events = _events("Trump met Putin in Alaska in August. Trump will meet Zelensky in the Oval Office tomorrow.",
                     [Timex("tomorrow", 79, 87, "DATE", "2025-10-17", anchor=ANCHOR)])
    meetings = [e for e in events if e.type == "meeting"]
    assert len(meetings) == 2 and {m.status for m in meetings} == {"occurred", "planned"}


def test_undecided_status_joins_the_event_it_refers_to():
    text = ("Trump and Putin will meet in Budapest. Orban welcomed the planned meeting, saying that "
            "a meeting between the two presidents is great news.")
    meetings = [e for e in _events(text) if e.type == "meeting"]
    assert len(meetings) == 1 and meetings[0].status == "planned"


def test_conditional_threat_is_one_event():
    events = _events("Trump told Hamas that if it does not disarm, we will disarm them.")
    assert [(e.type, e.status) for e in events] == [("threat", "occurred")]
    assert events[0].participants == ["Trump", "Hamas"]


def test_unresolved_group_possessive_is_no_event():
    events = _events("He said the plan will help in our negotiation with the rebels.")
    assert not [e for e in events if e.type == "negotiation" and len(e.participants) < 2]


def test_a_disaster_needs_no_named_participant():
    import storyline

    text = ("The toll from the recent earthquake and tsunami disaster that affected coasts of a dozen "
            "Asian and African nations has risen to nearly 60,000 people reported dead.")
    events = storyline.analyze(text, published="2004-12-28").events
    assert {e.type for e in events} == {"disaster"}
    assert all(e.status == "occurred" for e in events)
