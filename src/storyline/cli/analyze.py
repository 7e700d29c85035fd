"""CLI commands for the analyze stage: ``digest``, ``quotes`` and ``events``.

``quotes`` and ``events`` analyse a page when given a PATH, and query the store otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..choices import event_types
from ..model import Analysis, Event, digest_dict, to_dict
from .common import (
    DB_OPTION,
    MAX_CHARS_OPTION,
    check_choice,
    console,
    count,
    err_console,
    fail,
    limit_option,
    more_note,
    open_store,
    print_json,
)
from .store import SEARCH_SYNTAX


@cache
def _digest(path: str, max_chars: int | None = None) -> Analysis:
    """Read and analyse one page, saying on stderr what is going on (a spinner on a terminal) and why
    little or nothing was found (another language, a page longer than the cap)."""
    from ..analyze import analyze, cut_for_analysis, default_max_chars
    from ..read import ReadError
    from .read import holds_many_pages, read_one

    if Path(path).is_dir() or holds_many_pages(path):
        what = "a folder" if Path(path).is_dir() else "a source of pages (an archive, a feed, JSON pages)"
        fail(f"{path} is {what}; this reads one page. For it: storyline ingest {path} --db FILE, "
             "then run this command with --db FILE instead of a path")
    try:
        with err_console.status(f"reading {escape(path)} …"):
            article = read_one(path)
    except (ReadError, OSError) as exc:
        fail(str(exc) if path in str(exc) else f"{path}: {exc}")
    cap = max_chars or default_max_chars()
    analysed = len(cut_for_analysis(article.text, cap))
    with err_console.status(f"analysing {analysed:,} characters of {escape(path)} …"):
        analysis = analyze(article, max_chars=cap)
    for flag in analysis.flags:
        if flag.startswith("language_not_supported:"):
            err_console.print(f"[yellow]note:[/yellow] {escape(path)} is in '{flag.split(':', 1)[1]}'; the analysis "
                              "reads English only, so it finds no entities, quotes, times or events here",
                              highlight=False)
    if analysed < len(article.text):
        err_console.print(f"[yellow]note:[/yellow] {escape(path)} is long: the analysis covers its first "
                          f"{analysed:,} of {len(article.text):,} characters (--max-chars to change)",
                          highlight=False)
    return analysis


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


def _picked_in_page(analysis: Analysis, query: Callable[[Any, int], list[dict[str, Any]]]) -> set[int]:
    """Positions of the page's quotes or events that ``query(store, limit)`` selects from a throwaway
    in-memory store holding the page, so a page is filtered exactly as the store is (names without
    accents, surnames, the entity's names and descriptions, date ranges)."""
    from ..store import Store

    with Store(":memory:") as store:
        store.add(analysis.article, analysis)
        return {row["position"] for row in query(store, len(analysis.quotes) + len(analysis.events) + 1)}


def _print_quotes(quotes: list[dict[str, Any]]) -> None:
    """Each quote under its speaker; a quote from the store also names its article (title, date)."""
    if not quotes:
        console.print("no quotes found")
    for q in quotes:
        speaker = (q.get("speaker_name") or q.get("speaker_entity") or (q.get("speaker") or {}).get("text")
                   or "(unattributed)")
        # a continuation quote has no cue of its own; a stance is a belief or intention, not words said
        stance = "stance (belief or intention)" if q.get("attribution") == "stance" else None
        cue = ((q.get("cue") or {}).get("text") or "").lower() or (
            "continued" if q.get("speaker_entity") and q.get("kind") == "direct" else None)
        details = [cue, q.get("channel"), q.get("kind"), stance]
        console.print(f"[bold]{escape(speaker)}[/bold] [dim]· {escape(' · '.join(d for d in details if d))}[/dim]",
                      highlight=False)
        console.print(Padding(Text(q["text"]), (0, 0, 0, 2), expand=False))  # wrapped lines stay indented
        if q.get("article_id"):
            source = Text(f"— {q.get('title') or q.get('url') or q['article_id']}", style="dim")
            source.append(f" · {(q.get('published') or 'undated')[:10]}")
            console.print(Padding(source, (0, 0, 0, 2), expand=False))


def _event_rows(events: list[Event]) -> list[Event]:
    """Events in timeline order: dated ones by date, undated ones after, in reported order."""
    def key(item: tuple[int, Event]):
        index, event = item
        value = event.time.value if event.time else None
        dated = bool(value) and value[:1].isdigit()
        return (0 if dated else 1, value if dated else "", index)

    return [e for _, e in sorted(enumerate(events), key=key)]


def _print_events(events: list[dict[str, Any]]) -> None:
    """A timeline table; the time in words ("28 December 2014, morning"), kept whole on one line."""
    from ..timewords import in_words

    if not events:
        console.print("no events found")
        return
    rows = [(in_words((e.get("time") or {}).get("value")) or "undated", e["type"], e.get("status") or "",
             ", ".join(e.get("participants") or []), e.get("place") or "", (e.get("trigger") or {}).get("text") or "")
            for e in events]
    table = Table(show_lines=False)
    for index, column in enumerate(("when", "event", "status")):  # short values, kept whole: the rest wraps
        table.add_column(column, no_wrap=True, min_width=max(len(column), *(len(row[index]) for row in rows)))
    for column in ("participants", "place", "trigger"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def digest(
        path: str = typer.Argument(..., help="A file, URL or - for stdin."),
        as_json: bool = typer.Option(False, "--json", help="Print the full digest as JSON."),
        max_chars: int = MAX_CHARS_OPTION,
    ) -> None:
        """Read and analyse one page: people with roles, organisations, places, quotes, time, events."""
        analysis = _digest(path, max_chars)
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
        if any(flag.startswith("language_not_supported:") for flag in analysis.flags):
            return  # the note said why nothing was found; "0 quotes" would only look like a failure
        stances = sum(q.attribution == "stance" for q in analysis.quotes)
        console.print(f"{count(len(analysis.quotes) - stances, 'quote')}"
                      + (f" ({count(stances, 'stance')}: beliefs or intentions, see quotes --stance)" if stances else "")
                      + f" · {count(len(analysis.timexes), 'time expression')} · "
                      f"{count(len(analysis.events), 'event')}", highlight=False)

    @app.command()
    def quotes(
        path: str = typer.Argument(None, help="Analyse this page; without it, query the store."),
        speaker: str = typer.Option(None, "--speaker", help="Only quotes by this speaker: any of their names, "
                                                            "accents optional, the surname alone, or a role "
                                                            "(spokesperson)."),
        about: str = typer.Option(None, "--about", help="Only quotes (or speakers) matching this, read as "
                                                        "`storyline search` reads it. " + SEARCH_SYNTAX),
        db: str = DB_OPTION,
        limit: int = limit_option(50),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
        max_chars: int = MAX_CHARS_OPTION,
        stance: bool = typer.Option(False, "--stance", help="Also show beliefs and intentions (\"X wants to…\")."),
    ) -> None:
        """Who said what: the quotes of a page, or of the whole store."""
        if path:
            analysis = _digest(path, max_chars)
            picked = _picked_in_page(analysis, lambda store, every: store.quotes(
                speaker=speaker, about=about, limit=every, speech_only=not stance))
            rows = to_dict([q for position, q in enumerate(analysis.quotes) if position in picked][:limit + 1])
        else:
            with open_store(db) as store:  # one more than asked tells whether more match
                rows = store.quotes(speaker=speaker, about=about, limit=limit + 1, speech_only=not stance)
        more, rows = len(rows) > limit, rows[:limit]
        if as_json:
            print_json(rows)
            return
        _print_quotes(rows)
        if more:
            more_note(len(rows), pages=False)

    @app.command()
    def events(
        path: str = typer.Argument(None, help="Analyse this page; without it, query the store."),
        entity: str = typer.Option(None, "--entity", help="Only events with this participant (any of their names)."),
        event_type: str = typer.Option(None, "--type", help=f"Only events of this type: {', '.join(event_types())}."),
        date_from: str = typer.Option(None, "--from", help="Earliest date (YYYY-MM-DD, YYYY-MM or YYYY)."),
        date_to: str = typer.Option(None, "--to", help="Latest date (YYYY-MM-DD, YYYY-MM or YYYY)."),
        db: str = DB_OPTION,
        limit: int = limit_option(50),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
        max_chars: int = MAX_CHARS_OPTION,
    ) -> None:
        """What happened or is planned, as a small timeline."""
        event_type = check_choice("--type", event_type, event_types())
        for option, value in (("--from", date_from), ("--to", date_to)):
            _check_date(option, value)
        filters = {"entity": entity, "type": event_type, "date_from": date_from, "date_to": date_to}
        if path:
            analysis = _digest(path, max_chars)
            picked = _picked_in_page(analysis, lambda store, every: store.events(**filters, limit=every))
            rows = to_dict(_event_rows([e for position, e in enumerate(analysis.events) if position in picked])[:limit + 1])
        else:
            with open_store(db) as store:  # one more than asked tells whether more match
                rows = store.events(**filters, limit=limit + 1)
        more, rows = len(rows) > limit, rows[:limit]
        if as_json:
            print_json(rows)
            return
        _print_events(rows)
        if more:
            more_note(len(rows), pages=False)
