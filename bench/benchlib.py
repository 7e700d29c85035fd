"""What every benchmark needs: where the development data lives, and reference scorers loaded by path."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

# ../shared beside the checkout, or $STORYLINE_SHARED
SHARED = Path(os.environ.get("STORYLINE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


def shared_dir(arg: str | Path | None = None) -> Path:
    """The shared folder given on the command line, else :data:`SHARED`."""
    return Path(arg) if arg else SHARED


def load_module(name: str, path: Path) -> ModuleType:
    """Import a reference scorer (a script outside any package) from its file."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
