"""An event's status follows its tense, aspect and negation: a past report of a day without a year is
in the past, "not … since" tells of no event, and planned needs future or modal evidence."""

import pytest

import storyline
from storyline.model import Event


def _events(text: str, published: str) -> list[Event]:
    return storyline.analyze(text, published=published).events


def _by_trigger(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert found, f"no event on '{trigger}' in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


def test_past_tense_date_without_a_year_is_last_years():
    # written a few days before March 8: the disappearance was the March 8 before
    analysis = storyline.analyze("The teenager went missing on March 8.", published="2026-03-05")
    assert [t.value for t in analysis.timexes] == ["2025-03-08"]


def test_past_tense_month_without_a_year_is_last_years():
    analysis = storyline.analyze("The teenager went missing in April.", published="2026-03-05")
    assert [t.value for t in analysis.timexes] == ["2025-04"]


def test_past_event_on_a_day_after_the_anchor_is_not_planned():
    bombing = _by_trigger(_events("The bombing took place on March 8.", "2026-03-05"), "bombing")
    assert bombing.status == "occurred"
    assert bombing.time is not None and bombing.time.value == "2025-03-08"


def test_future_tense_date_without_a_year_stays_ahead():
    analysis = storyline.analyze("The leaders will meet on March 10.", published="2026-03-05")
    assert [t.value for t in analysis.timexes] == ["2026-03-10"]
    assert _by_trigger(analysis.events, "meet").status == "planned"


@pytest.mark.parametrize("text, trigger", [
    ("The airline had not suffered a crash since 2002.", "crash"),
    ("The carrier has never experienced a crash since it was founded in 1990.", "crash"),
])
def test_not_since_tells_of_no_event(text, trigger):
    event = _by_trigger(_events(text, "2026-03-20"), trigger)
    assert event.status == "negated"
    assert event.time is None or not event.time.value.startswith(("2002", "1990"))


def test_no_event_since_is_not_an_occurred_event():
    events = _events("Rebels have launched no attack on the base since 2019.", "2026-03-20")
    assert not [e for e in events if e.status == "occurred"]


def test_since_dates_no_event():
    crash = _by_trigger(_events("It was the airline's first crash since 2002.", "2026-03-20"), "crash")
    assert crash.status == "occurred"
    assert crash.time is None or crash.time.value != "2002"


def _status(text: str, word: str) -> str:
    from storyline.analyze.events.detect import candidate_for
    from storyline.analyze.events.lexicon import event_lexicon
    from storyline.analyze.events.status import status_of
    from storyline.analyze.nlp import parse

    doc = parse(text)
    token = next(t for t in doc if t.text == word)
    lexicon = event_lexicon()
    return status_of(candidate_for(token, lexicon), lexicon)[0]


@pytest.mark.parametrize("text, word, status", [
    ("No one was killed in the attack.", "killed", "negated"),
    ("Nobody was arrested after the protest.", "arrested", "negated"),
    ("There were no gains or losses in the period.", "losses", "negated"),
    ("The army did not attack the town or bomb the bridge.", "bomb", "negated"),
    ("Police did not arrest the driver but questioned him.", "questioned", "occurred"),
    ("Officials say they will meet the rebels and sign a truce.", "sign", "planned"),
    ("The rebels seized the town last week.", "seized", "occurred"),
])
def test_status_follows_negation_and_coordination(text, word, status):
    assert _status(text, word) == status


def test_a_denied_event_is_marked_denied():
    from storyline.analyze.events import extract_events
    from storyline.analyze.nlp import parse

    events = extract_events(parse("Russia denied attacking the convoy near Kharkiv."), [], [], [], "2025-10-16")
    attack = next(e for e in events if e.type == "attack")
    assert attack.status == "denied"


def test_a_refused_release_did_not_happen():
    from storyline.analyze.events import extract_events
    from storyline.analyze.nlp import parse

    events = extract_events(parse("Israel refused to release the Palestinian prisoners."), [], [], [], "2025-10-16")
    assert all(e.status != "occurred" for e in events if e.type == "release")
