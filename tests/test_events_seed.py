"""The seed article through the whole pipeline (read → entities → timexes → quotes → events), as a
new user would run it, published 2025-10-16."""


import pytest

import storyline
from storyline.model import Event


@pytest.fixture(scope="module")
def events(seed_path) -> list[Event]:
    analysis = storyline.analyze(storyline.read(seed_path), published="2025-10-16")
    if not analysis.timexes or not analysis.entities:
        pytest.skip("the entities and timex stages are not in place")
    return analysis.events


def _find(events: list[Event], type_: str, *names: str, status: str) -> Event:
    for event in events:
        people = " ".join(event.participants)
        if event.type == type_ and event.status == status and all(n in people for n in names):
            return event
    raise AssertionError(f"no {status} {type_} of {names}: {[(e.type, e.participants, e.status) for e in events]}")


def test_calls_and_meetings(events):
    assert _find(events, "phone_call", "Trump", "Putin", status="occurred").time.value == "2025-10-16"
    budapest = _find(events, "meeting", "Trump", "Putin", status="planned")
    assert budapest.place == "Budapest" and "two weeks" in budapest.time.text
    assert budapest.time.value.startswith("2025-10-16/")  # within two weeks of publication
    assert _find(events, "meeting", "Rubio", "Lavrov", status="planned")
    oval = _find(events, "meeting", "Trump", "Zelensky", status="planned")
    assert "Oval Office" in oval.place and oval.time.value == "2025-10-17"
    alaska = _find(events, "meeting", "Trump", "Putin", status="occurred")
    assert alaska.place == "Alaska" and alaska.time.value == "2025-08"


def test_supply_threats_deal_and_releases(events):
    supply = _find(events, "arms_supply", "Ukraine", status="hypothetical")
    assert "Tomahawk" in supply.theme
    assert len([e for e in events if e.type == "arms_supply"]) == 1  # "the US might supply" = "he might supply"
    threats = [e for e in events if e.type == "threat" and "Hamas" in e.participants]
    assert len(threats) >= 2 and all(t.source and "Trump" in t.source for t in threats)
    assert _find(events, "agreement", "Hamas", status="occurred").time.value == "2025-10-13"
    release = _find(events, "release", "Hamas", status="occurred")
    assert release.theme == "hostages and prisoners"


def test_no_weak_extras(events):
    # the force a threat threatens is the threat, not a hypothetical attack or disarmament beside it
    assert not [e for e in events if e.type in ("attack", "disarmament") and e.status == "hypothetical"]
    # "our negotiation": a group nobody can name is no event
    assert not [e for e in events if e.type == "negotiation" and len(e.participants) < 2
                and e.trigger.text == "negotiation"]
