"""CLI commands for the analyze stage: ``digest``, ``quotes`` and ``events``.

``quotes`` and ``events`` analyse a page when given a PATH, and query the store otherwise.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..model import Analysis, Event, Quote, digest_dict, to_dict
from .common import DB_OPTION, console, fail, print_json


def _digest(path: str) -> Analysis:
    from .. import analyze
    from ..read import ReadError
    from .read import read_one

    try:
        article = read_one(path)
    except (ReadError, OSError) as exc:
        fail(str(exc) if path in str(exc) else f"{path}: {exc}")
    return analyze(article)


def _check_date(option: str, value: str | None) -> None:
    """A clear error for a date option that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.strptime(value, pattern)
            return
        except ValueError:
            continue
    fail(f"{option} {value!r}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY")


def _open_store(db: str):
    from ..store import Store

    if "://" not in db and not Path(db).exists():
        fail(f"no store at {db}; run `storyline ingest` first or pass --db")
    return Store(db)


def _speaker_matches(quote: Quote, name: str) -> bool:
    wanted = name.casefold()
    return any(wanted in (s or "").casefold()
               for s in (quote.speaker_entity, quote.speaker.text if quote.speaker else None))


def _print_quotes(quotes: list[dict[str, Any]]) -> None:
    if not quotes:
        console.print("no quotes found")
    for q in quotes:
        speaker = q.get("speaker_entity") or (q.get("speaker") or {}).get("text") or "(unattributed)"
        channel = f" · {q['channel']}" if q.get("channel") else ""
        cue = (q.get("cue") or {}).get("text") or ""
        console.print(f"[bold]{speaker}[/bold] [dim]{cue}{channel} · {q.get('kind')}[/dim]", highlight=False)
        console.print(f"  {q['text']}", highlight=False, markup=False)


def _event_rows(events: list[Event]) -> list[Event]:
    """Events in timeline order: dated ones by date, undated ones after, in reported order."""
    def key(item: tuple[int, Event]):
        index, event = item
        value = event.time.value if event.time else None
        dated = bool(value) and value[:1].isdigit()
        return (0 if dated else 1, value if dated else "", index)

    return [e for _, e in sorted(enumerate(events), key=key)]


def _print_events(events: list[dict[str, Any]]) -> None:
    if not events:
        console.print("no events found")
        return
    table = Table(show_lines=False)
    for column in ("when", "event", "status", "participants", "place", "trigger"):
        table.add_column(column)
    for e in events:
        when = (e.get("time") or {}).get("value") or "undated"
        table.add_row(when, e["type"], e.get("status") or "", ", ".join(e.get("participants") or []),
                      e.get("place") or "", (e.get("trigger") or {}).get("text") or "")
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def digest(
        path: str = typer.Argument(..., help="A file, URL or - for stdin."),
        as_json: bool = typer.Option(False, "--json", help="Print the full digest as JSON."),
    ) -> None:
        """Read and analyse one page: people with roles, organisations, places, quotes, time, events."""
        analysis = _digest(path)
        if as_json:
            print_json(digest_dict(analysis))
            return
        article = analysis.article
        console.rule(f"[bold]{(article.title if article else None) or path}")
        groups = {"People": {"PERSON"}, "Organisations": {"ORG", "PLATFORM"},
                  "Places": {"GPE", "LOC", "FAC"}}
        for label, types in groups.items():
            found = [e for e in analysis.entities if e.type in types]
            if not found:
                continue
            console.print(f"[bold]{label}[/bold]")
            for e in found:
                roles = f" — {', '.join(e.roles)}" if e.roles else ""
                console.print(f"  {e.name}{roles} [dim]({len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''})[/dim]", highlight=False)
        console.print(f"{len(analysis.quotes)} quotes · {len(analysis.timexes)} time expressions · "
                      f"{len(analysis.events)} events", highlight=False)

    @app.command()
    def quotes(
        path: str = typer.Argument(None, help="Analyse this page; without it, query the store."),
        speaker: str = typer.Option(None, "--speaker", help="Only quotes by this speaker."),
        about: str = typer.Option(None, "--about", help="Only quotes mentioning this text (store)."),
        db: str = DB_OPTION,
        limit: int = typer.Option(50, "--limit"),
        as_json: bool = typer.Option(False, "--json"),
        stance: bool = typer.Option(False, "--stance", help="Also show beliefs and intentions (\"X wants to…\")."),
    ) -> None:
        """Who said what: the quotes of a page, or of the whole store."""
        if path:
            found = [q for q in _digest(path).quotes
                     if (stance or q.attribution == "speech") and (not speaker or _speaker_matches(q, speaker))]
            if about:
                found = [q for q in found if about.casefold() in q.text.casefold()]
            rows = to_dict(found[:limit])
        else:
            with _open_store(db) as store:
                rows = store.quotes(speaker=speaker, about=about, limit=limit)
        if as_json:
            print_json(rows)
        else:
            _print_quotes(rows)

    @app.command()
    def events(
        path: str = typer.Argument(None, help="Analyse this page; without it, query the store."),
        entity: str = typer.Option(None, "--entity", help="Only events with this participant (store)."),
        event_type: str = typer.Option(None, "--type", help="Only events of this type."),
        date_from: str = typer.Option(None, "--from", help="Earliest date (YYYY-MM-DD)."),
        date_to: str = typer.Option(None, "--to", help="Latest date (YYYY-MM-DD)."),
        db: str = DB_OPTION,
        limit: int = typer.Option(50, "--limit"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """What happened or is planned, as a small timeline."""
        if path:
            found = [e for e in _event_rows(_digest(path).events)
                     if (not event_type or e.type == event_type)
                     and (not entity or any(entity.casefold() in p.casefold() for p in e.participants))]
            rows = to_dict(found[:limit])
        else:
            for option, value in (("--from", date_from), ("--to", date_to)):
                _check_date(option, value)
            with _open_store(db) as store:
                rows = store.events(entity=entity, type=event_type, date_from=date_from, date_to=date_to,
                                    limit=limit)
        if as_json:
            print_json(rows)
        else:
            _print_events(rows)
