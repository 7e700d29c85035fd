"""``storyline serve``: refuses a missing store with a clear message, and starts the app as asked."""

from __future__ import annotations

from typer.testing import CliRunner

from serve_sample_store import build_sample_store
from storyline.cli import app


def test_serve_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "storyline ingest" in result.output
    assert not (tmp_path / "absent.db").exists()  # serving never creates a store


def test_serve_starts_the_app_with_its_options(tmp_path, monkeypatch):
    import uvicorn

    from storyline.analyze import nlp

    store, _ = build_sample_store(tmp_path / "served.db")
    store.close()
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **kwargs: started.update(app=web_app, **kwargs))
    monkeypatch.setattr(nlp, "get_nlp", lambda: None)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "served.db"), "--port", "8123",
                                      "--allow-fetch"])
    assert result.exit_code == 0, result.output
    assert started["port"] == 8123 and started["host"] == "127.0.0.1"
    assert started["app"].state.allow_fetch is True
