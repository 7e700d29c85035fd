"""The JSON API over the store (``/api/...``) and ``POST /api/read``, which analyses without storing."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import Analysis, Article, digest_dict, to_dict
from ..store.search import parse_query
from .errors import ApiError
from .fetch import fetch_public_page
from .params import (
    DateFrom,
    DateTo,
    ItemId,
    Limit,
    Offset,
    OptionalText,
    SearchText,
    StorySort,
    entity_type,
    event_type,
)
from .reading import digest_page
from .timeline import entry_day

# Endpoints return JSONResponse: the data is already JSON-ready (``to_dict``), so FastAPI's generic
# encoder pass over large analyses is skipped.
router = APIRouter(prefix="/api", tags=["api"], default_response_class=JSONResponse)


def store_of(request: Request) -> Any:
    return request.app.state.store


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of a list endpoint: the items and where the next page starts."""
    return {"items": to_dict(items), "limit": limit, "offset": offset, "count": len(items),
            "next_offset": offset + limit if len(items) == limit else None}


def load_article(store: Any, article_id: str) -> tuple[Article, Analysis | None]:
    """A stored article and its analysis; 404 when the id is unknown."""
    analysis = store.get_analysis(article_id)
    # The analysis carries its article: one read of the row instead of two for analysed articles.
    article = analysis.article if analysis and analysis.article else store.get_article(article_id)
    if article is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return article, analysis


def article_record(store: Any, article_id: str) -> dict[str, Any]:
    """One stored article with its analysis and duplicates, as JSON."""
    article, analysis = load_article(store, article_id)
    return {
        "id": article_id,
        "article": to_dict(article),
        "entities": to_dict(analysis.entities) if analysis else [],
        "quotes": to_dict(analysis.quotes) if analysis else [],
        "timexes": to_dict(analysis.timexes) if analysis else [],
        "events": to_dict(analysis.events) if analysis else [],
        "flags": list(analysis.flags) if analysis else ["not_analysed"],
        "duplicates": to_dict(store.duplicates_of(article_id)),
    }


def entity_record(store: Any, entity_id: str, limit: int = 50) -> dict[str, Any]:
    """A cross-document entity with its quotes and events; 404 when the id is unknown."""
    entity = store.entity(entity_id)
    if entity is None:
        raise ApiError(404, f"no entity with id {entity_id!r}")
    name = entity.get("name") or entity_id
    return {"entity": to_dict(entity),
            "quotes": to_dict(store.quotes(speaker=name, limit=limit, speech_only=True)),
            "events": to_dict(store.events(entity=name, limit=limit))}


def story_or_404(store: Any, story_id: str) -> Any:
    story = store.story(story_id)
    if story is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    return story


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return JSONResponse(page(store_of(request).articles(limit=limit, offset=offset), limit, offset))


@router.get("/articles/{article_id}", summary="One article with entities, quotes, timexes, events and evidence")
def get_article(request: Request, article_id: ItemId) -> JSONResponse:
    return JSONResponse(article_record(store_of(request), article_id))


