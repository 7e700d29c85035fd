"""TIMEX3 tagging and normalisation on real news sentences and the seed article."""

from __future__ import annotations

import pytest

from storyline.analyze.nlp import parse
from storyline.analyze.timex import tag_timexes

SEED_PUBLISHED = "2025-10-16"


def values(text: str, anchor: str | None) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag_timexes(parse(text), anchor)}


@pytest.fixture(scope="module")
def seed_timexes(seed_path):
    return tag_timexes(parse(seed_path.read_text(encoding="utf-8")), SEED_PUBLISHED)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("tomorrow", "DATE", "2025-10-17"),
        ("yesterday", "DATE", "2025-10-15"),
        ("Tuesday", "DATE", "2025-10-14"),
        ("two months ago", "DATE", "2025-08"),
        ("August", "DATE", "2025-08"),
        ("October 15, 2025", "DATE", "2025-10-15"),
        ("the next two weeks", "DURATION", "P2W"),
    ],
)
def test_seed_targets(seed_timexes, text, kind, value):
    found = {(t.text, t.type, t.value) for t in seed_timexes}
    assert (text, kind, value) in found


def test_seed_relative_values_record_the_anchor(seed_timexes):
    tomorrow = next(t for t in seed_timexes if t.text == "tomorrow")
    assert tomorrow.anchor == SEED_PUBLISHED
    assert SEED_PUBLISHED in tomorrow.evidence[0].reason
    within = next(t for t in seed_timexes if t.text == "the next two weeks")
    assert within.mod == "EQUAL_OR_LESS"


def test_without_anchor_absolute_dates_keep_values_and_relative_ones_are_flagged():
    timexes = {t.text: t for t in tag_timexes(parse("On October 15, 2025 he said the talks end tomorrow."), None)}
    assert timexes["October 15, 2025"].value == "2025-10-15"
    assert "unanchored" not in timexes["October 15, 2025"].flags
    assert timexes["tomorrow"].flags == ["unanchored"]
    assert timexes["tomorrow"].value == "XXXX-XX-XX"


def test_unusable_anchor_is_treated_as_missing():
    (timex,) = tag_timexes(parse("The vote is next week."), "not a date")
    assert timex.flags == ["unanchored"]


def test_tense_decides_the_weekday():
    # 2025-10-16 is a Thursday.
    assert values("The ministers met on Monday.", "2025-10-16")["Monday"] == ("DATE", "2025-10-13")
    assert values("The ministers will meet on Monday.", "2025-10-16")["Monday"] == ("DATE", "2025-10-20")


