"""``storyline read``: summary, --json (the contract's keys), --format md|txt, directories, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "read"
runner = CliRunner()


def test_summary(seed_path):
    result = runner.invoke(app, ["read", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "Donald Trump and Putin set to meet" in result.output and "Metro" in result.output
    assert "credit: AFP/Getty" in " ".join(result.output.split())


def test_json_follows_the_contract(seed_path):
    result = runner.invoke(app, ["read", "--json", str(seed_path)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    for key in ("title", "publisher", "authors", "published", "modified", "language", "url", "text", "blocks",
                "captions", "media", "flags", "evidence"):
        assert key in data
    assert {"value", "source", "confidence"} <= set(data["published"])
    assert {"type", "name", "description", "duration_s", "upload_date", "content_url", "thumbnail_url", "width",
            "height"} <= set(data["media"][0])
    assert {"text", "credit"} <= set(data["captions"][0])


def test_body_formats():
    markdown = runner.invoke(app, ["read", "--format", "md", str(FIXTURES / "article.html")])
    assert markdown.stdout.startswith("# Harbour bridge reopens") and "\n## Traffic returns\n" in markdown.stdout
    text = runner.invoke(app, ["read", "--format", "txt", str(FIXTURES / "header-text.txt")])
    assert text.stdout.startswith("Volunteers planted ten thousand trees")


def test_directory_and_several_paths_give_a_json_list(tmp_path, seed_path):
    for name in ("article.html", "header-text.txt"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    result = runner.invoke(app, ["read", "--json", str(tmp_path), str(seed_path)])
    assert result.exit_code == 0
    assert [d["input_kind"] for d in json.loads(result.stdout)] == ["html", "text", "textdump"]


def test_bad_inputs_exit_non_zero_with_a_message():
    result = runner.invoke(app, ["read", str(FIXTURES / "image.png"), "/no/such/page.html"])
    assert result.exit_code == 1
    assert "PNG image" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output
