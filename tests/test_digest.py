"""`storyline digest` on the seed: the JSON contract and time expressions found in captions."""

import json

from typer.testing import CliRunner

from storyline.cli import app


def test_digest_json_has_every_layer_and_caption_dates(seed_path):
    result = CliRunner().invoke(app, ["digest", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"article", "entities", "quotes", "timexes", "events"} <= data.keys()
    text = data["article"]["text"]
    for timex in data["timexes"]:
        assert text[timex["start"]:timex["end"]] == timex["text"]
    found = {(t["text"], t["value"]) for t in data["caption_timexes"]}
    assert ("two months ago", "2025-08") in found
    assert ("October 15, 2025", "2025-10-15") in found


def test_digest_of_a_missing_file_is_a_clean_error():
    result = CliRunner().invoke(app, ["digest", "no/such/file.html"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_caption_mentions_join_the_body_entity(seed_path):
    result = CliRunner().invoke(app, ["digest", str(seed_path), "--json"])
    trump = next(e for e in json.loads(result.stdout)["entities"] if e["name"] == "Donald Trump")
    assert {"President Donald Trump", "US President Donald Trump", "POTUS", "Trump"} <= set(trump["aliases"])
    assert any(m["where"] for m in trump["mentions"])


def test_digest_reads_stdin():
    text = "Putin met Trump in Budapest on Monday, officials said."
    result = CliRunner().invoke(app, ["digest", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["text"] == text


def test_events_with_a_bad_date_option_is_a_clean_error():
    result = CliRunner().invoke(app, ["events", "--from", "notadate"])
    assert result.exit_code == 1
    assert "expected a date" in result.output
