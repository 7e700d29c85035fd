"""The web pages: home, articles, entities, stories with their timeline, search, and "paste a page"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from .annotate import article_view
from .api import entity_record, load_article, story_or_404
from .errors import ApiError
from .fetch import fetch_public_page
from .params import ItemId, Limit, Offset, OptionalText, entity_type
from .reading import digest_page
from .timeline import timeline_view

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    context.setdefault("allow_fetch", request.app.state.allow_fetch)
    return request.app.state.templates.TemplateResponse(request, template, context)


def pager(request: Request, limit: int, offset: int, count: int) -> dict[str, str | None]:
    """Links to the previous and next page of a list, keeping the other query parameters."""
    def at(new_offset: int) -> str:
        return str(request.url.include_query_params(offset=new_offset, limit=limit))
    return {"prev": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if count == limit else None}


@router.get("/")
def home(request: Request) -> HTMLResponse:
    store = request.app.state.store
    return render(request, "home.html", stories=store.stories(limit=12), articles=store.articles(limit=15))


@router.get("/articles")
def articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    rows = request.app.state.store.articles(limit=limit, offset=offset)
    return render(request, "articles.html", articles=rows, pager=pager(request, limit, offset, len(rows)))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: ItemId) -> HTMLResponse:
    store = request.app.state.store
    art, analysis = load_article(store, article_id)
    view = article_view(analysis, art.blocks if analysis and analysis.text == art.text else None) if analysis else None
    return render(request, "article.html", id=article_id, article=art, view=view,
                  flags=analysis.flags if analysis else ["not_analysed"],
                  duplicates=store.duplicates_of(article_id))


@router.get("/entities")
def entities(request: Request, type: OptionalText = None, name: OptionalText = None,
             limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    rows = request.app.state.store.entities(type=entity_type(type), name=name or None, limit=limit, offset=offset)
    return render(request, "entities.html", entities=rows, name=name or "", type=type or "",
                  pager=pager(request, limit, offset, len(rows)))


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: ItemId) -> HTMLResponse:
    store = request.app.state.store
    record = entity_record(store, entity_id, limit=200)
    quotes = sorted(record["quotes"], key=lambda q: str(q.get("published") or ""))
    return render(request, "entity.html", entity=record["entity"], quotes=quotes, events=record["events"],
                  articles=_titled(store, record["entity"].get("article_ids") or [], record["quotes"] + record["events"]))


def _titled(store: Any, article_ids: list[str], rows: list[dict], most: int = 50,
            lookups: int = 10) -> list[tuple[str, str]]:
    """(id, title) for an entity's articles: titles from its quote and event rows, a few looked up."""
    titles = {row["article_id"]: row.get("title") for row in rows if row.get("article_id")}
    out = []
    for article_id in article_ids[:most]:
        if not titles.get(article_id) and lookups > 0:
            lookups -= 1  # bounded, so an entity in many articles still answers quickly
            article = store.get_article(article_id)
            titles[article_id] = article.title if article else None
        out.append((article_id, titles.get(article_id) or article_id))
    return out


@router.get("/stories")
def stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    rows = request.app.state.store.stories(limit=limit, offset=offset)
    return render(request, "stories.html", stories=rows, pager=pager(request, limit, offset, len(rows)))


@router.get("/stories/{story_id}")
def story(request: Request, story_id: ItemId) -> HTMLResponse:
    found = story_or_404(request.app.state.store, story_id)
    return render(request, "story.html", story=found, timeline=timeline_view(found))


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=500), limit: Limit = 20,
           offset: Offset = 0) -> HTMLResponse:
    """Results grouped by article, so one article's many quotes do not push the others off the page;
    ``limit`` and ``offset`` count articles."""
    from ..store.search import articles_page

    query = q.strip()
    store = request.app.state.store
    shown, more = articles_page(store.search, query, limit, offset) if query else ([], False)
    quotes = store.quotes(about=query, limit=10, speech_only=True) if query and offset == 0 else []
    return render(request, "search.html", q=query, articles=shown, quotes=quotes,
                  pager=pager(request, limit, offset, limit if more else len(shown)))


@router.get("/read")
def read_form(request: Request) -> HTMLResponse:
    return render(request, "read.html", page="", url="", view=None, analysis=None)


@router.post("/read")
def read_submit(request: Request, page: str = Form("", max_length=2_000_000),
                url: str = Form("", max_length=2000)) -> HTMLResponse:
    if page.strip():
        analysis = digest_page(page.encode("utf-8", "replace"), url=url.strip() or None)
    elif url.strip():
        if not request.app.state.allow_fetch:
            raise ApiError(403, "this server does not fetch URLs (start it with --allow-fetch)")
        fetched = fetch_public_page(url.strip(), max_bytes=request.app.state.max_page_bytes)
        analysis = digest_page(fetched.content, url=fetched.url)
    else:
        raise ApiError(422, "paste a page (HTML or text) first")
    blocks = analysis.article.blocks if analysis.article and analysis.article.text == analysis.text else None
    return render(request, "read.html", page=page, url=url, view=article_view(analysis, blocks),
                  analysis=analysis, article=analysis.article)
