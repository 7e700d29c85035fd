"""A store knows it is a store: Storyline marks its databases, and opens nothing else, writes included."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import Store, StoreError
from storyline.store.schema import APPLICATION_ID

PAGE = Path(__file__).parent / "fixtures" / "store"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    return path


def test_a_new_store_carries_the_mark(tmp_path):
    with Store.create(tmp_path / "new.db") as store:
        assert store.count() == 0
    header = sqlite3.connect(tmp_path / "new.db").execute("PRAGMA application_id").fetchone()[0]
    assert header == APPLICATION_ID


def test_opening_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="no store at .*storyline ingest"):
        Store(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("command", [["ingest"], ["articles"], ["search", "word"], ["export", "--what", "quotes"]])
def test_every_command_refuses_another_programs_database_and_leaves_it_unchanged(tmp_path, command):
    other = _foreign(tmp_path / "other.db")
    before = _digest(other)
    args = [*command, "--db", str(other)]
    if command == ["ingest"]:
        args.insert(1, str(PAGE / "sample.warc"))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "not a Storyline store" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_an_empty_database_that_is_not_new_is_refused(tmp_path):
    empty = tmp_path / "empty.db"
    conn = sqlite3.connect(empty)
    conn.execute("PRAGMA user_version = 7")  # a SQLite file with a header and no tables
    conn.close()
    before = _digest(empty)
    with pytest.raises(StoreError, match="empty SQLite database"):
        Store.create(empty)
    with pytest.raises(StoreError, match="empty SQLite database"):
        Store(empty, read_only=True)
    assert _digest(empty) == before


def test_a_zero_byte_file_is_a_new_store_only_when_creating(tmp_path):
    blank = tmp_path / "blank.db"
    blank.touch()
    with pytest.raises(StoreError, match="empty file"):
        Store(blank, read_only=True)
    with Store.create(blank) as store:
        assert store.count() == 0


def test_a_store_from_before_the_mark_opens_and_is_marked_on_its_next_write(tmp_path):
    path = tmp_path / "old.db"
    with Store.create(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")  # migrated on the next write open
    conn.commit()
    conn.close()
    with Store(path, read_only=True) as store:
        assert store.count() == 0
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_current_store_without_the_mark_is_marked_when_opened_for_writing(tmp_path):
    path = tmp_path / "unmarked.db"
    with Store.create(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.count() == 0
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
