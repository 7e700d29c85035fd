"""Tolerant JSON-LD: smart quotes, primes, durations without P, offsets without a colon."""

from __future__ import annotations

from storyline.read import dates, jsonld


def test_smart_quoted_object_is_found_and_parsed():
    text = "intro {“@context”:”https://schema.org”,”@type”:”VideoObject”,”name”:”He said ‘yes'”,”height”:270,”uploadDate”:”2025-10-17T06:31:39+0100″} outro"
    ((start, end, data),) = list(jsonld.find_objects(text))
    assert text[start] == "{" and text[end - 1] == "}"
    assert data == {"@context": "https://schema.org", "@type": "VideoObject", "name": "He said ‘yes'", "height": 270,
                    "uploadDate": "2025-10-17T06:31:39+0100"}


def test_trailing_comma_and_raw_newlines_are_repaired():
    assert jsonld.loads_tolerant('{"a": "one\ntwo", "b": [1, 2,],}') == {"a": "one two", "b": [1, 2]}
    assert jsonld.loads_tolerant('{"a": ') is None


def test_durations():
    assert jsonld.duration_seconds("T3M54S") == 234
    assert jsonld.duration_seconds("PT1M44S") == 104
    assert jsonld.duration_seconds("PT1H") == 3600
    assert jsonld.duration_seconds("95") == 95
    assert jsonld.duration_seconds("soon") is None


def test_dates_normalise_offsets_and_keep_day_only_without_timezone():
    assert dates.normalise("2025-10-17T06:31:39+0100")[0] == "2025-10-17T06:31:39+01:00"
    assert dates.normalise("2008-01-14T10:00:00Z")[0] == "2008-01-14T10:00:00+00:00"
    assert dates.normalise("Jan. 10, 2008 12:00 AM")[0] == "2008-01-10"
    assert dates.normalise("not a date") is None
