"""CLI commands for the store stage: ``ingest``, ``search``, ``articles`` and ``export``."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from .common import (
    DB_OPTION,
    MAX_CHARS_OPTION,
    console,
    err_console,
    fail,
    limit_option,
    more_note,
    open_store,
    print_json,
    print_table,
)

JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")
SEARCH_SYNTAX = ("Words (all must match), \"a phrase\", a word start with * (Budap*), A OR B (either), "
                 "-word (leaves out what has it).")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="Skip this many rows first (the next page).")
SHOWN_SKIPS = 10  # skipped pages named in the summary; the rest are counted by reason
_HIT = re.compile(r"([^\[]*)(\[[^\]]*\])?")


def print_summary(summary) -> None:
    """The closing summary of an ingest: counts, the first skipped pages with their reasons, then the
    number of the others by reason."""
    copies = f" ({summary.copies} syndicated {'copy' if summary.copies == 1 else 'copies'})" if summary.copies else ""
    line = (f"read {summary.read} · stored {summary.stored}{copies} · already stored {summary.duplicates} · "
            f"skipped {summary.skipped_total} · {summary.seconds:.1f}s")
    err_console.print(line, highlight=False)
    for name, reason in summary.skipped_pages[:SHOWN_SKIPS]:
        err_console.print(f"  skipped {name}: {reason}", highlight=False, markup=False, soft_wrap=True)
    hidden = summary.skipped_total - min(len(summary.skipped_pages), SHOWN_SKIPS)
    if hidden > 0:
        err_console.print(f"  … and {hidden} more:", highlight=False)
        for reason, count in summary.skipped.most_common():
            err_console.print(f"    {count} in all: {reason}", highlight=False, markup=False)
    if summary.truncated:
        err_console.print(f"  {summary.truncated} long {'page' if summary.truncated == 1 else 'pages'} analysed in "
                          "part (flagged analysis_truncated; --max-chars to change)", highlight=False)
    if summary.retries:
        err_console.print(f"  {summary.retries} retries while the database was busy", highlight=False)
    if summary.stories and summary.stories not in ("updated", "up to date", "not available"):
        err_console.print(f"  stories: {summary.stories}", highlight=False, markup=False)
    if summary.aborted:
        err_console.print(f"[red]stopped:[/red] {summary.aborted} — rerun the same command to resume",
                          highlight=False)


def _run_ingest(sources: list[str], db: str, workers: int, engine: str, follow_links: bool,
                quiet: bool, limit: int | None, max_chars: int | None = None) -> Any:
    from ..pipeline.ingest import BUSY_RETRIES

    # the same back-off as a busy write mid-ingest, for a database locked when the ingest starts
    with open_store(db, write=True, busy_retries=BUSY_RETRIES) as store:
        summary = _ingest_into(store, sources, workers, engine, follow_links, quiet, limit, max_chars)
    summary.retries += store.open_retries
    return summary


def _ingest_into(store, sources: list[str], workers: int, engine: str, follow_links: bool, quiet: bool,
                 limit: int | None, max_chars: int | None = None) -> Any:
    from ..pipeline.ingest import ingest

    if engine == "ray":
        from ..scale import ingest_with_ray

        if max_chars:  # Ray's workers read the cap from the environment they inherit
            os.environ["STORYLINE_MAX_ANALYSIS_CHARS"] = str(max_chars)
        return ingest_with_ray(sources, store)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=quiet) as bar:
        task = bar.add_task("ingesting")

        def show(summary) -> None:
            rate = summary.stored / summary.seconds if summary.seconds else 0.0
            bar.update(task, description=f"read {summary.read} · stored {summary.stored} · "
                       f"already stored {summary.duplicates} · skipped {summary.skipped_total} · {rate:.1f}/s")

        return ingest(sources, store, workers=workers, follow_links=follow_links, progress=show, limit=limit,
                      max_chars=max_chars)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        sources: list[str] = typer.Argument(..., help="Files, directories, globs, .warc(.gz), feeds, URLs, "
                                                      ".jsonl, or - for stdin."),
        db: str = DB_OPTION,
        workers: int = typer.Option(1, "--workers", min=1, help="Processes (each loads the model once)."),
        engine: str = typer.Option("local", "--engine", help="local, or ray (Ray Data over WARC shards)."),
        follow_links: bool = typer.Option(True, "--follow-links/--no-follow-links",
                                          help="Fetch a feed item's page when the feed only has a summary."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        limit: int = limit_option(None, "Ingest at most this many pages."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        max_chars: int = MAX_CHARS_OPTION,
    ) -> None:
        """Read, analyse and store pages; rerunning resumes and stores nothing twice."""
        if engine not in ("local", "ray"):
            fail(f"unknown engine {engine!r}; choose local or ray")
        logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
        if engine == "ray" and limit:
            fail("--limit works with the local engine only")
        summary = _run_ingest(sources, db, workers, engine, follow_links, quiet or as_json, limit, max_chars)
        if as_json:
            print_json(summary.as_dict())
        else:
            print_summary(summary)
        if summary.aborted:
            raise typer.Exit(1)
        if _nothing_usable(summary):
            fail("nothing was ingested: every page was skipped")

    @app.command()
    def search(
        text: str = typer.Argument(..., help=SEARCH_SYNTAX + " Searches article text and quotes."),
        db: str = DB_OPTION,
        limit: int = limit_option(20, "At most this many articles (with --json: this many hits)."),
        offset: int = OFFSET_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Full-text search over everything ingested, best matches first, grouped by article, with snippets."""
        from ..store.search import articles_page, parse_query

        if not parse_query(text):
            fail(f"nothing to search for in {text!r}: give a word that must match (a -word only leaves things out)")
        with open_store(db) as store:
            if as_json:
                hits = store.search(text, limit=limit + 1, offset=offset)  # one more tells whether more match
            else:
                shown, more = articles_page(store.search, text, limit, offset)
        if as_json:
            print_json(hits[:limit])
            if len(hits) > limit:
                more_note(limit, offset)
            return
        if not shown:
            console.print("no matches")
        for article in shown:
            title = article["title"] or article["url"] or article["id"]
            console.print(f"[bold]{escape(title)}[/bold] [dim]· {article['published'] or 'undated'} · "
                          f"{article['id']}[/dim]", highlight=False)
            for hit in article["hits"]:
                snippet = _highlight(hit["snippet"], "quote: " if hit["kind"] == "quote" else "")
                console.print(Padding(snippet, (0, 0, 0, 2), expand=False), highlight=False)  # wraps indented
            if article["more"]:
                console.print(f"  [dim]… and {article['more']} more in this article[/dim]", highlight=False)
        if more:
            more_note(len(shown), offset)

    @app.command()
    def articles(
        db: str = DB_OPTION,
        limit: int = limit_option(20),
        offset: int = OFFSET_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """The stored articles, newest first."""
        with open_store(db) as store:
            rows = store.articles(limit=limit, offset=offset)
            total = store.count()
        if as_json:
            print_json(rows)
            return
        print_table(("id", "published", "publisher", "title"),
                    [(row["id"], (row["published"] or "")[:10], row["publisher"] or "", escape(_article_title(row)))
                     for row in rows], whole=("published",))
        if offset + len(rows) < total:
            more_note(len(rows), offset, total)

    @app.command()
    def export(
        fmt: str = typer.Option(None, "--format", help="jsonl, csv or parquet; without it, from the --out "
                                                      "file's extension (.jsonl, .csv, .parquet), else jsonl."),
        what: str = typer.Option("articles", "--what", help="articles, quotes, events or entities."),
        out: str = typer.Option("-", "--out", "-o", help="Output file; - for stdout."),
        db: str = DB_OPTION,
        limit: int = limit_option(None),
        as_json: bool = typer.Option(False, "--json", help="Same as --format jsonl."),
    ) -> None:
        """Write a table of the store as JSONL, CSV or Parquet (stable order: equal stores, equal bytes)."""
        from ..store import ExportError

        fmt = _export_format(fmt, as_json, out)
        with open_store(db) as store:
            try:
                if out == "-":
                    store.export(fmt, what, sys.stdout.buffer if fmt == "parquet" else sys.stdout, limit=limit)
                else:
                    count = store.export(fmt, what, out, limit=limit)
                    err_console.print(f"wrote {count} {what} to {out}", highlight=False)
            except ExportError as exc:
                fail(str(exc))
            except BrokenPipeError:
                raise  # the reader (`| head`) has all it wants: click ends quietly
            except OSError as exc:
                fail(f"cannot write {out}: {exc.strerror or exc}")


def _export_format(fmt: str | None, as_json: bool, out: str) -> str:
    """The export format: --format, --json or the output file's extension, which must not contradict
    each other (a .parquet file that holds JSONL helps nobody)."""
    from ..store.export import FORMATS

    suffix = Path(out).suffix.lower().lstrip(".") if out != "-" else ""
    by_name = {"json": "jsonl", "ndjson": "jsonl"}.get(suffix, suffix)
    by_name = by_name if by_name in FORMATS else None
    asked = {name: value for name, value in (("--format", fmt), ("--json", "jsonl" if as_json else None))
             if value}
    for option, value in asked.items():
        if value not in FORMATS:
            fail(f"{option} {value!r} is not one of: {', '.join(FORMATS)}")
        if by_name and value != by_name:
            fail(f"{option} asks for {value} but {out} is named as {by_name}; change one of them")
    if len(set(asked.values())) > 1:
        fail(f"--json writes jsonl but --format asks for {fmt}; give one of them")
    if not asked and suffix and by_name is None:  # "a.csv.gz", "q.txt": no format to read from the name
        fail(f"cannot tell the export format from {out}: name it .jsonl, .csv or .parquet, or pass --format")
    return next(iter(asked.values()), None) or by_name or "jsonl"


def _nothing_usable(summary) -> bool:
    """Every page read was skipped (missing, unreadable, not a page): the ingest failed as a whole."""
    return summary.skipped_total > 0 and not summary.stored and not summary.duplicates


def _highlight(snippet: str, label: str = "") -> Text:
    """The snippet with the hits (marked ``[…]`` by the store) kept in brackets and in bold."""
    out = Text(label, style="dim")
    for part, hit in _HIT.findall(" ".join(snippet.split())):
        out.append(part, style="not dim")
        if hit:
            out.append(hit, style="bold yellow")
    return out


def _article_title(row: dict[str, Any]) -> str:
    title = row["title"] or row["url"] or row["path"] or ""
    return title + (f" (duplicate of {row['duplicate_of']})" if row["duplicate_of"] else "")
