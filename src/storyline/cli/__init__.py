"""The ``storyline`` command: a thin layer over the Python API, one module per stage."""

from __future__ import annotations

import typer

from . import analyze, demo, read, serve, store, stories

app = typer.Typer(
    name="storyline",
    help="Turn news pages into structured, linked knowledge: who said what, who meets whom, where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Storyline: news pages in, structured and linked knowledge out."""


for module in (read, analyze, store, stories, serve, demo):
    module.register(app)


def main() -> None:
    app()
