"""An event takes its time, and through the time its status, from its own clause: a date in a
relative clause on another word, or inside "after …"/"before …", belongs to another event."""

import pytest

import storyline
from storyline.model import Event

PUBLISHED = "2025-10-16"


def _events(text: str) -> list[Event]:
    return storyline.analyze(text, published=PUBLISHED).events


def _by_trigger(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert found, f"no event on '{trigger}' in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


def test_relative_clause_date_stays_with_its_own_verb():
    events = _events("Putin, who met Trump in Alaska in August, will travel to Budapest next week.")
    travel = _by_trigger(events, "travel")
    assert travel.status == "planned" and travel.time.text == "next week"
    met = _by_trigger(events, "met")
    assert met.status == "occurred" and met.time.value == "2025-08"


@pytest.mark.parametrize("text, trigger", [
    ("Putin will travel to Budapest, where he lived in 2009.", "travel"),
    ("Trump will meet Putin, who took office in 2000, in Budapest.", "meet"),
    ("Zelensky will visit the White House, where he clashed with Trump in February.", "visit"),
])
def test_date_of_a_relative_clause_after_the_trigger_is_not_taken(text, trigger):
    event = _by_trigger(_events(text), trigger)
    assert event.time is None and event.status == "planned"


@pytest.mark.parametrize("text, trigger", [
    ("Trump, after meeting Putin in Alaska in August, will travel to Budapest.", "travel"),
    ("After talks in Alaska in August, Trump will meet Putin in Budapest.", "meet"),
])
def test_date_of_what_came_before_is_not_the_events(text, trigger):
    event = _by_trigger(_events(text), trigger)
    assert event.time is None and event.status == "planned"


def test_clause_on_the_event_noun_itself_still_dates_it():
    events = _events("The ceasefire, which began on October 10, is holding.")
    assert _by_trigger(events, "ceasefire").time.value == "2025-10-10"


def test_date_right_after_a_relation_word_still_counts():
    meeting = _by_trigger(_events("Trump will meet Putin after Monday."), "meet")
    assert meeting.status == "planned" and meeting.time.text == "Monday"


def test_clause_that_reports_the_event_does_not_date_it():
    mooted = _by_trigger(_events("The summit, which was first mooted in August, will be held in Budapest."), "summit")
    assert mooted.time is None and mooted.status == "planned"
    talks = _by_trigger(_events("The Trump-Putin talks, which took place on Monday, were productive."), "talks")
    assert talks.time.value == "2025-10-13" and talks.status == "occurred"
    deal = _by_trigger(_events("The deal between Israel and Hamas, signed on Monday, was praised."), "deal")
    assert deal.time.value == "2025-10-13"