@router.get("/search", summary="Full-text search over articles and quotes")
def search(request: Request, q: SearchText, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    if not parse_query(q):
        raise ApiError(422, "nothing to search for in q: give a word that must match (-word only leaves out)")
    return JSONResponse(page(store_of(request).search(q, limit=limit, offset=offset), limit, offset))


@router.get("/quotes", summary="Quotes, filtered by speaker and by words in the quote")
def list_quotes(request: Request, speaker: OptionalText = None, q: OptionalText = None,
                limit: Limit = 50, offset: Offset = 0, stance: bool = False) -> JSONResponse:
    """Speech only, unless ``stance`` also asks for attributed beliefs, intentions and findings."""
    rows = store_of(request).quotes(speaker=speaker or None, about=q or None, limit=limit, offset=offset,
                                    speech_only=not stance)
    return JSONResponse(page(rows, limit, offset))


@router.get("/events", summary="Events, filtered by entity, type and date range")
def list_events(request: Request, entity: OptionalText = None, type: OptionalText = None,
                date_from: DateFrom = None, date_to: DateTo = None,
                limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    for label, value in (("from", date_from), ("to", date_to)):
        if value and entry_day(value) is None:
            raise ApiError(422, f"{label} is not a valid date: {value!r}")
    rows = store_of(request).events(entity=entity or None, type=event_type(type), date_from=date_from,
                                    date_to=date_to, limit=limit, offset=offset)
    return JSONResponse(page(rows, limit, offset))


@router.get("/entities", summary="Entities, filtered by type and name")
def list_entities(request: Request, type: OptionalText = None, name: OptionalText = None,
                  limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    rows = store_of(request).entities(type=entity_type(type), name=name or None, limit=limit, offset=offset)
    return JSONResponse(page(rows, limit, offset))


@router.get("/entities/{entity_id}", summary="One entity with its roles, quotes and events")
def get_entity(request: Request, entity_id: ItemId) -> JSONResponse:
    return JSONResponse(entity_record(store_of(request), entity_id))


@router.get("/stories", summary="Stories, latest article first (or the biggest first with sort=size)")
def list_stories(request: Request, limit: Limit = 50, offset: Offset = 0, sort: StorySort = "recent") -> JSONResponse:
    return JSONResponse(page(ranked_stories(store_of(request), sort, limit, offset), limit, offset))


def ranked_stories(store: Any, sort: str, limit: int, offset: int) -> list:
    """Stories by their latest article (``recent``) or by their number of articles (``size``)."""
    if sort == "size":
        return store.stories_by_size(limit=limit, offset=offset)
    return store.stories(limit=limit, offset=offset)


@router.get("/stories/{story_id}", summary="One story: articles, participants, quotes and timeline")
def get_story(request: Request, story_id: ItemId) -> JSONResponse:
    return JSONResponse(to_dict(story_or_404(store_of(request), story_id)))


@router.get("/stories/{story_id}/timeline", summary="A story's timeline: dated entries in order, then undated")
def get_timeline(request: Request, story_id: ItemId) -> JSONResponse:
    story = story_or_404(store_of(request), story_id)
    dated = sorted((e for e in story.timeline if entry_day(e.date)), key=lambda e: entry_day(e.date))
    undated = [e for e in story.timeline if not entry_day(e.date)]
    return JSONResponse({"id": story.id, "title": story.title, "timeline": to_dict(dated + undated)})


class ReadRequest(BaseModel):
    """A page to analyse: exactly one of ``html``, ``text`` or (when the server allows it) ``url``."""

    model_config = ConfigDict(extra="forbid")
    html: str | None = Field(None, description="The page's HTML.")
    text: str | None = Field(None, description="Plain text or a scraped text dump.")
    url: str | None = Field(None, max_length=2000, description="Fetched only when the server runs with --allow-fetch.")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", description="Anchor date for relative times.")

    @model_validator(mode="after")
    def _one_source(self) -> ReadRequest:
        given = [name for name in ("html", "text") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError("give either html or text, not both")
        if not given and not self.url:
            raise ValueError("give html, text or url")
        if self.published and entry_day(self.published) is None:
            raise ValueError("published is not a valid date")
        return self


@router.post("/read", summary="Analyse a posted page without storing it (same JSON as `digest --json`)")
def read_page(request: Request, body: ReadRequest) -> JSONResponse:
    content = body.html if body.html is not None else body.text
    if content is not None:
        if not content.strip():
            raise ApiError(422, "the page is empty")
        analysis = digest_page(content.encode("utf-8", "replace"), url=body.url, published=body.published)
        return JSONResponse(digest_dict(analysis))
    if not request.app.state.allow_fetch:
        raise ApiError(403, "this server does not fetch URLs (start it with --allow-fetch)")
    fetched = fetch_public_page(body.url, max_bytes=request.app.state.max_page_bytes)
    return JSONResponse(digest_dict(digest_page(fetched.content, url=fetched.url, published=body.published)))
