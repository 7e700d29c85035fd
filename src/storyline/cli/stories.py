"""CLI commands for the stories stage: ``entities``, ``stories`` and ``story``."""

from __future__ import annotations

import typer
from rich.markup import escape

from ..choices import ENTITY_TYPES
from ..timewords import in_words
from .common import (
    DB_OPTION,
    check_choice,
    console,
    fail,
    limit_option,
    more_note,
    open_store,
    print_json,
    print_table,
)

JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")
# The entity types the entities stage gives (spaCy's name labels it keeps, and social platforms).
def _print_explanation(matches: list[dict], name: str, linked: bool) -> None:
    if not matches and linked:
        fail(f"no entity named {name!r}; `storyline entities --name {name}` finds names like it")
    if not matches:
        fail(f"no cross-document entity named {name!r}; run `storyline ingest` (it links stories) first")
    for entity in matches:
        console.print(f"[bold]{escape(entity['name'])}[/bold] ({entity.get('type')}) · "
                      f"{len(entity.get('article_ids') or [])} articles · id {entity['id']}")
        for member in entity.get("members") or []:
            console.print(f"  in {member['article_id']}: {escape(member['name'])}", highlight=False, soft_wrap=True)
        evidence = entity.get("evidence") or []
        if not evidence:
            console.print("  not merged with any other name: one article or one spelling", highlight=False, soft_wrap=True)
        for item in evidence:
            context = ", ".join(item.get("shared_context") or []) or "none"
            console.print(f"  merged {escape(' + '.join(item['names']))}: {escape(item['reason'])}"
                          f" (strength {item['strength']}; shared context: {escape(context)})", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the app."""

    @app.command()
    def entities(
        type: str = typer.Option(None, "--type", help=f"Only entities of this type: {', '.join(ENTITY_TYPES)}."),
        name: str = typer.Option(None, "--name", help="Only entities going by this name: any of their names or "
                                                      "aliases, accents optional, the surname alone, or a role."),
        explain: str = typer.Option(None, "--explain", help="Show why the entity with this name was merged."),
        limit: int = limit_option(50, "At most this many entities."),
        db: str = DB_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Cross-document entities with their aliases and article counts."""
        type = check_choice("--type", type, ENTITY_TYPES)
        with open_store(db) as store:
            if explain:
                # the stories package pulls in datasketch and scipy; only --explain needs it
                from ..stories.entities import explain as explain_entity

                every = store.entities(type=type, limit=1_000_000)
                matches = explain_entity(every, explain)
                if as_json:
                    print_json(matches)
                else:
                    _print_explanation(matches, explain, linked=any("members" in e for e in every))
                return
            rows = store.entities(type=type, name=name, limit=limit + 1)  # one more tells whether more match
        more, rows = len(rows) > limit, rows[:limit]
        if as_json:
            print_json(rows)
            return
        print_table(("name", "type", "articles", "aliases"),
                    [(escape(row["name"]), row.get("type") or "", str(len(row.get("article_ids") or [])),
                      escape(", ".join(row.get("aliases") or []))) for row in rows])
        if more:
            more_note(len(rows), pages=False)

    @app.command()
    def stories(
        limit: int = limit_option(50, "At most this many stories."),
        db: str = DB_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Stories: articles about the same events over time, biggest first."""
        with open_store(db) as store:
            rows = store.stories(limit=limit + 1)  # one more tells whether more match
        more, rows = len(rows) > limit, rows[:limit]
        if as_json:
            print_json(rows)
            return
        table = []
        for story in rows:
            dates = sorted(a.published[:10] for a in story.articles if a.published)
            table.append((story.id, str(len(story.articles)), dates[0] if dates else "",
                          dates[-1] if dates else "", escape(story.title)))
        print_table(("id", "articles", "from", "to", "title"), table, copyable="id",  # ids must stay copyable
                    whole=("from", "to"))
        if more:
            more_note(len(rows), pages=False)

    @app.command()
    def story(
        id: str = typer.Argument(..., help="A story id from `storyline stories`."),
        db: str = DB_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """One story: its sources, key participants and timeline."""
        with open_store(db) as store:
            found = store.story(id) or _story_by_prefix(store, id)
        if found is None:
            fail(f"no story {id!r}; `storyline stories` lists them")
        if as_json:
            print_json(found)
            return
        console.print(f"[bold]{escape(found.title)}[/bold]  ({found.id})")
        if found.participants:
            console.print("participants: " + escape(", ".join(found.participants)), highlight=False, soft_wrap=True)
        console.print("sources:")
        for article in found.articles:
            copies = f"  (+{len(article.copies)} copies)" if article.copies else ""
            console.print(f"  {(article.published or '')[:10]}  {escape(article.title or article.id)}"
                          f"  {escape(article.url or article.path or '')}{copies}", highlight=False, soft_wrap=True)
        console.print("timeline:")
        whens = [in_words(entry.date) or "undated" for entry in found.timeline]
        width = max(map(len, whens), default=0)
        for when, entry in zip(whens, found.timeline, strict=True):
            who = ", ".join(entry.participants[:4])
            console.print(f"  {when:{width}}  {entry.type:12} {escape(entry.trigger or '')}"
                          f"  {escape(who)}  {escape(f'[{entry.status}]')}  sources: {len(entry.sources)}",
                          highlight=False, soft_wrap=True)


def _story_by_prefix(store, prefix: str):
    """The one story whose id starts with ``prefix`` (ids are long; people type the start)."""
    matches = [s for s in store.stories(limit=100_000) if s.id.startswith(prefix)]
    if len(matches) > 1:
        fail(f"{prefix!r} matches {len(matches)} stories; give more of the id")
    return matches[0] if matches else None
