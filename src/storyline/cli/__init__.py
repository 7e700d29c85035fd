"""The ``storyline`` command: a thin layer over the Python API, one module per stage."""

from __future__ import annotations

import logging
import sys
import warnings

import typer

from . import analyze, demo, read, serve, store, stories
from .help import PlainHelpGroup

app = typer.Typer(
    name="storyline",
    help="Turn news pages into structured, linked knowledge: who said what, who meets whom, where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=PlainHelpGroup,  # --json, --db TEXT: no <bool> or <str> beside the flags
)


@app.callback()
def _root() -> None:
    """Storyline: news pages in, structured and linked knowledge out."""


for module in (read, analyze, store, stories, serve, demo):
    module.register(app)


def quiet_libraries() -> None:
    """Keep library chatter off the terminal: warnings (dateutil, spaCy, htmldate) are dropped, and the log
    shows Storyline's own errors only (trafilatura logs a page it cannot parse as an ERROR, though the
    reader copes). ``python -W ...`` still shows warnings to whoever asks for them."""
    if not sys.warnoptions:
        warnings.simplefilter("ignore")
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_own_records)


def _own_records(record: logging.LogRecord) -> bool:
    return record.name == "storyline" or record.name.startswith("storyline.")


def main() -> None:
    quiet_libraries()
    app(prog_name="storyline")
