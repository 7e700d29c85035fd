"""``storyline demo``: the main job on the bundled sample corpus in ``examples/``."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import console, fail


def examples_dir() -> Path:
    """The bundled sample corpus: ``examples/`` of the checkout, else of the working directory."""
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        if (base / "examples").is_dir():
            return base / "examples"
    fail("no examples/ folder found; run from a Storyline checkout")


def sample_files() -> list[Path]:
    root = examples_dir()
    return sorted(p for p in root.rglob("*.txt") if p.name.lower() not in {"readme.txt", "licence.txt", "license.txt"})


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(limit: int = typer.Option(0, help="Read only the first N sample files (0: all).")) -> None:
        """Read and analyse the bundled sample corpus and print what was found."""
        from .. import analyze_many, read

        files = sample_files()[: limit or None]
        articles = [read(p) for p in files]
        for path, analysis in zip(files, analyze_many(articles), strict=True):
            art = analysis.article
            console.rule(f"[bold]{art.title or path.name}")
            console.print(f"{path.name} · published {art.published.value if art.published else '?'}"
                          f" · {len(art.text)} chars · {len(analysis.entities)} entities ·"
                          f" {len(analysis.quotes)} quotes · {len(analysis.timexes)} timexes ·"
                          f" {len(analysis.events)} events", highlight=False)
