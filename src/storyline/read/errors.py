"""The one error the reader raises: input it cannot turn into an Article."""

from __future__ import annotations


class ReadError(ValueError):
    """Unusable input (missing file, binary data, network failure); the message names the input."""
