"""The HTTP API and web UI over a Storyline store: ``create_app(db)`` builds the FastAPI app."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
