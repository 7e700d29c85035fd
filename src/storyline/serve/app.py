"""The FastAPI app factory: the store, the JSON API, the web pages, limits and error handling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from . import api, pages
from .errors import install_error_handlers
from .filters import FILTERS
from .middleware import BodySizeLimit, SecurityHeaders

HERE = Path(__file__).parent
MAX_BODY_BYTES = 2_000_000  # a posted page: generous for HTML, small enough to parse in a request
MAX_PAGE_BYTES = 5_000_000  # a fetched page (with --allow-fetch)


def templates_env() -> jinja2.Environment:
    """Jinja2 with autoescaping on for every template: nothing from an article is ever markup."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.filters.update(FILTERS)
    return env


def open_store(db: Any) -> Any:
    """A store object as given, or the Store at a path or URL, opened read-only (the app never writes)."""
    if not isinstance(db, (str, Path)):
        return db
    from ..store import Store

    return Store(str(db), read_only=True)


def create_app(db: Any, *, allow_fetch: bool = False, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The web UI and HTTP API over the store at ``db`` (a path, a URL, or an opened store).

    The app only reads the store. With ``allow_fetch`` it may download a public URL posted to
    ``/api/read`` or the paste form; it never fetches private or loopback addresses.
    """
    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="News as structured, linked stories: articles, entities, quotes, time expressions, events.",
    )
    app.state.store = open_store(db)
    app.state.allow_fetch = allow_fetch
    app.state.max_page_bytes = MAX_PAGE_BYTES
    templates = Jinja2Templates(env=templates_env())
    app.state.templates = templates

    def render_error_page(request: Request, status: int, message: str):
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    install_error_handlers(app, render_error_page)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
