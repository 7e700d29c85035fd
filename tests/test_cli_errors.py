"""Command-line errors and guard rails: the demo never replaces a file it did not make, a bad --db is
one clean line and exit 1 for every command, exit codes and named skipped pages for ingest, positive
--limit only, quotes from the store like quotes of a page (no stances unless --stance, speaker matching,
clean lines), --type values listed and checked, and help that says what to run."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store_records import trump_and_putin
from storyline.cli import app
from storyline.cli.demo import sample_files
from storyline.model import Article
from storyline.read import read
from storyline.store import Store

HERE = Path(__file__).parent
QUERIES = (["articles"], ["search", "Budapest"], ["quotes"], ["events"], ["entities"], ["stories"], ["export"])


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture()
def db(tmp_path) -> str:
    """A store with two quotes said by Trump (the second a continuation: no cue, a channel) and a stance."""
    article, analysis = trump_and_putin()
    continuation = replace(analysis.quotes[1], cue=None, channel="Truth Social")
    analysis.quotes = [analysis.quotes[0], continuation, analysis.quotes[2]]
    with Store.create(tmp_path / "q.db") as store:
        store.add(article, analysis)
    return str(tmp_path / "q.db")


def test_demo_refuses_to_replace_a_file_it_did_not_make(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = _run("demo", "--db", str(notes))
    assert result.exit_code == 1 and "--force" in result.output
    assert notes.read_text() == "my notes\n"
    mine = tmp_path / "mine.db"
    with Store.create(mine) as store:  # a store of the user's own pages is no demo store either
        store.add(Article(title="Mine", text="My own article.", source_path=str(tmp_path / "mine.txt")))
    assert _run("demo", "--db", str(mine)).exit_code == 1
    with Store(mine, read_only=True) as store:
        assert store.count() == 1


def test_demo_replaces_the_store_an_earlier_demo_made(tmp_path):
    earlier = tmp_path / "demo.db"
    sample = sample_files()[0]
    with Store.create(earlier) as store:
        store.add(Article(title="Old demo", text="An older reading.", source_path=str(sample)))
    result = _run("demo", "--db", str(earlier), "--limit", "1")
    assert result.exit_code == 0, result.output
    with Store(earlier, read_only=True) as store:
        assert [row["title"] for row in store.articles()] != ["Old demo"] and store.count() == 1


@pytest.mark.parametrize("command", QUERIES, ids=lambda c: c[0])
def test_a_bad_store_is_one_clean_line_for_every_command(tmp_path, command):
    (tmp_path / "notes.txt").write_text("not a database\n" * 20)
    for db in (tmp_path / "notes.txt", tmp_path, tmp_path / "absent.db"):
        result = _run(*command, "--db", str(db))
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and str(db) in lines[0]
    assert not (tmp_path / "absent.db").exists()


def test_query_commands_read_while_another_process_holds_a_write_lock(db):
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE elsewhere (x)")
    try:
        result = _run("search", "Budapest", "--db", db, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_ingest_of_nothing_readable_fails_and_names_the_pages(tmp_path):
    missing = [str(tmp_path / f"gone-{n}.txt") for n in range(12)]
    result = _run("ingest", *missing, str(tmp_path / "nothing*.txt"), "--db", str(tmp_path / "s.db"), "-q")
    assert result.exit_code == 1
    assert f"skipped {missing[0]}: no such file" in result.output and "… and 3 more" in result.output
    assert "error: nothing was ingested" in result.output
    as_json = _run("ingest", missing[0], "--db", str(tmp_path / "s.db"), "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["skipped_pages"] == [{"page": missing[0], "reason": "no such file or directory"}]


def test_ingest_of_some_readable_pages_succeeds(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Council votes on budget\n\nThe city council approved the budget on Monday, the mayor said.\n")
    result = _run("ingest", str(page), str(tmp_path / "gone.txt"), "--db", str(tmp_path / "s.db"), "-q")
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output and "gone.txt: no such file" in result.output


@pytest.mark.parametrize("command", [*QUERIES, ["ingest", "x.txt"]], ids=lambda c: c[0])
def test_a_negative_limit_is_refused(command):
    result = _run(*command, "--limit", "-1")
    assert result.exit_code == 2 and "--limit" in result.output


def test_store_quotes_leave_out_stances_unless_asked_and_print_cleanly(db):
    shown = _run("quotes", "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "to end the war" not in shown.output and "We will meet soon" in shown.output
    assert "Donald Trump · continued · Truth Social · direct" in shown.output and "  ·" not in shown.output
    with_stance = _run("quotes", "--db", db, "--stance")
    assert "to end the war" in with_stance.output and "stance (belief or intention)" in with_stance.output
    as_json = json.loads(_run("quotes", "--db", db, "--json").output)
    assert [q["attribution"] for q in as_json] == ["speech", "speech"]


def test_store_search_takes_a_word_start(db):
    result = _run("search", "Budap*", "--db", db)
    assert result.exit_code == 0 and "[Budapest]" in result.output
    assert "Budap*" in _run("search", "--help").output


def test_page_quotes_find_a_speaker_as_the_store_does(seed_path):
    def speakers(name: str) -> list[str]:
        result = _run("quotes", str(seed_path), "--speaker", name, "--json")
        assert result.exit_code == 0, result.output
        return [q["speaker_entity"] for q in json.loads(result.output)]

    assert speakers("Orban") and set(speakers("Orban")) == {"Victor Orbán"}
    trump = speakers("Trump")
    assert len(trump) > 2 and speakers("the US president") == trump


def test_type_options_list_their_values_and_refuse_others(db):
    assert "meeting" in _run("events", "--help").output and "PLATFORM" in _run("entities", "--help").output
    wrong = _run("events", "--db", db, "--type", "meetings")
    assert wrong.exit_code == 1 and "not one of" in wrong.output and "meeting" in wrong.output
    assert _run("entities", "--db", db, "--type", "person").exit_code == 0
    assert _run("entities", "--db", db, "--type", "people").exit_code == 1


def test_a_folder_given_to_a_one_page_command_says_what_to_run(tmp_path):
    result = _run("quotes", str(tmp_path))
    assert result.exit_code == 1
    assert "storyline ingest" in result.output and "storyline.read" not in result.output


def test_serve_help_names_the_openapi_schema():
    assert "/openapi.json" in _run("serve", "--help").output


def test_export_to_a_place_that_cannot_be_written_is_one_line(db, tmp_path):
    result = _run("export", "--db", db, "--out", str(tmp_path / "absent" / "rows.csv"), "--format", "csv")
    assert result.exit_code == 1 and result.output.startswith("error: cannot write")


def test_page_events_take_the_same_filters_as_the_store(seed_path):
    result = _run("events", str(seed_path), "--entity", "zelenskyy", "--from", "2025-10-18", "--json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    assert events and all("Volodomyr Zelensky" in e["participants"] for e in events)
    assert all(e["time"]["value"] >= "2025-10-18" for e in events)


@pytest.mark.parametrize("name", ["pages.json", "pages.jsonl", "crawl.warc.gz", "news.rss"])
def test_a_page_command_on_a_source_of_pages_says_to_ingest_it(tmp_path, name):
    source = tmp_path / name
    source.write_text('{"text": "Prime Minister Rishi Sunak said the plan would work.", "title": "Plan"}\n')
    result = _run("quotes", str(source))
    assert result.exit_code == 1 and "storyline ingest" in result.output and "Traceback" not in result.output


def test_export_refuses_a_file_name_that_names_no_format(tmp_path, seed_path):
    db = tmp_path / "s.db"
    with Store.create(db) as store:
        store.add(read(seed_path))
    result = _run("export", "--what", "articles", "--db", str(db), "-o", str(tmp_path / "a.csv.gz"))
    assert result.exit_code == 1 and "cannot tell the export format" in result.output
    assert _run("export", "--what", "articles", "--db", str(db), "--format", "csv",
                "-o", str(tmp_path / "a.csv.gz")).exit_code == 0


def test_a_page_in_another_language_says_why_nothing_is_found(tmp_path):
    page = tmp_path / "fr.txt"
    page.write_text("Le président a déclaré que la situation était grave. « Nous devons agir maintenant », "
                    "a-t-il dit devant les journalistes réunis à Paris pour la conférence de presse du gouvernement.\n")
    result = _run("quotes", str(page))
    assert result.exit_code == 0 and "reads English only" in result.output
