"""Exports use the names the query commands print with ``--json``: JSONL rows are those rows, CSV and
Parquet flatten their nested objects into dotted columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.pipeline.ingest import ingest
from storyline.store import Store
from storyline.store.export import COLUMNS, flat_row

WHATS = ("articles", "quotes", "events", "entities")


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_path) -> str:
    path = str(tmp_path_factory.mktemp("export") / "seed.db")
    with Store.create(path) as store:
        assert ingest([seed_path], store).stored == 1
    return path


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _flat_names(value, prefix: str = "") -> set[str]:
    """The dotted names of a JSON row's scalars and lists (what a flat table needs as columns)."""
    if isinstance(value, dict):
        return {name for key, item in value.items() for name in _flat_names(item, f"{prefix}{key}.")}
    return {prefix[:-1]}


@pytest.mark.parametrize("what", WHATS)
def test_jsonl_rows_are_the_json_rows_of_the_query_command(db, what):
    shown = json.loads(_cli(what, "--json", "--limit", "1000", "--db", db))
    exported = [json.loads(line) for line in _cli("export", "--what", what, "--db", db).splitlines()]
    assert shown, f"the seed store has no {what}"
    key = (lambda row: (row["article_id"], row["position"])) if what in ("quotes", "events") \
        else (lambda row: row["id"])
    by_key = {key(row): row for row in exported}
    for row in shown:
        # exported articles also carry their text, authors, language and hash
        assert by_key[key(row)] | row == by_key[key(row)]


@pytest.mark.parametrize("what", WHATS)
def test_csv_columns_are_the_json_names_flattened_with_dots(db, what):
    shown = json.loads(_cli(what, "--json", "--limit", "1000", "--db", db))
    header = next(csv.reader(io.StringIO(_cli("export", "--format", "csv", "--what", what, "--db", db))))
    assert header == [name for name, _ in COLUMNS[what]]
    for row in shown:
        # a null object ("cue": null) still has its dotted columns
        assert all(name in header or any(h.startswith(name + ".") for h in header) for name in _flat_names(row))


def test_seed_quotes_and_events_flattened(db):
    rows = list(csv.DictReader(io.StringIO(_cli("export", "--format", "csv", "--what", "quotes", "--db", db))))
    trump = [r for r in rows if r["speaker_name"] == "Donald Trump"]
    assert trump and all(r["speaker.text"] for r in trump) and any(r["cue.text"] for r in trump)
    assert int(trump[0]["speaker.end"]) > int(trump[0]["speaker.start"])
    events = list(csv.DictReader(io.StringIO(_cli("export", "--format", "csv", "--what", "events", "--db", db))))
    call = next(e for e in events if e["type"] == "phone_call")
    assert call["trigger.text"] and call["time.value"] and call["id"].startswith("ev-")
    assert "Donald Trump" in json.loads(call["participants"])


def test_parquet_has_the_csv_columns_and_types(db, tmp_path):
    out = tmp_path / "events.parquet"
    _cli("export", "--format", "parquet", "--what", "events", "--out", str(out), "--db", db)
    table = pq.read_table(out)
    assert table.schema.names == [name for name, _ in COLUMNS["events"]]
    assert str(table.schema.field("trigger.start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"


def test_flat_row_reads_nested_values_and_tolerates_missing_ones():
    columns = [("speaker.text", "string"), ("time.value", "string"), ("fragments", "json")]
    assert flat_row({"speaker": {"text": "Trump"}, "time": None}, columns) == {
        "speaker.text": "Trump", "time.value": None, "fragments": "[]"}


def test_docs_list_the_export_columns():
    docs = (Path(__file__).parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    for what in WHATS:
        line = next(line for line in docs.splitlines() if line.startswith(f"| {what} |"))
        assert line.split("|")[2].strip().replace("`", "").split(", ") == [name for name, _ in COLUMNS[what]]
