"""Each text's analysis is bounded: past the cap only its start is analysed, and it is flagged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storyline
from storyline.analyze import MAX_ANALYSIS_CHARS, TRUNCATED_FLAG, cut_for_analysis, default_max_chars
from storyline.model import Page

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = ("Mayor Jane Smith said on Monday that the new bridge would open in March. "
             "\u201cWe are nearly there,\u201d she told reporters in Springfield.")
LONG = "\n\n".join(f"{PARAGRAPH} Part {i} of the works is finished." for i in range(60))  # about 9,000 chars


def test_a_text_past_the_cap_is_cut_at_a_paragraph_end_and_flagged():
    result = storyline.analyze(LONG, published="2024-03-04", max_chars=2000)
    assert TRUNCATED_FLAG in result.flags
    assert result.text == LONG  # offsets still index the whole text
    analysed = cut_for_analysis(LONG, 2000)
    assert analysed.endswith("\n\n") and len(analysed) <= 2000
    assert result.quotes and all(q.end <= len(analysed) for q in result.quotes)
    assert all(m.end <= len(analysed) for e in result.entities for m in e.mentions)


def test_a_text_within_the_cap_is_analysed_whole_and_not_flagged():
    result = storyline.analyze(LONG, published="2024-03-04")
    assert TRUNCATED_FLAG not in result.flags
    assert len(LONG) < MAX_ANALYSIS_CHARS and cut_for_analysis(LONG, MAX_ANALYSIS_CHARS) == LONG


def test_the_cap_is_configured_by_the_environment(monkeypatch):
    monkeypatch.setenv("STORYLINE_MAX_ANALYSIS_CHARS", "3000")
    assert default_max_chars() == 3000
    article = storyline.read(LONG)
    result = storyline.analyze(article)
    assert TRUNCATED_FLAG in result.flags and TRUNCATED_FLAG in article.flags
    monkeypatch.setenv("STORYLINE_MAX_ANALYSIS_CHARS", "nonsense")
    assert default_max_chars() == MAX_ANALYSIS_CHARS


def test_ingest_applies_the_same_cap_to_every_page():
    from storyline.pipeline.ingest import ingest
    from storyline.store import Store

    pages = [Page(content=LONG.encode(), name="long.txt", source="file"),
             Page(content=PARAGRAPH.encode(), name="short.txt", source="file")]
    with Store(":memory:") as store:
        summary = ingest(pages, store, max_chars=2000, update_stories=False)
        assert summary.stored == 2 and summary.truncated == 1
        assert summary.as_dict()["analysis_truncated"] == 1


@pytest.mark.slow
def test_digest_says_when_a_page_was_analysed_in_part(tmp_path):
    page = tmp_path / "long.txt"
    page.write_text(LONG, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from storyline.cli import main; main()", "digest", str(page),
                           "--json", "--max-chars", "2000"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert TRUNCATED_FLAG in json.loads(done.stdout)["flags"]
    assert "analysis covers its first" in done.stderr and "Traceback" not in done.stderr


def test_the_help_names_the_default_cap():
    from typer.testing import CliRunner

    from storyline.cli import app

    shown = " ".join(CliRunner().invoke(app, ["digest", "--help"]).output.split())
    assert f"default {MAX_ANALYSIS_CHARS:,}" in shown.replace("│", " ").replace("  ", " ")
