"""The pipeline: one stage runner (read → analyze, per batch of pages) and its executors.

``stages.process_pages`` is the runner; ``local.run_batches`` runs it here or in worker processes,
``ingest.ingest`` feeds it from sources and commits its outcomes to a store (then links stories), and
``storyline.scale`` runs the very same function on Ray. ``stages.digest_page`` serves one page without
storing it (the web server's "paste a page").
"""

from __future__ import annotations

__all__ = ["digest_page", "ingest", "process_pages", "run_batches"]


def __getattr__(name: str):
    # Lazy, so that importing the package does not load spaCy or the store.
    if name == "ingest":
        from .ingest import ingest

        return ingest
    if name == "run_batches":
        from .local import run_batches

        return run_batches
    if name in ("process_pages", "digest_page"):
        from . import stages

        return getattr(stages, name)
    raise AttributeError(name)