def test_tense_decides_the_month():
    assert values("Trade rose in March.", "2025-10-16")["March"] == ("DATE", "2025-03")
    assert values("The summit will take place in March.", "2025-10-16")["March"] == ("DATE", "2026-03")


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value"),
    [
        ("The war has lasted three years.", "three years", "DURATION", "P3Y"),
        ("He signed a two-year contract.", "two-year", "DURATION", "P2Y"),
        ("Inspectors visit every week.", "every week", "SET", "P1W"),
        ("The paper is published daily.", "daily", "SET", "P1D"),
        ("Profit fell in the third quarter of 1998.", "the third quarter of 1998", "DATE", "1998-Q3"),
        ("Prices soared in the 1990s.", "the 1990s", "DATE", "199"),
        ("Sales rose last year.", "last year", "DATE", "2024"),
        ("Shares fell last week.", "last week", "DATE", "2025-W41"),
        ("The plant will reopen next month.", "next month", "DATE", "2025-11"),
        ("Exports rose earlier this year.", "earlier this year", "DATE", "2025"),
        ("Prices are high now.", "now", "DATE", "PRESENT_REF"),
        ("The firm was sold last fall.", "last fall", "DATE", "2024-FA"),
        ("The polls close at 8 p.m. Tuesday.", "8 p.m. Tuesday", "TIME", "2025-10-14T20:00"),
        ("The deal was reached on 3 March 2024.", "3 March 2024", "DATE", "2024-03-03"),
        ("Sales will grow in the coming weeks.", "the coming weeks", "DATE", "FUTURE_REF"),
        ("Keating was convicted in nineteen ninety-one.", "nineteen ninety-one", "DATE", "1991"),
        ("The refugees lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("A minute and a half later the pilot called.", "A minute and a half", "DURATION", "PT1M30S"),
        ("Third-quarter profit rose 5%.", "Third-quarter", "DATE", "2025-Q3"),
        ("Profit fell in the year-ago third quarter.", "the year-ago third quarter", "DATE", "2024-Q3"),
        ("Shares closed at 1:30 p.m. EDT on Monday.", "1:30 p.m. EDT", "TIME", "2025-10-13T13:30"),
        ("He fled in June 1998 and returned later that year.", "later that year", "DATE", "1998"),
        ("The plant reopened on May 3, 1999, and the strike ended the next day.", "the next day", "DATE",
         "1999-05-04"),
        ("The company expects to close the deal by year-end.", "year-end", "DATE", "2025"),
        ("Revenue was $76 million for the year ended March 31.", "the year", "DURATION", "P1Y"),
        ("Officials postponed until Tuesday morning any action on the case.", "Tuesday morning", "TIME",
         "2025-10-21TMO"),
        ("He stepped down as chairman in March for health reasons.", "March", "DATE", "2025-03"),
        ("Prices peaked in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE",
         "1994-WI"),
        ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "DATE", "1997-01"),
        ("A court hearing is set for the week of November 3.", "the week of November 3", "DATE", "2025-W45"),
        ("He was shot last October and his name was crossed out that same day.", "that same day", "DATE",
         "2024-10-XX"),
        ("The blast occurred at 10:35 a.m. (0735 GMT) Monday.", "10:35 a.m.", "TIME", "2025-10-13T10:35"),
        ("He was shot to death last Oct. 3 at his home.", "Oct. 3", "DATE", "2025-10-03"),
        ("Kidnappings have risen in recent years.", "recent years", "DURATION", "PXY"),
        ("Funds will sell junk bonds in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
        ("Lawyers emerged from their third day-long meeting.", "day-long", "DURATION", "P1D"),
        ("The day before last Tuesday's hearing, he visited.", "day before last Tuesday", "DATE", "2025-10-13"),
        ("He was shot on Oct. 3, 2025. He died at 10 p.m. in hospital.", "10 p.m.", "TIME", "2025-10-03T22:00"),
        ("The index fell on Friday, down 4% from the previous Friday.", "the previous Friday", "DATE",
         "2025-10-03"),
    ],
)
def test_expression_values(sentence, text, kind, value):
    assert values(sentence, "2025-10-16")[text] == (kind, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 52-year-old driver earns $500 a week and is 37 years old.",
        "After the fall of Kabul, the embassy closed.",
        "He told USA Today that Jan Kavan may march with them.",
        "Iraq imports about three-quarters of its food.",
        "Unions held a March for Jobs.",
        "He said so on CBS's 60 Minutes.",
    ],
)
def test_not_time_expressions(sentence):
    assert values(sentence, "2025-10-16") == {}


def test_leap_day_without_a_leap_year_nearby_does_not_fail():
    (timex,) = tag_timexes(parse("The law passed on Feb. 29."), "2026-06-01")
    assert timex.value.endswith("-02-29")


def test_signal_records_the_preposition(seed_timexes, seed_path):
    tuesday = next(t for t in seed_timexes if t.text == "Tuesday")
    assert tuesday.signal is not None and tuesday.signal.text == "On"
    assert seed_path.read_text(encoding="utf-8")[tuesday.signal.start:tuesday.signal.end] == "On"


def test_numbers_in_paths_are_not_dates():
    assert values("See https://x.com/1s/2025/10/17/06/1030.jpg for the picture.", "2025-10-16") == {}


def test_a_quarter_told_a_year_back_is_last_years_quarter_in_focus():
    found = values("Net rose in the third quarter. It compares with a loss for the corresponding period last year "
                   "and with sales for last year's quarter.", "2025-10-16")
    assert found["the corresponding period last year"] == ("DATE", "2024-Q3")
    assert found["last year's quarter"] == ("DATE", "2024-Q3")


def test_after_a_span_of_months_a_year_earlier_is_the_year_before():
    text = ("Net rose in the third quarter from a year earlier. For the nine months, earnings rose from "
            "a loss a year earlier. The year-ago results were restated.")
    found = [(t.text, t.value) for t in tag_timexes(parse(text), "2025-10-16")]
    assert [value for phrase, value in found if phrase in ("a year earlier", "year-ago")] == ["2024-Q3", "2024",
                                                                                            "2024"]


def test_a_year_ago_compares_with_the_quarter_reported_not_one_forecast():
    text = ("Third-quarter profit fell. Analysts expect weakness through the first quarter of 2026. "
            "In the year-ago period, the company earned $1 million.")
    found = values(text, "2025-10-16")
    assert found["the year-ago period"] == ("DATE", "2024-Q3")
