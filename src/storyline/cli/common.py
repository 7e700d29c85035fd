"""Helpers shared by the CLI modules: JSON output and clean error exits."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

from ..model import to_dict

console = Console()
err_console = Console(stderr=True)

DB_OPTION = typer.Option("storyline.db", "--db", help="SQLite path or PostgreSQL URL.", envvar="STORYLINE_DB")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_dict(data), ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)
