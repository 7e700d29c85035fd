"""Helpers shared by the CLI modules: opening the store, JSON output and clean error exits."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..choices import spelled
from ..model import to_dict

console = Console()
err_console = Console(stderr=True)

DB_OPTION = typer.Option("storyline.db", "--db", help="SQLite path or PostgreSQL URL.", envvar="STORYLINE_DB")
SUPPORTED_SCHEMES = ("postgresql", "postgres", "sqlite")


# the analysis's own default (storyline.analyze.MAX_ANALYSIS_CHARS) is named here without importing spaCy
MAX_CHARS_OPTION = typer.Option(
    None, "--max-chars", min=1000, envvar="STORYLINE_MAX_ANALYSIS_CHARS",
    help="Analyse at most this many characters of a page (default 100,000, about 16,000 words); a longer "
         "page is cut at a paragraph end and flagged analysis_truncated, so no page takes minutes.")


def limit_option(default: int | None, help: str = "At most this many rows.") -> Any:
    """A ``--limit`` option that refuses zero and negative numbers."""
    return typer.Option(default, "--limit", min=1, help=help)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_dict(data), ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def check_choice(option: str, value: str | None, choices: Sequence[str]) -> str | None:
    """The value as spelled in ``choices`` (case does not matter), or exit naming the valid ones."""
    if value is None:
        return None
    return spelled(value, choices) or fail(f"{option} {value!r} is not one of: {', '.join(choices)}")


def open_store(db: str, *, write: bool = False, busy_retries: Sequence[float] = ()) -> Any:
    """The store at ``db``, read-only unless ``write``; exits with one clear line when it cannot be opened
    (a missing file is an error unless writing)."""
    from ..store import Store, StoreError

    if "://" in db:
        scheme = db.split("://", 1)[0]
        if scheme.lower().split("+")[0] not in SUPPORTED_SCHEMES:
            fail(f"--db {scheme}://… is not supported; give a SQLite file path (storyline.db) or a "
                 "PostgreSQL URL (postgresql://user@host/dbname)")
    else:
        path = Path(db)
        if path.is_dir():
            fail(f"{db} is a folder; --db takes a store file, e.g. {path / 'storyline.db'}")
        if not write and not path.exists():
            fail(f"no store at {db}; run `storyline ingest SOURCES --db {db}` first or pass --db")
        if write:
            _check_writable(path)
    try:
        if write:
            return Store.create(db, busy_retries=busy_retries)
        return Store(db, read_only=True, busy_retries=busy_retries)
    except StoreError as exc:
        fail(str(exc))


def _check_writable(path: Path) -> None:
    """Exit with one clear line when a SQLite store cannot be written at ``path``: SQLite also writes
    its journal files beside the store, so the folder must be writable too."""
    folder = path.resolve().parent
    while not folder.exists():  # the folders the store will create
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        fail(f"{folder} is read-only: cannot write the store {path} there; pass --db with a writable location")
    if path.exists() and not os.access(path, os.W_OK):
        fail(f"{path} is read-only: cannot write to this store")


def print_table(columns: Sequence[str], rows: Iterable[Sequence[str]], *, copyable: str | None = None,
                whole: Sequence[str] = ()) -> None:
    """A table of ``rows`` under ``columns``; the ``copyable`` column (ids) never wraps, and the ``whole``
    columns (dates) are never wrapped nor cut: the other columns wrap instead."""
    from rich.table import Table

    rows = list(rows)
    table = Table()
    for index, column in enumerate(columns):
        if column == copyable:
            table.add_column(column, no_wrap=True, overflow="fold")
        elif column in whole:
            widest = max((len(row[index]) for row in rows), default=0)
            table.add_column(column, no_wrap=True, min_width=max(widest, len(column)))
        else:
            table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def more_note(shown: int, offset: int = 0, total: int | None = None, *, pages: bool = True) -> None:
    """Say on stderr that a list stopped at --limit while more rows exist (``total`` when known);
    ``pages`` when the command also takes --offset."""
    of = f" of {total}" if total is not None else ", more match"
    how = "use --limit/--offset for more" if pages else "raise --limit for more"
    err_console.print(f"[dim]{offset + 1}–{offset + shown}{of} — {how}[/dim]", highlight=False)


def count(number: int, one: str, many: str | None = None) -> str:
    """"1 quote", "2 quotes", "2 timeline entries"."""
    return f"{number} {one if number == 1 else many or one + 's'}"
