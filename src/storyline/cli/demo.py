"""``storyline demo``: the main job — ingest the bundled sample corpus in ``examples/`` into a fresh store
and show what was found: stories, the most mentioned entities, and quotes."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.markup import escape

from .common import console, count, fail, open_store

DEMO_DB = "storyline-demo.db"


def examples_dir() -> Path:
    """The bundled sample corpus: ``examples/`` of the checkout, else of the working directory."""
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        if (base / "examples").is_dir():
            return base / "examples"
    fail("no examples/ folder found; run from a Storyline checkout")


def sample_files() -> list[Path]:
    root = examples_dir()
    return sorted(p for p in root.rglob("*.txt") if p.name.lower() not in {"readme.txt", "licence.txt", "license.txt"})


def _made_by_demo(db: str) -> bool:
    """Whether ``db`` is a Storyline store holding nothing but sample articles (so recreating it loses nothing)."""
    from ..store import Store, StoreError

    samples = {p.resolve() for p in sample_files()}
    try:
        with Store(db, read_only=True) as store:
            rows = store.articles(limit=store.count() + 1)
    except StoreError:
        return False
    return all(row["path"] and Path(row["path"]).resolve() in samples for row in rows)


def _fresh(db: str, force: bool) -> None:
    """Remove the previous demo store; refuse any other file unless ``force``."""
    path = Path(db)
    if path.is_dir():
        fail(f"{db} is a folder; --db takes the file to (re)create for the demo")
    if path.exists() and not force and not _made_by_demo(db):
        fail(f"{db} exists and is not a demo store; the demo recreates its file, so pass another --db "
             "(or --force to overwrite it)")
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)


def _show(store) -> None:
    stories = store.stories(limit=5)
    if stories:
        console.rule("[bold]Stories")
        for story in stories:
            counts = f"{count(len(story.articles), 'article')}, {count(len(story.timeline), 'timeline entry', 'timeline entries')}"
            console.print(f"[bold]{escape(story.title)}[/bold] [dim]({counts})[/dim]", highlight=False)
            for article in story.articles[:4]:
                console.print(f"  {(article.published or '')[:10]}  {escape(article.title or article.id)}",
                          highlight=False)
    console.rule("[bold]Most mentioned")
    for entity in store.entities(limit=12):
        roles = f" — {', '.join(entity.get('roles', [])[:2])}" if entity.get("roles") else ""
        console.print(f"  {escape(entity['name'])} [dim]{entity.get('type', '')} · "
                      f"{count(len(entity.get('article_ids') or []), 'article')}[/dim]{roles}", highlight=False)
    console.rule("[bold]Who said what")
    speakers: set[str] = set()
    for quote in store.quotes(limit=500):
        speaker = quote.get("speaker_name")
        # one direct quote of a few words per speaker, so the list shows many voices saying things
        if (not speaker or quote.get("kind") != "direct" or quote.get("attribution") != "speech"
                or len(quote["text"].split()) < 5 or speaker in speakers or len(speakers) >= 8):
            continue
        speakers.add(speaker)
        text = quote["text"] if len(quote["text"]) <= 160 else quote["text"][:157] + "…"
        console.print(f"  [bold]{escape(speaker)}[/bold]: {escape(text)}", highlight=False)
        console.print(f"    [dim]{escape(quote.get('title') or quote['article_id'])}[/dim]", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        limit: int = typer.Option(0, min=0, help="Ingest only the first N sample files (0: all)."),
        db: str = typer.Option(DEMO_DB, "--db", help="The SQLite file to (re)create for the demo; an existing "
                                                     "file is replaced only if an earlier demo made it."),
        force: bool = typer.Option(False, "--force", help="Replace the --db file even if the demo did not make it."),
        workers: int = typer.Option(1, "--workers", min=1, help="Processes (each loads the model once)."),
    ) -> None:
        """Ingest the bundled sample corpus into a fresh store and show stories, entities and quotes."""
        from ..pipeline.ingest import ingest
        from .store import print_summary

        logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
        files = sample_files()[: limit or None]
        if "://" in db:
            fail("the demo writes a fresh SQLite file; pass a path to --db")
        _fresh(db, force)
        with open_store(db, write=True) as store:
            with console.status(f"ingesting {len(files)} sample articles from {examples_dir()} …"):
                summary = ingest([str(p) for p in files], store, workers=workers)
            print_summary(summary)
            _show(store)
        console.rule()
        console.print(f"Stored in [bold]{db}[/bold]. Try: storyline search Budapest --db {db} · "
                      f"storyline quotes --db {db} · storyline serve --db {db}", highlight=False)
