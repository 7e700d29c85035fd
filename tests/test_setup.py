"""Honest set-up: the test run says what each long step does, and stops the PostgreSQL server it started."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "test-services.sh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _running(folder: str) -> bool:
    done = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True)
    return any(line.startswith(("postgres -D", "/usr/lib/postgresql")) and f"-D {folder}/data" in line
               for line in done.stdout.splitlines())


@pytest.mark.skipif(os.geteuid() != 0 or not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                    reason="starting PostgreSQL needs root and Debian's postgresql package")
@pytest.mark.slow
def test_the_test_run_stops_the_server_it_started_and_keeps_the_exit_status():
    folder = tempfile.mkdtemp(prefix="storyline-pg-test-", dir="/tmp")  # the postgres user must reach it
    env = {**os.environ, "STORYLINE_TEST_PG_DIR": folder, "STORYLINE_TEST_PG_PORT": str(_free_port())}
    try:
        done = subprocess.run(["bash", str(SCRIPT), "bash", "-c", f"pgrep -f 'D {folder}/data' >/dev/null && exit 7 || exit 9"],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 7, done.stderr  # ran while the server ran; the status is kept
        steps = [line for line in done.stdout.splitlines() if line.startswith("==> ")]
        assert any("starting PostgreSQL" in s for s in steps) and any("stopping" in s for s in steps)
        assert all("(" in s for s in steps[:-1])  # each long step says about how long it takes
        assert not _running(folder)
    finally:
        subprocess.run(["su", "postgres", "-c", f"{glob.glob('/usr/lib/postgresql/*/bin/pg_ctl')[-1]} "
                        f"-D {folder}/data -m immediate stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_make_announces_its_long_steps():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for step in ("installing Storyline", "storyline demo:", "checking the code"):
        assert f'@echo "==> {step}' in makefile
    assert "test-services.sh $(BIN)/python -m pytest" in makefile  # the script wraps the run, so it can stop
