"""Run Python in a folder nothing may be written to: a read-only bind mount in a user namespace
(root may write any file, but not there). Skips the calling test where such mounts are not allowed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run_on_read_only_mount(source: Path, mounted: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    """Mount ``source`` read-only on ``mounted`` and run ``script`` (with ``args``) with this Python."""
    if not shutil.which("unshare"):
        pytest.skip("no unshare to make a read-only mount")
    quoted = " ".join(f'"{a}"' for a in args)
    run = subprocess.run(["unshare", "-rm", "sh", "-c", f'mount --bind -o ro "{source}" "{mounted}" && '
                          f'"{sys.executable}" -c "$0" {quoted}', script], capture_output=True, text=True, timeout=60)
    if run.stderr.startswith(("unshare:", "mount:")):  # no user namespaces or mounts allowed here
        pytest.skip(f"cannot make a read-only mount here: {run.stderr.strip()}")
    return run
