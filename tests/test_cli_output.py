"""Readable CLI output: quotes name their article, dates stay whole and in words, lists say when there is
more, search groups by article with one date format, and an archive given to `read` points to `ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readable_store import build_readable_store
from storyline.cli import app
from storyline.timewords import in_words

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return str(build_readable_store(tmp_path_factory.mktemp("out") / "s.db"))


def _run(*args: str, columns: int = 80):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})


def test_store_wide_quotes_name_their_article_with_its_date(db):
    done = _run("quotes", "--speaker", "Berg", "--db", db, "--limit", "2")
    assert done.exit_code == 0
    assert done.output.count("Dam holds as river floods · 2014-12-28") == 2


def test_lists_say_when_there_is_more(db):
    for command in (["quotes"], ["events"], ["entities"], ["stories"], ["articles"]):
        done = _run(*command, "--db", db, "--limit", "1")
        assert done.exit_code == 0
        if command[0] in ("quotes", "events", "articles"):
            assert "more" in done.stderr and "--limit" in done.stderr, command
    assert "more" not in _run("quotes", "--db", db, "--limit", "50").stderr


def test_event_times_are_in_words_and_the_date_column_stays_whole(db):
    done = _run("events", "--db", db, columns=60)
    assert "28 December 2014, morning" in done.output and "week 49 of 2004" in done.output
    assert "2014-12-28TMO" not in done.output and "undated" in done.output
    raw = json.loads(_run("events", "--db", db, "--json").stdout)
    assert {e["time"]["value"] for e in raw if e.get("time")} == {"2014-12-28TMO", "2004-W49"}  # JSON: raw


def test_timex_values_in_words():
    assert in_words("2004-W49") == "week 49 of 2004"
    assert in_words("2014-12-28TMO") == "28 December 2014, morning"
    assert in_words("2004-Q3") == "the third quarter of 2004"
    assert in_words("199X") == "the 1990s" and in_words("PRESENT_REF") == "now"
    assert in_words("P3D") == "3 days" and in_words("nonsense") == "nonsense"


def test_search_groups_hits_by_article_with_one_date_format(db):
    done = _run("search", "dam", "--db", db, "--limit", "2")
    assert done.exit_code == 0
    # the flood article's eight quotes do not push the council article off the page
    assert "Dam holds as river floods · 2014-12-28" in done.output
    assert "Council meets on the dam · 2014-12-30" in done.output
    assert "more in this article" in done.output
    assert "T09:15" not in done.output


def test_read_given_an_archive_points_to_ingest():
    for name in ("sample.warc", "sample.warc.gz", "pages.jsonl"):
        done = _run("read", str(FIXTURES / "store" / name))
        assert done.exit_code == 1
        assert "storyline ingest" in done.stderr and "Traceback" not in done.output
