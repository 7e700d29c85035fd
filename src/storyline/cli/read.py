"""CLI commands for the read stage: ``storyline read PATH|URL|- ...`` prints what the reader found."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress

from ..model import Article, to_dict
from .common import console, err_console, fail


class BodyFormat(StrEnum):
    md = "md"
    txt = "txt"


def _expand(inputs: list[str]) -> list[str]:
    """Inputs with every directory replaced by the page files under it, in name order."""
    from ..read.sources import is_page_name

    expanded: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and "://" not in item and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and is_page_name(p.name))
            if not found:
                err_console.print(f"[yellow]warning:[/yellow] {item}: no page files (.html, .htm, .txt) inside")
            expanded.extend(str(p) for p in found)
        else:
            expanded.append(item)
    return expanded


ARCHIVE_KINDS = ("WARC archive", "gzip data", "ZIP archive")  # what a crawl or a bundle of pages comes as


def holds_many_pages(path: str) -> bool:
    """Whether ``path`` is named as a source of many pages: an archive, a feed, JSON pages, a list of paths."""
    from ..read.sources import FEED_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, PATHS_SUFFIXES, WARC_SUFFIXES

    many = WARC_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + PATHS_SUFFIXES + tuple(s for s in FEED_SUFFIXES if s != ".xml")
    return path.lower().endswith(many)


def ingest_hint(item: str) -> str:
    return f"to read the pages in it: storyline ingest {item} --db FILE"


def read_one(item: str) -> Article:
    """Read one input: ``-`` is stdin, http(s) is fetched, anything else is a file path. A source of many
    pages (a WARC archive, a feed, JSON lines) is refused with the command that reads it."""
    from ..read import ReadError, read
    from ..read.fetch import fetch_url

    if item == "-":
        return read(sys.stdin.buffer.read())
    if item.lower().startswith(("http://", "https://")):
        body, final_url, _ = fetch_url(item)
        return read(body, url=final_url)
    if not Path(item).exists():
        raise ReadError(f"{item}: no such file")
    if holds_many_pages(item) and Path(item).is_file():
        raise ReadError(f"{item} is an archive, feed or list of pages, not one page; {ingest_hint(item)}")
    try:
        return read(Path(item))
    except ReadError as error:
        if any(kind in str(error) for kind in ARCHIVE_KINDS):
            raise ReadError(f"{error}; if it is an archive of pages, {ingest_hint(item)}") from None
        raise


def _read_all(items: list[str]) -> Iterator[tuple[str, Article | None, str | None]]:
    from ..read import ReadError

    with Progress(console=err_console, transient=True, disable=len(items) < 2) as progress:
        task = progress.add_task("reading", total=len(items))
        for item in items:
            try:
                yield item, read_one(item), None
            except ReadError as error:
                yield item, None, str(error)
            progress.advance(task)


def body_markdown(article: Article) -> str:
    """The body as Markdown: the title, then headings, list items and quotes marked up."""
    marks = {"heading": "## ", "list_item": "- ", "blockquote": "> ", "paragraph": ""}
    lines = [f"# {article.title}"] if article.title else []
    lines += [marks[b.kind] + b.text for b in article.blocks]
    return "\n\n".join(lines)


def print_summary(item: str, article: Article) -> None:
    """A readable summary of one article."""
    from ..read.language import count_words

    console.rule(f"[bold]{article.title or item}", align="left")
    published = article.published
    facts = {
        "input": f"{item} ({article.input_kind})",
        "publisher": article.publisher,
        "authors": ", ".join(article.authors) or None,
        "published": f"{published.value} [dim]({published.source}, {published.confidence:.2f}: {published.reason})[/dim]" if published else None,
        "modified": article.modified.value if article.modified else None,
        "language": article.language,
        "url": article.url,
        "section": article.section,
        "flags": ", ".join(article.flags) or None,
        "body": f"{len(article.blocks)} blocks, {count_words(article.text)} words",
    }
    for label, value in facts.items():
        if value:
            console.print(f"[bold]{label:>10}[/bold]  {value}", highlight=False)
    for caption in article.captions:
        credit = f" [dim](credit: {caption.credit})[/dim]" if caption.credit else ""
        console.print(f"[bold]{'caption':>10}[/bold]  {caption.text}{credit}", highlight=False)
    for media in article.media:
        details = ", ".join(str(v) for v in (
            f"{media.duration_s:g} s" if media.duration_s else None, media.upload_date,
            f"{media.width}x{media.height}" if media.width and media.height else None, media.content_url) if v)
        console.print(f"[bold]{'media':>10}[/bold]  {media.type}: {media.name or media.description or ''} [dim]{details}[/dim]",
                      highlight=False)
    if article.text:
        preview = article.text[:400] + ("…" if len(article.text) > 400 else "")
        console.print(f"\n{preview}\n", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the app."""

    @app.command("read")
    def read_command(
        inputs: list[str] = typer.Argument(..., help="Files, directories, URLs, or - for stdin."),
        as_json: bool = typer.Option(False, "--json", help="Print the Article with its evidence as JSON."),
        body_format: BodyFormat = typer.Option(None, "--format", help="Print only the body: md or txt."),
    ) -> None:
        """Read news pages (HTML, scraped text dumps, plain text) and show what was found."""
        items = _expand(inputs)
        if not items:
            fail("nothing to read")
        documents = []
        failures = 0
        for item, article, error in _read_all(items):
            if article is None:
                failures += 1
                err_console.print(f"[red]error:[/red] {escape(error)}", highlight=False, soft_wrap=True)
                continue
            if as_json:
                documents.append(to_dict(article))
            elif body_format is BodyFormat.md:
                sys.stdout.write(body_markdown(article) + "\n")
            elif body_format is BodyFormat.txt:
                sys.stdout.write(article.text + "\n")
            else:
                print_summary(item, article)
        if as_json and documents:
            payload = documents[0] if len(items) == 1 else documents
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        if failures:
            raise typer.Exit(1)
