"""Opening the store: read-only for queries (while another process writes, in a read-only folder, never
writing the file), back-off while the database is busy at open, and the query filters the CLI relies
on (speech without stances, a word start in search, a speaker found by a description of them)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from readonly_mount import run_on_read_only_mount
from store_records import trump_and_putin
from storyline.store import Store, StoreBusy, StoreError
from storyline.store.schema import SCHEMA_VERSION


def _filled(path: Path) -> Path:
    with Store.create(path) as writable:
        writable.add(*trump_and_putin())
    return path


def test_speech_only_leaves_out_beliefs_and_intentions(store):  # noqa: F811
    store.add(*trump_and_putin())
    assert len(store.quotes()) == 3
    assert [q["text"] for q in store.quotes(speech_only=True)] == ['"It was productive,"', '"We will meet soon,"']


def test_a_description_of_the_speaker_finds_all_their_quotes(store):  # noqa: F811
    store.add(*trump_and_putin())
    said = {q["text"] for q in store.quotes(speaker="the US president", speech_only=True)}
    assert said == {'"It was productive,"', '"We will meet soon,"'}


def test_search_matches_a_word_start(store):  # noqa: F811
    store.add(*trump_and_putin())
    hits = store.search("Budap*")
    assert hits and "[Budapest]" in hits[0]["snippet"]
    assert store.search("Budap") == []  # without the star a word matches whole words only
    assert store.search('Vlad* "Donald Trump"')  # a word start and a phrase together


def test_read_only_store_reads_while_another_process_writes(tmp_path):
    path = _filled(tmp_path / "s.db")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE elsewhere (x)")
    try:
        with Store(path, read_only=True, busy_timeout=0.5) as reader:
            assert reader.count() == 1 and reader.search("Budapest")
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_read_only_open_never_writes_the_file(tmp_path):
    path = _filled(tmp_path / "s.db")
    before = path.read_bytes()
    with Store(path, read_only=True) as reader:
        assert [a["title"] for a in reader.articles()] == ["Trump and Putin"]
    assert path.read_bytes() == before


def test_read_only_open_refuses_what_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("shopping list\n" * 50)
    with pytest.raises(StoreError, match="not a database"):
        Store(tmp_path / "notes.txt", read_only=True)
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE things (x)")
    other.close()
    with pytest.raises(StoreError, match="not a Storyline store"):
        Store(tmp_path / "other.db", read_only=True)
    assert sqlite3.connect(tmp_path / "other.db").execute("SELECT name FROM sqlite_master").fetchall() == [("things",)]


def test_read_only_open_migrates_an_older_store_first(tmp_path):
    path = _filled(tmp_path / "s.db")
    old = sqlite3.connect(path)
    old.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with Store(path, read_only=True) as reader:
        assert reader.schema_version == SCHEMA_VERSION and reader.quotes(speaker="Trump")


def test_read_only_folder(tmp_path):
    """In a folder nothing may be written to (a read-only bind mount in a user namespace)."""
    source, mounted = tmp_path / "src", tmp_path / "mnt"
    source.mkdir()
    mounted.mkdir()
    _filled(source / "s.db")
    script = f"from storyline.store import Store\nprint(Store({str(mounted / 's.db')!r}, read_only=True).count())"
    run = run_on_read_only_mount(source, mounted, script)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "1"


def _hold_lock(path: Path, seconds: float) -> threading.Event:
    """Hold a write transaction on a plain (rollback-journal) database in another thread for ``seconds``."""
    held = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE held (x)")
        held.set()
        threading.Event().wait(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    threading.Thread(target=hold, daemon=True).start()
    held.wait(5)
    return held


def test_opening_a_busy_database_for_writing_waits_and_retries(tmp_path):
    _hold_lock(tmp_path / "busy.db", 2.0)
    with pytest.raises(StoreBusy):
        Store.create(tmp_path / "busy.db", busy_timeout=0.1)
    with pytest.raises(StoreBusy, match="still busy after 1 retries"):
        Store.create(tmp_path / "busy.db", busy_timeout=0.1, busy_retries=(0.1,))
    with Store.create(tmp_path / "busy.db", busy_timeout=0.1, busy_retries=(0.3,) * 12) as opened:
        assert opened.open_retries >= 1 and opened.count() == 0
