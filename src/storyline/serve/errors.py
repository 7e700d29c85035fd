"""Every failure becomes a JSON error (API) or an error page (web), never a bare 500 traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.errors import StoreError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """A request we refuse, with the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": message, "status": status}
    if detail is not None:
        body["detail"] = detail
    return body


_API_PATHS = ("/api/", "/openapi.json", "/docs", "/redoc")


def _wants_html(request: Request) -> bool:
    """The API answers errors in JSON; every other path is a web page, whose errors are an HTML page
    (whatever the client accepts, as with curl's */*) unless the client asks for JSON alone."""
    if request.url.path.startswith(_API_PATHS):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/json" not in accept


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Drop the echoed input: it can be large, and it is the client's own data anyway.
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()]


def install_error_handlers(app: FastAPI, render_error_page) -> None:
    """Register handlers so every error answers with a JSON body or the HTML error page."""

    def respond(request: Request, status: int, message: str, detail: Any = None) -> Response:
        if _wants_html(request):
            return render_error_page(request, status, message)
        return JSONResponse(error_body(status, message, detail), status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, "invalid request", _validation_detail(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        response = respond(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(StoreError)
    @app.exception_handler(OperationalError)
    async def _store_unavailable(request: Request, exc: Exception) -> Response:
        # A locked or unreachable database is the server's condition, not the client's fault: retry later.
        log.warning("store unavailable on %s: %s", request.url.path, exc)
        response = respond(request, 503, "the store is unavailable; retry shortly")
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return respond(request, 500, "internal error")
