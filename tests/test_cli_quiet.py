"""No stray output at the terminal: no library warning, no broken-pipe error, no type tags in --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]
# times in the zones the user trial saw warned about: EST and EDT (known: mapped to offsets), ZZ (unknown)
ZONED_PAGE = """<html><head><title>Council approves the budget</title>
<meta name="date" content="Mon, 14 Jan 2008 10:00:00 EST"></head><body>
<p class="byline">Updated Jan 15, 2008 09:30 EDT</p><p>Posted 2008-01-15 10:00 ZZ</p>
<article><h1>Council approves the budget</h1>
<p>The city council approved the budget on Monday after a long debate, the mayor said.</p>
<p>"This is a good day for the city," Mayor Jane Smith told reporters at City Hall.</p>
</article></body></html>"""
STRAY = ("Warning", "warning:", "Traceback", "Broken pipe", "Exception ignored")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=_env(), cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "zoned.html").write_text(ZONED_PAGE, encoding="utf-8")
    paragraph = ("The minister said on Tuesday that the new rail line would open next spring, "
                 "and that the tunnel under the river was nearly finished. ")
    # long enough (about 80 kB) that its output fills a pipe's buffer, so the reader's exit is felt
    (folder / "long.txt").write_text("Rail line to open next spring\n\n" + "\n\n".join(
        f"{paragraph} Section {i} of the works is on time." for i in range(450)), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(pages, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.db"
    done = _run("ingest", str(pages / "zoned.html"), str(pages / "long.txt"), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    assert not any(s in done.stderr for s in STRAY), done.stderr  # ingest: the summary line only
    return db


@pytest.mark.parametrize("command", ["read", "digest"])
def test_time_zone_names_print_no_library_warning(pages, command):
    done = _run(command, str(pages / "zoned.html"))
    assert done.returncode == 0
    assert done.stderr == ""


def test_known_time_zone_abbreviations_become_offsets():
    from storyline.read.dates import normalise

    assert normalise("Mon, 14 Jan 2008 10:00:00 EST")[0] == "2008-01-14T10:00:00-05:00"
    assert normalise("Jan 15, 2008 09:30 EDT")[0] == "2008-01-15T09:30:00-04:00"
    assert normalise("2008-01-15 10:00 ZZ")[0] == "2008-01-15"  # unknown: the day stays, no offset invented


def _into_closed_pipe(*args: str) -> tuple[int, str]:
    """Run the command with its output read by something that stops after a few bytes (like `| head`)."""
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    process.stdout.read(64)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    return process.wait(timeout=300), stderr


@pytest.mark.slow
@pytest.mark.parametrize("what", ["articles", "quotes"])
def test_export_into_a_closed_pipe_ends_silently(store, what):
    status, stderr = _into_closed_pipe("export", "--db", str(store), "--what", what)
    assert status in (0, 1) and stderr == ""


def test_read_into_a_closed_pipe_ends_silently(pages):
    status, stderr = _into_closed_pipe("read", str(pages / "long.txt"), "--format", "txt")
    assert status in (0, 1) and stderr == ""


def test_help_shows_flags_without_type_tags():
    from typer.main import get_command
    from typer.testing import CliRunner

    from storyline.cli import app

    shown = "\n".join(CliRunner().invoke(app, [*name, "--help"]).output
                      for name in [[], *([c] for c in get_command(app).commands)])
    assert "Usage: storyline ingest [OPTIONS] SOURCES..." in shown
    for tag in ("<bool>", "<str>", "<int", "<list", "{sources}"):
        assert tag not in shown
    assert "--json " in shown and "--limit" in shown
