"""The local executor: batches of pages through the stage runner, in this process or in a pool of worker
processes (spaCy loaded once in each), in order and with bounded read-ahead."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from ..model import Page
from .stages import Outcome, process_pages


def run_batches(batches: Iterator[list[Page]], workers: int, batch_size: int,
                max_chars: int | None = None) -> Iterator[list[Outcome]]:
    """Process batches in order: here when ``workers`` is 1, else in that many processes (spaCy loaded once each).
    ``max_chars`` caps each page's analysis (see :func:`~storyline.pipeline.stages.process_pages`)."""
    if workers <= 1:
        for batch in batches:
            yield process_pages(batch, batch_size, max_chars)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_load_model) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(process_pages, batch, batch_size, max_chars))
            if len(pending) >= 2 * workers:  # bounded read-ahead: memory stays flat on huge sources
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _load_model() -> None:
    from ..analyze.nlp import get_nlp

    get_nlp()
