"""CLI commands for the serve stage: ``storyline serve`` runs the web UI and HTTP API."""

from __future__ import annotations

import typer

from .common import DB_OPTION, console, open_store


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the app."""

    @app.command()
    def serve(
        db: str = DB_OPTION,
        host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 for every interface)."),
        port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
        allow_fetch: bool = typer.Option(
            False, "--allow-fetch",
            help="Let /api/read and the paste form download public URLs (never private or loopback addresses).",
        ),
    ) -> None:
        """Serve the web UI and HTTP API (read-only) over a store; the API's OpenAPI schema is at /openapi.json."""
        import uvicorn

        from ..serve import create_app

        web_app = create_app(open_store(db), allow_fetch=allow_fetch)
        console.print(f"Storyline on http://{host}:{port}/  (API: /openapi.json, browsable at /docs)"
                      f"{'  fetching enabled' if allow_fetch else ''}", highlight=False)
        uvicorn.run(web_app, host=host, port=port, log_level="info")
