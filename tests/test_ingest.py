"""Ingest end to end: counts and reasons, idempotence, resume after SIGKILL, busy database, full disk,
worker processes, and the CLI (ingest, search, articles, export)."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from storyline.cli import app
from storyline.pipeline import ingest as ingest_module
from storyline.pipeline import local as local_module
from storyline.pipeline.ingest import ingest
from storyline.store import Store

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "store"
CORPUS = HERE.parent / "examples" / "corpus"
WHATS = ("articles", "quotes", "events", "entities")


def _exports(store: Store) -> dict[str, str]:
    out = {}
    for what in WHATS:
        buffer = io.StringIO()
        store.export("jsonl", what, buffer)
        out[what] = buffer.getvalue()
    return out


def _corpus(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def test_bad_input_is_skipped_with_reasons_and_twice_changes_nothing(tmp_path):
    sources = [FIXTURES / "sample.warc.gz", FIXTURES / "feed.rss", FIXTURES / "not-a-feed.rss",
               FIXTURES / "pages.jsonl", tmp_path / "missing.html"]
    with Store.create(tmp_path / "s.db") as store:
        first = ingest(sources, store, follow_links=False)
        assert first.stored == 7  # 3 WARC articles, 2 feed items, 2 JSONL pages
        assert first.read == 14 and first.duplicates == 0 and first.skipped_total == 7
        assert set(first.skipped) == {"corrupt WARC record", "not HTML (image/png)", "HTTP status 404",
                                      "not a usable feed", "not JSON", "no html, content or text field",
                                      "no such file or directory"}
        before = _exports(store)
        second = ingest(sources, store, follow_links=False)
        assert second.stored == 0 and second.duplicates == 7
        assert _exports(store) == before
        assert "Elm river" in before["articles"] and "Valley Rovers" in before["articles"]


def test_cli_export_is_byte_identical_after_ingesting_twice(tmp_path, seed_path):
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    args = ["ingest", str(FIXTURES / "sample.warc"), str(seed_path), "--db", db, "--quiet"]
    assert runner.invoke(app, args).exit_code == 0
    exports = [runner.invoke(app, ["export", "--format", fmt, "--what", what, "--db", db]).stdout_bytes
               for fmt in ("jsonl", "csv") for what in WHATS]
    result = runner.invoke(app, [*args, "--json"])
    assert json.loads(result.stdout)["duplicates"] == 4
    again = [runner.invoke(app, ["export", "--format", fmt, "--what", what, "--db", db]).stdout_bytes
             for fmt in ("jsonl", "csv") for what in WHATS]
    assert exports == again and b"Budapest" in exports[0]


def test_cli_search_budapest_returns_the_seed_highlighted(tmp_path, seed_path):
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["ingest", str(seed_path), str(FIXTURES / "sample.warc"), "--db", db, "--quiet"])
    hits = json.loads(runner.invoke(app, ["search", "Budapest", "--db", db, "--json"]).stdout)
    seed_id = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    seed_id = next(a["id"] for a in seed_id if "valley.example" not in (a["url"] or ""))
    assert hits[0]["id"] == seed_id and "[Budapest]" in hits[0]["snippet"]
    shown = runner.invoke(app, ["search", "Budapest", "--db", db]).stdout
    assert "Budapest" in shown and "Putin" in shown
    missing = runner.invoke(app, ["search", "Budapest", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store" in missing.output


INGEST_SCRIPT = """
import sys
from storyline.store import Store
from storyline.pipeline.ingest import ingest
with Store.create(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, batch_size=1)
"""


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = _corpus(tmp_path, 14)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    process = subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, str(killed), str(corpus)])
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        if killed.exists():
            try:
                with sqlite3.connect(killed, timeout=0.1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
        if stored >= 3:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    assert 3 <= stored < 14, "the ingest must be killed half-way"
    with Store.create(killed) as store:
        resumed = ingest([corpus], store)
        assert resumed.duplicates >= stored and resumed.stored + resumed.duplicates == 14
        after_kill = _exports(store)
    with Store.create(clean) as store:
        ingest([corpus], store)
        assert _exports(store) == after_kill


def test_busy_database_is_retried_then_skipped_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "BUSY_RETRIES", (0.3,) * 8)
    path = tmp_path / "s.db"
    with Store.create(path, busy_timeout=0.1) as store:
        locker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        locker.execute("BEGIN IMMEDIATE")

        def wait_then_release(_seconds: float) -> None:  # the other writer finishes while ingest waits
            if locker.in_transaction:
                locker.execute("COMMIT")

        monkeypatch.setattr(ingest_module, "time", SimpleNamespace(perf_counter=time.perf_counter,
                                                                    sleep=wait_then_release))
        summary = ingest([FIXTURES / "sample.warc"], store)
        assert summary.retries >= 1 and summary.stored == 3
        monkeypatch.setattr(ingest_module, "time", time)
        monkeypatch.setattr(ingest_module, "BUSY_RETRIES", (0.05, 0.05))
        locker.execute("BEGIN IMMEDIATE")  # now held for good
        summary = ingest([FIXTURES / "feed.rss"], store, follow_links=False)
        locker.execute("COMMIT")
        assert summary.stored == 0 and summary.skipped == {"database busy after 2 retries": 2}
        assert store.count() == 3  # nothing stored before was lost


def test_full_disk_stops_keeps_what_was_committed_and_resumes(tmp_path):
    corpus = _corpus(tmp_path, 6)
    path = tmp_path / "s.db"
    with Store.create(path) as store:
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

        @event.listens_for(store.engine, "connect")
        def _small_disk(dbapi_conn, _record) -> None:  # the database may not grow past a few pages
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 12}")

        store.engine.dispose()
        summary = ingest([corpus], store, batch_size=1)
        assert summary.aborted and "disk full" in summary.aborted
        kept = store.count()
        assert 0 < kept < 6
    with Store.create(path) as store:  # room again: rerun resumes
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        resumed = ingest([corpus], store)
        assert resumed.duplicates == kept and resumed.stored == 6 - kept
        after = _exports(store)
    with Store.create(tmp_path / "clean.db") as clean:
        ingest([corpus], clean)
        assert _exports(clean) == after


@pytest.mark.slow
def test_two_workers_store_the_same_as_one(tmp_path):
    corpus = _corpus(tmp_path, 8)
    with Store.create(tmp_path / "one.db") as one, Store.create(tmp_path / "two.db") as two:
        ingest([corpus], one, workers=1, batch_size=2)
        summary = ingest([corpus], two, workers=2, batch_size=2)
        assert summary.stored == 8
        assert _exports(one) == _exports(two)


def test_cli_ingests_stdin_and_reports_bad_sources(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    text = ("Title: Harbour crane collapses\nDate: 2024-06-01\n\n"
            "A crane collapsed at the harbour on Saturday morning. Nobody was hurt, the port authority said.")
    result = runner.invoke(app, ["ingest", "-", str(FIXTURES / "not-a-feed.rss"), "--db", db, "--json"],
                           input=text)
    summary = json.loads(result.stdout)
    assert result.exit_code == 0 and summary["stored"] == 1
    assert summary["skipped_reasons"] == {"not a usable feed": 1}
    listed = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert listed[0]["title"] == "Harbour crane collapses"


def _die(pages, batch_size, *caps):
    os._exit(3)  # a worker killed mid-batch (as by the OOM killer)


def test_a_dead_worker_stops_the_ingest_with_a_reason_instead_of_hanging(tmp_path, monkeypatch):
    monkeypatch.setattr(local_module, "process_pages", _die)
    with Store.create(tmp_path / "s.db") as store:
        summary = ingest([FIXTURES / "sample.warc"], store, workers=2)
        assert summary.aborted == "a worker process died (out of memory?)" and store.count() == 0


def test_a_syndicated_copy_is_stored_and_counted_as_a_copy(tmp_path):
    body = ("The city council voted on Tuesday to close the old Elm river bridge after engineers found "
            "deep cracks in two of its supports. Repairs will take at least six months, the mayor said, "
            "and a ferry will carry commuters across the river in the meantime.\n\n"
            "Residents who rely on the bridge said the closure would add an hour to their daily trips. "
            "The council promised a public meeting next week to explain the plans.")
    (tmp_path / "a.txt").write_text(f"Title: Council closes Elm bridge\nDate: 2025-10-14\n\n{body}\n")
    (tmp_path / "b.txt").write_text(f"Title: Elm river bridge shut after cracks found\nDate: 2025-10-15\n\n{body}"
                                    "\n\nSubscribe to our newsletter for more local news.\n")
    with Store.create(tmp_path / "s.db") as store:
        summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store)
    assert summary.stored == 2 and summary.copies == 1


def test_a_saved_file_keeps_the_date_in_its_name(tmp_path, seed_path):
    saved = tmp_path / "metro-2025-10-16-trump-putin-budapest.txt"
    saved.write_bytes(seed_path.read_bytes())
    with Store.create(tmp_path / "s.db") as store:
        summary = ingest([saved], store, update_stories=False)
        assert summary.stored == 1
        [article] = store.articles()
        assert article["published"] == "2025-10-16"
        zelensky = [e for e in store.events(entity="Zelensky") if e["type"] == "meeting"]
        assert any((e.get("time") or {}).get("value") == "2025-10-17" for e in zelensky)


def test_an_archive_s_file_name_does_not_date_its_records(tmp_path):
    from warc_builder import records, write_warc

    archive = write_warc(tmp_path / "crawl-2024-03-01.warc.gz", records(), compressed=True)
    with Store.create(tmp_path / "s.db") as store:
        summary = ingest([archive], store, update_stories=False)
        assert summary.stored >= 1
        assert all(row["published"] != "2024-03-01" for row in store.articles())
