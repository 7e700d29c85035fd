"""Query commands on the seed article: digest counts speech and
stances apart, --speaker finds a role, export takes its format from the file name and refuses a
contradiction, lists say when they stopped at --limit, search reads OR and -word, and a bad --db or
entity name is one clear line."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import storyline
from readonly_mount import run_on_read_only_mount
from storyline.cli import app
from storyline.read import read
from storyline.store import Store


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture()
def db(tmp_path, seed_analysis) -> str:
    """The seed, and two short articles so lists can be cut at --limit."""
    with Store.create(tmp_path / "seed.db") as store:
        store.add(seed_analysis.article, seed_analysis)
        for n in (1, 2):
            text = f"Budapest hosted meeting number {n} of the council on Monday."
            store.add(read(text.encode(), url=f"https://example.org/{n}"), storyline.analyze(text))
    return str(tmp_path / "seed.db")


def test_digest_counts_speech_quotes_and_stances_apart(seed_path, seed_analysis):
    analysis = seed_analysis
    stances = sum(q.attribution == "stance" for q in analysis.quotes)
    output = " ".join(_run("digest", str(seed_path)).output.split())
    assert f"{len(analysis.quotes) - stances} quotes ({stances} stance" in output  # "1 stance:" or "3 stances:"
    full = json.loads(_run("digest", str(seed_path), "--json").output)
    assert len(full["quotes"]) == len(analysis.quotes)  # --json still lists every item with its attribution


def test_speaker_role_in_a_page_and_no_prefix_of_a_short_word(seed_path):
    found = json.loads(_run("quotes", str(seed_path), "--speaker", "spokesperson", "--json").output)
    assert {q["speaker_entity"] for q in found} == {"Karoline Leavitt"}
    us = json.loads(_run("quotes", str(seed_path), "--speaker", "US", "--json").output)
    assert "Yuri Ushakov" not in {q["speaker_entity"] for q in us}


def test_export_format_follows_the_file_name(db, tmp_path):
    out = tmp_path / "quotes.parquet"
    assert _run("export", "--what", "quotes", "-o", str(out), "--db", db).exit_code == 0
    assert pq.read_table(out).num_rows > 0
    refused = _run("export", "--json", "--format", "csv", "--db", db)
    assert refused.exit_code == 1 and "--json" in refused.output and "csv" in refused.output
    clash = _run("export", "--format", "parquet", "-o", str(tmp_path / "a.csv"), "--db", db)
    assert clash.exit_code == 1 and "a.csv" in clash.output and not (tmp_path / "a.csv").exists()
    assert _run("export", "-o", str(tmp_path / "a.csv"), "--db", db).exit_code == 0
    assert (tmp_path / "a.csv").read_text().startswith("id,")


def test_lists_say_when_more_rows_exist(db):
    cut = _run("articles", "--limit", "2", "--db", db)
    assert "1–2 of 3" in cut.output and "--offset" in cut.output
    assert "of 3" not in _run("articles", "--db", db).output
    assert "--offset" in _run("search", "Budapest", "--limit", "1", "--db", db).output
    rest = _run("search", "Budapest", "--limit", "50", "--offset", "1", "--db", db).output
    assert "--offset" not in rest and "no matches" not in rest


def test_search_or_not_and_about_syntax(db):
    both = json.loads(_run("search", "Budapest OR Tomahawks", "--json", "--limit", "100", "--db", db).output)
    assert len(both) > len(json.loads(_run("search", "Tomahawks", "--json", "--db", db).output))
    without = json.loads(_run("search", "Budapest -Moscow", "--json", "--limit", "100", "--db", db).output)
    assert without and all("Moscow" not in h["snippet"] for h in without)
    only_not = _run("search", "--db", db, "--", "-Moscow")
    assert only_not.exit_code == 1 and "word that must match" in only_not.output
    about = json.loads(_run("quotes", "--about", "Budap*", "--json", "--db", db).output)
    assert about and all("Budapest" in q["text"] for q in about)


def test_entities_by_name_and_explain_of_an_unknown_name(db):
    named = _run("entities", "--name", "Orban", "--db", db)
    assert "Victor Orbán" in named.output and "Putin" not in named.output
    unknown = _run("entities", "--explain", "Nobody Here", "--db", db)
    assert unknown.exit_code == 1 and "ingest" in unknown.output  # this store has no cross-document links
    with Store.create(db) as store:
        article_id = store.article_ids()[0]
        store.save_entities([{"id": "person:orban", "name": "Viktor Orbán", "type": "PERSON", "aliases": [],
                              "roles": ["prime minister"], "article_ids": [article_id],
                              "members": [{"article_id": article_id, "entity_id": "e1", "name": "Orbán"}],
                              "evidence": []}])
    linked = _run("entities", "--explain", "Nobody Here", "--db", db)
    assert linked.exit_code == 1 and "no entity named 'Nobody Here'" in linked.output
    assert "Viktor Orbán" in _run("entities", "--name", "prime minister", "--db", db).output


@pytest.mark.parametrize("url", ["mysql://user@host/db", "https://example.org/store"])
def test_an_unsupported_db_url_names_the_supported_ones(url):
    result = _run("articles", "--db", url)
    assert result.exit_code == 1 and "PostgreSQL" in result.output and "Traceback" not in result.output


def test_ingest_into_a_read_only_folder_says_so(tmp_path, seed_path):
    """A read-only bind mount in a user namespace: root may write any file, but not there."""
    source, mounted = tmp_path / "src", tmp_path / "mnt"
    source.mkdir()
    mounted.mkdir()
    script = "import sys\nfrom storyline.cli import app\nsys.argv[0] = 'storyline'\napp()"
    run = run_on_read_only_mount(source, mounted, script, "ingest", str(seed_path), "-q", "--db", str(mounted / "new.db"))
    assert run.returncode == 1
    assert "is read-only" in run.stderr and "Traceback" not in run.stderr
